"""Scenarios: create and edit through the wizard, save, rename, duplicate, delete, history,
restore, accepting new rules, and the side-by-side comparison.

Pages that change something answer GET with a confirmation page and act on POST, so every
action works without JavaScript and a stray link never changes data.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from orgdesign import selectors, services
from orgdesign.flow import wizard_answers, wizard_begin, wizard_reset, wizard_target
from orgdesign.forms.voice import VoiceForm
from orgdesign.forms.workspace import SaveResultForm, ScenarioNameForm
from orgdesign.http import query_ids
from orgdesign.models import TRASH_DAYS
from orgdesign.presenter import (
    answers_diff,
    comparison,
    comparison_ours,
    history,
    present,
    rules_update,
    seat_lines,
    signoff_status,
    voice,
)
from orgdesign.selectors import COMPARE_MAX, COMPARE_MIN
from orgdesign.views.common import chart_html, confirm_page, recommendation_context, voice_context
from orgdesign.views.review import firm_review_context, history_review_context

GET_POST = ["GET", "POST"]


def _target(scenario) -> dict[str, Any]:
    """The questionnaire's target when changing a scenario's answers."""
    return {
        "client_id": scenario.client_id,
        "scenario_id": scenario.pk,
        "client_name": scenario.client.name,
        "scenario_name": scenario.name,
        "label": f"{scenario.client.name}: {scenario.name}",
    }


def _client_target(client) -> dict[str, Any]:
    """The questionnaire's target for a new scenario of `client`, with what its record
    already answers (the industry, when set)."""
    return {
        "client_id": client.pk,
        "client_name": client.name,
        "label": client.name,
        "known": {"industry": client.industry} if client.industry else {},
    }


# --- Create and save through the wizard ---------------------------------------------------


@require_http_methods(GET_POST)
@login_required
def scenario_create(request: HttpRequest, client_id: int) -> HttpResponse:
    """Start the questionnaire for this client; the result page then offers to save it."""
    client = selectors.client_get_for_user(user=request.user, client_id=client_id, write=True)
    if request.method == "POST":
        wizard_begin(request, target=_client_target(client))
        return redirect("orgdesign:wizard")
    return confirm_page(
        request,
        title=f"New scenario for {client.name}",
        text="The questionnaire starts afresh; at the end you save the result to this client.",
        button="Start the questionnaire",
        cancel_url=reverse("orgdesign:client-detail", args=[client.pk]),
        client=client,
    )


def save_result_context(
    request: HttpRequest, *, target: dict[str, Any] | None, form: SaveResultForm | None = None
) -> dict[str, Any]:
    """What the "save this result" form shows (`includes/save_result.html`), from the
    wizard's target: a scenario being edited gets "save as a new version", a client the
    questionnaire was started for gets a name field, otherwise the consultant picks one of
    their clients or names a new one. Anonymous visitors get a sign-in link."""
    user = request.user
    if not user.is_authenticated:
        login = reverse("orgdesign:login")
        return {
            "signed_in": False,
            "login_url": f"{login}?{urlencode({'next': reverse('orgdesign:result')})}",
        }
    target = target or {}
    scenario = None
    if target.get("scenario_id"):
        scenario = selectors.scenario_find_for_user(
            user=user, scenario_id=target["scenario_id"], write=True
        )
    if scenario is not None:
        label = f"{scenario.client.name}: {scenario.name}"
        return {
            "signed_in": True,
            "scenario": scenario,
            "open": True,
            "title": f"Save to {label}",
            "button": f"Save to {label}",
        }
    for_client = bool(target.get("client_id"))
    if form is None:
        form = SaveResultForm(
            clients=selectors.client_choices_for_user(user=user), for_client=for_client
        )
    title = f"Save to {target.get('label', '')}" if for_client else "Save to a client"
    return {
        "signed_in": True,
        "form": form,
        "open": for_client,
        "title": title,
        "button": title if for_client else "Save",
    }


@require_POST
@login_required
def wizard_save(request: HttpRequest) -> HttpResponse:
    """Save the finished questionnaire: as a new version of the scenario being edited, as a
    new scenario of the client it was started for, or to a client picked (or named) here."""
    selectors.membership_check(user=request.user, write=True)
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
    form = SaveResultForm(
        request.POST,
        clients=selectors.client_choices_for_user(user=request.user),
        for_client=client is not None,
    )
    if form.is_valid():
        try:
            scenario = services.scenario_save_result(
                user=request.user,
                answers=answers,
                name=form.cleaned_data["name"],
                client=client or form.cleaned_data.get("client"),
                new_client=form.cleaned_data.get("new_client", ""),
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            wizard_reset(request)
            messages.success(request, f"Saved “{scenario.name}” for {scenario.client.name}.")
            return redirect("orgdesign:scenario-detail", scenario_id=scenario.pk)
    return render(
        request,
        "orgdesign/scenarios/save_result.html",
        {"save": save_result_context(request, target=target, form=form)},
        status=400,
    )


# --- One scenario ---------------------------------------------------------------------------


@require_GET
@login_required
def scenario_detail(request: HttpRequest, scenario_id: int) -> HttpResponse:
    scenario = selectors.scenario_get_for_user(user=request.user, scenario_id=scenario_id)
    update = rules_update(
        answers=scenario.answers,
        saved=scenario.recommendation,
        ruleset_version=scenario.ruleset_version,
    )
    context = {
        "scenario": scenario,
        "client": scenario.client,
        **recommendation_context(scenario.recommendation),
        **voice_context(scenario.voice, scenario.recommendation),
        "rules_update": update,
        "share_links": selectors.share_links_for_scenario(scenario=scenario),
        "active_share_links": selectors.share_links_active_count(scenario=scenario),
        **firm_review_context(scenario),
    }
    if update:
        new = update.recommendation
        context["new_voice"] = voice_context(scenario.voice, new)["voice"]
        context["new_chart_svg"] = chart_html(new, "orgchart-new")
        context["saved_seats"] = seat_lines(scenario.recommendation)
        context["new_p"] = present(new)
        context["new_seats"] = seat_lines(new)
    return render(request, "orgdesign/scenarios/detail.html", context)


@require_http_methods(GET_POST)
@login_required
def scenario_edit(request: HttpRequest, scenario_id: int) -> HttpResponse:
    """Reopen the questionnaire prefilled with the scenario's answers."""
    scenario = selectors.scenario_get_for_user(
        user=request.user, scenario_id=scenario_id, write=True
    )
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
    scenario = selectors.scenario_get_for_user(
        user=request.user, scenario_id=scenario_id, write=True
    )

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
    scenario = selectors.scenario_get_for_user(
        user=request.user, scenario_id=scenario_id, write=True
    )

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
    scenario = selectors.scenario_get_for_user(
        user=request.user, scenario_id=scenario_id, write=True
    )
    if request.method == "POST":
        services.scenario_trash(scenario=scenario, user=request.user)
        messages.success(
            request,
            f"Scenario “{scenario.name}” moved to the trash. You can restore it from the "
            f"trash for {TRASH_DAYS} days.",
        )
        return redirect("orgdesign:client-detail", client_id=scenario.client_id)
    return confirm_page(
        request,
        title=f"Delete “{scenario.name}”?",
        text=f"It goes to the trash with its {scenario.version} saved "
        f"version{'s' if scenario.version != 1 else ''} for {TRASH_DAYS} days, then for "
        "good. Meanwhile its share links open nothing; restoring it brings them back.",
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
    entries = history(versions, current=scenario.version)
    return render(
        request,
        "orgdesign/scenarios/history.html",
        {
            "scenario": scenario,
            "client": scenario.client,
            "entries": entries,
            **history_review_context(scenario),
        },
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
            **recommendation_context(version.recommendation),
            **voice_context(version.voice, version.recommendation),
            "changes": answers_diff(version.answers, scenario.answers),
            "is_current": version.number == scenario.version,
            **history_review_context(scenario),
        },
    )


