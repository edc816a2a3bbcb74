from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExportsConfig(AppConfig):
    name = "twinning.exports"
    label = "exports"
    verbose_name = _("Exports")

    def ready(self) -> None:
        from twinning.core.invalidation import connect_models
        from twinning.directory.models import ContactDetail, Role

        # The dumps (cached per data generation) carry public roles and contact details: a change of
        # either, such as a detail made internal, must move the generation on like a change of a person.
        connect_models(Role, ContactDetail)
