"""Reads for the list pages: a register to browse (partnerships, places, programmes, activities,
news, organizations) with filters as plain GET parameters, counts per filter value, sorting,
pagination and CSV with the same filters.

A list is a `Listing`: a base queryset, its facets (one GET parameter each; a facet filters the
queryset and counts its values within the other facets' selection), its sort orders and its CSV
columns. Filters run as subqueries and grouped counts (no id lists sent to the database); counts
are cached per data generation (`twinning.core.invalidation`).
"""

from __future__ import annotations

import datetime as dt
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, Func, IntegerField, Prefetch, Q, QuerySet
from django.db.models.functions import ExtractYear
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from twinning.activities.models import Activity, Programme
from twinning.core.invalidation import cached, generation
from twinning.directory.models import Organization
from twinning.partnerships.models import Partnership, PartnershipMember
from twinning.places.models import Country, Place
from twinning.places.names import country_name
from twinning.places.states import BY_ADMIN1, BY_CODE, GERMAN_STATES
from twinning.press.selectors import articles_public
from twinning.topics.models import Topic

UNKNOWN = "unknown"  # the filter value for "no date recorded"


class FilterError(ValueError):
    """A filter parameter with a value the list does not know (the page answers 400)."""

    def __init__(self, param: str, value: str) -> None:
        self.param, self.value = param, value
        super().__init__(
            _("Unknown value “%(value)s” for the filter “%(param)s”.") % {"value": value[:80], "param": param}
        )


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    count: int


@dataclass
class Facet:
    param: str
    label: Any  # a lazy translation
    apply: Callable[[QuerySet[Any], str], QuerySet[Any]]
    counts: Callable[[QuerySet[Any]], list[Option]]
    valid: Callable[[str], bool]


@dataclass
class FacetView:
    param: str
    label: str
    options: list[Option]
    selected: str

    @property
    def selected_label(self) -> str:
        return next((o.label for o in self.options if o.value == self.selected), self.selected)


@dataclass
class Listing:
    name: str
    title: Any
    base: Callable[[], QuerySet[Any]]
    facets: list[Facet]
    sorts: dict[str, tuple[Any, tuple[Any, ...]]]  # key → (label, order_by)
    csv_columns: list[tuple[str, Callable[[Any], Any]]] = field(default_factory=list)
    rows: Callable[[QuerySet[Any]], QuerySet[Any]] = lambda qs: qs  # select/prefetch for displayed rows
    csv_rows: Callable[[QuerySet[Any]], Iterable[Any]] | None = None
    annotate: Callable[[QuerySet[Any]], QuerySet[Any]] = lambda qs: qs  # what the sort orders need

    @property
    def default_sort(self) -> str:
        return next(iter(self.sorts))


@dataclass
class Browse:
    listing: Listing
    filters: dict[str, str]
    sort: str
    queryset: QuerySet[Any]  # filtered and sorted, rows not yet fetched
    facets: list[FacetView]
    total: int
    ids: Sequence[int]  # the primary keys of the selection in order (cached)
    key: str  # names this selection in this data generation (for fragment caches)

    def rows(self, ids: Sequence[Any]) -> list[Any]:
        """The records of some of `ids` (one page), in that order, ready to display."""
        ids = list(ids)
        found = {obj.pk: obj for obj in self.listing.rows(self.queryset.model.objects.filter(pk__in=ids))}
        return [found[pk] for pk in ids if pk in found]


def parse(listing: Listing, params: Any) -> tuple[dict[str, str], str]:
    """The listing's filters and sort from GET parameters; FilterError on an unknown value."""
    filters = {}
    for facet in listing.facets:
        value = (params.get(facet.param) or "").strip()
        if not value:
            continue
        if not facet.valid(value):
            raise FilterError(facet.param, value)
        filters[facet.param] = value
    sort = (params.get("sort") or listing.default_sort).strip()
    if sort not in listing.sorts:
        raise FilterError("sort", sort)
    return filters, sort


def _filtered(listing: Listing, filters: dict[str, str], *, skip: str | None = None) -> QuerySet[Any]:
    qs = listing.base()
    for facet in listing.facets:
        if facet.param in filters and facet.param != skip:
            qs = facet.apply(qs, filters[facet.param])
    return qs


