"""A synthetic world for scale benchmarks, built from the real one multiplied: every real
partnership gets scale-1 look-alikes between towns of the same two countries and similar size;
activities, press articles (bodies made of real press sentences with the towns swapped) and
offices follow at fixed rates per scale unit. Written in bulk (this is a benchmark fixture, not
registry data): one audit entry records the run."""

from __future__ import annotations

import random
import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction

from twinning.activities.models import Activity
from twinning.core.errors import ValidationFailed
from twinning.core.models import Source
from twinning.core.services import Actor, audit_log
from twinning.offices.models import Office
from twinning.partnerships.models import Partnership, PartnershipMember
from twinning.places.models import Place
from twinning.press.models import Article


@dataclass(frozen=True)
class Rates:
    """Records per scale unit (the real world is about one unit of partnerships)."""

    partnerships: int = 30_000
    activities: int = 100_000
    articles: int = 20_000
    offices: int = 1_000


BATCH = 5_000
PRESS_TEXTS = Path(settings.BASE_DIR).parent / "shared" / "data" / "press" / "texts"
TITLES = {
    Activity.Kind.DELEGATION_TRIP: "Delegationsreise {a} nach {b}",
    Activity.Kind.SCHOOL_EXCHANGE: "Schüleraustausch {a} – {b}",
    Activity.Kind.VISIT: "Besuch aus {b} in {a}",
    Activity.Kind.CULTURAL_EVENT: "Kulturtage {b} in {a}",
    Activity.Kind.ANNIVERSARY: "Jubiläum der Partnerschaft {a} – {b}",
    Activity.Kind.EXPERT_EXCHANGE: "Fachaustausch {a} und {b}",
    Activity.Kind.PROJECT: "Kooperationsprojekt {a} – {b}",
    Activity.Kind.MEETING: "Partnerschaftstreffen {a} und {b}",
}


@dataclass
class WorldReport:
    scale: int
    partnerships: int = 0
    activities: int = 0
    articles: int = 0
    offices: int = 0


