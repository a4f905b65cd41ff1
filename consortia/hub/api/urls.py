"""The hub's API routes; `consortia.api` gathers every app's `routes`."""

from consortia.hub.api.views import agreement, appraisal, delivery, plan, standards, workplan

routes = [
    *appraisal.routes,
    *delivery.routes,
    *agreement.routes,
    *standards.routes,
    *workplan.routes,
    *plan.routes,
]
