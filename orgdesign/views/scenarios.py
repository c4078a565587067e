"""Scenarios: create and edit through the wizard, save, rename, duplicate, delete, history,
restore, accepting new rules, and the side-by-side comparison.

Pages that change something answer GET with a confirmation page and act on POST, so every
action works without JavaScript and a stray link never changes data.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from orgdesign import selectors, services
from orgdesign.forms.workspace import SaveResultForm, ScenarioNameForm
from orgdesign.http import query_ids
from orgdesign.orgchart import orgchart_svg
from orgdesign.presenter import answers_diff, comparison, present, seat_lines
from orgdesign.selectors import COMPARE_MAX, COMPARE_MIN
from orgdesign.wizard import wizard_answers, wizard_begin, wizard_reset, wizard_target

GET_POST = ["GET", "POST"]


def chart_html(rec: dict[str, Any], chart_id: str = "orgchart") -> str:
    # orgchart_svg escapes every text it draws: its output is safe to embed.
    return mark_safe(orgchart_svg(rec, chart_id=chart_id))  # noqa: S308


def confirm_page(request: HttpRequest, **context: Any) -> HttpResponse:
    """The confirmation page of an action: title, text, button, cancel link."""
    return render(request, "orgdesign/scenarios/confirm.html", context)


def _target(scenario) -> dict[str, Any]:
    return {
        "client_id": scenario.client_id,
        "scenario_id": scenario.pk,
        "label": f"{scenario.client.name}: {scenario.name}",
    }


# --- Create and save through the wizard ---------------------------------------------------


@require_http_methods(GET_POST)
@login_required
def scenario_create(request: HttpRequest, client_id: int) -> HttpResponse:
    """Start the questionnaire for this client; the result page then offers to save it."""
    client = selectors.client_get_for_user(user=request.user, client_id=client_id)
    if request.method == "POST":
        wizard_begin(request, target={"client_id": client.pk, "label": client.name})
        return redirect("orgdesign:wizard")
    return confirm_page(
        request,
        title=f"New scenario for {client.name}",
        text="The questionnaire starts afresh; at the end you save the result to this client.",
        button="Start the questionnaire",
        cancel_url=reverse("orgdesign:client-detail", args=[client.pk]),
        client=client,
    )


@require_POST
@login_required
def wizard_save(request: HttpRequest) -> HttpResponse:
    """Save the finished questionnaire: as a new version of the scenario being edited, as a
    new scenario of the client it was started for, or to a client picked (or named) here."""
    answers = wizard_answers(request)
    if answers is None:
        messages.error(request, "The questionnaire is not finished yet.")
        return redirect("orgdesign:wizard")
    target = wizard_target(request) or {}

    if target.get("scenario_id"):
        scenario = selectors.scenario_get_for_user(
            user=request.user, scenario_id=target["scenario_id"]
        )
        before = scenario.version
        services.scenario_update(scenario=scenario, user=request.user, answers=answers)
        wizard_reset(request)
        if scenario.version == before:
            messages.info(request, "Nothing changed: the answers are the same as before.")
        else:
            messages.success(request, f"Saved as version {scenario.version}.")
        return redirect("orgdesign:scenario-detail", scenario_id=scenario.pk)

    client = None
    if target.get("client_id"):
        client = selectors.client_get_for_user(user=request.user, client_id=target["client_id"])
    form = SaveResultForm(request.POST, user=request.user)
    if client is not None:
        form.fields["client"].required = False
        form.data = form.data.copy()
        form.data["client"] = str(client.pk)
    if not form.is_valid():
        return render(
            request,
            "orgdesign/scenarios/save_result.html",
            {"form": form, "target": target, "answers": answers},
            status=400,
        )
    try:
        if form.cleaned_data["client"]:
            scenario = services.scenario_create(
                client=form.cleaned_data["client"],
                name=form.cleaned_data["name"],
                answers=answers,
                user=request.user,
            )
        else:
            scenario = services.client_create_with_scenario(
                owner=request.user,
                client_name=form.cleaned_data["new_client"],
                scenario_name=form.cleaned_data["name"],
                answers=answers,
                user=request.user,
            )
        client = scenario.client
    except ValidationError as exc:
        form.add_error(None, exc.messages)
        return render(
            request,
            "orgdesign/scenarios/save_result.html",
            {"form": form, "target": target, "answers": answers},
            status=400,
        )
    wizard_reset(request)
    messages.success(request, f"Saved “{scenario.name}” for {client.name}.")
    return redirect("orgdesign:scenario-detail", scenario_id=scenario.pk)


# --- One scenario ---------------------------------------------------------------------------


@require_GET
@login_required
def scenario_detail(request: HttpRequest, scenario_id: int) -> HttpResponse:
    scenario = selectors.scenario_get_for_user(user=request.user, scenario_id=scenario_id)
    rules_update = selectors.scenario_rules_update(scenario=scenario)
    p = present(scenario.recommendation)
    context = {
        "scenario": scenario,
        "client": scenario.client,
        "p": p,
        "chart_svg": chart_html(scenario.recommendation),
        "answer_rows": p.answers,
        "rules_update": rules_update,
        "share_links": selectors.share_links_for_scenario(scenario=scenario),
    }
    if rules_update:
        new = rules_update["recommendation"]
        context["new_chart_svg"] = chart_html(new, "orgchart-new")
        context["saved_seats"] = seat_lines(scenario.recommendation)
        context["new_p"] = present(new)
        context["new_seats"] = seat_lines(new)
    return render(request, "orgdesign/scenarios/detail.html", context)


@require_http_methods(GET_POST)
@login_required
def scenario_edit(request: HttpRequest, scenario_id: int) -> HttpResponse:
    """Reopen the questionnaire prefilled with the scenario's answers."""
    scenario = selectors.scenario_get_for_user(user=request.user, scenario_id=scenario_id)
    if request.method == "POST":
        wizard_begin(request, answers=scenario.answers, target=_target(scenario))
        return redirect("orgdesign:wizard-review")
    return confirm_page(
        request,
        title=f"Change the answers of “{scenario.name}”",
        text="The questionnaire opens with the saved answers. Saving keeps the current "
        "version in the history.",
        button="Open the questionnaire",
        cancel_url=reverse("orgdesign:scenario-detail", args=[scenario.pk]),
        scenario=scenario,
    )


