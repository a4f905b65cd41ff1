"""System checks stop a production start with a weak key or no hosts."""

from __future__ import annotations

from pytest_django.fixtures import Settings as SettingsWrapper

from consortia.core.checks import check_configuration


def ids(settings: SettingsWrapper) -> set[str]:
    return {problem.id for problem in check_configuration(None)}


def test_production_without_a_real_secret_key_is_refused(settings: SettingsWrapper) -> None:
    settings.DEBUG = False
    settings.SECRET_KEY = "insecure-development-key"
    assert "consortia.E001" in ids(settings)
    settings.SECRET_KEY = "k" * 50
    assert "consortia.E001" not in ids(settings)


def test_production_without_hosts_is_refused(settings: SettingsWrapper) -> None:
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = []
    assert "consortia.E002" in ids(settings)


def test_console_email_in_production_is_a_warning(settings: SettingsWrapper) -> None:
    settings.DEBUG = False
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    assert "consortia.W001" in ids(settings)
    settings.DEBUG = True
    assert "consortia.W001" not in ids(settings)
