"""A consultant's workspace out as JSON and back in: exact round trips, validation by path,
one transaction, never another account's rows, no silent duplicates; the commands; the
download from the account page; and the same round trip from SQLite onto PostgreSQL."""

import copy
import json
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from orgdesign.logos import clean_logo
from orgdesign.models import Branding, Client, Scenario, ScenarioVersion, ShareLink
from orgdesign.services import branding_update, scenario_rename, scenario_update, share_link_revoke
from orgdesign.workspace_io import (
    WorkspaceImportError,
    workspace_export,
    workspace_import,
)
from tests.factories import (
    REGIONAL_BANK,
    SOFTWARE_STARTUP,
    make_client,
    make_scenario,
    make_share_link,
    make_user,
)

pytestmark = pytest.mark.django_db

LOGO = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 40">'
    b'<rect width="120" height="40" fill="#7a1f5c"/><text x="4" y="30">Nw</text></svg>'
)


def rich_workspace(owner):
    """Two clients, scenarios with several versions, links in every state, a branding."""
    acme = make_client(
        owner=owner, name="Société Acme & Co", industry="software", notes="Ünïcode\nnotes"
    )
    first = make_scenario(client=acme, name="Today", answers=SOFTWARE_STARTUP)
    scenario_update(scenario=first, user=owner, answers=REGIONAL_BANK)
    scenario_rename(scenario=first, user=owner, name="After Series B")
    make_scenario(client=acme, name="What if", answers=REGIONAL_BANK)
    make_share_link(scenario=first)
    make_share_link(scenario=first, expires_at=timezone.now() + timedelta(days=7))
    share_link_revoke(link=make_share_link(scenario=first))
    make_client(owner=owner, name="Empty client")
    branding_update(
        user=owner,
        firm_name="Northwind",
        accent_colour="#7a1f5c",
        logo=clean_logo(LOGO)[0],  # as an upload stores it
        logo_content_type="image/svg+xml",
    )


def without_owner(export: dict, username: str) -> dict:
    """The export, minus what differs between accounts: owner, export time, and the owner's
    name where it says who saved a version."""
    doc = copy.deepcopy(export)
    del doc["owner"], doc["exported_at"]
    for client in doc["clients"]:
        for scenario in client["scenarios"]:
            for version in scenario["versions"]:
                if version["changed_by"] == username:
                    version["changed_by"] = "(owner)"
    return doc


def rows_of(user) -> dict:
    return {
        "clients": Client.objects.filter(owner=user).count(),
        "scenarios": Scenario.objects.filter(client__owner=user).count(),
        "versions": ScenarioVersion.objects.filter(scenario__client__owner=user).count(),
        "links": ShareLink.objects.filter(scenario__client__owner=user).count(),
        "branding": Branding.objects.filter(owner=user).count(),
    }


def test_export_import_export_gives_the_same_document_apart_from_the_owner():
    alice = make_user(username="alice")
    rich_workspace(alice)
    exported = json.loads(json.dumps(workspace_export(user=alice)))
    bob = make_user(username="bob")

    summary = workspace_import(user=bob, payload=exported)
    again = workspace_export(user=bob)

    assert (summary.clients, summary.scenarios, summary.versions, summary.share_links) == (
        2,
        2,
        4,
        3,
    )
    assert summary.branding == "imported"
    assert without_owner(again, "bob") == without_owner(exported, "alice")
    assert again["owner"]["username"] == "bob"
    scenario = again["clients"][0]["scenarios"][0]  # in order of creation
    assert [v["number"] for v in scenario["versions"]] == [1, 2, 3]
    assert [v["note"] for v in scenario["versions"]] == [
        "Created",
        "Answers changed",
        "Renamed from Today",
    ]
    assert base64_logo(again) == base64_logo(exported)


def base64_logo(export: dict) -> str:
    return export["branding"]["logo"]


