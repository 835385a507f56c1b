"""Choropleth maps of Poland drawn as SVG on the server from the GeoJSON outlines in `data/maps/` (MIT, see its
README). No tile server and no script: the page gets the paths, the shade of each unit and a table beside it.

The outlines are projected once per process (equirectangular, x scaled by cos 52°, which keeps Poland's shape)
and kept in memory; a map is then only the shading of the cached paths."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "maps"
FILES = {"voivodeship": "wojewodztwa.geojson", "powiat": "powiaty.geojson"}
WIDTH = 600
SHADES = 5  # classes of the colour scale (0 = none)


@dataclass(frozen=True)
class Outline:
    terc: str
    name: str
    path: str


@dataclass(frozen=True)
class Shape:
    terc: str
    name: str
    path: str
    count: int
    shade: int


def _rings(geometry: dict) -> list[list[list[float]]]:
    if geometry["type"] == "Polygon":
        return geometry["coordinates"]
    return [ring for polygon in geometry["coordinates"] for ring in polygon]


@cache
def outlines(level: str) -> tuple[tuple[Outline, ...], int, int]:
    """The units of `level` ("voivodeship" or "powiat") as SVG paths, with the drawing's width and height."""
    features = json.loads((DATA / FILES[level]).read_text(encoding="utf-8"))["features"]
    scale_x = math.cos(math.radians(52))
    points = [
        (lon * scale_x, lat)
        for feature in features
        for ring in _rings(feature["geometry"])
        for lon, lat in ring
    ]
    min_x, max_x = min(p[0] for p in points), max(p[0] for p in points)
    min_y, max_y = min(p[1] for p in points), max(p[1] for p in points)
    factor = WIDTH / (max_x - min_x)
    height = round((max_y - min_y) * factor)

    def path(geometry: dict) -> str:
        parts = []
        for ring in _rings(geometry):
            coords = " ".join(
                f"{(lon * scale_x - min_x) * factor:.1f},{(max_y - lat) * factor:.1f}" for lon, lat in ring
            )
            parts.append(f"M{coords}Z")
        return "".join(parts)

    shapes = tuple(
        Outline(feature["properties"]["terc"], feature["properties"]["name"], path(feature["geometry"]))
        for feature in features
    )
    return shapes, WIDTH, height


def shade_of(count: int, maximum: int) -> int:
    """0 for none, else 1..SHADES in proportion to the largest count."""
    if count <= 0 or maximum <= 0:
        return 0
    return max(1, math.ceil(SHADES * count / maximum))


def choropleth(level: str, counts: dict[str, int]) -> dict:
    """Everything a template needs to draw the map: shapes with counts and shades, the size, the legend."""
    if level not in FILES:
        raise ValueError(level)
    units, width, height = outlines(level)
    maximum = max(counts.values(), default=0)
    shapes = [
        Shape(
            unit.terc,
            unit.name,
            unit.path,
            counts.get(unit.terc, 0),
            shade_of(counts.get(unit.terc, 0), maximum),
        )
        for unit in units
    ]
    return {"level": level, "shapes": shapes, "width": width, "height": height, "maximum": maximum}
