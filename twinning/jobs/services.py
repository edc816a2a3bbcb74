"""Starting and running jobs. A job is dispatched after the transaction that created it commits:
to a Celery worker when a broker is configured, else to a thread of this process (or run at once
when TWINNING_JOBS_INLINE is "sync", as in the tests)."""

from __future__ import annotations

import logging
import threading
from typing import Any

from django.conf import settings
from django.db import close_old_connections, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from twinning.core.errors import TwinningError
from twinning.core.services import Actor, audit_log

from .definitions import job_kind
from .models import Job
from .progress import Reporter

logger = logging.getLogger(__name__)


def job_mode() -> str:
    if settings.CELERY_BROKER_URL:
        return "celery"
    return "sync" if settings.TWINNING_JOBS_INLINE == "sync" else "thread"


def _dispatch(job_id: int) -> None:
    mode = job_mode()
    if mode == "celery":
        from .tasks import run_job

        run_job.delay(job_id)
    elif mode == "sync":
        job_run(job_id=job_id)
    else:
        threading.Thread(target=_run_in_thread, args=(job_id,), name=f"job-{job_id}", daemon=True).start()


def _run_in_thread(job_id: int) -> None:
    try:
        job_run(job_id=job_id)
    finally:
        close_old_connections()


@transaction.atomic
def job_start(*, actor: Actor, kind: str, arguments: dict[str, Any]) -> Job:
    job_kind(kind)  # unknown kinds fail here, before anything is written
    job = Job.objects.create(kind=kind, arguments=arguments, created_by=actor.user_or_none, via=actor.via[:100])
    audit_log(actor=actor, action="job.start", obj=job, changes={"kind": kind, "arguments": arguments})
    transaction.on_commit(lambda: _dispatch(job.pk))
    return job


def job_run(*, job_id: int) -> Job:
    """Run a queued job once (a redelivered task finds it claimed and does nothing)."""
    claimed = Job.objects.filter(pk=job_id, state=Job.State.QUEUED).update(
        state=Job.State.RUNNING, started_at=timezone.now()
    )
    job = Job.objects.get(pk=job_id)
    if not claimed:
        return job
    actor = Actor(via=f"job:{job.kind}", user=job.created_by)
    try:
        summary = job_kind(job.kind).run(job.arguments, Reporter(job.pk), actor)
    except TwinningError as error:
        _finish(job, state=Job.State.FAILED, error=str(error))
    except Exception:
        # The services roll back their own transaction; the user gets a reference, the log the details.
        logger.exception("job %s (%s) failed", job.pk, job.kind)
        _finish(
            job,
            state=Job.State.FAILED,
            error=_("internal error; the server log has the details (job %(id)s)") % {"id": job.pk},
        )
    else:
        _finish(job, state=Job.State.SUCCEEDED, summary=summary)
    return job


def _finish(job: Job, *, state: str, summary: dict[str, Any] | None = None, error: str = "") -> None:
    job.state = state
    job.summary = summary or {}
    job.error = error
    job.finished_at = timezone.now()
    job.save(update_fields=["state", "summary", "error", "finished_at"])
    audit_log(
        actor=Actor(via=f"job:{job.kind}", user=job.created_by),
        action=f"job.{state}",
        obj=job,
        changes={"state": [Job.State.RUNNING, state], "error": error}
        if error
        else {"state": [Job.State.RUNNING, state]},
    )
