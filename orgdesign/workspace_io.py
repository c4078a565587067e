"""A consultant's whole workspace as one JSON document, and back.

`workspace_export(user=...)` reads (it is a selector): every client with its notes, every
scenario with its answers, recommendation, rules version and consultant's voice, every saved
version (number, answers, recommendation, voice, who saved it by username, note, time), the
share links (label, dates, when last opened), the client's review (comments with their
replies, sign-offs) and the branding with its logo in base64.
`workspace_import(user=..., payload=...)` writes (a service, one transaction): it creates
the importing account's own rows from such a document, so exporting again gives the same
document apart from the owner.

The format (`{"format": "orgdesign-workspace", "version": 2, ...}`) is checked in full
before anything is written; every problem is reported with the path of the bad field,
e.g. `clients[0].scenarios[2].versions[1].number: must be a positive whole number`.
Version 2 added the share links' `label` and `last_opened_at` and each scenario's
`comments` (with their `replies`) and `signoffs`; a version 1 file (written before them)
still imports, its links unlabelled and its scenarios without a review. Each version's
fields are required in full: a version 1 file with review fields is refused, as is a
version 2 file without them.

Decisions, also in the README:

- **Ids** are never exported; an import creates new rows owned by the importing account
  and never reads or writes another account's rows.
- **Share-link tokens are secrets** and are not exported: a link comes back with its
  label, its dates (created, expiry, revoked, last opened) and a new token; the old
  addresses do not work on the new server, the consultant hands out the new ones.
- **A comment or sign-off names its share link by position**: `"link": 0` is the first
  of its scenario's `share_links` in the file (they are listed oldest first), so the
  review comes back tied to the same link without the file holding a token.
- **Who saved a version, who replied to a comment** are exported as usernames. On import
  every version saved by someone, and every reply written by someone, shows "by the
  importing consultant" (a username in a file proves nothing about who on this server it
  is, and rows are never tied to another account, nor to another member of the firm); a
  version or reply by nobody (its author's account was deleted) stays so. A client's
  comments and sign-offs keep the names the client typed.
- **The trash is not exported**: clients and scenarios in the firm's trash are left out
  with everything they hold (versions, links, review), as on every other page.
- **Importing the same export twice** into one account is refused (a client with the
  same name and creation time already there means it was imported before), rather than
  quietly making copies.
- **Branding** is imported only into an account that has none (its own is never
  replaced); the logo goes through the same checks as an upload and is stored as they
  rebuild it (the same bytes for a logo uploaded since those checks exist).
- **Recommendations** are kept as stored (old ones cannot be recomputed) but must have
  the shape of the engine's (field types, lists of objects); one saved under today's
  rules must give the advice today's rules give for its answers.
"""

from __future__ import annotations

import base64
import binascii
import json
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from orgdesign import selectors, services
from orgdesign.logos import clean_logo
from orgdesign.models import (
    COMMENT_MAX,
    INDUSTRY_CHOICES,
    NOTES_MAX,
    ROLE_MODEL_CHOICES,
    Branding,
    Client,
    ReviewComment,
    ReviewReply,
    ReviewTarget,
    Scenario,
    ScenarioVersion,
    ShareLink,
    SignOff,
)
from orgdesign.rules import RULESET_VERSION, AnswersError, parse_answers, recommend

FORMAT = "orgdesign-workspace"
VERSION = 2
READABLE_VERSIONS = (1, 2)  # the versions an import accepts (1: before labels and review)
MAX_ERRORS = 20
# What a scenario and each of its saved versions hold alike.
STATE_FIELDS = ("name", "answers", "recommendation", "role_model", "ruleset_version")


class WorkspaceImportError(ValueError):
    """The document cannot be imported; `errors` lists "path: message" lines."""

    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass(frozen=True)
class ImportSummary:
    clients: int
    scenarios: int
    versions: int
    share_links: int
    branding: str  # "imported", "kept" (the account had its own) or "none"
    comments: int = 0
    replies: int = 0
    signoffs: int = 0


