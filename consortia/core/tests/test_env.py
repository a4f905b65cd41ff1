"""Settings helpers fail loudly, naming the variable."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from consortia.config.env import env_bool, env_int, env_list, env_str, env_url, load_dotenv


def test_env_bool_accepts_the_usual_words(monkeypatch: pytest.MonkeyPatch) -> None:
    for word, expected in (("yes", True), ("On", True), ("1", True), ("false", False), ("0", False), ("", False)):
        monkeypatch.setenv("FLAG", word)
        assert env_bool("FLAG", not expected) is expected


def test_env_bool_refuses_anything_else(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEBUG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="DEBUG must be true or false"):
        env_bool("DEBUG", False)


def test_env_int_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EMAIL_PORT", "twenty-five")
    with pytest.raises(ImproperlyConfigured, match="EMAIL_PORT must be a whole number"):
        env_int("EMAIL_PORT", 25)


def test_required_variable_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOMETHING_REQUIRED", raising=False)
    with pytest.raises(ImproperlyConfigured, match="SOMETHING_REQUIRED must be set"):
        env_str("SOMETHING_REQUIRED")


def test_env_list_splits_on_commas(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALLOWED_HOSTS", " hub.example.org.uk, ,localhost ")
    assert env_list("ALLOWED_HOSTS", []) == ["hub.example.org.uk", "localhost"]


def test_dotenv_never_overrides_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALREADY_SET", "from-environment")
    monkeypatch.delenv("FROM_FILE", raising=False)
    env_file = tmp_path / ".env"
    env_file.write_text("# comment\nALREADY_SET=from-file\nFROM_FILE='quoted value'\n")
    load_dotenv(env_file)
    import os

    assert os.environ["ALREADY_SET"] == "from-environment"
    assert os.environ["FROM_FILE"] == "quoted value"
    monkeypatch.delenv("FROM_FILE")


def test_dotenv_names_a_bad_line(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text("GOOD=1\nthis line is wrong\n")
    with pytest.raises(ImproperlyConfigured, match="line 2"):
        load_dotenv(env_file)


def test_env_url_takes_an_address_without_its_trailing_slash(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SITE_URL", raising=False)
    assert env_url("SITE_URL", "http://127.0.0.1:8000") == "http://127.0.0.1:8000"
    monkeypatch.setenv("SITE_URL", "https://hub.example.org.uk/")
    assert env_url("SITE_URL", "http://127.0.0.1:8000") == "https://hub.example.org.uk"
    for bad in ("hub.example.org.uk", "ftp://hub.example.org.uk", "https://"):
        monkeypatch.setenv("SITE_URL", bad)
        with pytest.raises(ImproperlyConfigured, match="SITE_URL must be the site's address"):
            env_url("SITE_URL", "http://127.0.0.1:8000")
