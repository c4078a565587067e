"""Clients: list with search and a filter by advice, create, detail, edit, delete."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.timezone import localtime
from django.views.decorators.http import require_GET, require_http_methods
from django.views.decorators.vary import vary_on_headers

from orgdesign import selectors, services
from orgdesign.forms.workspace import ClientForm
from orgdesign.models import INDUSTRY_CHOICES, TRASH_DAYS
from orgdesign.presenter import advice_choices, advice_short

CLIENTS_PER_PAGE = 25
SEARCH_MAX = 100  # characters of a search; the search field says the same
ADVICE_MAX = 32  # characters of an advice code read from the query string


@require_GET
@login_required
@vary_on_headers("HX-Request")
def client_list(request: HttpRequest) -> HttpResponse:
    """The firm's clients, 25 a page, each with its latest advice and a marker when some of
    its scenarios were saved under older rules; searched (names, notes, scenario names) as
    they type and filtered by advice (htmx, or the GET form without JavaScript)."""
    search = request.GET.get("q", "")[:SEARCH_MAX].strip()
    advice = request.GET.get("advice", "")[:ADVICE_MAX]
    advice_names = dict(advice_choices())
    advice_error = ""
    if advice and advice not in advice_names:
        advice_error = "There is no such advice to filter by; showing every advice."
        advice = ""
    clients = selectors.client_list_for_user(user=request.user, search=search, advice=advice)
    page = Paginator(clients, CLIENTS_PER_PAGE).get_page(request.GET.get("page"))
    industries = dict(INDUSTRY_CHOICES)
    rows = [
        {
            "pk": client.pk,
            "name": client.name,
            "industry": industries.get(client.industry) if client.industry else "–",
            "scenario_count": client.scenario_count,
            "older_rules_count": client.older_rules_count,
            "advice_code": client.latest_role_model or "",
            "advice": advice_short(client.latest_role_model),
            "latest_scenario": client.latest_scenario or "",
            "updated": f"{localtime(client.updated_at):%d %b %Y}".lstrip("0"),
        }
        for client in page.object_list
    ]
    # What the page links keep: the cleaned filters only, never what else the URL carried.
    filters = {k: v for k, v in (("q", search), ("advice", advice)) if v}
    context = {
        "page": page,
        "rows": rows,
        "search": search,
        "search_max": SEARCH_MAX,
        "advice": advice,
        "advice_name": advice_names.get(advice, ""),
        "advice_choices": advice_choices(),
        "advice_error": advice_error,
        "filter_query": urlencode(filters),
        "filtered": bool(filters),
    }
    template = "orgdesign/clients/list.html"
    if request.htmx:
        template += "#results"
    return render(request, template, context)


def _save_client(request: HttpRequest, form: ClientForm, *, client=None):
    data = form.cleaned_data
    try:
        if client is None:
            return services.client_create(
                owner=request.user,
                name=data["name"],
                industry=data["industry"],
                notes=data["notes"],
            )
        return services.client_update(
            client=client, name=data["name"], industry=data["industry"], notes=data["notes"]
        )
    except ValidationError as exc:
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
        return None


@require_http_methods(["GET", "POST"])
@login_required
def client_create(request: HttpRequest) -> HttpResponse:
    selectors.membership_check(user=request.user, write=True)
    form = ClientForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        client = _save_client(request, form)
        if client is not None:
            messages.success(request, f"Client “{client.name}” added.")
            return redirect("orgdesign:client-detail", client_id=client.pk)
    return render(request, "orgdesign/clients/form.html", {"form": form, "client": None})


@require_GET
@login_required
def client_detail(request: HttpRequest, client_id: int) -> HttpResponse:
    """A client with its scenarios (role model at a glance) and the compare picker."""
    client = selectors.client_get_for_user(user=request.user, client_id=client_id)
    scenarios = selectors.scenario_list_for_client(client=client)
    return render(
        request,
        "orgdesign/clients/detail.html",
        {"client": client, "scenarios": scenarios},
    )


@require_http_methods(["GET", "POST"])
@login_required
def client_update(request: HttpRequest, client_id: int) -> HttpResponse:
    client = selectors.client_get_for_user(user=request.user, client_id=client_id, write=True)
    form = ClientForm(request.POST or None, instance=client)
    if request.method == "POST" and form.is_valid():
        # The form's instance already carries the new values; the service validates again.
        saved = _save_client(request, form, client=client)
        if saved is not None:
            messages.success(request, "Client saved.")
            return redirect("orgdesign:client-detail", client_id=client.pk)
    return render(request, "orgdesign/clients/form.html", {"form": form, "client": client})


@require_http_methods(["GET", "POST"])
@login_required
def client_delete(request: HttpRequest, client_id: int) -> HttpResponse:
    """Ask first (saying how many scenarios go with the client), then move it to the
    trash on POST (restorable there for TRASH_DAYS days)."""
    client = selectors.client_get_for_user(user=request.user, client_id=client_id, write=True)
    if request.method == "POST":
        count = services.client_trash(client=client, user=request.user)
        messages.success(
            request,
            f"Client “{client.name}” moved to the trash with {count} "
            f"scenario{'s' if count != 1 else ''}. You can restore it from the trash for "
            f"{TRASH_DAYS} days.",
        )
        return redirect("orgdesign:client-list")
    return render(
        request,
        "orgdesign/clients/delete.html",
        {"client": client, "scenario_count": client.scenarios.count(), "days": TRASH_DAYS},
    )
