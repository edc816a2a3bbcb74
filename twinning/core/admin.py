"""Admin for provenance and audit, and the base class every editor-facing admin uses: each save
and delete from the admin is written to the audit trail, as service writes are."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.contenttypes.admin import GenericTabularInline
from django.db.models import Model, QuerySet, URLField
from django.forms import ModelForm
from django.http import HttpRequest

from .models import AuditEntry, Citation, Source
from .services import Actor, audit_log

# Django 6 will assume https for scheme-less URLs; say so now (and keep the deprecation warning away).
URL_OVERRIDES: dict[Any, dict[str, Any]] = {URLField: {"assume_scheme": "https"}}


def admin_actor(request: HttpRequest) -> Actor:
    return Actor(via="admin", user=request.user)


class AuditedAdmin(admin.ModelAdmin):
    """A ModelAdmin that records every create, change and delete in the audit trail."""

    formfield_overrides = URL_OVERRIDES

    def _action(self, obj: Model, verb: str) -> str:
        return f"{obj._meta.model_name}.{verb}"

    def save_model(self, request: HttpRequest, obj: Any, form: ModelForm, change: bool) -> None:
        super().save_model(request, obj, form, change)
        audit_log(
            actor=admin_actor(request),
            action=self._action(obj, "update" if change else "create"),
            obj=obj,
            changes={"fields": list(form.changed_data)},
        )

    def save_related(self, request: HttpRequest, form: ModelForm, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        changed = [formset.prefix for formset in formsets if formset.has_changed()]
        if changed:
            audit_log(
                actor=admin_actor(request),
                action=self._action(form.instance, "update_related"),
                obj=form.instance,
                changes={"inlines": changed},
            )

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        audit_log(actor=admin_actor(request), action=self._action(obj, "delete"), obj=obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for obj in queryset:
            audit_log(actor=admin_actor(request), action=self._action(obj, "delete"), obj=obj)
        super().delete_queryset(request, queryset)


class CitationInline(GenericTabularInline):
    """The sources a record cites; add it to any admin whose records carry citations."""

    model = Citation
    extra = 0
    autocomplete_fields = ("source",)
    fields = ("source", "quote", "span_start", "span_end", "note")


@admin.register(Source)
class SourceAdmin(AuditedAdmin):
    list_display = ("title", "kind", "key", "license", "retrieved_on")
    list_filter = ("kind",)
    search_fields = ("title", "key", "url")
    date_hierarchy = "created_at"


@admin.register(Citation)
class CitationAdmin(AuditedAdmin):
    list_display = ("source", "content_type", "object_id", "short_quote")
    list_filter = ("content_type",)
    search_fields = ("quote", "source__title", "source__key")
    list_select_related = ("source", "content_type")
    autocomplete_fields = ("source",)

    @admin.display(description="quote")
    def short_quote(self, obj: Citation) -> str:
        return obj.quote[:80]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """The audit trail is read-only: nobody edits history."""

    list_display = ("at", "via", "actor", "action", "object_repr")
    list_filter = ("via", "content_type")
    search_fields = ("action", "object_repr")
    list_select_related = ("actor", "content_type")
    date_hierarchy = "at"

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [field.name for field in AuditEntry._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
