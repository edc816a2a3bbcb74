from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "twinning.api"
    label = "twinning_api"
    verbose_name = "API"
