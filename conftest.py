import pytest

# The shared test mixins live outside test modules; let pytest explain their failed asserts.
pytest.register_assert_rewrite("consortia.core.testing")

pytest_plugins = ["consortia.core.testing.fixtures"]
