"""Contact suggestions: an e-mail address or phone number, with the person it belongs to."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django import forms
from django.db import models
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from twinning.core.errors import ValidationFailed
from twinning.core.services import Actor
from twinning.core.text import fold
from twinning.directory.models import ContactDetail, Organization, Person
from twinning.directory.services import contact_detail_add, person_get_or_create
from twinning.press.services import article_link

from .. import selectors
from ..forms import SuggestionForm
from ..models import Suggestion
from .base import Proposal, ProposalContext, ReviewKind, cite, where_of


class ContactForm(SuggestionForm):
    name = forms.CharField(label=gettext_lazy("person"), max_length=200, required=False)
    email = forms.EmailField(label=gettext_lazy("e-mail"), required=False)
    phone = forms.CharField(label=gettext_lazy("phone"), max_length=60, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("email") and not data.get("phone"):
            raise forms.ValidationError(gettext_lazy("Give an e-mail address or a phone number."))
        return data


def propose(context: ProposalContext) -> Iterator[Proposal]:
    for contact in context.result.contacts:
        label = " · ".join(x for x in (contact.name, contact.email, contact.phone) if x)
        yield Proposal(
            key=fold(contact.email or contact.phone or "") or fold(label),
            label=label,
            data={"name": contact.name or "", "email": contact.email or "", "phone": contact.phone or ""},
            extracted=contact.to_dict(),
            spans=list(contact.spans),
        )


def match(data: dict[str, Any]) -> models.Model | None:
    return selectors.contact_match(email=data.get("email"), phone=data.get("phone"))


def apply(suggestion: Suggestion, *, target: models.Model | None, actor: Actor) -> models.Model:
    if target is not None:
        return target
    data = suggestion.data
    article = suggestion.article
    where = where_of(suggestion)
    name = (data.get("name") or "").strip()
    person: Person | None = None
    organization: Organization | None = None
    if name:
        person, _created = person_get_or_create(name=name, actor=actor, where=where)
    elif article.publisher is not None:
        organization = article.publisher
    else:
        raise ValidationFailed(_("a contact needs the name of the person it belongs to"), where=where)
    details = [
        contact_detail_add(
            kind=detail_kind, value=data[field], person=person, organization=organization, actor=actor, where=where
        )
        for field, detail_kind in (("email", ContactDetail.Kind.EMAIL), ("phone", ContactDetail.Kind.PHONE))
        if (data.get(field) or "").strip()
    ]
    if not details:
        raise ValidationFailed(_("a contact needs an e-mail address or a phone number"), where=where)
    for detail in details[1:]:
        cite(suggestion, detail, actor)
    if person is not None:
        article_link(article=article, actor=actor, people=[person])
    return details[0]


def search(query: str) -> QuerySet[ContactDetail]:
    return selectors.contact_search(query)


KIND = ReviewKind(
    kind=Suggestion.Kind.CONTACT,
    model=ContactDetail,
    form=ContactForm,
    editable=("name", "email", "phone"),
    propose=propose,
    match=match,
    apply=apply,
    search=search,
)
