from django.urls import path

from . import views

app_name = "network"

urlpatterns = [
    path("places/<int:geonameid>/network/", views.network_page, name="place_network"),
    path("places/<int:geonameid>/network.json", views.network_json, name="place_network_json"),
    path("places/<int:geonameid>/map/", views.map_page, name="place_map"),
    path("network/statistics/", views.statistics_page, name="statistics"),
]
