from django.contrib import admin

from twinning.core.admin import AuditedAdmin

from .models import Suggestion


@admin.register(Suggestion)
class SuggestionAdmin(AuditedAdmin):
    """Read-only: decisions are taken in the review queue, through the services. Deleting (one, or
    the "delete selected" action) is audited with a snapshot, like every admin write."""

    list_display = ["label", "kind", "status", "article", "decided_by", "decided_at"]
    list_filter = ["status", "kind"]
    search_fields = ["label", "article__title"]
    list_select_related = ["article", "decided_by"]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
