"""The members app's pages, one module per area; importing them registers their record types."""

from consortia.members.views import applications, capabilities, diligence, membership

AREAS = (applications, membership, capabilities, diligence)
