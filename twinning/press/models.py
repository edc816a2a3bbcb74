"""The press archive: articles with their images, linked to what they mention."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from twinning.core.models import TimeStampedModel


class Article(TimeStampedModel):
    source = models.OneToOneField("core.Source", on_delete=models.PROTECT, related_name="article")
    slug = models.SlugField(max_length=200, unique=True)
    publisher = models.ForeignKey(
        "directory.Organization",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
    )
    publisher_place = models.ForeignKey(
        "places.Place",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="published_articles",
    )
    url = models.URLField(_("URL"), max_length=1000, blank=True)
    published = models.DateField(_("published"), null=True, blank=True, db_index=True)
    title = models.CharField(_("title"), max_length=500)
    teaser = models.TextField(_("teaser"), blank=True)
    body = models.TextField(_("text"), blank=True)
    language = models.CharField(_("language"), max_length=5, default="de")
    raw = models.TextField(_("raw source"), blank=True, help_text=_("The document as received (sanitized)."))
    content_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    is_public = models.BooleanField(
        _("public"),
        default=True,
        db_index=True,
        help_text=_("Shown on the portal. An ingested release is public once an editor accepts something from it."),
    )
    places = models.ManyToManyField("places.Place", blank=True, related_name="articles")
    partnerships = models.ManyToManyField("partnerships.Partnership", blank=True, related_name="articles")
    activities = models.ManyToManyField("activities.Activity", blank=True, related_name="articles")
    people = models.ManyToManyField("directory.Person", blank=True, related_name="articles")
    organizations = models.ManyToManyField("directory.Organization", blank=True, related_name="mentioned_in")
    topics = models.ManyToManyField("topics.Topic", blank=True, related_name="articles")
    related = models.ManyToManyField(
        "self",
        blank=True,
        symmetrical=False,
        related_name="related_from",
        help_text=_("Articles the page itself lists as related news."),
    )

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["-published", "title"]
        # The lists' order: the home page's latest news read 8 index rows instead of sorting every
        # article by title within equal dates (150 ms with 100,000 undated articles on SQLite).
        indexes = [models.Index(fields=["-published", "title"], name="article_newest_first")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("portal:article", kwargs={"slug": self.slug})


class ArticleImage(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="images")
    order = models.PositiveSmallIntegerField(default=0)
    caption = models.TextField(_("caption"), blank=True)
    credit = models.CharField(_("credit"), max_length=300, blank=True)
    url = models.URLField(_("image URL"), max_length=1000, blank=True)

    class Meta:
        ordering = ["article", "order"]

    def __str__(self) -> str:
        return self.caption[:80] or self.credit
