"""What every review kind provides, and the helpers they share.

A review kind (one module per kind of suggestion: place, partnership, person, organization,
activity, contact) answers four questions:

* propose: which suggestions does an extraction result yield (`Proposal`s, at most one per entity);
* match: which existing record does a suggestion's data mean (None: it looks new);
* form: how an editor corrects the proposed fields (a `SuggestionForm`);
* apply: create the record, or fold the suggestion into an existing one, and link the article.

Services (`review/services.py`) lock, decide and audit; the kinds only know their own records.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from django.db import models
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from twinning.core.dates import PartialDate
from twinning.core.errors import NotFound
from twinning.core.services import Actor
from twinning.core.services import cite as core_cite
from twinning.core.text import fold
from twinning.extraction.result import ExtractionResult, PlaceRef, Span
from twinning.places.models import Place
from twinning.places.services import place_create

from .. import selectors

if TYPE_CHECKING:
    from twinning.press.models import Article

    from ..forms import SuggestionForm
    from ..models import Suggestion


@dataclass
class Proposal:
    """One suggestion to be: its identity within the article (`key`), what the editor reads
    (`label`), the fields it proposes (`data`), the extracted item as JSON and its spans."""

    key: str
    label: str
    data: dict[str, Any]
    extracted: dict[str, Any]
    spans: list[Span] = field(default_factory=list)


@dataclass(frozen=True)
class ProposalContext:
    """What a kind may look at besides the result: the article being reviewed."""

    article: Article
    result: ExtractionResult


@dataclass(frozen=True)
class ReviewKind:
    """The four parts of one kind of suggestion (see the module docstring)."""

    kind: str
    model: type[models.Model]
    form: type[SuggestionForm]
    editable: tuple[str, ...]
    propose: Callable[[ProposalContext], Iterable[Proposal]]
    match: Callable[[dict[str, Any]], models.Model | None]
    apply: Callable[..., models.Model]
    search: Callable[[str], QuerySet[Any]]


# --- shared helpers ---------------------------------------------------------------------------

_M = TypeVar("_M", bound=models.Model)


def ref_dict(ref: PlaceRef | None) -> dict[str, Any] | None:
    return ref.to_dict() if ref is not None else None


def ref_key(ref: dict | None) -> str:
    """A place reference's identity: its GeoNames id, else its folded name."""
    if not ref:
        return "-"
    return f"g{ref['geonameid']}" if ref.get("geonameid") else f"n:{fold(ref.get('name') or '')}"


def ref_name(ref: dict | None) -> str:
    return (ref or {}).get("name") or "?"


def where_of(suggestion: Suggestion) -> str:
    return f"suggestion #{suggestion.pk}"


def target_as(target: models.Model | None, model: type[_M]) -> _M | None:
    """`target` as the record model of the suggestion's kind (suggestion_merge has checked it)."""
    assert target is None or isinstance(target, model), f"{target!r} is not a {model.__name__}"
    return target


def cite(suggestion: Suggestion, record: models.Model, actor: Actor) -> None:
    """Cite the article for the record, once per span the suggestion was read from."""
    article = suggestion.article
    core_cite(record=record, source=article.source, text=article.body, spans=suggestion.spans or [], actor=actor)


def partial_date(value: Any, precision: str = "day", *, where: str) -> PartialDate | None:
    """A stored ISO date as a PartialDate of the given precision ("year" keeps only the year)."""
    if not value:
        return None
    parsed = PartialDate.parse(str(value), where=where)
    if parsed is None:
        return None
    if precision in ("year", "month") and parsed.precision == "day":
        parsed = PartialDate.parse(parsed.iso()[: 4 if precision == "year" else 7], where=where)
    return parsed


def place_required(ref: dict | None, *, actor: Actor, where: str, create: bool) -> Place:
    """The stored place a reference means; a place outside the gazetteer is created only if asked."""
    place = selectors.place_for(ref)
    if place is not None:
        return place
    name = (ref or {}).get("name") or ""
    geonameid = (ref or {}).get("geonameid")
    if not create or not name.strip():
        if geonameid:
            raise NotFound(
                _("the place %(name)s (GeoNames %(id)s) is not in the gazetteer") % {"name": name, "id": geonameid},
                where=where,
            )
        raise NotFound(_("no known place called %(name)r") % {"name": name}, where=where)
    # A place the gazetteer lacks (a state, a county, a small village): recorded with its GeoNames id.
    kind = (ref or {}).get("kind") or Place.Kind.MUNICIPALITY
    return place_create(
        name=name,
        kind=kind if kind in Place.Kind.values else Place.Kind.MUNICIPALITY,
        country=(ref or {}).get("country"),
        geonameid=geonameid,
        actor=actor,
        where=where,
    )


def merged(proposals: Iterable[Proposal]) -> Iterator[Proposal]:
    """Proposals with the same key as one, with the spans of all."""
    by_key: dict[str, Proposal] = {}
    for proposal in proposals:
        key = proposal.key[:300]
        if not key:
            continue
        existing = by_key.get(key)
        if existing is None:
            proposal.key = key
            by_key[key] = proposal
        else:
            existing.spans = sorted(set(existing.spans) | set(proposal.spans))
    return iter(by_key.values())
