import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from twinning.places.index import Match
from twinning.places.selectors import place_resolve


def match_as_json(match: Match) -> dict[str, Any]:
    place = match.place
    return {
        "geonameid": place.geonameid,
        "place_id": place.place_id,
        "name": place.name,
        "country": place.country or None,
        "admin1": place.admin1 or None,
        "kind": place.kind,
        "population": place.population,
        "lat": place.lat,
        "lon": place.lon,
        "score": match.score,
        "matched": match.matched_name,
        "how": match.how,
    }


class Command(BaseCommand):
    help = "Resolve a place name to gazetteer entries, best first."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name")
        parser.add_argument("--country", help="ISO 3166-1 alpha-2 code the place must be in")
        parser.add_argument("--near", metavar="PLACE", help="prefer places close to this place")
        parser.add_argument("--limit", type=int, default=5)
        parser.add_argument("--json", action="store_true", help="print a JSON list")

    def handle(self, *args: Any, **options: Any) -> None:
        name: str = options["name"].strip()
        if not name:
            raise CommandError("resolve: the name is empty.")
        if options["limit"] < 1:
            raise CommandError("resolve: --limit must be at least 1.")
        country = options["country"]
        if country is not None and (len(country) != 2 or not country.isalpha()):
            raise CommandError(f"resolve: --country {country!r} is not an ISO 3166-1 alpha-2 code (e.g. DE, US).")
        near = None
        if options["near"]:
            anchors = place_resolve(options["near"], limit=1)
            if not anchors or anchors[0].place.lat is None:
                raise CommandError(f"resolve: --near {options['near']!r} is not a known place.")
            near = (anchors[0].place.lat, anchors[0].place.lon or 0.0)
        matches = place_resolve(name, country=country, near=near, limit=options["limit"])
        if options["json"]:
            self.stdout.write(json.dumps([match_as_json(m) for m in matches], ensure_ascii=False, indent=2))
            return
        if not matches:
            where = f" in {country.upper()}" if country else ""
            raise CommandError(f"resolve: no place called {name!r}{where} in the gazetteer.")
        for m in matches:
            p = m.place
            self.stdout.write(
                f"{p.geonameid or '-':>9}  {p.name}, {p.admin1 or '-'}, {p.country or '?'}  "
                f"pop {p.population:,}  ({p.lat}, {p.lon})  score {m.score:.3f} [{m.how}: {m.matched_name}]"
            )
