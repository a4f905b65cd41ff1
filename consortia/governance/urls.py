from consortia.governance.views import urlpatterns

app_name = "governance"
__all__ = ["urlpatterns"]
