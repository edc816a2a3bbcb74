"""Login throttling (django-axes) on the admin login, the Content-Security-Policy on every kind of
response, Swagger UI served locally, and the start-up check for collected static files."""

from __future__ import annotations

import re
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils import translation

from twinning.core.checks import static_files_collected

pytestmark = pytest.mark.django_db
PACKAGE = Path(__file__).resolve().parents[2] / "twinning"


def test_twenty_wrong_passwords_lock_the_login_with_a_german_message_and_an_admin_can_unlock() -> None:
    get_user_model().objects.create_user("redaktion", password="richtiges-Passwort-1", is_staff=True)
    client = Client(HTTP_ACCEPT_LANGUAGE="de")
    answers = [
        client.post("/admin/login/", {"username": "redaktion", "password": f"falsch-{n}"}).status_code
        for n in range(20)
    ]
    assert answers[0] == 200 and answers[-1] == 429
    locked = client.post("/admin/login/", {"username": "redaktion", "password": "richtiges-Passwort-1"})
    assert locked.status_code == 429  # even the right password
    html = locked.content.decode()
    assert "Zu viele fehlgeschlagene Anmeldungen" in html and "Minuten" in html
    assert "_auth_user_id" not in client.session
    # The CSP holds on the lockout page too.
    assert "script-src 'self'" in locked["Content-Security-Policy"]
    call_command("axes_reset_username", "redaktion", stdout=StringIO())
    unlocked = client.post("/admin/login/", {"username": "redaktion", "password": "richtiges-Passwort-1"})
    assert unlocked.status_code == 302 and client.session.get("_auth_user_id")


def test_the_lockout_page_speaks_english_too() -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    for n in range(11):
        response = client.post("/admin/login/", {"username": "nobody", "password": f"x{n}"})
    with translation.override("en"):
        assert response.status_code == 429
        assert "Too many failed logins" in response.content.decode()


@pytest.mark.parametrize(
    "path", ["/", "/network/health/?status=x", "/api/places?q=Krefeld", "/calendar.ics", "/admin/login/", "/api/docs"]
)
def test_every_kind_of_response_carries_a_csp_without_inline_script_or_other_hosts(client: Client, path: str) -> None:
    policy = client.get(path)["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'"
    assert directives["default-src"] == "'self'" and directives["object-src"] == "'none'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "http" not in policy  # no other host (a tile server only when configured)


def test_templates_have_no_inline_script_style_or_event_handlers() -> None:
    offenders = []
    for template in PACKAGE.rglob("templates/**/*.html"):
        html = template.read_text(encoding="utf-8")
        for number, line in enumerate(html.splitlines(), 1):
            inline_script = re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/(ld\+)?json)[^>]*>", line)
            if inline_script or re.search(r"<style\b|\sstyle=|\son[a-z]+=", line):
                offenders.append(f"{template.relative_to(PACKAGE)}:{number}")
    assert offenders == []


def test_swagger_ui_comes_from_the_pinned_npm_package_on_this_site(client: Client) -> None:
    html = client.get("/api/docs").content.decode()
    assert "/static/swagger-ui/swagger-ui-bundle.js" in html and "/static/api/swagger-init.js" in html
    assert "cdn" not in html.lower() and "http" not in re.sub(r'href="/[^"]*"', "", html.split("<body>")[0])
    bundle = client.get("/static/swagger-ui/swagger-ui-bundle.js")
    assert bundle.status_code == 200
    assert b"SwaggerUIBundle" in b"".join(bundle.streaming_content)
    bundle.close()


def test_a_missing_static_manifest_is_named_by_the_system_check(tmp_path: Path) -> None:
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    with override_settings(STORAGES=storages, STATIC_ROOT=tmp_path):
        from django.core.files.storage import storages as handler

        handler._storages = {}
        try:
            errors = static_files_collected()
            assert [e.id for e in errors] == ["twinning.E001"]
            assert "staticfiles.json" in errors[0].msg and "collectstatic" in errors[0].hint
            (tmp_path / "staticfiles.json").write_text('{"paths": {}, "version": "1.1", "hash": ""}')
            assert static_files_collected() == []
        finally:
            handler._storages = {}
    assert static_files_collected() == []
