from django.contrib import admin

from twinning.core.admin import AuditedAdmin, CitationInline

from .models import (
    Activity,
    ActivityOrganization,
    ItineraryLeg,
    Participation,
    Programme,
    ProgrammeOrganization,
)


class ProgrammeOrganizationInline(admin.TabularInline):
    model = ProgrammeOrganization
    extra = 0
    autocomplete_fields = ("organization",)


class ActivityOrganizationInline(admin.TabularInline):
    model = ActivityOrganization
    extra = 0
    autocomplete_fields = ("organization",)


class ItineraryLegInline(admin.TabularInline):
    model = ItineraryLeg
    extra = 0
    autocomplete_fields = ("place",)
    fields = ("order", "place", "start", "start_precision", "end", "end_precision", "note")


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 0
    autocomplete_fields = ("person", "organization", "place")


@admin.register(Programme)
class ProgrammeAdmin(AuditedAdmin):
    list_display = ("name", "start", "end", "website")
    search_fields = ("name", "slug", "description")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("topics", "partnerships", "places")
    inlines = (ProgrammeOrganizationInline, CitationInline)


@admin.register(Activity)
class ActivityAdmin(AuditedAdmin):
    list_display = ("title", "kind", "start", "place", "programme", "format")
    list_filter = ("kind", "format", "direction", "programme")
    list_select_related = ("place__country", "programme")
    search_fields = ("title", "slug", "venue")
    date_hierarchy = "start"
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("place", "programme", "parent", "follow_up_of", "topics", "partnerships", "places")
    inlines = (ActivityOrganizationInline, ItineraryLegInline, ParticipationInline, CitationInline)
