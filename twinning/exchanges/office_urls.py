from django.urls import path

from . import office_views

app_name = "exchanges_office"

urlpatterns = [
    path("", office_views.index, name="index"),
    path("activities/<int:pk>/settings/", office_views.settings_edit, name="settings"),
    path("activities/<int:pk>/", office_views.participants, name="participants"),
    path("activities/<int:pk>/add/", office_views.participant_add, name="add"),
    path("activities/<int:pk>/import/", office_views.participant_import, name="import"),
    path("activities/<int:pk>/edit/<int:registration>/", office_views.participant_edit, name="edit"),
    path("activities/<int:pk>/cancel/<int:registration>/", office_views.participant_cancel, name="cancel"),
    path("activities/<int:pk>/checkin/<str:day>/", office_views.checkin, name="checkin"),
    path("activities/<int:pk>/checkin/<str:day>/<int:registration>/", office_views.checkin_tick, name="tick"),
]
