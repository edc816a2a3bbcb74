"""Small locator maps drawn on the server from the bundled Natural Earth land outlines (world-atlas, npm).

The page carries the world's outline once (`world_outline_path`, an SVG path in degrees: x = longitude,
y = -latitude); each partner card shows a window of it (`locator_view`) through `<use>`, with a dot for the
partner and one for the viewed place. Plain SVG: no script, no inline style, nothing from another host.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings

LAND_FILE = Path("world-atlas") / "land-110m.json"


def _decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    (scale_x, scale_y), (shift_x, shift_y) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:  # quantized, delta-encoded (TopoJSON specification)
            x += dx
            y += dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        arcs.append(points)
    return arcs


def _ring(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


@cache
def world_outline_path() -> str:
    """The land of the world as one SVG path ("" when the npm package is not installed)."""
    path = Path(settings.NODE_MODULES) / LAND_FILE
    if not path.is_file():
        return ""
    topology = json.loads(path.read_text(encoding="utf-8"))
    arcs = _decode_arcs(topology)
    parts = []
    for geometry in topology["objects"]["land"]["geometries"]:
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        for polygon in polygons:
            for ring in polygon:
                points = _ring(arcs, ring)
                if len(points) > 2:
                    parts.append("M" + "L".join(f"{x:.1f} {-y:.1f}" for x, y in points) + "Z")
    return "".join(parts)


@dataclass(frozen=True)
class LocatorView:
    view_box: str
    x: float  # the partner
    y: float
    home_x: float | None  # the viewed place, when it lies in the window
    home_y: float | None
    radius: float


def locator_view(
    *, latitude: float | None, longitude: float | None, home: tuple[float, float] | None = None
) -> LocatorView | None:
    """A 3:2 window around a place (and the viewed place, when both fit in a continent-sized window)."""
    if latitude is None or longitude is None:
        return None
    xs, ys = [longitude], [-latitude]
    if home is not None and abs(home[0] - latitude) < 35 and abs(home[1] - longitude) < 50:
        ys.append(-home[0])
        xs.append(home[1])
    width = max(max(xs) - min(xs) + 16, 36.0)
    height = max(max(ys) - min(ys) + 10, width / 1.5)
    width = max(width, height * 1.5)
    left = (min(xs) + max(xs)) / 2 - width / 2
    top = (min(ys) + max(ys)) / 2 - height / 2
    home_point = (xs[1], ys[1]) if len(xs) > 1 else (None, None)
    return LocatorView(
        view_box=f"{left:.1f} {top:.1f} {width:.1f} {height:.1f}",
        x=round(longitude, 2),
        y=round(-latitude, 2),
        home_x=home_point[0],
        home_y=home_point[1],
        radius=round(width / 45, 2),
    )
