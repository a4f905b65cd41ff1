"""A production-like Consortia on this machine's loopback, for trying a deployment and for the
load test: nginx on 127.0.0.1:8000 sharing requests between two gunicorns (127.0.0.1:8001 and
:8002, each with deploy/gunicorn.conf.py), an RQ worker on Redis (database 1), PostgreSQL, and
DEBUG off.

    python deploy/stack.py up [--database NAME]   # `make stack-up`
    python deploy/stack.py status
    python deploy/stack.py down                    # `make stack-down`

Or from Python (bench/): `running = stack.up(database="consortia_stack")` returns the process
ids, so a test can stop one gunicorn (`os.kill(running.web[0], signal.SIGKILL)`) or the worker
and watch the rest carry on; `stack.down()` stops everything `up` started. PostgreSQL is shared
with the rest of the machine: it is started when it does not answer, and never stopped.

Process ids, logs, the generated nginx configuration, static files and uploads are kept in .stack/.
"""

from __future__ import annotations

import argparse
import contextlib
import getpass
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STATE = ROOT / ".stack"
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
HOST = "127.0.0.1"
NGINX_PORT = 8000
WEB_PORTS = (8001, 8002)
# The worker as its systemd unit runs it (deploy/systemd/consortia-worker.service: Nice=10): a
# background task gives way to the pages people are waiting for. `nice` runs it in its own place
# (the pid is the worker's).
WORKER_COMMAND = ["nice", "-n", "10", str(PYTHON), str(ROOT / "deploy" / "worker.py")]
POSTGRES = "postgres://postgres@127.0.0.1:5432/"
REDIS_PORT = 6379
REDIS_URL = f"redis://{HOST}:{REDIS_PORT}/1"
DEFAULT_DATABASE = "consortia_stack"
START_SECONDS = 180  # gunicorn loads Django before it answers; slow on a busy machine

# Children started by this process: kept so they are reaped (a stopped child would otherwise
# linger as a zombie and still look alive to `os.kill(pid, 0)`).
_children: dict[int, subprocess.Popen[bytes]] = {}


@dataclass
class Running:
    """What `up` started (or found running): process ids and where to reach it."""

    database: str
    url: str
    web: list[int] = field(default_factory=list)  # the gunicorn masters, in the order of WEB_PORTS
    worker: int = 0
    nginx: int = 0
    redis: int = 0  # only when `up` had to start Redis itself

    def pids(self) -> dict[str, int]:
        named = {f"web-{port}": pid for port, pid in zip(WEB_PORTS, self.web, strict=False)}
        named |= {"worker": self.worker, "nginx": self.nginx, "redis": self.redis}
        return {name: pid for name, pid in named.items() if pid}


class StackError(RuntimeError):
    """Something the stack needs is missing or did not start; the message says what to do."""


# ---------------------------------------------------------------------------------------------
# Processes and files


def _say(message: str) -> None:
    print(f"stack: {message}", flush=True)


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    child = _children.get(pid)
    if child is not None and child.poll() is not None:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    with contextlib.suppress(OSError):
        if Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] == "Z":
            return False
    return True


def _state_file() -> Path:
    return STATE / "state.json"


def _load_state() -> Running | None:
    try:
        data = json.loads(_state_file().read_text())
    except (OSError, ValueError):
        return None
    return Running(**data)


def _save_state(running: Running) -> None:
    _state_file().write_text(json.dumps(asdict(running), indent=2))
    for name, pid in running.pids().items():
        (STATE / f"{name}.pid").write_text(f"{pid}\n")


def _run(command: list[str], env: dict[str, str] | None = None, log: str = "setup.log") -> str:
    """Run a command to completion, its output appended to .stack/<log>; fail with its last lines."""
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    with (STATE / log).open("a") as out:
        out.write(f"$ {' '.join(command)}\n{result.stdout}{result.stderr}\n")
    if result.returncode != 0:
        tail = "\n".join((result.stdout + result.stderr).strip().splitlines()[-15:])
        raise StackError(f"`{' '.join(command)}` failed:\n{tail}")
    return result.stdout


