"""Contact suggestions: an e-mail address or phone number, with the person it belongs to."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
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


# "name [at] host [dot] de", "name (at) host.de", "name at host dot de".
_AT = re.compile(r"\s*(?:\[\s*at\s*\]|\(\s*at\s*\)|\{\s*at\s*\}|\s+at\s+|\s*\[@\]\s*)\s*", re.IGNORECASE)
_DOT = re.compile(r"\s*(?:\[\s*dot\s*\]|\(\s*dot\s*\)|\{\s*dot\s*\}|\s+dot\s+|\[\.\])\s*", re.IGNORECASE)
# Markers inserted against address harvesters ("info@1sp4mdarmstadt.abde", "name@nospam.host.de").
_SPAM_MARKER = re.compile(
    r"1sp4m|no[-_.]?spam|spam[-_.]?(?:free|protect(?:ed)?)|remove[-_.]?this|entfernen", re.IGNORECASE
)
# Top-level domains of addresses in press releases: every country code, and the generic ones.
_GENERIC_TLDS = (
    "com org net edu gov int mil info eu biz name museum coop aero asia berlin hamburg koeln nrw bayern ruhr"
)
_COUNTRY_TLDS = (
    "ac ad ae af ag ai al am ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bm bn bo br bs bt bw by bz ca cc "
    "cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy cz de dj dk dm do dz ec ee eg er es et fi fj fk fm fo fr ga gd "
    "ge gf gg gh gi gl gm gn gp gq gr gs gt gu gw gy hk hm hn hr ht hu id ie il im in io iq ir is it je jm jo jp ke "
    "kg kh ki km kn kp kr kw ky kz la lb lc li lk lr ls lt lu lv ly ma mc md me mg mh mk ml mm mn mo mp mq mr ms mt "
    "mu mv mw mx my mz na nc ne nf ng ni nl no np nr nu nz om pa pe pf pg ph pk pl pm pn pr ps pt pw py qa re ro rs "
    "ru rw sa sb sc sd se sg sh si sk sl sm sn so sr ss st sv sx sy sz tc td tf tg th tj tk tl tm tn to tr tt tv tw "
    "tz ua ug uk us uy uz va vc ve vg vi vn vu wf ws ye yt za zm zw"
)
TLDS = frozenset(_GENERIC_TLDS.split()) | frozenset(_COUNTRY_TLDS.split())


def decoded_email(value: str | None) -> str:
    """The e-mail address a text gives, decoded from the usual obfuscations ("name [at] host.de");
    "" for what is not a deliverable-looking address (a spam-protected one that cannot be decoded)."""
    value = (value or "").strip().strip("<>.,;:")
    if not value:
        return ""
    value = _DOT.sub(".", _AT.sub("@", value))
    if value.count("@") != 1:
        return ""
    local, domain = value.split("@")
    domain = _SPAM_MARKER.sub("", domain).strip(".").lower()
    if _SPAM_MARKER.search(local) or not local or "." not in domain:
        return ""
    tld = domain.rsplit(".", 1)[1]
    if tld not in TLDS:
        return ""
    address = f"{local}@{domain}"
    try:
        validate_email(address)
    except ValidationError:
        return ""
    return address


def propose(context: ProposalContext) -> Iterator[Proposal]:
    """Contacts with a usable e-mail address (decoded) or phone number."""
    for contact in context.result.contacts:
        email = decoded_email(contact.email)
        phone = (contact.phone or "").strip()
        if not email and not phone:
            continue
        label = " · ".join(x for x in (contact.name, email, phone) if x)
        yield Proposal(
            key=fold(email or phone) or fold(label),
            label=label,
            data={"name": contact.name or "", "email": email, "phone": phone},
            extracted=contact.to_dict(),
            spans=list(contact.spans),
        )


def match(data: dict[str, Any]) -> models.Model | None:
    return selectors.contact_match(email=data.get("email"), phone=data.get("phone"))


def apply(suggestion: Suggestion, *, target: models.Model | None, actor: Actor, as_new: bool = False) -> models.Model:
    """Record the e-mail address and phone number for the person named (else the publisher); an
    address or number already recorded is that record."""
    data = suggestion.data
    if target is None and not as_new:
        target = match(data)
    if target is not None:
        return target
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
