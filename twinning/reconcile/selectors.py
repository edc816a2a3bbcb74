"""Reads for reconciliation: the registry's places with their Wikidata ids and its partnerships with
their members, dates and the sources an editor elsewhere could cite."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType

from twinning.core.dates import PartialDate
from twinning.core.models import Citation, Source
from twinning.partnerships.models import Partnership, PartnershipMember
from twinning.places.models import Place

CHUNK = 5000


@dataclass(frozen=True)
class KnownPlace:
    pk: int
    name: str
    country: str
    geonameid: int | None
    qid: str | None


@dataclass
class KnownPartnership:
    pk: int
    kind: str
    established: PartialDate | None
    places: list[int] = field(default_factory=list)
    sources: list[tuple[str, str]] = field(default_factory=list)  # (key, URL or title)

    @property
    def from_wikidata(self) -> bool:
        """Cited from a Wikidata dataset: Wikidata states it, perhaps for another item of a place."""
        return any("wikidata" in key for key, _url in self.sources)

    @property
    def citable(self) -> list[str]:
        """URLs of sources an editor can cite elsewhere: web pages, articles and documents, not the
        datasets we imported (Wikidata itself, the Wikipedia-derived list)."""
        return [
            url
            for key, url in self.sources
            if url.startswith(("http://", "https://")) and not key.startswith("dataset:")
        ]


def places_by_pk() -> dict[int, KnownPlace]:
    """Every place that is a partnership member or has a Wikidata id."""
    rows = Place.objects.filter(pk__in=PartnershipMember.objects.values("place_id")) | Place.objects.filter(
        wikidata_qid__isnull=False
    )
    return {
        pk: KnownPlace(pk, name, country or "", geonameid, qid)
        for pk, name, country, geonameid, qid in rows.values_list(
            "pk", "name", "country_id", "geonameid", "wikidata_qid"
        ).iterator(chunk_size=CHUNK)
    }


def partnerships(*, archive_base: str | None = None) -> list[KnownPartnership]:
    """Every partnership with its members and sources. With `archive_base` (the portal's public
    https address), a press release archived without its original URL is cited by its public page
    in our archive (`/news/<slug>/`), which quotes it."""
    partnership_type = ContentType.objects.get_for_model(Partnership)
    sources: defaultdict[int, list[tuple[str, str]]] = defaultdict(list)
    for object_id, key, url, title, kind, slug, public in Citation.objects.filter(
        content_type=partnership_type
    ).values_list(
        "object_id", "source__key", "source__url", "source__title", "source__kind", "source__article__slug",
        "source__article__is_public",
    ):  # fmt: skip
        if not url and slug and public and archive_base:
            url = f"{archive_base}/news/{slug}/"
        entry = (key if kind != Source.Kind.DATASET or key.startswith("dataset:") else f"dataset:{key}", url or title)
        if entry not in sources[object_id]:
            sources[object_id].append(entry)
    members: defaultdict[int, list[int]] = defaultdict(list)
    for partnership_id, place_id in PartnershipMember.objects.values_list("partnership_id", "place_id").iterator(
        chunk_size=CHUNK
    ):
        members[partnership_id].append(place_id)
    return [
        KnownPartnership(
            pk=pk,
            kind=kind,
            established=PartialDate.from_fields(established, precision),
            places=sorted(members.get(pk, [])),
            sources=sources.get(pk, []),
        )
        for pk, kind, established, precision in Partnership.objects.order_by("pk").values_list(
            "pk", "kind", "established", "established_precision"
        )
    ]
