"""Patterns of real press releases outside the development split (sentences written after them, real
GeoNames data): merged communes, names with connectors, towns named with their state, groups of
partners after "mit", départements, venues named after a town, nouns that are also towns."""

from twinning.extraction.pipeline import extract


def _pairs(result) -> set[frozenset[str]]:
    return {frozenset((p.a.name, p.b.name)) for p in result.partnerships}


def test_a_merged_communes_full_name_is_the_commune(geonames_index):
    # GeoNames names the commune "Migné"; its full name is an alternate one, written out it is specific.
    text = (
        "Bann und Migné-Auxances feiern ihr 35-jähriges Partnerschaftsjubiläum. Die Jumelage der Gemeinde "
        "Bann mit der französischen Partnergemeinde Migné-Auxances besteht seit 1988."
    )
    result = extract(text, index=geonames_index)
    ids = {p.geonameid for p in result.places}
    assert 2993918 in ids, result.places
    assert any({p.a.geonameid, p.b.geonameid} == {2952934, 2993918} for p in result.partnerships), result.partnerships


def test_a_name_with_connectors_needs_no_cue_and_links_with_is_a_relation(geonames_index):
    text = "The mayor of Warminster said the concert celebrated the town's links with Sully-sur-Loire."
    result = extract(text, index=geonames_index)
    assert "Sully-sur-Loire" in {p.name for p in result.places}
    assert frozenset(("Warminster", "Sully-sur-Loire")) in _pairs(result)


def test_a_town_named_with_its_state_is_one_place(geonames_index):
    text = (
        "Seit 40 Jahren besteht die partnerschaftliche Verbindung zwischen den Städten Königsberg in Bayern "
        "und Donzère. Am Abend kehrte die Gruppe nach Königsberg zurück."
    )
    result = extract(text, index=geonames_index)
    names = {p.name: p for p in result.places}
    assert "Königsberg in Bayern" in names and names["Königsberg in Bayern"].country == "DE", names
    assert "Königsberg" not in names  # not the Austrian village of that name
    assert frozenset(("Königsberg in Bayern", "Donzère")) in _pairs(result)


def test_a_group_after_mit_are_partners_of_the_town_before_not_of_each_other(geonames_index):
    text = (
        "Im Jahr 1992 unterzeichnete Bürgermeister Peter Schweizer für die Stadt Gundelfingen den "
        "Partnerschaftsvertrag mit den Vertretern der beiden französischen Gemeinden Louverné und "
        "La Chapelle-Anthenaise im Department Mayenne."
    )
    result = extract(text, index=geonames_index)
    pairs = _pairs(result)
    assert frozenset(("Louverné", "La Chapelle-Anthenaise")) not in pairs
    assert (
        frozenset(("Gundelfingen", "Louverné")) in pairs
        and frozenset(("Gundelfingen", "La Chapelle-Anthenaise")) in pairs
    )
    mayenne = [p for p in result.places if p.name == "Mayenne"]
    assert mayenne and mayenne[0].kind == "county" and mayenne[0].geonameid is None  # the département, not the town


def test_a_venue_named_after_a_town_is_no_mention_of_it(geonames_index):
    text = "The visitors from Warminster ended the day with a trip to Prestbury Sports Bar."
    assert "Prestbury" not in {p.name for p in extract(text, index=geonames_index).places}


def test_corona_is_the_pandemic_in_german(geonames_index):
    text = "Auch in Rheinzabern fand wegen Corona kein Besuch der Partnergemeinde statt."
    assert {p.name for p in extract(text, index=geonames_index).places} == {"Rheinzabern"}


def test_people_after_address_words_with_middle_initials_and_possessives(geonames_index):
    text = (
        "Bürgermeister Claus Bittenbrünn begrüßte die Verantwortliche der Musikschule Madame Edith Flacher. "
        "Visitors included Claudia B Quinn and Kevin J O'Leary. It marked the end of Katie Vigar's two terms, "
        "and the group enjoyed a David Bowie tribute act."
    )
    people = {p.name for p in extract(text, index=geonames_index).people}
    assert {"Claus Bittenbrünn", "Edith Flacher", "Claudia B Quinn", "Kevin J O'Leary", "Katie Vigar"} <= people
    assert "David Bowie" not in people


def test_occupations_name_people_and_a_body_before_a_name_ends_there(geonames_index):
    text = (
        "Der Landrat überreichte ein Bild des Rathenower Künstlers Detlef Frenkel. Zur Delegation gehörten "
        "die Geschäftsführerin der Bautzener Wohnungsbaugesellschaft Kristen Schönherr und der Leiter des "
        "Amtes für Wirtschaft, Kultur, Presse- und Öffentlichkeitsarbeit."
    )
    result = extract(text, index=geonames_index)
    people = {p.name for p in result.people}
    organizations = {o.name for o in result.organizations}
    assert {"Detlef Frenkel", "Kristen Schönherr"} <= people, people
    assert "Bautzener Wohnungsbaugesellschaft" in organizations, organizations
    assert "Amt für Wirtschaft, Kultur, Presse- und Öffentlichkeitsarbeit" in organizations, organizations