def _start(name: str, command: list[str], env: dict[str, str]) -> int:
    """Start a long-running process in its own session (so its workers can be stopped with it)."""
    log = (STATE / f"{name}.log").open("ab")
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    log.close()
    _children[process.pid] = process
    return process.pid


def _stop(pid: int, name: str, grace: float = 15.0, sig: int = signal.SIGTERM) -> None:
    """Ask a process (and the session it leads) to stop; after `grace` seconds, make it."""
    if pid <= 0:
        return
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.kill(pid, sig)
    deadline = time.monotonic() + grace
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    _kill_session(pid)
    _say(f"stopped {name} ({pid})")


def _kill_session(pid: int) -> None:
    """Kill whatever is left of the session `pid` leads (gunicorn workers of a master that was
    killed, say) and the process itself, and collect it."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.kill(pid, signal.SIGKILL)
    child = _children.pop(pid, None)
    if child is not None:
        with contextlib.suppress(subprocess.TimeoutExpired):
            child.wait(timeout=5)


def _answers(port: int, path: str = "/", host: str = HOST) -> int | None:
    """The HTTP status a GET of `path` gets on the port, or None when nothing answers."""
    connection = http.client.HTTPConnection(host, port, timeout=5)
    try:
        connection.request("GET", path, headers={"Host": f"{host}:{NGINX_PORT}"})
        return connection.getresponse().status
    except OSError:
        return None
    finally:
        connection.close()


def _port_taken(port: int) -> bool:
    import socket

    with socket.socket() as probe:
        probe.settimeout(1)
        return probe.connect_ex((HOST, port)) == 0


def _wait_for(port: int, what: str, pids: list[int]) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        status = _answers(port)
        if status is not None and status < 500:
            return
        if not all(_alive(pid) for pid in pids):
            break
        time.sleep(0.5)
    raise StackError(f"{what} did not answer on {HOST}:{port}; see the logs in {STATE}.")


# ---------------------------------------------------------------------------------------------
# The services


def environment(database: str = DEFAULT_DATABASE) -> dict[str, str]:
    """The settings every process of the stack runs with (DEBUG off, Redis queue, PostgreSQL)."""
    secret_file = STATE / "secret_key"
    if not secret_file.exists():
        secret_file.write_text(secrets.token_urlsafe(50))
    env = {
        key: value
        for key, value in os.environ.items()
        # The caller's own Django settings (a test run's, say) must not leak into the stack.
        if not key.startswith(("DJANGO_", "GUNICORN_", "S3_")) and key not in {"PYTHONPATH"}
    }
    env |= {
        "DJANGO_SETTINGS_MODULE": "consortia.config.settings",
        "DEBUG": "false",
        "SECRET_KEY": secret_file.read_text().strip(),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "CSRF_TRUSTED_ORIGINS": f"http://127.0.0.1:{NGINX_PORT},http://localhost:{NGINX_PORT}",
        "SITE_URL": f"http://127.0.0.1:{NGINX_PORT}",
        "DATABASE_URL": POSTGRES + database,
        "TASKS_BACKEND": "rq",
        "REDIS_URL": REDIS_URL,
        "FILE_STORAGE": "filesystem",
        "DATA_DIR": str(STATE / "data"),
        "MEDIA_ROOT": str(STATE / "data" / "media"),
        "STATIC_ROOT": str(STATE / "static"),
        # Plain http on loopback: cookies without the Secure flag, no https redirect.
        "SECURE_COOKIES": "false",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "BEHIND_PROXY": "false",
        "GUNICORN_WORKERS": os.environ.get("STACK_WEB_WORKERS", "2"),
    }
    if os.environ.get("STACK_MAX_REQUESTS"):  # the gunicorns' max_requests, to measure its cost
        env["GUNICORN_MAX_REQUESTS"] = os.environ["STACK_MAX_REQUESTS"]
    return env


def _static_out_of_date() -> bool:
    """Whether the static files need collecting: never collected, or a source newer than them."""
    manifest = STATE / "static" / "staticfiles.json"
    if not manifest.exists():
        return True
    sources = [ROOT / ".venv" / ".installed", ROOT / "requirements.lock"]
    for folder in ROOT.joinpath("consortia").glob("**/static"):
        sources.extend(path for path in folder.rglob("*") if path.is_file())
    collected = manifest.stat().st_mtime
    return any(path.exists() and path.stat().st_mtime > collected for path in sources)


def _ensure_postgres() -> None:
    def answers() -> bool:
        check = ["psql", "-h", HOST, "-U", "postgres", "-d", "postgres", "-tAc", "select 1"]
        return subprocess.run(check, capture_output=True, check=False).returncode == 0

    if answers():
        return
    versions = sorted(os.listdir("/etc/postgresql")) if Path("/etc/postgresql").is_dir() else []
    if not versions:
        raise StackError("PostgreSQL does not answer on 127.0.0.1:5432 and is not installed (/etc/postgresql).")
    _say("starting PostgreSQL")
    _run(["pg_ctlcluster", "--skip-systemctl-redirect", versions[-1], "main", "start"])
    deadline = time.monotonic() + 30
    while not answers():
        if time.monotonic() > deadline:
            raise StackError("PostgreSQL was started but does not answer on 127.0.0.1:5432.")
        time.sleep(0.5)


def _ensure_database(database: str) -> bool:
    """Create the database when it is missing; True when it was created (so it is empty)."""
    psql = ["psql", "-h", HOST, "-U", "postgres", "-d", "postgres", "-tA", "-c"]
    found = _run([*psql, f"SELECT 1 FROM pg_database WHERE datname = '{database}'"]).strip()
    if found == "1":
        return False
    _say(f"creating the database {database}")
    _run([*psql, f'CREATE DATABASE "{database}"'])
    return True


def _ensure_redis() -> int:
    """Redis on 127.0.0.1:6379; started (and its pid returned) only when nothing answers there."""
    if _port_taken(REDIS_PORT):
        return 0
    server = shutil.which("redis-server")
    if server is None:
        raise StackError("Redis does not answer on 127.0.0.1:6379 and redis-server is not installed.")
    _say("starting Redis")
    pid = _start(
        "redis",
        [server, "--bind", HOST, "--port", str(REDIS_PORT), "--save", "", "--appendonly", "no", "--dir", str(STATE)],
        os.environ.copy(),
    )
    deadline = time.monotonic() + 15
    while not _port_taken(REDIS_PORT):
        if time.monotonic() > deadline or not _alive(pid):
            raise StackError(f"Redis did not start; see {STATE / 'redis.log'}.")
        time.sleep(0.2)
    return pid


def _ensure_nginx() -> str:
    """Debian's nginx, installed with apt-get when missing (as the Makefile installs chromium)."""
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if found:
        return found
    _say("installing Debian's nginx")
    env = os.environ | {"DEBIAN_FRONTEND": "noninteractive"}
    _run(["apt-get", "update", "-qq"], env=env)
    _run(["apt-get", "install", "-y", "-qq", "nginx"], env=env)
    # The package starts the system's nginx on port 80; the stack runs its own, so stop that one.
    subprocess.run(["service", "nginx", "stop"], capture_output=True, check=False)
    return "/usr/sbin/nginx"


