"""Accounts: invitations by e-mail with an expiring link, Django's password rules, log in and out,
password reset by e-mail, sessions that expire. No gazetteer needed: places from factories."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import PlaceFactory
from twinning.core.models import AuditEntry
from twinning.core.services import Actor
from twinning.offices.models import Invitation, Membership
from twinning.offices.services import membership_set, office_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager_client() -> tuple[Client, object]:
    office = office_create(name="Stadt Testort", places=[PlaceFactory(name="Testort")], actor=Actor(via="test"))
    manager = User.objects.create_user("leitung", email="leitung@example.org", password="Partnerstadt-2026!")
    membership_set(office=office, user=manager, role="manager", actor=Actor(via="test"))
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(manager)
    return client, office


def _link(message: str) -> str:
    found = re.search(r"http://testserver(/accounts/invitation/[^/\s]+/)", message)
    assert found, message
    return found.group(1)


def test_invitation_by_email_then_password_rules_then_membership(
    manager_client, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    client, office = manager_client
    members = reverse("workbench:members", kwargs={"office": office.slug})
    response = client.post(members, {"email": "not-an-address", "role": "editor"})
    assert "e-mail</a>: Enter a valid email address." in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):  # the e-mail leaves after the commit
        assert client.post(members, {"email": "neu@example.org", "role": "editor"}).status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["neu@example.org"]
    link = _link(mail.outbox[0].body)
    invitation = Invitation.objects.get()
    assert invitation.token_hash not in link  # only the hash is stored

    guest = Client(HTTP_ACCEPT_LANGUAGE="en")
    assert guest.get(link).status_code == 200
    weak = guest.post(link, {"username": "neu", "password1": "12345678", "password2": "12345678"})
    assert weak.status_code == 200
    assert "This password is too common." in weak.content.decode()
    assert not User.objects.filter(username="neu").exists()
    taken = guest.post(
        link, {"username": "leitung", "password1": "Partnerstadt-2027!", "password2": "Partnerstadt-2027!"}
    )
    assert "is taken" in taken.content.decode()
    ok = guest.post(link, {"username": "neu", "password1": "Partnerstadt-2027!", "password2": "Partnerstadt-2027!"})
    assert ok.status_code == 302 and ok["Location"] == reverse("login")
    membership = Membership.objects.get(user__username="neu")
    assert (membership.office, membership.role) == (office, "editor")
    assert AuditEntry.objects.filter(action="invitation.accept").exists()
    # Used once: the link is dead.
    assert guest.get(link).status_code == 404


def test_expired_invitation_is_refused(manager_client, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    client, office = manager_client
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("workbench:members", kwargs={"office": office.slug}), {"email": "x@example.org", "role": "viewer"}
        )
    Invitation.objects.update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    link = _link(mail.outbox[0].body)
    assert Client().get(link).status_code == 404
    assert (
        Client()
        .post(link, {"username": "x", "password1": "Partnerstadt-2027!", "password2": "Partnerstadt-2027!"})
        .status_code
        == 404
    )
    assert not User.objects.filter(username="x").exists()


def test_login_logout_and_password_reset(manager_client) -> None:  # type: ignore[no-untyped-def]
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    wrong = client.post(reverse("login"), {"username": "leitung", "password": "falsch"})
    assert wrong.status_code == 200
    assert "Please enter a correct username and password" in wrong.content.decode()
    right = client.post(reverse("login") + "?next=/manage/", {"username": "leitung", "password": "Partnerstadt-2026!",
                                                             "next": "/manage/"})  # fmt: skip
    assert right.status_code == 302 and right["Location"] == "/manage/"
    assert client.get("/manage/").status_code == 200
    assert client.post(reverse("logout")).status_code == 302
    assert client.get("/manage/").status_code == 302

    assert client.post(reverse("password_reset"), {"email": "leitung@example.org"}).status_code == 302
    reset = re.search(r"http://testserver(/accounts/reset/[^/]+/[^/]+/)", mail.outbox[-1].body)
    assert reset, mail.outbox[-1].body
    form = client.get(reset.group(1), follow=True)
    assert form.status_code == 200
    done = client.post(
        form.redirect_chain[-1][0], {"new_password1": "Neues-Passwort-2026", "new_password2": "Neues-Passwort-2026"}
    )
    assert done.status_code == 302
    # Through the login form: django-axes checks every authentication against its request.
    fresh = Client().post(reverse("login"), {"username": "leitung", "password": "Neues-Passwort-2026"})
    assert fresh.status_code == 302


def test_sessions_expire_and_passwords_follow_django_rules() -> None:
    assert settings.SESSION_COOKIE_AGE <= 12 * 60 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    names = {v["NAME"].rsplit(".", 1)[1] for v in settings.AUTH_PASSWORD_VALIDATORS}
    assert {"MinimumLengthValidator", "CommonPasswordValidator", "NumericPasswordValidator"} <= names
