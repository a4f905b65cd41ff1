"""Allocating hub tasks to a job role, for the tests of roles drawn from the task allocation."""

from __future__ import annotations

from consortia.hub.choices import DelivererKind
from consortia.hub.models import Deliverer, HubFunction, HubTask, TaskAllocation
from consortia.people.models import JobRole


def deliverer_for(job_role: JobRole) -> Deliverer:
    deliverer, _ = Deliverer.objects.get_or_create(
        job_role=job_role, defaults={"kind": DelivererKind.JOB_ROLE, "name": job_role.title}
    )
    return deliverer


def allocate(
    job_role: JobRole, function_code: str, task_name: str, raci: str, order: int = 0, **extra: object
) -> TaskAllocation:
    function = HubFunction.objects.get(code=function_code)
    task, _ = HubTask.objects.get_or_create(function=function, name=task_name, defaults={"order": order, **extra})
    return TaskAllocation.objects.create(task=task, deliverer=deliverer_for(job_role), raci=raci, hours_per_month=4)