def browse(listing: Listing, params: Any) -> Browse:
    filters, sort = parse(listing, params)
    key = "&".join(f"{k}={filters[k]}" for k in sorted(filters))

    def facet_counts() -> tuple[int, list[FacetView]]:
        views = [
            FacetView(
                param=f.param,
                label=str(f.label),
                options=f.counts(_filtered(listing, filters, skip=f.param)),
                selected=filters.get(f.param, ""),
            )
            for f in listing.facets
        ]
        return _filtered(listing, filters).count(), views

    total, facets = cached("browse", facet_counts, listing.name, key, get_language() or "-")
    queryset = listing.annotate(_filtered(listing, filters)).order_by(*listing.sorts[sort][1])
    # An array, not a list: the cache pickles it on every read, and a million ids are then one
    # block of bytes instead of a million objects.
    ids = cached(
        "browse-ids",
        lambda: array("q", queryset.values_list("pk", flat=True).iterator(chunk_size=10_000)),
        listing.name,
        key,
        sort,
    )
    return Browse(
        listing=listing,
        filters=filters,
        sort=sort,
        queryset=queryset,
        facets=facets,
        total=total,
        ids=ids,
        key=f"{listing.name}:{generation()}:{key}:{sort}:{get_language()}",
    )


# -- helpers ----------------------------------------------------------------------------------------


def _choices(choices: Iterable[tuple[str, Any]]) -> dict[str, str]:
    return {value: str(label) for value, label in choices}


def _grouped(rows: Iterable[tuple[Any, int]], labels: dict[str, str] | None = None) -> list[Option]:
    found = [(str(v), n) for v, n in rows if v not in (None, "")]
    return sorted(
        (Option(v, (labels or {}).get(v, v), n) for v, n in found),
        key=lambda o: (-o.count, o.label),
    )


def _geonames_country_names() -> dict[str, str]:
    return cached("country-names", lambda: dict(Country.objects.values_list("code", "name")))


def _country_names() -> dict[str, str]:
    """Facet labels in the interface language (CLDR): GeoNames' English names made the German lists say
    "Germany"; GeoNames' name only where CLDR has none."""
    language = get_language()
    return {code: country_name(code, language) or name for code, name in _geonames_country_names().items()}


def _country_exists(code: str) -> bool:
    return code.upper() in _geonames_country_names()


def _topic_labels() -> dict[str, str]:
    return {t.slug: t.name for t in Topic.objects.all()}


def _topic_exists(slug: str) -> bool:
    return Topic.objects.filter(slug=slug).exists()


def _year_valid(value: str) -> bool:
    return value == UNKNOWN or (value.isdigit() and 1 <= int(value) <= 9999)


def _decade_valid(value: str) -> bool:
    return value == UNKNOWN or (value.isdigit() and len(value) == 4 and int(value) % 10 == 0)


def _place_valid(value: str) -> bool:
    return value.isdigit() and Place.objects.filter(geonameid=int(value)).exists()


class _Div10(Func):
    template = "(CAST(%(expressions)s AS integer) / 10)"
    output_field = IntegerField()


def _decade_counts(qs: QuerySet[Any], field_name: str) -> list[Option]:
    rows = (
        qs.annotate(decade=_Div10(ExtractYear(field_name)))
        .values("decade")
        .annotate(n=Count("pk", distinct=True))
        .values_list("decade", "n")
    )
    options = [Option(str(d * 10), f"{d * 10}–{d * 10 + 9}", n) for d, n in rows if d is not None]
    options.sort(key=lambda o: o.value)
    unknown = sum(n for d, n in rows if d is None)
    if unknown:
        options.append(Option(UNKNOWN, _("date unknown"), unknown))
    return options


def _year_counts(qs: QuerySet[Any], field_name: str) -> list[Option]:
    rows = qs.annotate(year=ExtractYear(field_name)).values("year").annotate(n=Count("pk", distinct=True))
    options = [Option(str(r["year"]), str(r["year"]), r["n"]) for r in rows if r["year"] is not None]
    options.sort(key=lambda o: o.value, reverse=True)
    unknown = sum(r["n"] for r in rows if r["year"] is None)
    if unknown:
        options.append(Option(UNKNOWN, _("date unknown"), unknown))
    return options


def _by_decade(field_name: str) -> Callable[[QuerySet[Any], str], QuerySet[Any]]:
    def apply(qs: QuerySet[Any], value: str) -> QuerySet[Any]:
        if value == UNKNOWN:
            return qs.filter(**{f"{field_name}__isnull": True})
        start = int(value)
        return qs.filter(**{f"{field_name}__gte": dt.date(start, 1, 1), f"{field_name}__lt": dt.date(start + 10, 1, 1)})

    return apply


