"""The members app's serializers, one module per area."""
