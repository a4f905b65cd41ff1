"""The cross-organisation leak walker: every route, every API endpoint, as one member's user.

`build_world()` gives organisation A a row of every record type scoped to an organisation (and
the hub a row of each of its own record types), built by the `make(personas, organisation,
index)` of each record type's generic view or API tests, the per-model builder every record type
has (checklist step 8 in docs/architecture.md). Every row that is not organisation B's own and
not shared reference data is then a secret: its free-text fields are overwritten with a marker
(`lkc00042x`), in its change history too, so any page, export, document or API answer that shows
it can be caught.

`walk(world, user)` requests every URL pattern of the resolver (GET, and HEAD for downloads; list
pages also as CSV and Excel, API lists also as the browsable API) with its path parameters filled
with the pks of A's rows of the route's record type (of the hub's rows for the hub's record
types), as `user`, and returns what it found: markers (in HTML, JSON, CSV, and inside Excel,
Word and PDF files), secret ids in JSON, a 200 for a secret row's own page, server errors.
"""

from __future__ import annotations

import contextlib
import importlib
import inspect
import io
import itertools
import json
import re
import time
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.apps import apps
from django.db import models, transaction
from django.http.response import HttpResponseBase
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import RegexPattern, RoutePattern

from consortia.core.models import organisation_condition
from consortia.core.testing.api import RecordApiTests
from consortia.core.testing.views import RecordViewTests
from consortia.core.views.generic import ObjectListView, RecordViews
from consortia.directory.models import Organisation
from consortia.directory.tests.factories import OrganisationFactory
from consortia.users.models import User
from consortia.users.testing import Personas, make_personas

ROOT = Path(__file__).resolve().parents[2]
MARKER = re.compile(rb"lkc(\d{5})x", re.IGNORECASE)

# Routes the walk does not request, and why. Keep it small: every entry is a route nobody's
# data can come back from.
SKIPPED_ROUTES = {
    # The OpenAPI schema and its viewer describe the endpoints, never their rows; drawing the
    # schema takes about two seconds.
    "api:schema": "describes the API, holds no rows",
    "api-docs": "describes the API, holds no rows",
    # Signing out ends the walker's session (and reads nothing).
    "users:logout": "would sign the walker out",
}

# Path parameters that are not a row's pk: the values tried, or none (the route is skipped).
TEXT_PARAMETERS: dict[str, list[str]] = {
    # The private calendar address: the token is the key by design, and a wrong one is a 404.
    "token": ["not-a-real-token"],
    # Password reset links: a user id and a one-time token; neither reads any row.
    "uidb64": ["MQ"],
    # A job applicant's files (people:application_file): the kinds the view knows.
    "kind": ["cv", "supporting-statement"],
    # The hub's decision on a membership application.
    "decision": ["approve"],
}

# Server errors the walk has found that are not leaks, reported and waiting for a fix: each
# entry must go when its route answers properly.
# Routes known to answer a server error, each with the reason (none now: a GET to the POST-only
# "use this library entry" was one, until the view took POST only).
KNOWN_SERVER_ERRORS: set[str] = set()

# How many of a hub record type's rows are tried in each of its routes: the member's role is
# refused the record type before any row is read, so one row shows it.
HUB_ROWS_TRIED = 1
# How many of A's rows of a record type are tried in each of its routes (A has a dozen contracts,
# made by other record types' builders; three show a route's scoping as well as twelve).
A_ROWS_TRIED = 3

# Routes whose view names no model (the member portal's pages): the record type their `pk` is.
# A route whose model cannot be found anywhere is tried with every pk of A's rows (slower).
ROUTE_MODELS = {
    "portal:return": "performance.monitoringreturn",
    "portal:remittance": "finance.memberpayment",
    "portal:policy_download": "policies.policyversion",
    "portal:policy_acknowledge": "policies.policyversion",
    "portal:evidence_upload": "members.requirement",
    "portal:opportunity": "opportunities.opportunity",
    "portal:commissioned_contract": "contracts.contract",
    "hub:performance_reading": "hub.servicestandard",
    "performance:contract_kpis": "contracts.contract",
    "performance:contract_generate_periods": "contracts.contract",
    "performance:contract_pass_down": "contracts.contract",
    "performance:contract_open_plans": "contracts.contract",
    "performance:scorecard": "contracts.subcontract",
}


