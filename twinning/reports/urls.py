from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("reports/council/<int:geonameid>/<int:year>/", views.council_public, name="council"),
    path(
        "reports/council/<int:geonameid>/<int:year>/report.pdf",
        views.council_public,
        {"fmt": "pdf"},
        name="council_pdf",
    ),
    path(
        "reports/council/<int:geonameid>/<int:year>/report.csv",
        views.council_public,
        {"fmt": "csv"},
        name="council_csv",
    ),
    path("manage/o/<slug:office>/reports/council/<int:year>/", views.council_office, name="office_council"),
    path(
        "manage/o/<slug:office>/reports/council/<int:year>/report.pdf",
        views.council_office,
        {"fmt": "pdf"},
        name="office_council_pdf",
    ),
    path(
        "manage/o/<slug:office>/reports/council/<int:year>/report.csv",
        views.council_office,
        {"fmt": "csv"},
        name="office_council_csv",
    ),
]
