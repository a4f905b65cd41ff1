"""Gunicorn's settings for Consortia: `gunicorn -c deploy/gunicorn.conf.py`.

Each value can be changed from the environment (the systemd unit reads /etc/consortia/env), so
this file stays as it is on every host. See docs/deploy.md.
"""

from __future__ import annotations

import multiprocessing
import os
import signal

wsgi_app = "consortia.config.wsgi:application"

# Where nginx reaches this gunicorn: a loopback port on one host, a private address on several.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001").split(",")

# Pages spend most of their time waiting for the database, so a few processes per core; two at
# least, so one slow request never holds up everyone.
workers = int(os.environ.get("GUNICORN_WORKERS", max(2, multiprocessing.cpu_count() * 2 + 1)))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
# gunicorn's sync worker, which answers the connections already queued before it stops rather than
# leaving them to be reset (deploy/gunicorn_worker.py). With threads, gunicorn's own threaded worker.
worker_class = "deploy.gunicorn_worker.SyncWorker" if threads == 1 else "gthread"

# A request still running after this many seconds is stopped (a big import goes to the worker
# instead: the page only uploads the file). nginx waits a little longer than this.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
# On a restart or a stop, requests under way get this long to finish before their process ends.
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
# nginx keeps connections to gunicorn open between requests.
keepalive = 5

# Each process is replaced after about this many requests, so memory a request leaked is given
# back; the jitter stops every process restarting at the same moment. Not much sooner: a new
# process opens a new database connection, whose first queries cost PostgreSQL several times the
# usual while it loads its catalogue: at the load test's 100 requests a second, replacing each
# worker every 1,000 requests (every 40 s) took the p95 from 260 to 520 ms (bench/README.md).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "10000"))
max_requests_jitter = max_requests // 5

# Load Django once in the parent process and fork the workers from it: quicker starts and shared
# memory. A code upgrade therefore needs `systemctl restart consortia-web` (a reload, HUP, starts
# new workers from the code already loaded).
preload_app = os.environ.get("GUNICORN_PRELOAD", "true").lower() in {"1", "true", "yes", "on"}

# Heartbeat files in memory, not on a disk that may stall.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None

# Logs go to standard output and error, which systemd keeps in the journal
# (`journalctl -u consortia-web`). The access log line: client (as nginx saw it), user, time,
# request, status, bytes, referrer, browser, and the time taken in microseconds.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = os.environ.get("GUNICORN_ERROR_LOG", "-")
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = '%({x-forwarded-for}i)s %(h)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(D)sus'
capture_output = True

# Trust the X-Forwarded-* headers only from nginx on this host (or the addresses given).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
proc_name = os.environ.get("GUNICORN_NAME", "consortia")
# gunicornc's control socket: off unless a path is given, since two gunicorns on one host would
# otherwise share the default path (and a systemd unit may not write to its home).
if os.environ.get("GUNICORN_CONTROL_SOCKET"):
    control_socket = os.environ["GUNICORN_CONTROL_SOCKET"]
else:
    control_socket_disable = True
pidfile = os.environ.get("GUNICORN_PIDFILE") or None


def _freeze_loaded_objects() -> None:
    """Move every object alive now (Django, the apps, the URLconf and its views) out of the
    garbage collector's reach: they live as long as the process, yet each full collection walked
    all of them (a quarter of a million), about a millisecond of every request's CPU on average.
    In the parent process (preload_app) it also keeps the pages it shares with its workers shared."""
    import gc

    gc.collect()
    gc.freeze()


def _compile_templates() -> int:
    """Compile every template into the cached template loader (DEBUG off), as each worker would
    at the first page needing it; return how many. Done in the parent, a worker forked from it
    (at the start, and each time one is replaced after `max_requests`) starts with them compiled
    instead of spending its first requests, hundreds of milliseconds, compiling them."""
    from pathlib import Path

    from django.template import TemplateSyntaxError, engines
    from django.template.autoreload import get_template_directories

    compiled = 0
    names = {
        str(path.relative_to(folder))
        for folder in get_template_directories()
        for path in Path(folder).rglob("*")
        if path.suffix in {".html", ".txt", ".xml", ".svg"}
    }
    for engine in engines.all():
        for name in sorted(names):
            try:
                engine.get_template(name)
            except (TemplateSyntaxError, LookupError, UnicodeDecodeError, ValueError):
                continue  # not a template of this engine (a static file under a templates folder)
            except Exception:  # noqa: BLE001 - a template that needs context to load; compiled when used
                continue
            compiled += 1
    return compiled


def on_starting(server: object) -> None:
    """Parent process, application loaded (preload_app), before it opens its port: import the
    URLconf and every view too, and compile the templates, as each worker would at its first
    requests; then freeze before any worker is forked.

    Done before the port opens (gunicorn's `when_ready` comes after), so that a gunicorn started
    again while the site is busy refuses connections until it can answer them: nginx sends those
    requests to the other gunicorn at once instead of leaving them queued behind a second or two
    of start-up."""
    if not preload_app:
        return
    from django.db import connections
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - imports every app's views
    compiled = _compile_templates()
    connections.close_all()  # no connection opened here may be shared with the workers
    _freeze_loaded_objects()
    server.log.info("Loaded the views and compiled %d templates", compiled)  # type: ignore[attr-defined]


def post_fork(server: object, worker: object) -> None:
    """Each worker, just forked: it leaves when its master dies (killed, say, or out of memory),
    once the request it is serving is answered.

    Left alone, a worker whose master has died goes on taking requests for as long as there are
    any waiting (it looks for its master only when none is), so on a busy site it serves on until
    the master is started again and its leftovers are killed, in the middle of requests: a form
    being sent then fails. Told to stop (SIGTERM, by the kernel, through PR_SET_PDEATHSIG) it
    finishes its request and goes; the listening port closes with it and nginx sends the next
    requests to the other gunicorn."""
    import ctypes
    import ctypes.util

    # Until the worker sets its own handlers, it runs the master's, which would only queue a SIGTERM
    # for a master loop the worker does not run: the signal would be lost and the worker serve on.
    # Stopped before it has taken a request, it has nothing to finish.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        set_death_signal = libc.prctl
    except (OSError, AttributeError):  # not Linux: the worker looks for its master between requests
        return
    pr_set_pdeathsig = 1
    if set_death_signal(pr_set_pdeathsig, signal.SIGTERM) != 0:
        return
    if os.getppid() != getattr(worker, "ppid", os.getppid()):  # the master died before this was set
        os.kill(os.getpid(), signal.SIGTERM)


def post_worker_init(worker: object) -> None:
    """Each worker, once it has loaded the application (itself, without preload_app)."""
    _freeze_loaded_objects()