def test_the_export_holds_history_and_links_but_no_ids_or_share_tokens():
    alice = make_user(username="alice")
    rich_workspace(alice)
    tokens = list(ShareLink.objects.values_list("token", flat=True))

    text = json.dumps(workspace_export(user=alice))

    assert all(token not in text for token in tokens)
    assert '"id"' not in text and '"pk"' not in text and '"token"' not in text
    doc = json.loads(text)
    assert (doc["format"], doc["version"]) == ("orgdesign-workspace", 2)
    links = doc["clients"][0]["scenarios"][0]["share_links"]
    assert [link["revoked_at"] is not None for link in links] == [False, False, True]
    assert [link["expires_at"] is not None for link in links] == [False, True, False]


def test_an_import_creates_the_importers_own_rows_and_leaves_the_exporter_untouched():
    alice = make_user(username="alice")
    rich_workspace(alice)
    before = rows_of(alice)
    alice_export = workspace_export(user=alice)
    alice_tokens = set(ShareLink.objects.values_list("token", flat=True))
    bob = make_user(username="bob")

    workspace_import(user=bob, payload=alice_export)

    assert rows_of(alice) == before
    assert without_owner(workspace_export(user=alice), "alice") == without_owner(
        alice_export, "alice"
    )
    assert rows_of(bob) == before
    bob_links = ShareLink.objects.filter(scenario__client__owner=bob)
    assert not alice_tokens & set(bob_links.values_list("token", flat=True))
    versions = ScenarioVersion.objects.filter(scenario__client__owner=bob)
    assert {v.changed_by for v in versions} == {bob}


def test_importing_the_same_export_twice_is_refused_and_adds_nothing():
    alice = make_user(username="alice")
    rich_workspace(alice)
    exported = workspace_export(user=alice)
    bob = make_user(username="bob")
    workspace_import(user=bob, payload=exported)
    after_first = rows_of(bob)

    with pytest.raises(WorkspaceImportError) as caught:
        workspace_import(user=bob, payload=exported)

    assert "this export was imported before. Nothing was imported." in str(caught.value)
    assert caught.value.errors[0].startswith("clients[0]: 'Société Acme & Co', created ")
    assert rows_of(bob) == after_first


def test_an_account_keeps_its_own_branding_on_import():
    alice = make_user(username="alice")
    rich_workspace(alice)
    bob = make_user(username="bob")
    branding_update(user=bob, firm_name="Bob & Partners", accent_colour="#1f4e79")

    summary = workspace_import(user=bob, payload=workspace_export(user=alice))

    assert summary.branding == "kept"
    assert Branding.objects.get(owner=bob).firm_name == "Bob & Partners"


def _mutate(path_and_value):
    def apply(doc):
        *parents, last = path_and_value[0]
        target = doc
        for key in parents:
            target = target[key]
        if path_and_value[1] is KeyError:
            del target[last]
        else:
            target[last] = path_and_value[1]
        return doc

    return apply


