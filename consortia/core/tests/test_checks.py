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


def test_a_data_folder_not_yet_made_is_fine_when_its_parent_is_writable(settings: SettingsWrapper, tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings.DATA_DIR = tmp_path / "not" / "made" / "yet"
    settings.MEDIA_ROOT = tmp_path / "media"
    assert "consortia.E003" not in ids(settings)


def test_an_unwritable_data_folder_is_reported(settings: SettingsWrapper, tmp_path) -> None:  # type: ignore[no-untyped-def]
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    settings.DATA_DIR = locked / "data"
    import os

    if os.geteuid() == 0:
        # root may write anywhere; check with a path under a file instead, which nobody can make.
        blocker = tmp_path / "a-file"
        blocker.write_text("")
        settings.DATA_DIR = blocker / "data"
        settings.MEDIA_ROOT = blocker / "media"
    assert "consortia.E003" in ids(settings)


def test_production_without_site_url_is_a_warning(settings: SettingsWrapper) -> None:
    settings.DEBUG = False
    settings.SITE_URL = settings.SITE_URL_DEFAULT
    assert "consortia.W002" in ids(settings)
    settings.SITE_URL = "https://hub.example.org.uk"
    assert "consortia.W002" not in ids(settings)
    settings.SITE_URL = settings.SITE_URL_DEFAULT
    settings.DEBUG = True
    assert "consortia.W002" not in ids(settings)
