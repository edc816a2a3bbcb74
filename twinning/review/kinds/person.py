"""Person suggestions: a named person, with the function and affiliation the article gives."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from django import forms
from django.db import models
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from twinning.core.models import Visibility
from twinning.core.services import Actor
from twinning.core.text import fold
from twinning.directory.models import Organization, Person
from twinning.directory.services import organization_get_or_create, person_get_or_create, role_add
from twinning.places.models import Place
from twinning.press.models import Article
from twinning.press.services import article_link

from .. import selectors
from ..forms import SuggestionForm
from ..models import Suggestion
from .base import Proposal, ProposalContext, ReviewKind, cite, ref_key, target_as, where_of
from .organization import organization_kind_guess

# Functions held for a municipality: without a stated affiliation they are the home city's.
_MUNICIPAL_FUNCTION = re.compile(
    r"bürgermeister|beigeordnete|dezernent|stadtr[aä]t|ratsherr|ratsfrau|ratsmitglied|stadtdirektor|kämmerer|"
    r"landr[aä]t|mayor|councillor|cllr|city manager|alderman",
    re.IGNORECASE,
)


class PersonForm(SuggestionForm):
    name = forms.CharField(label=_("name"), max_length=200)
    role = forms.CharField(label=_("function"), max_length=300, required=False)
    affiliation = forms.CharField(label=_("organization or place"), max_length=300, required=False)
    visibility = forms.ChoiceField(
        label=_("visibility"),
        choices=Visibility.choices,
        help_text=_("Public only for office holders named in the press."),
    )


def _surnames(names: list[str]) -> dict[str, str]:
    """Full names by the folded surname, for surnames that belong to one full name only."""
    found: dict[str, set[str]] = {}
    for name in names:
        words = name.split()
        if len(words) >= 2:
            found.setdefault(fold(words[-1]), set()).add(fold(name))
    return {surname: next(iter(full)) for surname, full in found.items() if len(full) == 1}


def propose(context: ProposalContext) -> Iterator[Proposal]:
    """Each person once: a surname alone ("Meyer") is the full name the article gives elsewhere;
    the proposal carries the full name and the first function and affiliation stated."""
    surnames = _surnames([person.name for person in context.result.people if person.name])
    by_key: dict[str, Proposal] = {}
    for person in context.result.people:
        key = fold(person.name or "")
        if len(person.name.split()) == 1 and key in surnames:
            key = surnames[key]
        proposal = by_key.get(key)
        if proposal is None:
            by_key[key] = proposal = Proposal(key=key, label="", data={"visibility": "internal"}, extracted={})
        proposal.spans = sorted(set(proposal.spans) | set(person.spans))
        data = proposal.data
        if fold(person.name) == key and not data.get("name"):
            data["name"] = person.name
            proposal.extracted = person.to_dict()
        elif not proposal.extracted:
            proposal.extracted = person.to_dict()
        for field in ("role", "affiliation"):
            if not data.get(field) and getattr(person, field):
                data[field] = getattr(person, field)
    for proposal in by_key.values():
        data = proposal.data
        data.setdefault("name", proposal.extracted.get("name") or "")
        data["role"], data["affiliation"] = data.get("role") or "", data.get("affiliation") or ""
        if not data["name"]:
            continue
        proposal.label = ", ".join(x for x in (data["name"], data["role"], data["affiliation"]) if x)
        yield proposal


def match(data: dict[str, Any]) -> models.Model | None:
    return selectors.person_match(name=data.get("name", ""), affiliation=data.get("affiliation"))


def home_place(article: Article) -> Place | None:
    """The municipality an article speaks for: its publisher's place, else the place every
    proposed partnership of the article shares."""
    if article.publisher_place is not None:
        return article.publisher_place
    common: set[str] | None = None
    refs: dict[str, dict] = {}
    for data in article.suggestions.filter(kind=Suggestion.Kind.PARTNERSHIP).values_list("data", flat=True):
        keys = set()
        for side in ("a", "b"):
            ref = data.get(side) or {}
            keys.add(ref_key(ref))
            refs[ref_key(ref)] = ref
        common = keys if common is None else common & keys
    if common and len(common) == 1:
        return selectors.place_for(refs[common.pop()])
    return None


def affiliation_of(
    affiliation: str, *, function: str, article: Article, actor: Actor, where: str
) -> tuple[Organization | None, Place | None]:
    """A person's affiliation as a place ("Krefeld", "Stadt Dortmund") or an organization."""
    affiliation = affiliation.strip()
    if not affiliation:
        if _MUNICIPAL_FUNCTION.search(function):
            return None, home_place(article)
        return None, None
    bare = re.sub(r"^(?:der |die |des )?(?:Stadt|Gemeinde|City of|Town of)\s+", "", affiliation, flags=re.I)
    place = selectors.place_for({"name": bare})
    if place is not None and fold(place.name) == fold(bare):
        return None, place
    organization = selectors.organization_match(name=affiliation)
    if organization is None:
        organization, _created = organization_get_or_create(
            name=affiliation, kind=organization_kind_guess(affiliation), actor=actor, where=where
        )
    return organization, None


def apply(suggestion: Suggestion, *, target: models.Model | None, actor: Actor, as_new: bool = False) -> models.Model:
    """Link the article to `target`, else to the person the name (and affiliation) means (unless
    `as_new`), else to a new person; add the function the article gives."""
    data = suggestion.data
    article = suggestion.article
    where = where_of(suggestion)
    person = target_as(target, Person)
    if person is None and not as_new:
        person = target_as(match(data), Person)
    if person is None:
        person, _created = person_get_or_create(
            name=(data.get("name") or "").strip(),
            visibility=data.get("visibility") or "internal",
            actor=actor,
            where=where,
        )
    if data.get("role"):
        organization, place = affiliation_of(
            data.get("affiliation") or "", function=data["role"], article=article, actor=actor, where=where
        )
        role = role_add(
            person=person, function=data["role"], organization=organization, place=place, actor=actor, where=where
        )
        cite(suggestion, role, actor)
    article_link(article=article, actor=actor, people=[person])
    return person


def search(query: str) -> QuerySet[Person]:
    return selectors.person_search(query)


KIND = ReviewKind(
    kind=Suggestion.Kind.PERSON,
    model=Person,
    form=PersonForm,
    editable=("name", "role", "affiliation", "visibility"),
    propose=propose,
    match=match,
    apply=apply,
    search=search,
)