def _by_year(field_name: str) -> Callable[[QuerySet[Any], str], QuerySet[Any]]:
    def apply(qs: QuerySet[Any], value: str) -> QuerySet[Any]:
        if value == UNKNOWN:
            return qs.filter(**{f"{field_name}__isnull": True})
        return qs.filter(**{f"{field_name}__year": int(value)})

    return apply


# -- partnerships -----------------------------------------------------------------------------------


def _unfiltered(qs: QuerySet[Any]) -> bool:
    return not qs.query.where


def _members_in(qs: QuerySet[Partnership]) -> QuerySet[PartnershipMember]:
    if _unfiltered(qs):  # every partnership: no subquery to check against
        return PartnershipMember.objects.all()
    return PartnershipMember.objects.filter(partnership_id__in=qs.values("pk"))


def _partnership_state(qs: QuerySet[Partnership], value: str) -> QuerySet[Partnership]:
    state = BY_CODE[value.upper()]
    return qs.filter(
        pk__in=PartnershipMember.objects.filter(place__country_id="DE", place__admin1_code=state.admin1).values(
            "partnership_id"
        )
    )


def _partnership_state_counts(qs: QuerySet[Partnership]) -> list[Option]:
    # Grouped by country and state, German rows picked here: a condition on the place would let
    # SQLite's planner start from every German place and probe the selection for each.
    rows = (
        _members_in(qs)
        .values("place__country_id", "place__admin1_code")
        .annotate(n=Count("partnership_id", distinct=True))
        .values_list("place__country_id", "place__admin1_code", "n")
    )
    found = [(BY_ADMIN1[a], n) for c, a, n in rows if c == "DE" and a in BY_ADMIN1]
    return sorted((Option(s.code, s.name, n) for s, n in found), key=lambda o: (-o.count, o.label))


def _partnership_country(qs: QuerySet[Partnership], value: str) -> QuerySet[Partnership]:
    return qs.filter(pk__in=PartnershipMember.objects.filter(place__country_id=value.upper()).values("partnership_id"))


def _partnership_country_counts(qs: QuerySet[Partnership]) -> list[Option]:
    rows = (
        _members_in(qs)
        .values("place__country_id")
        .annotate(n=Count("partnership_id", distinct=True))
        .values_list("place__country_id", "n")
    )
    return _grouped(rows, _country_names())


def _partnership_topic(qs: QuerySet[Partnership], value: str) -> QuerySet[Partnership]:
    via_activities = Activity.partnerships.through.objects.filter(activity__topics__slug=value).values("partnership_id")
    via_programmes = Programme.partnerships.through.objects.filter(programme__topics__slug=value).values(
        "partnership_id"
    )
    return qs.filter(Q(pk__in=via_activities) | Q(pk__in=via_programmes))


def _partnership_topic_counts(qs: QuerySet[Partnership]) -> list[Option]:
    pairs = set(
        Activity.partnerships.through.objects.filter(
            partnership_id__in=qs.values("pk"), activity__topics__isnull=False
        ).values_list("activity__topics__slug", "partnership_id")
    ) | set(
        Programme.partnerships.through.objects.filter(
            partnership_id__in=qs.values("pk"), programme__topics__isnull=False
        ).values_list("programme__topics__slug", "partnership_id")
    )
    counts: dict[str, int] = {}
    for slug, _pk in pairs:
        counts[slug] = counts.get(slug, 0) + 1
    return _grouped(counts.items(), _topic_labels())


def _partnership_programme_counts(qs: QuerySet[Partnership]) -> list[Option]:
    rows = (
        Programme.partnerships.through.objects.filter(partnership_id__in=qs.values("pk"))
        .values("programme__slug", "programme__name")
        .annotate(n=Count("partnership_id", distinct=True))
    )
    return sorted(
        (Option(r["programme__slug"], r["programme__name"], r["n"]) for r in rows), key=lambda o: (-o.count, o.label)
    )


def _partnership_place_counts(qs: QuerySet[Partnership]) -> list[Option]:
    """The 30 places with the most partnerships in the selection."""
    rows = (
        _members_in(qs)
        .values("place__geonameid", "place__name")
        .annotate(n=Count("partnership_id", distinct=True))
        .order_by("-n", "place__name")[:31]
    )
    return [Option(str(r["place__geonameid"]), r["place__name"], r["n"]) for r in rows if r["place__geonameid"]][:30]


