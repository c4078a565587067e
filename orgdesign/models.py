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
    COMMENT_TEXT,
    DEFAULT_ACCENT,
    FIRM_NAME,
    HEX_COLOUR,
    REPLY_TEXT,
    REVIEWER_NAME,
    REVIEWER_ROLE,
    SCENARIO_NAME,
    SHARE_LABEL,
)

INDUSTRY_CHOICES = [("", "Not specified"), *CHOICES["industry"]]
ROLE_MODEL_CHOICES = [(code, term.title) for code, term in ROLE_MODELS.items()]
NAME_MAX = 200
NOTES_MAX = 5000
SHARE_LABEL_MAX = 120
TRASH_DAYS = 30  # days a deleted client or scenario stays in the trash, restorable


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


class InTrash(models.Model):
    """When a row went to the firm's trash and who put it there (both empty while it is
    in use); `manage.py cleanup` deletes it for good after TRASH_DAYS days. Each model
    keeps its own managers: `objects` leaves trashed rows out, `all_objects` has them."""

    deleted_at = models.DateTimeField(null=True, blank=True, editable=False)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    class Meta:
        abstract = True


class AllRowsManager(models.Manager):
    """Every row, those in the trash too (`all_objects`: the trash page, restore, purge)."""


class LiveClientManager(models.Manager):
    """The clients not in the trash: what every page, report and export sees."""

    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().filter(deleted_at__isnull=True)


class Client(InTrash):
    """A company a firm advises; `owner` is the member who created it.

    A deleted client goes to the firm's trash (`deleted_at`, `deleted_by`) for
    TRASH_DAYS days: `objects` leaves it out everywhere, `all_objects` still has it (the
    trash page, restore, the purge in `manage.py cleanup`).
    """

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

    objects = LiveClientManager()
    all_objects = AllRowsManager()

    class Meta:
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["firm", "name"])]

    def __str__(self) -> str:
        return self.name


class LiveScenarioManager(models.Manager):
    """The scenarios neither in the trash themselves nor of a client in the trash."""

    def get_queryset(self) -> models.QuerySet:
        return (
            super().get_queryset().filter(deleted_at__isnull=True, client__deleted_at__isnull=True)
        )


class Scenario(InTrash):
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
    # The consultant's voice beside the engine's advice: "our view" (Markdown) and, per
    # seat code, an own title and an adjusted reporting line with its reason. Validated by
    # `services.scenario_set_voice`; shown by `presenter.voice`.
    voice = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = LiveScenarioManager()
    all_objects = AllRowsManager()

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
    voice = models.JSONField(default=dict, blank=True)  # the scenario's voice at the time
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


class LiveShareLinkManager(models.Manager):
    """The links of scenarios not in the trash (nor of a client in it): a trashed
    scenario's link opens nothing until the scenario is restored."""

    def get_queryset(self) -> models.QuerySet:
        return (
            super()
            .get_queryset()
            .filter(scenario__deleted_at__isnull=True, scenario__client__deleted_at__isnull=True)
        )


class ShareLink(models.Model):
    """A read-only link to one scenario's result, revocable, with an optional expiry.

    `label` says who it was sent to; `last_opened_at` is when its public page last
    opened (written at most once a minute per link)."""

    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, related_name="share_links")
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    label = models.CharField(max_length=SHARE_LABEL_MAX, blank=True, validators=[SHARE_LABEL])
    last_opened_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = LiveShareLinkManager()
    all_objects = AllRowsManager()

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


# --- The client's review on a share link --------------------------------------------------

REVIEWER_MAX = 120
COMMENT_MAX = 2000


class ReviewTarget(models.TextChoices):
    """What a client's comment is about: the advice as a whole, one reason (keyed by its
    rule id) or one seat (keyed by its seat code)."""

    RECOMMENDATION = "recommendation", "The recommendation as a whole"
    REASON = "reason", "A reason"
    SEAT = "seat", "A seat"


class ReviewComment(models.Model):
    """A client's comment, made without an account through a share link, on the version
    of the scenario the link showed. `author_name` is the name the client typed."""

    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, related_name="review_comments")
    link = models.ForeignKey(ShareLink, on_delete=models.CASCADE, related_name="comments")
    version = models.PositiveIntegerField()
    target = models.CharField(
        max_length=16, choices=ReviewTarget.choices, default=ReviewTarget.RECOMMENDATION
    )
    # The reason's rule id or the seat's code; empty for the recommendation as a whole.
    target_key = models.CharField(max_length=64, blank=True)
    author_name = models.CharField(max_length=REVIEWER_MAX, validators=[REVIEWER_NAME])
    text = models.TextField(validators=[MaxLengthValidator(COMMENT_MAX), COMMENT_TEXT])
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["scenario", "created_at"])]

    def __str__(self) -> str:
        return f"Comment by {self.author_name} on {self.scenario} v{self.version}"


class ReviewReply(models.Model):
    """A member's answer to a client's comment, shown to the client on the share page."""

    comment = models.ForeignKey(ReviewComment, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField(validators=[MaxLengthValidator(COMMENT_MAX), REPLY_TEXT])
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"Reply to {self.comment}"


class SignOff(models.Model):
    """A client's acceptance of one version of a scenario, given through a share link:
    who (name and role as typed), when, which version. A later version is not signed off
    until it is signed off itself. One sign-off per link and version."""

    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, related_name="signoffs")
    link = models.ForeignKey(ShareLink, on_delete=models.CASCADE, related_name="signoffs")
    version = models.PositiveIntegerField()
    name = models.CharField(max_length=REVIEWER_MAX, validators=[REVIEWER_NAME])
    role = models.CharField(max_length=REVIEWER_MAX, validators=[REVIEWER_ROLE])
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-version", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["link", "version"], name="one_signoff_per_link_version")
        ]

    def __str__(self) -> str:
        return f"Sign-off of {self.scenario} v{self.version} by {self.name}"
