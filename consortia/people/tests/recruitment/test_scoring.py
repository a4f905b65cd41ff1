"""Scoring applicants against the person specification: the service, the score sheet and its page."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from consortia.core.testing.views import queries_for
from consortia.people.choices import ApplicationStage, VacancyStatus
from consortia.people.models import Application, Assessment
from consortia.people.services import recruitment as services
from consortia.people.tests.recruitment.factories import ApplicationFactory, Recruitment, recruitment
from consortia.users import roles
from consortia.users.testing import Personas, make_user

ClientFor = Callable[..., Client]


@pytest.fixture
def r(personas: Personas) -> Recruitment:
    return recruitment(personas)


def scores(r: Recruitment, **by_name: tuple[int, int]) -> dict[tuple[Application, object], int]:
    """{(application, criterion): score} from ann=(essential, desirable) style arguments."""
    cells: dict[tuple[Application, object], int] = {}
    for name, (essential, desirable) in by_name.items():
        application = getattr(r, name)
        cells[(application, r.essential)] = essential
        cells[(application, r.desirable)] = desirable
    return cells


def test_panel_members_score_and_the_sheet_totals_and_flags(r: Recruitment, personas: Personas) -> None:
    services.record_assessments(r.vacancy, personas.manager, "shortlisting", scores(r, ann=(1, 3), ben=(3, 2)))
    services.record_assessments(r.vacancy, personas.board, "shortlisting", scores(r, ann=(2, 3), ben=(2, 0)))
    rows = Assessment.objects.filter(application__vacancy=r.vacancy)
    assert rows.count() == 8
    assert rows.filter(panel_member=personas.board).first().created_by == personas.board  # type: ignore[union-attr]

    sheet = services.score_sheet(
        r.vacancy,
        "shortlisting",
        [r.ann, r.ben, r.cat],
        Assessment.objects.select_related("panel_member"),
        services.criteria_for(r.vacancy, "shortlisting"),
        r.vacancy.panel.all(),
    )
    assert [str(user) for user in sheet.scorers] == ["Chair", "Manager"]
    ann, ben, cat = sheet.rows
    assert (ann.totals, ann.average) == ([5, 4], Decimal("4.5"))
    assert ann.unmet == [r.essential]  # (1 + 2) / 2 is below 2
    assert (ben.totals, ben.average, ben.unmet) == ([2, 5], Decimal("3.5"), [])  # desirable low: not flagged
    assert (cat.totals, cat.average, cat.unmet) == ([None, None], None, [])


@pytest.mark.parametrize("bad", [5, -1, "4", "2.5", "two", True])
def test_scores_outside_the_scale_are_refused_and_nothing_is_saved(
    r: Recruitment, personas: Personas, bad: object
) -> None:
    cells = scores(r, ann=(2, 2)) | {(r.ben, r.essential): bad}
    with pytest.raises(ValidationError) as raised:
        services.record_assessments(r.vacancy, personas.board, "shortlisting", cells)
    assert "Scores run from 0 to 3" in raised.value.messages[0]
    assert "Ben Brook" in raised.value.messages[0]
    assert not Assessment.objects.exists()


def test_a_criterion_not_assessed_at_the_stage_is_refused(r: Recruitment, personas: Personas) -> None:
    with pytest.raises(ValidationError, match="not assessed at shortlisting"):
        services.record_assessments(r.ann, personas.board, "shortlisting", {r.test_only: 2})
    assert not Assessment.objects.exists()


def test_applicants_of_another_vacancy_are_refused(r: Recruitment, personas: Personas) -> None:
    stranger = ApplicationFactory()
    with pytest.raises(ValidationError, match="not one scored"):
        services.record_assessments(r.vacancy, personas.board, "shortlisting", {(stranger, r.essential): 2})


def test_only_the_panel_or_the_hub_manager_may_score(r: Recruitment, personas: Personas) -> None:
    other_board = make_user("trustee@hub.test", roles.BOARD)
    with pytest.raises(PermissionDenied, match="Only the panel"):
        services.record_assessments(r.ann, other_board, "shortlisting", {r.essential: 2})
    with pytest.raises(PermissionDenied, match="Only the panel"):
        services.record_assessments(r.ann, personas.auditor, "shortlisting", {r.essential: 2})
    with pytest.raises(PermissionDenied, match="only your own"):
        services.record_assessments(r.ann, personas.manager, "shortlisting", {r.essential: 2}, user=personas.board)
    assert not Assessment.objects.exists()
    # The hub manager may enter a panel member's scores (from their paper sheet).
    services.record_assessments(r.ann, personas.board, "shortlisting", {r.essential: 3}, user=personas.manager)
    row = Assessment.objects.get()
    assert (row.panel_member, row.created_by, row.score) == (personas.board, personas.manager, 3)


def test_a_blank_score_removes_one_and_unchanged_scores_are_not_saved_again(r: Recruitment, personas: Personas) -> None:
    services.record_assessments(r.ann, personas.board, "shortlisting", {r.essential: 2, r.desirable: 1})
    assert services.record_assessments(r.ann, personas.board, "shortlisting", {r.essential: 2, r.desirable: 1}) == 0
    assert services.record_assessments(r.ann, personas.board, "shortlisting", {r.essential: "", r.desirable: 1}) == 1
    assert list(Assessment.objects.values_list("criterion", flat=True)) == [r.desirable.pk]
    assert Assessment.history.count() == 3  # two created, one deleted; nothing for the unchanged save


def test_interview_scores_cover_interview_and_test_criteria_and_mark_the_interview(
    r: Recruitment, personas: Personas
) -> None:
    Application.objects.filter(pk=r.ann.pk).update(stage=ApplicationStage.SHORTLISTED)
    with pytest.raises(ValidationError, match="not assessed at interview"):
        services.record_assessments(r.vacancy, personas.board, "interview", {(r.ann, r.desirable): 2})
    with pytest.raises(ValidationError, match="not one scored at interview"):
        services.record_assessments(r.vacancy, personas.board, "interview", {(r.ben, r.essential): 2})
    services.record_assessments(
        r.vacancy, personas.board, "interview", {(r.ann, r.essential): 2, (r.ann, r.test_only): 3}
    )
    r.ann.refresh_from_db()
    assert r.ann.stage == ApplicationStage.INTERVIEWED


def test_scores_are_closed_once_the_vacancy_is_filled(r: Recruitment, personas: Personas) -> None:
    r.vacancy.status = VacancyStatus.FILLED
    r.vacancy.save()
    with pytest.raises(ValidationError, match="Scoring is closed"):
        services.record_assessments(r.ann, personas.board, "shortlisting", {r.essential: 2})


def test_board_members_change_only_their_own_scores(r: Recruitment, personas: Personas) -> None:
    services.record_assessments(r.ann, personas.manager, "shortlisting", {r.essential: 2})
    services.record_assessments(r.ann, personas.board, "shortlisting", {r.essential: 1})
    own = Assessment.objects.get(panel_member=personas.board)
    assert list(Assessment.objects.restrict(personas.board, "change")) == [own]
    assert list(Assessment.objects.restrict(personas.board, "delete")) == [own]
    assert Assessment.objects.restrict(personas.board, "view").count() == 2
    assert Assessment.objects.restrict(personas.manager, "change").count() == 2


def test_shortlisting_is_the_hub_managers(r: Recruitment, personas: Personas) -> None:
    with pytest.raises(PermissionDenied):
        services.record_shortlisting(r.vacancy, {r.ann.pk: "shortlisted"}, personas.board)
    services.record_shortlisting(
        r.vacancy, {r.ann.pk: "shortlisted", r.ben.pk: "not_shortlisted", r.cat.pk: ""}, personas.manager
    )
    stages = dict(Application.objects.values_list("first_name", "stage"))
    assert stages == {"Ann": "shortlisted", "Ben": "not_shortlisted", "Cat": "received"}
    with pytest.raises(ValidationError, match="not a shortlisting decision"):
        services.record_shortlisting(r.vacancy, {r.cat.pk: "appointed"}, personas.manager)


# -- the page ---------------------------------------------------------------------------------------


def shortlisting_url(r: Recruitment) -> str:
    return reverse("people:vacancy_shortlisting", args=[r.vacancy.pk])


def grid_post(r: Recruitment, cells: dict[tuple[Application, object], object], **extra: str) -> dict[str, object]:
    data: dict[str, object] = {"_action": "scores", **extra}
    for (application, criterion), value in cells.items():
        data[f"score-{application.pk}-{criterion.pk}"] = value  # type: ignore[attr-defined]
    return data


def test_a_panel_member_scores_in_one_grid(r: Recruitment, personas: Personas, client_for: ClientFor) -> None:
    client = client_for(personas.board)
    page = client.get(shortlisting_url(r)).content.decode()
    assert "Your scores" in page
    assert f'name="score-{r.ann.pk}-{r.essential.pk}"' in page
    assert f'name="score-{r.ann.pk}-{r.test_only.pk}"' not in page  # tested only: not at shortlisting
    assert "Save the shortlist" not in page  # the hub manager's

    response = client.post(shortlisting_url(r), grid_post(r, scores(r, ann=(3, 2), ben=(1, 0))))
    assert response.status_code == 302
    assert Assessment.objects.filter(panel_member=personas.board).count() == 4
    page = client.get(shortlisting_url(r)).content.decode()
    assert '<option value="3" selected>3: exceeded</option>' in page
    assert "Not met</span>" in page  # Ben's essential criterion averages 1


def test_the_page_refuses_a_score_outside_the_scale(r: Recruitment, personas: Personas, client_for: ClientFor) -> None:
    response = client_for(personas.board).post(shortlisting_url(r), grid_post(r, {(r.ann, r.essential): "7"}))
    assert response.status_code == 422
    assert "Scores run from 0 to 3" in response.content.decode()
    assert not Assessment.objects.exists()


def test_the_hub_manager_enters_a_panel_members_scores_and_decides_the_shortlist(
    r: Recruitment, personas: Personas, client_for: ClientFor
) -> None:
    client = client_for(personas.manager)
    page = client.get(shortlisting_url(r) + f"?panel_member={personas.board.pk}").content.decode()
    assert "Scores of Chair" in page
    client.post(shortlisting_url(r), grid_post(r, {(r.ann, r.essential): 2}, panel_member=str(personas.board.pk)))
    assert Assessment.objects.get().panel_member == personas.board

    response = client.post(
        shortlisting_url(r),
        {"_action": "decisions", f"decision-{r.ann.pk}": "shortlisted", f"decision-{r.ben.pk}": "not_shortlisted"},
    )
    assert response.status_code == 302
    r.ann.refresh_from_db()
    r.ben.refresh_from_db()
    assert (r.ann.stage, r.ben.stage) == ("shortlisted", "not_shortlisted")
    interviews = client.get(reverse("people:vacancy_interviews", args=[r.vacancy.pk])).content.decode()
    assert "Ann Able" in interviews
    assert "Ben Brook" not in interviews
    assert f'name="score-{r.ann.pk}-{r.test_only.pk}"' in interviews
    assert f'name="score-{r.ann.pk}-{r.desirable.pk}"' not in interviews


def test_read_only_users_see_the_totals_but_cannot_score_or_shortlist(
    r: Recruitment, personas: Personas, client_for: ClientFor
) -> None:
    services.record_assessments(r.ann, personas.board, "shortlisting", {r.essential: 2})
    outsider = make_user("trustee@hub.test", roles.BOARD)  # a board member who is not on this panel
    for persona in (personas.auditor, personas.bid_writer, outsider):
        client = client_for(persona)
        page = client.get(shortlisting_url(r))
        assert page.status_code == 200
        assert "Your scores" not in page.content.decode()
        assert client.post(shortlisting_url(r), grid_post(r, {(r.ann, r.essential): 0})).status_code == 403
        decisions = {"_action": "decisions", f"decision-{r.ann.pk}": "shortlisted"}
        assert client.post(shortlisting_url(r), decisions).status_code == 403
    assert Assessment.objects.get().score == 2
    r.ann.refresh_from_db()
    assert r.ann.stage == "received"


def test_the_pages_refuse_users_without_a_role_and_member_users(
    r: Recruitment, personas: Personas, client_for: ClientFor
) -> None:
    for persona in (personas.nobody, personas.member_a):
        client = client_for(persona)
        for name in ("vacancy_shortlisting", "vacancy_interviews"):
            url = reverse(f"people:{name}", args=[r.vacancy.pk])
            assert client.get(url).status_code in (403, 404)
            assert client.post(url, grid_post(r, {(r.ann, r.essential): 1})).status_code in (403, 404)
    assert not Assessment.objects.exists()


def test_the_score_sheet_costs_a_fixed_number_of_queries(
    r: Recruitment, personas: Personas, client_for: ClientFor
) -> None:
    client = client_for(personas.board)
    services.record_assessments(r.vacancy, personas.board, "shortlisting", scores(r, ann=(1, 1)))
    client.get(shortlisting_url(r))
    few = queries_for(client, shortlisting_url(r))
    more = [ApplicationFactory(vacancy=r.vacancy) for _ in range(6)]
    services.record_assessments(
        r.vacancy, personas.manager, "shortlisting", {(application, r.essential): 2 for application in more}
    )
    assert queries_for(client, shortlisting_url(r)) == few
    assert few == 9  # session, user, 2 × permissions, vacancy, panel, criteria, applications, scores


def test_the_assessment_form_keeps_board_members_to_their_own_panels(
    r: Recruitment, personas: Personas, client_for: ClientFor
) -> None:
    from consortia.core.testing.views import form_token

    outsider = make_user("trustee@hub.test", roles.BOARD)
    url = reverse("people:assessment_add")
    data = {"application": str(r.ann.pk), "criterion": str(r.essential.pk), "stage": "shortlisting", "score": "2"}
    client = client_for(outsider)
    response = client.post(url, data | {"panel_member": str(outsider.pk), "_token": form_token(client, url)})
    assert response.status_code == 200
    assert "Only the panel for" in response.content.decode()
    client = client_for(personas.board)
    response = client.post(url, data | {"panel_member": str(personas.manager.pk), "_token": form_token(client, url)})
    assert response.status_code == 200  # a board member cannot enter the manager's scores
    assert not Assessment.objects.exists()
    response = client.post(url, data | {"panel_member": str(personas.board.pk), "_token": form_token(client, url)})
    assert response.status_code == 302
    assert Assessment.objects.get().panel_member == personas.board


def test_nobody_signed_out_sees_any_score(r: Recruitment, personas: Personas) -> None:
    from django.contrib.auth.models import AnonymousUser

    services.record_assessments(r.ann, personas.board, "shortlisting", {r.essential: 2})
    for action in ("view", "change", "delete"):
        assert not Assessment.objects.restrict(AnonymousUser(), action).exists()
        assert not Assessment.objects.restrict(None, action).exists()
