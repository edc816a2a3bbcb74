from datetime import date

import pytest

from twinning.core.errors import Conflict, ValidationFailed
from twinning.core.models import Source
from twinning.core.services import Actor
from twinning.places.models import Place
from twinning.press.services import ImageData, article_create, article_link

pytestmark = pytest.mark.django_db
ACTOR = Actor(via="test")


def test_an_article_is_a_citable_source_with_images_and_links(gazetteer: None) -> None:
    article = article_create(
        title="Krefeld beim Urban Diplomacy Exchange",
        source_key="seed:001",
        published=date(2022, 10, 14),
        images=[ImageData(caption="Oberbürgermeister Frank Meyer", credit="Foto: Stadt Krefeld")],
        actor=ACTOR,
    )
    assert article.source.kind == Source.Kind.ARTICLE and article.source.key == "seed:001"
    assert list(article.images.values_list("credit", flat=True)) == ["Foto: Stadt Krefeld"]
    other = article_create(title="Charlotte zu Gast", source_key="seed:002", actor=ACTOR)
    krefeld = Place.objects.get(geonameid=2884509)
    article_link(article=article, places=[krefeld], related=[other], topics=["climate-protection"], actor=ACTOR)
    article_link(article=article, places=[krefeld], related=[other], actor=ACTOR)
    assert list(article.related.all()) == [other] and list(other.related_from.all()) == [article]
    assert not other.related.exists()
    with pytest.raises(Conflict, match="seed:001"):
        article_create(title="Again", source_key="seed:001", actor=ACTOR)
    with pytest.raises(ValidationFailed, match="itself"):
        article_link(article=article, related=[article], actor=ACTOR)
    with pytest.raises(ValidationFailed, match="title"):
        article_create(title=" ", source_key="seed:003", actor=ACTOR)
    assert not Source.objects.filter(key="seed:003").exists()
