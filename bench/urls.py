"""The product's URLs plus the benchmark's admin site."""

from django.urls import path

from bench.admin import bench_admin_site
from consortia.config.urls import urlpatterns as product_urlpatterns

urlpatterns = [*product_urlpatterns, path("bench-admin/", bench_admin_site.urls)]
