from django.contrib import admin

from twinning.core.admin import AuditedAdmin

from .models import SDG, Topic


@admin.register(SDG)
class SDGAdmin(AuditedAdmin):
    list_display = ("number", "name_de", "name_en")
    search_fields = ("name_de", "name_en")


@admin.register(Topic)
class TopicAdmin(AuditedAdmin):
    list_display = ("slug", "name_de", "name_en", "parent", "sector")
    list_filter = ("sector",)
    search_fields = ("slug", "name_de", "name_en")
    autocomplete_fields = ("parent",)
    filter_horizontal = ("sdgs",)
