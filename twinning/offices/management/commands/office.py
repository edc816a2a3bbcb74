"""`twinning office create|add-member|list`: provision offices and their members."""

import json
from typing import Any

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError, CommandParser

from twinning.core.errors import TwinningError
from twinning.core.services import Actor
from twinning.offices.models import Office
from twinning.offices.selectors import office_as_dict, office_by_slug_or_name, office_list
from twinning.offices.services import membership_set, office_create
from twinning.places.models import Place


class Command(BaseCommand):
    help = "Offices that keep their own records: create one, add a member, list them."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, parser_class=type(parser))
        create = sub.add_parser("create", help="create an office with its places and/or region")
        create.add_argument("name")
        create.add_argument("--place", nargs="+", type=str, default=[], metavar="GEONAMEID", help="GeoNames ids")
        create.add_argument("--region", default="", help="a country (DE) or a state (DE-NW) for coordinators")
        create.add_argument("--kind", default=Office.Kind.CITY, choices=Office.Kind.values)
        add = sub.add_parser("add-member", help="give a user a role in an office")
        add.add_argument("office", help="the office's slug or name")
        add.add_argument("username")
        add.add_argument("--role", required=True, help="viewer, editor, reviewer or manager")
        listing = sub.add_parser("list", help="list offices with their places and members")
        listing.add_argument("--json", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        actor = Actor(via="cli:office")
        try:
            getattr(self, "handle_" + options["action"].replace("-", "_"))(options, actor)
        except TwinningError as error:
            raise CommandError(f"office {options['action']}: {error}") from error

    def handle_create(self, options: dict[str, Any], actor: Actor) -> None:
        places = []
        for raw in options["place"]:
            if not raw.isdigit():
                raise CommandError(f"office create: --place {raw!r} is not a GeoNames id (a number such as 2884509).")
            place = Place.objects.filter(geonameid=int(raw)).first()
            if place is None:
                raise CommandError(f"office create: no place with GeoNames id {raw} in the gazetteer.")
            places.append(place)
        office = office_create(
            name=options["name"], places=places, region=options["region"], kind=options["kind"], actor=actor
        )
        scope = ", ".join(p.name for p in places) + (f" region {office.region}" if office.region else "")
        self.stdout.write(f"Created office {office.name} ({office.slug}): {scope.strip()}")

    def handle_add_member(self, options: dict[str, Any], actor: Actor) -> None:
        key = options["office"]
        office = office_by_slug_or_name(key)
        if office is None:
            raise CommandError(f"office add-member: no office with slug or name {key!r}.")
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"office add-member: no user {options['username']!r} (create it first).")
        membership = membership_set(office=office, user=user, role=options["role"], actor=actor)
        self.stdout.write(f"{user.username} is {membership.role} of {office.name}")

    def handle_list(self, options: dict[str, Any], actor: Actor) -> None:
        offices = [office_as_dict(o) for o in office_list()]
        if options["json"]:
            self.stdout.write(json.dumps(offices, ensure_ascii=False, indent=2))
            return
        if not offices:
            self.stdout.write("No offices.")
        for office in offices:
            places = ", ".join(f"{p['name']} ({p['geonameid']})" for p in office["places"])
            region = f" region {office['region']}" if office["region"] else ""
            members = ", ".join(f"{m['username']} ({m['role']})" for m in office["members"]) or "no members"
            self.stdout.write(f"{office['slug']}: {office['name']} — {places}{region} — {members}")
