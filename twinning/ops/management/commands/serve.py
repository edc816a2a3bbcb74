"""`twinning serve`: the production server — gunicorn (threaded workers) for the web and, when a
broker is configured, a Celery worker for background jobs. Signals are passed on; when either
process ends, the other is stopped and the exit status is non-zero."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

# One JSON object per request, like the application's own log lines.
ACCESS_LOG_FORMAT = (
    '{"time": "%(t)s", "logger": "gunicorn.access", "remote": "%(h)s", "method": "%(m)s", "path": "%(U)s", '
    '"query": "%(q)s", "status": %(s)s, "bytes": "%(B)s", "duration_ms": %(M)s, "agent": "%(a)s"}'
)


class Command(BaseCommand):
    help = "Serve with gunicorn and, when CELERY_BROKER_URL is set, a Celery worker (use the production settings)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--bind", default=os.environ.get("BIND", "127.0.0.1:8000"))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_WORKERS", "2")))
        parser.add_argument("--threads", type=int, default=int(os.environ.get("WEB_THREADS", "8")))
        parser.add_argument("--worker-concurrency", type=int, default=int(os.environ.get("JOB_WORKERS", "2")))
        parser.add_argument("--no-worker", action="store_true", help="do not start a Celery worker")

    def handle(self, *args: object, **options: object) -> None:
        bindir = os.path.dirname(sys.executable)
        gunicorn = shutil.which("gunicorn", path=bindir) or shutil.which("gunicorn")
        if not gunicorn:
            raise CommandError("gunicorn is not installed (make install)")
        commands = [
            [
                gunicorn,
                "twinning.config.wsgi:application",
                "--bind",
                str(options["bind"]),
                "--worker-class",
                "gthread",
                "--workers",
                str(options["workers"]),
                "--threads",
                str(options["threads"]),
                "--timeout",
                "120",
                # Idle keep-alive connections are closed after this many seconds. gunicorn's 2 s
                # default races clients (and proxies) that reuse a connection after a pause of about
                # that length: the request meets a closed socket ("connection reset by peer").
                "--keep-alive",
                os.environ.get("WEB_KEEPALIVE", "10"),
                "--access-logfile",
                "-",
                "--access-logformat",
                ACCESS_LOG_FORMAT,
                "--error-logfile",
                "-",
                "--forwarded-allow-ips",
                os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"),
            ]
        ]
        if settings.CELERY_BROKER_URL and not options["no_worker"]:
            celery = shutil.which("celery", path=bindir) or shutil.which("celery")
            if not celery:
                raise CommandError("celery is not installed (make install)")
            commands.append(
                [
                    celery,
                    "-A",
                    "twinning.config.celery",
                    "worker",
                    "--concurrency",
                    str(options["worker_concurrency"]),
                    "--loglevel",
                    "INFO",
                    "--without-gossip",
                    "--without-mingle",
                ]
            )
        elif not settings.CELERY_BROKER_URL:
            self.stderr.write("CELERY_BROKER_URL is not set: background jobs run in threads of the web workers.")
        children = [subprocess.Popen(command) for command in commands]  # noqa: S603

        def forward(signum: int, frame: object) -> None:
            for child in children:
                if child.poll() is None:
                    child.send_signal(signum)

        signal.signal(signal.SIGTERM, forward)
        signal.signal(signal.SIGINT, forward)
        while all(child.poll() is None for child in children):
            time.sleep(0.5)
        forward(signal.SIGTERM, None)
        codes = [child.wait(timeout=30) for child in children]
        if any(codes):
            raise CommandError(f"a server process ended with status {max(codes, key=abs)}")