# -- the record types ---------------------------------------------------------------------------


def restricted_models() -> list[type[models.Model]]:
    """Every record type read through `objects.restrict()`, in the app registry's order."""
    return [model for model in apps.get_models() if hasattr(getattr(model, "objects", None), "restrict")]


def is_shared(model: type[models.Model]) -> bool:
    return bool(getattr(model, "shared_reference", False))


def is_hubs_own(model: type[models.Model]) -> bool:
    """The hub's own records (`organisation_field` None): no member's user sees any of them."""
    return getattr(model, "organisation_field", None) is None and not is_shared(model)


def published_rows() -> dict[str, models.QuerySet[Any]]:
    """Rows of the hub's own record types that are shown by design beyond the hub: not secrets."""
    from consortia.members.models import EligibilityQuestion
    from consortia.portal.opportunities import shown_to_members

    return {
        # The questions of the public membership application form: anyone may read them.
        "members.eligibilityquestion": EligibilityQuestion.objects.filter(active=True),
        # The opportunities the hub shares with every member (the portal's list of them).
        "opportunities.opportunity": shown_to_members(),
    }


def scoped_models() -> list[type[models.Model]]:
    """Record types whose rows belong to an organisation."""
    return [model for model in restricted_models() if not is_shared(model) and not is_hubs_own(model)]


def record_makers() -> dict[type[models.Model], Callable[..., models.Model]]:
    """model -> `make(personas, organisation, index)`, from every app's generic view and API
    tests (a record type's tests must build a row of it belonging to a given organisation)."""
    # The builders below first: they make rows the generic tests' make() gives to someone else.
    makers: dict[type[models.Model], Callable[..., models.Model]] = {
        apps.get_model(label): build for label, build in BUILDERS.items()
    }
    paths = [
        path
        for config in apps.get_app_configs()
        if config.name.startswith("consortia.")
        for path in sorted(Path(config.path).glob("tests/**/test_*.py"))
    ]
    for path in paths:
        if "consortia.core.testing" not in path.read_text():
            continue  # no generic tests (the testing kit's) here: importing it would only cost time
        module = importlib.import_module(".".join(path.relative_to(ROOT).with_suffix("").parts))
        for cls in vars(module).values():
            if not (inspect.isclass(cls) and cls.__module__ == module.__name__):
                continue
            if issubclass(cls, RecordViewTests):
                model = cls.record.model
            elif issubclass(cls, RecordApiTests) and hasattr(cls, "model"):
                model = cls.model
            else:
                continue
            if callable(getattr(cls, "make", None)):
                makers.setdefault(model, cls().make)
    for model, factory in _model_factories().items():
        makers.setdefault(model, _factory_maker(model, factory))
    return makers


def _model_factories() -> dict[type[models.Model], Any]:
    """model -> factory-boy factory, from every app's tests' factories modules (`_meta.model`)."""
    found: dict[type[models.Model], Any] = {}
    for config in apps.get_app_configs():
        if not config.name.startswith("consortia."):
            continue
        for path in sorted(Path(config.path).glob("tests/**/factories.py")):
            module = importlib.import_module(".".join(path.relative_to(ROOT).with_suffix("").parts))
            for value in vars(module).values():
                model = getattr(getattr(value, "_meta", None), "model", None)
                if inspect.isclass(value) and isinstance(model, type) and issubclass(model, models.Model):
                    found.setdefault(model, value)
    return found


def _factory_maker(model: type[models.Model], factory: Any) -> Callable[..., models.Model]:
    """A factory as a maker: the organisation passed as the field `organisation_field` names,
    when that is a field of the record itself."""

    def make(personas: Personas, organisation: Organisation, index: int = 0) -> models.Model:
        path = getattr(model, "organisation_field", None)
        if isinstance(path, str) and "__" not in path and path != "pk":
            return factory(**{path: organisation})
        return factory()  # type: ignore[no-any-return]

    return make


