"""`twinning office create|add-member|list|token`: provision offices, their members and API tokens."""

import json
from typing import Any

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError, CommandParser

from twinning.core.errors import TwinningError
from twinning.core.services import Actor
from twinning.offices.models import Office
from twinning.offices.selectors import (
    api_token_as_dict,
    api_tokens_matching,
    api_tokens_of,
    office_as_dict,
    office_by_slug_or_name,
    office_list,
)
from twinning.offices.services import api_token_create, api_token_revoke, membership_set, office_create
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
        token = sub.add_parser("token", help="the office's API tokens (write access to the JSON API)")
        tokens = token.add_subparsers(dest="token_action", required=True, parser_class=type(parser))
        token_create = tokens.add_parser("create", help="create a token; its secret is printed once")
        token_create.add_argument("office", help="the office's slug or name")
        token_create.add_argument("--name", required=True, help="what the token is for (e.g. the city's CMS)")
        token_revoke = tokens.add_parser("revoke", help="revoke a token at once")
        token_revoke.add_argument("prefix", help="the token's prefix (as listed) or its whole secret")
        token_list = tokens.add_parser("list", help="list the tokens (never their secrets)")
        token_list.add_argument("office", nargs="?", help="only this office's tokens (slug or name)")
        token_list.add_argument("--json", action="store_true")

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

    def _office(self, key: str, action: str) -> Office:
        office = office_by_slug_or_name(key)
        if office is None:
            raise CommandError(f"office {action}: no office with slug or name {key!r}.")
        return office

    def handle_token(self, options: dict[str, Any], actor: Actor) -> None:
        action = options["token_action"]
        if action == "create":
            office = self._office(options["office"], "token create")
            token, secret = api_token_create(office=office, name=options["name"], actor=actor, where="--name")
            self.stdout.write(f"Token {token.prefix}… for {office.name} ({token.name}). Secret (shown only now):")
            self.stdout.write(secret)
        elif action == "revoke":
            key = options["prefix"]
            found = api_tokens_matching(key)
            if len(found) != 1:
                what = "no token" if not found else f"{len(found)} tokens"
                raise CommandError(f"office token revoke: {what} with prefix {key[:16]!r} (see `office token list`).")
            token = api_token_revoke(token=found[0], actor=actor)
            self.stdout.write(f"Revoked {token.prefix}… ({token.name}, {token.office.name})")
        else:
            only = self._office(options["office"], "token list") if options["office"] else None
            rows = [api_token_as_dict(t) for t in api_tokens_of(only)]
            if options["json"]:
                self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
                return
            if not rows:
                self.stdout.write("No tokens.")
            for row in rows:
                state = f"revoked {row['revoked_at']}" if row["revoked_at"] else "active"
                self.stdout.write(
                    f"{row['prefix']}… {row['office']}: {row['name']} ({state}, created {row['created_at']})"
                )

    def handle_add_member(self, options: dict[str, Any], actor: Actor) -> None:
        office = self._office(options["office"], "add-member")
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