def _batched(rows: Iterator, size: int = BATCH) -> Iterator[list]:  # type: ignore[type-arg]
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class _Towns:
    """Towns per country sorted by population, to find a look-alike of a given size."""

    def __init__(self) -> None:
        self.by_country: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        rows = Place.objects.filter(country__isnull=False, population__gt=0).values_list(
            "country_id", "population", "pk", "name"
        )
        for country, population, pk, name in rows.iterator(chunk_size=20_000):
            self.by_country[country].append((population, pk, name))
        for towns in self.by_country.values():
            towns.sort()
        self.names = {pk: name for towns in self.by_country.values() for _p, pk, name in towns}

    def like(self, country: str, population: int, rng: random.Random) -> int | None:
        towns = self.by_country.get(country)
        if not towns:
            return None
        at = bisect_left(towns, (population, 0, ""))
        spread = max(3, len(towns) // 50)
        index = min(len(towns) - 1, max(0, at + rng.randint(-spread, spread)))
        return towns[index][1]


def _press_sentences() -> list[str]:
    sentences: list[str] = []
    if PRESS_TEXTS.is_dir():
        for path in sorted(PRESS_TEXTS.glob("*.txt")):
            text = path.read_text(encoding="utf-8", errors="replace")
            sentences += [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if 40 <= len(s.strip()) <= 400]
    return sentences or ["Die Städtepartnerschaft wurde mit einem Besuch der Delegation gefeiert."]


def _partnerships(
    scale: int, rates: Rates, rng: random.Random, towns: _Towns, report: WorldReport
) -> list[tuple[int, int, int]]:
    """Create the look-alike partnerships; returns (partnership id, place a, place b) of all."""
    real = list(
        PartnershipMember.objects.values_list(
            "partnership_id", "place_id", "place__country_id", "place__population"
        ).order_by("partnership_id", "place_id")
    )
    pairs: dict[int, list[tuple[int, str, int]]] = defaultdict(list)
    for partnership, place, country, population in real:
        pairs[partnership].append((place, country or "", population or 0))
    templates = [members for members in pairs.values() if len(members) == 2 and all(m[1] for m in members)]
    if not templates:
        raise ValidationFailed("no partnerships to multiply: load the demo or import the twin-town data first")
    wanted = max(0, rates.partnerships * scale - len(pairs))
    keys = set(Partnership.objects.values_list("member_key", flat=True))
    new: list[tuple[int, int]] = []
    while len(new) < wanted:
        (_pa, ca, na), (_pb, cb, nb) = rng.choice(templates)
        a, b = towns.like(ca, na, rng), towns.like(cb, nb, rng)
        if a is None or b is None or a == b:
            continue
        key = "-".join(str(pk) for pk in sorted((a, b)))
        if key in keys:
            continue
        keys.add(key)
        new.append((a, b))
    for batch in _batched(iter(new)):
        created = Partnership.objects.bulk_create(
            [
                Partnership(
                    kind=Partnership.Kind.TWINNING,
                    member_key="-".join(str(pk) for pk in sorted(pair)),
                    established=date(rng.randint(1950, 2025), 1, 1),
                    established_precision="year",
                )
                for pair in batch
            ]
        )
        PartnershipMember.objects.bulk_create(
            [
                PartnershipMember(partnership=partnership, place_id=place)
                for partnership, pair in zip(created, batch, strict=True)
                for place in pair
            ]
        )
        report.partnerships += len(created)
    members: dict[int, list[int]] = defaultdict(list)
    for partnership, place in PartnershipMember.objects.values_list("partnership_id", "place_id").iterator(20_000):
        members[partnership].append(place)
    return [(p, places[0], places[1]) for p, places in members.items() if len(places) == 2]


def _activities(
    scale: int, rates: Rates, rng: random.Random, towns: _Towns, pairs: list[tuple[int, int, int]], report: WorldReport
):  # type: ignore[no-untyped-def]
    kinds = list(TITLES)
    through_p = Activity.partnerships.through
    through_pl = Activity.places.through
    start = Activity.objects.count()

    def rows() -> Iterator[tuple[Activity, tuple[int, int, int]]]:
        for number in range(rates.activities * scale):
            pair = rng.choice(pairs)
            kind = rng.choice(kinds)
            a, b = towns.names.get(pair[1], "?"), towns.names.get(pair[2], "?")
            year = rng.randint(1960, 2026)
            precise = rng.random() < 0.7
            activity = Activity(
                title=TITLES[kind].format(a=a, b=b)[:300],
                slug=f"gen-{start + number}",
                kind=kind,
                start=date(year, rng.randint(1, 12), rng.randint(1, 28)) if precise else date(year, 1, 1),
                start_precision="day" if precise else "year",
                place_id=pair[1] if rng.random() < 0.5 else pair[2],
                participant_count=rng.choice([None, 12, 25, 40, 120]),
            )
            yield activity, pair

    for batch in _batched(rows()):
        created = Activity.objects.bulk_create([activity for activity, _pair in batch])
        through_p.objects.bulk_create(
            [through_p(activity_id=a.pk, partnership_id=pair[0]) for a, (_x, pair) in zip(created, batch, strict=True)]
        )
        through_pl.objects.bulk_create(
            [
                through_pl(activity_id=a.pk, place_id=place)
                for a, (_x, pair) in zip(created, batch, strict=True)
                for place in pair[1:]
            ]
        )
        report.activities += len(created)


def _articles(
    scale: int, rates: Rates, rng: random.Random, towns: _Towns, pairs: list[tuple[int, int, int]], report: WorldReport
):  # type: ignore[no-untyped-def]
    sentences = _press_sentences()
    start = Source.objects.count()
    through = Article.places.through

    def rows() -> Iterator[tuple[Source, Article, tuple[int, int, int]]]:
        for number in range(rates.articles * scale):
            pair = rng.choice(pairs)
            a, b = towns.names.get(pair[1], "?"), towns.names.get(pair[2], "?")
            body = " ".join(rng.sample(sentences, k=min(len(sentences), rng.randint(6, 14))))
            key = f"generated:{start + number}"
            title = f"Partnerschaft {a} – {b}: {rng.choice(list(TITLES.values())).format(a=a, b=b)}"[:500]
            source = Source(kind=Source.Kind.ARTICLE, key=key, title=title)
            article = Article(
                slug=f"gen-{start + number}",
                title=title,
                teaser=f"{a} und {b} pflegen ihre Städtepartnerschaft.",
                body=f"{a}. {body} {b}.",
                published=date(rng.randint(2000, 2026), rng.randint(1, 12), rng.randint(1, 28)),
                publisher_place_id=pair[1],
                is_public=True,
            )
            yield source, article, pair

    for batch in _batched(rows(), 2_000):
        sources = Source.objects.bulk_create([source for source, _a, _p in batch])
        articles = []
        for source, (_s, article, _p) in zip(sources, batch, strict=True):
            article.source = source
            articles.append(article)
        created = Article.objects.bulk_create(articles)
        through.objects.bulk_create(
            [
                through(article_id=article.pk, place_id=place)
                for article, (_s, _a, pair) in zip(created, batch, strict=True)
                for place in pair[1:]
            ],
            ignore_conflicts=True,
        )
        report.articles += len(created)


def _offices(scale: int, rates: Rates, towns: _Towns, pairs: list[tuple[int, int, int]], report: WorldReport) -> None:
    """Offices for the places with the most partnerships (each real place at most once)."""
    counts: dict[int, int] = defaultdict(int)
    for _p, a, b in pairs:
        counts[a] += 1
        counts[b] += 1
    taken = set(Office.objects.values_list("places", flat=True))
    chosen = [pk for pk, _n in sorted(counts.items(), key=lambda item: -item[1]) if pk not in taken][
        : rates.offices * scale
    ]
    through = Office.places.through
    start = Office.objects.count()
    for batch in _batched(iter(chosen)):
        created = Office.objects.bulk_create(
            [
                Office(name=f"Partnerschaftsbüro {towns.names.get(pk, pk)}", slug=f"gen-{start + i}-{pk}")
                for i, pk in enumerate(batch, start=report.offices)
            ]
        )
        through.objects.bulk_create(
            [through(office_id=o.pk, place_id=pk) for o, pk in zip(created, batch, strict=True)]
        )
        report.offices += len(created)


def world_generate(*, scale: int, seed: int = 1, actor: Actor, rates: Rates = Rates()) -> WorldReport:
    """Grow the registry to `scale` units (partnerships, activities, articles, offices). Run once on
    a fresh copy of the real world; it adds, it does not replace."""
    if scale < 1:
        raise ValidationFailed("--scale must be 1 or more")
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not secrets
    report = WorldReport(scale=scale)
    towns = _Towns()
    with transaction.atomic():
        pairs = _partnerships(scale, rates, rng, towns, report)
        _activities(scale, rates, rng, towns, pairs, report)
        _articles(scale, rates, rng, towns, pairs, report)
        _offices(scale, rates, towns, pairs, report)
        marker = Source.objects.create(
            kind=Source.Kind.DATASET,
            key=f"generated-world:{seed}:{Source.objects.count()}",
            title=f"Generated world, scale {scale}",
        )
        audit_log(actor=actor, action="world.generate", obj=marker, changes=asdict(report))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # the planner must know the new sizes (both databases)
    return report
