"""Reads for the review queue: pending suggestions by article, and the existing record each one matches."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

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


def _pending(*, kind: str | None = None, article_id: int | None = None) -> QuerySet[Suggestion]:
    pending = suggestions_pending()
    if kind:
        pending = pending.filter(kind=kind)
    if article_id is not None:
        pending = pending.filter(article_id=article_id)
    return pending


def review_queue(
    *, article_ids: list[int] | None = None, kind: str | None = None, article_id: int | None = None
) -> list[ArticleQueue]:
    """Articles with pending suggestions (of `kind`, of article `article_id`, if given), each with
    those suggestions in text order."""
    pending = _pending(kind=kind, article_id=article_id)
    articles = Article.objects.filter(pk__in=pending.values("article_id"))
    if article_ids is not None:
        articles = articles.filter(pk__in=article_ids)
    articles = articles.select_related("source", "publisher_place").prefetch_related(
        Prefetch("suggestions", queryset=pending.order_by("span_start", "pk"), to_attr="pending")
    )
    return [ArticleQueue(article=article, suggestions=list(article.pending)) for article in articles]


def pending_article_ids(*, kind: str | None = None, article_id: int | None = None) -> list[int]:
    """The articles with pending suggestions (of `kind`, if given), newest first."""
    pending = _pending(kind=kind, article_id=article_id)
    return list(
        Article.objects.filter(pk__in=pending.values("article_id"))
        .order_by("-published", "title", "pk")
        .values_list("pk", flat=True)
    )


def pending_counts(*, article_id: int | None = None) -> dict[str, int]:
    """Pending suggestions per kind (every kind, zero included), for the queue's filter."""
    counts = dict.fromkeys(Suggestion.Kind.values, 0)
    rows = _pending(article_id=article_id).values("kind").annotate(n=models.Count("pk")).values_list("kind", "n")
    counts.update(dict(rows))
    return counts


def pending_articles() -> list[tuple[int, str]]:
    """(id, title) of the articles with pending suggestions, newest first, for the queue's filter."""
    return list(
        Article.objects.filter(pk__in=suggestions_pending().values("article_id"))
        .order_by("-published", "title", "pk")
        .values_list("pk", "title")
    )


def suggestions_by_ids(ids: list[int]) -> list[Suggestion]:
    return list(Suggestion.objects.filter(pk__in=ids).select_related("article", "article__source").order_by("pk"))


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


ACTIVITY_TITLE_CUTOFF = 90.0


# Kinds of activity that one text may call by the other's name ("Besuch" for a delegation trip).
_ACTIVITY_FAMILIES = (
    {"visit", "delegation_trip", "reception"},
    {"meeting", "network_meeting", "expert_exchange", "conference"},
    {"anniversary", "cultural_event"},
)


def _kinds_related(a: str, b: str) -> bool:
    return any(a in family and b in family for family in _ACTIVITY_FAMILIES)


def activity_match(
    *, start: date | None, place: Place | None, kind: str, title: str = "", precision: str = "day"
) -> Activity | None:
    """The activity this one is: one that starts on `start` (within its month, season or year when
    that is all the text says) or runs over it, at the same place or of the same or a related kind,
    the best agreeing first; else one of the same title (in the same year, if both are dated)."""
    key = fold(title)
    if start is not None:
        if precision == "year":
            when = models.Q(start__year=start.year)
        elif precision in ("month", "season"):
            months = 3 if precision == "season" else 1
            last = date(start.year + (start.month + months - 1) // 12, (start.month + months - 1) % 12 + 1, 1)
            when = models.Q(start__gte=start, start__lt=last)
        else:
            when = models.Q(start=start) | models.Q(start__lte=start, end__gte=start)
        ranked = []
        for activity in Activity.objects.filter(when).select_related("place"):
            agree = 2.0 if place is not None and activity.place_id == place.pk else 0.0
            agree += 1.0 if activity.kind == kind else 0.5 if _kinds_related(activity.kind, kind) else 0.0
            if agree:
                similarity = fuzz.token_sort_ratio(key, fold(activity.title)) if key else 0.0
                ranked.append((agree, similarity, -activity.pk, activity))
        if ranked:
            return max(ranked, key=lambda item: item[:3])[3]
    if not key:
        return None
    titles = Activity.objects.all()
    if start is not None:
        titles = titles.filter(models.Q(start__isnull=True) | models.Q(start__year=start.year))
    choices = {pk: fold(name) for pk, name in titles.values_list("pk", "title")}
    found = process.extractOne(key, choices, scorer=fuzz.token_sort_ratio, score_cutoff=ACTIVITY_TITLE_CUTOFF)
    return Activity.objects.select_related("place").get(pk=found[2]) if found else None


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


# Words that do not tell organizations apart ("Staatskanzlei des Landes NRW" ~ "Staatskanzlei NRW").
_NAME_FILLERS = frozenset(
    "der die das des dem den und fur von vom zu zur zum in im am an bei e v ev the of and for at to de du la le".split()  # noqa: SIM905
)


def _name_words(name: str) -> frozenset[str]:
    return frozenset(word for word in re.findall(r"\w+", fold(name)) if word not in _NAME_FILLERS)


def organization_match(*, name: str, cutoff: float = ORGANIZATION_CUTOFF) -> Organization | None:
    """The organization `name` means: the same (short) name; else the closest name if close enough
    (rapidfuzz); else the one organization whose name (or short name) holds all the words of `name`
    or whose words `name` holds, with at least two words in common ("Deutsche Botschaft" →
    "Deutsche Botschaft Washington", "Staatskanzlei des Landes NRW" → short name "Staatskanzlei NRW")."""
    key = fold(name)
    if not key:
        return None
    words = _name_words(name)
    choices: dict[int, str] = {}
    containing: dict[int, float] = {}
    for pk, org_name, short_name in Organization.objects.values_list("pk", "name", "short_name"):
        choices[pk] = fold(org_name)
        if key in (choices[pk], fold(short_name or "")):
            return Organization.objects.get(pk=pk)
        for other in (org_name, short_name):
            other_words = _name_words(other or "")
            common = words & other_words
            if len(common) >= 2 and common in (words, other_words):
                containing[pk] = max(containing.get(pk, 0.0), len(common) / len(words | other_words))
    found = process.extractOne(key, choices, scorer=fuzz.token_sort_ratio, score_cutoff=cutoff)
    if found:
        return Organization.objects.get(pk=found[2])
    if containing:
        best = max(containing.values())
        winners = [pk for pk, share in containing.items() if share == best]
        if len(winners) == 1:
            return Organization.objects.get(pk=winners[0])
    return None


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


def pending_for_places(places: Any, *, limit: int = 50) -> list[Suggestion]:
    """Suggestions waiting from the press releases of these places (an office's dashboard)."""
    found = Suggestion.objects.filter(status=Suggestion.Status.PENDING, article__publisher_place__in=places)
    return list(found.select_related("article").order_by("article__published")[:limit])
