"""System checks that stop a badly configured deployment before it serves anyone."""

from __future__ import annotations

import os
from typing import Any

from django.conf import settings
from django.core.checks import Error, Warning, register


@register()
def check_configuration(app_configs: Any, **kwargs: Any) -> list[Error | Warning]:
    problems: list[Error | Warning] = []
    if not settings.DEBUG:
        if not settings.SECRET_KEY or settings.SECRET_KEY.startswith("insecure") or len(settings.SECRET_KEY) < 40:
            problems.append(
                Error(
                    "SECRET_KEY must be set to a long random value when DEBUG is off.",
                    hint='Generate one with: python -c "import secrets; print(secrets.token_urlsafe(50))"',
                    id="consortia.E001",
                )
            )
        if not settings.ALLOWED_HOSTS:
            problems.append(
                Error(
                    "ALLOWED_HOSTS is empty, so no request would be answered.",
                    hint="Set ALLOWED_HOSTS to the host names users type, separated by commas.",
                    id="consortia.E002",
                )
            )
    for name in ("DATA_DIR", "MEDIA_ROOT"):
        path = getattr(settings, name)
        existing = path
        while not existing.exists() and existing != existing.parent:
            existing = existing.parent  # a folder that does not exist yet is made by its nearest parent
        if not existing.is_dir() or not os.access(existing, os.W_OK):
            problems.append(
                Error(
                    f"{name} ({path}) cannot be written to by this process.",
                    hint=f"Create it and give this user write access, or set {name} to another folder.",
                    id="consortia.E003",
                )
            )
    if settings.EMAIL_BACKEND.endswith("console.EmailBackend") and not settings.DEBUG:
        problems.append(
            Warning(
                "E-mail goes to the console, so password-reset messages will not reach anyone.",
                hint="Set EMAIL_BACKEND and EMAIL_HOST.",
                id="consortia.W001",
            )
        )
    if not settings.DEBUG and settings.SITE_URL == settings.SITE_URL_DEFAULT:
        problems.append(
            Warning(
                "SITE_URL is not set, so links in e-mails sent outside a web request (by a command or a "
                f"background job) point at {settings.SITE_URL_DEFAULT}, which nobody else can reach.",
                hint="Set SITE_URL to the address users type, such as https://hub.example.org.uk.",
                id="consortia.W002",
            )
        )
    problems.extend(_check_several_hosts())
    return problems


def _check_several_hosts() -> list[Error | Warning]:
    """The task queue, the cache and the file storage that running on several hosts needs."""
    problems: list[Error | Warning] = []
    if settings.TASKS["default"]["BACKEND"] == settings.TASK_BACKENDS["rq"] and not settings.REDIS_URL:
        problems.append(
            Error(
                "TASKS_BACKEND is rq, but REDIS_URL is not set, so background imports would have nowhere to go.",
                hint="Set REDIS_URL (such as redis://127.0.0.1:6379/0), or remove TASKS_BACKEND to keep "
                "the queue in the database.",
                id="consortia.E004",
            )
        )
    if settings.FILE_STORAGE == "s3":
        if not settings.STORAGES["default"]["OPTIONS"]["bucket_name"]:
            problems.append(
                Error(
                    "FILE_STORAGE is s3, but S3_BUCKET is not set, so uploaded files could not be stored.",
                    hint="Set S3_BUCKET to the bucket's name (and S3_ENDPOINT_URL for storage other than "
                    "Amazon's), or remove FILE_STORAGE to keep files in MEDIA_ROOT.",
                    id="consortia.E005",
                )
            )
        if not settings.REDIS_URL:
            problems.append(
                Warning(
                    "Files are kept in S3 storage, as for several web hosts, but REDIS_URL is not set, so "
                    "each host keeps its own cache and counts failed logins and rate limits on its own.",
                    hint="Set REDIS_URL to the Redis every host shares.",
                    id="consortia.W003",
                )
            )
    return problems
