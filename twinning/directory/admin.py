from django.contrib import admin

from twinning.core.admin import AuditedAdmin, CitationInline

from .models import ContactDetail, Organization, Person, Role


class ContactDetailInline(admin.TabularInline):
    model = ContactDetail
    extra = 0
    fields = ("kind", "value", "visibility")


class PersonRoleInline(admin.TabularInline):
    model = Role
    fk_name = "person"
    extra = 0
    autocomplete_fields = ("organization", "place")
    fields = ("function", "organization", "place", "start", "start_precision", "end", "end_precision", "is_contact")


class OrganizationRoleInline(PersonRoleInline):
    fk_name = "organization"
    autocomplete_fields = ("person", "place")
    fields = ("person", "function", "place", "start", "start_precision", "end", "end_precision", "is_contact")


@admin.register(Organization)
class OrganizationAdmin(AuditedAdmin):
    list_display = ("name", "short_name", "kind", "seat", "parent")
    list_filter = ("kind",)
    list_select_related = ("seat", "parent")
    search_fields = ("name", "short_name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("seat", "parent")
    inlines = (OrganizationRoleInline, ContactDetailInline, CitationInline)


@admin.register(Person)
class PersonAdmin(AuditedAdmin):
    list_display = ("name", "honorific", "visibility")
    list_filter = ("visibility",)
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    inlines = (PersonRoleInline, ContactDetailInline, CitationInline)


@admin.register(Role)
class RoleAdmin(AuditedAdmin):
    list_display = ("person", "function", "organization", "place", "start", "end", "is_contact")
    list_filter = ("is_contact",)
    list_select_related = ("person", "organization", "place__country")
    search_fields = ("person__name", "function", "organization__name")
    autocomplete_fields = ("person", "organization", "place")
    inlines = (CitationInline,)


@admin.register(ContactDetail)
class ContactDetailAdmin(AuditedAdmin):
    list_display = ("kind", "value", "person", "organization", "visibility")
    list_filter = ("kind", "visibility")
    list_select_related = ("person", "organization")
    search_fields = ("value", "person__name", "organization__name")
    autocomplete_fields = ("person", "organization")
