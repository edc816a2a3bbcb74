"""Reads for offices: lists with their scope and members, an office's dashboard, coordinators' view."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any

from django.db.models import F, Max, Prefetch, QuerySet
from django.utils import timezone

from twinning.activities.models import Activity
from twinning.partnerships.models import Partnership
from twinning.places.models import Place

from .access import memberships, office_place_q
from .models import ApiToken, Confirmation, Membership, Office


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
