"""Reads for offices: lists with their scope and members, an office's dashboard, coordinators' view."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any

from django.db.models import F, Max, Prefetch, Q, QuerySet
from django.utils import timezone

from twinning.activities.models import Activity
from twinning.directory.models import Organization, Person
from twinning.partnerships.models import Partnership
from twinning.places.models import Place

from .access import memberships, office_place_q, scope_places, scoped
from .models import ApiToken, Confirmation, Deletion, Invitation, Membership, Office, Role


def office_list() -> QuerySet[Office]:
    return Office.objects.select_related("region_country").prefetch_related(
        Prefetch("places", queryset=Place.objects.select_related("country").order_by("name")),
        Prefetch("memberships", queryset=Membership.objects.select_related("user").order_by("user__username")),
    )


def office_get(*, slug: str) -> Office | None:
    return office_list().filter(slug=slug).first()


def offices_for_user(user: Any) -> list[Office]:
    """The offices the user belongs to (all for a superuser)."""
    if getattr(user, "is_superuser", False) and user.is_authenticated:
        return list(office_list())
    return [m.office for m in memberships(user)]


def offices_for_place(place: Place) -> list[Office]:
    """Offices whose scope names this place explicitly (their contact box is shown on its page)."""
    return list(Office.objects.filter(places=place).order_by("name"))


def office_as_dict(office: Office) -> dict[str, Any]:
    return {
        "slug": office.slug,
        "name": office.name,
        "kind": office.kind,
        "places": [{"geonameid": p.geonameid, "name": p.name, "country": p.country_id} for p in office.places.all()],
        "region": office.region or None,
        "members": [{"username": m.user.username, "role": m.role} for m in office.memberships.all()],
    }


def office_partnerships(office: Office) -> QuerySet[Partnership]:
    """The office's partnerships with their members, last activity date and last confirmation."""
    places = Place.objects.filter(office_place_q(office)).values("pk")
    return (
        Partnership.objects.filter(members__place__in=places)
        .distinct()
        .prefetch_related("members__place__country")
        .annotate(last_activity=Max("activities__start"))
        .order_by("member_key")
    )


def last_confirmations(office: Office, partnerships: list[Partnership]) -> dict[int, Confirmation]:
    found: dict[int, Confirmation] = {}
    for confirmation in (
        Confirmation.objects.filter(partnership__in=partnerships)
        .select_related("confirmed_by", "office")
        .order_by("partnership_id", "-confirmed_at")
    ):
        found.setdefault(confirmation.partnership_id, confirmation)
    return found


@dataclass(frozen=True)
class PartnershipRow:
    partnership: Partnership
    partners: list[Place]
    last_activity: dt.date | None
    confirmation: Confirmation | None
    stale: bool


def dashboard_rows(office: Office, *, now: dt.datetime | None = None) -> list[PartnershipRow]:
    now = now or timezone.now()
    year_ago = now - dt.timedelta(days=365)
    own = set(Place.objects.filter(office_place_q(office)).values_list("pk", flat=True))
    partnerships = list(office_partnerships(office))
    confirmations = last_confirmations(office, partnerships)
    rows = []
    for partnership in partnerships:
        confirmation = confirmations.get(partnership.pk)
        rows.append(
            PartnershipRow(
                partnership=partnership,
                partners=[m.place for m in partnership.members.all() if m.place_id not in own],
                last_activity=getattr(partnership, "last_activity", None),
                confirmation=confirmation,
                stale=confirmation is None or confirmation.confirmed_at < year_ago,
            )
        )
    return rows


def office_activities(office: Office, *, limit: int | None = 20) -> QuerySet[Activity]:
    from .access import activity_q

    places = Place.objects.filter(office_place_q(office)).values("pk")
    newest = F("start").desc(nulls_last=True)
    return Activity.objects.filter(activity_q(places)).distinct().order_by(newest, "title")[:limit]


@dataclass(frozen=True)
class CurrencyRow:
    office: Office
    partnerships: int
    confirmed_last_year: int
    last_change: dt.datetime | None

    @property
    def share(self) -> int:
        return round(100 * self.confirmed_last_year / self.partnerships) if self.partnerships else 100


def region_currency(coordinator: Office, *, now: dt.datetime | None = None) -> list[CurrencyRow]:
    """For a coordinator: each place-scoped office in its region, how many of its partnerships were
    confirmed within a year, and when it last changed anything."""
    from twinning.core.models import AuditEntry

    now = now or timezone.now()
    region_places = Place.objects.filter(office_place_q(coordinator)).values("pk")
    offices = Office.objects.filter(places__in=region_places).exclude(pk=coordinator.pk).distinct().order_by("name")
    rows = []
    for office in offices:
        rows_of_office = dashboard_rows(office, now=now)
        member_ids = Membership.objects.filter(office=office).values("user_id")
        last = AuditEntry.objects.filter(actor__in=member_ids).aggregate(last=Max("at"))["last"]
        rows.append(
            CurrencyRow(
                office=office,
                partnerships=len(rows_of_office),
                confirmed_last_year=sum(1 for r in rows_of_office if not r.stale),
                last_change=last,
            )
        )
    return rows


# --- the workbench's reads, scoped to the user's offices ------------------------------------------