def _name_form_page(
    request: HttpRequest, scenario, *, title: str, button: str, initial: str, action
) -> HttpResponse:
    form = ScenarioNameForm(request.POST or None, initial={"name": initial})
    if request.method == "POST" and form.is_valid():
        try:
            return action(form.cleaned_data["name"])
        except ValidationError as exc:
            form.add_error("name", exc.messages)
    return render(
        request,
        "orgdesign/scenarios/name_form.html",
        {"form": form, "scenario": scenario, "title": title, "button": button},
    )


@require_http_methods(GET_POST)
@login_required
def scenario_rename(request: HttpRequest, scenario_id: int) -> HttpResponse:
    scenario = selectors.scenario_get_for_user(user=request.user, scenario_id=scenario_id)

    def rename(name: str) -> HttpResponse:
        services.scenario_rename(scenario=scenario, user=request.user, name=name)
        messages.success(request, "Scenario renamed.")
        return redirect("orgdesign:scenario-detail", scenario_id=scenario.pk)

    return _name_form_page(
        request,
        scenario,
        title="Rename the scenario",
        button="Rename",
        initial=scenario.name,
        action=rename,
    )


@require_http_methods(GET_POST)
@login_required
def scenario_duplicate(request: HttpRequest, scenario_id: int) -> HttpResponse:
    """Copy the scenario under a new name, to explore a "what if"."""
    scenario = selectors.scenario_get_for_user(user=request.user, scenario_id=scenario_id)

    def duplicate(name: str) -> HttpResponse:
        copy = services.scenario_duplicate(scenario=scenario, user=request.user, name=name)
        messages.success(request, f"“{copy.name}” created. Change its answers to explore.")
        return redirect("orgdesign:scenario-detail", scenario_id=copy.pk)

    return _name_form_page(
        request,
        scenario,
        title=f"What if…? Copy “{scenario.name}”",
        button="Make a copy",
        initial=f"{scenario.name} (what if)",
        action=duplicate,
    )


@require_http_methods(GET_POST)
@login_required
def scenario_delete(request: HttpRequest, scenario_id: int) -> HttpResponse:
    scenario = selectors.scenario_get_for_user(user=request.user, scenario_id=scenario_id)
    if request.method == "POST":
        client_id = scenario.client_id
        services.scenario_delete(scenario=scenario)
        messages.success(request, f"Scenario “{scenario.name}” deleted.")
        return redirect("orgdesign:client-detail", client_id=client_id)
    return confirm_page(
        request,
        title=f"Delete “{scenario.name}”?",
        text=f"Its {scenario.version} saved version{'s' if scenario.version != 1 else ''} and "
        "every share link to it go too. This cannot be undone.",
        button="Delete the scenario",
        danger=True,
        cancel_url=reverse("orgdesign:scenario-detail", args=[scenario.pk]),
        scenario=scenario,
    )


# --- History --------------------------------------------------------------------------------


