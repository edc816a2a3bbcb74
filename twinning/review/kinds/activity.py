"""Activity suggestions: a visit, conference, anniversary… the article reports or announces."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from django import forms
from django.db import models
from django.db.models import QuerySet
from django.utils import translation
from django.utils.translation import gettext, gettext_lazy

from twinning.activities.models import Activity
from twinning.activities.services import activity_create, activity_link
from twinning.core.dates import PartialDate
from twinning.core.errors import ValidationFailed
from twinning.core.services import Actor
from twinning.press.services import article_link

from .. import selectors
from ..forms import SuggestionForm, form_partial_date, form_ref
from ..models import Suggestion
from ..text import is_caption, is_title
from .base import Proposal, ProposalContext, ReviewKind, partial_date, ref_dict, ref_key, target_as, where_of

# The extractor's kinds of event, as the registry's kinds of activity.
KINDS = {"festival": Activity.Kind.CULTURAL_EVENT, **{kind: kind for kind in Activity.Kind.values}}


class ActivityForm(SuggestionForm):
    title = forms.CharField(label=gettext_lazy("title"), max_length=300)
    kind = forms.ChoiceField(label=gettext_lazy("kind"), choices=Activity.Kind.choices)
    start = forms.CharField(
        label=gettext_lazy("start"), max_length=10, help_text=gettext_lazy("2022, 2022-10 or 2022-10-19")
    )
    end = forms.CharField(label=gettext_lazy("end"), required=False, max_length=10)
    place_name = forms.CharField(label=gettext_lazy("place"), max_length=200, required=False)
    place_geonameid = forms.IntegerField(label=gettext_lazy("its GeoNames id"), required=False, min_value=1)

    @classmethod
    def initial_for(cls, data: dict[str, Any]) -> dict[str, Any]:
        place = data.get("place") or {}
        precision = data.get("precision") or "day"
        cut = {"year": 4, "month": 7}.get(precision, 10)
        return {
            "title": data.get("title"),
            "kind": data.get("kind"),
            "start": (data.get("start") or "")[:cut],
            "end": (data.get("end") or "")[:cut],
            "place_name": place.get("name"),
            "place_geonameid": place.get("geonameid"),
        }

    def clean_start(self) -> str | None:
        return form_partial_date(self.cleaned_data.get("start", ""))

    def clean_end(self) -> str | None:
        return form_partial_date(self.cleaned_data.get("end", ""))

    def payload(self) -> dict[str, Any]:
        data = self.cleaned_data
        start, end = data.get("start"), data.get("end")
        precision = "year" if start and len(start) == 4 else "month" if start and len(start) == 7 else "day"
        start_date, end_date = PartialDate.parse(start) if start else None, PartialDate.parse(end) if end else None
        return {
            "title": data["title"],
            "kind": data["kind"],
            "start": start_date.value.isoformat() if start_date else None,
            "end": end_date.value.isoformat() if end_date else None,
            "precision": precision,
            "place": form_ref(data.get("place_name", ""), data.get("place_geonameid")),
        }


def title_for(title: str, *, kind: str, place: dict[str, Any] | None, language: str) -> str:
    """The extracted title if it is one; else (a sentence) "<kind> in <place>" in the article's language."""
    title = " ".join((title or "").split())
    if is_title(title):
        return title
    with translation.override(language):
        label = gettext("event") if kind == Activity.Kind.OTHER else str(Activity.Kind(kind).label)
        label = label[:1].upper() + label[1:]
        if place and place.get("name"):
            return gettext("%(kind)s in %(place)s") % {"kind": label, "place": place["name"]}
        return label


def propose(context: ProposalContext) -> Iterator[Proposal]:
    """Dated activities only (at least a year), never from photo captions; the same activity
    (kind, start, place) mentioned several times is one proposal."""
    text = context.result.text
    for event in context.result.events:
        if event.start is None or any(is_caption(text, start, end) for start, end in event.spans):
            continue
        kind = KINDS.get(event.kind or "", Activity.Kind.OTHER)
        place = ref_dict(event.place)
        title = title_for(event.title, kind=kind, place=place, language=context.result.language)
        when = event.start.isoformat()
        yield Proposal(
            key=f"{kind}:{when}:{ref_key(place)}",
            label=f"{title} ({when[:4] if event.precision == 'year' else when})",
            data={
                "title": title,
                "kind": kind,
                "start": when,
                "end": event.end.isoformat() if event.end else None,
                "precision": event.precision or "day",
                "place": place,
            },
            extracted=event.to_dict(),
            spans=list(event.spans),
        )


def match(data: dict[str, Any]) -> models.Model | None:
    start = date.fromisoformat(data["start"]) if data.get("start") else None
    return selectors.activity_match(
        start=start,
        place=selectors.place_for(data.get("place")),
        kind=data.get("kind", ""),
        title=data.get("title", ""),
        precision=data.get("precision") or "day",
    )


def apply(suggestion: Suggestion, *, target: models.Model | None, actor: Actor, as_new: bool = False) -> models.Model:
    """Link the article to `target`, else to the activity it matches (unless `as_new`), else to a
    new activity, which needs a title and at least a year."""
    data = suggestion.data
    where = where_of(suggestion)
    place = selectors.place_for(data.get("place"))
    precision = data.get("precision") or "day"
    activity = target_as(target, Activity)
    if activity is None and not as_new:
        activity = target_as(match(data), Activity)
    if activity is None:
        if not (data.get("title") or "").strip():
            raise ValidationFailed(gettext("an activity needs a title"), where=where)
        if not data.get("start"):
            raise ValidationFailed(gettext("an activity needs at least the year it takes place"), where=where)
        activity = activity_create(
            title=(data.get("title") or "").strip(),
            kind=data.get("kind") or Activity.Kind.OTHER,
            start=partial_date(data.get("start"), precision, where=where),
            end=partial_date(data.get("end"), precision, where=where),
            place=place,
            actor=actor,
            where=where,
        )
    elif place is not None:
        activity_link(activity=activity, places=[place], actor=actor, where=where)
    article_link(article=suggestion.article, actor=actor, activities=[activity])
    return activity


def search(query: str) -> QuerySet[Activity]:
    return selectors.activity_search(query)


KIND = ReviewKind(
    kind=Suggestion.Kind.ACTIVITY,
    model=Activity,
    form=ActivityForm,
    editable=("title", "kind", "start", "end", "precision", "place"),
    propose=propose,
    match=match,
    apply=apply,
    search=search,
)
