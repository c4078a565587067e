"""The questionnaire's flow: its steps, the answers kept in the session, and where each
button goes.

The steps are declared once, in order, as `(slug, form class, is_applicable)`; a step
whose `is_applicable` says no (given the earlier answers) is neither asked nor counted,
and its stored data is ignored. `QuestionnaireFlow` reads and writes the session and
answers every navigation question (the first unfinished step, where Next, Back and
"return to review" lead, the URL of a step): the views ask it, they never branch on step
slugs, and no slug is written anywhere but in `STEPS`.

Raw step data lives in the session as JSON, per step; every read re-validates it through
the step forms and, at the end, the engine's `parse_answers`, so nothing the browser sent
is trusted twice.

A questionnaire started for a client (a `target`) speaks to the consultant about the
client ("their company", "See the recommendation for Acme") and starts from what the
client record knows (`target["known"]`: its industry, shown as known and changeable); the
founder's questionnaire speaks to the founder. Every question is worded once, in both
voices, in `orgdesign.rules.vocabulary.ASKED`; the pages' other words are in `PAGE_WORDS`.

Used by the other areas:
    wizard_begin(request, *, answers=None, target=None)  reset, optionally prefill
    wizard_target(request) -> dict | None                 where a finished wizard goes
    wizard_answers(request) -> dict | None                complete answers, or None
    wizard_reset(request)                                 forget everything
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.core import signing
from django.http import HttpRequest
from django.urls import reverse

from orgdesign.forms.wizard import (
    CompanyForm,
    LeadershipForm,
    OperationsForm,
    ProductForm,
    ProductLinesForm,
    WizardStepForm,
)
from orgdesign.rules import CHOICES, AnswersError, parse_answers
from orgdesign.rules.vocabulary import CONSULTANT, FOUNDER, Voiced

SESSION_KEY = "orgdesign_wizard"
RESUME_SALT = "orgdesign.wizard.resume"
# Drafts are what a user typed before pressing Back: kept short, strings only.
DRAFT_MAX_CHARS = 100
PROGRESS_STEP = 5  # the progress bar's width classes go in steps of 5 per cent
# `?return_to=review` on a step: the user came from the review and goes back to it.
RETURN_TO, REVIEW = "return_to", "review"


@dataclass(frozen=True, slots=True)
class Step:
    slug: str
    form_class: type[WizardStepForm]
    is_applicable: Callable[[Mapping[str, Any]], bool]

    @property
    def title(self) -> str:
        return self.form_class.title.founder

    def title_in(self, voice: str) -> str:
        return self.form_class.title.say(voice)


def _always(answers: Mapping[str, Any]) -> bool:
    return True


def _sells_technology(answers: Mapping[str, Any]) -> bool:
    """Product lines only matter when technology is part of the offering."""
    return answers.get("product_focus") != "internal"


STEPS: tuple[Step, ...] = (
    Step("company", CompanyForm, _always),
    Step("product", ProductForm, _always),
    Step("product-lines", ProductLinesForm, _sells_technology),
    Step("operations", OperationsForm, _always),
    Step("leadership", LeadershipForm, _always),
)
STEP_BY_SLUG: dict[str, Step] = {step.slug: step for step in STEPS}

# The questionnaire's own words around the questions, in both voices; "{client}" is the
# client's name (only in the consultant's voice).
PAGE_WORDS: dict[str, Voiced] = {
    "review_title": Voiced("Review your answers", "Review the answers for {client}"),
    "review_progress": Voiced("Review your answers", "Review the answers"),
    "review_intro": Voiced(
        "Check each group; change anything with its Edit link. Then see the recommendation.",
        "Check each group; change anything with its Edit link. Then see the recommendation "
        "for {client}.",
    ),
    "see_result": Voiced("See my recommendation", "See the recommendation for {client}"),
    "result_title": Voiced("Your recommendation", "The recommendation for {client}"),
    "what_if_back": Voiced(
        "Back to the advice for my answers", "Back to the advice for the answers given"
    ),
    "what_if_rest": Voiced(
        "Your other answers stay as they are; nothing is saved yet.",
        "The other answers stay as they are; nothing is saved yet.",
    ),
    "what_if_failed": Voiced(
        "Below is the advice for your answers.", "Below is the advice for the answers given."
    ),
    "resume_summary": Voiced(
        "Come back later, or send these answers to a co-founder",
        "Keep a link to these answers",
    ),
    "resume_text": Voiced(
        "Anyone with this link can see and change a copy of these answers. Nothing is "
        "stored on our side.",
        "Anyone with this link can see and change a copy of these answers; the copy is not "
        "tied to {client}. Save the result to keep it with the client.",
    ),
    "known": Voiced("", "from the client record of {client}"),
    "restarted": Voiced(
        "Your answers have been cleared. You can start again.",
        "The answers for {client} have been cleared. You can start again.",
    ),
}


# --- Session state ------------------------------------------------------------------------


def _clean_mapping(value: Any) -> dict[str, str]:
    """Keep only string keys with short string values: a session may hold anything."""
    if not isinstance(value, dict):
        return {}
    return {
        k: v
        for k, v in value.items()
        if isinstance(k, str) and isinstance(v, str) and len(v) <= DRAFT_MAX_CHARS
    }


@lru_cache(maxsize=4096)
def validated_step(slug: str, items: tuple[tuple[str, str], ...]) -> tuple | None:
    """A step's engine answers (as sorted items) if its raw data is valid, else None.

    Validity depends only on the step and its data (earlier answers only change the
    defaults shown), so results are memoised: re-validating every step on every page costs
    a dictionary look-up instead of five form constructions (docs/benchmarks.md, "Caches").
    The result is a tuple of pairs: nothing a caller could change for the next one.
    """
    form = STEP_BY_SLUG[slug].form_class(data=dict(items))
    if not form.is_valid():
        return None
    return tuple(sorted(form.answers().items()))


class QuestionnaireFlow:
    """One visitor's questionnaire: the answered steps, drafts and an optional target kept
    in the session, and where each step leads."""

    def __init__(self, request: HttpRequest):
        self.request = request
        raw = request.session.get(SESSION_KEY)
        if not isinstance(raw, dict):
            raw = {}
        steps = raw.get("steps") if isinstance(raw.get("steps"), dict) else {}
        drafts = raw.get("drafts") if isinstance(raw.get("drafts"), dict) else {}
        self.steps: dict[str, dict[str, str]] = {
            slug: _clean_mapping(data) for slug, data in steps.items() if slug in STEP_BY_SLUG
        }
        self.drafts: dict[str, dict[str, str]] = {
            slug: _clean_mapping(data) for slug, data in drafts.items() if slug in STEP_BY_SLUG
        }
        self.target: dict[str, Any] | None = _clean_target(raw.get("target"))
        self._walk: list[tuple[Step, dict[str, Any] | None]] | None = None

    def save(self) -> None:
        self.request.session[SESSION_KEY] = {
            "steps": self.steps,
            "drafts": self.drafts,
            "target": self.target,
        }
        self._walk = None

    # Who answers: a founder, or a consultant for a client (the target).

    @property
    def voice(self) -> str:
        return CONSULTANT if self.target else FOUNDER

    @property
    def client_name(self) -> str:
        target = self.target or {}
        return str(target.get("client_name") or target.get("label") or "the client")

    def words(self) -> dict[str, str]:
        """`PAGE_WORDS` in this questionnaire's voice, with the client's name filled in."""
        voice, client = self.voice, self.client_name
        return {key: text.say(voice).format(client=client) for key, text in PAGE_WORDS.items()}

    def known(self, step: Step) -> dict[str, str]:
        """What the client record gives for `step`'s questions (as form data): only
        listed answers of questions with a fixed list."""
        known = (self.target or {}).get("known")
        if not isinstance(known, dict):
            return {}
        return {
            name: value
            for name, value in known.items()
            if name in step.form_class.base_fields
            and name in CHOICES
            and value in dict(CHOICES[name])
        }

    def initial(self, step: Step) -> dict[str, str]:
        """A step's form data to show: what the client record knows, then the stored
        answer, then what was typed before pressing Back."""
        return {
            **self.known(step),
            **self.steps.get(step.slug, {}),
            **self.drafts.get(step.slug, {}),
        }

    def form(self, step: Step, **kwargs: Any) -> WizardStepForm:
        """`step`'s form in this questionnaire's voice, with the earlier answers."""
        return step.form_class(earlier=self.earlier_answers(step.slug), voice=self.voice, **kwargs)

    def target_url(self) -> str:
        """Where the target lives: the scenario being changed, the client the
        questionnaire was started for, or the client list."""
        target = self.target or {}
        if target.get("scenario_id"):
            return reverse("orgdesign:scenario-detail", args=[target["scenario_id"]])
        if target.get("client_id"):
            return reverse("orgdesign:client-detail", args=[target["client_id"]])
        return reverse("orgdesign:client-list")

    # Walking the steps: each answered, valid step adds its answers for the next ones.

    def walk(self) -> list[tuple[Step, dict[str, Any] | None]]:
        """The applicable steps in order, each with its validated answers or None."""
        if self._walk is None:
            answers: dict[str, Any] = {}
            out: list[tuple[Step, dict[str, Any] | None]] = []
            for step in STEPS:
                if not step.is_applicable(answers):
                    continue
                data = self.steps.get(step.slug)
                valid = None
                if data is not None:
                    valid = validated_step(step.slug, tuple(sorted(data.items())))
                    if valid is not None:
                        valid = dict(valid)
                        answers.update(valid)
                out.append((step, valid))
            self._walk = out
        return self._walk

    def applicable(self) -> list[Step]:
        return [step for step, _ in self.walk()]

    def earlier_answers(self, slug: str) -> dict[str, Any]:
        """The answers of the valid steps before `slug`."""
        answers: dict[str, Any] = {}
        for step, valid in self.walk():
            if step.slug == slug:
                break
            answers.update(valid or {})
        return answers

    def first_unanswered(self) -> Step | None:
        for step, valid in self.walk():
            if valid is None:
                return step
        return None

    def is_reachable(self, slug: str) -> bool:
        """A step can be shown when it applies and every step before it is answered."""
        for step, valid in self.walk():
            if step.slug == slug:
                return True
            if valid is None:
                return False
        return False

    def step_after(self, slug: str) -> Step | None:
        steps = self.applicable()
        for index, step in enumerate(steps):
            if step.slug == slug:
                return steps[index + 1] if index + 1 < len(steps) else None
        return None

    def step_before(self, slug: str) -> Step | None:
        previous = None
        for step in self.applicable():
            if step.slug == slug:
                return previous
            previous = step
        return None

    def collected(self) -> dict[str, Any]:
        """Every answer of the valid applicable steps (possibly incomplete)."""
        answers: dict[str, Any] = {}
        for _, valid in self.walk():
            answers.update(valid or {})
        return answers

    def answers(self) -> dict[str, Any] | None:
        """The complete answers, re-validated by the engine, or None if unfinished."""
        if self.first_unanswered() is not None:
            return None
        try:
            return parse_answers(self.collected()).to_dict()
        except AnswersError:
            return None

    def answered_steps(self) -> list[tuple[Step, dict[str, Any]]]:
        """The applicable steps answered validly, with their answers."""
        return [(step, valid) for step, valid in self.walk() if valid is not None]

    def progress(self, position: int) -> dict[str, int]:
        """Step `position` (1-based) of the applicable steps; past the last is the review."""
        total = len(self.applicable())
        done = min(position - 1, total)
        percent = round(done * 100 / total / PROGRESS_STEP) * PROGRESS_STEP if total else 0
        return {"position": position, "total": total, "percent": percent, "done": done}

    # Where things are and where the buttons go.

    @staticmethod
    def step_url(step: Step, *, back_to_review: bool = False) -> str:
        url = reverse("orgdesign:wizard-step", kwargs={"step": step.slug})
        return f"{url}?{RETURN_TO}={REVIEW}" if back_to_review else url

    @staticmethod
    def first_step_url() -> str:
        """Where a fresh questionnaire starts."""
        return QuestionnaireFlow.step_url(STEPS[0])

    def resume_url(self) -> str:
        """The first unanswered step, or the review when every step is answered."""
        step = self.first_unanswered()
        return review_url() if step is None else self.step_url(step)

    def next_url(self, slug: str, *, back_to_review: bool) -> str:
        """After a valid answer to `slug`: the next step, or the review once everything is
        answered; "return to review" goes back to the review unless an answer is missing."""
        following = self.step_after(slug)
        unanswered = self.first_unanswered()
        if unanswered is None and (back_to_review or following is None):
            return review_url()
        if back_to_review and unanswered is not None:
            return self.step_url(unanswered)
        return self.step_url(following or unanswered)

    def back_url(self, slug: str, *, back_to_review: bool) -> str:
        """Back from `slug`: the previous step, the review (when editing from it), or the
        landing page before the first step."""
        previous = self.step_before(slug)
        if back_to_review:
            return review_url()
        if previous is None:
            return reverse("orgdesign:home")
        return self.step_url(previous)

    def review_back_url(self) -> str:
        """Back from the review: the last applicable step."""
        return self.step_url(self.applicable()[-1])

    def review_groups(self) -> list[dict[str, Any]]:
        """The answered steps with their answers and the link that edits them."""
        answers = self.answers() or {}
        return [
            {
                "step": step,
                "title": step.title_in(self.voice),
                "edit_url": self.step_url(step, back_to_review=True),
                "items": [(name, answers[name]) for name in step.form_class.base_fields],
            }
            for step, _ in self.answered_steps()
        ]

    def resume_link(self) -> str:
        """The absolute resume link of the answered steps."""
        return self.request.build_absolute_uri(
            reverse("orgdesign:wizard-resume", kwargs={"token": resume_token(self)})
        )

    # Changes.

    def store(self, slug: str, form: WizardStepForm) -> None:
        """Record a valid step; drop the data of steps that no longer apply."""
        self.steps[slug] = form.stored_data()
        self.drafts.pop(slug, None)
        self._walk = None
        applicable = {step.slug for step in self.applicable()}
        self.steps = {s: d for s, d in self.steps.items() if s in applicable}
        self.drafts = {s: d for s, d in self.drafts.items() if s in applicable}
        self.save()

    def store_draft(self, slug: str, data: Mapping[str, Any]) -> None:
        """Keep what was typed on a step without validating it (pressing Back)."""
        fields = STEP_BY_SLUG[slug].form_class.base_fields
        self.drafts[slug] = _clean_mapping({name: data.get(name) for name in fields})
        self.save()

    def prefill(self, answers: Mapping[str, Any]) -> None:
        """Fill every step from complete engine answers."""
        self.steps = {step.slug: step.form_class.data_from_answers(dict(answers)) for step in STEPS}
        self.drafts = {}
        self._walk = None
        applicable = {step.slug for step in self.applicable()}
        self.steps = {s: d for s, d in self.steps.items() if s in applicable}
        self.save()


def review_url() -> str:
    return reverse("orgdesign:wizard-review")


TARGET_IDS = ("client_id", "scenario_id")
TARGET_TEXTS = ("label", "client_name", "scenario_name")


def _clean_target(value: Any) -> dict[str, Any] | None:
    """The session's target with ids as positive ints, names as strings and `known` as a
    mapping of strings; None when there is none (a session may hold anything)."""
    if not isinstance(value, dict) or not value:
        return None
    target: dict[str, Any] = {}
    for key in TARGET_IDS:
        if isinstance(value.get(key), int) and not isinstance(value[key], bool) and value[key] > 0:
            target[key] = value[key]
    for key in TARGET_TEXTS:
        if isinstance(value.get(key), str):
            target[key] = value[key]
    if not target:  # nothing it names: no target
        return None
    if isinstance(value.get("known"), dict):
        target["known"] = _clean_mapping(value["known"])
    return target


# --- Public interface -----------------------------------------------------------------------


def wizard_begin(
    request: HttpRequest,
    *,
    answers: dict | None = None,
    target: dict | None = None,
) -> None:
    """Start the wizard afresh; with `answers`, prefill every step (the user lands on the
    review page); remember `target` (e.g. the client and scenario the result is for)."""
    state = QuestionnaireFlow(request)
    state.steps, state.drafts, state.target = {}, {}, target
    if answers:
        state.prefill(parse_answers(answers).to_dict())
    else:
        state.save()


def wizard_target(request: HttpRequest) -> dict | None:
    """The target remembered by `wizard_begin`, or None."""
    return QuestionnaireFlow(request).target


def wizard_answers(request: HttpRequest) -> dict | None:
    """The complete, re-validated answers (`Answers.to_dict()`), or None if unfinished."""
    return QuestionnaireFlow(request).answers()


def wizard_reset(request: HttpRequest) -> None:
    """Forget the answers, drafts and target."""
    request.session.pop(SESSION_KEY, None)


# --- Resume links ---------------------------------------------------------------------------


def resume_token(flow: QuestionnaireFlow) -> str:
    """The answered steps signed into a URL-safe token (no database)."""
    data = {step.slug: flow.steps[step.slug] for step, _ in flow.answered_steps()}
    return signing.dumps(data, salt=RESUME_SALT, compress=True)


def read_resume_token(token: str) -> dict[str, dict[str, str]] | None:
    """The step data signed into a resume token, or None when it was tampered with."""
    try:
        data = signing.loads(token, salt=RESUME_SALT)
    except (signing.BadSignature, ValueError):  # ValueError: corrupt compressed data
        return None
    if not isinstance(data, dict):
        return None
    return {slug: _clean_mapping(values) for slug, values in data.items() if slug in STEP_BY_SLUG}


def restore_steps(request: HttpRequest, steps: dict[str, dict[str, str]]) -> None:
    """Replace the session's answers with `steps` (from a resume token)."""
    state = QuestionnaireFlow(request)
    state.steps, state.drafts, state.target = steps, {}, None
    state.save()
