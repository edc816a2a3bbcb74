"""The two offices of the workbench's "done when", set up (idempotently) in the browser suite's
database: Krefeld (2884509) and Darmstadt (2938913) with an editor each, and Darmstadt's internal
contact person with an internal phone. Run in the server's environment by
`tests/browser/test_workbench.py` (it prints the ids the test needs as JSON); by hand:

    python tests/browser/workbench_world.py
"""

from __future__ import annotations

import json
import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "twinning.config.settings.base")
django.setup()

from django.contrib.auth.models import User  # noqa: E402

from twinning.core.services import Actor  # noqa: E402
from twinning.directory.models import Person  # noqa: E402
from twinning.directory.services import contact_detail_add, person_create, role_add  # noqa: E402
from twinning.offices.models import Office  # noqa: E402
from twinning.offices.services import membership_set, office_create  # noqa: E402
from twinning.partnerships.models import Partnership  # noqa: E402
from twinning.places.models import Place  # noqa: E402

KREFELD, CHARLOTTE, DARMSTADT, SAN_ANTONIO = 2884509, 4460243, 2938913, 4726206
PASSWORD = "Zwillingsstadt-1986!"


def setup() -> dict[str, int]:
    actor = Actor(via="cli:browser-check")
    places = {gid: Place.objects.get(geonameid=gid) for gid in (KREFELD, CHARLOTTE, DARMSTADT, SAN_ANTONIO)}
    offices = {}
    for gid, name in ((KREFELD, "Stadt Krefeld, Internationales"), (DARMSTADT, "Wissenschaftsstadt Darmstadt")):
        office = Office.objects.filter(name=name).first() or office_create(name=name, places=[places[gid]], actor=actor)
        user = User.objects.filter(username=f"editor-{gid}").first()
        if user is None:
            user = User.objects.create_user(f"editor-{gid}", password=PASSWORD)
        membership_set(office=office, user=user, role="editor", actor=actor)
        offices[gid] = office
    person = Person.objects.filter(name="Dora Darmstädter").first()
    if person is None:
        person = person_create(name="Dora Darmstädter", actor=actor)
        role_add(person=person, function="Städtepartnerschaften", place=places[DARMSTADT], actor=actor)
        contact_detail_add(person=person, kind="phone", value="06151 13-9999", actor=actor)
    pair = {p.pk for p in (places[DARMSTADT], places[SAN_ANTONIO])}
    darmstadt_san_antonio = next(p for p in Partnership.objects.all() if {m.place_id for m in p.members.all()} == pair)
    krefeld_charlotte = next(
        p for p in Partnership.objects.all() if {m.place_id for m in p.members.all()} == {places[KREFELD].pk,
                                                                                        places[CHARLOTTE].pk}
    )  # fmt: skip
    return {"ks": krefeld_charlotte.pk, "ds": darmstadt_san_antonio.pk, "dora": person.pk}


if __name__ == "__main__":
    print(json.dumps(setup()))