# Record types no test builds for a given organisation: the smallest valid rows.
def _notice_match(personas: Personas, organisation: Organisation, index: int = 0) -> models.Model:
    from consortia.opportunities.models import NoticeMatch
    from consortia.opportunities.tests.factories import NoticeFactory

    return NoticeMatch.objects.create(notice=NoticeFactory(), organisation=organisation, score=80, reasons="Advice")


def _saved_search(personas: Personas, organisation: Organisation, index: int = 0) -> models.Model:
    from consortia.opportunities.models import SavedSearch

    owner = User.objects.filter(organisation=organisation).first()
    return SavedSearch.objects.create(name="Advice", owner=owner, organisation=organisation, query="q=advice")


def _bid_score(personas: Personas, organisation: Organisation, index: int = 0) -> models.Model:
    from consortia.opportunities.models import BidCriterion, BidScore
    from consortia.opportunities.tests.pipeline.factories import OpportunityFactory

    criterion = BidCriterion.objects.get_or_create(name=f"Fit {index}", defaults={"weight": 10})[0]
    return BidScore.objects.create(
        opportunity=OpportunityFactory(), criterion=criterion, scorer=personas.manager, score=3, comment="Fits"
    )


def _bid_decision(personas: Personas, organisation: Organisation, index: int = 0) -> models.Model:
    from consortia.opportunities.models import BidDecision
    from consortia.opportunities.tests.pipeline.factories import OpportunityFactory

    return BidDecision.objects.create(
        opportunity=OpportunityFactory(),
        decision="bid",
        rationale="A good fit.",
        decided_by=personas.manager,
        decided_on=date(2026, 11, 1),
    )


def _invoice(personas: Personas, organisation: Organisation, index: int = 0) -> models.Model:
    """An invoice is its commissioner's: the organisation commissions a contract."""
    from consortia.contracts.tests.factories import commissioner
    from consortia.finance.tests import factories as finance

    return finance.invoice(finance.contract(commissioner(organisation)))


def _receipt(personas: Personas, organisation: Organisation, index: int = 0) -> models.Model:
    from consortia.finance.models import Invoice, Receipt

    invoice = Invoice.objects.filter(contract__commissioner=organisation).first()
    made = invoice or _invoice(personas, organisation, index)
    return Receipt.objects.create(invoice=made, received_on=date(2026, 7, 15), amount=Decimal("100.00"))


BUILDERS: dict[str, Callable[..., models.Model]] = {
    "finance.invoice": _invoice,
    "finance.receipt": _receipt,
    "opportunities.noticematch": _notice_match,
    "opportunities.savedsearch": _saved_search,
    "opportunities.bidscore": _bid_score,
    "opportunities.biddecision": _bid_decision,
}


# -- the data -------------------------------------------------------------------------------------


@dataclass
class World:
    personas: Personas
    # marker number -> (model label, pk) of the secret row it was written into
    markers: dict[int, tuple[str, int]] = field(default_factory=dict)
    # the rows organisation B's user must not reach (every row but B's own and shared data)
    secret: dict[type[models.Model], set[int]] = field(default_factory=dict)
    # organisation A's rows
    own_a: dict[type[models.Model], set[int]] = field(default_factory=dict)
    # record types whose builder failed, with the error
    failed: dict[str, str] = field(default_factory=dict)
    # record types with no builder at all
    no_maker: list[str] = field(default_factory=list)
    seconds: float = 0.0
    build_seconds: dict[str, float] = field(default_factory=dict)  # per record type

    def summary(self) -> str:
        slowest = sorted(self.build_seconds.items(), key=lambda item: -item[1])[:3]
        named = ", ".join(f"{label} {seconds:.1f}s" for label, seconds in slowest)
        rows = sum(len(pks) for pks in self.secret.values())
        return f"leak walk data: {rows} secret rows, {len(self.markers)} markers, built in {self.seconds:.1f}s (slowest: {named})"

    def marker_rows(self, organisation_rows: dict[type[models.Model], set[int]]) -> set[int]:
        by_label = {model._meta.label_lower: pks for model, pks in organisation_rows.items()}
        return {n for n, (label, pk) in self.markers.items() if pk in by_label.get(label, ())}


