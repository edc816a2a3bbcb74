"""Pages with a total and links, the browse pages' filters, conditional requests and CORS, over real
HTTP through the Django test client on the demo world (tests/api/conftest.py)."""

from __future__ import annotations

import pytest
from django.test import Client

from twinning.partnerships.models import Partnership, PartnershipMember

pytestmark = pytest.mark.django_db


def _of(country: str) -> list[int]:
    members = PartnershipMember.objects.filter(place__country_id=country).values("partnership_id")
    return list(Partnership.objects.filter(pk__in=members).values_list("pk", flat=True))


def test_partnerships_of_a_country_page_by_page(demo_world: None, client: Client) -> None:
    german = _of("DE")
    assert len(german) >= 5  # the demo world's German partnerships
    first = client.get("/api/partnerships", {"country": "DE", "page_size": 2}).json()
    assert first["count"] == len(german) and first["page"] == 1 and first["previous"] is None
    assert first["next"] == "http://testserver/api/partnerships?country=DE&page_size=2&page=2"
    second = client.get("/api/partnerships?country=DE&page=2&page_size=2").json()
    assert "page=1&" in second["previous"] and second["count"] == len(german)
    seen = [p["id"] for p in first["results"] + second["results"]]
    assert len(seen) == len(set(seen)) == 4
    assert all(any(pl["country"] == "DE" for pl in p["places"]) for p in first["results"] + second["results"])
    french = client.get("/api/partnerships?country=FR&page=2&page_size=1").json()
    assert french["count"] == len(_of("FR")) and "page=1&" in french["previous"]
    pages, url, ids = 0, "/api/partnerships?country=de&page_size=2", []
    while url:
        data = client.get(url).json()
        ids += [p["id"] for p in data["results"]]
        url, pages = data["next"], pages + 1
    assert sorted(ids) == sorted(german) and pages == -(-len(german) // 2)


def test_lists_take_the_browse_pages_filters_and_sorts(demo_world: None, client: Client) -> None:
    """The same selection as the portal's list page: the API's count is the page's total."""
    for api_url, page_url in [
        ("/api/partnerships?state=NW&kind=twinning", "/partnerships/?state=NW&kind=twinning"),
        ("/api/activities?year=2023", "/activities/?year=2023"),
        ("/api/organizations?country=DE", "/organizations/?country=DE"),
        ("/api/places?country=FR", "/places/?country=FR"),
        ("/api/articles?sort=published", "/news/?sort=published"),
    ]:
        data = client.get(api_url).json()
        page = client.get(page_url, HTTP_ACCEPT_LANGUAGE="en")
        assert page.status_code == 200
        assert f"{data['count']} " in page.content.decode(), api_url
    oldest = client.get("/api/partnerships", {"sort": "established", "page_size": 200}).json()["results"]
    years = [p["since"][:4] for p in oldest if p["since"]]
    assert years == sorted(years)


def test_an_unknown_filter_value_is_422_naming_the_filter(demo_world: None, client: Client) -> None:
    for path, param, value in [
        ("/api/partnerships", "country", "XX"),
        ("/api/partnerships", "kind", "marriage"),
        ("/api/activities", "programme", "no-such-programme"),
        ("/api/articles", "year", "nineteen"),
        ("/api/partnerships", "sort", "random"),
    ]:
        response = client.get(path, {param: value})
        assert response.status_code == 422, (path, param)
        assert response.json()["detail"][0]["loc"] == ["query", param]


def test_conditional_requests_answer_304_until_the_data_changes(demo_world: None, client: Client) -> None:
    first = client.get("/api/partnerships", {"country": "FR"})
    etag, modified = first["ETag"], first["Last-Modified"]
    assert etag and modified
    again = client.get("/api/partnerships", {"country": "FR"}, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    assert client.get("/api/partnerships", {"country": "FR"}, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    assert client.get("/api/partnerships", {"country": "DE"}, HTTP_IF_NONE_MATCH=etag).status_code == 200
    one = _of("FR")[0]
    detail = client.get(f"/api/partnerships/{one}")
    assert client.get(detail.request["PATH_INFO"], HTTP_IF_NONE_MATCH=detail["ETag"]).status_code == 304

    from twinning.core.invalidation import _invalidate

    Partnership.objects.filter(pk=one).update(description="changed")
    _invalidate()  # what the commit of a service's write does
    changed = client.get("/api/partnerships", {"country": "FR"}, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_any_origin_may_read_without_credentials(demo_world: None, client: Client) -> None:
    response = client.get("/api/partnerships", HTTP_ORIGIN="https://example.org")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    assert "ETag" in response["Access-Control-Expose-Headers"]
    preflight = client.options(
        "/api/partnerships",
        HTTP_ORIGIN="https://example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match",
    )
    assert preflight.status_code == 200
    assert set(preflight["Access-Control-Allow-Methods"].split(", ")) == {"GET", "HEAD", "OPTIONS"}
    assert "Access-Control-Allow-Origin" not in client.get("/partnerships/", HTTP_ORIGIN="https://example.org")


def test_head_answers_like_get_without_a_body(demo_world: None, client: Client) -> None:
    get = client.get("/api/partnerships?country=DE")
    head = client.head("/api/partnerships?country=DE")
    assert head.status_code == 200 and head.content == b""
    assert head["Content-Length"] == str(len(get.content)) and head["ETag"] == get["ETag"]
    assert client.head("/api/partnerships?country=DE", HTTP_IF_NONE_MATCH=get["ETag"]).status_code == 304
    assert client.head("/api/partnerships?country=XQ").status_code == 422