# --- Export ---------------------------------------------------------------------------------


def _when(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def workspace_export(*, user) -> dict[str, Any]:
    """Everything `user` owns, as a JSON-ready dict (see the module docstring)."""
    clients = (
        Client.objects.filter(firm_id=selectors.firm_id_for_user(user))
        .prefetch_related(
            "scenarios__versions__changed_by",
            "scenarios__share_links",
            "scenarios__review_comments__replies__author",
            "scenarios__signoffs",
        )
        .order_by("created_at", "id")
    )
    branding = selectors.branding_get_for_user(user=user)
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": timezone.now().isoformat(),
        "owner": {
            "username": user.get_username(),
            "full_name": user.get_full_name(),
            "email": user.email,
        },
        "branding": _branding_export(branding),
        "clients": [_client_export(client) for client in clients],
    }


def workspace_export_json(*, user) -> str:
    """`workspace_export` as the text of the file (UTF-8, indented, ends with a newline)."""
    return json.dumps(workspace_export(user=user), ensure_ascii=False, indent=2) + "\n"


def _branding_export(branding: Branding | None) -> dict[str, Any] | None:
    if branding is None:
        return None
    return {
        "firm_name": branding.firm_name,
        "accent_colour": branding.accent_colour,
        "logo": base64.b64encode(bytes(branding.logo or b"")).decode("ascii"),
        "logo_content_type": branding.logo_content_type,
        "updated_at": _when(branding.updated_at),
    }


def _client_export(client: Client) -> dict[str, Any]:
    scenarios = sorted(client.scenarios.all(), key=lambda s: (s.created_at, s.pk))
    return {
        "name": client.name,
        "industry": client.industry,
        "notes": client.notes,
        "created_at": _when(client.created_at),
        "updated_at": _when(client.updated_at),
        "scenarios": [_scenario_export(scenario) for scenario in scenarios],
    }


def _scenario_export(scenario: Scenario) -> dict[str, Any]:
    versions = sorted(scenario.versions.all(), key=lambda v: v.number)
    links = sorted(scenario.share_links.all(), key=lambda link: (link.created_at, link.pk))
    return {
        **{field: getattr(scenario, field) for field in STATE_FIELDS},
        "voice": scenario.voice,
        "version": scenario.version,
        "created_at": _when(scenario.created_at),
        "updated_at": _when(scenario.updated_at),
        "versions": [
            {
                "number": version.number,
                **{field: getattr(version, field) for field in STATE_FIELDS},
                "voice": version.voice,
                "changed_by": _username(version.changed_by),
                "changed_keys": version.changed_keys,
                "note": version.note,
                "created_at": _when(version.created_at),
            }
            for version in versions
        ],
        "share_links": [
            {
                "label": link.label,
                "created_at": _when(link.created_at),
                "expires_at": _when(link.expires_at),
                "revoked_at": _when(link.revoked_at),
                "last_opened_at": _when(link.last_opened_at),
            }
            for link in links
        ],
        **_review_export(scenario, links),
    }


def _username(user) -> str | None:
    return user.get_username() if user is not None else None


def _review_export(scenario: Scenario, links: list[ShareLink]) -> dict[str, Any]:
    """The scenario's comments (with replies) and sign-offs, oldest first; each names its
    link by its position in `links` (never by token)."""
    position = {link.pk: i for i, link in enumerate(links)}
    comments = sorted(scenario.review_comments.all(), key=lambda c: (c.created_at, c.pk))
    signoffs = sorted(scenario.signoffs.all(), key=lambda s: (s.created_at, s.pk))
    return {
        "comments": [
            {
                "link": position[comment.link_id],
                "version": comment.version,
                "target": comment.target,
                "target_key": comment.target_key,
                "author_name": comment.author_name,
                "text": comment.text,
                "created_at": _when(comment.created_at),
                "replies": [
                    {
                        "author": _username(reply.author),
                        "text": reply.text,
                        "created_at": _when(reply.created_at),
                    }
                    for reply in sorted(comment.replies.all(), key=lambda r: (r.created_at, r.pk))
                ],
            }
            for comment in comments
        ],
        "signoffs": [
            {
                "link": position[signoff.link_id],
                "version": signoff.version,
                "name": signoff.name,
                "role": signoff.role,
                "created_at": _when(signoff.created_at),
            }
            for signoff in signoffs
        ],
    }