NGINX_CONF = """# Written by deploy/stack.py: the stack's own nginx (not the system's), in {state}.
# The same choices as deploy/nginx/consortia.conf, on plain http and loopback.
{user}worker_processes 2;
pid {state}/nginx/nginx.pid;
error_log {state}/nginx/error.log warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {state}/nginx/access.log;
    client_body_temp_path {state}/nginx/tmp/body;
    proxy_temp_path {state}/nginx/tmp/proxy;
    fastcgi_temp_path {state}/nginx/tmp/fastcgi;
    uwsgi_temp_path {state}/nginx/tmp/uwsgi;
    scgi_temp_path {state}/nginx/tmp/scgi;
    sendfile on;
    keepalive_timeout 65;
    server_tokens off;

    upstream consortia {{
{servers}
        keepalive 32;
    }}

    server {{
        listen {host}:{port};
        server_name 127.0.0.1 localhost;
        client_max_body_size 12m;
        add_header Permissions-Policy "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()" always;

        proxy_http_version 1.1;
        proxy_set_header Connection "";
        proxy_set_header Host $http_host;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto $scheme;
        proxy_redirect off;
        proxy_connect_timeout 2s;
        proxy_next_upstream error timeout;
        proxy_next_upstream_tries 2;
        proxy_read_timeout 65s;
        proxy_send_timeout 65s;

        location /static/ {{
            alias {state}/static/;
            gzip_static on;
            expires 30d;
            add_header Cache-Control "public";
            add_header X-Content-Type-Options "nosniff" always;
            access_log off;
        }}
        location = /opportunities/notices/import-file/ {{
            client_max_body_size 55m;
            proxy_pass http://consortia;
        }}
        location ~ ^/[a-z-]+/[a-z0-9-]+/import/$ {{
            client_max_body_size 512m;
            proxy_pass http://consortia;
        }}
        location / {{
            proxy_pass http://consortia;
        }}
    }}
}}
"""


