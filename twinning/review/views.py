"""The review queue: thin views over review selectors and services. htmx swaps one suggestion in
place; without JavaScript every action is a plain POST followed by a redirect."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from twinning.core.errors import Conflict, NotFound, TwinningError
from twinning.core.services import Actor
from twinning.directory.access import can_decide_review, review_articles_q
from twinning.press.models import Article

from . import selectors, services
from .kinds import kind_of
from .models import Suggestion
from .text import highlight

ARTICLES_PER_PAGE = 10


def editor_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Anonymous users go to the login page; logged-in users without the permission to decide
    suggestions (group "Redaktion", see twinning.directory.access) get 403."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not can_decide_review(request.user):
            raise PermissionDenied(_("Only editors may review suggestions."))
        return view(request, *args, **kwargs)

    return login_required(wrapper)


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _actor(request: HttpRequest) -> Actor:
    return Actor(via="web:review", user=request.user)


def _entry(suggestion: Suggestion) -> dict[str, Any]:
    span = suggestion.span
    text = suggestion.article.body
    return {
        "suggestion": suggestion,
        "context": highlight(text, *span) if span else "",
        "match": selectors.suggestion_match(suggestion) if suggestion.is_pending else None,
        "record": suggestion.record if not suggestion.is_pending else None,
    }


def _suggestion_or_404(pk: int, user: Any) -> Suggestion:
    """The suggestion, if `user` may decide it (an office's reviewer: its own articles only)."""
    suggestion = selectors.suggestion_get(pk)
    if suggestion is None or not Article.objects.filter(review_articles_q(user), pk=suggestion.article_id).exists():
        raise Http404(_("There is no suggestion #%(pk)s.") % {"pk": pk})
    return suggestion


def _back(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return reverse("review:queue")


def _refused(request: HttpRequest, message: str, status: int, suggestion: Suggestion | None) -> HttpResponse:
    """A 4xx answer naming what is wrong: the suggestion's card with the message for htmx, a page otherwise."""
    if _is_htmx(request) and suggestion is not None:
        suggestion.refresh_from_db()
        return render(
            request, "review/_suggestion.html", {"entry": _entry(suggestion), "error": message}, status=status
        )
    return render(request, "review/error.html", {"message": message, "suggestion": suggestion}, status=status)


def _error(request: HttpRequest, error: TwinningError, *, suggestion: Suggestion | None = None) -> HttpResponse:
    status = 404 if isinstance(error, NotFound) else 409 if isinstance(error, Conflict) else 400
    return _refused(request, str(error), status, suggestion)


def _bad_request(request: HttpRequest, message: str, suggestion: Suggestion) -> HttpResponse:
    return _refused(request, message, 400, suggestion)


class _BadFilter(ValueError):
    pass


def _filters(request: HttpRequest) -> tuple[str | None, int | None]:
    """The queue's filters from the query string: a kind of suggestion and an article id."""
    kind = request.GET.get("kind") or None
    if kind is not None and kind not in Suggestion.Kind.values:
        raise _BadFilter(
            _("Unknown kind %(kind)r: use one of %(kinds)s.")
            % {"kind": kind, "kinds": ", ".join(Suggestion.Kind.values)}
        )
    raw = (request.GET.get("article") or "").strip()
    if raw and not raw.isdigit():
        raise _BadFilter(_("The article must be given by its number, not %(value)r.") % {"value": raw})
    return kind, int(raw) if raw else None


def _allowed_choices(request: HttpRequest, choices: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The article filter's choices the user may review."""
    ids = {pk for pk, _title in choices}
    allowed = set(Article.objects.filter(review_articles_q(request.user), pk__in=ids).values_list("pk", flat=True))
    return [choice for choice in choices if choice[0] in allowed]


@require_http_methods(["GET", "HEAD"])
@editor_required
def queue(request: HttpRequest) -> HttpResponse:
    """Pending suggestions grouped by article, each beside its highlighted sentence; filtered by
    kind (?kind=person) and by article (?article=12)."""
    try:
        kind, article_id = _filters(request)
    except _BadFilter as error:
        return _refused(request, str(error), 400, None)
    ids = selectors.pending_article_ids(kind=kind, article_id=article_id)
    # An office's reviewer sees the office's press releases only (twinning.directory.access).
    allowed = set(Article.objects.filter(review_articles_q(request.user), pk__in=ids).values_list("pk", flat=True))
    page = Paginator([pk for pk in ids if pk in allowed], ARTICLES_PER_PAGE).get_page(request.GET.get("page"))
    groups = {
        group.article.pk: group
        for group in selectors.review_queue(article_ids=list(page.object_list), kind=kind, article_id=article_id)
    }
    articles = [
        {"article": groups[pk].article, "entries": [_entry(s) for s in groups[pk].suggestions]}
        for pk in page.object_list
        if pk in groups
    ]
    counts = selectors.pending_counts(article_id=article_id)
    query = {key: value for key, value in (("kind", kind or ""), ("article", article_id or "")) if value}
    return render(
        request,
        "review/queue.html",
        {
            "articles": articles,
            "page": page,
            "pending": selectors.suggestions_pending().count(),
            "kinds": [(value, label, counts[value]) for value, label in Suggestion.Kind.choices],
            "article_choices": _allowed_choices(request, selectors.pending_articles()),
            "kind": kind or "",
            "article_id": article_id,
            "filter_query": urlencode(query),
        },
    )


@require_POST
@editor_required
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    """Accept, merge or reject one suggestion (POST action=accept|create|merge|reject); "create"
    accepts it as a new record although it matches an existing one."""
    suggestion = _suggestion_or_404(pk, request.user)
    action = request.POST.get("action", "")
    actor = _actor(request)
    try:
        if action in ("accept", "create"):
            suggestion = services.suggestion_accept(suggestion=suggestion, actor=actor, as_new=action == "create")
        elif action == "reject":
            suggestion = services.suggestion_reject(
                suggestion=suggestion, actor=actor, note=request.POST.get("note", "")
            )
        elif action == "merge":
            raw = (request.POST.get("target_id") or request.POST.get("target") or "").strip()
            target = None
            if raw:
                if not raw.isdigit():
                    return _bad_request(
                        request,
                        _("The record to merge into must be given by its number, not %(value)r.") % {"value": raw},
                        suggestion,
                    )
                target = selectors.merge_target_get(suggestion, int(raw))
                if target is None:
                    return _error(
                        request,
                        NotFound(
                            _("There is no %(kind)s #%(pk)s to merge into.")
                            % {"kind": suggestion.get_kind_display(), "pk": raw}
                        ),
                        suggestion=suggestion,
                    )
            suggestion = services.suggestion_merge(suggestion=suggestion, actor=actor, target=target)
        else:
            return _bad_request(
                request,
                _("Unknown action %(action)r: use accept, create, merge or reject.") % {"action": action},
                suggestion,
            )
    except TwinningError as error:
        return _error(request, error, suggestion=suggestion)
    if _is_htmx(request):
        return render(request, "review/_suggestion.html", {"entry": _entry(suggestion)})
    messages.success(
        request,
        _("%(suggestion)s: %(status)s.") % {"suggestion": suggestion, "status": suggestion.get_status_display()},
    )
    return HttpResponseRedirect(_back(request))


BULK_LIMIT = 200


@require_POST
@editor_required
def bulk(request: HttpRequest) -> HttpResponse:
    """Accept or reject the selected suggestions (POST action=accept|reject, suggestion=<id>…), each
    in its own transaction: one refused (decided meanwhile, not acceptable) does not stop the others."""
    action = request.POST.get("action", "")
    if action not in ("accept", "reject"):
        return _refused(request, _("Unknown action %(action)r: use accept or reject.") % {"action": action}, 400, None)
    raw = request.POST.getlist("suggestion")
    if not raw:
        return _refused(request, _("Select at least one suggestion."), 400, None)
    if not all(value.isdigit() for value in raw):
        return _refused(request, _("Suggestions must be given by their numbers."), 400, None)
    if len(raw) > BULK_LIMIT:
        return _refused(
            request,
            _("At most %(limit)s suggestions at once, not %(n)s.") % {"limit": BULK_LIMIT, "n": len(raw)},
            400,
            None,
        )
    found = selectors.suggestions_by_ids(sorted({int(value) for value in raw}))
    allowed = set(
        Article.objects.filter(review_articles_q(request.user), pk__in={s.article_id for s in found}).values_list(
            "pk", flat=True
        )
    )
    found = [s for s in found if s.article_id in allowed]  # an office's reviewer: its own articles only
    if not found:
        return _refused(request, _("None of the selected suggestions exists."), 404, None)
    actor = _actor(request)
    done, refused = 0, []
    for suggestion in found:
        try:
            if action == "accept":
                services.suggestion_accept(suggestion=suggestion, actor=actor)
            else:
                services.suggestion_reject(suggestion=suggestion, actor=actor, note=request.POST.get("note", ""))
        except TwinningError as error:
            refused.append(f"{suggestion}: {error}")
        else:
            done += 1
    if done:
        messages.success(
            request,
            (
                ngettext("%(n)s suggestion accepted.", "%(n)s suggestions accepted.", done)
                if action == "accept"
                else ngettext("%(n)s suggestion rejected.", "%(n)s suggestions rejected.", done)
            )
            % {"n": done},
        )
    for message in refused:
        messages.error(request, _("Not done: %(message)s") % {"message": message})
    return HttpResponseRedirect(_back(request))


@require_http_methods(["GET", "HEAD"])
@editor_required
def merge_search(request: HttpRequest, pk: int) -> HttpResponse:
    """Find the record to merge a suggestion into by searching its name (GET ?q=…)."""
    suggestion = _suggestion_or_404(pk, request.user)
    query = " ".join((request.GET.get("q") or "").split())[:200]
    if not suggestion.is_pending:
        return _error(
            request,
            Conflict(
                _("This suggestion was already decided (%(status)s).") % {"status": suggestion.get_status_display()}
            ),
            suggestion=suggestion,
        )
    results = selectors.merge_targets(suggestion, query) if query else []
    return render(
        request,
        "review/merge.html",
        {"entry": _entry(suggestion), "query": query, "results": results, "next": _back(request)},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@editor_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct a suggestion's fields, then accept it."""
    suggestion = _suggestion_or_404(pk, request.user)
    form_class = kind_of(suggestion.kind).form
    if not suggestion.is_pending:
        return _error(
            request,
            Conflict(
                _("This suggestion was already decided (%(status)s).") % {"status": suggestion.get_status_display()}
            ),
            suggestion=suggestion,
        )
    if request.method == "POST":
        form = form_class(request.POST)
        if form.is_valid():
            try:
                suggestion = services.suggestion_edit(
                    suggestion=suggestion, data=form.payload(), actor=_actor(request), accept=True
                )
            except TwinningError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    _("%(suggestion)s: %(status)s.")
                    % {"suggestion": suggestion, "status": suggestion.get_status_display()},
                )
                return HttpResponseRedirect(_back(request))
        status = 400
    else:
        form = form_class(initial=form_class.initial_for(suggestion.data))
        status = 200
    return render(
        request,
        "review/edit.html",
        {"entry": _entry(suggestion), "form": form, "next": _back(request)},
        status=status,
    )