# --- Validation -----------------------------------------------------------------------------


class _Checker:
    """Walks the document, collecting "path: message" errors (up to MAX_ERRORS)."""

    def __init__(self, version: int = VERSION):
        self.errors: list[str] = []
        self.version = version  # the file's format version: which fields it must have

    def error(self, path: str, message: str) -> None:
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(f"{path}: {message}")

    def mapping(self, value: Any, path: str, keys: set[str]) -> bool:
        if not isinstance(value, dict):
            self.error(path, "must be an object")
            return False
        for missing in sorted(keys - value.keys()):
            self.error(f"{path}.{missing}" if path else missing, "is missing")
        for extra in sorted(value.keys() - keys):
            self.error(f"{path}.{extra}" if path else extra, "is not a known field")
        return keys <= value.keys()

    def text(self, value: Any, path: str, *, limit: int, blank: bool = True) -> bool:
        if not isinstance(value, str):
            self.error(path, "must be a string")
        elif len(value) > limit:
            self.error(path, f"must be at most {limit} characters")
        elif not blank and not value.strip():
            self.error(path, "must not be blank")
        else:
            return True
        return False

    def field_text(self, value: Any, path: str, model, name: str, *, limit: int = 0) -> bool:
        """Text for `model.name`: its type, length and blankness as `text` checks them,
        then the field's own validators (no control characters...), as a form would."""
        field = model._meta.get_field(name)
        if not self.text(value, path, limit=limit or field.max_length, blank=field.blank):
            return False
        try:
            field.run_validators(value)
        except ValidationError as exc:
            self.error(path, " ".join(exc.messages))
            return False
        return True

    def choice(self, value: Any, path: str, choices: list[tuple[str, str]]) -> None:
        allowed = [code for code, _ in choices]
        if value not in allowed:
            self.error(path, f"must be one of {', '.join(repr(c) for c in allowed)}")

    def when(self, value: Any, path: str, *, optional: bool = False) -> None:
        if value is None and optional:
            return
        parsed = parse_datetime(value) if isinstance(value, str) else None
        if parsed is None or parsed.tzinfo is None:
            self.error(path, "must be a date and time with a time zone (ISO 8601)")

    def items(self, value: Any, path: str) -> list:
        if not isinstance(value, list):
            self.error(path, "must be a list")
            return []
        return value

    def positive(self, value: Any, path: str) -> bool:
        if isinstance(value, bool) or not isinstance(value, int) or not 0 < value < 2**31:
            self.error(path, "must be a positive whole number")
            return False
        return True


def _same_kind(value: Any, reference: Any) -> bool:
    if value is None or reference is None:
        return True
    if isinstance(value, int | float) and isinstance(reference, int | float):
        return not isinstance(value, bool) and not isinstance(reference, bool)
    return type(value) is type(reference)


def _recommendation_shape(checker: _Checker, rec: Any, answers: Any, path: str) -> None:
    """A recommendation must have the shape of the one the engine gives for its answers
    (field types, and objects where the engine has lists of objects); one saved under
    today's rules must also give the same advice. Older ones cannot be recomputed and are
    otherwise kept as stored."""
    if not isinstance(rec, dict):
        checker.error(path, "must be an object")
        return
    reference = recommend(parse_answers(answers)).to_dict()
    for key, value in rec.items():
        expected = reference.get(key)
        if key not in reference or _same_kind(value, expected):
            if isinstance(expected, list) and expected and isinstance(expected[0], dict):
                for i, item in enumerate(value or []):
                    if not isinstance(item, dict):
                        checker.error(f"{path}.{key}[{i}]", "must be an object")
            continue
        checker.error(f"{path}.{key}", f"must be a {type(expected).__name__}")
    if rec.get("ruleset_version") == RULESET_VERSION and rec.get("role_model") != reference.get(
        "role_model"
    ):
        checker.error(
            f"{path}.role_model",
            "is not what today's rules give for these answers (edited by hand?)",
        )


