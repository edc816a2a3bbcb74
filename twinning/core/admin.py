"""Admin for provenance and audit, and the base class every editor-facing admin uses: each save
and delete from the admin is written to the audit trail, as service writes are."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.admin import GenericTabularInline
from django.db import transaction
from django.db.models import Model, QuerySet, URLField
from django.http import HttpRequest

from .audit import created, diff, label, rows_diff, snapshot
from .models import AuditEntry, Citation, Source
from .selectors import audit_history
from .services import Actor, audit_log, record_delete

# Django 6 will assume https for scheme-less URLs; say so now (and keep the deprecation warning away).
URL_OVERRIDES: dict[Any, dict[str, Any]] = {URLField: {"assume_scheme": "https"}}


def admin_actor(request: HttpRequest) -> Actor:
    return Actor(via="admin", user=request.user)


class AuditedAdmin(admin.ModelAdmin):
    """A ModelAdmin that records every create, change and delete in the audit trail with old and
    new values: the record's fields, its many-to-many links and the rows edited inline; a delete
    goes through `record_delete` (snapshot of the record and of all that cascades with it, no
    dangling citations or suggestions). The history page shows the trail field by field."""

    formfield_overrides = URL_OVERRIDES
    object_history_template = "admin/core/audit_history.html"

    # -- state before and after ----------------------------------------------------------------

    def _inline_state(self, request: HttpRequest, obj: Model) -> dict[str, dict[Any, dict[str, Any]]]:
        state: dict[str, dict[Any, dict[str, Any]]] = {}
        if obj.pk is None:
            return state
        for inline in self.get_inline_instances(request, obj):
            formset = inline.get_formset(request, obj)(instance=obj, queryset=inline.get_queryset(request))
            state[label(inline.model)] = {row.pk: snapshot(row, many_to_many=False) for row in formset.get_queryset()}
        return state

    def _state(self, request: HttpRequest, obj: Model) -> dict[str, Any]:
        return {"fields": snapshot(obj), "inlines": self._inline_state(request, obj)}

    def get_object(self, request: HttpRequest, object_id: str, from_field: str | None = None) -> Any:
        obj = super().get_object(request, object_id, from_field)
        if obj is not None and request.method == "POST":
            # Before the form writes into the instance: the old values of this change.
            before = request.__dict__.setdefault("_audit_before", {})
            before[(label(obj), obj.pk)] = self._state(request, obj)
        return obj

    def _audit_save(self, request: HttpRequest, obj: Model, *, change: bool) -> None:
        after = self._state(request, obj)
        before = request.__dict__.get("_audit_before", {}).pop((label(obj), obj.pk), None) if change else None
        if change and before is None:  # a save that did not pass through get_object (not in this admin)
            changes: dict[str, Any] = {"after": after["fields"]}
        elif before is None:
            changes = dict(created(after["fields"]))
            for name, rows in after["inlines"].items():
                if rows:
                    changes[name] = {"added": list(rows.values())}
        else:
            changes = dict(diff(before["fields"], after["fields"]))
            for name in after["inlines"]:
                related = rows_diff(before["inlines"].get(name, {}), after["inlines"][name])
                if related:
                    changes[name] = related
            if not changes:
                return  # saved without a change: nothing to record
        audit_log(
            actor=admin_actor(request),
            action=f"{obj._meta.model_name}.{'update' if change else 'create'}",
            obj=obj,
            changes=changes,
        )

    # Django calls these after the record, its many-to-many fields and its inlines are saved,
    # inside the admin's transaction: the right moment to compare.
    def log_addition(self, request: HttpRequest, obj: Model, message: Any) -> Any:
        self._audit_save(request, obj, change=False)
        return super().log_addition(request, obj, message)

    def log_change(self, request: HttpRequest, obj: Model, message: Any) -> Any:
        self._audit_save(request, obj, change=True)
        return super().log_change(request, obj, message)

    # -- deletes -------------------------------------------------------------------------------

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        record_delete(obj=obj, actor=admin_actor(request))

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        with transaction.atomic():
            for obj in queryset:
                record_delete(obj=obj, actor=admin_actor(request))

    # -- history ---------------------------------------------------------------------------------

    def history_view(self, request: HttpRequest, object_id: str, extra_context: dict[str, Any] | None = None) -> Any:
        obj = self.get_object(request, unquote(object_id))
        context = dict(extra_context or {})
        if obj is not None and self.has_view_or_change_permission(request, obj):
            context["audit_entries"] = audit_history(obj)
        return super().history_view(request, object_id, extra_context=context)


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


# The accounts: who may do what is the most sensitive data of all, so its changes are audited too
# (password hashes never enter the trail; a new password shows as "(changed)").
class AuditedUserAdmin(AuditedAdmin, UserAdmin):  # type: ignore[misc]
    pass


class AuditedGroupAdmin(AuditedAdmin, GroupAdmin):  # type: ignore[misc]
    pass


for _model, _admin_class in ((User, AuditedUserAdmin), (Group, AuditedGroupAdmin)):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)
    admin.site.register(_model, _admin_class)