def _write_nginx_conf() -> Path:
    folder = STATE / "nginx"
    for temp in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (folder / "tmp" / temp).mkdir(parents=True, exist_ok=True)
    servers = "\n".join(f"        server {HOST}:{port} max_fails=1 fail_timeout=2s;" for port in WEB_PORTS)
    # Run as root, nginx's workers would become "nobody", who may not write its temporary files.
    user = f"user {getpass.getuser()};\n" if os.geteuid() == 0 else ""
    conf = folder / "nginx.conf"
    conf.write_text(NGINX_CONF.format(state=STATE, user=user, servers=servers, host=HOST, port=NGINX_PORT))
    return conf


# ---------------------------------------------------------------------------------------------
# The commands


def status() -> dict[str, bool]:
    """Which of the stack's processes run, by name (web-8001, web-8002, worker, nginx, redis)."""
    running = _load_state()
    if running is None:
        return {}
    return {name: _alive(pid) for name, pid in running.pids().items()}


def up(database: str = DEFAULT_DATABASE) -> Running:
    """Start the stack on `database` (created, migrated and given the demo when new); return its pids.

    A stack already running on the same database is left as it is (processes that died are not
    restarted: `down` then `up`); one on another database is stopped first.
    """
    if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", database):
        raise StackError(f"{database!r} is not a database name (lower-case letters, digits and _).")
    STATE.mkdir(exist_ok=True)
    current = _load_state()
    if current is not None and any(status().values()):
        if current.database == database and all(status().values()):
            _say(f"already running on {database}")
            return current
        down()
    for port in (NGINX_PORT, *WEB_PORTS):
        if _port_taken(port):
            raise StackError(f"Something else listens on {HOST}:{port}; stop it first.")

    env = environment(database)
    _ensure_postgres()
    created = _ensure_database(database)
    running = Running(database=database, url=f"http://{HOST}:{NGINX_PORT}/")
    running.redis = _ensure_redis()
    _save_state(running)
    nginx = _ensure_nginx()

    manage = [str(PYTHON), "manage.py"]
    try:
        _say(f"migrating {database}")
        _run([*manage, "migrate", "--no-input", "-v0"], env)
        if created:
            _say("loading the demo consortium (a minute or two)")
            _run([*manage, "load_demo"], env)
    except StackError:
        if created:  # so the next `up` starts again from an empty database, demo and all
            _run(["psql", "-h", HOST, "-U", "postgres", "-d", "postgres", "-c", f'DROP DATABASE "{database}"'])
        raise
    if _static_out_of_date():
        # Compressing every file takes minutes on a busy machine, so only when something changed.
        _say("collecting the static files")
        _run([*manage, "collectstatic", "--no-input", "-v0"], env)

    for port in WEB_PORTS:
        running.web.append(_start_web(port, env))
    running.worker = _start("worker", WORKER_COMMAND, env)
    _save_state(running)

    conf = _write_nginx_conf()
    _run([nginx, "-t", "-q", "-c", str(conf), "-p", str(STATE / "nginx"), "-e", str(STATE / "nginx" / "error.log")])
    _run([nginx, "-c", str(conf), "-p", str(STATE / "nginx"), "-e", str(STATE / "nginx" / "error.log")])
    pid_file = STATE / "nginx" / "nginx.pid"
    deadline = time.monotonic() + 10
    while not pid_file.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    running.nginx = int(pid_file.read_text().strip())
    _save_state(running)

    try:
        for port, pid in zip(WEB_PORTS, running.web, strict=True):
            _wait_for(port, f"gunicorn web-{port}", [pid])
        _wait_for(NGINX_PORT, "nginx", [running.nginx])
    except StackError:
        down()
        raise
    if not _alive(running.worker):
        down()
        raise StackError(f"The worker stopped; see {STATE / 'worker.log'}.")
    return running


