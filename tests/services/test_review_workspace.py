"""The client's review and the share links' labels travel with a workspace export (format
version 2) and back: every label, comment, reply and sign-off, tied to the same link by its
position (never by its secret token); a version 1 file still imports; every new field's bad
value is refused with its path, and nothing of a refused file is written."""

import copy
import json

import pytest
from django.core.management import call_command

from orgdesign import selectors
from orgdesign.models import ReviewComment, ReviewReply, Scenario, ShareLink, SignOff
from orgdesign.services import (
    review_reply_add,
    scenario_trash,
    scenario_update,
    share_link_create,
    share_link_mark_opened,
    share_link_revoke,
)
from orgdesign.workspace_io import WorkspaceImportError, workspace_export, workspace_import
from tests.factories import (
    REGIONAL_BANK,
    SOFTWARE_STARTUP,
    add_member,
    make_client,
    make_review_comment,
    make_scenario,
    make_signoff,
    make_user,
)

pytestmark = pytest.mark.django_db

SC = ("clients", 0, "scenarios", 0)


def reviewed_workspace(owner):
    """A scenario in two versions, three labelled links (one opened, one revoked), comments
    on the whole advice, a reason and a seat with replies (one by a member since deleted),
    and sign-offs of both versions; a second scenario in the trash with a review too."""
    client = make_client(owner=owner, name="Acme")
    scenario = make_scenario(client=client, name="Today", answers=SOFTWARE_STARTUP)
    board = share_link_create(scenario=scenario, label="Board, Ada")
    cfo = share_link_create(scenario=scenario, label="CFO – Zoë")
    revoked = share_link_create(scenario=scenario, label="")
    share_link_mark_opened(link=board)
    whole = make_review_comment(link=board, text="Why a CTO first?\nSecond line.")
    review_reply_add(comment=whole, user=owner, text="Because of the product.")
    make_signoff(link=board, name="Ada Board", role="Chair")
    scenario_update(scenario=scenario, user=owner, answers=REGIONAL_BANK)
    scenario.refresh_from_db()
    rule = scenario.recommendation["rationale"][0]["rule"]
    seat = scenario.recommendation["roles"][0]["code"]
    on_reason = make_review_comment(link=cfo, about=("reason", rule), author_name="Zoë")
    colleague = make_user(username="colleague")
    add_member(firm=client.firm, user=colleague)
    review_reply_add(comment=on_reason, user=colleague, text="Gone since.")
    colleague.delete()  # the reply stays, by nobody
    review_reply_add(comment=on_reason, user=owner, text="And here it is.")
    make_review_comment(link=board, about=("seat", seat), text="This seat?")
    make_signoff(link=board, name="Ada Board", role="Chair")
    make_signoff(link=cfo, name="Zoë", role="CFO")
    share_link_revoke(link=revoked)
    trashed = make_scenario(client=client, name="Binned")
    make_review_comment(link=share_link_create(scenario=trashed), text="In the bin")
    scenario_trash(scenario=trashed, user=owner)
    return scenario


def review_rows(user, *, as_username: str | None = None) -> dict:
    """What the review and links of `user`'s firm hold (out of the trash), comparable
    across accounts: links by label, a reply's author as a username (`as_username` for the
    account's own)."""

    def who(author):
        if author is None:
            return None
        return "(owner)" if author.get_username() == as_username else author.get_username()

    firm = selectors.firm_for_user(user=user)
    live = Scenario.objects.filter(client__firm=firm)  # the trash is not exported
    links = ShareLink.objects.filter(scenario__client__firm=firm).order_by("created_at", "id")
    comments = (
        ReviewComment.objects.filter(scenario__in=live)
        .select_related("link")
        .prefetch_related("replies__author")
        .order_by("created_at", "id")
    )
    signoffs = SignOff.objects.filter(scenario__in=live).select_related("link")
    return {
        "links": [
            (link.label, link.created_at, link.expires_at, link.revoked_at, link.last_opened_at)
            for link in links
        ],
        "comments": [
            (
                c.scenario.name,
                c.link.label,
                c.version,
                c.target,
                c.target_key,
                c.author_name,
                c.text,
                c.created_at,
                [(who(r.author), r.text, r.created_at) for r in c.replies.order_by("id")],
            )
            for c in comments
        ],
        "signoffs": sorted(
            (s.scenario.name, s.link.label, s.version, s.name, s.role, s.created_at)
            for s in signoffs
        ),
    }


