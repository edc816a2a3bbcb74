"""Reads about imports: how two datasets agree on the pairs they share."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType

from twinning.core.models import Citation
from twinning.partnerships.models import Partnership, PartnershipMember
from twinning.places.models import PlaceName


@dataclass
class Agreement:
    agree: int = 0
    disagree: int = 0
    examples: list[tuple[int, int, int]] = field(default_factory=list)  # (place, one's partner, other's partner)

    @property
    def share(self) -> float:
        total = self.agree + self.disagree
        return self.agree / total if total else 0.0


def dataset_agreement(source_a: str, source_b: str) -> Agreement:
    """How often two datasets link a pair they both contain to the same two places.

    Agreeing pairs are partnerships citing both sources. A disagreeing pair is one where, at a
    place both link alike, one dataset's partner and the other's are different places known by a
    common name (homonyms: the same pair in both files, linked differently on one side).
    """
    partnership_type = ContentType.objects.get_for_model(Partnership)
    cited: defaultdict[int, set[str]] = defaultdict(set)
    for object_id, key in Citation.objects.filter(
        content_type=partnership_type, source__key__in=[source_a, source_b]
    ).values_list("object_id", "source__key"):
        cited[object_id].add(key)
    members: defaultdict[int, list[int]] = defaultdict(list)
    for partnership_id, place_id in PartnershipMember.objects.filter(partnership_id__in=list(cited)).values_list(
        "partnership_id", "place_id"
    ):
        members[partnership_id].append(place_id)
    result = Agreement()
    only: dict[str, defaultdict[int, set[int]]] = {source_a: defaultdict(set), source_b: defaultdict(set)}
    for pk, keys in cited.items():
        places = members.get(pk, [])
        if len(places) != 2:
            continue
        if len(keys) == 2:
            result.agree += 1
            continue
        (key,) = keys
        only[key][places[0]].add(places[1])
        only[key][places[1]].add(places[0])
    involved = {p for side in only.values() for a, bs in side.items() for p in (a, *bs)}
    names: defaultdict[int, set[str]] = defaultdict(set)
    for place_id, key in PlaceName.objects.filter(place_id__in=involved).values_list("place_id", "key"):
        names[place_id].add(key)
    seen: set[frozenset[int]] = set()
    for place, partners_a in only[source_a].items():
        for partner_b in only[source_b].get(place, ()):
            for partner_a in partners_a:
                if partner_a != partner_b and names[partner_a] & names[partner_b]:
                    pair = frozenset((place, partner_b))
                    if pair not in seen:
                        seen.add(pair)
                        result.disagree += 1
                        if len(result.examples) < 20:
                            result.examples.append((place, partner_a, partner_b))
                    break
    return result