def _check_answers(checker: _Checker, answers: Any, path: str) -> bool:
    if not isinstance(answers, dict):
        checker.error(path, "must be an object")
        return False
    try:
        parse_answers(answers)
    except AnswersError as exc:
        for key, messages in exc.errors.items():
            for message in messages:
                checker.error(f"{path}.{key}", message)
        return False
    return True


def _check_state(checker: _Checker, item: dict, path: str) -> None:
    """What a scenario and each of its versions hold: name, answers, recommendation."""
    checker.field_text(item["name"], f"{path}.name", Scenario, "name")
    checker.choice(item["role_model"], f"{path}.role_model", ROLE_MODEL_CHOICES)
    checker.text(item["ruleset_version"], f"{path}.ruleset_version", limit=32, blank=False)
    if _check_answers(checker, item["answers"], f"{path}.answers"):
        rec = item["recommendation"]
        _recommendation_shape(checker, rec, item["answers"], f"{path}.recommendation")
        if isinstance(rec, dict):
            if rec.get("role_model") != item["role_model"]:
                checker.error(f"{path}.role_model", "must match the recommendation's")
            if rec.get("ruleset_version") != item["ruleset_version"]:
                checker.error(f"{path}.ruleset_version", "must match the recommendation's")


def _check_voice(checker: _Checker, item: dict, path: str) -> None:
    """The consultant's voice of a scenario or version (optional: files exported before it
    existed have none), checked as the voice form checks it, against its recommendation."""
    if "voice" not in item:
        return
    voice = item["voice"]
    if not isinstance(voice, dict) or not voice.keys() <= {"our_view", "seats"}:
        checker.error(f"{path}.voice", "must be an object with our_view and seats")
        return
    our_view, seats = voice.get("our_view", ""), voice.get("seats", {})
    if not isinstance(our_view, str) or not isinstance(seats, dict):
        checker.error(f"{path}.voice", "our_view must be a string and seats an object")
        return
    try:
        services.voice_clean(
            our_view=our_view, seats=seats, rec=item["recommendation"], stored=voice
        )
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            checker.error(f"{path}.voice.{field}", " ".join(messages))
    except (AttributeError, TypeError):
        checker.error(f"{path}.voice", "does not fit the recommendation")


SCENARIO_KEYS = {
    "name",
    "answers",
    "recommendation",
    "role_model",
    "ruleset_version",
    "version",
    "created_at",
    "updated_at",
    "versions",
    "share_links",
}
VERSION_KEYS = {
    "number",
    "name",
    "answers",
    "recommendation",
    "role_model",
    "ruleset_version",
    "changed_by",
    "changed_keys",
    "note",
    "created_at",
}


# What version 2 added: each scenario's review, each share link's label and last opening.
SCENARIO_KEYS_V2 = SCENARIO_KEYS | {"comments", "signoffs"}
LINK_KEYS = {"created_at", "expires_at", "revoked_at"}
LINK_KEYS_V2 = LINK_KEYS | {"label", "last_opened_at"}
COMMENT_KEYS = {
    "link",
    "version",
    "target",
    "target_key",
    "author_name",
    "text",
    "created_at",
    "replies",
}
REPLY_KEYS = {"author", "text", "created_at"}
SIGNOFF_KEYS = {"link", "version", "name", "role", "created_at"}


def _with_voice(keys: set[str], item: Any) -> set[str]:
    """The keys of a scenario or version: "voice" may be there (exports since it exists)."""
    return keys | {"voice"} if isinstance(item, dict) and "voice" in item else keys


