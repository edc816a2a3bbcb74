"""The demo exchange: a citizens' visit from Dunkirk (Dünkirchen) to Krefeld with 60 registered
participants from a generated list, so registrations, check-in and the funder figures (CERV: at
least 50 participants, 25 invited from abroad, two countries) can be tried on the demo world.

The people are invented (names drawn with a fixed seed); the towns are real and resolved through
the gazetteer like any typed home town. The list goes through the office's import, as a CSV.
"""

from __future__ import annotations

import csv
import random
import tempfile
from pathlib import Path

from django.db import transaction

from twinning.activities.models import Activity
from twinning.activities.services import activity_create
from twinning.core.dates import PartialDate
from twinning.core.services import Actor
from twinning.core.text import fold
from twinning.exchanges.importing import participants_import
from twinning.exchanges.services import registration_settings_set
from twinning.offices.models import Office
from twinning.offices.services import office_create
from twinning.partnerships.models import Partnership
from twinning.places.models import Place
from twinning.reports.services import funding_set

SLUG = "buergerbegegnung-duenkirchen-krefeld-2027"
KREFELD, DUNKIRK = 2884509, 3020686
OFFICE_NAME = "Stadt Krefeld – Städtepartnerschaften"
DAYS = ("2027-05-14", "2027-05-15", "2027-05-16")

FRENCH_GIVEN = ["Marie", "Camille", "Léa", "Manon", "Chloé", "Julie", "Sophie", "Lucas", "Hugo", "Louis", "Jules",
                "Gabriel", "Arthur", "Thomas", "Nicolas", "Antoine", "Élodie", "Inès", "Mathis", "Clément"]  # fmt: skip
FRENCH_FAMILY = ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
                 "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vandamme",
                 "Deschamps", "Lemaire", "Vanhoutte", "Delattre", "Decock"]  # fmt: skip
DUTCH_GIVEN = ["Sanne", "Daan", "Lotte", "Bram", "Femke", "Joost"]
DUTCH_FAMILY = ["de Vries", "Jansen", "Bakker", "Visser", "Smit", "van Dijk"]
GERMAN_GIVEN = ["Anna", "Lena", "Julia", "Laura", "Katharina", "Lukas", "Jonas", "Felix", "Paul", "Maximilian",
                "Sabine", "Jürgen", "Monika", "Stefan", "Ursula", "Wolfgang"]  # fmt: skip
GERMAN_FAMILY = ["Müller", "Schmitz", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Hoffmann",
                 "Schulz", "Koch", "Richter", "Klein", "Wolf", "Neumann", "Schwarz", "Krüger", "Hofmann"]  # fmt: skip
FRENCH_TOWNS = ["Dünkirchen"] * 6 + ["Dunkerque"] * 4 + ["Coudekerque-Branche", "Grande-Synthe", "Saint-Pol-sur-Mer"]
ORGANIZATIONS_FR = ["Comité de jumelage de Dunkerque", "Lycée Jean Bart", "Harmonie municipale", "Club de football"]
ORGANIZATIONS_DE = ["Städtepartnerschaftsverein Krefeld", "Gymnasium am Moltkeplatz", "Musikschule Krefeld"]


def participant_rows(*, seed: int = 2027) -> list[dict[str, str]]:
    """60 invented participants: 36 invited guests from the Dunkirk area (2 interpreters, 3
    accompanying persons among them), 4 guests from Leiden, 20 hosts from Krefeld."""
    rng = random.Random(seed)  # noqa: S311 (invented demo names, reproducible)
    rows: list[dict[str, str]] = []
    taken: set[tuple[str, str]] = set()

    def name(given: list[str], family: list[str]) -> tuple[str, str]:
        while True:
            pair = (rng.choice(given), rng.choice(family))
            if pair not in taken:
                taken.add(pair)
                return pair

    def add(given: str, family: str, town: str, country: str, role: str, organization: str) -> None:
        days = list(DAYS) if rng.random() < 0.8 else list(DAYS[:2])
        rows.append(
            {
                "Vorname": given,
                "Nachname": family,
                "E-Mail": f"{fold(given)}.{fold(family)}@example.org".replace(" ", "-"),
                "Wohnort": town,
                "Land": country,
                "Organisation": organization,
                "Rolle": role,
                "Tage": ", ".join(days),
                "Ernährung": rng.choice(["", "", "", "vegetarisch", "vegan", "ohne Schweinefleisch"]),
                "Barrierefreiheit": "Rollstuhl" if rng.random() < 0.05 else "",
                "Einwilligung Liste": "ja",
                "Einwilligung Bericht": "ja" if rng.random() < 0.6 else "nein",
            }
        )

    roles_fr = ["interpreter"] * 2 + ["accompanying"] * 3 + ["guest"] * 31
    for role in roles_fr:
        add(*name(FRENCH_GIVEN, FRENCH_FAMILY), rng.choice(FRENCH_TOWNS), "FR", role, rng.choice(ORGANIZATIONS_FR))
    for _n in range(4):
        add(*name(DUTCH_GIVEN, DUTCH_FAMILY), "Leiden", "NL", "guest", "Stedenband Leiden–Krefeld")
    for _n in range(20):
        add(*name(GERMAN_GIVEN, GERMAN_FAMILY), "Krefeld", "DE", "host", rng.choice(ORGANIZATIONS_DE))
    return rows


def _office(krefeld: Place, actor: Actor) -> Office:
    found = Office.objects.filter(name=OFFICE_NAME).first()
    return found or office_create(name=OFFICE_NAME, places=[krefeld], actor=actor)


@transaction.atomic
def demo_exchange_load(*, actor: Actor) -> int:
    """Create the demo exchange once (idempotent): returns the number of participants registered."""
    if Activity.objects.filter(slug=SLUG).exists():
        return 0
    krefeld = Place.objects.get(geonameid=KREFELD)
    dunkirk = Place.objects.get(geonameid=DUNKIRK)
    partnership = Partnership.objects.filter(members__place=krefeld).filter(members__place=dunkirk).first()
    activity = activity_create(
        title="Bürgerbegegnung: Besuch aus Dünkirchen (Demo)",
        slug=SLUG,
        kind=Activity.Kind.VISIT,
        direction=Activity.Direction.INBOUND,
        start=PartialDate.parse(DAYS[0]),
        end=PartialDate.parse(DAYS[-1]),
        venue="Rathaus Krefeld, Von-der-Leyen-Platz 1",
        place=krefeld,
        places=[krefeld, dunkirk],
        partnerships=[partnership] if partnership else [],
        description=(
            "Demo: eine erfundene Bürgerbegegnung mit 60 Teilnehmenden aus einer erzeugten Liste, "
            "um Anmeldung, Check-in und die Zahlen für Fördergeber auszuprobieren."
        ),
        actor=actor,
    )
    registration_settings_set(activity=activity, office=_office(krefeld, actor), actor=actor, is_open=True, capacity=70)
    funding_set(activity=activity, programme="cerv-twinning", actor=actor)  # the grant it would apply for
    rows = participant_rows()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "teilnehmende-duenkirchen-krefeld.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
        result = participants_import(activity=activity, path=path, actor=actor)
    return result.registered + result.waiting
