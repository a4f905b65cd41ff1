"""Production settings pass `manage.py check --deploy` without a warning, on one host and on several;
and the system checks name a task queue or file storage chosen without what it needs.

The deploy check runs in a fresh process because settings are read from the environment once, at
start-up: these are the variables docs/deploy.md tells an administrator to set.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from pytest_django.fixtures import Settings as SettingsWrapper

from consortia.core.checks import check_configuration

MANAGE = Path(django_settings.BASE_DIR) / "manage.py"

PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "hub.example.org.uk",
    "CSRF_TRUSTED_ORIGINS": "https://hub.example.org.uk",
    "SITE_URL": "https://hub.example.org.uk",
    "BEHIND_PROXY": "true",
    "SECURE_SSL_REDIRECT": "true",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "true",
    "SECURE_HSTS_PRELOAD": "true",
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "EMAIL_HOST": "smtp.example.org.uk",
}
ONE_HOST = {"TASKS_BACKEND": "db", "FILE_STORAGE": "filesystem", "REDIS_URL": ""}
SEVERAL_HOSTS = {
    "TASKS_BACKEND": "rq",
    "REDIS_URL": "redis://10.0.0.5:6379/0",
    "FILE_STORAGE": "s3",
    "S3_BUCKET": "consortia-files",
    "S3_ENDPOINT_URL": "https://s3.example.org.uk",
    "S3_REGION": "eu-west-2",
}


def deploy_check(tmp_path: Path, extra: dict[str, str]) -> subprocess.CompletedProcess[str]:
    # Only the variables a server would set: nothing from the test run's own environment
    # (DJANGO_SETTINGS_MODULE, DATABASE_URL) may leak in. A .env file in the project still fills
    # in what is not given here, as it would on a server, so everything that matters is given.
    environment = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": os.environ.get("HOME", str(tmp_path)),
        "DATA_DIR": str(tmp_path / "data"),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'consortia.sqlite3'}",
        **PRODUCTION,
        **extra,
    }
    return subprocess.run(
        [sys.executable, str(MANAGE), "check", "--deploy", "--fail-level", "WARNING"],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("hosts", [ONE_HOST, SEVERAL_HOSTS], ids=["one host", "several hosts"])
def test_production_settings_pass_the_deploy_check(tmp_path: Path, hosts: dict[str, str]) -> None:
    result = deploy_check(tmp_path, hosts)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def ids() -> set[str]:
    return {problem.id for problem in check_configuration(None) if problem.id}


def test_a_redis_queue_without_redis_is_refused(settings: SettingsWrapper) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    settings.REDIS_URL = ""
    assert "consortia.E004" in ids()
    settings.REDIS_URL = "redis://127.0.0.1:6379/0"
    assert "consortia.E004" not in ids()


def test_s3_storage_without_a_bucket_is_refused_and_without_redis_warned(settings: SettingsWrapper) -> None:
    settings.FILE_STORAGE = "s3"
    settings.REDIS_URL = ""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {"bucket_name": ""}},
    }
    assert {"consortia.E005", "consortia.W003"} <= ids()
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {"bucket_name": "consortia-files"}},
    }
    settings.REDIS_URL = "redis://127.0.0.1:6379/0"
    assert not {"consortia.E005", "consortia.W003"} & ids()


def test_every_scheduled_job_in_the_readme_has_a_systemd_timer() -> None:
    root = Path(django_settings.BASE_DIR)
    section = (root / "README.md").read_text().split("### Scheduled jobs", 1)[1].split("\n## ", 1)[0]
    jobs = set(re.findall(r"^\| `manage\.py (\w+)`", section, flags=re.MULTILINE))
    systemd = root / "deploy" / "systemd"
    timed = {
        re.search(r"^Unit=consortia-job@(\w+)\.service$", timer.read_text(), flags=re.MULTILINE).group(1)
        for timer in systemd.glob("consortia-*.timer")
    }
    # build_expiry_radar runs after each fetch_notices, from a drop-in rather than a timer of its own.
    after_fetch = (systemd / "consortia-job@fetch_notices.service.d" / "expiry-radar.conf").read_text()
    timed |= set(re.findall(r"manage\.py (\w+)", after_fetch))
    assert "fetch_notices" in jobs
    assert jobs == timed


def test_gunicorn_compiles_every_template_before_forking_its_workers() -> None:
    """deploy/gunicorn.conf.py compiles the templates in the parent, so that a worker forked from
    it (at the start, or replacing one after max_requests) renders its first pages without
    compiling them."""
    import importlib.util

    from django.template import engines

    path = Path(__file__).resolve().parents[3] / "deploy" / "gunicorn.conf.py"
    spec = importlib.util.spec_from_file_location("gunicorn_conf", path)
    assert spec is not None
    assert spec.loader is not None
    conf = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(conf)

    from django.template.loaders.cached import Loader as CachedLoader

    # The cached loader (DEBUG off), inside django-template-partials' own.
    found = [*engines["django"].engine.template_loaders]
    while found and not isinstance(found[0], CachedLoader):
        found = [*getattr(found[0], "loaders", []), *found[1:]]
    assert found, "no cached template loader"
    found[0].reset()
    compiled = conf._compile_templates()
    assert compiled > 200
    cached = found[0].get_template_cache
    for name in ["base.html", "core/table.html", "portal/return.html"]:
        assert name in cached, name


def start_gunicorn(tmp_path: Path, workers: int = 1) -> tuple[subprocess.Popen[str], list[str]]:
    """A real gunicorn with deploy/gunicorn.conf.py on a free port, and its log up to the last
    worker booting."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    root = Path(django_settings.BASE_DIR)
    environment = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": os.environ.get("HOME", str(tmp_path)),
        "DATA_DIR": str(tmp_path / "data"),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'consortia.sqlite3'}",
        **PRODUCTION,
        **ONE_HOST,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": str(workers),
    }
    gunicorn = Path(sys.executable).with_name("gunicorn")
    process = subprocess.Popen(
        [str(gunicorn), "-c", str(root / "deploy" / "gunicorn.conf.py")],
        cwd=root,
        env=environment,
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        start_new_session=True,
    )
    lines: list[str] = []
    assert process.stderr is not None
    for line in process.stderr:
        lines.append(line)
        booted = sum("Booting worker" in line for line in lines)
        if booted == workers or "Error" in line or len(lines) > 50:
            break
    return process, lines


