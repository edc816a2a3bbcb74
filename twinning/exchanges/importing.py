"""The office's participant list from a CSV or XLSX file: every row is checked before anything is
written; a bad row names the file, the row and the column, and nothing is imported.

CSV goes through the one input reader (`core.files`: size limit, UTF-8 or a named encoding, the line
of a bad byte); XLSX through openpyxl, read-only, values not formulas.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from twinning.activities.models import Activity
from twinning.core.errors import ValidationFailed
from twinning.core.files import check_input, iter_csv
from twinning.core.services import Actor
from twinning.core.text import fold
from twinning.places.models import Country

from .models import ParticipantRole, Registration
from .services import ParticipantInput, Registered, registration_create

MAX_ROWS = 5000

# Our fields and the column names that mean them (folded: case, accents and punctuation do not count).
COLUMNS: dict[str, tuple[str, ...]] = {
    "given_name": ("given name", "given_name", "first name", "firstname", "vorname"),
    "family_name": ("family name", "family_name", "last name", "lastname", "surname", "nachname", "familienname"),
    "email": ("email", "e-mail", "e mail", "mail"),
    "home_town": ("home town", "home_town", "hometown", "town", "city", "wohnort", "heimatort", "ort", "stadt"),
    "country": ("country", "land", "staat"),
    "organization": ("organization", "organisation", "institution", "verein"),
    "role": ("role", "rolle", "funktion"),
    "days": ("days", "tage", "days attending", "teilnahmetage"),
    "dietary_needs": ("dietary needs", "dietary_needs", "diet", "ernahrung", "essen"),
    "accessibility_needs": ("accessibility needs", "accessibility_needs", "accessibility", "barrierefreiheit"),
    "consent_list": ("consent list", "consent_list", "consent", "einwilligung", "einwilligung liste"),
    "consent_public": ("consent public", "consent_public", "public", "einwilligung bericht", "offentlich"),
}
REQUIRED = ("given_name", "family_name")
ROLES = {
    **{fold(r.value): r.value for r in ParticipantRole},
    **{fold(str(r.label)): r.value for r in ParticipantRole},
    "gastgeber": "host",
    "gastgeberin": "host",
    "gast": "guest",
    "guest": "guest",
    "eingeladener gast": "guest",
    "dolmetscher": "interpreter",
    "dolmetscherin": "interpreter",
    "begleitperson": "accompanying",
    "begleitung": "accompanying",
}
YES = {"1", "x", "yes", "y", "ja", "j", "true", "wahr", "oui"}
NO = {"", "0", "no", "n", "nein", "false", "falsch", "non"}


@dataclass
class ImportResult:
    registered: int
    waiting: int
    rows: list[Registered]


def _column_map(header: list[str], *, where: str) -> dict[str, str]:
    """Our field → the file's column; unknown columns are refused (a typo would lose data)."""
    aliases = {fold(alias): ours for ours, names in COLUMNS.items() for alias in names}
    found: dict[str, str] = {}
    for column in header:
        if not (column or "").strip():
            continue
        ours = aliases.get(fold(column))
        if ours is None:
            raise ValidationFailed(
                _("unknown column %(column)r (known: %(known)s)")
                % {"column": column, "known": ", ".join(names[0] for names in COLUMNS.values())},
                where=where,
            )
        if ours in found:
            raise ValidationFailed(
                _("the columns %(a)r and %(b)r mean the same") % {"a": found[ours], "b": column}, where=where
            )
        found[ours] = column
    missing = [field for field in REQUIRED if field not in found]
    if missing:
        raise ValidationFailed(_("missing column %(column)r") % {"column": COLUMNS[missing[0]][0]}, where=where)
    return found


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _xlsx_rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """(row number, row) like `core.files.iter_csv`: first (0, header)."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise ValidationFailed(_("not a readable XLSX file (%(error)s)") % {"error": error}, where=str(path)) from error
    try:
        sheet = book.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = [_text(cell) for cell in next(rows, ())]
        yield 0, {name: name for name in header}
        for number, row in enumerate(rows, start=2):
            values = [_text(cell) for cell in row]
            if not any(values):
                continue
            yield number, {header[i]: values[i] for i in range(min(len(header), len(values))) if header[i]}
    finally:
        book.close()


def _rows(path: Path, *, encoding: str | None) -> Iterator[tuple[int, dict[str, str]]]:
    check_input(path)
    if path.suffix.lower() == ".xlsx":
        return _xlsx_rows(path)
    if path.suffix.lower() in {".xls", ".ods", ".numbers"}:
        raise ValidationFailed(_("save the sheet as CSV or XLSX first"), where=str(path))
    return iter_csv(path, encoding=encoding)


def _countries() -> dict[str, str]:
    """Folded name or code → ISO code, in English and German (CLDR via the model's display name)."""
    from django.utils import translation

    names: dict[str, str] = {}
    for country in Country.objects.all():
        names[fold(country.code)] = country.code
        names[fold(country.name)] = country.code
        if country.iso3:
            names[fold(country.iso3)] = country.code
        for language in ("de", "en", "fr"):
            with translation.override(language):
                names.setdefault(fold(str(country.display_name)), country.code)
    return names


def _bool(value: str, *, where: str, column: str) -> bool:
    key = fold(value)
    if key in YES:
        return True
    if key in NO:
        return False
    raise ValidationFailed(
        _("column %(column)r: %(value)r is not yes or no") % {"column": column, "value": value}, where=where
    )


def _day(value: str, *, where: str, column: str) -> dt.date:
    for parse in (dt.date.fromisoformat, lambda v: dt.datetime.strptime(v, "%d.%m.%Y").date()):
        try:
            return parse(value)
        except ValueError:
            continue
    raise ValidationFailed(
        _("column %(column)r: %(value)r is not a date (2026-06-12 or 12.06.2026)") % {"column": column, "value": value},
        where=where,
    )


def _participant(
    row: dict[str, str], columns: dict[str, str], *, where: str, countries: dict[str, str]
) -> ParticipantInput:
    def cell(field: str) -> str:
        return (row.get(columns[field]) or "").strip() if field in columns else ""

    for field, column in columns.items():
        if len(cell(field)) > 300:
            raise ValidationFailed(_("column %(column)r: at most 300 characters") % {"column": column}, where=where)
    country = ""
    if cell("country"):
        country = countries.get(fold(cell("country")), "")
        if not country:
            raise ValidationFailed(
                _("column %(column)r: unknown country %(value)r")
                % {"column": columns["country"], "value": cell("country")},
                where=where,
            )
    role = ParticipantRole.GUEST.value
    if cell("role"):
        found = ROLES.get(fold(cell("role")))
        if found is None:
            raise ValidationFailed(
                _("column %(column)r: unknown role %(value)r (host, guest, interpreter, accompanying)")
                % {"column": columns["role"], "value": cell("role")},
                where=where,
            )
        role = found
    days = [
        _day(part.strip(), where=where, column=columns["days"])
        for part in cell("days").replace(";", ",").split(",")
        if part.strip()
    ]
    consent_list = (
        _bool(cell("consent_list"), where=where, column=columns["consent_list"]) if "consent_list" in columns else False
    )
    if not consent_list:
        raise ValidationFailed(
            _("column %(column)r: the participant's consent to the list's purposes is required")
            % {"column": columns.get("consent_list", COLUMNS["consent_list"][0])},
            where=where,
        )
    return ParticipantInput(
        given_name=cell("given_name"),
        family_name=cell("family_name"),
        email=cell("email"),
        home_place_text=cell("home_town"),
        country_code=country,
        organization=cell("organization"),
        role=role,
        days=days,
        dietary_needs=cell("dietary_needs"),
        accessibility_needs=cell("accessibility_needs"),
        consent_list=consent_list,
        consent_public=_bool(cell("consent_public"), where=where, column=columns["consent_public"])
        if "consent_public" in columns
        else False,
    )


@transaction.atomic
def participants_import(
    *, activity: Activity, path: Path, actor: Actor, name: str = "", encoding: str | None = None
) -> ImportResult:
    """Register every participant of the file (seats first, then the waiting list), or none."""
    label = name or path.name
    columns: dict[str, str] = {}
    countries = _countries()
    people: list[tuple[str, ParticipantInput]] = []
    try:
        for number, row in _rows(path, encoding=encoding):
            if number == 0:
                columns = _column_map(list(row), where=f"{label}, " + _("header"))
                continue
            where = f"{label}, " + _("row %(n)s") % {"n": number}
            if len(people) >= MAX_ROWS:
                raise ValidationFailed(_("more than %(n)s rows") % {"n": MAX_ROWS}, where=where)
            if None in row:  # csv.DictReader puts surplus cells under None
                raise ValidationFailed(_("more cells than columns"), where=where)
            people.append((where, _participant(row, columns, where=where, countries=countries)))
    except ValidationFailed as error:
        if error.where.startswith(str(path)):  # core.files names the stored path: name the upload instead
            error = ValidationFailed(error.message, where=error.where.replace(str(path), label, 1))
        raise error from None
    if not columns:
        raise ValidationFailed(_("the file is empty"), where=label)
    if not people:
        raise ValidationFailed(_("the file has a header but no participants"), where=label)
    done = [
        registration_create(activity=activity, data=data, actor=actor, channel=Registration.Channel.IMPORT, where=where)
        for where, data in people
    ]
    waiting = sum(1 for r in done if r.registration.status == Registration.Status.WAITING)
    return ImportResult(registered=len(done) - waiting, waiting=waiting, rows=done)