def _partnership_rows(qs: QuerySet[Partnership]) -> QuerySet[Partnership]:
    return qs.prefetch_related(Prefetch("members", queryset=PartnershipMember.objects.select_related("place__country")))


def _partnership_csv(qs: QuerySet[Partnership]) -> Iterator[list[Any]]:
    """Every partnership of the selection with its places, in one pass over a join (no id lists)."""
    kinds, statuses = _choices(Partnership.Kind.choices), _choices(Partnership.Status.choices)
    rows = (
        PartnershipMember.objects.filter(partnership_id__in=qs.values("pk"))
        .order_by("partnership_id", "place__name")
        .values_list(
            "partnership_id",
            "partnership__kind",
            "partnership__status",
            "partnership__established",
            "partnership__ended",
            "place__name",
            "place__country_id",
            "place__geonameid",
        )
    )
    current: list[Any] | None = None
    for pk, kind, status, established, ended, name, country, geonameid in rows.iterator(chunk_size=5000):
        if current is None or current[0] != pk:
            if current is not None:
                yield _partnership_line(current)
            current = [pk, kinds.get(kind, kind), statuses.get(status, status), established, ended, []]
        current[5].append((name, country or "", geonameid or ""))
    if current is not None:
        yield _partnership_line(current)


def _partnership_line(row: list[Any]) -> list[Any]:
    pk, kind, status, established, ended, places = row
    return [
        pk,
        " – ".join(p[0] for p in places),
        " | ".join(p[1] for p in places),
        " | ".join(str(p[2]) for p in places),
        kind,
        status,
        established.isoformat() if established else "",
        ended.isoformat() if ended else "",
    ]


PARTNERSHIPS = Listing(
    name="partnerships",
    title=gettext_lazy("Partnerships"),
    base=lambda: Partnership.objects.all(),
    facets=[
        Facet(
            "state",
            gettext_lazy("German state"),
            _partnership_state,
            _partnership_state_counts,
            lambda v: v.upper() in BY_CODE,
        ),
        Facet(
            "country",
            gettext_lazy("Country"),
            _partnership_country,
            _partnership_country_counts,
            _country_exists,
        ),
        Facet(
            "kind",
            gettext_lazy("Kind"),
            lambda qs, v: qs.filter(kind=v),
            lambda qs: _grouped(
                qs.values("kind").annotate(n=Count("pk")).values_list("kind", "n"), _choices(Partnership.Kind.choices)
            ),
            lambda v: v in Partnership.Kind.values,
        ),
        Facet(
            "status",
            gettext_lazy("Status"),
            lambda qs, v: qs.filter(status=v),
            lambda qs: _grouped(
                qs.values("status").annotate(n=Count("pk")).values_list("status", "n"),
                _choices(Partnership.Status.choices),
            ),
            lambda v: v in Partnership.Status.values,
        ),
        Facet(
            "topic",
            gettext_lazy("Topic"),
            _partnership_topic,
            _partnership_topic_counts,
            _topic_exists,
        ),
        Facet(
            "decade",
            gettext_lazy("Established"),
            _by_decade("established"),
            lambda qs: _decade_counts(qs, "established"),
            _decade_valid,
        ),
        Facet(
            "programme",
            gettext_lazy("Programme"),
            lambda qs, v: qs.filter(
                pk__in=Programme.partnerships.through.objects.filter(programme__slug=v).values("partnership_id")
            ),
            _partnership_programme_counts,
            lambda v: Programme.objects.filter(slug=v).exists(),
        ),
        Facet(
            "place",
            gettext_lazy("Place"),
            lambda qs, v: qs.filter(
                pk__in=PartnershipMember.objects.filter(place__geonameid=int(v)).values("partnership_id")
            ),
            _partnership_place_counts,
            _place_valid,
        ),
    ],
    sorts={
        "established": (gettext_lazy("oldest first"), (F("established").asc(nulls_last=True), "pk")),
        "-established": (gettext_lazy("newest first"), (F("established").desc(nulls_last=True), "pk")),
        "recent": (gettext_lazy("recently added"), ("-pk",)),
    },
    csv_columns=[
        ("id", lambda r: r[0]),
        ("places", lambda r: r[1]),
        ("countries", lambda r: r[2]),
        ("geonameids", lambda r: r[3]),
        ("kind", lambda r: r[4]),
        ("status", lambda r: r[5]),
        ("established", lambda r: r[6]),
        ("ended", lambda r: r[7]),
    ],
    rows=_partnership_rows,
    csv_rows=_partnership_csv,
)


