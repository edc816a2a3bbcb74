"""The API's Swagger UI from the pinned npm package swagger-ui-dist, served locally (no CDN: offline, and no visitor
data to a third party), without inline script or style: the settings travel as data attributes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja.openapi.docs import Swagger

if TYPE_CHECKING:
    from ninja import NinjaAPI


class LocalSwagger(Swagger):
    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        return render(
            request,
            "api/swagger.html",
            {"api": api, "openapi_url": self.get_openapi_url(api, kwargs)},
        )
