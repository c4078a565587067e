"""The one check for names people type (clients, scenarios, the firm on reports).

A name is one line of text that is shown on pages, in PDFs and in file names. It may be in
any script, but it may not hold control characters (bells, escapes, line breaks) or the
Unicode controls that reorder how text is displayed (embeddings, overrides and isolates,
U+202A-U+202E and U+2066-U+2069), which can make a name read differently from what it is
("Trojan Source"). The plain direction marks U+200E/U+200F stay allowed: they cannot
reorder a run of text, and names mixing right-to-left and left-to-right scripts need them.
"""

from __future__ import annotations

import unicodedata

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.deconstruct import deconstructible

# The accent colour of reports and org charts: its default and its one pattern (#rrggbb).
DEFAULT_ACCENT = "#1f4e79"
HEX_COLOUR_PATTERN = r"^#[0-9a-fA-F]{6}$"
HEX_COLOUR = RegexValidator(HEX_COLOUR_PATTERN, f"Use a colour like {DEFAULT_ACCENT}.")

BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Control characters, and the line and paragraph separators (a name is one line).
CONTROL_CATEGORIES = frozenset({"Cc", "Zl", "Zp"})


@deconstructible
class PlainNameValidator:
    """Refuse control and text-direction characters; the message names the field."""

    def __init__(self, label: str = "The name"):
        self.label = label

    def __call__(self, value: str) -> None:
        for char in str(value):
            if char in BIDI_CONTROLS:
                raise ValidationError(
                    f"{self.label} may not contain characters that change the direction of "
                    f"text (U+{ord(char):04X}).",
                    code="bidi_control",
                )
            if unicodedata.category(char) in CONTROL_CATEGORIES:
                raise ValidationError(
                    f"{self.label} may not contain control characters or line breaks "
                    f"(U+{ord(char):04X}).",
                    code="control_character",
                )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PlainNameValidator) and other.label == self.label


CLIENT_NAME = PlainNameValidator("The client's name")
SCENARIO_NAME = PlainNameValidator("The scenario's name")
FIRM_NAME = PlainNameValidator("The firm name")
SHARE_LABEL = PlainNameValidator("The label")


@deconstructible
class PlainTextValidator:
    """Text of several lines (a comment): line breaks and tabs are fine, other control
    characters and the text-direction controls are refused, as in names."""

    ALLOWED = frozenset("\n\r\t")

    def __init__(self, label: str = "The text"):
        self.label = label

    def __call__(self, value: str) -> None:
        PlainNameValidator(self.label)("".join(c for c in str(value) if c not in self.ALLOWED))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PlainTextValidator) and other.label == self.label


REVIEWER_NAME = PlainNameValidator("Your name")
REVIEWER_ROLE = PlainNameValidator("Your role")
COMMENT_TEXT = PlainTextValidator("The comment")
REPLY_TEXT = PlainTextValidator("The reply")
