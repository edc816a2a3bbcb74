"""Review decisions on real suggestions from the seeds: accept, merge, edit, reject; citations carry spans."""

import pytest
from django.contrib.contenttypes.models import ContentType

from tests.review.conftest import CLI, pair_suggestion
from twinning.core.errors import Conflict, NotFound, ValidationFailed
from twinning.core.models import AuditEntry, Citation
from twinning.directory.models import Organization, Person, Role
from twinning.partnerships.models import Partnership
from twinning.partnerships.services import partnership_create
from twinning.places.models import Place
from twinning.review import selectors
from twinning.review.models import Suggestion
from twinning.review.services import (
    suggestion_accept,
    suggestion_edit,
    suggestion_merge,
    suggestion_reject,
)

pytestmark = pytest.mark.django_db

KREFELD, CHARLOTTE = 2884509, 4460243


def citations(record):
    return Citation.objects.filter(content_type=ContentType.objects.get_for_model(record), object_id=record.pk)


def test_the_seed_places_are_linked_to_the_gazetteer(washington):
    places = {s.data["name"]: s.data["geonameid"] for s in washington.suggestions.filter(kind="place")}
    assert places["Krefeld"] == KREFELD
    assert places["Charlotte"] == CHARLOTTE


def test_accepting_a_partnership_creates_it_with_a_cited_span(washington):
    suggestion = pair_suggestion(washington, {"Krefeld", "Charlotte"})
    assert selectors.suggestion_match(suggestion) is None
    decided = suggestion_accept(suggestion=suggestion, actor=CLI)
    assert decided.status == Suggestion.Status.ACCEPTED
    partnership = decided.record
    assert isinstance(partnership, Partnership)
    assert {p.geonameid for p in partnership.places.all()} == {KREFELD, CHARLOTTE}
    assert partnership.kind == "twinning"
    cited = list(citations(partnership))
    assert len(cited) == len(suggestion.spans) >= 1
    for citation in cited:
        assert citation.source == washington.source
        assert citation.quote == washington.body[citation.span_start : citation.span_end]
        assert "Charlotte" in citation.quote or "Krefeld" in citation.quote
    assert [c.span_start for c in cited if c.span_start == suggestion.span_start]
    assert washington.partnerships.filter(pk=partnership.pk).exists()
    assert AuditEntry.objects.filter(action="review.accepted", object_id=suggestion.pk).exists()


def test_accepting_merges_into_the_existing_partnership(washington):
    krefeld, charlotte = Place.objects.get(geonameid=KREFELD), Place.objects.get(geonameid=CHARLOTTE)
    existing = partnership_create(places=[krefeld, charlotte], kind="twinning", actor=CLI)
    suggestion = pair_suggestion(washington, {"Krefeld", "Charlotte"})
    assert selectors.suggestion_match(suggestion) == existing
    decided = suggestion_accept(suggestion=suggestion, actor=CLI)
    assert decided.record == existing
    assert Partnership.objects.count() == 1
    assert citations(existing).filter(span_start=suggestion.span_start, span_end=suggestion.span_end).exists()


def test_merge_into_the_proposed_match(washington):
    krefeld, charlotte = Place.objects.get(geonameid=KREFELD), Place.objects.get(geonameid=CHARLOTTE)
    existing = partnership_create(places=[krefeld, charlotte], kind="twinning", actor=CLI)
    suggestion = pair_suggestion(washington, {"Krefeld", "Charlotte"})
    decided = suggestion_merge(suggestion=suggestion, actor=CLI)
    assert decided.status == Suggestion.Status.MERGED
    assert decided.record == existing
    assert citations(existing).exists()


def test_merge_without_a_match_is_refused(washington):
    suggestion = pair_suggestion(washington, {"Krefeld", "Charlotte"})
    with pytest.raises(NotFound):
        suggestion_merge(suggestion=suggestion, actor=CLI)
    suggestion.refresh_from_db()
    assert suggestion.is_pending


def test_merge_into_a_record_of_another_kind_is_refused(washington):
    suggestion = pair_suggestion(washington, {"Krefeld", "Charlotte"})
    with pytest.raises(ValidationFailed):
        suggestion_merge(suggestion=suggestion, actor=CLI, target=Place.objects.get(geonameid=KREFELD))


def test_reject_writes_nothing_but_the_decision(washington):
    suggestion = pair_suggestion(washington, {"Krefeld", "Charlotte"})
    decided = suggestion_reject(suggestion=suggestion, actor=CLI, note="duplicate")
    assert decided.status == Suggestion.Status.REJECTED and decided.note == "duplicate"
    assert Partnership.objects.count() == 0
    with pytest.raises(Conflict):
        suggestion_accept(suggestion=suggestion, actor=CLI)
    assert Partnership.objects.count() == 0


