"""People, organisations, contacts, topics and partnerships on small general-case texts."""

from twinning.extraction.contacts import find_contacts, find_items
from twinning.extraction.organizations import find_organizations
from twinning.extraction.people import find_people
from twinning.extraction.topics import find_topics
from twinning.topics.taxonomy import TOPIC_SLUGS


def people(text: str) -> dict[str, tuple]:
    return {p.name: (p.role, p.affiliation) for p in find_people(text).people}


def orgs(text: str) -> set[str]:
    return {o.name for o in find_organizations(text)}


def test_role_before_name():
    found = people("Oberbürgermeisterin Katja Dörner begrüßte die Gäste. Mayor John Smith sprach.")
    assert found["Katja Dörner"][0] == "Oberbürgermeisterin"
    assert found["John Smith"][0] == "Mayor"


def test_role_in_apposition_and_coreference():
    text = (
        "Anna Schmidt, Leiterin des Büros für Internationales, und Landrat Peter Müller reisten an. "
        "Müller sagte, die Partnerschaft sei wichtig."
    )
    found = find_people(text).people
    by_name = {p.name: p for p in found}
    assert by_name["Anna Schmidt"].role == "Leiterin"
    assert by_name["Anna Schmidt"].affiliation == "Büros für Internationales"
    assert len(by_name["Peter Müller"].spans) == 2


def test_role_phrase_before_name():
    found = people("Es sprach der Beigeordnete für Kultur und Sport, Thomas Weber, über das Programm.")
    assert found["Thomas Weber"][0] == "Beigeordnete für Kultur und Sport"


def test_photo_credit():
    result = find_people("Gruppenbild vor dem Rathaus. Foto: Stadt Bonn, Presseamt, M. Müller")
    assert {p.name: p.role for p in result.people} == {"M. Müller": "Fotograf"}
    assert find_people("Foto: Pixabay").credit_organizations[0][0] == "Pixabay"


def test_titles_are_not_part_of_the_name():
    assert "Hanna Finke" in people("die Klimaschutzbeauftragte Dr. Hanna Finke")


def test_organisations_by_head_noun():
    text = (
        "Gefördert vom Auswärtigen Amt und dem Deutschen Städtetag, in Kooperation mit dem "
        "Amt für Internationales und Europa sowie der Universität Leipzig und dem Partnerschaftsverein "
        "„Freunde von Lyon“. Dabei war auch die Stadtwerke Musterstadt GmbH und die Leeds City Council "
        "Association sowie die University of Leeds. Empfang in der französischen Botschaft."
    )
    found = orgs(text)
    expected = (
        "Auswärtiges Amt",
        "Deutscher Städtetag",
        "Amt für Internationales und Europa",
        "Universität Leipzig",
        "Freunde von Lyon",
        "University of Leeds",
        "Französische Botschaft",
    )
    for name in expected:
        assert name in found, (name, found)


def test_municipalities_and_venues_are_not_organisations():
    found = orgs("Die Stadt Krefeld lud in die Bank of America-Stadion ein. Die Gemeinde Musterdorf auch.")
    assert not any(name.startswith(("Stadt", "Gemeinde")) for name in found)
    assert "Bank of America" not in found


def test_contacts():
    text = (
        "Kontakt\n\nErika Mustermann\n\nTelefon: 0 21 51 / 86-1554\n\nE-Mail: e.mustermann@example.de\n\n"
        "Max Muster\nTel. +49 (0)6151-115 20\nFax: 0221 1234567\nmail: max [at] example [dot] org"
    )
    people_spans = [(p.name, span) for p in find_people(text).people for span in p.spans]
    contacts = find_contacts(text, people_spans)
    assert [(c.name, c.email, c.phone) for c in contacts] == [
        ("Erika Mustermann", "e.mustermann@example.de", "0 21 51 / 86-1554"),
        ("Max Muster", "max@example.org", "+49 (0)6151-115 20"),
    ]
    assert all(kind != "phone" or "1234567" not in value for kind, value, _ in find_items(text))


def test_topics_are_taxonomy_slugs():
    topics = find_topics("Klimaschutz, Schüleraustausch und Digitalisierung in der Partnerstadt.")
    assert {"climate-protection", "schools", "smart-city"} <= set(topics)
    assert set(topics) <= TOPIC_SLUGS


def test_people_in_lists_with_given_names_of_the_wider_register():
    found = people(
        "The committee of Sean Nolan, Sheila Mooney, Anne Boyle and Betty McManus thanked "
        "Mayor Finola Armstrong-McGuire for the Urban Diplomacy Exchange."
    )
    assert {"Sean Nolan", "Sheila Mooney", "Betty McManus", "Finola Armstrong-McGuire"} <= set(found)
    assert not any("Diplomacy" in name for name in found)


def test_a_surname_named_first_joins_the_full_name_given_later():
    found = people("OB Geisel und Gouverneur Morita unterzeichnen. Oberbürgermeister Thomas Geisel sprach.")
    assert "Geisel" not in found and "Thomas Geisel" in found
    assert "Morita" in found


def test_clubs_choirs_and_town_adjectives_name_organisations():
    found = orgs(
        "Es spielten der Musikverein Mühlhausen und der Leopoldshöher Ortsverein der Arbeiterwohlfahrt; "
        "der Energieberater der Verbraucherzentrale NRW war dabei."
    )
    assert {
        "Musikverein Mühlhausen",
        "Leopoldshöher Ortsverein der Arbeiterwohlfahrt",
        "Verbraucherzentrale NRW",
    } <= found


def test_two_given_names_share_the_surname_after_them():
    found = people("We remember the hard work of Betty and Paddy McManus, who founded the twinning.")
    assert {"Betty McManus", "Paddy McManus"} <= set(found)
