"""Funding programmes as data: the CERV file, validation of a broken file, the rules evaluated."""

from datetime import date

import pytest

from twinning.core.errors import NotFound, ValidationFailed
from twinning.reports.eligibility import Attendee, evaluate, event_days, figures, is_invited
from twinning.reports.rules import load_programme, programme_get, programmes


def test_cerv_file_holds_the_cerv_figures():
    cerv = programme_get("cerv-twinning")
    rules = {rule.key: rule for rule in cerv.rules}
    assert (rules["participants"].min, rules["invited"].min, rules["countries"].min) == (50, 25, 2)
    assert cerv.retention_years == 5
    assert cerv.documents.signature_lists and cerv.documents.programme
    assert "cerv-twinning" in programmes()


def test_unknown_programme_names_the_known_ones():
    with pytest.raises(NotFound, match="known: cerv-twinning"):
        programme_get("erasmus")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("slug: x\nname: {de: a, en: b}\n", "funder"),
        ("slug: Bad Slug\n", "slug"),
        ("slug: x\nname: {de: a, en: b}\nfunder: {de: a, en: b}\nsource: s\nretention_years: 5\n"
         "rules: [{key: a, measure: participants, label: {de: a, en: b}}]\n", "needs min or max"),
        ("slug: x\nname: {de: a, en: b}\nfunder: {de: a, en: b}\nsource: s\nretention_years: 5\n"
         "rules: [{key: a, measure: height, min: 1, label: {de: a, en: b}}]\n", "rules.0.measure"),
        ("slug: [unclosed\n", "not valid YAML"),
    ],
)  # fmt: skip
def test_broken_programme_file_is_refused_with_file_and_field(tmp_path, text, message):
    path = tmp_path / "broken.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValidationFailed, match=message) as error:
        load_programme(path)
    assert error.value.where == "broken.yaml"


def person(country: str, role: str = "guest", *, days: tuple[date, ...] = (), attended: tuple[date, ...] = ()):
    return Attendee(name=f"P {country}", country=country, town="", town_key="", role=role, days=days, attended=attended)


DAYS = event_days(date(2027, 5, 14), date(2027, 5, 16))


def test_invited_means_not_a_host_and_from_another_country():
    assert is_invited(person("FR"), "DE")
    assert not is_invited(person("DE"), "DE")
    assert not is_invited(person("FR", "host"), "DE")
    assert not is_invited(person(""), "DE")  # unknown country does not count
    assert is_invited(person(""), "")  # no host country known: the invited guests


def test_each_rule_met_or_not_with_its_figure():
    cerv = programme_get("cerv-twinning")
    people = [person("FR") for _ in range(24)] + [person("DE", "host") for _ in range(26)]
    result = evaluate(cerv, figures(people, host_country="DE", days=DAYS, dated=True))
    by_key = {r.rule.key: r for r in result.results}
    assert (by_key["participants"].value, by_key["participants"].met) == (50, True)
    assert (by_key["invited"].value, by_key["invited"].met) == (24, False)  # one short
    assert by_key["countries"].met and by_key["eu_countries"].met
    assert (by_key["duration"].value, by_key["duration"].met) == (3, True)
    assert not result.eligible and [r.rule.key for r in result.unmet] == ["invited"]
    people.append(person("NL"))
    assert evaluate(cerv, figures(people, host_country="DE", days=DAYS, dated=True)).eligible


def test_per_day_counts_registrations_until_check_in_starts():
    first, second, third = DAYS
    people = [person("FR", days=(first, second)), person("FR"), person("DE", "host", attended=(first,))]
    found = figures(people, host_country="DE", days=DAYS, dated=True)
    assert found.per_day[first] == 1 and found.per_day_checked_in[first]  # checked in: who came
    assert found.per_day[second] == 3 and not found.per_day_checked_in[second]  # registered for the day
    assert found.per_day[third] == 2


def test_undated_activity_leaves_the_duration_unknown_and_the_rule_unmet():
    cerv = programme_get("cerv-twinning")
    result = evaluate(cerv, figures([person("FR")], host_country="DE", days=[], dated=False))
    duration = next(r for r in result.results if r.rule.key == "duration")
    assert duration.value is None and not duration.met
    assert "not known yet" in duration.message


def test_another_programme_is_another_file(tmp_path):
    """A programme with a per-day minimum, written as a file like CERV's: loaded, validated, evaluated."""
    path = tmp_path / "youth-exchange.yaml"
    path.write_text(
        "slug: youth-exchange\n"
        "name: {de: Jugendbegegnung, en: Youth exchange}\n"
        "funder: {de: Jugendwerk, en: Youth office}\n"
        "source: https://example.org/programme\n"
        "retention_years: 3\n"
        "rules:\n"
        "  - {key: per_day, measure: participants_per_day, min: 2, label: {de: täglich 2, en: 2 every day}}\n"
        "  - {key: days, measure: days, min: 4, max: 21, label: {de: 4 bis 21 Tage, en: 4 to 21 days}}\n",
        encoding="utf-8",
    )
    youth = load_programme(path)
    first, second, third = DAYS
    people = [person("FR", days=(first, second, third)), person("PL", days=(first, second)), person("DE", "host")]
    result = evaluate(youth, figures(people, host_country="DE", days=DAYS, dated=True))
    by_key = {r.rule.key: r for r in result.results}
    assert (by_key["per_day"].value, by_key["per_day"].met) == (2, True)  # the third day: the French guest and the host
    assert (by_key["days"].value, by_key["days"].met) == (3, False)
