"""An office's API tokens in the workbench: its managers create them (the secret is shown once) and
revoke them. The write endpoints that take them are in `twinning.api.writes`."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from twinning.core.errors import TwinningError
from twinning.offices.models import Role as OfficeRole
from twinning.offices.selectors import api_token_of, api_tokens_of
from twinning.offices.services import api_token_create, api_token_revoke

from .views import _actor, _office, member_required


class TokenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("what the token is for"),
        max_length=100,
        help_text=gettext_lazy("e.g. the city's website"),
    )


@member_required
@require_http_methods(["GET", "POST"])
def tokens(request: HttpRequest, office: str) -> HttpResponse:
    found = _office(request, office, OfficeRole.MANAGER)
    form = TokenForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        try:
            _token, secret = api_token_create(office=found, name=form.cleaned_data["name"], actor=_actor(request))
        except TwinningError as error:
            form.add_error("name", error.message)
        else:
            form = TokenForm()
    return render(
        request,
        "workbench/tokens.html",
        {"office": found, "form": form, "secret": secret, "tokens": api_tokens_of(found)},
    )


@member_required
@require_POST
def token_revoke(request: HttpRequest, office: str, pk: int) -> HttpResponse:
    found = _office(request, office, OfficeRole.MANAGER)
    token = api_token_of(found, pk)
    if token is None:
        raise Http404
    api_token_revoke(token=token, actor=_actor(request))
    messages.success(request, _("The token %(prefix)s… is revoked.") % {"prefix": token.prefix})
    return redirect("workbench:tokens", office=found.slug)
