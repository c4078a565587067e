"""`manage.py audit_rules`: every row of every table takes effect somewhere, none is
shadowed, and every answer set is decided; the audit finds a defect when there is one."""

import dataclasses
import io
import re

import pytest
from django.core.management import CommandError, call_command

from orgdesign.rules import table


def audit(*args):
    out = io.StringIO()
    call_command("audit_rules", *args, stdout=out)
    return out.getvalue()


def test_the_audit_finds_no_unreachable_or_shadowed_row_and_no_undecided_answer_set():
    text = audit("--strict")

    assert "Answer space: 90,720 answer sets" in text
    table_lines = [line for line in text.splitlines() if re.match(r"  [a-z_]+: \d+ rows?,", line)]
    assert [line.split(":")[0].strip() for line in table_lines] == list(table.ALL_TABLES)
    for line in table_lines:
        assert "0 unreachable, 0 shadowed, 0 undecided readings" in line, line
    assert not re.search(r"unreachable:|shadowed:|undecided:", text)
    assert text.rstrip().endswith("Problems: 0")
    shares = re.findall(
        r"^  \S.*?\s([\d,]+) \([\d.]+ %\)$",
        text.split("Role models")[1].split("Borderline")[0],
        flags=re.MULTILINE,
    )
    assert sum(int(share.replace(",", "")) for share in shares) == 90_720
    assert "borderline: 7,938 (8.8 %)" in text


def test_the_audit_names_a_shadowed_row_an_unreachable_row_and_an_undecided_seat(monkeypatch):
    last = table.MODEL_RULES[-1]
    copy = dataclasses.replace(last, id="model.copy")
    dead = dataclasses.replace(table.TEAM_RULES[0], id="team.dead", when=table.when(model="cto"))
    monkeypatch.setitem(table.ALL_TABLES, "model", (*table.MODEL_RULES, copy))
    monkeypatch.setitem(table.ALL_TABLES, "team", (*table.TEAM_RULES, dead))
    monkeypatch.setitem(table.ALL_TABLES, "reporting", table.REPORTING_RULES[:-1])

    out = io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("audit_rules", "--strict", stdout=out)
    assert raised.value.returncode == 1
    text = out.getvalue()
    assert f"shadowed: model.copy (every answer set it matches is taken by {last.id})" in text
    assert "unreachable: team.dead" in text
    assert "undecided: reporting/cio for " in text
    assert not text.rstrip().endswith("Problems: 0")
