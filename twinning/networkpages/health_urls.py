from django.urls import path

from . import health_views

app_name = "health"

urlpatterns = [path("network/health/", health_views.health_overview, name="overview")]
