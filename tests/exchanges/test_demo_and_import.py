"""The demo exchange (Dunkirk's visit to Krefeld, 60 generated participants), the CSV/XLSX import and
the `twinning exchanges` command."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from twinning.core.errors import ValidationFailed
from twinning.core.models import AuditEntry
from twinning.demo.exchange import SLUG
from twinning.exchanges import selectors
from twinning.exchanges.importing import participants_import
from twinning.exchanges.models import Registration

from .conftest import ACTOR

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_exchange(gazetteer: None) -> Any:
    out = StringIO()
    call_command("demo", stdout=out, stderr=StringIO(), verbosity=0)
    assert "Demo exchange: 60 participants registered." in out.getvalue()
    return selectors.registration_settings_by_slug(SLUG)


def test_demo_exchange_has_cerv_shaped_figures(demo_exchange: Any) -> None:
    activity = demo_exchange.activity
    assert selectors.registered_count(activity) == 60
    assert dict(selectors.counts_by_country(activity)) == {"FR": 36, "DE": 20, "NL": 4}
    assert selectors.invited_from_abroad(activity).count() == 40
    roles = selectors.counts_by_role(activity)
    assert roles == {"host": 20, "guest": 35, "interpreter": 2, "accompanying": 3}
    dunkirk = Registration.objects.filter(activity=activity, home_place__geonameid=3020686)
    assert dunkirk.count() >= 10  # "Dünkirchen" and "Dunkerque" both resolve to the one place
    assert set(selectors.counts_by_day(activity)) == {dt.date(2027, 5, 14), dt.date(2027, 5, 15), dt.date(2027, 5, 16)}
    assert 0 < selectors.public_summary(activity).names.__len__() < 60
    again = StringIO()
    call_command("demo", stdout=again, verbosity=0)  # idempotent
    assert selectors.registered_count(activity) == 60 and "Demo exchange" not in again.getvalue()


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_csv_import_registers_everyone(registration: Any, tmp_path: Path) -> None:
    registration.capacity = None
    registration.save()
    path = write(
        tmp_path / "liste.csv",
        "Vorname;Nachname;Wohnort;Land;Rolle;Tage;Einwilligung Liste;Einwilligung Bericht\n"
        "Marie;Leroy;Dünkirchen;FR;Gast;12.06.2026, 13.06.2026;ja;nein\n"
        "Jan;Schmitz;Krefeld;DE;Gastgeber;;ja;ja\n",
    )
    result = participants_import(activity=registration.activity, path=path, actor=ACTOR)
    assert (result.registered, result.waiting) == (2, 0)
    marie = Registration.objects.get(family_name="Leroy")
    assert (marie.country_id, marie.role, marie.days, marie.channel) == (
        "FR",
        "guest",
        ["2026-06-12", "2026-06-13"],
        "import",
    )
    assert Registration.objects.get(family_name="Schmitz").days == ["2026-06-12", "2026-06-13", "2026-06-14"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Vorname;Nachname;Hobby\nA;B;x\n", "header: unknown column 'Hobby'"),
        ("Vorname;Wohnort\nA;B\n", "missing column 'family name'"),
        ("Vorname;Nachname;Einwilligung Liste\nA;B;ja\nC;D;nein\n", "row 3: column 'Einwilligung Liste'"),
        ("Vorname;Nachname;Land;Einwilligung Liste\nA;B;Atlantis;ja\n", "row 2: column 'Land': unknown country"),
        ("Vorname;Nachname;Tage;Einwilligung Liste\nA;B;gestern;ja\n", "row 2: column 'Tage'"),
        ("Vorname;Nachname;Rolle;Einwilligung Liste\nA;B;Bürgermeister;ja\n", "row 2: column 'Rolle': unknown role"),
        ("Vorname;Nachname;E-Mail;Einwilligung Liste\nA;B;kein-mail;ja\n", "row 2: e-mail"),
        ("Vorname;Nachname;Einwilligung Liste\n", "no participants"),
    ],
)
def test_bad_csv_names_row_and_column_and_writes_nothing(
    registration: Any, tmp_path: Path, text: str, message: str
) -> None:
    path = write(tmp_path / "liste.csv", text)
    with pytest.raises(ValidationFailed) as error:
        participants_import(activity=registration.activity, path=path, actor=ACTOR)
    assert message in str(error.value) and "liste.csv" in str(error.value)
    assert not Registration.objects.exists()


def test_latin1_csv_is_refused_with_the_line(registration: Any, tmp_path: Path) -> None:
    path = tmp_path / "liste.csv"
    path.write_bytes("Vorname;Nachname;Einwilligung Liste\nJürgen;Müller;ja\n".encode("latin-1"))
    with pytest.raises(ValidationFailed, match="line 2"):
        participants_import(activity=registration.activity, path=path, actor=ACTOR)
    result = participants_import(activity=registration.activity, path=path, actor=ACTOR, encoding="latin-1")
    assert result.registered == 1 and Registration.objects.get().given_name == "Jürgen"


def test_xlsx_import_and_bad_xlsx(registration: Any, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["Given name", "Family name", "Home town", "Days", "Consent list"])
    sheet.append(["Marie", "Leroy", "Dunkerque", dt.datetime(2026, 6, 12), "yes"])
    sheet.append([None, None, None, None, None])
    sheet.append(["Luc", "Dubois", "Dunkerque", None, "x"])
    book.save(tmp_path / "list.xlsx")
    result = participants_import(activity=registration.activity, path=tmp_path / "list.xlsx", actor=ACTOR)
    assert result.registered == 2
    assert Registration.objects.get(family_name="Leroy").home_place.geonameid == 3020686
    (tmp_path / "broken.xlsx").write_bytes(b"not a zip")
    with pytest.raises(ValidationFailed, match="XLSX"):
        participants_import(activity=registration.activity, path=tmp_path / "broken.xlsx", actor=ACTOR)


def test_command_import_purge_and_bad_input(registration: Any, tmp_path: Path) -> None:
    path = write(tmp_path / "liste.csv", "Vorname;Nachname;Einwilligung Liste\nMarie;Leroy;ja\n")
    out = StringIO()
    call_command("exchanges", "import", registration.activity.slug, str(path), stdout=out)
    assert "1 registered" in out.getvalue()
    with pytest.raises(CommandError, match="no-such"):
        call_command("exchanges", "import", "no-such", str(path))
    with pytest.raises(CommandError, match="no such file"):
        call_command("exchanges", "import", registration.activity.slug, str(tmp_path / "missing.csv"))
    with pytest.raises(CommandError, match="not a date"):
        call_command("exchanges", "purge", "--today", "soon")
    out = StringIO()
    call_command("exchanges", "purge", "--today", "2031-06-15", "--dry-run", stdout=out)
    assert "would delete 1 participants" in out.getvalue() and Registration.objects.count() == 1
    call_command("exchanges", "purge", "--today", "2031-06-15", stdout=StringIO())
    assert not Registration.objects.exists()
    assert AuditEntry.objects.filter(action="registrations.purge", via="cli:exchanges").count() == 1
