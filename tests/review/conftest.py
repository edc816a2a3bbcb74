import pytest

from tests.conftest import SEEDS
from twinning.core.services import Actor
from twinning.press.ingest import article_ingest

SEED_WASHINGTON = SEEDS / "001_e006de778fe042da.txt"
SEED_DARMSTADT = SEEDS / "004_f3406078fd939795.txt"
CLI = Actor(via="test")


@pytest.fixture
def washington(gazetteer_index):
    """The seed announcing the Washington conference, archived with its suggestions."""
    return article_ingest(raw=SEED_WASHINGTON.read_bytes(), name=SEED_WASHINGTON.name, actor=CLI).article


@pytest.fixture
def darmstadt(gazetteer_index):
    return article_ingest(raw=SEED_DARMSTADT.read_bytes(), name=SEED_DARMSTADT.name, actor=CLI).article


def pair_suggestion(article, names):
    for suggestion in article.suggestions.filter(kind="partnership"):
        if {suggestion.data["a"]["name"], suggestion.data["b"]["name"]} == set(names):
            return suggestion
    raise AssertionError(f"no partnership suggestion {names} in {article}")
