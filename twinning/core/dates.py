"""Dates with a precision: "1986", "1986-05" or "1986-05-23". Stored as a date plus its precision."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from django.utils import formats
from django.utils.translation import gettext as _

from .errors import ValidationFailed

_ISO = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


@dataclass(frozen=True, order=True)
class PartialDate:
    value: date
    precision: str  # "year" | "month" | "day"

    @classmethod
    def parse(cls, text: str | int | date | None, *, where: str = "") -> PartialDate | None:
        """Parse "1986", "1986-05", "1986-05-23" (or a date, or a year as int)."""
        if text is None or text == "":
            return None
        if isinstance(text, date):
            return cls(text, "day")
        match = _ISO.match(str(text).strip())
        if not match:
            raise ValidationFailed(
                _("%(value)r is not a date like 1986, 1986-05 or 1986-05-23") % {"value": text},
                where=where,
            )
        year, month, day = match.groups()
        try:
            if day:
                return cls(date(int(year), int(month), int(day)), "day")
            if month:
                return cls(date(int(year), int(month), 1), "month")
            return cls(date(int(year), 1, 1), "year")
        except ValueError as error:
            raise ValidationFailed(
                _("%(value)r is not a valid date: %(error)s") % {"value": text, "error": error},
                where=where,
            ) from error

    @classmethod
    def from_fields(cls, value: date | None, precision: str | None) -> PartialDate | None:
        """The partial date stored in a model's (date, precision) pair of fields."""
        return None if value is None else cls(value, precision or "day")

    @staticmethod
    def to_fields(partial: PartialDate | None, prefix: str) -> dict[str, date | str | None]:
        """The model fields `prefix` and `prefix_precision` holding `partial` (None: no date, "day")."""
        return {
            prefix: partial.value if partial else None,
            f"{prefix}_precision": partial.precision if partial else "day",
        }

    def iso(self) -> str:
        if self.precision == "year":
            return f"{self.value.year:04d}"
        if self.precision == "month":
            return f"{self.value.year:04d}-{self.value.month:02d}"
        return self.value.isoformat()

    def last_day(self) -> date:
        """The latest day this partial date may mean (for ranges and "is it over yet")."""
        if self.precision == "year":
            return date(self.value.year, 12, 31)
        if self.precision == "month":
            return date(
                self.value.year,
                self.value.month,
                calendar.monthrange(self.value.year, self.value.month)[1],
            )
        return self.value

    def display(self) -> str:
        if self.precision == "year":
            return str(self.value.year)
        if self.precision == "month":
            return formats.date_format(self.value, "YEAR_MONTH_FORMAT")
        return formats.date_format(self.value, "DATE_FORMAT")

    def __str__(self) -> str:
        return self.iso()
