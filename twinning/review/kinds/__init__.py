"""The registry of review kinds: one module per kind of suggestion (see `base`)."""

from __future__ import annotations

from ..models import Suggestion
from . import activity, contact, organization, partnership, person, place
from .base import Proposal, ProposalContext, ReviewKind

KINDS: dict[str, ReviewKind] = {
    review_kind.kind: review_kind
    for review_kind in (place.KIND, partnership.KIND, person.KIND, organization.KIND, activity.KIND, contact.KIND)
}
assert set(KINDS) == set(Suggestion.Kind.values), "every Suggestion.Kind needs its module"


def kind_of(kind: str) -> ReviewKind:
    """The review kind of a suggestion kind ("place", "person", …); KeyError for an unknown one."""
    return KINDS[kind]


__all__ = ["KINDS", "Proposal", "ProposalContext", "ReviewKind", "kind_of"]
