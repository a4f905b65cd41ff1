"""What every edit form shares against lost and doubled work.

A form page carries two hidden values. A **one-time token**, remembered in the session: when the
same form arrives a second time (a double click, the browser sending it again) the view shows
what the first one saved instead of saving it again. The **version** of each record it edits, as
stored when the page was opened: the save compares it with the record as it is now, under a row
lock (`core.services.save_form`), so nobody silently overwrites a change someone else saved
meanwhile. The generic record views and the member portal use this one mechanism; a template
writes the hidden inputs with `{% include "core/forms/guard.html" %}`.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Model
from django.http import HttpRequest

from consortia.core.services import record_version

FORM_TOKENS = "form_tokens"
TOKEN_FIELD = "_token"
VERSION_FIELD = "_version"
KEEP_TOKENS = 50  # the session remembers the last fifty forms opened

SENT_TWICE = "That form had already been sent; the record was saved once."
STALE_EDIT = (
    "Someone else changed this record after you opened it. Your changes have not been saved: "
    "open the record again to see the latest version, then make your changes."
)


def version_field(prefix: str = "") -> str:
    """The hidden input holding the version of the record edited by the form with this prefix."""
    return f"{prefix}-{VERSION_FIELD}" if prefix else VERSION_FIELD


def stored_version(instance: Model | None) -> str | None:
    """The version of `instance` as stored now (None for a record not saved yet).

    Read again from the database: a form bound to the instance may already have changed it.
    """
    if instance is None or instance.pk is None:
        return None
    # One row at most: the model's ordering (which may join other tables) has nothing to sort.
    stored = type(instance)._default_manager.filter(pk=instance.pk).order_by("pk").first()
    return record_version(stored or instance)


def issue_token(request: HttpRequest) -> str:
    """A new one-time token, remembered in the session (the last `KEEP_TOKENS` of them)."""
    token = uuid.uuid4().hex
    tokens = dict(list(request.session.get(FORM_TOKENS, {}).items())[-(KEEP_TOKENS - 1) :])
    tokens[token] = None
    request.session[FORM_TOKENS] = tokens
    return token


@dataclass
class FormGuard:
    """The token and record versions of one form page, as opened or as sent back."""

    request: HttpRequest
    token: str
    versions: dict[str, str] = field(default_factory=dict)  # hidden input name -> version

    @classmethod
    def open(
        cls,
        request: HttpRequest,
        records: Mapping[str, Model | None] | None = None,
        versions: Mapping[str, str] | None = None,
    ) -> FormGuard:
        """A page showing a form: a fresh token and the version of each record it edits.

        `records` maps a form's prefix ("" for none) to the record it edits; `versions` gives,
        by prefix, a version that is not one record's (what an upload would replace).
        """
        found = {version_field(prefix): stored_version(record) for prefix, record in (records or {}).items()}
        found |= {version_field(prefix): value for prefix, value in (versions or {}).items()}
        return cls(request, issue_token(request), {name: value for name, value in found.items() if value is not None})

    @classmethod
    def posted(cls, request: HttpRequest, prefixes: Iterable[str] = ("",)) -> FormGuard:
        """A form sent back: its token and the versions it was opened at, kept if it is shown again."""
        names = [version_field(prefix) for prefix in prefixes]
        versions = {name: request.POST[name] for name in names if name in request.POST}
        return cls(request, request.POST.get(TOKEN_FIELD, ""), versions)

    def saved(self) -> Any | None:
        """What the first sending of this form saved (usually a primary key); None if it is the first."""
        if not self.token:
            return None
        return self.request.session.get(FORM_TOKENS, {}).get(self.token)

    def seen(self, prefix: str = "") -> str | None:
        """The version the user saw of the record edited by the form with `prefix` (None: no check)."""
        return self.versions.get(version_field(prefix))

    def done(self, saved: Any) -> None:
        """Remember that this form saved `saved`, so sending it again saves nothing."""
        tokens = self.request.session.get(FORM_TOKENS, {})
        if self.token in tokens:  # only a token this session was given
            tokens[self.token] = saved
            self.request.session[FORM_TOKENS] = tokens

    @property
    def hidden(self) -> list[tuple[str, str]]:
        """The hidden inputs the form carries: the token, then each version."""
        return [(TOKEN_FIELD, self.token), *self.versions.items()]