def markable_fields(model: type[models.Model], width: int) -> list[str]:
    """Free-text fields a marker can be written into (not choices, keys or passwords)."""
    return [
        f.attname
        for f in model._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField)
        and not f.choices
        and not f.primary_key
        and f.name != "password"
        and (f.max_length is None or f.max_length >= width)
    ]


def build_world() -> World:
    started = time.perf_counter()
    personas = make_personas()
    world = World(personas)
    makers = record_makers()
    world.build_seconds["(finding the builders)"] = time.perf_counter() - started
    org_a, org_b = personas.org_a, personas.org_b
    for model in restricted_models():
        if is_shared(model):
            continue
        maker = makers.get(model)
        if maker is None:
            world.no_maker.append(model._meta.label)
            continue
        condition = organisation_condition(model, org_a.pk)
        rows = model._base_manager.all() if condition is None else model._base_manager.filter(condition)
        if rows.exists():  # made already, as a part of another record type's row
            continue
        # A row of a related record type made earlier may hold index 0's name or period; the
        # hub's own records take an organisation only to name things, so a new one will do.
        attempts = [(org_a, 0), (org_a, 1)] + ([(None, 0)] if is_hubs_own(model) else [])
        began = time.perf_counter()
        for organisation, index in attempts:
            try:
                with transaction.atomic():
                    maker(personas, organisation or OrganisationFactory(), index)
                world.failed.pop(model._meta.label, None)
                break
            except Exception as error:  # noqa: BLE001 - reported by the coverage test
                world.failed[model._meta.label] = f"{type(error).__name__}: {error}"
        world.build_seconds[model._meta.label] = time.perf_counter() - began
    began = time.perf_counter()
    _mark_secrets(world, org_a, org_b)
    world.build_seconds["(writing the markers)"] = time.perf_counter() - began
    world.seconds = time.perf_counter() - started
    return world


def _mark_secrets(world: World, org_a: Organisation, org_b: Organisation) -> None:
    counter = itertools.count(1)
    width = len("lkc00000x")
    published = published_rows()
    for model in restricted_models():
        if is_shared(model):
            continue
        condition_b = organisation_condition(model, org_b.pk)
        rows = model._base_manager.all()
        if condition_b is not None:
            rows = rows.exclude(pk__in=model._base_manager.filter(condition_b).values("pk"))
        if model._meta.label_lower in published:
            rows = rows.exclude(pk__in=published[model._meta.label_lower].values("pk"))
        pks = set(rows.values_list("pk", flat=True))
        world.secret[model] = pks
        condition_a = organisation_condition(model, org_a.pk)
        if condition_a is not None:
            world.own_a[model] = set(model._base_manager.filter(condition_a).values_list("pk", flat=True))
        names = markable_fields(model, width)
        history = getattr(model, "history", None)
        history_model = getattr(history, "model", None)
        history_names = [n for n in names if history_model and _has_field(history_model, n)]
        markers: dict[int, str] = {}
        for pk in sorted(pks):
            number = next(counter)
            markers[pk] = f"lkc{number:05d}x"
            world.markers[number] = (model._meta.label_lower, pk)
        if not (markers and names):
            continue
        # One UPDATE per table: each row its own marker.
        key = model._meta.pk.attname
        marker = models.Case(
            *(models.When(**{key: pk}, then=models.Value(text)) for pk, text in markers.items()),
            output_field=models.TextField(),
        )
        model._base_manager.filter(pk__in=markers).update(**dict.fromkeys(names, marker))
        if history_names and history_model is not None:
            history_model._base_manager.filter(**{f"{key}__in": markers}).update(**dict.fromkeys(history_names, marker))


def _has_field(model: type[models.Model], attname: str) -> bool:
    return any(f.attname == attname for f in model._meta.concrete_fields)


# -- the routes -----------------------------------------------------------------------------------


