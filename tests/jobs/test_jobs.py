"""Jobs started from the web: the upload is stored, the job runs (synchronously in the tests, the
same code a Celery worker runs), its progress is shown while it runs and its summary after."""

from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from twinning.core.errors import ValidationFailed
from twinning.core.models import AuditEntry
from twinning.core.services import Actor
from twinning.jobs.models import Job
from twinning.jobs.progress import Reporter, progress_read
from twinning.jobs.services import job_run, job_start
from twinning.partnerships.models import Partnership

pytestmark = pytest.mark.django_db


def test_anonymous_is_sent_to_login_and_users_without_permission_get_403(client):
    assert client.get(reverse("jobs:import")).status_code == 302
    client.force_login(User.objects.create_user("reader"))
    assert client.get(reverse("jobs:import")).status_code == 403
    assert client.get(reverse("jobs:list")).status_code == 403


@pytest.mark.gazetteer
def test_uploading_the_real_csv_runs_an_import_job_with_a_summary(
    client, runner, csv_slice, gazetteer_index, django_capture_on_commit_callbacks
):
    client.force_login(runner)
    before = Partnership.objects.count()
    upload = SimpleUploadedFile("wikipedia_twin_cities_2026_geocoded.csv", csv_slice.read_bytes(), "text/csv")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("jobs:import"), {"file": upload, "format": "", "source": ""})
    job = Job.objects.get()
    assert response.status_code == 302 and response.url == reverse("jobs:detail", args=[job.pk])
    assert job.state == Job.State.SUCCEEDED, job.error
    assert job.created_by == runner
    assert job.summary["rows"] == 150
    assert job.summary["source"] == "dataset:wikipedia_twin_cities_2026"
    assert Partnership.objects.count() - before == job.summary["partnerships_created"] > 100
    page = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "150" in page and "hx-trigger" not in page  # finished: the fragment stops polling
    # The linking loop reported its progress to the end.
    snapshot = progress_read(job.pk)
    assert snapshot.total == 150 and snapshot.done == 150
    assert AuditEntry.objects.filter(action="job.succeeded", object_id=job.pk).exists()


@pytest.mark.gazetteer
def test_a_failing_import_job_writes_nothing_and_says_why(
    client, runner, gazetteer_index, django_capture_on_commit_callbacks
):
    client.force_login(runner)
    before = Partnership.objects.count()
    upload = SimpleUploadedFile("bad.csv", b"town,nation\nKrefeld,Germany\n", "text/csv")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("jobs:import"), {"file": upload, "format": "csv"})
    job = Job.objects.get()
    assert job.state == Job.State.FAILED
    assert "city1" in job.error  # names the missing column
    assert Partnership.objects.count() == before
    page = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "nichts wurde gespeichert" in page  # German first


def test_an_upload_without_a_file_is_a_400_naming_the_field(client, runner):
    client.force_login(runner)
    response = client.post(reverse("jobs:import"), {"format": "csv"})
    assert response.status_code == 400
    assert not Job.objects.exists()


def test_unknown_kind_is_refused_before_anything_is_written(runner):
    with pytest.raises(ValidationFailed, match="unbekannte Auftragsart"):
        job_start(actor=Actor(via="test", user=runner), kind="rm_rf", arguments={})
    assert not Job.objects.exists()


def test_progress_fragment_polls_while_running_and_shows_the_bar(client, runner):
    job = Job.objects.create(kind="import_twins", created_by=runner, state=Job.State.RUNNING)
    Reporter(job.pk).step("linking", 40, 160)
    client.force_login(runner)
    fragment = client.get(reverse("jobs:progress", args=[job.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in fragment
    assert '<progress max="160" value="40">' in fragment and "25 %" in fragment


def test_a_job_runs_once_even_if_delivered_twice(runner, tmp_path: Path):
    job = Job.objects.create(kind="import_twins", created_by=runner, state=Job.State.SUCCEEDED, summary={"rows": 1})
    assert job_run(job_id=job.pk).summary == {"rows": 1}


def test_other_users_jobs_are_not_visible(client, runner):
    other = User.objects.create_user("other")
    job = Job.objects.create(kind="ingest", created_by=other)
    client.force_login(runner)
    assert client.get(reverse("jobs:detail", args=[job.pk])).status_code == 404
