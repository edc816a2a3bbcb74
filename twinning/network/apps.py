from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "twinning.network"
    label = "network"
    verbose_name = _("Network")

    def ready(self) -> None:
        from twinning.activities.models import Activity, Programme
        from twinning.core.invalidation import connect_models
        from twinning.directory.models import Organization, Person
        from twinning.partnerships.models import Partnership, PartnershipMember
        from twinning.places.models import Place
        from twinning.press.models import Article

        # The network's derived figures (statistics, list counts, health, search) follow these.
        connect_models(Partnership, PartnershipMember, Place, Activity, Programme, Article, Organization, Person)