@require_GET
@login_required
def scenario_history(request: HttpRequest, scenario_id: int) -> HttpResponse:
    """Every version, newest first, with who saved it, when, and what changed."""
    scenario = selectors.scenario_get_for_user(user=request.user, scenario_id=scenario_id)
    versions = list(selectors.scenario_versions(scenario=scenario))
    entries = []
    for index, version in enumerate(versions):
        previous = versions[index + 1] if index + 1 < len(versions) else None
        entries.append(
            {
                "version": version,
                "changes": answers_diff(previous.answers, version.answers) if previous else [],
                "renamed_from": previous.name if previous and previous.name != version.name else "",
                "model_changed": previous is not None and previous.role_model != version.role_model,
                "current": version.number == scenario.version,
            }
        )
    return render(
        request,
        "orgdesign/scenarios/history.html",
        {"scenario": scenario, "client": scenario.client, "entries": entries},
    )


@require_GET
@login_required
def scenario_version(request: HttpRequest, scenario_id: int, number: int) -> HttpResponse:
    scenario = selectors.scenario_get_for_user(user=request.user, scenario_id=scenario_id)
    version = selectors.scenario_version_get(scenario=scenario, number=number)
    return render(
        request,
        "orgdesign/scenarios/version.html",
        {
            "scenario": scenario,
            "client": scenario.client,
            "version": version,
            "p": present(version.recommendation),
            "chart_svg": chart_html(version.recommendation),
            "answer_rows": present(version.recommendation).answers,
            "changes": answers_diff(version.answers, scenario.answers),
            "is_current": version.number == scenario.version,
        },
    )


@require_http_methods(GET_POST)
@login_required
def scenario_restore(request: HttpRequest, scenario_id: int, number: int) -> HttpResponse:
    """Make an old version current again, as a new version."""
    scenario = selectors.scenario_get_for_user(user=request.user, scenario_id=scenario_id)
    version = selectors.scenario_version_get(scenario=scenario, number=number)
    if request.method == "POST":
        services.scenario_restore(scenario=scenario, user=request.user, number=version.number)
        messages.success(
            request, f"Version {version.number} restored as version {scenario.version}."
        )
        return redirect("orgdesign:scenario-detail", scenario_id=scenario.pk)
    return confirm_page(
        request,
        title=f"Restore version {version.number} of “{scenario.name}”?",
        text="Its answers become current again as a new version, with the recommendation "
        "today's rules give. The current version stays in the history.",
        button=f"Restore version {version.number}",
        cancel_url=reverse("orgdesign:scenario-version", args=[scenario.pk, version.number]),
        scenario=scenario,
    )


@require_http_methods(GET_POST)
@login_required
def scenario_accept_rules(request: HttpRequest, scenario_id: int) -> HttpResponse:
    """Store the recommendation the current rules give, as a new version."""
    scenario = selectors.scenario_get_for_user(user=request.user, scenario_id=scenario_id)
    if request.method == "POST":
        before = scenario.version
        services.scenario_accept_rules(scenario=scenario, user=request.user)
        if scenario.version != before:
            messages.success(
                request, f"Updated to the current rules as version {scenario.version}."
            )
        else:
            messages.info(request, "This scenario already follows the current rules.")
        return redirect("orgdesign:scenario-detail", scenario_id=scenario.pk)
    return confirm_page(
        request,
        title=f"Use the current rules for “{scenario.name}”?",
        text="The saved answers get the recommendation today's rules give, as a new version. "
        "The saved recommendation stays in the history.",
        button="Accept the new recommendation",
        cancel_url=reverse("orgdesign:scenario-detail", args=[scenario.pk]),
        scenario=scenario,
    )


# --- Compare ----------------------------------------------------------------------------------


def compare_context(scenarios: list) -> dict[str, Any]:
    """The comparison's rows (from the presenter) and one column per scenario."""
    recs = [s.recommendation for s in scenarios]
    rows = comparison(recs)
    columns = [
        {
            "scenario": s,
            "p": present(rec),
            "chart_svg": chart_html(rec, chart_id=f"chart-{s.pk}"),
            "reasons": only,
        }
        for s, rec, only in zip(scenarios, recs, rows.different_reasons, strict=True)
    ]
    return {"comparison": rows, "columns": columns}


@require_GET
@login_required
def scenario_compare(request: HttpRequest, client_id: int) -> HttpResponse:
    """Two to four scenarios of one client side by side (`?s=<id>&s=<id>`)."""
    ids = query_ids(request, "s", limit=COMPARE_MAX * 2)
    if not COMPARE_MIN <= len(ids) <= COMPARE_MAX:
        client = selectors.client_get_for_user(user=request.user, client_id=client_id)
        messages.warning(request, "Pick two to four scenarios to compare.")
        return redirect(reverse("orgdesign:client-detail", args=[client.pk]) + "#compare")
    scenarios = selectors.scenarios_for_compare(
        user=request.user, client_id=client_id, scenario_ids=ids
    )
    client = scenarios[0].client
    context = {"client": client, "scenarios": scenarios, **compare_context(scenarios)}
    context["query"] = "&".join(f"s={s.pk}" for s in scenarios)
    return render(request, "orgdesign/scenarios/compare.html", context)
