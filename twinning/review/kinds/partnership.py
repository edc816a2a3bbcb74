"""Partnership suggestions: a pair of places the article names as partners."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django import forms
from django.db import models
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from twinning.core.services import Actor
from twinning.partnerships.models import Partnership
from twinning.partnerships.services import partnership_get_or_create
from twinning.press.services import article_link

from .. import selectors
from ..forms import SuggestionForm, form_partial_date, form_ref
from ..models import Suggestion
from .base import (
    Proposal,
    ProposalContext,
    ReviewKind,
    partial_date,
    place_required,
    ref_dict,
    ref_key,
    ref_name,
    target_as,
    where_of,
)

# The extractor's kinds of partnership, as the registry's kinds.
KINDS = {
    "twinning": Partnership.Kind.TWINNING,
    "friendship": Partnership.Kind.FRIENDSHIP,
    "project": Partnership.Kind.PROJECT,
    "climate": Partnership.Kind.CLIMATE,
    "solidarity": Partnership.Kind.SOLIDARITY,
    "contact": Partnership.Kind.CONTACT,
    "other": Partnership.Kind.CONTACT,
}


class PartnershipForm(SuggestionForm):
    a_name = forms.CharField(label=_("first place"), max_length=200)
    a_geonameid = forms.IntegerField(label=_("its GeoNames id"), required=False, min_value=1)
    b_name = forms.CharField(label=_("second place"), max_length=200)
    b_geonameid = forms.IntegerField(label=_("its GeoNames id"), required=False, min_value=1)
    kind = forms.ChoiceField(label=_("kind"), choices=Partnership.Kind.choices)
    established = forms.CharField(
        label=_("established"), required=False, help_text=_("1986, 1986-05 or 1986-05-23"), max_length=10
    )

    @classmethod
    def initial_for(cls, data: dict[str, Any]) -> dict[str, Any]:
        a, b = data.get("a") or {}, data.get("b") or {}
        return {
            "a_name": a.get("name"),
            "a_geonameid": a.get("geonameid"),
            "b_name": b.get("name"),
            "b_geonameid": b.get("geonameid"),
            "kind": data.get("kind"),
            "established": data.get("established") or "",
        }

    def clean_established(self) -> str | None:
        return form_partial_date(self.cleaned_data.get("established", ""))

    def payload(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "a": form_ref(data["a_name"], data.get("a_geonameid")),
            "b": form_ref(data["b_name"], data.get("b_geonameid")),
            "kind": data["kind"],
            "established": data.get("established"),
        }


def propose(context: ProposalContext) -> Iterator[Proposal]:
    for partnership in context.result.partnerships:
        kind: str = KINDS.get(partnership.kind or "", Partnership.Kind.CONTACT)
        a, b = ref_dict(partnership.a), ref_dict(partnership.b)
        pair = sorted([ref_key(a), ref_key(b)])
        label = f"{ref_name(a)} – {ref_name(b)} ({Partnership.Kind(kind).label})"
        yield Proposal(
            key=f"{kind}:{'+'.join(pair)}",
            label=label,
            data={"a": a, "b": b, "kind": kind, "established": None},
            extracted=partnership.to_dict(),
            spans=list(partnership.spans),
        )


def match(data: dict[str, Any]) -> models.Model | None:
    places = [selectors.place_for(data.get("a")), selectors.place_for(data.get("b"))]
    if None in places:
        return None
    return selectors.partnership_match([p for p in places if p is not None], kind=data.get("kind"))


def apply(suggestion: Suggestion, *, target: models.Model | None, actor: Actor, as_new: bool = False) -> models.Model:
    data = suggestion.data
    where = where_of(suggestion)
    established = partial_date(data.get("established"), where=where)
    existing = target_as(target, Partnership)
    if existing is None:
        places = [place_required(data.get(side), actor=actor, where=where, create=False) for side in ("a", "b")]
        kind = data.get("kind") or Partnership.Kind.TWINNING
    else:
        places, kind = list(existing.places.all()), existing.kind
    partnership, _created = partnership_get_or_create(
        places=places, kind=kind, established=established, actor=actor, where=where
    )
    article_link(article=suggestion.article, actor=actor, partnerships=[partnership])
    return partnership


def search(query: str) -> QuerySet[Partnership]:
    return selectors.partnership_search(query)


KIND = ReviewKind(
    kind=Suggestion.Kind.PARTNERSHIP,
    model=Partnership,
    form=PartnershipForm,
    editable=("a", "b", "kind", "established"),
    propose=propose,
    match=match,
    apply=apply,
    search=search,
)
