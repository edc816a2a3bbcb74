"""Funding programmes' rules as data: one YAML file per programme in `data/funders/`, validated
by pydantic on load. Another programme is another file (its slug is the file's `slug`).

A rule names a measure (see `eligibility.MEASURES`) and a minimum and/or maximum.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any, Literal

import yaml
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from twinning.core.errors import NotFound, ValidationFailed

FUNDERS_DIR = Path(__file__).resolve().parent / "data" / "funders"

Measure = Literal["participants", "invited", "countries", "eu_countries", "days", "participants_per_day"]


class Text(BaseModel):
    """A text in German and English."""

    model_config = ConfigDict(extra="forbid")
    de: str
    en: str

    def __str__(self) -> str:
        return self.de if (get_language() or "de").startswith("de") else self.en


class Rule(BaseModel):
    model_config = ConfigDict(extra="forbid")
    key: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    measure: Measure
    min: int | None = Field(default=None, ge=0)
    max: int | None = Field(default=None, ge=0)
    label: Text

    @model_validator(mode="after")
    def _bounded(self) -> Rule:
        if self.min is None and self.max is None:
            raise ValueError(f"rule {self.key!r} needs min or max")
        return self


class Documents(BaseModel):
    model_config = ConfigDict(extra="forbid")
    signature_lists: bool = False
    programme: bool = False
    participants_per_country: bool = False


class Programme(BaseModel):
    """A funding programme: its name, funder, retention period and rules."""

    model_config = ConfigDict(extra="forbid")
    slug: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    name: Text
    funder: Text
    source: str
    retention_years: int = Field(ge=0, le=30)
    rules: list[Rule] = Field(min_length=1)
    documents: Documents = Documents()

    @model_validator(mode="after")
    def _unique_keys(self) -> Programme:
        keys = [rule.key for rule in self.rules]
        if len(keys) != len(set(keys)):
            raise ValueError("rule keys must be unique")
        return self


def load_programme(path: Path) -> Programme:
    """One programme file, validated; ValidationFailed naming the file and the field otherwise."""
    try:
        data: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
        return Programme.model_validate(data)
    except yaml.YAMLError as error:
        raise ValidationFailed(_("not valid YAML: %(error)s") % {"error": error}, where=path.name) from None
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise ValidationFailed(f"{where}: {first['msg']}", where=path.name) from None


@cache
def programmes() -> dict[str, Programme]:
    """Every funding programme of `data/funders/`, by slug."""
    found = [load_programme(path) for path in sorted(FUNDERS_DIR.glob("*.yaml"))]
    return {programme.slug: programme for programme in found}


def programme_get(slug: str) -> Programme:
    try:
        return programmes()[slug]
    except KeyError:
        known = ", ".join(sorted(programmes()))
        raise NotFound(_("no funding programme %(slug)r (known: %(known)s)") % {"slug": slug, "known": known}) from None


def programme_choices() -> list[tuple[str, str]]:
    return [(slug, str(p.name)) for slug, p in sorted(programmes().items())]
