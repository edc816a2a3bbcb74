"""The same upload through a real Celery worker and Redis, on PostgreSQL (the worker is another
process, so it needs a database both can see). `.ci/run` runs this with Redis started; plain
`make test` skips it because no broker is configured."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from tests.jobs.conftest import REAL_CSV
from twinning.jobs.models import Job
from twinning.jobs.progress import progress_read

pytestmark = [
    pytest.mark.worker,
    pytest.mark.skipif(not settings.CELERY_BROKER_URL, reason="needs CELERY_BROKER_URL (Redis); .ci/run sets it"),
]


@pytest.fixture
def worker(transactional_db: None) -> Iterator[subprocess.Popen[str]]:
    if connection.vendor != "postgresql":
        pytest.skip("the worker test needs PostgreSQL (set DATABASE_URL)")
    params = connection.settings_dict
    env = dict(os.environ)
    env["DJANGO_SETTINGS_MODULE"] = "twinning.config.settings.test"
    env["DATABASE_URL"] = (
        f"postgres://{params['USER']}@{params['HOST'] or '127.0.0.1'}:{params['PORT'] or 5432}/{params['NAME']}"
    )
    celery = Path(sys.executable).with_name("celery")
    process = subprocess.Popen(
        [
            str(celery),
            "-A",
            "twinning.config.celery",
            "worker",
            "--pool=solo",
            "--loglevel=INFO",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert process.stdout is not None
    deadline = time.monotonic() + 120
    for line in process.stdout:
        if "ready." in line:
            break
        if time.monotonic() > deadline:
            process.kill()
            pytest.fail("the Celery worker did not start within 2 minutes")
    try:
        yield process
    finally:
        process.terminate()
        process.wait(timeout=30)
        process.stdout.close()  # the pipe we read the worker's start-up lines from


@pytest.mark.gazetteer
def test_an_uploaded_csv_is_imported_by_the_worker_with_moving_progress(
    client, worker, gazetteer, tmp_path: Path, django_user_model
) -> None:
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("importer", password="x-secret-1234")
    user.user_permissions.add(Permission.objects.get(codename="run_job"))
    client.force_login(user)
    rows = REAL_CSV.read_text(encoding="utf-8").splitlines(keepends=True)[:3001]
    upload = SimpleUploadedFile("wikipedia_twin_cities_2026_geocoded.csv", "".join(rows).encode(), "text/csv")

    response = client.post(reverse("jobs:import"), {"file": upload, "format": ""})
    job = Job.objects.get()
    assert response.status_code == 302

    seen: set[int] = set()
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.finished:
            break
        fragment = client.get(reverse("jobs:progress", args=[job.pk])).content.decode()
        assert "hx-trigger" in fragment  # still polling
        seen.add(progress_read(job.pk).done)
        time.sleep(0.2)
    assert job.state == Job.State.SUCCEEDED, job.error
    assert job.summary["rows"] == 3000 and job.summary["partnerships_created"] > 1000
    assert len(seen - {0}) >= 2, f"the bar should move while the worker links rows; saw {sorted(seen)}"
