"""The kit's one hook for sensitive records (DBS checks, equal-opportunities returns).

The generic views' `get_object` (detail, history, file downloads and other pages built on
`RecordView`) and the API's single-record reads call `opened()` when a record is read with GET.
Which records are sensitive, and the log of who opened them, belong to the privacy app, which
connects to `record_opened` when it loads: the kit names no record type.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.dispatch import Signal

# Sent with sender=the model, request=the request, obj=the record.
record_opened = Signal()


def opened(request: Any, obj: models.Model) -> None:
    """Tell the listeners (the sensitive-records log) that `request`'s user read `obj`."""
    if getattr(request, "method", "GET") == "GET":
        record_opened.send(sender=type(obj), request=request, obj=obj)
