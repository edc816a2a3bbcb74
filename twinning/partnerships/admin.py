"""Admin for partnerships: members inline, with the same rules as the services (two or more
different places; one partnership of a kind per set of places)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms import BaseInlineFormSet, ModelForm
from django.http import HttpRequest
from django.utils.translation import gettext as _

from twinning.core.admin import AuditedAdmin, CitationInline

from .models import Partnership, PartnershipMember
from .services import member_key


class MemberFormSet(BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        places = [
            form.cleaned_data["place"]
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE") and form.cleaned_data.get("place")
        ]
        if len({place.pk for place in places}) < 2:
            raise ValidationError(_("A partnership needs at least two different places."))
        duplicate = (
            Partnership.objects.filter(member_key=member_key(places), kind=self.instance.kind)
            .exclude(pk=self.instance.pk)
            .first()
        )
        if duplicate is not None:
            raise ValidationError(
                _("This partnership exists already: %(partnership)s (#%(pk)s).")
                % {"partnership": duplicate, "pk": duplicate.pk}
            )


class PartnershipMemberInline(admin.TabularInline):
    model = PartnershipMember
    formset = MemberFormSet
    extra = 2
    min_num = 0
    autocomplete_fields = ("place",)


@admin.register(Partnership)
class PartnershipAdmin(AuditedAdmin):
    list_display = ("__str__", "kind", "status", "established", "ended")
    list_filter = ("kind", "status")
    search_fields = ("members__place__name", "description")
    autocomplete_fields = ("supporting_organizations", "contacts")
    inlines = (PartnershipMemberInline, CitationInline)
    readonly_fields = ("member_key",)
    fields = (
        "kind",
        "status",
        ("established", "established_precision"),
        ("ended", "ended_precision"),
        "description",
        "supporting_organizations",
        "contacts",
        "member_key",
    )

    def get_queryset(self, request: HttpRequest) -> Any:
        return super().get_queryset(request).prefetch_related("members__place")

    def get_search_results(self, request: HttpRequest, queryset: Any, search_term: str) -> tuple[Any, bool]:
        queryset, _distinct = super().get_search_results(request, queryset, search_term)
        return queryset.distinct(), False

    def save_related(self, request: HttpRequest, form: ModelForm, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        partnership = form.instance
        key = member_key([m.place for m in partnership.members.select_related("place")])
        if key != partnership.member_key:
            partnership.member_key = key
            partnership.save(update_fields=["member_key", "updated_at"])
