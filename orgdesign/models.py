"""The consultant's saved work: clients, scenarios with their history, share links, branding.

Every row belongs to one consultant, directly (Client, Branding) or through its client
(Scenario, ScenarioVersion, ShareLink). Reads go through the selectors in
`orgdesign/selectors.py`, which filter by owner; writes go through `orgdesign/services.py`.
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


class Client(models.Model):
    """A company a consultant advises."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="clients"
    )
    name = models.CharField(max_length=NAME_MAX, validators=[CLIENT_NAME])
    industry = models.CharField(max_length=32, choices=INDUSTRY_CHOICES, blank=True)
    notes = models.TextField(blank=True, validators=[MaxLengthValidator(NOTES_MAX)])
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["owner", "name"])]

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
    """A consultant's firm name, accent colour and logo, shown on their reports.

    The logo is kept in the database (validated PNG or SVG, small), so it needs no media
    storage and is only ever served to its owner or embedded in their reports.
    """

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="branding"
    )
    firm_name = models.CharField(max_length=120, blank=True, validators=[FIRM_NAME])
    accent_colour = models.CharField(max_length=7, default=DEFAULT_ACCENT, validators=[HEX_COLOUR])
    logo = models.BinaryField(blank=True, default=b"", editable=False)
    logo_content_type = models.CharField(max_length=32, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.firm_name or f"Branding of {self.owner}"