HOSTILE_LOGO = (
    "PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIHZpZXdCb3g9IjAgMCAxMjAgNDAiPjxyZWN0"
    "IGlkPSJyIi8+PHVzZSBocmVmPSIjciIvPjwvc3ZnPg=="
)
SC = ("clients", 0, "scenarios", 0)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ((("format",), "something-else"), "format: must be 'orgdesign-workspace'"),
        ((("version",), 3), "version: must be 1 or 2 (this file has 3)"),
        ((("version",), "2"), "version: must be 1 or 2 (this file has '2')"),
        ((("clients",), {}), "clients: must be a list"),
        ((("clients", 0, "name"), "  "), "clients[0].name: must not be blank"),
        ((("clients", 0, "industry"), "space"), "clients[0].industry: must be one of"),
        ((("clients", 0, "notes"), "x" * 5001), "clients[0].notes: must be at most 5000"),
        ((("clients", 0, "created_at"), "yesterday"), "clients[0].created_at: must be a date"),
        (((*SC, "name"), KeyError), "clients[0].scenarios[0].name: is missing"),
        (((*SC, "colour"), "red"), "clients[0].scenarios[0].colour: is not a known field"),
        (
            ((*SC, "versions", 1, "number"), "2"),
            "clients[0].scenarios[0].versions[1].number: must be a positive whole number",
        ),
        (
            ((*SC, "versions", 1, "number"), 1),
            "clients[0].scenarios[0].versions[1].number: 1 appears twice",
        ),
        (
            ((*SC, "versions", 0, "answers", "stage"), "galactic"),
            "clients[0].scenarios[0].versions[0].answers.stage:",
        ),
        (
            ((*SC, "recommendation", "role_model"), "combined"),
            "clients[0].scenarios[0].recommendation.role_model: is not what today's rules give",
        ),
        (
            ((*SC, "recommendation", "headline"), ["not", "text"]),
            "clients[0].scenarios[0].recommendation.headline: must be a str",
        ),
        (
            ((*SC, "versions", 0, "recommendation", "roles"), ["cto"]),
            "clients[0].scenarios[0].versions[0].recommendation.roles[0]: must be an object",
        ),
        (((*SC, "version"), 7), "clients[0].scenarios[0].version: must be the highest"),
        (
            ((*SC, "share_links", 0, "expires_at"), 3),
            "clients[0].scenarios[0].share_links[0].expires_at: must be a date",
        ),
        ((("branding", "accent_colour"), "red"), "branding.accent_colour: must be a colour"),
        ((("branding", "logo"), "***"), "branding.logo: is not valid base64"),
        ((("branding", "logo"), HOSTILE_LOGO), "branding.logo: SVG logos may not contain <use>"),
    ],
)
def test_a_bad_document_is_refused_with_the_path_of_the_bad_field_and_nothing_is_written(
    change, message
):
    alice = make_user(username="alice")
    rich_workspace(alice)
    doc = _mutate(change)(json.loads(json.dumps(workspace_export(user=alice))))
    bob = make_user(username="bob")

    with pytest.raises(WorkspaceImportError) as caught:
        workspace_import(user=bob, payload=doc)

    assert any(line.startswith(message) for line in caught.value.errors), caught.value.errors
    assert rows_of(bob) == dict.fromkeys(rows_of(bob), 0)


def test_a_failure_half_way_through_the_import_leaves_nothing_behind(monkeypatch):
    alice = make_user(username="alice")
    rich_workspace(alice)
    exported = workspace_export(user=alice)
    bob = make_user(username="bob")

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("orgdesign.workspace_io._import_branding", broken)
    with pytest.raises(RuntimeError):
        workspace_import(user=bob, payload=exported)

    assert rows_of(bob) == dict.fromkeys(rows_of(bob), 0)


# --- Commands -------------------------------------------------------------------------------


def test_the_commands_round_trip_through_a_file(tmp_path, capsys):
    alice = make_user(username="alice")
    rich_workspace(alice)
    bob = make_user(username="bob")
    first, second = tmp_path / "alice.json", tmp_path / "bob.json"

    call_command("export_workspace", "alice", "--output", str(first))
    call_command("import_workspace", str(first), "--user", "bob")
    call_command("export_workspace", "bob", "--output", str(second))

    out = capsys.readouterr().out
    assert "Imported into bob: 2 clients, 2 scenarios, 4 versions, 3 share links" in out
    assert without_owner(json.loads(second.read_text()), "bob") == without_owner(
        json.loads(first.read_text()), "alice"
    )
    assert rows_of(bob)["clients"] == 2


def test_the_export_command_writes_to_standard_output(capsys):
    make_client(owner=make_user(username="carol"), name="Carol's client")
    call_command("export_workspace", "carol")
    assert json.loads(capsys.readouterr().out)["clients"][0]["name"] == "Carol's client"


