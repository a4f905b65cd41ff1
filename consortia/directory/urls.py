from consortia.directory.views import AreaViews, ContactViews, OrganisationViews

app_name = "directory"
urlpatterns = [*OrganisationViews.urls(), *ContactViews.urls(), *AreaViews.urls()]