def _check_scenario(checker: _Checker, scenario: Any, path: str) -> None:
    keys = SCENARIO_KEYS_V2 if checker.version >= 2 else SCENARIO_KEYS
    if not checker.mapping(scenario, path, _with_voice(keys, scenario)):
        return
    _check_state(checker, scenario, path)
    _check_voice(checker, scenario, path)
    checker.positive(scenario["version"], f"{path}.version")
    checker.when(scenario["created_at"], f"{path}.created_at")
    checker.when(scenario["updated_at"], f"{path}.updated_at")
    numbers = []
    recommendations = {}  # version number -> its recommendation, for the review's targets
    for i, version in enumerate(checker.items(scenario["versions"], f"{path}.versions")):
        vpath = f"{path}.versions[{i}]"
        if not checker.mapping(version, vpath, _with_voice(VERSION_KEYS, version)):
            continue
        _check_voice(checker, version, vpath)
        if checker.positive(version["number"], f"{vpath}.number"):
            if version["number"] in numbers:
                checker.error(f"{vpath}.number", f"{version['number']} appears twice")
            numbers.append(version["number"])
            recommendations[version["number"]] = version["recommendation"]
        _check_state(checker, version, vpath)
        if version["changed_by"] is not None:
            checker.text(version["changed_by"], f"{vpath}.changed_by", limit=150)
        keys = version["changed_keys"]
        if not isinstance(keys, list) or not all(isinstance(k, str) for k in keys):
            checker.error(f"{vpath}.changed_keys", "must be a list of strings")
        checker.text(version["note"], f"{vpath}.note", limit=200)
        checker.when(version["created_at"], f"{vpath}.created_at")
    if numbers and isinstance(scenario["version"], int) and scenario["version"] != max(numbers):
        checker.error(f"{path}.version", "must be the highest version number in versions")
    links = checker.items(scenario["share_links"], f"{path}.share_links")
    for i, link in enumerate(links):
        lpath = f"{path}.share_links[{i}]"
        if checker.mapping(link, lpath, LINK_KEYS_V2 if checker.version >= 2 else LINK_KEYS):
            checker.when(link["created_at"], f"{lpath}.created_at")
            checker.when(link["expires_at"], f"{lpath}.expires_at", optional=True)
            checker.when(link["revoked_at"], f"{lpath}.revoked_at", optional=True)
            if checker.version >= 2:
                checker.field_text(link["label"], f"{lpath}.label", ShareLink, "label")
                checker.when(link["last_opened_at"], f"{lpath}.last_opened_at", optional=True)
    if checker.version >= 2:
        _check_review(checker, scenario, path, len(links), recommendations)


def _target_keys(rec: Any, target: str) -> set[str]:
    """The reasons' rule ids or the seats' codes of a recommendation (what a comment may be
    about, as `services._check_target` allows them)."""
    name, key = ("rationale", "rule") if target == ReviewTarget.REASON else ("roles", "code")
    items = rec.get(name) if isinstance(rec, dict) else None
    values = (item.get(key) for item in items or [] if isinstance(item, dict))
    return {value for value in values if isinstance(value, str)}


def _check_review_item(
    checker: _Checker, item: dict, path: str, links: int, recommendations: dict[int, Any]
) -> bool:
    """The link and version a comment or sign-off was given through and on; True when the
    version is one of the scenario's."""
    link = item["link"]
    if isinstance(link, bool) or not isinstance(link, int) or not 0 <= link < links:
        checker.error(
            f"{path}.link",
            f"must be the position of one of this scenario's share_links (0 to {links - 1})"
            if links
            else "must name a share link, but this scenario has no share_links",
        )
    checker.when(item["created_at"], f"{path}.created_at")
    if not checker.positive(item["version"], f"{path}.version"):
        return False
    if item["version"] not in recommendations:
        checker.error(f"{path}.version", f"no version {item['version']} in versions")
        return False
    return True