@require_http_methods(GET_POST)
@login_required
def scenario_restore(request: HttpRequest, scenario_id: int, number: int) -> HttpResponse:
    """Make an old version current again, as a new version."""
    scenario = selectors.scenario_get_for_user(
        user=request.user, scenario_id=scenario_id, write=True
    )
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
    scenario = selectors.scenario_get_for_user(
        user=request.user, scenario_id=scenario_id, write=True
    )
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


# --- The consultant's voice ---------------------------------------------------------------


@require_http_methods(GET_POST)
@login_required
def scenario_voice(request: HttpRequest, scenario_id: int) -> HttpResponse:
    """Our view, own seat titles and adjusted reporting lines, saved as a new version."""
    scenario = selectors.scenario_get_for_user(
        user=request.user, scenario_id=scenario_id, write=True
    )
    rec = scenario.recommendation
    form = VoiceForm(request.POST or None, rec=rec, view=voice(scenario.voice, rec))
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            before = scenario.version
            try:
                services.scenario_set_voice(
                    scenario=scenario,
                    user=request.user,
                    our_view=form.cleaned_data["our_view"],
                    seats=form.seats(),
                )
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                if scenario.version == before:
                    messages.info(request, "Nothing changed in our view.")
                else:
                    messages.success(request, f"Our view saved as version {scenario.version}.")
                return redirect(
                    reverse("orgdesign:scenario-detail", args=[scenario.pk]) + "#voice-title"
                )
    return render(
        request,
        "orgdesign/scenarios/voice_form.html",
        {"form": form, "scenario": scenario, "client": scenario.client},
        status=status,
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
    context["ours"] = compare_ours(scenarios)
    context["query"] = "&".join(f"s={s.pk}" for s in scenarios)
    return render(request, "orgdesign/scenarios/compare.html", context)


def compare_ours(scenarios: list) -> tuple:
    """Each compared scenario's sign-off line and the consultant's voice (from the presenter,
    as the reports print them); the sign-offs of every scenario in one query."""
    signoffs = selectors.signoffs_for_scenarios(scenarios=scenarios)
    return comparison_ours(
        [
            (
                s.name,
                s.recommendation,
                s.voice,
                signoff_status(version=s.version, signoffs=signoffs[s.pk]),
            )
            for s in scenarios
        ]
    )
