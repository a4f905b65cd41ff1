"""The people app's pages, one module per area; importing them registers their record types."""

from consortia.people.views import interests, recruitment, register, roles, staff, time

AREAS = (roles, recruitment, staff, time, interests, register)