def _check_review(
    checker: _Checker, scenario: dict, path: str, links: int, recommendations: dict[int, Any]
) -> None:
    """A scenario's comments with their replies, and its sign-offs (format version 2)."""
    comments = checker.items(scenario["comments"], f"{path}.comments")
    for i, comment in enumerate(comments):
        cpath = f"{path}.comments[{i}]"
        if not checker.mapping(comment, cpath, COMMENT_KEYS):
            continue
        known_version = _check_review_item(checker, comment, cpath, links, recommendations)
        checker.choice(comment["target"], f"{cpath}.target", ReviewTarget.choices)
        key, kpath = comment["target_key"], f"{cpath}.target_key"
        if not checker.field_text(key, kpath, ReviewComment, "target_key"):
            pass
        elif comment["target"] == ReviewTarget.RECOMMENDATION and key:
            checker.error(kpath, "must be empty for a comment on the recommendation as a whole")
        elif comment["target"] in (ReviewTarget.REASON, ReviewTarget.SEAT) and known_version:
            number = comment["version"]
            if key not in _target_keys(recommendations[number], comment["target"]):
                checker.error(
                    kpath,
                    f"no such reason or seat in version {number} (no {comment['target']} {key!r})",
                )
        checker.field_text(
            comment["author_name"], f"{cpath}.author_name", ReviewComment, "author_name"
        )
        checker.field_text(
            comment["text"], f"{cpath}.text", ReviewComment, "text", limit=COMMENT_MAX
        )
        for j, reply in enumerate(checker.items(comment["replies"], f"{cpath}.replies")):
            rpath = f"{cpath}.replies[{j}]"
            if not checker.mapping(reply, rpath, REPLY_KEYS):
                continue
            if reply["author"] is not None:
                checker.text(reply["author"], f"{rpath}.author", limit=150)
            checker.field_text(
                reply["text"], f"{rpath}.text", ReviewReply, "text", limit=COMMENT_MAX
            )
            checker.when(reply["created_at"], f"{rpath}.created_at")
    seen: dict[tuple[Any, Any], int] = {}
    for i, signoff in enumerate(checker.items(scenario["signoffs"], f"{path}.signoffs")):
        spath = f"{path}.signoffs[{i}]"
        if not checker.mapping(signoff, spath, SIGNOFF_KEYS):
            continue
        known_version = _check_review_item(checker, signoff, spath, links, recommendations)
        if known_version and type(signoff["link"]) is int:
            pair = (signoff["link"], signoff["version"])
            if pair in seen:
                checker.error(
                    spath,
                    f"link {pair[0]} signed off version {pair[1]} already "
                    f"(signoffs[{seen[pair]}]): one sign-off per link and version",
                )
            seen.setdefault(pair, i)
        checker.field_text(signoff["name"], f"{spath}.name", SignOff, "name")
        checker.field_text(signoff["role"], f"{spath}.role", SignOff, "role")


def _check_branding(checker: _Checker, branding: Any) -> None:
    keys = {"firm_name", "accent_colour", "logo", "logo_content_type", "updated_at"}
    if branding is None or not checker.mapping(branding, "branding", keys):
        return
    checker.text(branding["firm_name"], "branding.firm_name", limit=120)
    try:
        Branding(accent_colour=branding["accent_colour"]).clean_fields(
            exclude=["firm", "owner", "firm_name", "logo", "logo_content_type"]
        )
    except ValidationError:
        checker.error("branding.accent_colour", "must be a colour like #1f4e79")
    checker.when(branding["updated_at"], "branding.updated_at", optional=True)
    logo = branding["logo"]
    if not isinstance(logo, str):
        checker.error("branding.logo", "must be a base64 string")
        return
    try:
        data = base64.b64decode(logo, validate=True)
    except (binascii.Error, ValueError):
        checker.error("branding.logo", "is not valid base64")
        return
    if data:
        try:
            _, content_type = clean_logo(data, convert=False)
        except ValidationError as exc:
            checker.error("branding.logo", " ".join(exc.messages))
            return
        if content_type != branding["logo_content_type"]:
            checker.error("branding.logo_content_type", f"must be {content_type!r} (the logo's)")


