"""Template helpers of the people app."""
