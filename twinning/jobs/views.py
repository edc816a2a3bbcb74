from django.contrib.auth.decorators import login_required, permission_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from twinning.core.services import Actor

from .definitions import REGISTRY
from .forms import ImportForm, IngestForm
from .models import Job
from .progress import progress_read
from .selectors import jobs_visible
from .services import job_start
from .uploads import uploads_store

PERMISSION = "jobs.run_job"


@require_safe
@login_required
@permission_required(PERMISSION, raise_exception=True)
def job_list(request: HttpRequest) -> HttpResponse:
    jobs = jobs_visible(user=request.user)[:100]
    return render(request, "jobs/list.html", {"jobs": jobs, "kinds": REGISTRY})


@require_safe
@login_required
@permission_required(PERMISSION, raise_exception=True)
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_object_or_404(jobs_visible(user=request.user), pk=pk)
    return render(request, "jobs/detail.html", {"job": job, "progress": progress_read(job.pk), "kinds": REGISTRY})


@require_safe
@login_required
@permission_required(PERMISSION, raise_exception=True)
def job_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The fragment the progress bar polls; once the job has finished it stops polling."""
    job = get_object_or_404(jobs_visible(user=request.user), pk=pk)
    return render(request, "jobs/_progress.html", {"job": job, "progress": progress_read(job.pk)})


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
@permission_required(PERMISSION, raise_exception=True)
def job_import(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        uploads = [data["file"]] + ([data["names"]] if data.get("names") else [])
        stored = uploads_store(uploads)
        arguments = {
            "path": str(stored[0]),
            "names": str(stored[1]) if len(stored) > 1 else "",
            "format": data["format"],
            "source": data["source"],
            "filename": data["file"].name,
        }
        with transaction.atomic():
            job = job_start(actor=Actor(via="web:jobs", user=request.user), kind="import_twins", arguments=arguments)
        return redirect("jobs:detail", pk=job.pk)
    return render(
        request, "jobs/start.html", {"form": form, "kind": REGISTRY["import_twins"]}, status=400 if form.errors else 200
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
@permission_required(PERMISSION, raise_exception=True)
def job_ingest(request: HttpRequest) -> HttpResponse:
    form = IngestForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        stored = uploads_store(form.cleaned_data["releases"])
        with transaction.atomic():
            job = job_start(
                actor=Actor(via="web:jobs", user=request.user),
                kind="ingest",
                arguments={"paths": [str(path) for path in stored]},
            )
        return redirect("jobs:detail", pk=job.pk)
    return render(
        request, "jobs/start.html", {"form": form, "kind": REGISTRY["ingest"]}, status=400 if form.errors else 200
    )


def _start_page(request: HttpRequest, form: ImportForm | IngestForm, kind: str) -> HttpResponse:
    """The upload form; a form with errors answers 400 with each error next to its field."""
    context = {"form": form, "kind": REGISTRY[kind]}
    return render(request, "jobs/start.html", context, status=400 if form.errors else 200)


__all__ = ["Job", "job_detail", "job_import", "job_ingest", "job_list", "job_progress"]
