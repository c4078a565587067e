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


def choice_field(
    key: str, *, label: str, help_text: str = "", descriptions: dict[str, str] | None = None
) -> forms.ChoiceField:
    """A required radio group over the engine's choices for `key`."""
    field = forms.ChoiceField(
        choices=CHOICES[key],
        label=label,
        help_text=help_text,
        widget=forms.RadioSelect,
        error_messages={"required": CHOOSE_ONE, "invalid_choice": CHOOSE_LISTED},
    )
    field.options = [(v, text, (descriptions or {}).get(v, "")) for v, text in CHOICES[key]]
    return field


def yes_no_field(*, label: str, help_text: str = "") -> forms.TypedChoiceField:
    """A required Yes/No radio group whose cleaned value is a bool."""
    field = forms.TypedChoiceField(
        choices=YES_NO,
        coerce=lambda value: value == "yes",
        label=label,
        help_text=help_text,
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
    """A step of the questionnaire: a title, an introduction and a few questions."""

    title: ClassVar[str] = ""
    intro: ClassVar[str] = ""

    def __init__(self, *args: Any, earlier: dict[str, Any] | None = None, **kwargs: Any):
        # `earlier`: the answers of the steps before this one (for defaults).
        self.earlier = earlier or {}
        super().__init__(*args, **kwargs)

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
    title = "Your company"
    intro = "Where the company is today. Pick the closest match; an estimate is fine."

    stage = choice_field("stage", label="How large is the company?")
    industry = forms.ChoiceField(
        choices=[("", "Choose an industry"), *CHOICES["industry"]],
        label="Which industry are you in?",
        error_messages={
            "required": "Please choose your industry.",
            "invalid_choice": CHOOSE_LISTED,
        },
    )


class ProductForm(WizardStepForm):
    title = "Your product"
    intro = "How central technology is to what your customers buy."

    product_focus = choice_field(
        "product_focus",
        label="What role does technology play in what you sell?",
        descriptions=PRODUCT_FOCUS_EXAMPLES,
    )


class ProductLinesForm(WizardStepForm):
    title = "Product lines"
    intro = "Large companies sometimes give each product line its own technology leader."

    product_lines = forms.IntegerField(
        label="How many separate product lines, each with its own technology, do you run?",
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
    title = "Your operations"
    intro = "The internal side of technology: data, systems and who is accountable."

    regulated = yes_no_field(
        label="Do you handle regulated or highly sensitive data?",
        help_text="For example payments, health records, or personal data under strict rules.",
    )
    internal_app_dev = yes_no_field(
        label="Do you build many of your own internal business applications?",
        help_text="Software for your staff, not your customers: back-office, operations, "
        "reporting.",
    )
    internal_it = choice_field(
        "internal_it",
        label="How complex is your internal IT?",
        descriptions=INTERNAL_IT_EXAMPLES,
    )
    single_leader = yes_no_field(
        label="Do you want one executive accountable for all technology?",
        help_text="Some companies prefer a single person answering for everything technical.",
    )

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        industry = self.earlier.get("industry")
        regulated = default_regulated(industry) if industry else False
        self.fields["regulated"].initial = "yes" if regulated else "no"
        self.fields["internal_app_dev"].initial = "no"
        self.fields["internal_it"].initial = "moderate"
        self.fields["single_leader"].initial = "no"


class LeadershipForm(WizardStepForm):
    title = "Leadership today"
    intro = "The advice ends with the steps from today's set-up to the recommended one."

    current_leadership = choice_field(
        "current_leadership", label="Who leads technology in the company today?"
    )