def workspace_check(payload: Any) -> list[str]:
    """Every problem of the document, as "path: message" lines (empty when it is fine)."""
    if not isinstance(payload, dict):
        return ["(document): must be a JSON object"]
    if payload.get("format") != FORMAT:
        return [f"format: must be {FORMAT!r} (this is not a workspace export)"]
    version = payload.get("version")
    if type(version) is not int or version not in READABLE_VERSIONS:
        readable = " or ".join(str(v) for v in READABLE_VERSIONS)
        return [f"version: must be {readable} (this file has {version!r})"]
    checker = _Checker(version)
    keys = {"format", "version", "exported_at", "owner", "branding", "clients"}
    checker.mapping(payload, "", keys)
    if "exported_at" in payload:
        checker.when(payload["exported_at"], "exported_at")
    if "owner" in payload and checker.mapping(
        payload["owner"], "owner", {"username", "full_name", "email"}
    ):
        checker.text(payload["owner"]["username"], "owner.username", limit=150)
    _check_branding(checker, payload.get("branding"))
    for i, client in enumerate(checker.items(payload.get("clients", []), "clients")):
        path = f"clients[{i}]"
        keys = {"name", "industry", "notes", "created_at", "updated_at", "scenarios"}
        if not checker.mapping(client, path, keys):
            continue
        checker.field_text(client["name"], f"{path}.name", Client, "name")
        checker.choice(client["industry"], f"{path}.industry", INDUSTRY_CHOICES)
        checker.text(client["notes"], f"{path}.notes", limit=NOTES_MAX)
        checker.when(client["created_at"], f"{path}.created_at")
        checker.when(client["updated_at"], f"{path}.updated_at")
        for j, scenario in enumerate(checker.items(client["scenarios"], f"{path}.scenarios")):
            _check_scenario(checker, scenario, f"{path}.scenarios[{j}]")
    return checker.errors


# --- Import ---------------------------------------------------------------------------------


def _dt(value: str | None) -> datetime | None:
    return parse_datetime(value) if value is not None else None


def _refuse_repeat_import(user, clients: list[dict]) -> None:
    existing = set(
        Client.objects.filter(firm_id=selectors.firm_id_for_user(user)).values_list(
            "name", "created_at"
        )
    )
    for i, client in enumerate(clients):
        if (client["name"], _dt(client["created_at"])) in existing:
            raise WorkspaceImportError(
                [
                    f"clients[{i}]: {client['name']!r}, created {client['created_at']}, is "
                    "already in this account: this export was imported before. Nothing was "
                    "imported."
                ]
            )


def _state(data: dict) -> dict[str, Any]:
    """What a scenario and each of its versions hold (an older file: no voice)."""
    return {**{field: data[field] for field in STATE_FIELDS}, "voice": data.get("voice") or {}}


def _save_with_times(row, *, validate: bool = True, **times: str | None) -> None:
    """Validate and save a new row, then give it the exported timestamps (which
    auto_now/auto_now_add would otherwise overwrite on save)."""
    if validate:
        row.full_clean()
    row.save()
    type(row).objects.filter(pk=row.pk).update(**{k: _dt(v) for k, v in times.items()})


