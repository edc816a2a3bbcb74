"""The access helper: permissions come from the groups the data migrations create, never from staff status."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser

from tests.factories import ContactDetailFactory, PersonFactory, user_in_groups
from twinning.directory import access
from twinning.directory.models import ContactDetail, Person

pytestmark = pytest.mark.django_db
User = get_user_model()


def test_groups_from_the_migrations_grant_exactly_their_permission():
    reader = user_in_groups("reader", access.GROUP_INTERNAL_PERSONAL_DATA)
    editor = user_in_groups("editor", access.GROUP_EDITORS)
    assert access.can_see_internal(reader) and not access.can_decide_review(reader)
    assert access.can_decide_review(editor) and not access.can_see_internal(editor)


def test_staff_status_and_login_alone_grant_nothing_superusers_everything_inactive_nothing():
    staff = User.objects.create_user("staff", password="pw-staff-123", is_staff=True)
    plain = User.objects.create_user("plain", password="pw-plain-123")
    boss = User.objects.create_superuser("boss", password="pw-boss-123")
    gone = user_in_groups("gone", access.GROUP_INTERNAL_PERSONAL_DATA, is_active=False)
    for user in (AnonymousUser(), None, staff, plain, gone):
        assert not access.can_see_internal(user)
        assert not access.can_decide_review(user)
    assert access.can_see_internal(boss) and access.can_decide_review(boss)


def test_querysets_hide_internal_people_and_their_details_even_public_ones():
    public = PersonFactory(name="Frank Meyer", visibility="public")
    internal = PersonFactory(name="Erika Musterfrau", visibility="internal")
    ContactDetailFactory(person=public, kind="email", value="frank@example.org", visibility="public")
    ContactDetailFactory(person=public, kind="phone", value="0 12 34", visibility="internal")
    ContactDetailFactory(person=internal, kind="email", value="erika@example.org", visibility="public")
    staff = User.objects.create_user("staff", password="pw-staff-123", is_staff=True)
    seen = access.visible_contact_details(ContactDetail.objects.all(), user=staff)
    assert sorted(seen.values_list("value", flat=True)) == ["frank@example.org"]
    assert list(access.visible_people(Person.objects.all(), user=staff)) == [public]
    reader = user_in_groups("reader", access.GROUP_INTERNAL_PERSONAL_DATA)
    assert access.visible_contact_details(ContactDetail.objects.all(), user=reader).count() == 3
    assert access.person_is_visible(internal, user=reader) and not access.person_is_visible(internal, user=staff)
