"""The Wikidata SPARQL query for twinned places (P190) and a small client for the live endpoint.

The result is read by `readers.sparql_rows`; its variables are those of P190_QUERY: ?city and
?partner (entity URIs), their labels, coordinates (P625, WKT), ISO country codes (P17/P297), GeoNames
ids (P1566) and the start time of the twinning (qualifier P580)."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

from django.utils.translation import gettext as _

from twinning.core.errors import TwinningError, ValidationFailed

ENDPOINT = "https://query.wikidata.org/sparql"
USER_AGENT = "Twinning/1.0 (town twinning registry; https://github.com/twinning) Python-urllib"
VARIABLES = (
    "city",
    "cityLabel",
    "partner",
    "partnerLabel",
    "coord",
    "partnerCoord",
    "country",
    "partnerCountry",
    "geonames",
    "partnerGeonames",
    "start",
)

P190_QUERY = """SELECT ?city ?cityLabel ?partner ?partnerLabel ?coord ?partnerCoord ?country ?partnerCountry
       ?geonames ?partnerGeonames ?start WHERE {
  ?city p:P190 ?statement .
  ?statement ps:P190 ?partner .
  %(country_filter)s
  OPTIONAL { ?statement pq:P580 ?start . }
  OPTIONAL { ?city wdt:P625 ?coord . }
  OPTIONAL { ?partner wdt:P625 ?partnerCoord . }
  OPTIONAL { ?city wdt:P17/wdt:P297 ?country . }
  OPTIONAL { ?partner wdt:P17/wdt:P297 ?partnerCountry . }
  OPTIONAL { ?city wdt:P1566 ?geonames . }
  OPTIONAL { ?partner wdt:P1566 ?partnerGeonames . }
  SERVICE wikibase:label { bd:serviceParam wikibase:language "de,en,[AUTO_LANGUAGE]". }
}
%(limit)s"""


class EndpointError(TwinningError):
    """The SPARQL endpoint could not be reached or gave no usable answer."""


def p190_query(*, country: str | None = None, limit: int | None = None, country_iso: str | None = None) -> str:
    """The P190 query, for the places of one country (a Wikidata QID such as Q183, or an ISO code
    such as DE as `country_iso`) if given."""
    country_filter = ""
    if country_iso:
        code = country_iso.strip().upper()
        if not (len(code) == 2 and code.isalpha()):
            raise ValidationFailed(_("the country must be an ISO code such as DE, not %(value)r") % {"value": code})
        # Either side in the country: a statement and its reverse both come back, so one-sided
        # statements can be told from pairs whose other half lies outside the country.
        country_filter = f'{{ ?city wdt:P17/wdt:P297 "{code}" . }} UNION {{ ?partner wdt:P17/wdt:P297 "{code}" . }}'
    if country:
        country = country.strip().upper()
        if not (country.startswith("Q") and country[1:].isdigit()):
            raise ValidationFailed(
                _("--country must be a Wikidata id such as Q183, not %(value)r") % {"value": country}
            )
        country_filter += f"?city wdt:P17 wd:{country} ."
    if limit is not None and limit < 1:
        raise ValidationFailed(_("--limit must be a positive number, not %(value)s") % {"value": limit})
    return P190_QUERY % {"country_filter": country_filter, "limit": f"LIMIT {limit}" if limit else ""}


def sparql_fetch(query: str, *, endpoint: str = ENDPOINT, timeout: float = 60.0) -> dict[str, Any]:
    """POST the query to the endpoint; the parsed SPARQL JSON result. Network trouble, an HTTP error
    or an answer that is not SPARQL JSON raise EndpointError naming the endpoint."""
    if urllib.parse.urlsplit(endpoint).scheme not in ("http", "https"):
        raise ValidationFailed(_("the endpoint must be an http(s) URL, not %(value)r") % {"value": endpoint})
    body = urllib.parse.urlencode({"query": query}).encode()
    request = urllib.request.Request(  # noqa: S310 (the scheme is checked above)
        endpoint,
        data=body,
        headers={
            "Accept": "application/sparql-results+json",
            "Content-Type": "application/x-www-form-urlencoded",
            "User-Agent": USER_AGENT,
        },
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (http(s) endpoint)
            raw = response.read()
    except urllib.error.HTTPError as error:
        raise EndpointError(
            _("the SPARQL endpoint %(endpoint)s answered HTTP %(code)s %(reason)s")
            % {"endpoint": endpoint, "code": error.code, "reason": error.reason}
        ) from error
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise EndpointError(
            _("cannot reach the SPARQL endpoint %(endpoint)s: %(reason)s") % {"endpoint": endpoint, "reason": reason}
        ) from error
    try:
        data = json.loads(raw.decode("utf-8"))
        if not isinstance(data["results"]["bindings"], list):
            raise TypeError("bindings is not a list")
    except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError) as error:
        raise EndpointError(
            _("the SPARQL endpoint %(endpoint)s did not answer with SPARQL JSON results") % {"endpoint": endpoint}
        ) from error
    return data
