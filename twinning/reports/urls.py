from django.urls import path

from . import funding_views, views

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
    path("reports/activities/<slug:slug>/", funding_views.activity_public, name="activity_public"),
    path("manage/activities/<int:pk>/funding/", funding_views.funding, name="funding"),
    path("manage/activities/<int:pk>/funding/programme.pdf", funding_views.programme_document, name="programme_pdf"),
    path("manage/activities/<int:pk>/funding/participants.csv", funding_views.funder_list, name="funder_csv"),
    path(
        "manage/activities/<int:pk>/funding/signatures/<str:town>.pdf",
        funding_views.signature_list,
        name="signature_list",
    ),
]
