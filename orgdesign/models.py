"""The firm's saved work: clients, scenarios with their history, share links, branding.

A Firm has members (Membership: owner, consultant or viewer); every row belongs to one
firm, directly (Client, Branding) or through its client (Scenario, ScenarioVersion,
ShareLink). `Client.owner` and `ScenarioVersion.changed_by` say who created or changed a
row, not who may see it. Reads go through the selectors in `orgdesign/selectors.py`, which
filter by the reader's firm and check their role; writes go through `orgdesign/services.py`.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import timezone

from orgdesign.rules import CHOICES
from orgdesign.rules.vocabulary import ROLE_MODELS
from orgdesign.validators import (
    CLIENT_NAME,
    DEFAULT_ACCENT,
    FIRM_NAME,
    HEX_COLOUR,
    SCENARIO_NAME,
)

INDUSTRY_CHOICES = [("", "Not specified"), *CHOICES["industry"]]
ROLE_MODEL_CHOICES = [(code, term.title) for code, term in ROLE_MODELS.items()]
NAME_MAX = 200
NOTES_MAX = 5000


class Firm(models.Model):
    """A consultancy: its members share its clients, scenarios, share links and branding."""

    name = models.CharField(max_length=NAME_MAX, validators=[FIRM_NAME])
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    """What a member may do: the owner everything (members, branding), a consultant create
    and change clients and scenarios, a viewer read and export."""

    OWNER = "owner", "Owner"
    CONSULTANT = "consultant", "Consultant"
    VIEWER = "viewer", "Viewer"


class MembershipManager(models.Manager):
    def get_by_natural_key(self, username: str) -> Membership:
        return self.get(user__username=username)


class Membership(models.Model):
    """A user's place in a firm. One firm per user for now: `user` is unique (so the demo
    data can key a membership by its user's username)."""

    firm = models.ForeignKey(Firm, on_delete=models.CASCADE, related_name="memberships")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership"
    )
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.CONSULTANT)
    joined_at = models.DateTimeField(auto_now_add=True)

    objects = MembershipManager()

    class Meta:
        ordering = ["firm", "joined_at", "id"]
        constraints = [models.UniqueConstraint(fields=["firm", "user"], name="unique_membership")]

    def __str__(self) -> str:
        return f"{self.user} ({self.role}) in {self.firm}"

    def natural_key(self) -> tuple[str]:
        return self.user.natural_key()

    natural_key.dependencies = [settings.AUTH_USER_MODEL]

    @property
    def can_write(self) -> bool:
        return self.role in (Role.OWNER, Role.CONSULTANT)

    @property
    def is_owner(self) -> bool:
        return self.role == Role.OWNER


class Invitation(models.Model):
    """An invitation to join a firm, sent by email as a signed link that carries this row's
    id (see `orgdesign.invitations`); accepting marks it used, so it works once."""

    firm = models.ForeignKey(Firm, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.CONSULTANT)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Invitation of {self.email} to {self.firm}"


class Client(models.Model):
    """A company a firm advises; `owner` is the member who created it."""

    firm = models.ForeignKey(Firm, on_delete=models.CASCADE, related_name="clients")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="clients",
    )
    name = models.CharField(max_length=NAME_MAX, validators=[CLIENT_NAME])
    industry = models.CharField(max_length=32, choices=INDUSTRY_CHOICES, blank=True)
    notes = models.TextField(blank=True, validators=[MaxLengthValidator(NOTES_MAX)])
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["firm", "name"])]

    def __str__(self) -> str:
        return self.name


class Scenario(models.Model):
    """A named set of answers for a client, with the recommendation they produced.

    `answers` holds every answer with defaults resolved; `recommendation` is the engine's
    output (its `to_dict()`) at the time of saving, under `ruleset_version`. `version`
    counts the saved versions; each one is kept as a ScenarioVersion.
    """

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="scenarios")
    name = models.CharField(max_length=NAME_MAX, validators=[SCENARIO_NAME])
    answers = models.JSONField()
    recommendation = models.JSONField()
    role_model = models.CharField(max_length=16, choices=ROLE_MODEL_CHOICES)
    ruleset_version = models.CharField(max_length=32)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["client", "name", "id"]
        # The client list reads each client's scenario changed last, and searches its
        # scenarios' names without reading their recommendations (docs/benchmarks.md).
        indexes = [
            models.Index(fields=["client", "updated_at", "id"], name="orgdesign_scenario_latest"),
            models.Index(fields=["client", "name"], name="orgdesign_scenario_names"),
        ]

    def __str__(self) -> str:
        return self.name


class ScenarioVersion(models.Model):
    """One saved state of a scenario: who saved it, when, and what changed."""

    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    name = models.CharField(max_length=NAME_MAX, validators=[SCENARIO_NAME])
    answers = models.JSONField()
    recommendation = models.JSONField()
    role_model = models.CharField(max_length=16, choices=ROLE_MODEL_CHOICES)
    ruleset_version = models.CharField(max_length=32)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # The answer keys that differ from the previous version (empty for the first one).
    changed_keys = models.JSONField(default=list, blank=True)
    note = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["scenario", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["scenario", "number"], name="unique_version_number")
        ]

    def __str__(self) -> str:
        return f"{self.name} v{self.number}"


class ShareLink(models.Model):
    """A read-only link to one scenario's result, revocable, with an optional expiry."""

    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, related_name="share_links")
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Share link for {self.scenario}"

    @property
    def is_active(self) -> bool:
        """Whether the link opens its result: not revoked, and not past its expiry."""
        return self.revoked_at is None and (
            self.expires_at is None or self.expires_at > timezone.now()
        )


class Branding(models.Model):
    """A firm's name on reports, accent colour and logo, shown on its reports.

    The logo is kept in the database (validated PNG or SVG, small), so it needs no media
    storage and is only ever served to the firm's members or embedded in its reports.
    `owner` is the member who last saved it.
    """

    firm = models.OneToOneField(Firm, on_delete=models.CASCADE, related_name="branding")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    firm_name = models.CharField(max_length=120, blank=True, validators=[FIRM_NAME])
    accent_colour = models.CharField(max_length=7, default=DEFAULT_ACCENT, validators=[HEX_COLOUR])
    logo = models.BinaryField(blank=True, default=b"", editable=False)
    logo_content_type = models.CharField(max_length=32, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.firm_name or f"Branding of {self.firm}"
