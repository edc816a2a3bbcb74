"""Admin for countries and places. The place search uses the indexed name prefix (PlaceName.key),
not an icontains scan: 235,000 places with 1.1 million names must not slow the editors down."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest

from twinning.core.admin import AuditedAdmin, CitationInline, admin_actor

from .models import Country, Place, PlaceName
from .selectors import place_search
from .services import place_add_names

SEARCH_LIMIT = 200


@admin.register(Country)
class CountryAdmin(AuditedAdmin):
    list_display = ("code", "name", "iso3", "continent", "population")
    search_fields = ("code", "name")
    list_filter = ("continent",)


class PlaceNameInline(admin.TabularInline):
    model = PlaceName
    extra = 0
    fields = ("name", "key")
    readonly_fields = ("key",)
    show_change_link = False


@admin.register(Place)
class PlaceAdmin(AuditedAdmin):
    list_display = ("name", "country", "kind", "admin1_code", "population", "geonameid", "wikidata_qid")
    list_filter = ("kind",)
    list_select_related = ("country",)
    search_fields = ("name",)  # required for autocomplete; the search itself is get_search_results
    autocomplete_fields = ("country", "parent")
    inlines = (PlaceNameInline, CitationInline)
    show_full_result_count = False
    readonly_fields = ("created_at", "updated_at")

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Place], search_term: str
    ) -> tuple[QuerySet[Place], bool]:
        """Names (in any language, folded) starting with the term, most populous first; a number
        is also tried as a GeoNames id."""
        term = search_term.strip()
        if not term:
            return queryset, False
        ids = list(place_search(term, limit=SEARCH_LIMIT).values_list("pk", flat=True))
        if term.isdigit():
            ids += list(Place.objects.filter(geonameid=int(term)).values_list("pk", flat=True))
        return queryset.filter(pk__in=ids).order_by("-population", "name"), False

    def save_model(self, request: HttpRequest, obj: Place, form: ModelForm, change: bool) -> None:
        super().save_model(request, obj, form, change)
        # The place must be findable by its (new) name: search keys come from the places service.
        place_add_names(place=obj, names=[obj.name], actor=admin_actor(request))
