"""The CPU each page of the load test costs (bench/locustfile.py), page by page and persona by persona.

The load scenario (bench/load.py) says how many requests a second the whole stack serves; this
says where the server's CPU goes, so that work on one page can be measured before and after. It
builds (once, then reuses) a SQLite database under /tmp with the demo consortium and, like the
load scenario, bulk members (`bench.members.build_dataset`), then signs each persona in with
Django's test client and requests each of the pages the load test requests: a few warm-ups, then
`--repeat` timed requests. It prints, per page and persona, the median CPU milliseconds
(`time.process_time`, so SQLite's own work counts too, as PostgreSQL's would on the same machine),
the median wall milliseconds and the query count; then per page the median over the personas, and
the CPU of an average request weighted as locust weighs its tasks.

Settings are the benchmark's (bench/settings.py): the product's production settings with DEBUG
off (so Django's cached template loader), a SQLite file and the file-based cache in BENCH_DIR.

    .venv/bin/python -m bench.pages [--repeat 30] [--members 1000] [--rebuild] [--persona manager] [--page /portal/]
    .venv/bin/python -m bench.pages --profile / --persona manager   # cProfile of one page
"""

from __future__ import annotations

import argparse
import cProfile
import math
import os
import pstats
import re
import statistics
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bench.traffic import API, DOMAIN, FILTERED, MEMBERS, PORTAL_PAGES, STAFF, STAFF_LISTS

if TYPE_CHECKING:
    from bench.common import Timing

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DIR = "/tmp/consortia-bench-pages"
WARMUP = 3

DETAIL_KINDS = {
    "/directory/organisations/[id]/": ("/directory/organisations/", r"/directory/organisations/\d+/"),
    "/contracts/contracts/[id]/": ("/contracts/contracts/", r"/contracts/contracts/\d+/"),
    "/members/memberships/[id]/": ("/members/memberships/", r"/members/memberships/\d+/"),
}
RETURN_PAGE = "/portal/returns/[id]/"

# How often an average request is each page, from locustfile.py's task weights: staff users
# (weight 6) do 16 task-weights' worth, member readers (weight 3) 5; the two writers are left out.
STAFF_SHARE, MEMBER_SHARE = 6 / 9, 3 / 9


def page_weights() -> dict[str, float]:
    weights: dict[str, float] = {"/": STAFF_SHARE * 3 / 16}
    for url in STAFF_LISTS:
        weights[url] = STAFF_SHARE * 6 / 16 / len(STAFF_LISTS)
    for url in FILTERED:
        weights[url] = STAFF_SHARE * 2 / 16 / len(FILTERED)
    for name in DETAIL_KINDS:
        weights[name] = STAFF_SHARE * 4 / 16 / len(DETAIL_KINDS)
    weights[API] = STAFF_SHARE * 1 / 16
    for url in PORTAL_PAGES:
        weights[url] = MEMBER_SHARE * 4 / 5 / len(PORTAL_PAGES)
    weights["/portal/returns/"] += MEMBER_SHARE * 1 / 5  # a_return reads the list first
    weights[RETURN_PAGE] = MEMBER_SHARE * 1 / 5
    return weights


def setup_django(folder: str) -> None:
    os.environ["BENCH_DIR"] = folder
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def build_database(members: int, rebuild: bool) -> None:
    """Migrate, load the demo and the bulk members, once: a marker file says it was done."""
    from django.core.management import call_command
    from django.db import connection, connections

    from bench.common import log

    name = Path(connection.settings_dict["NAME"])
    marker = name.with_suffix(f".built-{members}")
    if marker.exists() and not rebuild:
        return
    connections.close_all()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{name}{suffix}").unlink(missing_ok=True)
    for old in name.parent.glob(name.stem + ".built-*"):
        old.unlink()
    log(f"bench: building {name} (migrate, demo, {members} bulk members)")
    call_command("migrate", verbosity=0, interactive=False)
    with open(os.devnull, "w") as quiet:
        call_command("load_demo", verbosity=0, stdout=quiet)
    if members:
        from bench.members import build_dataset

        build_dataset(members, members * 4, members * 10)
    marker.touch()


