"""The background worker, whichever queue the settings choose: `python deploy/worker.py`.

With the queue in the database (the default) this is `manage.py db_worker`; with TASKS_BACKEND=rq
it is `manage.py rqworker` on Redis, with the job class django-tasks-rq needs. One systemd unit
(consortia-worker.service) and the local stack run it, so neither needs to know which.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RQ_BACKEND = "django_tasks_rq.RQBackend"


def main() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "consortia.config.settings")
    import django
    from django.conf import settings
    from django.core.management import call_command

    django.setup()
    if settings.TASKS["default"]["BACKEND"] == RQ_BACKEND:
        # Every queue the settings name; --with-scheduler runs tasks given a later start time.
        call_command("rqworker", *settings.RQ_QUEUES, job_class="django_tasks_rq.Job", with_scheduler=True)
    else:
        call_command("db_worker", interval=1)


if __name__ == "__main__":
    main()
