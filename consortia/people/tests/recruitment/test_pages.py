"""The vacancy and application pages: what they show, to whom, at a fixed cost."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client
from django.urls import reverse

from consortia.core.testing.views import queries_for
from consortia.people.services import recruitment as services
from consortia.people.tests.recruitment.factories import ApplicationFactory, recruitment
from consortia.users.testing import Personas

ClientFor = Callable[..., Client]


def test_vacancy_page_lists_applications_and_the_steps(personas: Personas, client_for: ClientFor) -> None:
    r = recruitment(personas)
    client = client_for(personas.manager)
    page = client.get(r.vacancy.get_absolute_url()).content.decode()  # also warms per-process caches
    assert "Applications (3)" in page
    assert "Ann Able" in page
    assert "Cat Cole" in page
    assert reverse("people:vacancy_shortlisting", args=[r.vacancy.pk]) in page
    assert reverse("people:vacancy_equal_opportunities", args=[r.vacancy.pk]) in page
    assert f"/people/applications/add/?vacancy={r.vacancy.pk}" in page
    assert "Add an application" not in client_for(personas.auditor).get(r.vacancy.get_absolute_url()).content.decode()

    r.vacancy.status = "filled"
    r.vacancy.save()
    assert "Add an application" not in client.get(r.vacancy.get_absolute_url()).content.decode()
    few = queries_for(client, r.vacancy.get_absolute_url())
    for _ in range(5):
        ApplicationFactory(vacancy=r.vacancy)
    assert queries_for(client, r.vacancy.get_absolute_url()) == few


def test_application_page_shows_each_stages_scores(personas: Personas, client_for: ClientFor) -> None:
    r = recruitment(personas)
    services.record_assessments(r.ann, personas.manager, "shortlisting", {r.essential: 1, r.desirable: 3})
    services.record_assessments(r.ann, personas.board, "shortlisting", {r.essential: 2, r.desirable: 2})
    client = client_for(personas.board)
    page = client.get(r.ann.get_absolute_url()).content.decode()
    assert "Shortlisting scores" in page
    assert "Interview scores" not in page
    assert '<th scope="row">Chair</th><td class="text-end">4</td>' in page
    assert '<th scope="row">Average</th><td class="text-end">4.0</td>' in page
    assert "Essential criteria not met" in page
    assert "Has run a consortium hub" in page
    assert "Record the offer" not in page  # the hub manager's decision

    manager = client_for(personas.manager)
    manager.get(r.ann.get_absolute_url())  # warm per-process caches
    few = queries_for(manager, r.ann.get_absolute_url())
    services.record_assessments(r.ann, personas.manager, "shortlisting", {r.essential: 3})
    assert queries_for(manager, r.ann.get_absolute_url()) == few
