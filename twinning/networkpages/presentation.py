"""Small helpers of the network pages: a place row's portal URL, bar rows for the statistics."""

from __future__ import annotations

import re
from typing import Any

from django.urls import reverse

ASCII_SLUG = re.compile(r"[-a-zA-Z0-9_]+")


def place_url(row: dict[str, Any]) -> str:
    """The portal page of a place row (a `places_by_id` row, with the slug)."""
    slug = row["slug"] or "-"
    if row.get("geonameid"):
        if not ASCII_SLUG.fullmatch(slug):  # the portal's <slug:> takes ASCII only; its redirect finds the page
            return reverse("portal:place_redirect", kwargs={"geonameid": row["geonameid"]})
        return reverse("portal:place", kwargs={"geonameid": row["geonameid"], "slug": slug})
    return reverse("portal:place_local", kwargs={"pk": row["id"], "slug": slug if ASCII_SLUG.fullmatch(slug) else "-"})


def bars(counts: list[tuple[str, str, int]]) -> list[dict[str, Any]]:
    """(key, label, count) → rows with the share of the largest count (for a bar's length)."""
    top = max((n for _k, _l, n in counts), default=0) or 1
    return [{"key": k, "label": label, "count": n, "percent": round(100 * n / top, 1)} for k, label, n in counts]
