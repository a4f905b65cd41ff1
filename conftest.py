import pytest

# The shared test mixins live outside test modules; let pytest explain their failed asserts.
pytest.register_assert_rewrite("consortia.core.testing")

pytest_plugins = ["consortia.core.testing.fixtures"]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    """The test database as pytest-django makes it (tables from the models), completed with what
    the migrations do besides making tables (consortia/core/testing/database.py)."""
    from consortia.core.testing.database import complete

    with django_db_blocker.unblock():
        complete()


# The longest tests (a minute or more each), started first: with the tests shared between two
# processes, one of them started last would leave the other process idle while it finished.
LONGEST_FIRST = (
    "consortia/core/tests/test_migrations.py",
    "tests/fuzz/test_api_schema.py",
    "tests/security/test_leaks.py",
    "tests/e2e/test_accessibility.py",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    items.sort(key=lambda item: not item.nodeid.startswith(LONGEST_FIRST))  # stable: the rest keep their order