def _start_web(port: int, env: dict[str, str]) -> int:
    web_env = env | {"GUNICORN_BIND": f"{HOST}:{port}", "GUNICORN_NAME": f"consortia-stack-{port}"}
    return _start(f"web-{port}", [str(GUNICORN), "-c", str(ROOT / "deploy" / "gunicorn.conf.py")], web_env)


def restart_web(running: Running, number: int) -> int:
    """After a gunicorn's master died (or was killed), do what its systemd unit does
    (deploy/systemd/consortia-web.service: Restart=on-failure): stop what is left of its session
    (its workers) and start it again; return the new master's pid. nginx sends it requests again
    once it answers."""
    _kill_session(running.web[number])
    running.web[number] = _start_web(WEB_PORTS[number], environment(running.database))
    _save_state(running)
    return running.web[number]


def reap_worker(running: Running, grace: float = 10.0) -> None:
    """After the worker died (or was killed), stop what is left of its session, as systemd stops the
    rest of the unit when its main process dies: its RQ scheduler, a child process, survives the
    worker and holds the worker's Redis connection, whose waiting BLPOP would take the next job
    enqueued and lose it. A work horse finishing a job is given `grace` seconds (SIGTERM first)."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(running.worker, signal.SIGTERM)
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline:
        try:
            os.killpg(running.worker, 0)
        except (ProcessLookupError, PermissionError):
            break
        time.sleep(0.1)
    _kill_session(running.worker)


def restart_worker(running: Running) -> int:
    """Start the worker again as `up` does (after it died or was killed, and `reap_worker` cleared
    what it left); return its new pid."""
    running.worker = _start("worker", WORKER_COMMAND, environment(running.database))
    _save_state(running)
    return running.worker


def down() -> list[str]:
    """Stop everything `up` started (PostgreSQL stays); return the names of what was stopped."""
    running = _load_state()
    if running is None:
        return []
    stopped = []
    if running.nginx and _alive(running.nginx):
        _stop(running.nginx, "nginx", grace=10, sig=signal.SIGQUIT)
        stopped.append("nginx")
    for port, pid in zip(WEB_PORTS, running.web, strict=False):
        # Even a master that died may have left workers in its session.
        _stop(pid, f"gunicorn web-{port}", grace=35)
        stopped.append(f"web-{port}")
    if running.worker:
        _stop(running.worker, "worker", grace=20)
        stopped.append("worker")
    if running.redis and _alive(running.redis):
        _stop(running.redis, "redis", grace=10)
        stopped.append("redis")
    for pid_file in STATE.glob("*.pid"):
        pid_file.unlink()
    _state_file().unlink(missing_ok=True)
    return stopped


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("command", choices=["up", "down", "status"])
    parser.add_argument(
        "--database", default=DEFAULT_DATABASE, help=f"PostgreSQL database (default {DEFAULT_DATABASE})"
    )
    options = parser.parse_args(argv)
    try:
        if options.command == "up":
            running = up(options.database)
            print(f"Consortia (DEBUG off, database {running.database}) is at {running.url}")
            print(f"  nginx {running.url} -> gunicorn " + ", ".join(f"http://{HOST}:{port}/" for port in WEB_PORTS))
            print(f"  processes: {running.pids()}; logs in {STATE}/")
            print("  the demo logins are in README.md; stop it with `make stack-down`.")
        elif options.command == "down":
            stopped = down()
            print("Stopped: " + ", ".join(stopped) if stopped else "The stack was not running.")
        else:
            state = status()
            running_state = _load_state()
            if not state or running_state is None:
                print("The stack is not running.")
                return 1
            print(f"Database {running_state.database}, {running_state.url}")
            for name, pid in running_state.pids().items():
                print(f"  {name:10} {pid:>8}  {'running' if state[name] else 'stopped'}")
            return 0 if all(state.values()) else 1
    except StackError as error:
        print(f"stack: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