def exported(owner) -> dict:
    return json.loads(json.dumps(workspace_export(user=owner)))


def nothing_of(user) -> bool:
    return not (
        Scenario.all_objects.filter(client__owner=user).exists()
        or ShareLink.all_objects.filter(scenario__client__owner=user).exists()
        or ReviewComment.objects.filter(scenario__client__owner=user).exists()
        or ReviewReply.objects.filter(comment__scenario__client__owner=user).exists()
        or SignOff.objects.filter(scenario__client__owner=user).exists()
    )


def test_a_round_trip_keeps_every_label_comment_reply_and_sign_off():
    alice = make_user(username="alice")
    reviewed_workspace(alice)
    doc = exported(alice)
    bob = make_user(username="bob")

    summary = workspace_import(user=bob, payload=doc)

    assert (summary.share_links, summary.comments, summary.replies, summary.signoffs) == (
        3,
        3,
        3,
        3,
    )
    theirs = review_rows(alice, as_username="alice")
    ours = review_rows(bob, as_username="bob")
    assert ours == theirs
    assert [link[0] for link in ours["links"]] == ["Board, Ada", "CFO – Zoë", ""]
    assert ours["links"][0][4] is not None and ours["links"][1][4] is None
    # A reply by someone shows the importing consultant; one by nobody stays so.
    assert [r[0] for c in ours["comments"] for r in c[8]] == ["(owner)", None, "(owner)"]
    assert ReviewReply.objects.filter(comment__scenario__client__owner=bob, author=bob).count()
    # Exporting again gives the same file, the owner apart.
    again = exported(bob)
    for document in (again, doc):
        del document["owner"], document["exported_at"]
    assert json.dumps(again).replace('"bob"', '"alice"') == json.dumps(doc)


def test_the_review_names_its_link_by_position_and_the_file_holds_no_token():
    alice = make_user(username="alice")
    reviewed_workspace(alice)
    tokens = list(ShareLink.all_objects.values_list("token", flat=True))

    text = json.dumps(workspace_export(user=alice))

    assert all(token not in text for token in tokens)
    assert '"token"' not in text
    doc = json.loads(text)
    assert doc["version"] == 2
    scenario = doc["clients"][0]["scenarios"][0]
    assert [c["link"] for c in scenario["comments"]] == [0, 1, 0]
    assert sorted((s["link"], s["version"]) for s in scenario["signoffs"]) == [
        (0, 1),
        (0, 2),
        (1, 2),
    ]
    bob = make_user(username="bob")
    workspace_import(user=bob, payload=doc)
    imported = ReviewComment.objects.filter(scenario__client__owner=bob).select_related("link")
    assert [c.link.label for c in imported.order_by("created_at")] == [
        "Board, Ada",
        "CFO – Zoë",
        "Board, Ada",
    ]
    assert not set(tokens) & set(imported.values_list("link__token", flat=True))


def test_the_trash_and_its_review_are_not_exported():
    alice = make_user(username="alice")
    reviewed_workspace(alice)

    doc = exported(alice)

    assert [s["name"] for s in doc["clients"][0]["scenarios"]] == ["Today"]
    assert "In the bin" not in json.dumps(doc)


def as_version_1(doc: dict) -> dict:
    """The file as version 1 wrote it: no labels, no last opening, no review."""
    old = copy.deepcopy(doc)
    old["version"] = 1
    for client in old["clients"]:
        for scenario in client["scenarios"]:
            del scenario["comments"], scenario["signoffs"]
            for link in scenario["share_links"]:
                del link["label"], link["last_opened_at"]
    return old


def test_a_version_1_file_still_imports_with_unlabelled_links_and_no_review():
    alice = make_user(username="alice")
    reviewed_workspace(alice)
    old = as_version_1(exported(alice))
    bob = make_user(username="bob")

    summary = workspace_import(user=bob, payload=old)

    assert (summary.scenarios, summary.versions, summary.share_links) == (1, 2, 3)
    assert (summary.comments, summary.replies, summary.signoffs) == (0, 0, 0)
    links = ShareLink.objects.filter(scenario__client__owner=bob)
    assert [(link.label, link.last_opened_at) for link in links] == [("", None)] * 3
    assert not ReviewComment.objects.filter(scenario__client__owner=bob).exists()
    assert exported(bob)["version"] == 2


