"""Reference data: the rows Consortia ships with (organisation roles, areas, hub functions,
service categories, due-diligence requirements, bid criteria, policy areas, the roles' groups).

Each app that ships some registers its loader in its `reference.py`, beside the data, naming the
models whose tables it fills::

    @reference_data("directory.OrganisationRole", "directory.Area")
    def load_reference(apps):
        ...

A loader takes an app registry — a migration's historical one, or today's (`django.apps.apps`) —
adds what is missing and never duplicates, so running it again changes nothing. The app's data
migration calls it on a new database. The tests put the reference data back through these
loaders after a test that emptied the tables (`core/testing/fixtures.py`), and check that every
table a new database has rows in is filled by one (`core/tests/test_reference.py`): reference
data without a loader fails that check.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import Any, TypeVar

from django.apps import apps as global_apps
from django.utils.module_loading import module_has_submodule

Load = TypeVar("Load", bound=Callable[[Any], object])


@dataclass(frozen=True)
class Loader:
    """One app's loader and the models whose tables it fills ("app_label.ModelName")."""

    load: Callable[[Any], object]
    models: tuple[str, ...]

    @property
    def name(self) -> str:
        return f"{self.load.__module__}.{self.load.__qualname__}"

    def tables(self, apps: Any = global_apps) -> list[str]:
        """The tables it fills: its models' own, then their many-to-many tables."""
        found = []
        for label in self.models:
            meta = apps.get_model(label)._meta
            found.append(meta.db_table)
            found += [field.remote_field.through._meta.db_table for field in meta.local_many_to_many]
        return found

    def own_tables(self, apps: Any = global_apps) -> list[str]:
        """Its models' own tables: one of them empty means the loader has to run."""
        return [apps.get_model(label)._meta.db_table for label in self.models]


_loaders: dict[str, Loader] = {}


def reference_data(*models: str) -> Callable[[Load], Load]:
    """Register the decorated function as the loader of `models`' reference data."""

    def register(load: Load) -> Load:
        loader = Loader(load, models)
        _loaders[loader.name] = loader
        return load

    return register


def loaders() -> list[Loader]:
    """Every app's loaders, in the order of INSTALLED_APPS (an app's `reference` module is
    imported here, so nothing else needs to)."""
    for config in global_apps.get_app_configs():
        if config.name.startswith("consortia.") and module_has_submodule(config.module, "reference"):
            import_module(f"{config.name}.reference")
    order = {config.name: index for index, config in enumerate(global_apps.get_app_configs())}
    return sorted(_loaders.values(), key=lambda loader: _app_index(loader, order))


def _app_index(loader: Loader, order: dict[str, int]) -> int:
    module = loader.load.__module__
    return min((index for name, index in order.items() if module.startswith(f"{name}.")), default=len(order))
