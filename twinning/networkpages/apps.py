from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkPagesConfig(AppConfig):
    """The network's pages (a place's network and map, statistics, the health overview, the
    anniversary calendars) on top of the analysis library `twinning.network`."""

    name = "twinning.networkpages"
    label = "networkpages"
    verbose_name = _("Network pages")
