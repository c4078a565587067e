"""The questionnaire's step forms.

Each form asks a few questions and turns its cleaned data into engine answers
(`answers()`), and back (`data_from_answers()`), so the wizard can store raw step data in
the session and re-validate it at the end. The engine stays the only judge of the final
answers (`orgdesign.rules.parse_answers`). Messages speak to a founder, not a developer.

The step page draws each field with a lean template of our own
(`templates/orgdesign/wizard/field.html`), in a plain loop: Django's per-option widget
templates and crispy's layout machinery dominated the cost of a wizard page, so radio
groups are drawn from the choices directly.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms

from orgdesign.rules import CHOICES
from orgdesign.rules.answers import PRODUCT_LINES_MAX, PRODUCT_LINES_MIN, default_regulated
from orgdesign.rules.vocabulary import ASKED, FOUNDER, Voiced, same

YES_NO = (("yes", "Yes"), ("no", "No"))
CHOOSE_ONE = "Please choose one of the options."
CHOOSE_LISTED = "Please choose one of the options listed."

PRODUCT_FOCUS_EXAMPLES = {
    "tech_product": "For example a software or SaaS company, a platform or a device maker.",
    "tech_enabled": (
        "For example a retailer with an online shop, a bank with a mobile app, "
        "or a travel company that sells through its website."
    ),
    "internal": (
        "For example a manufacturer, a law firm or a hospital whose customers do not use "
        "its software."
    ),
}
INTERNAL_IT_EXAMPLES = {
    "light": "Email, office tools and a handful of subscriptions.",
    "moderate": "An ERP or CRM, a few integrations, a small IT team or a partner.",
    "heavy": "Several sites, hundreds of users or devices, a service desk and on-call support.",
}


def choice_field(key: str, *, descriptions: dict[str, str] | None = None) -> forms.ChoiceField:
    """A required radio group over the engine's choices for `key`, asked as `ASKED` says."""
    field = forms.ChoiceField(
        choices=CHOICES[key],
        label=ASKED[key].question.founder,
        help_text=ASKED[key].help.founder,
        widget=forms.RadioSelect,
        error_messages={"required": CHOOSE_ONE, "invalid_choice": CHOOSE_LISTED},
    )
    field.options = [(v, text, (descriptions or {}).get(v, "")) for v, text in CHOICES[key]]
    return field


def yes_no_field(key: str) -> forms.TypedChoiceField:
    """A required Yes/No radio group whose cleaned value is a bool, asked as `ASKED` says."""
    field = forms.TypedChoiceField(
        choices=YES_NO,
        coerce=lambda value: value == "yes",
        label=ASKED[key].question.founder,
        help_text=ASKED[key].help.founder,
        widget=forms.RadioSelect,
        error_messages={"required": "Please answer yes or no.", "invalid_choice": CHOOSE_LISTED},
    )
    field.options = [(v, text, "") for v, text in YES_NO]
    return field


def _as_data(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


class WizardStepForm(forms.Form):
    """A step of the questionnaire: a title, an introduction and a few questions, each in
    the founder's and the consultant's voice (`orgdesign.rules.vocabulary.Voiced`)."""

    title: ClassVar[Voiced] = same("")
    intro: ClassVar[Voiced] = same("")

    def __init__(
        self,
        *args: Any,
        earlier: dict[str, Any] | None = None,
        voice: str = FOUNDER,
        **kwargs: Any,
    ):
        # `earlier`: the answers of the steps before this one (for defaults).
        self.earlier = earlier or {}
        self.voice = voice
        super().__init__(*args, **kwargs)
        if voice != FOUNDER:
            for name, field in self.fields.items():
                asked = ASKED.get(name)
                if asked is None:
                    continue
                field.label = asked.question.say(voice)
                if asked.help != same(""):  # else the field keeps a help of its own
                    field.help_text = asked.help.say(voice)
                if asked.missing is not None:
                    field.error_messages = {
                        **field.error_messages,
                        "required": asked.missing.say(voice),
                    }

    @property
    def heading(self) -> str:
        """The step's title in this form's voice."""
        return self.title.say(self.voice)

    @property
    def introduction(self) -> str:
        return self.intro.say(self.voice)

    def answers(self) -> dict[str, Any]:
        """The engine answers of a valid form."""
        return dict(self.cleaned_data)

    def stored_data(self) -> dict[str, str]:
        """The cleaned answers as form data (strings), ready to store in the session."""
        return {name: _as_data(value) for name, value in self.cleaned_data.items()}

    @classmethod
    def data_from_answers(cls, answers: dict[str, Any]) -> dict[str, str]:
        """This step's form data for a complete set of engine answers."""
        return {name: _as_data(answers[name]) for name in cls.base_fields if name in answers}


class CompanyForm(WizardStepForm):
    title = Voiced("Your company", "Their company")
    intro = same("Where the company is today. Pick the closest match; an estimate is fine.")

    stage = choice_field("stage")
    industry = forms.ChoiceField(
        choices=[("", "Choose an industry"), *CHOICES["industry"]],
        label=ASKED["industry"].question.founder,
        error_messages={
            "required": ASKED["industry"].missing.founder,
            "invalid_choice": CHOOSE_LISTED,
        },
    )


class ProductForm(WizardStepForm):
    title = Voiced("Your product", "Their product")
    intro = Voiced(
        "How central technology is to what your customers buy.",
        "How central technology is to what their customers buy.",
    )

    product_focus = choice_field("product_focus", descriptions=PRODUCT_FOCUS_EXAMPLES)


class ProductLinesForm(WizardStepForm):
    title = same("Product lines")
    intro = same("Large companies sometimes give each product line its own technology leader.")

    product_lines = forms.IntegerField(
        label=ASKED["product_lines"].question.founder,
        help_text=f"A whole number from {PRODUCT_LINES_MIN} to {PRODUCT_LINES_MAX}. Most "
        "companies have one.",
        min_value=PRODUCT_LINES_MIN,
        max_value=PRODUCT_LINES_MAX,
        initial=1,
        error_messages={
            "required": "Please enter the number of product lines (1 if you are unsure).",
            "invalid": f"Please enter a whole number from {PRODUCT_LINES_MIN} to "
            f"{PRODUCT_LINES_MAX}.",
            "min_value": f"Please enter at least {PRODUCT_LINES_MIN}.",
            "max_value": f"Please enter {PRODUCT_LINES_MAX} or fewer; for more, enter "
            f"{PRODUCT_LINES_MAX}.",
        },
    )


class OperationsForm(WizardStepForm):
    title = Voiced("Your operations", "Their operations")
    intro = same("The internal side of technology: data, systems and who is accountable.")

    regulated = yes_no_field("regulated")
    internal_app_dev = yes_no_field("internal_app_dev")
    internal_it = choice_field("internal_it", descriptions=INTERNAL_IT_EXAMPLES)
    single_leader = yes_no_field("single_leader")

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        industry = self.earlier.get("industry")
        regulated = default_regulated(industry) if industry else False
        self.fields["regulated"].initial = "yes" if regulated else "no"
        self.fields["internal_app_dev"].initial = "no"
        self.fields["internal_it"].initial = "moderate"
        self.fields["single_leader"].initial = "no"


class LeadershipForm(WizardStepForm):
    title = same("Leadership today")
    intro = same("The advice ends with the steps from today's set-up to the recommended one.")

    current_leadership = choice_field("current_leadership")
