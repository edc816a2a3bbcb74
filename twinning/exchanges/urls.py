from django.urls import path

from . import views

app_name = "exchanges"

urlpatterns = [
    path("register/<slug:slug>/", views.register, name="register"),
    path("register/<slug:slug>/done/", views.registered, name="registered"),
    path("cancel/<str:token>/", views.cancel, name="cancel"),
]
