"""Forms of the relationships app."""

from __future__ import annotations

from typing import Any

from consortia.core.forms import BaseModelForm
from consortia.directory.choices import OrganisationRoleCode
from consortia.relationships.models import EngagementPlan, FollowUp, Interaction


def _commissioners_only(field: Any) -> None:
    field.queryset = field.queryset.filter(roles__code=OrganisationRoleCode.COMMISSIONER).distinct()


def contacts_error(commissioner: Any, contacts: Any) -> str | None:
    """The message when a named contact does not work for the commissioner, else None."""
    strangers = [contact for contact in contacts if contact.organisation_id != getattr(commissioner, "pk", None)]
    if not strangers:
        return None
    names = ", ".join(str(contact) for contact in strangers)
    return (
        f"Name only {commissioner}'s own people here: {names} {'works' if len(strangers) == 1 else 'work'} elsewhere."
    )


class EngagementPlanForm(BaseModelForm):
    fieldsets = [
        ("The commissioner", ["commissioner", "is_current", "owner", "review_on"]),
        ("On the stakeholder map", ["influence", "interest"]),
        ("The relationship", ["objectives", "health", "health_note"]),
    ]

    class Meta:
        model = EngagementPlan
        fields = [
            "commissioner",
            "is_current",
            "influence",
            "interest",
            "objectives",
            "owner",
            "health",
            "health_note",
            "review_on",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _commissioners_only(self.fields["commissioner"])


class InteractionForm(BaseModelForm):
    class Meta:
        model = Interaction
        fields = ["commissioner", "kind", "date", "title", "hub_attendees", "contacts", "notes"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _commissioners_only(self.fields["commissioner"])
        contacts: Any = self.fields["contacts"]
        contacts.queryset = (
            contacts.queryset.filter(organisation__roles__code=OrganisationRoleCode.COMMISSIONER)
            .select_related("organisation")
            .distinct()
        )
        contacts.label_from_instance = lambda contact: f"{contact} ({contact.organisation})"

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        commissioner, contacts = data.get("commissioner"), data.get("contacts")
        if commissioner is not None and contacts:
            message = contacts_error(commissioner, contacts)
            if message:
                self.add_error("contacts", message)
        return data


class FollowUpForm(BaseModelForm):
    class Meta:
        model = FollowUp
        fields = ["interaction", "description", "owner", "due_on", "done_on"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        interaction: Any = self.fields["interaction"]
        interaction.queryset = interaction.queryset.select_related("commissioner")
        interaction.label_from_instance = lambda row: f"{row.commissioner}: {row} ({row.date:%d/%m/%Y})"
