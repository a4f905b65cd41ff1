"""API serializers of the hub's functions, tasks, deliverers and allocations."""

from __future__ import annotations

from rest_framework import serializers

from consortia.core.api import BaseModelSerializer
from consortia.directory.models import Organisation
from consortia.hub.forms.delivery import HubTaskForm, TaskAllocationForm
from consortia.hub.models import Deliverer, HubFunction, HubTask, TaskAllocation
from consortia.people.models import JobRole

STAMPS = ["created", "updated"]


class HubFunctionSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:hubfunction-detail")

    class Meta:
        model = HubFunction
        fields = ["id", "url", "display", "code", "name", "purpose", "order", *STAMPS]

    def validate_code(self, value: str) -> str:
        if self.instance is not None and value != self.instance.code:
            raise serializers.ValidationError("A function's code is fixed once it exists.")
        return value


class HubTaskSerializer(BaseModelSerializer):
    form_class = HubTaskForm
    url = serializers.HyperlinkedIdentityField(view_name="api:hubtask-detail")
    function = serializers.PrimaryKeyRelatedField(queryset=HubFunction.objects.all())

    class Meta:
        model = HubTask


class DelivererSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:deliverer-detail")
    job_role = serializers.PrimaryKeyRelatedField(queryset=JobRole.objects.all(), required=False, allow_null=True)
    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), required=False, allow_null=True
    )
    capacity = serializers.DecimalField(max_digits=7, decimal_places=1, read_only=True, allow_null=True)

    class Meta:
        model = Deliverer
        fields = [
            "id",
            "url",
            "display",
            "kind",
            "name",
            "job_role",
            "organisation",
            "hours_per_month",
            "capacity",
            *STAMPS,
        ]


class TaskAllocationSerializer(BaseModelSerializer):
    form_class = TaskAllocationForm
    url = serializers.HyperlinkedIdentityField(view_name="api:taskallocation-detail")
    task = serializers.PrimaryKeyRelatedField(queryset=HubTask.objects.all())
    deliverer = serializers.PrimaryKeyRelatedField(queryset=Deliverer.objects.all())

    class Meta:
        model = TaskAllocation
