"""Every numeric parameter is bounded, malformed ids name nothing (404), and every answer an
operation can give is in the OpenAPI document (the schemathesis run in .ci/run checks the rest)."""

import pytest

pytestmark = pytest.mark.django_db

HUGE = str(2**63)


LISTS = [
    "/api/activities",
    "/api/articles",
    "/api/partnerships",
    "/api/places",
    "/api/programmes",
    "/api/organizations",
]


@pytest.mark.parametrize("path", LISTS)
def test_a_page_past_the_bounds_is_422(client, path):
    for page in (HUGE, str(2**64), "-1", "0", "100001"):
        response = client.get(path, {"page": page})
        assert response.status_code == 422, (path, page)
        assert response.json()["detail"][0]["loc"] == ["query", "page"]
    for size in ("0", "201"):
        assert client.get(path, {"page_size": size}).json()["detail"][0]["loc"] == ["query", "page_size"]
    far = client.get(path, {"page": "100000"})
    assert far.status_code == 200 and far.json()["results"] == []


@pytest.mark.parametrize("path", ["/api/articles", "/api/partnerships", "/api/activities"])
def test_a_place_filter_naming_no_place_is_422_naming_it(client, path):
    for place in (HUGE, "0", "-5", "Krefeld"):
        response = client.get(path, {"place": place})
        assert response.status_code == 422, (path, place)
        assert response.json()["detail"][0]["loc"] == ["query", "place"]


@pytest.mark.parametrize(
    "path",
    [
        "/api/places/null",
        "/api/places/-1",
        "/api/places/0",
        f"/api/places/{HUGE}",
        "/api/places/1e3",
        "/api/places/local/null",
        f"/api/places/local/{HUGE}",
        "/api/partnerships/null",
        f"/api/partnerships/{HUGE}",
        "/api/activities/%00",
        "/api/articles/%00",
        "/api/programmes/%00",
    ],
)
def test_a_malformed_id_names_nothing(client, path):
    response = client.get(path)
    assert response.status_code == 404, path
    assert isinstance(response.json()["detail"], str)


def test_text_parameters_refuse_nul_and_overlong_values(client):
    assert client.get("/api/places", {"q": "Kre\x00feld"}).status_code == 422
    assert client.get("/api/places", {"q": "x" * 201}).status_code == 422
    assert client.get("/api/activities", {"kind": "\x00"}).status_code == 422
    assert client.get("/api/partnerships", {"status": "a" * 201}).status_code == 422


def test_the_openapi_document_lists_every_response(client):
    schema = client.get("/api/openapi.json").json()
    methods = set()
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            methods.add(method)
            codes = set(operation["responses"])
            if method == "get":
                assert {"200", "304"} <= codes, (method, path)  # 304: conditional requests
            else:  # writes: created or changed, no or a wrong token, another office's record
                assert codes & {"200", "201"} and {"401", "403", "422"} <= codes, (method, path)
                assert operation["security"] == [{"OfficeToken": []}], (method, path)
            if operation.get("parameters") or operation.get("requestBody"):
                assert "422" in codes, (method, path)
            if "{" in path:
                assert "404" in codes, (method, path)
    assert methods == {"get", "post", "patch"}
