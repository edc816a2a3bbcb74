from django.urls import path

from . import calendar_views

app_name = "calendar"

urlpatterns = [
    path("calendar.ics", calendar_views.calendar_all, name="all"),
    path("places/<int:geonameid>/calendar.ics", calendar_views.calendar_place, name="place"),
]
