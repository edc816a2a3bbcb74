from django.contrib import admin
from django.urls import include, path

from twinning.api.api import api

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("twinning.ops.urls")),
    path("admin/", admin.site.urls),
    path("accounts/", include("twinning.workbench.accounts_urls")),
    path("manage/", include("twinning.workbench.urls")),
    path("review/", include("twinning.review.urls")),
    path("jobs/", include("twinning.jobs.urls")),
    path("api/", api.urls),
    path("", include("twinning.network.urls")),
    path("", include("twinning.network.calendar_urls")),
    path("", include("twinning.network.health_urls")),
    path("", include("twinning.portal.urls")),
]