def test_each_version_has_its_own_fields():
    alice = make_user(username="alice")
    reviewed_workspace(alice)
    doc = exported(alice)
    old_with_review = copy.deepcopy(doc)
    old_with_review["version"] = 1
    new_without = copy.deepcopy(doc)
    del new_without["clients"][0]["scenarios"][0]["comments"]
    bob = make_user(username="bob")

    with pytest.raises(WorkspaceImportError) as old_caught:
        workspace_import(user=bob, payload=old_with_review)
    with pytest.raises(WorkspaceImportError) as new_caught:
        workspace_import(user=bob, payload=new_without)

    assert "clients[0].scenarios[0].comments: is not a known field" in old_caught.value.errors
    assert "clients[0].scenarios[0].share_links[0].label: is not a known field" in (
        old_caught.value.errors
    )
    assert new_caught.value.errors == ["clients[0].scenarios[0].comments: is missing"]
    assert nothing_of(bob)


C0 = (*SC, "comments", 0)
C1 = (*SC, "comments", 1)
S0 = (*SC, "signoffs", 0)
L0 = (*SC, "share_links", 0)
P = "clients[0].scenarios[0]"


def _set(doc: dict, path: tuple, value) -> None:
    *parents, last = path
    for key in parents:
        doc = doc[key]
    if value is KeyError:
        del doc[last]
    else:
        doc[last] = value


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        ((*L0, "label"), "Ada\x07", f"{P}.share_links[0].label: The label may not contain contr"),
        ((*L0, "label"), "x" * 121, f"{P}.share_links[0].label: must be at most 120 characters"),
        ((*L0, "label"), None, f"{P}.share_links[0].label: must be a string"),
        ((*L0, "last_opened_at"), "soon", f"{P}.share_links[0].last_opened_at: must be a date"),
        ((*L0, "last_opened_at"), KeyError, f"{P}.share_links[0].last_opened_at: is missing"),
        ((*C0, "link"), 3, f"{P}.comments[0].link: must be the position of one of this scen"),
        ((*C0, "link"), "0", f"{P}.comments[0].link: must be the position"),
        ((*C0, "link"), True, f"{P}.comments[0].link: must be the position"),
        ((*C0, "version"), 9, f"{P}.comments[0].version: no version 9 in versions"),
        ((*C0, "version"), 0, f"{P}.comments[0].version: must be a positive whole number"),
        ((*C0, "target"), "page", f"{P}.comments[0].target: must be one of 'recommendation'"),
        (
            (*C1, "target_key"),
            "no-such-rule",
            f"{P}.comments[1].target_key: no such reason or seat in version 2",
        ),
        ((*C0, "target_key"), "cio", f"{P}.comments[0].target_key: must be empty for a comment"),
        ((*C0, "target_key"), "x" * 65, f"{P}.comments[0].target_key: must be at most 64"),
        ((*C0, "author_name"), "  ", f"{P}.comments[0].author_name: must not be blank"),
        ((*C0, "author_name"), "A\nB", f"{P}.comments[0].author_name: Your name may not contain"),
        ((*C0, "text"), "x" * 2001, f"{P}.comments[0].text: must be at most 2000 characters"),
        ((*C0, "text"), "a\u202eb", f"{P}.comments[0].text: The comment may not contain chara"),
        ((*C0, "created_at"), None, f"{P}.comments[0].created_at: must be a date"),
        ((*C0, "replies"), {}, f"{P}.comments[0].replies: must be a list"),
        ((*C0, "replies", 0, "author"), 5, f"{P}.comments[0].replies[0].author: must be a str"),
        ((*C0, "replies", 0, "text"), "", f"{P}.comments[0].replies[0].text: must not be blank"),
        ((*C0, "replies", 0, "text"), "\x1b", f"{P}.comments[0].replies[0].text: The reply may"),
        ((*C0, "replies", 0, "created_at"), "x", f"{P}.comments[0].replies[0].created_at: must"),
        ((*C0, "replies", 0, "mood"), "ok", f"{P}.comments[0].replies[0].mood: is not a known"),
        ((*SC, "comments"), None, f"{P}.comments: must be a list"),
        ((*S0, "link"), -1, f"{P}.signoffs[0].link: must be the position"),
        ((*S0, "link"), [0], f"{P}.signoffs[0].link: must be the position"),
        (
            (*SC, "versions", 1, "recommendation", "rationale", 0, "rule"),
            ["a", "list"],
            f"{P}.comments[1].target_key: no such reason or seat in version 2",
        ),
        ((*S0, "version"), 3, f"{P}.signoffs[0].version: no version 3 in versions"),
        ((*S0, "name"), "", f"{P}.signoffs[0].name: must not be blank"),
        ((*S0, "role"), "x" * 121, f"{P}.signoffs[0].role: must be at most 120 characters"),
        ((*S0, "role"), "C\u2066EO", f"{P}.signoffs[0].role: Your role may not contain chara"),
        ((*S0, "created_at"), "2026-01-01T10:00:00", f"{P}.signoffs[0].created_at: must be"),
        ((*S0, "role_model"), "cio", f"{P}.signoffs[0].role_model: is not a known field"),
        ((*SC, "signoffs"), "all", f"{P}.signoffs: must be a list"),
    ],
)
def test_a_bad_review_field_is_refused_with_its_path_and_nothing_is_written(path, value, message):
    alice = make_user(username="alice")
    reviewed_workspace(alice)
    doc = exported(alice)
    _set(doc, path, value)
    bob = make_user(username="bob")

    with pytest.raises(WorkspaceImportError) as caught:
        workspace_import(user=bob, payload=doc)

    assert any(line.startswith(message) for line in caught.value.errors), caught.value.errors
    assert nothing_of(bob)


