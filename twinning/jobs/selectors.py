from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import QuerySet

from .models import Job


def jobs_visible(*, user: AbstractBaseUser | AnonymousUser) -> QuerySet[Job]:
    """Superusers see every job; others the jobs they started."""
    jobs = Job.objects.select_related("created_by")
    if getattr(user, "is_superuser", False):
        return jobs
    return jobs.filter(created_by=user.pk)
