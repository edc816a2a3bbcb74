"""Writes for places: the places GeoNames lacks (counties, states, small towns), extra names, QIDs."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext as _

from twinning.core.errors import Conflict, NotFound, ValidationFailed
from twinning.core.services import Actor, audit_log
from twinning.core.text import slugify_name

from .gazetteer import ascii_name, name_keys
from .index import invalidate_index
from .models import Country, Place, PlaceName


def _country(code: str | None, *, where: str) -> Country | None:
    if not code:
        return None
    country = Country.objects.filter(code=code.upper()).first()
    if country is None:
        raise NotFound(_("unknown country code %(code)r") % {"code": code}, where=where)
    return country


def place_add_names(*, place: Place, names: Iterable[str], actor: Actor) -> int:
    """Add names (exonyms, import labels) to a place; returns how many search keys were new."""
    known = set(place.names.values_list("key", flat=True))
    new = [
        PlaceName(place=place, name=name[:300], key=key, key_reversed=key[::-1])
        for key, name in name_keys(names).items()
        if key not in known
    ]
    if new:
        PlaceName.objects.bulk_create(new)
        audit_log(
            actor=actor,
            action="place.add_names",
            obj=place,
            changes={"names": [n.name for n in new]},
        )
        transaction.on_commit(invalidate_index)
    return len(new)


@transaction.atomic
def place_create(
    *,
    name: str,
    kind: str,
    country: str | None,
    actor: Actor,
    geonameid: int | None = None,
    wikidata_qid: str | None = None,
    latitude: float | None = None,
    longitude: float | None = None,
    population: int = 0,
    admin1_code: str = "",
    parent: Place | None = None,
    alternate_names: Iterable[str] = (),
    where: str = "",
) -> Place:
    """Create a place GeoNames lacks ("Landkreis Oder-Spree", "Pennsylvania")."""
    name = name.strip()
    if not name:
        raise ValidationFailed(_("a place needs a name"), where=where)
    if kind not in Place.Kind.values:
        raise ValidationFailed(
            _("unknown place kind %(kind)r (one of %(kinds)s)") % {"kind": kind, "kinds": ", ".join(Place.Kind.values)},
            where=where,
        )
    if geonameid and Place.objects.filter(geonameid=geonameid).exists():
        raise Conflict(_("a place with GeoNames id %(id)s exists already") % {"id": geonameid}, where=where)
    if wikidata_qid and Place.objects.filter(wikidata_qid=wikidata_qid).exists():
        raise Conflict(
            _("a place with Wikidata id %(qid)s exists already") % {"qid": wikidata_qid},
            where=where,
        )
    place = Place(
        name=name,
        ascii_name=ascii_name(name),
        slug=slugify_name(name)[:200],
        kind=kind,
        country=_country(country, where=where),
        geonameid=geonameid,
        wikidata_qid=wikidata_qid or None,
        latitude=latitude,
        longitude=longitude,
        population=population,
        admin1_code=admin1_code,
        parent=parent,
    )
    place.full_clean()
    place.save()
    audit_log(actor=actor, action="place.create", obj=place, changes={"name": name, "kind": kind})
    place_add_names(place=place, names=[name, *alternate_names], actor=actor)
    return place


@transaction.atomic
def place_set_wikidata(*, place: Place, qid: str, actor: Actor) -> Place:
    if place.wikidata_qid == qid:
        return place
    other = Place.objects.filter(wikidata_qid=qid).exclude(pk=place.pk).first()
    if other is not None:
        raise Conflict(_("%(qid)s is already the Wikidata id of %(place)s") % {"qid": qid, "place": other})
    old = place.wikidata_qid
    place.wikidata_qid = qid
    place.save(update_fields=["wikidata_qid", "updated_at"])
    audit_log(actor=actor, action="place.set_wikidata", obj=place, changes={"wikidata_qid": [old, qid]})
    return place
