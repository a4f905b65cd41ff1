"""Who a drop-down of people offers: the hub's own people to hub staff, whether or not they may
manage user accounts; never another organisation's users; a member's user only themselves."""

from __future__ import annotations

from consortia.contracts.forms.contracts import ContractForm
from consortia.users.models import User
from consortia.users.testing import Personas


def offered(user: User) -> set[str]:
    return {person.email for person in ContractForm(user=user).fields["manager"].queryset}


def test_hub_staff_without_the_user_accounts_right_can_pick_the_hubs_people(personas: Personas) -> None:
    hub_people = {"manager@hub.test", "bids@hub.test", "chair@hub.test", "auditor@hub.test", "nobody@hub.test",
                  "contracts@hub.test", "finance@hub.test"}  # fmt: skip
    assert not personas.contracts_officer.has_perm("users.view_user")
    assert offered(personas.contracts_officer) == hub_people
    assert offered(personas.manager) == hub_people  # member organisations' users are not the hub's people


def test_a_member_user_is_offered_only_themselves_and_the_roleless_nobody(personas: Personas) -> None:
    assert {user.email for user in User.objects.all().choices_for(personas.member_a)} == {"user@alpha.test"}
    assert not User.objects.all().choices_for(personas.nobody).exists()


def test_someone_who_has_left_is_not_offered_but_stays_on_the_records_naming_them(personas: Personas) -> None:
    from consortia.contracts.tests import factories

    left = personas.bid_writer
    left.is_active = False
    left.save()
    assert "bids@hub.test" not in offered(personas.contracts_officer)
    contract = factories.contract(manager=left)
    editing = ContractForm(instance=contract, user=personas.contracts_officer).fields["manager"].queryset
    assert {person.email for person in editing} == offered(personas.contracts_officer) | {"bids@hub.test"}


def test_the_api_keeps_the_person_a_record_names_and_offers_only_active_people(personas: Personas) -> None:
    from django.test import RequestFactory

    from consortia.contracts.api.serializers.contracts import ContractSerializer
    from consortia.contracts.tests import factories

    left = personas.bid_writer
    left.is_active = False
    left.save()
    request = RequestFactory().get("/")
    request.user = personas.contracts_officer
    contract = factories.contract(manager=left)
    kept = ContractSerializer(contract, context={"request": request}).fields["manager"].queryset
    assert left in kept
    fresh = ContractSerializer(context={"request": request}).fields["manager"].queryset
    assert left not in fresh
    assert personas.manager in fresh
