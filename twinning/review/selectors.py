"""Reads for the review queue: pending suggestions by article, and the existing record each one matches."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db import models
from django.db.models import Prefetch, QuerySet
from rapidfuzz import fuzz, process

from twinning.activities.models import Activity
from twinning.core.text import fold
from twinning.directory.models import ContactDetail, Organization, Person
from twinning.partnerships.models import Partnership
from twinning.places.models import Place
from twinning.places.selectors import place_resolve
from twinning.press.models import Article

from .models import Suggestion

ORGANIZATION_CUTOFF = 88.0
SEARCH_LIMIT = 10


@dataclass
class ArticleQueue:
    article: Article
    suggestions: list[Suggestion] = field(default_factory=list)


def suggestion_get(pk: int) -> Suggestion | None:
    return Suggestion.objects.select_related("article", "article__source").filter(pk=pk).first()


def suggestions_pending() -> QuerySet[Suggestion]:
    return Suggestion.objects.filter(status=Suggestion.Status.PENDING)


def review_queue(*, article_ids: list[int] | None = None) -> list[ArticleQueue]:
    """Articles with pending suggestions, newest first, each with its pending suggestions in text order."""
    articles = Article.objects.filter(suggestions__status=Suggestion.Status.PENDING).distinct()
    if article_ids is not None:
        articles = articles.filter(pk__in=article_ids)
    articles = articles.select_related("source", "publisher_place").prefetch_related(
        Prefetch(
            "suggestions",
            queryset=suggestions_pending().order_by("span_start", "pk"),
            to_attr="pending",
        )
    )
    return [ArticleQueue(article=article, suggestions=list(article.pending)) for article in articles]


def pending_article_ids() -> list[int]:
    return list(
        Article.objects.filter(suggestions__status=Suggestion.Status.PENDING)
        .distinct()
        .order_by("-published", "title")
        .values_list("pk", flat=True)
    )


# --- the existing record a suggestion matches --------------------------------------------------


def place_for(ref: dict | None) -> Place | None:
    """The stored place a {"name", "geonameid"} reference means: by GeoNames id, else by exact name."""
    if not ref:
        return None
    geonameid = ref.get("geonameid")
    if geonameid:
        return Place.objects.select_related("country").filter(geonameid=geonameid).first()
    name = (ref.get("name") or "").strip()
    if not name:
        return None
    matches = place_resolve(name, fuzzy=False, limit=1)
    return Place.objects.filter(pk=matches[0].place.place_id).first() if matches else None


def partnership_match(places: list[Place], *, kind: str | None = None) -> Partnership | None:
    """The partnership of exactly this set of places (of the same kind if there is one)."""
    if len({p.pk for p in places}) < 2:
        return None
    key = "-".join(str(pk) for pk in sorted({p.pk for p in places}))
    candidates = list(Partnership.objects.filter(member_key=key).prefetch_related("members__place"))
    for candidate in candidates:
        if candidate.kind == kind:
            return candidate
    return candidates[0] if candidates else None


def activity_match(*, start: date | None, place: Place | None, kind: str) -> Activity | None:
    """The activity of this kind on this start date at this place."""
    if start is None:
        return None
    return Activity.objects.filter(start=start, kind=kind, place=place).select_related("place").first()


def _affiliation_keys(person: Person) -> set[str]:
    keys: set[str] = set()
    for role in person.roles.all():
        if role.organization is not None:
            keys.add(fold(role.organization.name))
        if role.place is not None:
            keys.add(fold(role.place.name))
    return keys


def person_match(*, name: str, affiliation: str | None = None) -> Person | None:
    """The person of the same normalized name; among namesakes the one with this affiliation."""
    key = fold(name)
    if not key:
        return None
    surname = name.split()[-1]
    namesakes = [
        person
        for person in Person.objects.filter(name__icontains=surname).prefetch_related(
            "roles__organization", "roles__place"
        )
        if fold(person.name) == key
    ]
    if not namesakes:
        return None
    if affiliation:
        wanted = fold(affiliation)
        for person in namesakes:
            if any(wanted == k or wanted in k or k in wanted for k in _affiliation_keys(person) if k):
                return person
    # Same name, affiliation unknown or not yet recorded: one namesake is a proposal, several are not.
    return namesakes[0] if len(namesakes) == 1 else None


def organization_match(*, name: str, cutoff: float = ORGANIZATION_CUTOFF) -> Organization | None:
    """The organization whose (short) name is closest to `name`, if close enough (rapidfuzz)."""
    key = fold(name)
    if not key:
        return None
    choices: dict[int, str] = {}
    for pk, org_name, short_name in Organization.objects.values_list("pk", "name", "short_name"):
        choices[pk] = fold(org_name)
        if short_name and fold(short_name) == key:
            return Organization.objects.get(pk=pk)
    found = process.extractOne(key, choices, scorer=fuzz.token_sort_ratio, score_cutoff=cutoff)
    return Organization.objects.get(pk=found[2]) if found else None


def contact_match(*, email: str | None, phone: str | None) -> ContactDetail | None:
    values = [v.strip() for v in (email, phone) if v]
    if not values:
        return None
    return ContactDetail.objects.filter(value__in=values).select_related("person", "organization").first()


def suggestion_match(suggestion: Suggestion) -> models.Model | None:
    """The existing record the suggestion proposes to merge into, or None if it looks new."""
    from .kinds import kind_of

    return kind_of(suggestion.kind).match(suggestion.data)


def record_model(suggestion: Suggestion) -> type[models.Model]:
    """The model of the records a suggestion of this kind creates or merges into."""
    from .kinds import kind_of

    return kind_of(suggestion.kind).model


def merge_target_get(suggestion: Suggestion, pk: int) -> models.Model | None:
    """A record of the suggestion's kind chosen by the editor to merge into."""
    return record_model(suggestion)._default_manager.filter(pk=pk).first()


def merge_targets(suggestion: Suggestion, query: str, *, limit: int = SEARCH_LIMIT) -> list[models.Model]:
    """Records of the suggestion's kind whose name contains `query` (the editor's search for a
    record to merge into)."""
    from .kinds import kind_of

    query = " ".join(query.split())
    if len(query) < 2:
        return []
    return list(kind_of(suggestion.kind).search(query)[:limit])


# --- search, per kind of record ----------------------------------------------------------------


def partnership_search(query: str) -> QuerySet[Partnership]:
    """Partnerships with a member place whose name contains every word of `query`."""
    found = Partnership.objects.all()
    for word in query.replace("–", " ").replace("-", " ").split():
        found = found.filter(members__place__name__icontains=word)
    return found.distinct().prefetch_related("members__place").order_by("member_key", "kind")


def person_search(query: str) -> QuerySet[Person]:
    return Person.objects.filter(name__icontains=query).order_by("name")


def organization_search(query: str) -> QuerySet[Organization]:
    return Organization.objects.filter(
        models.Q(name__icontains=query) | models.Q(short_name__icontains=query)
    ).order_by("name")


def activity_search(query: str) -> QuerySet[Activity]:
    return Activity.objects.filter(title__icontains=query).select_related("place").order_by("-start", "title")


def contact_search(query: str) -> QuerySet[ContactDetail]:
    return (
        ContactDetail.objects.filter(
            models.Q(value__icontains=query)
            | models.Q(person__name__icontains=query)
            | models.Q(organization__name__icontains=query)
        )
        .select_related("person", "organization")
        .order_by("value")
    )
