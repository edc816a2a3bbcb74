"""The API's guide for people (/api-guide/): how to read, page, filter and write, with curl and
Python examples, the licences of the data per source and the links to the bulk downloads."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from twinning.core.selectors import source_licences
from twinning.portal.browse import LISTINGS

# The API's lists and the portal's list each takes its filters from.
LISTS = [
    ("partnerships", "partnerships"),
    ("places", "places"),
    ("activities", "activities"),
    ("programmes", "programmes"),
    ("articles", "news"),
    ("organizations", "organizations"),
]


@require_GET
def guide(request: HttpRequest) -> HttpResponse:
    lists = [
        {
            "path": f"/api/{name}",
            "filters": [f.param for f in LISTINGS[listing].facets] + (["programme"] if name == "activities" else []),
            "sorts": list(LISTINGS[listing].sorts),
        }
        for name, listing in LISTS
    ]
    base = request.build_absolute_uri("/api")
    return render(
        request,
        "api/guide.html",
        {"lists": lists, "licences": source_licences(), "base": base},
    )