@dataclass
class Route:
    name: str
    pattern: str
    params: list[str]
    callback: Callable[..., Any]
    kinds: dict[str, str]  # parameter -> its converter ("int", "str", "slug", "uuid", "path")

    @property
    def int_params(self) -> set[str]:
        return {key for key, kind in self.kinds.items() if kind == "int"}

    @property
    def view_class(self) -> Any:
        return getattr(self.callback, "view_class", None) or getattr(self.callback, "cls", None)

    @property
    def record(self) -> type[RecordViews] | None:
        return (getattr(self.callback, "view_initkwargs", None) or {}).get("record")


def routes() -> list[Route]:
    found: list[Route] = []

    def visit(resolver: URLResolver, prefix: str, namespace: str | None, outer: dict[str, Any]) -> None:
        for entry in resolver.url_patterns:
            converters = {**outer, **_converters(entry.pattern)}
            if isinstance(entry, URLResolver):
                inner = ":".join(filter(None, [namespace, entry.namespace])) or None
                visit(entry, prefix + str(entry.pattern), inner, converters)
            elif isinstance(entry, URLPattern):
                name = f"{namespace}:{entry.name}" if namespace and entry.name else (entry.name or "")
                found.append(
                    Route(
                        name=name,
                        pattern=prefix + str(entry.pattern),
                        params=list(converters),
                        callback=entry.callback,
                        kinds=converters,
                    )
                )

    visit(get_resolver(), "", None, {})
    return found


def _converters(pattern: Any) -> dict[str, str]:
    if isinstance(pattern, RoutePattern):
        return {key: type(c).__name__.removesuffix("Converter").lower() for key, c in pattern.converters.items()}
    if isinstance(pattern, RegexPattern):
        # The API's routes: `pk` is the row's key (`[^/.]+`), anything else is text.
        return {key: ("int" if key == "pk" else "str") for key in pattern.regex.groupindex}
    return {}


def route_model(route: Route) -> tuple[type[models.Model] | None, bool]:
    """The record type whose pk the route's `pk` is, and whether that is certain (the view says
    so) rather than guessed from the route's name."""
    if route.record is not None:
        return route.record.model, True
    view = route.view_class
    # The API's RestrictedModelViewSet (`base_queryset`), or a plain DRF viewset (`queryset`).
    base = getattr(view, "base_queryset", None) or getattr(view, "queryset", None)
    if base is not None:
        return base.model, True
    explicit = getattr(view, "model", None)
    if isinstance(explicit, type) and issubclass(explicit, models.Model):
        return explicit, True
    if route.name in ROUTE_MODELS:
        return apps.get_model(ROUTE_MODELS[route.name]), False
    namespace, _, name = route.name.rpartition(":")
    for candidate in (name.rsplit("_", 1)[0].replace("_", ""), name.replace("_", ""), name.split("_")[0]):
        model = _model_named(candidate, namespace)
        if model is not None:
            return model, False
    return None, False


def _model_named(model_name: str, app_label: str) -> type[models.Model] | None:
    # The route's own app first; a route named after another app's model is looked up everywhere.
    with contextlib.suppress(LookupError, ValueError):
        return apps.get_model(app_label, model_name)
    matches = [model for model in restricted_models() if model._meta.model_name == model_name]
    return matches[0] if len(matches) == 1 else None


def _param_model(route: Route, param: str) -> type[models.Model] | None:
    """A second integer parameter (`hub:raci_cell`'s task and deliverer): the app's model so named."""
    app_label = route.name.rpartition(":")[0]
    named = [m for m in restricted_models() if m._meta.app_label == app_label and m._meta.model_name.endswith(param)]
    return named[0] if len(named) == 1 else None


# -- the walk -------------------------------------------------------------------------------------


@dataclass
class Finding:
    url: str
    route: str
    what: str

    def __str__(self) -> str:
        return f"{self.url} ({self.route}): {self.what}"


