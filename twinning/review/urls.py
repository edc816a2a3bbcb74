from django.urls import path

from . import views

app_name = "review"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("<int:pk>/", views.decide, name="decide"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/merge/", views.merge_search, name="merge"),
    path("bulk/", views.bulk, name="bulk"),
]
