"""The hub's pages, one module per area; importing them registers their record types."""

from consortia.hub.views import agreement, appraisal, delivery, home, plan, standards, workplan

AREAS = (home, appraisal, delivery, agreement, standards, workplan, plan)