def _import_scenario(user, client: Client, data: dict, counts: dict[str, int]) -> None:
    """One scenario with its versions, share links (new tokens) and review, added up in
    `counts`."""
    scenario = Scenario(client=client, version=data["version"], **_state(data))
    _save_with_times(scenario, created_at=data["created_at"], updated_at=data["updated_at"])
    for v in data["versions"]:
        version = ScenarioVersion(
            scenario=scenario,
            number=v["number"],
            **_state(v),
            changed_by=user if v["changed_by"] is not None else None,
            changed_keys=v["changed_keys"],
            note=v["note"],
        )
        version.full_clean(validate_constraints=False)
        _save_with_times(version, validate=False, created_at=v["created_at"])
    links = []
    for link in data["share_links"]:
        row = ShareLink(
            scenario=scenario,
            token=secrets.token_urlsafe(32),
            expires_at=_dt(link["expires_at"]),
            revoked_at=_dt(link["revoked_at"]),
            label=link.get("label", ""),
            last_opened_at=_dt(link.get("last_opened_at")),
        )
        _save_with_times(row, created_at=link["created_at"])
        links.append(row)
    counts["versions"] += len(data["versions"])
    counts["share_links"] += len(links)
    _import_review(user, scenario, links, data, counts)


def _import_review(
    user, scenario: Scenario, links: list[ShareLink], data: dict, counts: dict[str, int]
) -> None:
    """The scenario's comments with their replies and its sign-offs (none in a version 1
    file), each tied to the new link at its position; a reply by someone shows the
    importing consultant, as a version saved by someone does."""
    for c in data.get("comments", []):
        comment = ReviewComment(
            scenario=scenario,
            link=links[c["link"]],
            version=c["version"],
            target=c["target"],
            target_key=c["target_key"],
            author_name=c["author_name"],
            text=c["text"],
        )
        _save_with_times(comment, created_at=c["created_at"])
        for r in c["replies"]:
            reply = ReviewReply(
                comment=comment,
                author=user if r["author"] is not None else None,
                text=r["text"],
            )
            reply.full_clean(exclude=["author"])  # null: its author's account was deleted
            _save_with_times(reply, validate=False, created_at=r["created_at"])
        counts["comments"] += 1
        counts["replies"] += len(c["replies"])
    for s in data.get("signoffs", []):
        signoff = SignOff(
            scenario=scenario,
            link=links[s["link"]],
            version=s["version"],
            name=s["name"],
            role=s["role"],
        )
        _save_with_times(signoff, created_at=s["created_at"])
        counts["signoffs"] += 1


@transaction.atomic
def workspace_import(*, user, payload: Any) -> ImportSummary:
    """Create `user`'s own copy of an exported workspace, all or nothing.

    Raises WorkspaceImportError (with every problem found, by path) before writing
    anything when the document is not a valid export, or was imported into this account
    before.
    """
    errors = workspace_check(payload)
    if errors:
        raise WorkspaceImportError(errors)
    selectors.membership_check(user=user, write=True)
    firm = services.membership_ensure(user=user).firm
    _refuse_repeat_import(user, payload["clients"])
    counts = dict.fromkeys(
        ("scenarios", "versions", "share_links", "comments", "replies", "signoffs"), 0
    )
    for data in payload["clients"]:
        client = Client(
            firm=firm,
            owner=user,
            name=data["name"],
            industry=data["industry"],
            notes=data["notes"],
        )
        _save_with_times(client, created_at=data["created_at"], updated_at=data["updated_at"])
        for scenario in data["scenarios"]:
            _import_scenario(user, client, scenario, counts)
            counts["scenarios"] += 1
    return ImportSummary(
        clients=len(payload["clients"]),
        branding=_import_branding(user, payload["branding"]),
        **counts,
    )


def _import_branding(user, data: dict | None) -> str:
    if data is None:
        return "none"
    firm = selectors.firm_for_user(user=user)
    if Branding.objects.filter(firm=firm).exists():
        return "kept"
    logo = base64.b64decode(data["logo"])
    if logo:
        logo, _ = clean_logo(logo, convert=False)
    branding = Branding(
        firm=firm,
        owner=user,
        firm_name=data["firm_name"],
        accent_colour=data["accent_colour"],
        logo=logo,
        logo_content_type=data["logo_content_type"] if logo else "",
    )
    if data["updated_at"]:
        _save_with_times(branding, updated_at=data["updated_at"])
    else:
        branding.full_clean()
        branding.save()
    return "imported"
