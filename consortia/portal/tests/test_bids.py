"""Partners answer the questions assigned to them in the portal, and see nothing else of a bid."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from consortia.bids.choices import QuestionStatus
from consortia.bids.models import BidQuestion
from consortia.bids.tests import factories
from consortia.users.testing import Personas


def test_partner_answers_only_their_own_questions(personas: Personas, client_for: Callable[..., Client]) -> None:
    bid = factories.bid(personas.manager)
    alpha = factories.partner(bid, personas.org_a)
    beta = factories.partner(bid, personas.org_b)
    mine = factories.question(bid, "1", alpha, text="How will Alpha reach carers?")
    theirs = factories.question(bid, "2", beta, text="How will Beta befriend?")
    hub_only = factories.question(bid, "3", None, text="What is the hub's fee?")
    client = client_for(personas.member_a)
    listing = client.get(reverse("portal:bids")).content.decode()
    assert "How will Alpha reach carers?" in listing
    assert "Beta befriend" not in listing
    assert "hub&#x27;s fee" not in listing
    for other in (theirs, hub_only):
        assert client.get(reverse("portal:bid_question", args=[other.pk])).status_code == 404
    url = reverse("portal:bid_question", args=[mine.pk])
    page = client.get(url)
    data = {
        "answer": "We work through schools and GP surgeries.",
        "status": "review",
        "_token": page.context["guard"].token,
        "_version": page.context["guard"].versions.get("_version", ""),
    }
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302  # sent twice: saved once, no error
    mine.refresh_from_db()
    assert (mine.answer, mine.status, mine.updated_by) == (
        "We work through schools and GP surgeries.",
        "review",
        personas.member_a,
    )
    # A partner cannot make an answer final.
    page = client.get(url)
    refused = client.post(
        url,
        {
            "answer": "x",
            "status": "final",
            "_token": page.context["guard"].token,
            "_version": page.context["guard"].versions.get("_version", ""),
        },
    )
    assert refused.status_code == 200
    assert BidQuestion.objects.get(pk=mine.pk).status == QuestionStatus.REVIEW
    # Staff pages of the question are not the partner's way in, not even for their own question:
    # the staff form and the API would let them change its limits and weighting.
    assert client.get(reverse("bids:bidquestion_edit", args=[theirs.pk])).status_code in (403, 404)
    assert client.get(reverse("bids:bidquestion_edit", args=[mine.pk])).status_code == 404
    assert client.get(reverse("bids:bidquestion_delete", args=[mine.pk])).status_code in (403, 404)
    api = APIClient()
    api.force_authenticate(personas.member_a)
    assert api.patch(f"/api/bid-questions/{mine.pk}/", {"weighting": "90"}, format="json").status_code in (403, 404)
    assert client.get(reverse("bids:bidquestion_detail", args=[mine.pk])).status_code == 200
    mine.refresh_from_db()
    assert mine.weighting != 90


def test_final_answers_and_submitted_bids_are_read_only(personas: Personas, client_for: Callable[..., Client]) -> None:
    bid = factories.bid(personas.manager)
    question = factories.question(
        bid, "1", factories.partner(bid, personas.org_a), status=QuestionStatus.FINAL, answer="Done."
    )
    client = client_for(personas.member_a)
    url = reverse("portal:bid_question", args=[question.pk])
    assert "The hub has made this answer final" in client.get(url).content.decode()
    assert client.post(url, {"answer": "Changed", "status": "review"}).status_code == 403
    assert BidQuestion.objects.get(pk=question.pk).answer == "Done."
