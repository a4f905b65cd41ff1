"""`manage.py fetch_notices`: read new tender notices from the feeds (run it from cron)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from consortia.opportunities.feeds import FEEDS, fetch_feed


def _moment(value: str) -> datetime:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--until must be a date and time such as 2026-11-26T09:00; found {value!r}.") from None
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


class Command(BaseCommand):
    help = (
        "Read new and changed tender notices from Find a Tender and Contracts Finder, carrying on from "
        "where the last run stopped. Safe to run from cron: a run finds a feed another run is still "
        "reading and leaves it alone. Exits with an error code when a feed could not be read."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--source", choices=["fts", "cf", "all"], default="all", help="Which feed (default: both).")
        parser.add_argument(
            "--until", help="Read up to this date and time (ISO 8601, UK time unless it says); default: now."
        )
        parser.add_argument(
            "--max-pages", type=int, help="Stop each feed after this many pages (the next run carries on)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        until = _moment(options["until"]) if options.get("until") else None
        max_pages = options.get("max_pages")
        if max_pages is not None and max_pages < 1:
            raise CommandError("--max-pages must be 1 or more.")
        sources = list(FEEDS) if options["source"] == "all" else [options["source"]]
        failed = []
        for source in sources:
            outcome = fetch_feed(FEEDS[source](), until=until, max_pages=max_pages)
            self.stdout.write(outcome.summary())
            if outcome.failed:
                failed.append(outcome.feed.name)
        if failed:
            raise CommandError(f"Could not finish reading {' and '.join(failed)}; see the messages above.")
