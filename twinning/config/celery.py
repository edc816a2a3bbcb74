"""The Celery application: `celery -A twinning.config.celery worker` (or `make serve`). Settings
come from Django's, prefixed CELERY_ (broker from CELERY_BROKER_URL)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "twinning.config.settings.base")

app = Celery("twinning")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(["twinning.jobs"])
