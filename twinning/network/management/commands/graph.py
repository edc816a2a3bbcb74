import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from twinning.core.errors import TwinningError
from twinning.network.selectors import network_partners, network_path, network_stats, place_in_network


class Command(BaseCommand):
    help = "The partnership network: partners of partners, the path between two places, statistics."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        partners = sub.add_parser("partners", help="a place's partners and partners of partners")
        partners.add_argument("name")
        partners.add_argument("--depth", type=int, default=2)
        partners.add_argument("--country", help="ISO code to tell equally named places apart")
        partners.add_argument("--json", action="store_true")
        path = sub.add_parser("path", help="a chain of partnerships from A to B")
        path.add_argument("a")
        path.add_argument("b")
        path.add_argument("--json", action="store_true")
        stats = sub.add_parser("stats", help="nodes, edges, components, hubs, communities")
        stats.add_argument("--country")
        stats.add_argument("--top", type=int, default=10)
        stats.add_argument("--json", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            getattr(self, f"_{options['action']}")(options)
        except TwinningError as error:
            raise CommandError(f"graph {options['action']}: {error}") from error

    def _out(self, data: Any) -> None:
        self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str))

    def _partners(self, options: dict[str, Any]) -> None:
        if not 1 <= options["depth"] <= 4:
            raise CommandError("graph partners: --depth must be between 1 and 4.")
        place = place_in_network(options["name"], country=options["country"])
        partners = network_partners(place, depth=options["depth"])
        if options["json"]:
            self._out(
                {
                    "place": {"geonameid": place.geonameid, "name": place.name, "country": place.country_id},
                    "partners": partners,
                }
            )
            return
        self.stdout.write(f"{place} — {len(partners)} places within {options['depth']} partnerships")
        for p in partners:
            self.stdout.write(f"  {p['distance']}  {p['name']} ({p['country'] or '?'}, {p['geonameid'] or '-'})")

    def _path(self, options: dict[str, Any]) -> None:
        a, b = place_in_network(options["a"]), place_in_network(options["b"])
        steps = network_path(a, b)
        if steps is None:
            raise CommandError(f"graph path: {a} and {b} are not connected by partnerships.")
        if options["json"]:
            self._out(steps)
            return
        self.stdout.write(" → ".join(f"{s['name']} ({s['country']})" for s in steps))

    def _stats(self, options: dict[str, Any]) -> None:
        country = options["country"]
        if country is not None and (len(country) != 2 or not country.isalpha()):
            raise CommandError(f"graph stats: --country {country!r} is not an ISO 3166-1 alpha-2 code.")
        stats = network_stats(country=country, top=options["top"])
        if options["json"]:
            self._out(stats)
            return
        self.stdout.write(
            f"{stats['nodes']} places, {stats['edges']} partnerships, {stats['components']} components "
            f"(largest {stats['largest_component']}), {stats['communities']} communities"
        )
        self.stdout.write("Top by degree: " + ", ".join(f"{p['name']} ({p['degree']})" for p in stats["top_degree"]))
        self.stdout.write(
            "Top by betweenness: "
            + ", ".join(f"{p['name']} ({p['betweenness']:.4f})" for p in stats["top_betweenness"])
        )
