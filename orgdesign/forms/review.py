"""The client's review on a share link (a comment, a sign-off) and the member's reply.

Forms only parse and validate; the views hand the cleaned data to the services, which
check the version shown is still the current one. The version shown rides in a hidden
field and is read as plain ASCII digits (never trusted beyond that: the service compares
it with the stored scenario).
"""

from __future__ import annotations

from collections.abc import Sequence

from django import forms

from orgdesign.http import ascii_int
from orgdesign.models import COMMENT_MAX, REVIEWER_MAX
from orgdesign.validators import COMMENT_TEXT, REPLY_TEXT, REVIEWER_NAME, REVIEWER_ROLE

VERSION_DIGITS = 9


class VersionField(forms.CharField):
    """The version number the page showed, as ASCII digits."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(max_length=VERSION_DIGITS, **kwargs)

    def clean(self, value) -> int:
        number = ascii_int(str(value or ""), max_digits=VERSION_DIGITS)
        if not number:
            raise forms.ValidationError(
                "The page did not say which version you read: open the link again.",
                code="version",
            )
        return number


def _name_field() -> forms.CharField:
    return forms.CharField(
        label="Your name",
        max_length=REVIEWER_MAX,
        validators=[REVIEWER_NAME],
        error_messages={"required": "Your name: please write it, so the consultant knows who."},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )


def _text_field(label: str, validator, *, rows: int) -> forms.CharField:
    """A comment's or reply's text: several lines, at most COMMENT_MAX characters."""
    return forms.CharField(
        label=label,
        max_length=COMMENT_MAX,
        validators=[validator],
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={
            "required": f"{label}: please write something before sending.",
            "max_length": f"{label}: keep it to {COMMENT_MAX:,} characters at most "
            "(it has %(show_value)d).",
        },
    )


class ReviewCommentForm(forms.Form):
    """A comment on the recommendation as a whole, on one reason or on one seat.

    `targets` are the choices the page offers, as (value, label) pairs from
    `presenter.review_targets`: "" for the whole, "reason:<rule>", "seat:<code>".
    """

    prefix = "comment"

    version = VersionField()
    about = forms.ChoiceField(label="About", required=False)
    author_name = _name_field()
    text = _text_field("Your comment", COMMENT_TEXT, rows=4)

    def __init__(self, *args, targets: Sequence[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["about"].choices = list(targets)
        self.fields["about"].error_messages["invalid_choice"] = (
            "About: pick the recommendation, one of its reasons or one of its seats."
        )

    def target(self) -> tuple[str, str]:
        """(kind, key): ("recommendation", ""), ("reason", rule id) or ("seat", code)."""
        about = self.cleaned_data.get("about") or ""
        kind, _, key = about.partition(":")
        return (kind, key) if key else ("recommendation", "")


class SignOffForm(forms.Form):
    """The client's sign-off of the version shown: name, role and an explicit confirmation."""

    prefix = "signoff"

    version = VersionField()
    name = _name_field()
    role = forms.CharField(
        label="Your role",
        max_length=REVIEWER_MAX,
        validators=[REVIEWER_ROLE],
        help_text="For example “Chair of the board” or “CEO”.",
        error_messages={"required": "Your role: please write it, e.g. “Chair of the board”."},
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    confirm = forms.BooleanField(
        error_messages={"required": "Confirmation: tick the box to sign off this version."},
    )

    def __init__(self, *args, client_name: str, scenario_name: str, version: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[
            "confirm"
        ].label = f"I confirm that {client_name} accepts version {version} of “{scenario_name}”."


class ReviewReplyForm(forms.Form):
    """A member's answer to a client's comment."""

    text = _text_field("Your reply", REPLY_TEXT, rows=3)
