from django.core.management.base import BaseCommand, CommandError, CommandParser

from twinning.core.errors import TwinningError
from twinning.core.services import Actor
from twinning.demo.generate import world_generate


class Command(BaseCommand):
    help = (
        "Grow the registry for scale benchmarks: at --scale N about N×30,000 partnerships (look-alikes of the real "
        "ones), N×100,000 activities, N×20,000 articles with bodies and N×1,000 offices."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", type=int, default=1)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args: object, scale: int, seed: int, **options: object) -> None:
        try:
            report = world_generate(scale=scale, seed=seed, actor=Actor(via="cli:generate_world"))
        except TwinningError as error:
            raise CommandError(f"generate_world: {error}") from None
        self.stdout.write(
            f"scale {report.scale}: {report.partnerships:,} partnerships, {report.activities:,} activities, "
            f"{report.articles:,} articles, {report.offices:,} offices added"
        )
