from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """One search over the registry: full-text documents of articles, activities, programmes and
    organizations (PostgreSQL full-text search with the german configuration, SQLite FTS5
    otherwise), places through the resolver, partnerships by their places, visible people."""

    name = "twinning.search"
    label = "search"
    verbose_name = _("Search")

    def ready(self) -> None:
        from .index import connect

        connect()
