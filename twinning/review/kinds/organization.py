"""Organization suggestions: an association, school, ministry, company… the article names."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from django import forms
from django.db import models
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from twinning.core.services import Actor
from twinning.core.text import fold
from twinning.directory.models import Organization
from twinning.directory.services import organization_get_or_create
from twinning.press.services import article_link

from .. import selectors
from ..forms import SuggestionForm
from ..models import Suggestion
from ..text import is_caption
from .base import Proposal, ProposalContext, ReviewKind, target_as, where_of

_KINDS = (
    (re.compile(r"botschaft|konsulat|embassy|consulate", re.I), Organization.Kind.EMBASSY),
    (re.compile(r"universit|hochschule|college|institut|akademie", re.I), Organization.Kind.UNIVERSITY),
    (re.compile(r"schule|gymnasium|school|lyc[ée]e", re.I), Organization.Kind.SCHOOL),
    (re.compile(r"ministeri|auswärtiges amt|staatskanzlei|regierung|ministry|government", re.I), "government"),
    (re.compile(r"museum|theater|bibliothek|orchester|museum|library", re.I), Organization.Kind.MUSEUM),
    (re.compile(r"\b(?:gmbh|ag|kg|inc|ltd|llc|se)\b", re.I), Organization.Kind.COMPANY),
    (re.compile(r"städtetag|netzwerk|network|engagement global|servicestelle|council", re.I), "network"),
    (re.compile(r"\be\.\s?v\.|verein|verband|gesellschaft|association|club|freundeskreis", re.I), "association"),
    (re.compile(r"\bamt\b|behörde|fachbereich|dezernat|referat|abteilung|geschäftsbereich", re.I), "municipal_office"),
)


def organization_kind_guess(name: str) -> str:
    """A first guess of an organization's kind from its name; the editor may correct it."""
    for pattern, kind in _KINDS:
        if pattern.search(name):
            return str(kind)
    return Organization.Kind.OTHER


class OrganizationForm(SuggestionForm):
    name = forms.CharField(label=_("name"), max_length=300)
    kind = forms.ChoiceField(label=_("kind"), choices=Organization.Kind.choices)


def propose(context: ProposalContext) -> Iterator[Proposal]:
    """Organizations named in the text, not those only named in photo credits ("Foto: Pixabay")."""
    text = context.result.text
    for organization in context.result.organizations:
        name = organization.name or ""
        if organization.spans and all(is_caption(text, start, end) for start, end in organization.spans):
            continue
        yield Proposal(
            key=fold(name),
            label=name,
            data={"name": organization.name, "kind": organization_kind_guess(name)},
            extracted=organization.to_dict(),
            spans=list(organization.spans),
        )


def match(data: dict[str, Any]) -> models.Model | None:
    return selectors.organization_match(name=data.get("name", ""))


def apply(suggestion: Suggestion, *, target: models.Model | None, actor: Actor, as_new: bool = False) -> models.Model:
    """Link the article to `target`, else to the organization the name means (unless `as_new`),
    else to a new one."""
    data = suggestion.data
    organization = target_as(target, Organization)
    if organization is None and not as_new:
        organization = target_as(match(data), Organization)
    if organization is None:
        organization, _created = organization_get_or_create(
            name=(data.get("name") or "").strip(),
            kind=data.get("kind") or Organization.Kind.OTHER,
            actor=actor,
            where=where_of(suggestion),
        )
    article_link(article=suggestion.article, actor=actor, organizations=[organization])
    return organization


def search(query: str) -> QuerySet[Organization]:
    return selectors.organization_search(query)


KIND = ReviewKind(
    kind=Suggestion.Kind.ORGANIZATION,
    model=Organization,
    form=OrganizationForm,
    editable=("name", "kind"),
    propose=propose,
    match=match,
    apply=apply,
    search=search,
)