def in_scope(model: type[Any], user: Any, *, min_role: str = Role.EDITOR) -> QuerySet[Any]:
    """The records of `model` (partnership, activity, organization, person) that involve the places
    of the user's offices where the user has at least `min_role` (all for a superuser)."""
    return scoped(model._default_manager.all(), scope_places(user, min_role=min_role))


def people_in_scope(user: Any, *, min_role: str = Role.EDITOR) -> QuerySet[Person]:
    return in_scope(Person, user, min_role=min_role).order_by("name")


def organizations_in_scope(
    user: Any, *, min_role: str = Role.EDITOR, also: Organization | None = None
) -> QuerySet[Organization]:
    """The office's organizations (and `also`, one a record names already), by name."""
    found = in_scope(Organization, user, min_role=min_role)
    if also is not None:
        found = either(found, Organization.objects.filter(pk=also.pk))
    return found.select_related("seat").order_by("name")


def partnerships_in_scope(user: Any, *, also_of: Activity | None = None) -> QuerySet[Partnership]:
    """The partnerships an editor may link (and those the activity `also_of` links already)."""
    found = in_scope(Partnership, user)
    if also_of is not None:
        found = either(found, also_of.partnerships.all())
    return found.prefetch_related("members__place")


def activity_organizations(user: Any, activity: Activity | None) -> QuerySet[Organization]:
    """The organizations an activity's form offers: the office's and those the activity names."""
    found = in_scope(Organization, user)
    if activity is not None:
        found = either(found, Organization.objects.filter(activity_links__activity=activity))
    return found.select_related("seat").order_by("name")


def activities_in_scope(user: Any, *, besides: Activity | None = None) -> QuerySet[Activity]:
    """The activities the user's offices see (newest first), e.g. to choose what one follows up."""
    found = in_scope(Activity, user, min_role=Role.VIEWER).order_by("-start")
    return found.exclude(pk=besides.pk) if besides is not None else found


def either(first: QuerySet[Any], second: QuerySet[Any]) -> QuerySet[Any]:
    """The records of either queryset (which may be distinct and ordered differently)."""
    model = first.model
    return model._default_manager.filter(Q(pk__in=first.values("pk")) | Q(pk__in=second.values("pk")))


def organization_seats(user: Any) -> QuerySet[Place]:
    """The places an organization may be seated at: the editor's places (for a superuser: every
    place that has an office or an organization)."""
    editable = scope_places(user, min_role=Role.EDITOR)
    if editable is None:
        return Place.objects.filter(Q(offices__isnull=False) | Q(organizations__isnull=False)).distinct()
    return Place.objects.filter(pk__in=editable).order_by("name")


def office_members(office: Office) -> QuerySet[Membership]:
    return office.memberships.select_related("user").order_by("user__username")


def office_invitations_open(office: Office) -> QuerySet[Invitation]:
    return office.invitations.filter(accepted_at__isnull=True, expires_at__gt=timezone.now())


def office_membership(office: Office, pk: int) -> Membership | None:
    return Membership.objects.filter(office=office, pk=pk).select_related("user", "office").first()


def office_deletions(office: Office) -> QuerySet[Deletion]:
    return Deletion.objects.filter(office=office).select_related("deleted_by", "restored_by", "content_type")


def office_deletion(office: Office, pk: int) -> Deletion | None:
    return Deletion.objects.filter(office=office, pk=pk).first()


def person_has_consent(person: Person) -> bool:
    """Is the person's latest consent record a consent given (not withdrawn)?"""
    latest = person.consents.first()
    return bool(latest and latest.given)


def person_consents(person: Person) -> QuerySet[Any]:
    return person.consents.select_related("recorded_by")


def office_by_slug_or_name(key: str) -> Office | None:
    """The office named on the command line: by slug, else by name (case-insensitive)."""
    return Office.objects.filter(slug=key).first() or Office.objects.filter(name__iexact=key).first()


def api_token_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def api_token_for_secret(secret: str) -> ApiToken | None:
    """The active token with this secret, with its office, or None."""
    if not secret or len(secret) > 200:
        return None
    return (
        ApiToken.objects.select_related("office", "created_by")
        .filter(token_hash=api_token_hash(secret), revoked_at__isnull=True)
        .first()
    )


def api_tokens_of(office: Office | None) -> QuerySet[ApiToken]:
    """An office's tokens (every office's with None), newest first, revoked ones included."""
    found = ApiToken.objects.select_related("office", "created_by", "revoked_by").order_by("-created_at")
    return found if office is None else found.filter(office=office)


def api_tokens_matching(key: str) -> list[ApiToken]:
    """The active tokens a prefix (as listed) or a whole secret names."""
    active = ApiToken.objects.select_related("office").filter(revoked_at__isnull=True)
    exact = list(active.filter(token_hash=api_token_hash(key)))
    return exact or list(active.filter(prefix=key.rstrip("…").strip())) if key.strip() else []


def api_token_as_dict(token: ApiToken) -> dict[str, Any]:
    def when(value: Any) -> str | None:
        return value.isoformat(timespec="seconds") if value else None

    return {
        "prefix": token.prefix,
        "office": token.office.slug,
        "name": token.name,
        "created_at": when(token.created_at),
        "created_by": token.created_by.username if token.created_by else None,
        "last_used_at": when(token.last_used_at),
        "revoked_at": when(token.revoked_at),
    }


def api_token_of(office: Office, pk: int) -> ApiToken | None:
    return api_tokens_of(office).filter(pk=pk).first()
