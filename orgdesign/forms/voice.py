"""The consultant's voice on a scenario: "our view", and per seat an own title and an
adjusted reporting line with its reason.

The form only parses; `services.voice_clean` validates against the scenario's advice and
names the field of each error (`services.voice_field`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms

from orgdesign.presenter import VoiceView, seat_rows, voice_boss_choices
from orgdesign.services import OUR_VIEW_MAX, REASON_MAX, SEAT_TITLE_MAX, VOICE_PARTS, voice_field

ENGINE_LINE = "The engine's advice"


class VoiceForm(forms.Form):
    our_view = forms.CharField(
        label="Our view",
        required=False,
        max_length=OUR_VIEW_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Shown beside the engine's advice on the page, the share link and every "
        "report. Markdown: **bold**, *italic*, lists (- or 1.), [links](https://…).",
    )

    def __init__(self, *args, rec: Mapping[str, Any], view: VoiceView, **kwargs):
        """One group of fields per seat of the advice (`rec`), then one per adjustment kept
        from before whose seat the advice no longer has (clear it to remove it)."""
        kept = view.by_code
        initial = {"our_view": view.our_view}
        for seat in view.seats:
            initial[voice_field("title", seat.code)] = seat.our_title
            initial[voice_field("reports_to", seat.code)] = seat.our_boss_code
            initial[voice_field("reason", seat.code)] = seat.reason
        super().__init__(*args, initial=initial, **kwargs)
        self.seat_groups: list[dict[str, Any]] = []
        rows = list({row.code: row for row in reversed(seat_rows(rec))}.values())[::-1]
        seats = [(row.code, row.title, row.boss, True) for row in rows]
        seats += [(s.code, s.seat, "", False) for s in view.missing]
        for code, title, boss, in_advice in seats:
            label = kept[code].short if code in kept else title
            self.fields[voice_field("title", code)] = forms.CharField(
                label=f"Our title for “{title}”",
                required=False,
                max_length=SEAT_TITLE_MAX,
                help_text="The client's own name for the seat; the engine's title stays beside it.",
            )
            choices = [("", f"{ENGINE_LINE}: {boss}" if boss else ENGINE_LINE)]
            choices += [(c, f"Reports to {name}") for c, name in voice_boss_choices(rec, code)]
            if not in_advice and code in kept and kept[code].our_boss_code:
                boss_code = kept[code].our_boss_code
                if boss_code not in dict(choices):
                    choices.append((boss_code, f"Reports to {kept[code].our_boss}"))
            self.fields[voice_field("reports_to", code)] = forms.ChoiceField(
                label="Reporting line", required=False, choices=choices
            )
            self.fields[voice_field("reason", code)] = forms.CharField(
                label="Because",
                required=False,
                max_length=REASON_MAX,
                help_text="Required when the line differs from the engine's advice.",
            )
            self.seat_groups.append(
                {
                    "code": code,
                    "title": title,
                    "label": label,
                    "in_advice": in_advice,
                    "fields": [self[voice_field(part, code)] for part in VOICE_PARTS],
                }
            )

    def seats(self) -> dict[str, dict[str, str]]:
        """The cleaned adjustments per seat code, for `services.scenario_set_voice`."""
        return {
            group["code"]: {
                part: self.cleaned_data.get(voice_field(part, group["code"]), "")
                for part in VOICE_PARTS
            }
            for group in self.seat_groups
        }