@dataclass
class Walk:
    routes: int = 0
    requests: int = 0
    seconds: float = 0.0
    findings: list[Finding] = field(default_factory=list)
    markers_seen: set[int] = field(default_factory=set)
    server_errors: list[Finding] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)
    guessed: list[str] = field(default_factory=list)  # routes tried with every pk of A's rows
    per_route: dict[str, int] = field(default_factory=dict)

    def summary(self, who: str) -> str:
        codes = ", ".join(f"{code}: {count}" for code, count in sorted(self.statuses.items()))
        busiest = ", ".join(
            f"{name} {count}" for name, count in sorted(self.per_route.items(), key=lambda i: -i[1])[:3]
        )
        return (
            f"leak walk as {who}: {self.routes} routes, {self.requests} requests in {self.seconds:.1f}s "
            f"({codes}); {len(self.skipped)} routes skipped, {len(self.guessed)} tried with every pk of A; "
            f"most requests: {busiest}"
        )


def urls_for(route: Route, world: World) -> Iterator[tuple[str, type[models.Model] | None, int | None, bool]]:
    """(url, model, the secret pk in it, whether the model is certain) for every way to fill the route."""
    model, certain = route_model(route)
    every_a_pk = sorted(set().union(*world.own_a.values()))
    choices: list[list[tuple[str, Any]]] = []
    for param in route.params:
        if param in route.int_params:
            param_model = model if param == "pk" else (_param_model(route, param) or model)
            if param_model is not None and world.own_a.get(param_model):
                values = sorted(world.own_a[param_model])[:A_ROWS_TRIED]
            elif param_model is not None and param_model in world.secret:
                values = sorted(world.secret[param_model])[:HUB_ROWS_TRIED]
            elif param_model is not None and (is_shared(param_model) or param_model not in world.secret):
                # Shared reference data, or a record type not scoped at all (an import job, a
                # notice's release): a row or two, or a key no row has.
                values = list(param_model._base_manager.values_list("pk", flat=True)[:2]) or [1]
            else:
                values = every_a_pk
            choices.append([(param, value) for value in values])
        elif route.kinds.get(param) == "uuid":
            choices.append([(param, "00000000-0000-4000-8000-000000000000")])  # no such row
        elif param in TEXT_PARAMETERS:
            choices.append([(param, value) for value in TEXT_PARAMETERS[param]])
        else:
            return  # an unknown text parameter: reported as skipped by `walk`
    for combination in itertools.product(*choices):
        kwargs = dict(combination)
        secret_pk = kwargs.get("pk") if model is not None and kwargs.get("pk") in world.secret.get(model, ()) else None
        yield reverse(route.name, kwargs=kwargs), model, secret_pk, certain


def walk(world: World, user: User, only_viewable: bool = False) -> Walk:
    """Request every route as `user` and report what came back that is not theirs to see.

    `only_viewable` leaves out the routes of record types the user may not view at all (the
    sanity walk as A's own user, which is looking for A's rows, not for refusals)."""
    started = time.perf_counter()
    result = Walk()
    client = Client()
    client.force_login(user)
    for route in routes():
        if not route.name:
            result.skipped[route.pattern] = "has no name"
            continue
        if route.name in SKIPPED_ROUTES:
            result.skipped[route.name] = SKIPPED_ROUTES[route.name]
            continue
        if route.name.startswith("api:") and "format" in route.kinds:
            # `/api/contracts.json`: the same endpoint as `/api/contracts/`, answered as JSON
            # (which the plain route answers too); not counted as skipped.
            continue
        unknown = [p for p, kind in route.kinds.items() if kind not in ("int", "uuid") and p not in TEXT_PARAMETERS]
        if unknown:
            result.skipped[route.name] = f"text parameter(s) {unknown} with no value to try"
            continue
        model, _ = route_model(route)
        if (
            only_viewable
            and model is not None
            and not user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}")
        ):
            continue
        if route.int_params and model is None:
            result.guessed.append(route.name)
        result.routes += 1
        for url, model, secret_pk, certain in urls_for(route, world):
            status = _request(client, result, world, route, url, model, secret_pk, certain)
            if status == 403:
                continue  # the variants below go through the same view, which refused the user
            variants = []
            if route.view_class is ObjectListView:
                variants += ["?export=csv", "?export=xlsx"]
            if route.name.startswith("api:") and route.name.endswith("-list"):
                variants.append("?format=api")  # the browsable API draws forms and filters too
            for query in variants:
                _request(client, result, world, route, url + query, model, secret_pk, certain)
    result.seconds = time.perf_counter() - started
    return result


