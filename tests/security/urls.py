"""Every URL pattern of the site, enumerated from the resolver, and sample values to fill them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.contrib import admin
from django.urls import URLPattern, URLResolver, get_resolver


@dataclass(frozen=True)
class Route:
    route: str  # the full pattern, e.g. "places/<int:geonameid>/<slug:slug>/"
    name: str  # namespaced, e.g. "portal:place"


def routes() -> list[Route]:
    def walk(patterns: list[Any], prefix: str, namespace: str) -> Iterator[Route]:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
            elif isinstance(pattern, URLPattern):
                yield Route(prefix + str(pattern.pattern), namespace + (pattern.name or ""))

    return list(walk(get_resolver().url_patterns, "", ""))


ADMIN_MODEL_SUFFIXES = {
    "": "changelist",
    "add/": "add",
    "<path:object_id>/history/": "history",
    "<path:object_id>/delete/": "delete",
    "<path:object_id>/change/": "change",
    "<path:object_id>/": "redirect",
}


def admin_model_route(route: str) -> tuple[type, str] | None:
    """(model, kind) when `route` is one of the standard pages of a registered ModelAdmin."""
    for model in admin.site._registry:
        prefix = f"admin/{model._meta.app_label}/{model._meta.model_name}/"
        if route.startswith(prefix) and route[len(prefix) :] in ADMIN_MODEL_SUFFIXES:
            return model, ADMIN_MODEL_SUFFIXES[route[len(prefix) :]]
    return None


_PARAMETER = re.compile(r"<(?:(?P<converter>[a-z]+):)?(?P<name>\w+)>")


def fill(route: str, values: dict[str, Any]) -> str:
    """The route with each <converter:name> replaced by values[name]; regex routes by values[route]."""
    if route in values:
        return "/" + str(values[route])
    return "/" + _PARAMETER.sub(lambda match: str(values[match.group("name")]), route)
