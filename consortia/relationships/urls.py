from consortia.relationships.views import urlpatterns

app_name = "relationships"
__all__ = ["urlpatterns"]
