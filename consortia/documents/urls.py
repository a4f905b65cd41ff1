from django.urls import path

from consortia.documents import views

app_name = "documents"

urlpatterns = [
    *views.GeneratedDocumentViews.urls(),
    path("documents/<int:pk>/download/", views.DownloadView.as_view(), name="generateddocument_download"),
]
