from django.contrib import admin
from django.http import HttpRequest
from django.urls import include, path

from twinning.api import views as api_views
from twinning.api.api import api


def _superusers_only(request: HttpRequest) -> bool:
    """The admin stays for superusers; offices work in the workbench (/manage/)."""
    return bool(request.user.is_active and request.user.is_superuser)


admin.site.has_permission = _superusers_only  # type: ignore[method-assign]

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("twinning.ops.urls")),
    path("admin/", admin.site.urls),
    path("accounts/", include("twinning.workbench.accounts_urls")),
    path("manage/exchanges/", include("twinning.exchanges.office_urls")),
    path("", include("twinning.reports.urls")),
    path("manage/", include("twinning.workbench.urls")),
    path("exchanges/", include("twinning.exchanges.urls")),
    path("review/", include("twinning.review.urls")),
    path("jobs/", include("twinning.jobs.urls")),
    path("api/", api.urls),
    path("api-guide/", api_views.guide, name="api_guide"),
    path("", include("twinning.networkpages.urls")),
    path("", include("twinning.networkpages.calendar_urls")),
    path("", include("twinning.networkpages.health_urls")),
    path("", include("twinning.exports.urls")),
    path("", include("twinning.portal.urls")),
]

handler404 = "twinning.portal.views.page_not_found"
handler500 = "twinning.portal.views.server_error"
