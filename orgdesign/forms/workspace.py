"""Forms of the consultants' workspace: accounts, clients, scenarios, share links.

Forms only parse and validate input; the views pass the cleaned data to the services.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm
from django.db.models import QuerySet
from django.utils import timezone

from orgdesign.http import id_or_none
from orgdesign.models import NAME_MAX, SHARE_LABEL_MAX, Client, Role
from orgdesign.validators import CLIENT_NAME, FIRM_NAME, SCENARIO_NAME, SHARE_LABEL

SCENARIO_NAME_HELP = "For example “Today” or “After the Series B”."


class LoginForm(AuthenticationForm):
    """Django's sign-in form with browser hints for password managers."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.update({"autocomplete": "username"})
        self.fields["password"].widget.attrs.update({"autocomplete": "current-password"})


class SignupForm(UserCreationForm):
    """A new consultant account: username, email (for password resets), password twice."""

    email = forms.EmailField(
        required=True, help_text="Used only to reset your password if you forget it."
    )

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ("username", "email")

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if get_user_model().objects.filter(email__iexact=email).exists():
            raise forms.ValidationError("An account with this email address already exists.")
        return email


class ClientForm(forms.ModelForm):
    class Meta:
        model = Client
        fields = ("name", "industry", "notes")
        widgets = {"notes": forms.Textarea(attrs={"rows": 5})}
        help_texts = {"notes": "Private to you: never shown on share links or reports."}


class ScenarioNameForm(forms.Form):
    name = forms.CharField(
        max_length=NAME_MAX,
        label="Scenario name",
        help_text=SCENARIO_NAME_HELP,
        validators=[SCENARIO_NAME],
    )


class ShareLinkLabelForm(forms.Form):
    label = forms.CharField(
        max_length=SHARE_LABEL_MAX,
        required=False,
        label="Sent to (optional)",
        help_text="Who you gave the link to, e.g. “Maria Chen, CEO”. Only your firm sees it.",
        validators=[SHARE_LABEL],
    )


class ShareLinkForm(ShareLinkLabelForm):
    expires_on = forms.DateField(
        required=False,
        label="Expires on (optional)",
        help_text=(
            "The link stops working at the end of this day. "
            "Leave empty to keep it until you revoke it."
        ),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def clean_expires_on(self) -> dt.date | None:
        day = self.cleaned_data["expires_on"]
        if day is not None and day < timezone.localdate():
            raise forms.ValidationError("Pick today or a later date.")
        return day

    def expires_at(self) -> dt.datetime | None:
        """The end of the chosen day, in the site's time zone."""
        day = self.cleaned_data.get("expires_on")
        if day is None:
            return None
        return timezone.make_aware(dt.datetime.combine(day, dt.time.max))


class IdChoiceField(forms.ModelChoiceField):
    """A choice of object by id, read like every id the app takes (orgdesign.http): plain
    ASCII digits within the database's range, else "not one of the choices"."""

    def to_python(self, value):
        if value not in self.empty_values and id_or_none(str(value)) is None:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)


class SaveResultForm(forms.Form):
    """Save a finished questionnaire: to an existing client, or a new one by name.

    `clients` is the consultant's clients (from `selectors.client_list_for_user`). With
    `for_client`, the questionnaire was started for one client: only the name is asked.
    """

    client = IdChoiceField(
        queryset=Client.objects.none(), required=False, empty_label="New client…"
    )
    new_client = forms.CharField(
        max_length=NAME_MAX,
        required=False,
        label="New client's name",
        help_text="Only when you picked “New client…”.",
        validators=[CLIENT_NAME],
    )
    name = forms.CharField(
        max_length=NAME_MAX,
        label="Scenario name",
        help_text=SCENARIO_NAME_HELP,
        initial="Today",
        validators=[SCENARIO_NAME],
    )

    def __init__(self, *args, clients: QuerySet[Client], for_client: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if for_client:
            del self.fields["client"], self.fields["new_client"]
        else:
            self.fields["client"].queryset = clients

    def clean(self):
        data = super().clean()
        if (
            "client" in self.fields
            and not data.get("client")
            and not (data.get("new_client") or "").strip()
        ):
            self.add_error("new_client", "Pick a client or give the new client's name.")
        return data


class InvitationForm(forms.Form):
    """Invite a colleague: their email address and the role they get on accepting."""

    email = forms.EmailField(label="Their email address", max_length=254)
    role = forms.ChoiceField(
        label="Role",
        choices=Role.choices,
        initial=Role.CONSULTANT,
        help_text="Owner: members and branding too. Consultant: clients and scenarios. "
        "Viewer: read and export only.",
    )


class MemberRoleForm(forms.Form):
    role = forms.ChoiceField(label="Role", choices=Role.choices)


class FirmNameForm(forms.Form):
    name = forms.CharField(
        max_length=NAME_MAX,
        label="Firm name",
        help_text="How members see the firm here. The name on reports is set on the branding page.",
        validators=[FIRM_NAME],
    )
