"""Place suggestions: a place the article mentions; accepting links the article to it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django import forms
from django.db import models
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from twinning.core.services import Actor
from twinning.places.models import Place
from twinning.places.selectors import place_search
from twinning.press.services import article_link

from .. import selectors
from ..forms import SuggestionForm
from ..models import Suggestion
from .base import Proposal, ProposalContext, ReviewKind, place_required, ref_key, target_as, where_of


class PlaceForm(SuggestionForm):
    name = forms.CharField(label=_("name"), max_length=200)
    geonameid = forms.IntegerField(label=_("GeoNames id"), required=False, min_value=1)
    country = forms.CharField(label=_("country code"), max_length=2, required=False)

    def payload(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["country"] = (data.get("country") or "").upper() or None
        return data


def propose(context: ProposalContext) -> Iterator[Proposal]:
    for place in context.result.places:
        data = {"name": place.name, "geonameid": place.geonameid, "country": place.country, "kind": place.kind}
        label = place.name + (f" ({place.country})" if place.country else "")
        yield Proposal(key=ref_key(data), label=label, data=data, extracted=place.to_dict(), spans=list(place.spans))


def match(data: dict[str, Any]) -> models.Model | None:
    return selectors.place_for(data)


def apply(suggestion: Suggestion, *, target: models.Model | None, actor: Actor, as_new: bool = False) -> models.Model:
    place = target_as(target, Place) or place_required(
        suggestion.data, actor=actor, where=where_of(suggestion), create=True
    )
    article_link(article=suggestion.article, actor=actor, places=[place])
    return place


def search(query: str) -> QuerySet[Place]:
    return place_search(query)


KIND = ReviewKind(
    kind=Suggestion.Kind.PLACE,
    model=Place,
    form=PlaceForm,
    editable=("name", "geonameid", "country"),
    propose=propose,
    match=match,
    apply=apply,
    search=search,
)
