"""The people app's api serializers modules, one per area."""
