"""The scale generator multiplies the real world: look-alike partnerships between towns of the
same countries, activities, articles with real press sentences, offices — at the given rates."""

from pathlib import Path

import pytest

from tests.jobs.conftest import REAL_CSV
from twinning.activities.models import Activity
from twinning.core.errors import ValidationFailed
from twinning.core.services import Actor
from twinning.demo.generate import Rates, world_generate
from twinning.imports.files import twin_file, twin_file_import
from twinning.offices.models import Office
from twinning.partnerships.models import Partnership, PartnershipMember
from twinning.press.models import Article

pytestmark = [pytest.mark.django_db, pytest.mark.gazetteer]
SMALL = Rates(partnerships=400, activities=300, articles=50, offices=20)


@pytest.fixture
def real_slice(gazetteer_index, tmp_path: Path) -> None:
    path = tmp_path / "slice.csv"
    path.write_text("".join(REAL_CSV.read_text(encoding="utf-8").splitlines(keepends=True)[:201]), encoding="utf-8")
    twin_file_import(twin=twin_file(path=path), actor=Actor(via="test"))


def test_generated_world_follows_the_real_one(real_slice) -> None:
    real_ids = list(Partnership.objects.values_list("pk", flat=True))
    real = len(real_ids)
    countries = set(PartnershipMember.objects.values_list("place__country_id", flat=True))
    report = world_generate(scale=2, actor=Actor(via="test"), rates=SMALL)

    assert Partnership.objects.count() == 800 == real + report.partnerships
    assert report.activities == Activity.objects.count() == 600
    assert report.articles == 100 and report.offices == 40
    # Look-alikes stay between the countries the real partnerships link.
    generated = PartnershipMember.objects.exclude(partnership__in=real_ids)
    assert generated.count() == 2 * report.partnerships
    assert set(generated.values_list("place__country_id", flat=True)) <= countries
    # Every generated partnership has two members and a unique member key.
    assert PartnershipMember.objects.count() == 2 * Partnership.objects.count()
    article = Article.objects.filter(slug__startswith="gen-").first()
    assert article is not None and len(article.body) > 200 and article.places.count() == 2
    assert Office.objects.filter(places__isnull=False).count() == 40


def test_nothing_to_multiply_is_a_clear_error(gazetteer_index) -> None:
    with pytest.raises(ValidationFailed, match="no partnerships to multiply"):
        world_generate(scale=1, actor=Actor(via="test"), rates=SMALL)
    assert not Activity.objects.exists()
