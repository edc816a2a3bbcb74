"""Reads for the dumps: the whole registry in a few streamed queries (no per-record queries), and
people only as the public sees them (`twinning.directory.access` with an anonymous user)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType

from twinning.core.dates import PartialDate
from twinning.core.models import Citation
from twinning.directory.access import visible_contact_details, visible_people, visible_roles
from twinning.directory.models import ContactDetail, Organization, Person, Role
from twinning.partnerships.models import Partnership, PartnershipMember
from twinning.places.models import Place

CHUNK = 5000


@dataclass
class PlaceRow:
    pk: int
    geonameid: int | None
    qid: str | None
    name: str
    country: str
    admin1: str
    kind: str
    lat: float | None
    lon: float | None


@dataclass
class PartnershipRow:
    pk: int
    kind: str
    status: str
    established: PartialDate | None
    ended: PartialDate | None
    places: list[int] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)  # URLs (or titles) of the sources cited


def member_places() -> dict[int, PlaceRow]:
    """Every place that is a member of a partnership."""
    rows = (
        Place.objects.filter(pk__in=PartnershipMember.objects.values("place_id"))
        .order_by("pk")
        .values_list(
            "pk", "geonameid", "wikidata_qid", "name", "country_id", "admin1_code", "kind", "latitude", "longitude"
        )
    )
    return {
        pk: PlaceRow(pk, gid, qid, name, country or "", admin1 or "", kind, lat, lon)
        for pk, gid, qid, name, country, admin1, kind, lat, lon in rows.iterator(chunk_size=CHUNK)
    }


def partnership_sources() -> dict[int, list[str]]:
    """Partnership id → the URLs (else titles) of the sources cited for it, each once."""
    partnership_type = ContentType.objects.get_for_model(Partnership)
    found: defaultdict[int, list[str]] = defaultdict(list)
    rows = Citation.objects.filter(content_type=partnership_type).values_list(
        "object_id", "source__url", "source__title"
    )
    for object_id, url, title in rows.iterator(chunk_size=CHUNK):
        value = url or title
        if value and value not in found[object_id]:
            found[object_id].append(value)
    return found


def partnerships() -> Iterator[PartnershipRow]:
    """Every partnership with its member places (ids) and sources, by id."""
    sources = partnership_sources()
    members: defaultdict[int, list[int]] = defaultdict(list)
    for partnership_id, place_id in (
        PartnershipMember.objects.order_by("partnership_id", "place_id")
        .values_list("partnership_id", "place_id")
        .iterator(chunk_size=CHUNK)
    ):
        members[partnership_id].append(place_id)
    rows = Partnership.objects.order_by("pk").values_list(
        "pk", "kind", "status", "established", "established_precision", "ended", "ended_precision"
    )
    for pk, kind, status, established, est_precision, ended, end_precision in rows.iterator(chunk_size=CHUNK):
        yield PartnershipRow(
            pk=pk,
            kind=kind,
            status=status,
            established=PartialDate.from_fields(established, est_precision),
            ended=PartialDate.from_fields(ended, end_precision),
            places=members.get(pk, []),
            sources=sources.get(pk, []),
        )


def organizations() -> list[Organization]:
    return list(Organization.objects.select_related("seat", "parent").order_by("pk"))


def public_people() -> list[Person]:
    """The people the public may see (access rules of twinning.directory.access, anonymous)."""
    return list(visible_people(Person.objects.order_by("pk"), user=AnonymousUser()))


def public_roles() -> list[Role]:
    return list(visible_roles(Role.objects.select_related("person").order_by("pk"), user=AnonymousUser()))


def public_contact_details() -> list[ContactDetail]:
    return list(visible_contact_details(ContactDetail.objects.order_by("pk"), user=AnonymousUser()))


def as_of() -> dt.date:
    return dt.date.today()
