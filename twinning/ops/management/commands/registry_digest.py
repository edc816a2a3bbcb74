import json

from django.core.management.base import BaseCommand

from twinning.ops.backup import registry_digest


class Command(BaseCommand):
    help = "Print a SHA-256 per table over every row (compare two databases, e.g. after a restore)."

    def handle(self, *args: object, **options: object) -> None:
        self.stdout.write(json.dumps(registry_digest(), indent=2, sort_keys=True))
