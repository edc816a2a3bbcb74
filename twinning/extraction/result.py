"""The extraction result: the one contract between `extract()` and its consumers.

`extract()` returns an `ExtractionResult`; the review app reads it by attribute, the command line
prints `result.to_dict()` (the documented JSON below, which the scorer and the tests read), and
`ExtractionResult.from_dict()` reads that JSON back. Spans are (start, end) offsets into `text`,
the cleaned text of the release.

    {"text": str, "language": "de"|"en", "published": "YYYY-MM-DD"|null,
     "places":        [{"name", "geonameid": int|null, "country": ISO2|null, "kind", "spans": [[s, e], …]}],
     "partnerships":  [{"a": {"name", "geonameid"}, "b": {"name", "geonameid"}, "kind", "spans"}],
     "people":        [{"name", "role": str|null, "affiliation": str|null, "spans"}],
     "organizations": [{"name", "spans"}],
     "events":        [{"kind", "title", "start": date|null, "end": date|null, "precision": str|null,
                        "period": {"start": date, "end": date}|null,
                        "place": {"name", "geonameid"}|null, "spans"}],
     "topics":        [str],
     "contacts":      [{"name": str|null, "email": str|null, "phone": str|null, "spans"}]}

"start" and "end" are days: an event known only to a month, season or year has them null, its
"precision" says which, and "period" gives the first and last day it covers.

Pure Python, no database.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

Span = tuple[int, int]


def _spans(spans: Iterable[Any]) -> list[Span]:
    return [(int(span[0]), int(span[1])) for span in spans or ()]


def _spans_json(spans: Iterable[Span]) -> list[list[int]]:
    return [[start, end] for start, end in spans]


def _date(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


@dataclass(frozen=True, slots=True)
class PlaceRef:
    """A place as other facts point at it: its name, and its GeoNames id when it has one."""

    name: str
    geonameid: int | None = None

    @property
    def key(self) -> str:
        """Identity within one text: the GeoNames id, else the name."""
        return f"g{self.geonameid}" if self.geonameid else f"n:{self.name}"

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "geonameid": self.geonameid}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> PlaceRef | None:
        if not data:
            return None
        return cls(name=str(data.get("name") or ""), geonameid=data.get("geonameid") or None)


@dataclass(slots=True)
class ExtractedPlace:
    name: str
    geonameid: int | None
    country: str | None
    kind: str
    spans: list[Span] = field(default_factory=list)

    @property
    def ref(self) -> PlaceRef:
        return PlaceRef(self.name, self.geonameid)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "geonameid": self.geonameid,
            "country": self.country,
            "kind": self.kind,
            "spans": _spans_json(self.spans),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ExtractedPlace:
        return cls(
            name=str(data.get("name") or ""),
            geonameid=data.get("geonameid") or None,
            country=data.get("country") or None,
            kind=str(data.get("kind") or "municipality"),
            spans=_spans(data.get("spans", ())),
        )


@dataclass(slots=True)
class ExtractedPartnership:
    a: PlaceRef
    b: PlaceRef
    kind: str
    spans: list[Span] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"a": self.a.to_dict(), "b": self.b.to_dict(), "kind": self.kind, "spans": _spans_json(self.spans)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ExtractedPartnership:
        return cls(
            a=PlaceRef.from_dict(data.get("a")) or PlaceRef(""),
            b=PlaceRef.from_dict(data.get("b")) or PlaceRef(""),
            kind=str(data.get("kind") or "twinning"),
            spans=_spans(data.get("spans", ())),
        )


@dataclass(slots=True)
class ExtractedPerson:
    name: str
    role: str | None = None
    affiliation: str | None = None
    spans: list[Span] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "role": self.role,
            "affiliation": self.affiliation,
            "spans": _spans_json(self.spans),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ExtractedPerson:
        return cls(
            name=str(data.get("name") or ""),
            role=data.get("role"),
            affiliation=data.get("affiliation"),
            spans=_spans(data.get("spans", ())),
        )


@dataclass(slots=True)
class ExtractedOrganization:
    name: str
    spans: list[Span] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "spans": _spans_json(self.spans)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ExtractedOrganization:
        return cls(name=str(data.get("name") or ""), spans=_spans(data.get("spans", ())))


@dataclass(slots=True)
class ExtractedEvent:
    """An activity reported or announced; `precision` is "day", "month", "season" or "year"."""

    kind: str
    title: str
    start: date | None = None
    end: date | None = None
    precision: str | None = None
    place: PlaceRef | None = None
    spans: list[Span] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        # "start"/"end" are days; a month, season or year ("im Oktober 1994") is never a first of
        # January or of a month: it is given as the period it covers, at its precision.
        precise = self.precision in (None, "day")
        period = None if precise or self.start is None else {"start": _iso(self.start), "end": _iso(self.end)}
        return {
            "kind": self.kind,
            "title": self.title,
            "start": _iso(self.start) if precise else None,
            "end": _iso(self.end) if precise else None,
            "precision": self.precision,
            "period": period,
            "place": self.place.to_dict() if self.place is not None else None,
            "spans": _spans_json(self.spans),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ExtractedEvent:
        period = data.get("period") or {}
        return cls(
            kind=str(data.get("kind") or "other"),
            title=str(data.get("title") or ""),
            start=_date(data.get("start") or period.get("start")),
            end=_date(data.get("end") or period.get("end")),
            precision=data.get("precision"),
            place=PlaceRef.from_dict(data.get("place")),
            spans=_spans(data.get("spans", ())),
        )


@dataclass(slots=True)
class ExtractedContact:
    name: str | None = None
    email: str | None = None
    phone: str | None = None
    spans: list[Span] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "email": self.email, "phone": self.phone, "spans": _spans_json(self.spans)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ExtractedContact:
        return cls(
            name=data.get("name"),
            email=data.get("email"),
            phone=data.get("phone"),
            spans=_spans(data.get("spans", ())),
        )


@dataclass(slots=True)
class ExtractionResult:
    """Everything the extractor found in one press release."""

    text: str
    language: str
    published: date | None = None
    places: list[ExtractedPlace] = field(default_factory=list)
    partnerships: list[ExtractedPartnership] = field(default_factory=list)
    people: list[ExtractedPerson] = field(default_factory=list)
    organizations: list[ExtractedOrganization] = field(default_factory=list)
    events: list[ExtractedEvent] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    contacts: list[ExtractedContact] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The documented JSON object (what `twinning extract --json` prints)."""
        return {
            "text": self.text,
            "language": self.language,
            "published": _iso(self.published),
            "places": [item.to_dict() for item in self.places],
            "partnerships": [item.to_dict() for item in self.partnerships],
            "people": [item.to_dict() for item in self.people],
            "organizations": [item.to_dict() for item in self.organizations],
            "events": [item.to_dict() for item in self.events],
            "topics": list(self.topics),
            "contacts": [item.to_dict() for item in self.contacts],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ExtractionResult:
        """Read the documented JSON back (missing lists are empty)."""
        return cls(
            text=str(data.get("text") or ""),
            language=str(data.get("language") or "de"),
            published=_date(data.get("published")),
            places=[ExtractedPlace.from_dict(item) for item in data.get("places", ())],
            partnerships=[ExtractedPartnership.from_dict(item) for item in data.get("partnerships", ())],
            people=[ExtractedPerson.from_dict(item) for item in data.get("people", ())],
            organizations=[ExtractedOrganization.from_dict(item) for item in data.get("organizations", ())],
            events=[ExtractedEvent.from_dict(item) for item in data.get("events", ())],
            topics=[str(topic) for topic in data.get("topics", ())],
            contacts=[ExtractedContact.from_dict(item) for item in data.get("contacts", ())],
        )
