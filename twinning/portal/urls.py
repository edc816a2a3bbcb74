from django.templatetags.static import static
from django.urls import path
from django.views.generic import RedirectView

from . import list_views, views

app_name = "portal"


class FaviconRedirect(RedirectView):
    """Resolved per request, not at import: with the production manifest storage, static() at import
    time would make every command fail before `collectstatic` has run."""

    permanent = True

    def get_redirect_url(self, *args: object, **kwargs: object) -> str:
        return static("portal/favicon.svg")


urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("partnerships/", list_views.partnership_list, name="partnership_list"),
    path("places/", list_views.place_list, name="place_list"),
    path("programmes/", list_views.programme_list, name="programme_list"),
    path("activities/", list_views.activity_list, name="activity_list"),
    path("news/", list_views.news_list, name="news_list"),
    path("organizations/", list_views.organization_list, name="organization_list"),
    path("places/<int:geonameid>/", views.place_redirect, name="place_redirect"),
    path("places/<int:geonameid>/<slug:slug>/", views.place, name="place"),
    path("places/local/<int:pk>/<slug:slug>/", views.place_local, name="place_local"),
    path("places/<int:geonameid>/<slug:slug>/embed/", views.place_embed, name="place_embed"),
    path("places/local/<int:pk>/<slug:slug>/embed/", views.place_embed, name="place_local_embed"),
    path("brand.css", views.brand_css, name="brand_css"),
    path("favicon.ico", FaviconRedirect.as_view(), name="favicon"),
    path("partnerships/<int:pk>/", views.partnership, name="partnership"),
    path("activities/<slug:slug>/", views.activity, name="activity"),
    path("programmes/<slug:slug>/", views.programme, name="programme"),
    path("news/<slug:slug>/", views.article, name="article"),
    path("organizations/<slug:slug>/", views.organization, name="organization"),
    path("people/<slug:slug>/", views.person, name="person"),
]