def test_two_sign_offs_of_one_version_through_one_link_are_refused():
    alice = make_user(username="alice")
    reviewed_workspace(alice)
    doc = exported(alice)
    signoffs = doc["clients"][0]["scenarios"][0]["signoffs"]
    first = next(i for i, s in enumerate(signoffs) if (s["link"], s["version"]) == (0, 2))
    signoffs.append({**signoffs[first], "name": "Someone else"})
    bob = make_user(username="bob")

    with pytest.raises(WorkspaceImportError) as caught:
        workspace_import(user=bob, payload=doc)

    assert caught.value.errors == [
        f"{P}.signoffs[3]: link 0 signed off version 2 already (signoffs[{first}]): one "
        "sign-off per link and version"
    ]
    assert nothing_of(bob)


def test_a_review_needs_a_link_to_come_through():
    alice = make_user(username="alice")
    reviewed_workspace(alice)
    doc = exported(alice)
    doc["clients"][0]["scenarios"][0]["share_links"] = []
    bob = make_user(username="bob")

    with pytest.raises(WorkspaceImportError) as caught:
        workspace_import(user=bob, payload=doc)

    assert (
        f"{P}.comments[0].link: must name a share link, but this scenario has no "
        in (caught.value.errors[0])
    )
    assert nothing_of(bob)


def test_a_failure_after_the_review_is_written_leaves_none_of_it(monkeypatch):
    alice = make_user(username="alice")
    reviewed_workspace(alice)
    doc = exported(alice)
    bob = make_user(username="bob")
    written = []

    def broken(*args, **kwargs):
        written.append(SignOff.objects.filter(scenario__client__owner=bob).count())
        raise RuntimeError("disk full")

    monkeypatch.setattr("orgdesign.workspace_io._import_branding", broken)
    with pytest.raises(RuntimeError):
        workspace_import(user=bob, payload=doc)

    assert written == [3]  # the review was written, then rolled back with the rest
    assert nothing_of(bob)


def test_the_import_command_counts_the_review(tmp_path, capsys):
    alice = make_user(username="alice")
    reviewed_workspace(alice)
    make_user(username="bob")
    path = tmp_path / "alice.json"

    call_command("export_workspace", "alice", "--output", str(path))
    call_command("import_workspace", str(path), "--user", "bob")

    assert (
        "1 scenarios, 2 versions, 3 share links (with new addresses), 3 comments, 3 replies, "
        "3 sign-offs; branding none." in capsys.readouterr().out
    )