def _request(
    client: Client,
    result: Walk,
    world: World,
    route: Route,
    url: str,
    model: type[models.Model] | None,
    secret_pk: int | None,
    certain: bool,
    method: str = "get",
) -> int:
    result.requests += 1
    result.per_route[route.name] = result.per_route.get(route.name, 0) + 1
    try:
        # Each request in a savepoint rolled back after it: a GET that writes (a page marking
        # something seen) changes nothing for the next request, and a database error in one
        # view does not break the transaction the walk runs in.
        with transaction.atomic():
            response = getattr(client, method)(url)
            body = _body(response)
            transaction.set_rollback(True)
    except Exception as error:  # noqa: BLE001 - a view that raises is reported, and the walk goes on
        if route.name not in KNOWN_SERVER_ERRORS:
            result.server_errors.append(Finding(url, route.name, f"raised {type(error).__name__}: {error}"))
        result.statuses[500] = result.statuses.get(500, 0) + 1
        return 500
    status = response.status_code
    result.statuses[status] = result.statuses.get(status, 0) + 1
    if status >= 500 and route.name not in KNOWN_SERVER_ERRORS:
        result.server_errors.append(Finding(url, route.name, f"answered {status}"))
    texts = [body, response.get("Location", "").encode(), *_inner_texts(body)]
    for text in texts:
        for match in MARKER.finditer(text):
            number = int(match.group(1))
            if number in world.markers:
                result.markers_seen.add(number)
                label, pk = world.markers[number]
                result.findings.append(Finding(url, route.name, f"shows {label} {pk} (marker {match.group(0)!r})"))
    if status == 200 and secret_pk is not None and certain and method == "get":
        result.findings.append(Finding(url, route.name, f"answered 200 for {model._meta.label_lower} {secret_pk}"))  # type: ignore[union-attr]
    if status == 200 and model is not None and "json" in response.get("Content-Type", ""):
        for pk in _json_ids(body) & world.secret.get(model, set()):
            result.findings.append(Finding(url, route.name, f"lists {model._meta.label_lower} id {pk} in its JSON"))
    if method == "get" and response.has_header("Content-Disposition"):
        # A download: HEAD must refuse what GET refuses.
        head = Walk()
        _request(client, head, world, route, url, model, secret_pk, certain, method="head")
        result.requests += head.requests
        result.server_errors += head.server_errors
        head_status = next(iter(head.statuses), status)
        if head_status == 200 and status != 200:
            result.findings.append(Finding(url, route.name, f"HEAD answered 200 where GET answered {status}"))
    return status


def _body(response: HttpResponseBase) -> bytes:
    # The test client closes the response itself (a streaming one once read to its end); closing
    # it here would fire `request_finished`, which drops the connection inside a transaction.
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)  # type: ignore[attr-defined]
    return bytes(response.content)  # type: ignore[attr-defined]


def _inner_texts(body: bytes) -> list[bytes]:
    """The text inside an Excel or Word file (zipped XML) or a PDF, where a marker would hide."""
    if body.startswith(b"PK\x03\x04"):
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            return [archive.read(name) for name in archive.namelist() if not name.endswith("/")]
    if body.startswith(b"%PDF"):
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError

        try:
            reader = PdfReader(io.BytesIO(body))
            return ["\n".join(page.extract_text() or "" for page in reader.pages).encode()]
        except (PdfReadError, ValueError):  # an uploaded file that is barely a PDF: its bytes are searched
            return []
    return []


def _json_ids(body: bytes) -> set[int]:
    try:
        data = json.loads(body)
    except ValueError:
        return set()
    if isinstance(data, dict) and isinstance(data.get("results"), list):
        data = data["results"]
    rows = data if isinstance(data, list) else [data]
    return {row["id"] for row in rows if isinstance(row, dict) and isinstance(row.get("id"), int)}