def client_for(login: str) -> Any:
    from bench.common import signed_in_client
    from consortia.users.models import User

    return signed_in_client(User.objects.get(email=f"{login}@{DOMAIN}"))


def pages_for(login: str, client: Any) -> dict[str, str]:
    """Page name → URL that this persona requests (record pages: the first found on their lists)."""
    if login in MEMBERS:
        pages = {url: url for url in PORTAL_PAGES}
        found = re.findall(r'href="(/portal/returns/\d+/)"', client.get("/portal/returns/").content.decode())
        if found:
            pages[RETURN_PAGE] = found[0]
        return pages
    pages = {"/": "/"} | {url: url for url in STAFF_LISTS + FILTERED}
    for name, (list_url, pattern) in DETAIL_KINDS.items():
        found = re.findall(pattern, client.get(list_url).content.decode())
        if found:
            pages[name] = found[0]
    pages[API] = API
    return pages


def time_page(client: Any, url: str, repeat: int) -> Timing:
    """The page's timings over `repeat` requests (after the warm-up), as the scenarios time theirs."""
    from bench.common import time_pages

    return time_pages(client, [url], repeat, budget=math.inf)[0]


def profile_page(client: Any, url: str, repeat: int, lines: int) -> None:
    for _ in range(WARMUP):
        client.get(url)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(repeat):
        client.get(url)
    profiler.disable()
    for order in ("cumulative", "tottime"):
        print(f"--- {url}: {repeat} requests, by {order}")
        pstats.Stats(profiler).sort_stats(order).print_stats(lines)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--dir", default=os.environ.get("BENCH_DIR", DEFAULT_DIR), help=f"folder ({DEFAULT_DIR})")
    parser.add_argument("--members", type=int, default=1000, help="bulk members added to the demo (1000)")
    parser.add_argument("--rebuild", action="store_true", help="build the database again")
    parser.add_argument("--repeat", type=int, default=30, help="timed requests per page and persona (30)")
    parser.add_argument("--persona", action="append", help="only this persona (repeatable)")
    parser.add_argument("--page", action="append", help="only this page, by name (repeatable)")
    parser.add_argument("--profile", metavar="PAGE", help="profile this page (by name) instead of timing")
    parser.add_argument("--lines", type=int, default=45, help="profile: lines of each listing (45)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    Path(args.dir).mkdir(parents=True, exist_ok=True)
    setup_django(args.dir)
    build_database(args.members, args.rebuild)
    personas = args.persona or STAFF + MEMBERS
    if args.profile:
        for login in personas:
            client = client_for(login)
            pages = pages_for(login, client)
            if args.profile in pages:
                profile_page(client, pages[args.profile], args.repeat, args.lines)
                return 0
        raise SystemExit(f"bench: no persona of {personas} requests {args.profile}")
    results: dict[str, dict[str, Timing]] = {}
    print(f"{'page':42} {'persona':9} {'cpu ms':>7} {'wall ms':>8} {'queries':>7}")
    for login in personas:
        client = client_for(login)
        for name, url in pages_for(login, client).items():
            if args.page and name not in args.page:
                continue
            sample = time_page(client, url, args.repeat)
            results.setdefault(name, {})[login] = sample
            queries = "/".join(str(count) for count in sorted(set(sample.queries)))
            print(
                f"{name:42} {login:9} {statistics.median(sample.cpu_ms):7.1f} "
                f"{statistics.median(sample.times_ms):8.1f} {queries:>7}",
                flush=True,
            )
    print(f"\n{'page (median over personas)':52} {'cpu ms':>7} {'wall ms':>8}")
    weights = page_weights()
    weighted = total_weight = 0.0
    for name, by_persona in results.items():
        cpu = statistics.median(statistics.median(s.cpu_ms) for s in by_persona.values())
        wall = statistics.median(statistics.median(s.times_ms) for s in by_persona.values())
        print(f"{name:52} {cpu:7.1f} {wall:8.1f}")
        weighted += weights.get(name, 0.0) * cpu
        total_weight += weights.get(name, 0.0)
    if total_weight:
        print(f"\nCPU of an average load-test request (locust's weights): {weighted / total_weight:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