# -- places -----------------------------------------------------------------------------------------


def _places_base() -> QuerySet[Place]:
    return Place.objects.filter(pk__in=PartnershipMember.objects.values("place_id"))


def _place_rows(qs: QuerySet[Place]) -> QuerySet[Place]:
    return qs.select_related("country").annotate(partnership_count=Count("partnership_memberships"))


def _place_country_counts(qs: QuerySet[Place]) -> list[Option]:
    rows = qs.values("country_id").annotate(n=Count("pk")).values_list("country_id", "n")
    return _grouped(rows, _country_names())


def _place_state_counts(qs: QuerySet[Place]) -> list[Option]:
    rows = qs.filter(country_id="DE").values("admin1_code").annotate(n=Count("pk")).values_list("admin1_code", "n")
    found = [(BY_ADMIN1[a], n) for a, n in rows if a in BY_ADMIN1]
    return sorted((Option(s.code, s.name, n) for s, n in found), key=lambda o: (-o.count, o.label))


PLACES = Listing(
    name="places",
    title=gettext_lazy("Places"),
    base=_places_base,
    facets=[
        Facet(
            "country",
            gettext_lazy("Country"),
            lambda qs, v: qs.filter(country_id=v.upper()),
            _place_country_counts,
            _country_exists,
        ),
        Facet(
            "state",
            gettext_lazy("German state"),
            lambda qs, v: qs.filter(country_id="DE", admin1_code=BY_CODE[v.upper()].admin1),
            _place_state_counts,
            lambda v: v.upper() in BY_CODE,
        ),
    ],
    sorts={
        "-partnerships": (
            gettext_lazy("most partnerships first"),
            ("-partnership_count", "name", "pk"),
        ),
        "name": (gettext_lazy("name"), ("name", "pk")),
        "-population": (gettext_lazy("largest first"), (F("population").desc(nulls_last=True), "name", "pk")),
    },
    csv_columns=[
        ("geonameid", lambda p: p.geonameid or ""),
        ("name", lambda p: p.name),
        ("country", lambda p: p.country_id or ""),
        ("population", lambda p: p.population or ""),
        ("latitude", lambda p: p.latitude if p.latitude is not None else ""),
        ("longitude", lambda p: p.longitude if p.longitude is not None else ""),
        ("partnerships", lambda p: p.partnership_count),
    ],
    rows=_place_rows,
    annotate=lambda qs: qs.annotate(partnership_count=Count("partnership_memberships")),
)


# -- programmes, activities, news, organizations --------------------------------------------------


def _topic_facet(relation: str) -> Facet:
    def counts(qs: QuerySet[Any]) -> list[Option]:
        rows = (
            qs.filter(**{f"{relation}__isnull": False})
            .values(f"{relation}__slug")
            .annotate(n=Count("pk", distinct=True))
            .values_list(f"{relation}__slug", "n")
        )
        return _grouped(rows, _topic_labels())

    return Facet(
        "topic",
        gettext_lazy("Topic"),
        lambda qs, v: qs.filter(pk__in=qs.model.objects.filter(**{f"{relation}__slug": v}).values("pk")),
        counts,
        _topic_exists,
    )


def _place_facet(*relations: str) -> Facet:
    """Filter by a place's GeoNames id over the given relations (counts: the ten most frequent)."""

    def apply(qs: QuerySet[Any], value: str) -> QuerySet[Any]:
        condition = Q()
        for relation in relations:
            condition |= Q(**{f"{relation}__geonameid": int(value)})
        return qs.filter(pk__in=qs.model.objects.filter(condition).values("pk"))

    def counts(qs: QuerySet[Any]) -> list[Option]:
        totals: dict[tuple[int, str], set[int]] = {}
        for relation in relations:
            for pk, geonameid, name in qs.filter(**{f"{relation}__geonameid__isnull": False}).values_list(
                "pk", f"{relation}__geonameid", f"{relation}__name"
            ):
                totals.setdefault((geonameid, name), set()).add(pk)
        options = [Option(str(g), name, len(pks)) for (g, name), pks in totals.items()]
        return sorted(options, key=lambda o: (-o.count, o.label))[:30]

    return Facet("place", gettext_lazy("Place"), apply, counts, _place_valid)


