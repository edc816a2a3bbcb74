from django.contrib import admin

from twinning.core.admin import URL_OVERRIDES, AuditedAdmin, CitationInline

from .models import Article, ArticleImage


class ArticleImageInline(admin.TabularInline):
    model = ArticleImage
    extra = 0
    fields = ("order", "caption", "credit", "url")
    formfield_overrides = URL_OVERRIDES


@admin.register(Article)
class ArticleAdmin(AuditedAdmin):
    list_display = ("title", "published", "publisher", "language")
    list_filter = ("language", "publisher")
    list_select_related = ("publisher",)
    search_fields = ("title", "teaser", "slug")
    date_hierarchy = "published"
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = (
        "source",
        "publisher",
        "publisher_place",
        "places",
        "partnerships",
        "activities",
        "people",
        "organizations",
        "topics",
        "related",
    )
    exclude = ("content_hash",)
    inlines = (ArticleImageInline, CitationInline)