def test_the_commands_name_what_is_wrong(tmp_path):
    make_user(username="bob")
    bad_json = tmp_path / "bad.json"
    bad_json.write_text("{not json")
    wrong = tmp_path / "wrong.json"
    wrong.write_text(json.dumps({"format": "orgdesign-workspace", "version": 1, "clients": 3}))

    with pytest.raises(CommandError, match="No user named 'nobody'"):
        call_command("export_workspace", "nobody")
    with pytest.raises(CommandError, match="No user named 'nobody'"):
        call_command("import_workspace", str(bad_json), "--user", "nobody")
    with pytest.raises(CommandError, match="is not valid JSON"):
        call_command("import_workspace", str(bad_json), "--user", "bob")
    with pytest.raises(CommandError) as caught:
        call_command("import_workspace", str(wrong), "--user", "bob")
    assert "was not imported:" in str(caught.value)
    assert "  clients: must be a list" in str(caught.value)
    assert "  exported_at: is missing" in str(caught.value)


# --- Download from the account page ---------------------------------------------------------


def test_the_account_page_is_in_the_navigation_and_offers_the_download(client):
    client.force_login(make_user())
    clients_page = client.get(reverse("orgdesign:client-list")).content.decode()
    assert f'href="{reverse("orgdesign:account")}"' in clients_page

    page = client.get(reverse("orgdesign:account")).content.decode()

    assert f'href="{reverse("orgdesign:account-export")}"' in page
    assert f'href="{reverse("orgdesign:branding")}"' in page
    assert f'href="{reverse("orgdesign:password_change")}"' in page


def test_a_consultant_downloads_their_own_data_only(client):
    alice = make_user(username="alice")
    rich_workspace(alice)
    make_client(owner=make_user(username="mallory"), name="Mallory's secret client")
    client.force_login(alice)

    response = client.get(reverse("orgdesign:account-export"))

    assert response["Content-Type"] == "application/json; charset=utf-8"
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="orgdesign-workspace-alice-{today}.json"'
    )
    assert response["Cache-Control"] == "private, no-store"
    doc = json.loads(response.content)
    assert [c["name"] for c in doc["clients"]] == ["Société Acme & Co", "Empty client"]
    assert "Mallory" not in response.content.decode()


def test_the_download_needs_a_sign_in(client):
    response = client.get(reverse("orgdesign:account-export"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.post(reverse("orgdesign:account-export")).status_code in (302, 405)


# --- SQLite onto PostgreSQL -----------------------------------------------------------------

PG_URL = os.environ.get("DATABASE_URL_PG", "")


def _manage(*args: str, database_url: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_DEBUG": "0"}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=django_settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )


@pytest.mark.skipif(
    not PG_URL,
    reason="DATABASE_URL_PG is not set: no PostgreSQL server to import into "
    "(make test exports it when it runs one)",
)
def test_a_workspace_exported_from_sqlite_imports_exactly_into_postgresql(tmp_path):
    if not django_settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        pytest.skip("this run's own database is not SQLite: the SQLite run covers this test")
    alice = make_user(username="alice")
    rich_workspace(alice)
    exported = tmp_path / "from-sqlite.json"
    exported.write_text(json.dumps(workspace_export(user=alice)))
    back = tmp_path / "from-postgresql.json"
    username = f"import-{os.getpid()}-{timezone.now().timestamp():.0f}"
    create = (
        "from django.contrib.auth.models import User; "
        f"User.objects.create_user(username={username!r})"
    )
    delete = (
        "from django.contrib.auth.models import User; "
        f"User.objects.filter(username={username!r}).delete()"
    )

    _manage("migrate", "--noinput", database_url=PG_URL)
    _manage("shell", "-c", create, database_url=PG_URL)
    try:
        _manage("import_workspace", str(exported), "--user", username, database_url=PG_URL)
        _manage("export_workspace", username, "--output", str(back), database_url=PG_URL)
    finally:
        _manage("shell", "-c", delete, database_url=PG_URL)

    assert without_owner(json.loads(back.read_text()), username) == without_owner(
        json.loads(exported.read_text()), "alice"
    )
    assert Path(back).stat().st_size > 1000