def test_a_starting_gunicorn_opens_its_port_only_once_it_has_compiled_the_templates(tmp_path: Path) -> None:
    """A gunicorn started again while the site is busy must not accept connections it cannot
    answer yet: nginx would leave those requests queued behind its start-up instead of sending
    them to the other gunicorn. So the loading and compiling (`on_starting`) come before gunicorn
    listens, and a worker is only forked after both."""
    import signal

    process, lines = start_gunicorn(tmp_path)
    os.killpg(process.pid, signal.SIGKILL)  # only its log is wanted
    process.wait(timeout=30)
    log = "".join(lines)
    compiled = next((number for number, line in enumerate(lines) if "compiled" in line), None)
    listening = next((number for number, line in enumerate(lines) if "Listening at" in line), None)
    booting = next((number for number, line in enumerate(lines) if "Booting worker" in line), None)
    assert compiled is not None, log
    assert listening is not None, log
    assert booting is not None, log
    assert compiled < listening < booting, log
    assert int(re.search(r"compiled (\d+) templates", lines[compiled]).group(1)) > 200, log  # type: ignore[union-attr]


def test_gunicorn_workers_leave_when_their_master_dies(tmp_path: Path) -> None:
    """A master killed outright (SIGKILL, or the out-of-memory killer) must not leave its workers
    serving: they would serve on while requests keep coming, until killed mid-request when the
    master is started again. They are told to finish their request and go."""
    import signal
    import time

    from deploy import stack

    process, lines = start_gunicorn(tmp_path, workers=2)
    workers = [int(found) for found in re.findall(r"Booting worker with pid: (\d+)", "".join(lines))]
    try:
        assert len(workers) == 2, "".join(lines)
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
        deadline = time.monotonic() + 10  # a worker left alone waits up to 30 s (half the timeout)
        alive = workers
        while alive and time.monotonic() < deadline:
            time.sleep(0.1)
            alive = [pid for pid in workers if stack._alive(pid)]
        assert not alive, f"workers still running after their master died: {alive}"
    finally:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)


def test_a_dying_gunicorn_answers_the_requests_already_waiting_for_it(tmp_path: Path) -> None:
    """Requests queued on the port when the master dies are answered, not reset: nginx could not
    send a reset POST (a member's form) on to the other gunicorn. The one worker is kept busy by
    a request whose last line has not arrived; five more requests queue behind it; the master is
    killed; then the first request is finished. All six are answered."""
    import signal
    import socket
    import time

    process, lines = start_gunicorn(tmp_path, workers=1)
    port = int(re.search(r"Listening at: http://127\.0\.0\.1:(\d+)", "".join(lines)).group(1))  # type: ignore[union-attr]
    request = "GET /accounts/login/ HTTP/1.1\r\nHost: hub.example.org.uk\r\nConnection: close\r\n"
    connections: list[socket.socket] = []
    try:
        busy = socket.create_connection(("127.0.0.1", port), timeout=20)
        connections.append(busy)
        busy.sendall(request.encode())  # all but the blank line that ends it: the worker waits
        time.sleep(0.5)
        for _ in range(5):
            queued = socket.create_connection(("127.0.0.1", port), timeout=20)
            queued.sendall((request + "\r\n").encode())
            connections.append(queued)
        time.sleep(0.5)
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
        time.sleep(0.5)  # the worker has been told to stop, and is still reading the first request
        busy.sendall(b"\r\n")
        answers = []
        for connection in connections:
            received = b""
            with contextlib.suppress(ConnectionResetError):
                while chunk := connection.recv(65536):
                    received += chunk
            answers.append(received.split(b"\r\n", 1)[0].decode())
        # Answered by the site (production settings: a redirect to https), not reset or failed.
        assert answers[0].startswith("HTTP/1.1 3"), answers
        assert answers == answers[:1] * 6, answers
    finally:
        for connection in connections:
            connection.close()
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
