from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OfficesConfig(AppConfig):
    name = "twinning.offices"
    verbose_name = _("offices and workbench")
    default_auto_field = "django.db.models.BigAutoField"
