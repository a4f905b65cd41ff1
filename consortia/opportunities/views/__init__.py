"""The opportunities app's pages, one module per area; importing them registers their record types."""

from consortia.opportunities.views import decisions, imports, interests, matching, notices, pipeline

AREAS = (notices, imports, pipeline, decisions, interests, matching)
