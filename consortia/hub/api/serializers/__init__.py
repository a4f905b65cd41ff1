"""The hub's api serializers modules, one per area."""
