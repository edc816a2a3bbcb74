"""`twinning office create|add-member|list` on the real gazetteer: bad input exits non-zero, names
the problem and writes nothing."""

import json
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from twinning.core.models import AuditEntry
from twinning.offices.models import Membership, Office

pytestmark = pytest.mark.django_db

KREFELD, DARMSTADT = 2884509, 2938913


def run(*args: str) -> str:
    out = StringIO()
    call_command("office", *args, stdout=out)
    return out.getvalue()


def test_create_add_member_and_list_json(gazetteer: None) -> None:
    User.objects.create_user("krefeld-editor", password="x-long-passphrase-1")
    assert "Created office" in run("create", "Stadt Krefeld, Internationales", "--place", str(KREFELD))
    run("create", "Wissenschaftsstadt Darmstadt", "--place", str(DARMSTADT))
    run("create", "Staatskanzlei NRW", "--region", "DE-NW", "--kind", "state")
    run("add-member", "stadt-krefeld-internationales", "krefeld-editor", "--role", "editor")
    listed = json.loads(run("list", "--json"))
    by_slug = {o["slug"]: o for o in listed}
    krefeld = by_slug["stadt-krefeld-internationales"]
    assert krefeld["name"] == "Stadt Krefeld, Internationales"
    assert krefeld["places"] == [{"geonameid": KREFELD, "name": "Krefeld", "country": "DE"}]
    assert krefeld["members"] == [{"username": "krefeld-editor", "role": "editor"}]
    assert by_slug["staatskanzlei-nrw"]["region"] == "DE-07"
    assert by_slug["wissenschaftsstadt-darmstadt"]["members"] == []
    assert AuditEntry.objects.filter(action="office.create", via="cli:office").count() == 3
    assert AuditEntry.objects.filter(action="membership.add").count() == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["create", "Nowhere", "--place", "999999999"], "no place with GeoNames id 999999999"),
        (["create", "Nowhere", "--place", "krefeld"], "'krefeld' is not a GeoNames id"),
        (["create", "Nowhere", "--region", "XX"], "unknown region 'XX'"),
        (["create", "Nowhere", "--region", "DE-ZZ"], "unknown region 'DE-ZZ'"),
        (["create", "Nowhere"], "needs a scope"),
        (["add-member", "krefeld", "nobody", "--role", "editor"], "no user 'nobody'"),
        (["add-member", "nosuch-office", "editor", "--role", "editor"], "no office with slug or name 'nosuch-office'"),
        (["add-member", "krefeld", "editor", "--role", "admin"], "unknown role 'admin'"),
    ],
)
def test_bad_input_exits_with_message_and_writes_nothing(gazetteer: None, args: list[str], message: str) -> None:
    User.objects.create_user("editor", password="x-long-passphrase-1")
    run("create", "Krefeld", "--place", str(KREFELD))
    offices, members, audit = Office.objects.count(), Membership.objects.count(), AuditEntry.objects.count()
    with pytest.raises(CommandError, match=message):
        run(*args)
    assert (Office.objects.count(), Membership.objects.count(), AuditEntry.objects.count()) == (offices, members, audit)


def test_list_without_offices() -> None:
    assert json.loads(run("list", "--json")) == []
    assert run("list").strip() == "No offices."