PROGRAMMES = Listing(
    name="programmes",
    title=gettext_lazy("Programmes"),
    base=lambda: Programme.objects.all(),
    facets=[_topic_facet("topics"), _place_facet("places")],
    sorts={
        "name": (gettext_lazy("name"), ("name", "pk")),
        "-start": (gettext_lazy("newest first"), (F("start").desc(nulls_last=True), "name")),
    },
    csv_columns=[
        ("slug", lambda p: p.slug),
        ("name", lambda p: p.name),
        ("start", lambda p: p.start.isoformat() if p.start else ""),
        ("end", lambda p: p.end.isoformat() if p.end else ""),
    ],
    rows=lambda qs: qs.prefetch_related("places"),
)

ACTIVITIES = Listing(
    name="activities",
    title=gettext_lazy("Activities"),
    base=lambda: Activity.objects.all(),
    facets=[
        Facet(
            "kind",
            gettext_lazy("Kind"),
            lambda qs, v: qs.filter(kind=v),
            lambda qs: _grouped(
                qs.values("kind").annotate(n=Count("pk")).values_list("kind", "n"), _choices(Activity.Kind.choices)
            ),
            lambda v: v in Activity.Kind.values,
        ),
        Facet("year", gettext_lazy("Year"), _by_year("start"), lambda qs: _year_counts(qs, "start"), _year_valid),
        _topic_facet("topics"),
        _place_facet("place", "places"),
    ],
    sorts={
        "-start": (gettext_lazy("newest first"), (F("start").desc(nulls_last=True), "title")),
        "start": (gettext_lazy("oldest first"), (F("start").asc(nulls_last=True), "title")),
        "title": (gettext_lazy("title"), ("title", "pk")),
    },
    csv_columns=[
        ("slug", lambda a: a.slug),
        ("title", lambda a: a.title),
        ("kind", lambda a: a.get_kind_display()),
        ("start", lambda a: a.start.isoformat() if a.start else ""),
        ("place", lambda a: a.place.name if a.place else ""),
    ],
    rows=lambda qs: qs.select_related("place", "programme"),
)

NEWS = Listing(
    name="news",
    title=gettext_lazy("News"),
    base=articles_public,  # unaccepted ingested releases stay off the portal
    facets=[
        Facet(
            "year", gettext_lazy("Year"), _by_year("published"), lambda qs: _year_counts(qs, "published"), _year_valid
        ),
        _topic_facet("topics"),
        _place_facet("places", "publisher_place"),
    ],
    sorts={
        "-published": (gettext_lazy("newest first"), (F("published").desc(nulls_last=True), "title")),
        "published": (gettext_lazy("oldest first"), (F("published").asc(nulls_last=True), "title")),
        "title": (gettext_lazy("title"), ("title", "pk")),
    },
    csv_columns=[
        ("slug", lambda a: a.slug),
        ("title", lambda a: a.title),
        ("published", lambda a: a.published.isoformat() if a.published else ""),
        ("publisher", lambda a: a.publisher.name if a.publisher else ""),
    ],
    rows=lambda qs: qs.select_related("publisher"),
)

ORGANIZATIONS = Listing(
    name="organizations",
    title=gettext_lazy("Organizations"),
    base=lambda: Organization.objects.all(),
    facets=[
        Facet(
            "kind",
            gettext_lazy("Kind"),
            lambda qs, v: qs.filter(kind=v),
            lambda qs: _grouped(
                qs.values("kind").annotate(n=Count("pk")).values_list("kind", "n"), _choices(Organization.Kind.choices)
            ),
            lambda v: v in Organization.Kind.values,
        ),
        Facet(
            "country",
            gettext_lazy("Country"),
            lambda qs, v: qs.filter(seat__country_id=v.upper()),
            lambda qs: _grouped(
                qs.values("seat__country_id").annotate(n=Count("pk")).values_list("seat__country_id", "n"),
                _country_names(),
            ),
            _country_exists,
        ),
        _place_facet("seat"),
    ],
    sorts={"name": (gettext_lazy("name"), ("name", "pk"))},
    csv_columns=[
        ("slug", lambda o: o.slug),
        ("name", lambda o: o.name),
        ("kind", lambda o: o.get_kind_display()),
        ("seat", lambda o: o.seat.name if o.seat else ""),
        ("website", lambda o: o.website),
    ],
    rows=lambda qs: qs.select_related("seat"),
)

LISTINGS = {x.name: x for x in (PARTNERSHIPS, PLACES, PROGRAMMES, ACTIVITIES, NEWS, ORGANIZATIONS)}
STATE_CODES = [s.code for s in GERMAN_STATES]
