"""The public side of an activity's registration: the form (German/English), the confirmation page
and self-service cancellation by the link from the e-mail. Thin: parse, call a service, render."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from twinning.core.errors import TwinningError
from twinning.core.services import Actor

from . import selectors
from .forms import RegistrationForm
from .models import Registration, RegistrationSettings
from .services import group_register, registration_cancel, registration_for_token
from .throttle import cancel_over_limit, registration_over_limit, throttled

PUBLIC = Actor(via="web:registration")


def _settings(slug: str) -> RegistrationSettings:
    settings = selectors.registration_settings_by_slug(slug)
    if settings is None:
        raise Http404
    return settings


@require_http_methods(["GET", "POST"])
def register(request: HttpRequest, slug: str) -> HttpResponse:
    settings = _settings(slug)
    activity = settings.activity
    if request.method == "POST" and (wait := registration_over_limit(request, activity=activity.slug)) is not None:
        return throttled(request, seconds=wait)
    form = RegistrationForm(request.POST or None, settings=settings)
    if request.method == "POST" and settings.is_open and form.is_valid():
        cancel_url = request.build_absolute_uri(reverse("exchanges:cancel", kwargs={"token": "TOKEN"}))
        try:
            results = group_register(
                activity=activity,
                leader=form.leader(language=translation.get_language() or "de"),
                members=form.cleaned_data["group"],
                actor=PUBLIC,
                cancel_url=cancel_url.replace("TOKEN", "{token}"),
            )
        except TwinningError as error:
            form.add_error(None, error.message)
        else:
            waiting = sum(1 for r in results if r.registration.status == Registration.Status.WAITING)
            if waiting == len(results):
                messages.warning(request, _("The activity is full: you are on the waiting list. We will write to you."))
            elif waiting:
                messages.warning(
                    request,
                    _("%(n)s of your group are on the waiting list; the others are registered.") % {"n": waiting},
                )
            else:
                messages.success(request, _("You are registered. We have sent you a confirmation by e-mail."))
            return redirect("exchanges:registered", slug=activity.slug)
    left = None
    if settings.capacity is not None:
        left = max(settings.capacity - selectors.registered_count(activity), 0)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "exchanges/register.html",
        {
            "settings": settings,
            "activity": activity,
            "form": form,
            "seats_left": left,
            "summary": selectors.public_summary(activity),
        },
        status=status,
    )


def registered(request: HttpRequest, slug: str) -> HttpResponse:
    settings = _settings(slug)
    return render(request, "exchanges/registered.html", {"settings": settings, "activity": settings.activity})


@require_http_methods(["GET", "POST"])
def cancel(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows what would be cancelled (link checkers must not cancel); POST cancels."""
    if request.method == "POST" and (wait := cancel_over_limit(request)) is not None:
        return throttled(request, seconds=wait)
    registration = registration_for_token(token)
    if registration is None:
        raise Http404
    group = list(selectors.group_of(registration))
    if request.method == "POST" and registration.status != Registration.Status.CANCELLED:
        try:
            registration_cancel(registration=registration, actor=PUBLIC)
            if request.POST.get("group") == "1":
                for member in group:
                    registration_cancel(registration=member, actor=PUBLIC)
        except TwinningError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The registration has been cancelled."))
        return redirect("exchanges:cancel", token=token)
    return render(
        request,
        "exchanges/cancel.html",
        {"registration": registration, "activity": registration.activity, "group": group},
    )
