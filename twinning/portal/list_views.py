"""List pages: browse the register with filters (plain GET parameters), counts, sorting, pages
and the same selection as CSV (`&format=csv`) or XLSX (`&format=xlsx`)."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from twinning.exports.spreadsheets import CONTENT_TYPE as XLSX_TYPE
from twinning.exports.spreadsheets import workbook_bytes

from .browse import LISTINGS, FilterError, browse

PAGE_SIZE = 50
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> str:
    """A cell a spreadsheet shows as text: text that would start a formula gets a leading quote
    (numbers stay numbers: a longitude of -0.5 is not a formula)."""
    if isinstance(value, int | float):
        return str(value)
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


class _Echo:
    def write(self, value: str) -> str:
        return value


def _export_rows(result: Any) -> Iterator[list[Any]]:
    """The selection's rows as the export columns' values (the CSV's and the XLSX's)."""
    listing = result.listing
    rows = listing.csv_rows(result.queryset) if listing.csv_rows else listing.rows(result.queryset).iterator(2000)
    for row in rows:
        yield [get(row) for _name, get in listing.csv_columns]


def _filename(result: Any, extension: str) -> str:
    suffix = "-".join(f"{k}-{v}" for k, v in sorted(result.filters.items()))
    return f"{result.listing.name}{'-' + suffix if suffix else ''}.{extension}"


def _csv_response(result: Any) -> StreamingHttpResponse:
    listing = result.listing
    writer = csv.writer(_Echo())

    def lines() -> Iterator[str]:
        yield "\ufeff" + writer.writerow([name for name, _get in listing.csv_columns])
        for values in _export_rows(result):
            yield writer.writerow([csv_cell(value) for value in values])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(result, "csv")}"'
    return response


def _xlsx_response(result: Any) -> HttpResponse:
    listing = result.listing
    body = workbook_bytes(
        title=str(listing.title),
        header=[name for name, _get in listing.csv_columns],
        rows=_export_rows(result),
    )
    response = HttpResponse(body, content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{_filename(result, "xlsx")}"'
    return response


def _list(request: HttpRequest, name: str) -> HttpResponse | StreamingHttpResponse:
    listing = LISTINGS[name]
    try:
        result = browse(listing, request.GET)
    except FilterError as error:
        return render(request, "portal/list.html", {"listing": listing, "error": str(error)}, status=400)
    if request.GET.get("format") == "csv":
        return _csv_response(result)
    if request.GET.get("format") == "xlsx":
        return _xlsx_response(result)
    page = Paginator(result.ids, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = result.rows(list(page.object_list))
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("format", None)
    return render(
        request,
        "portal/list.html",
        {
            "listing": listing,
            "result": result,
            "facets_key": result.key,
            "page": page,
            "row_template": f"portal/list_rows/{name}.html",
            "sorts": [(key, str(label)) for key, (label, _order) in listing.sorts.items()],
            "query": query.urlencode(),
            "csv_query": (query.urlencode() + "&" if query else "") + "format=csv",
            "xlsx_query": (query.urlencode() + "&" if query else "") + "format=xlsx",
        },
    )


@require_GET
def partnership_list(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    return _list(request, "partnerships")


@require_GET
def place_list(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    return _list(request, "places")


@require_GET
def programme_list(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    return _list(request, "programmes")


@require_GET
def activity_list(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    return _list(request, "activities")


@require_GET
def news_list(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    return _list(request, "news")


@require_GET
def organization_list(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    return _list(request, "organizations")
