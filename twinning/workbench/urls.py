from django.urls import path

from . import views

app_name = "workbench"

urlpatterns = [
    path("", views.home, name="home"),
    path("pick/places/", views.pick_places, name="pick_places"),
    path("pick/people/", views.pick_people, name="pick_people"),
    path("partnerships/new/", views.partnership_new, name="partnership_new"),
    path("partnerships/<int:pk>/", views.partnership_edit, name="partnership"),
    path("partnerships/<int:pk>/end/", views.partnership_end, name="partnership_end"),
    path("activities/new/", views.activity_new, name="activity_new"),
    path("activities/<int:pk>/", views.activity_edit, name="activity"),
    path("activities/<int:pk>/participants/", views.participation_new, name="participation_new"),
    path("participations/<int:pk>/delete/", views.participation_delete, name="participation_delete"),
    path("people/", views.people, name="people"),
    path("people/new/", views.person_new, name="person_new"),
    path("people/<int:pk>/", views.person_edit, name="person"),
    path("people/<int:pk>/contacts/", views.person_contact_new, name="person_contact_new"),
    path("people/<int:pk>/consent/", views.person_consent, name="person_consent"),
    path("people/<int:pk>/export.json", views.person_export_view, name="person_export"),
    path("people/<int:pk>/erase/", views.person_erase_view, name="person_erase"),
    path("people/<int:pk>/roles/", views.role_new, name="role_new"),
    path("roles/<int:pk>/", views.role_edit, name="role"),
    path("roles/<int:pk>/delete/", views.role_delete, name="role_delete"),
    path("contacts/<int:pk>/delete/", views.contact_delete, name="contact_delete"),
    path("organizations/", views.organizations, name="organizations"),
    path("organizations/new/", views.organization_new, name="organization_new"),
    path("organizations/<int:pk>/", views.organization_edit, name="organization"),
    path("organizations/<int:pk>/contacts/", views.organization_contact_new, name="organization_contact_new"),
    path("history/<str:kind>/<int:pk>/", views.history, name="history"),
    path("delete/<str:kind>/<int:pk>/", views.record_delete_view, name="delete"),
    path("o/<slug:office>/", views.dashboard, name="dashboard"),
    path("o/<slug:office>/contact/", views.contact_box, name="contact_box"),
    path("o/<slug:office>/members/", views.members, name="members"),
    path("o/<slug:office>/members/<int:pk>/remove/", views.member_remove, name="member_remove"),
    path("o/<slug:office>/partnerships/<int:pk>/confirm/", views.confirm, name="confirm"),
    path("o/<slug:office>/articles/new/", views.article_new, name="article_new"),
    path("o/<slug:office>/currency/", views.currency, name="currency"),
    path("o/<slug:office>/trash/", views.trash, name="trash"),
    path("o/<slug:office>/trash/<int:pk>/restore/", views.restore, name="restore"),
]
