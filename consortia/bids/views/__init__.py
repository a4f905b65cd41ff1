"""The bids app's pages, one module per area; importing them registers their record types."""

from consortia.bids.views import library, workspace

AREAS = (workspace, library)
