"""The one error the demo loaders raise, apart from the loaders so each part can import it."""


class DemoDataError(Exception):
    """The demo data cannot be loaded: a record fails validation or reference data is missing."""
