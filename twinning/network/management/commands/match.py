import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from twinning.core.errors import TwinningError
from twinning.network.matching import MODES, match_for_place
from twinning.network.selectors import place_in_network


class Command(BaseCommand):
    help = "Rank places for a new partnership (mode partner) or for learning from peers (mode peer), with reasons."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name", help="place name or GeoNames id")
        parser.add_argument("--topic", help="only places working on this topic (slug)")
        parser.add_argument("--country", help="only candidates in this country (ISO code)")
        parser.add_argument("--in-country", dest="in_country", help="ISO code to tell equally named places apart")
        parser.add_argument("--mode", choices=MODES, default="partner")
        parser.add_argument("--limit", type=int, default=10)
        parser.add_argument("--json", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            place = place_in_network(options["name"], country=options["in_country"])
            results = match_for_place(
                place,
                mode=options["mode"],
                topic=options["topic"],
                country=options["country"],
                limit=options["limit"],
            )
        except TwinningError as error:
            raise CommandError(f"match: {error}") from error
        if options["json"]:
            self.stdout.write(json.dumps(results, ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"{place.name} ({place.country_id}), mode {options['mode']}:")
        for i, item in enumerate(results, 1):
            p = item["place"]
            self.stdout.write(f"{i:3d}. {p['name']} ({p['country']}) {item['score']:.1f}")
            for reason in item["reasons"]:
                self.stdout.write(f"       - {reason}")
