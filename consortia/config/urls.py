from django.urls import include, path

from consortia.api.urls import docs_urlpatterns

urlpatterns = [
    path("", include("consortia.core.urls")),
    path("accounts/", include("consortia.users.urls")),
    path("directory/", include("consortia.directory.urls")),
    path("hub/", include("consortia.hub.urls")),
    path("people/", include("consortia.people.urls")),
    path("members/", include("consortia.members.urls")),
    path("opportunities/", include("consortia.opportunities.urls")),
    path("bids/", include("consortia.bids.urls")),
    path("contracts/", include("consortia.contracts.urls")),
    path("performance/", include("consortia.performance.urls")),
    path("finance/", include("consortia.finance.urls")),
    path("governance/", include("consortia.governance.urls")),
    path("policies/", include("consortia.policies.urls")),
    path("funding/", include("consortia.funding.urls")),
    path("relationships/", include("consortia.relationships.urls")),
    path("privacy/", include("consortia.privacy.urls")),
    path("", include("consortia.documents.urls")),
    path("portal/", include("consortia.portal.urls")),
    path("api/", include("consortia.api.urls")),
    *docs_urlpatterns,
]

# Uploaded and generated files are never served from a public /media/ address, even in
# development: each is downloaded through a view that checks who is asking.
