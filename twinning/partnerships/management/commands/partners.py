import json
from typing import Any, TypedDict

from django.core.management.base import BaseCommand, CommandError, CommandParser

from twinning.partnerships.selectors import partnership_list_for_place, partnership_partners, places_with_partnerships
from twinning.places.models import Place
from twinning.places.selectors import place_resolve


class _Partner(TypedDict):
    geonameid: int | None
    name: str
    country: str | None


class _Row(TypedDict):
    partner: _Partner
    kind: str
    since: str | None
    status: str


class Command(BaseCommand):
    help = "List the partnerships of a place: twin towns, friendships, project and climate partnerships."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name", help="the place, in any language (Krefeld, Dünkirchen, …)")
        parser.add_argument("--country", help="ISO 3166-1 alpha-2 code the place is in")
        parser.add_argument("--json", action="store_true", help="print a JSON list")

    def resolve(self, name: str, country: str | None) -> Place:
        if not name.strip():
            raise CommandError("partners: the name is empty.")
        if country is not None and (len(country) != 2 or not country.isalpha()):
            raise CommandError(f"partners: --country {country!r} is not an ISO 3166-1 alpha-2 code (e.g. DE, US).")
        matches = place_resolve(name, country=country, limit=5)
        if not matches:
            where = f" in {country.upper()}" if country else ""
            raise CommandError(f"partners: no place called {name!r}{where} in the gazetteer.")
        # Best match; among equally good matches, prefer one that has partnerships.
        best = matches[0]
        ties = [m for m in matches if m.score == best.score and m.how == best.how]
        ids = [m.place.place_id for m in ties]
        with_partners = places_with_partnerships(ids)
        chosen = next((m for m in ties if m.place.place_id in with_partners), best)
        return Place.objects.select_related("country").get(pk=chosen.place.place_id)

    def handle(self, *args: Any, **options: Any) -> None:
        place = self.resolve(options["name"], options["country"])
        rows: list[_Row] = []
        for partnership in partnership_list_for_place(place):
            since = partnership.since
            for partner in partnership_partners(partnership, place):
                rows.append(
                    {
                        "partner": {
                            "geonameid": partner.geonameid,
                            "name": partner.name,
                            "country": partner.country_id,
                        },
                        "kind": partnership.kind,
                        "since": since.iso() if since else None,
                        "status": partnership.status,
                    }
                )
        rows.sort(key=lambda row: (row["partner"]["name"], row["kind"]))
        if options["json"]:
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        label = f"{place.name} ({place.country_id}, GeoNames {place.geonameid})" if place.geonameid else str(place)
        if not rows:
            self.stdout.write(f"{label}: no partnerships recorded.")
            return
        self.stdout.write(f"Partnerships of {label}:")
        width = max(len(r["partner"]["name"]) for r in rows) + 5
        self.stdout.write(f"  {'partner':<{width}} {'kind':<11} {'since':<11} status")
        for row in rows:
            partner_label = f"{row['partner']['name']} ({row['partner']['country'] or '?'})"
            self.stdout.write(f"  {partner_label:<{width}} {row['kind']:<11} {row['since'] or '–':<11} {row['status']}")
