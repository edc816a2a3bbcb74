from django.urls import path

from . import data_views, feed_views

app_name = "exports"

urlpatterns = [
    path("places/<int:geonameid>/activities.ics", feed_views.place_activities, name="place_activities"),
    path("partnerships/<int:pk>/activities.ics", feed_views.partnership_activities, name="partnership_activities"),
    path("programmes/<slug:slug>/activities.ics", feed_views.programme_activities, name="programme_activities"),
    path("offices/<slug:slug>/activities.ics", feed_views.office_activities_feed, name="office_activities"),
    path("data/", data_views.index, name="data"),
    path("data/<str:filename>", data_views.download, name="download"),
]