def test_english_bodies_with_and_lower_case_heads_and_headlines(geonames_index):
    text = (
        "SPECIAL RELATIONSHIP WITH WARMINSTER USA WARMINSTER Town Council welcomed guests. Members of the "
        "Kenilworth Tennis and Croquet Club met the Drumshanbo Town Twinning committee and the chair of the "
        "Warminster Board of Supervisors."
    )
    organizations = {o.name for o in extract(text, index=geonames_index).organizations}
    assert {"Kenilworth Tennis and Croquet Club", "Drumshanbo Town Twinning committee"} <= organizations
    assert "Warminster Board of Supervisors" in organizations
    assert not any("WARMINSTER" in name for name in organizations), organizations


def test_a_weekday_picks_the_stated_year_it_fits(geonames_index):
    text = (
        "Im Jahr 1992 unterzeichnete Bürgermeister Peter Schweizer den Partnerschaftsvertrag. Der Festakt "
        "zum 20jährigen Jubiläum findet am Samstag, 2. Juni um 11 Uhr statt. Der Gegenbesuch findet vom "
        "24. August bis 27. August 2012 statt."
    )
    starts = {e.start.isoformat() for e in extract(text, index=geonames_index).events if e.start}
    assert "2012-06-02" in starts and "1990-06-02" not in starts, starts


def test_a_borough_named_after_two_places_is_one_place(geonames_index):
    text = "Eine Heusenstammer Delegation besuchte die englische Partnerstadt Tonbridge & Malling."
    result = extract(text, index=geonames_index)
    assert "Tonbridge & Malling" in {p.name for p in result.places}
    assert "Tonbridge" not in {p.name for p in result.places}
    assert frozenset(("Heusenstamm", "Tonbridge & Malling")) in _pairs(result)


def test_a_bulleted_list_after_partnerships_with_names_the_partners(geonames_index):
    text = (
        "Bingen maintains active partnerships with six towns:\n\n"
        "• With the English town of Hitchin since 1958.\nHitchin has around 33,000 inhabitants.\n"
        "• And with the Czech city of Kutná Hora since 2012.\n\n"
        "The town of Bingen is proud of them."
    )
    pairs = _pairs(extract(text, index=geonames_index))
    assert {frozenset(("Bingen am Rhein", "Hitchin")), frozenset(("Bingen am Rhein", "Kutná Hora"))} <= pairs, pairs


def test_years_between_two_towns_and_the_mayor_of_a_small_town(geonames_index):
    text = (
        "Upcoming anniversaries were planned (50 years between Wertheim and Salon-de-Provence). "
        "Gifts came from Ronny Haase (Mayor of Trebbin)."
    )
    result = extract(text, index=geonames_index)
    assert frozenset(("Wertheim", "Salon-de-Provence")) in _pairs(result)
    assert "Trebbin" in {p.name for p in result.places}


def test_a_common_partner_town_is_the_partner_of_both_and_a_charter_is_a_partnership(geonames_index):
    text = (
        "Oberbürgermeister Ralf Claus konnte beim Besuch einer Delegation aus der ukrainischen Stadt Kolomyia "
        "in Ingelheim die Partnerschaftsurkunde unterzeichnen. Verbunden sind Ingelheim und Kolomyia bereits "
        "über die gemeinsame polnische Partnerstadt Nysa."
    )
    pairs = {frozenset(p) for p in _pairs(extract(text, index=geonames_index))}
    expected = {("Ingelheim am Rhein", "Kolomyia"), ("Ingelheim am Rhein", "Nysa"), ("Kolomyia", "Nysa")}
    assert {frozenset(pair) for pair in expected} <= pairs, pairs


def test_a_story_about_one_partnership_pairs_the_two_towns_it_coordinates(geonames_index):
    text = (
        "Der Ludwigshafener Stadtrat hat im Dezember entschieden, den Austausch in eine offizielle Partnerschaft "
        'zu gießen. Aus dem Rathaus heißt es: "Ludwigshafen und Swjahel stehen gemeinsam für Frieden."'
    )
    pairs = _pairs(extract(text, index=geonames_index))
    assert any("Ludwigshafen am Rhein" in pair and len(pair) == 2 for pair in pairs), pairs


def test_a_choir_named_like_a_person_and_friends_of_a_town_are_bodies(geonames_index):
    text = (
        "The Barry Men Choir sang at the reception in Kleve, and the Friends of Alzey collected donations. "
        "Councillor Jane Hutt thanked everyone."
    )
    result = extract(text, index=geonames_index)
    assert {p.name for p in result.people} == {"Jane Hutt"}
    assert {"Barry Men Choir", "Friends of Alzey"} <= {o.name for o in result.organizations}


def test_a_town_the_gazetteer_lacks_is_a_municipality_when_named_as_a_town(geonames_index):
    # Landgraaf (NL) is missing from GeoNames' cities500; "die Stadt Landgraaf" still names a town.
    text = "Die Stadt Landgraaf und die Gemeinde Sully-sur-Loire schickten Delegationen."
    places = {p.name: p.kind for p in extract(text, index=geonames_index).places}
    assert places.get("Landgraaf") == "municipality" and "Sully-sur-Loire" in places, places
