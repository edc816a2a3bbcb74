from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "twinning.reports"
    label = "reports"
    verbose_name = "Reports"