def test_accepting_a_person_adds_the_role_for_the_place(washington):
    suggestion = washington.suggestions.get(kind="person", data__name="Frank Meyer")
    decided = suggestion_accept(suggestion=suggestion, actor=CLI)
    person = decided.record
    assert isinstance(person, Person) and person.name == "Frank Meyer"
    role = Role.objects.get(person=person)
    assert role.function == "Oberbürgermeister"
    # The release names no affiliation: a mayor's office belongs to the home city of the release.
    assert role.place is not None and role.place.geonameid == KREFELD
    assert citations(person).filter(span_start=suggestion.span_start).exists()
    assert citations(role).exists()
    # The same person in another release is proposed as a match by name and affiliation.
    assert selectors.person_match(name="Frank Meyer", affiliation="Krefeld") == person
    assert selectors.person_match(name="frank  MEYER", affiliation=None) == person
    assert selectors.person_match(name="Frank Meier", affiliation="Krefeld") is None


def test_accepting_an_organization_and_fuzzy_matching(darmstadt):
    suggestions = {s.data["name"]: s for s in darmstadt.suggestions.filter(kind="organization")}
    name = next(n for n in suggestions if "Städtetag" in n)
    organization = suggestion_accept(suggestion=suggestions[name], actor=CLI).record
    assert isinstance(organization, Organization)
    assert organization.kind == "network"
    assert selectors.organization_match(name="Deutscher Städtetag") == organization
    assert selectors.organization_match(name="Deutsche Botschaft") is None


def test_edit_corrects_the_fields_before_accepting(washington):
    suggestion = washington.suggestions.filter(kind="organization").first()
    decided = suggestion_edit(
        suggestion=suggestion, data={"name": "Deutsche Botschaft Washington", "kind": "embassy"}, actor=CLI
    )
    assert decided.status == Suggestion.Status.ACCEPTED
    assert decided.record.name == "Deutsche Botschaft Washington" and decided.record.kind == "embassy"
    assert decided.extracted["name"] != "Deutsche Botschaft Washington"
    with pytest.raises(ValidationFailed):
        suggestion_edit(suggestion=washington.suggestions.filter(status="pending").first(), data={"x": 1}, actor=CLI)


def test_accepting_an_activity_with_its_date(washington):
    events = list(washington.suggestions.filter(kind="activity"))
    assert any(s.data["start"] == "2022-10-19" for s in events), [s.data for s in events]
    reception = next(s for s in events if s.data["start"] == "2022-10-19")
    activity = suggestion_accept(suggestion=reception, actor=CLI).record
    assert activity.start.isoformat() == "2022-10-19"
    assert washington.activities.filter(pk=activity.pk).exists()
    assert selectors.activity_match(start=activity.start, place=activity.place, kind=activity.kind) == activity


def test_an_ingested_release_reaches_the_portal_only_when_something_is_accepted(washington):
    from twinning.press.selectors import article_get, article_list

    assert not washington.is_public
    assert article_get(slug=washington.slug) is None and washington not in article_list()
    suggestion_reject(suggestion=washington.suggestions.filter(kind="place").first(), actor=CLI)
    washington.refresh_from_db()
    assert not washington.is_public
    suggestion_accept(suggestion=pair_suggestion(washington, {"Krefeld", "Charlotte"}), actor=CLI)
    washington.refresh_from_db()
    assert washington.is_public and article_get(slug=washington.slug) == washington
    assert AuditEntry.objects.filter(action="article.publish", object_id=washington.pk).count() == 1


def test_accepting_links_to_the_record_the_suggestion_matches(washington):
    from twinning.directory.services import organization_create

    existing = organization_create(name="Deutscher Städtetag", kind="network", actor=CLI)
    suggestion = next(s for s in washington.suggestions.filter(kind="organization") if "Städtetag" in s.data["name"])
    decided = suggestion_accept(suggestion=suggestion, actor=CLI)
    assert decided.record == existing
    assert Organization.objects.filter(name__icontains="Städtetag").count() == 1


def test_accepting_as_new_creates_although_a_record_matches(washington):
    from twinning.directory.services import organization_create

    suggestion = washington.suggestions.filter(kind="organization").first()
    organization_create(name=suggestion.data["name"] + " Nord", kind="other", actor=CLI)
    decided = suggestion_accept(suggestion=suggestion, actor=CLI, as_new=True)
    assert decided.record.name == suggestion.data["name"]


def test_an_activity_needs_a_title_and_a_year(washington):
    activities = list(washington.suggestions.filter(kind="activity"))
    assert activities and all(s.data["start"] and s.data["title"] for s in activities)
    assert all(not s.data["title"].endswith(".") for s in activities)
    suggestion = activities[0]
    with pytest.raises(ValidationFailed):
        suggestion_edit(suggestion=suggestion, data={"start": None}, actor=CLI)
    suggestion.refresh_from_db()
    assert suggestion.is_pending
