from django.urls import path

from consortia.portal import bids, opportunities, views

app_name = "portal"
urlpatterns = [
    path("", views.Home.as_view(), name="home"),
    path("profile/", views.Profile.as_view(), name="profile"),
    path("profile/edit/", views.ProfileEdit.as_view(), name="profile_edit"),
    path("contacts/", views.Contacts.as_view(), name="contacts"),
    path("contacts/add/", views.ContactEdit.as_view(), name="contact_add"),
    path("contacts/<int:pk>/edit/", views.ContactEdit.as_view(), name="contact_edit"),
    path("contacts/<int:pk>/delete/", views.ContactDelete.as_view(), name="contact_delete"),
    path("capabilities/", views.Capabilities.as_view(), name="capabilities"),
    path("capabilities/add/", views.CapabilityEdit.as_view(), name="capability_add"),
    path("capabilities/<int:pk>/edit/", views.CapabilityEdit.as_view(), name="capability_edit"),
    path("capabilities/<int:pk>/delete/", views.CapabilityDelete.as_view(), name="capability_delete"),
    path("quality-marks/add/", views.QualityMarkEdit.as_view(), name="qualitymark_add"),
    path("quality-marks/<int:pk>/edit/", views.QualityMarkEdit.as_view(), name="qualitymark_edit"),
    path("quality-marks/<int:pk>/delete/", views.QualityMarkDelete.as_view(), name="qualitymark_delete"),
    path("case-studies/add/", views.CaseStudyEdit.as_view(), name="casestudy_add"),
    path("case-studies/<int:pk>/edit/", views.CaseStudyEdit.as_view(), name="casestudy_edit"),
    path("case-studies/<int:pk>/delete/", views.CaseStudyDelete.as_view(), name="casestudy_delete"),
    path("evidence/", views.EvidenceList.as_view(), name="evidence"),
    path("evidence/requirements/<int:pk>/", views.EvidenceUpload.as_view(), name="evidence_upload"),
    path("evidence/<int:pk>/download/", views.EvidenceDownload.as_view(), name="evidence_download"),
    path("membership/", views.MembershipPage.as_view(), name="membership"),
    path("opportunities/", opportunities.Opportunities.as_view(), name="opportunities"),
    path("opportunities/<int:pk>/", opportunities.OpportunityPage.as_view(), name="opportunity"),
    path("notices/", opportunities.Notices.as_view(), name="notices"),
    path("bids/", bids.Bids.as_view(), name="bids"),
    path("bids/questions/<int:pk>/", bids.AnswerPage.as_view(), name="bid_question"),
]
