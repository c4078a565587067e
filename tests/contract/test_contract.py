"""The public contract: the command and the API agree, byte for byte, on every sample."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from orgdesign.rules import parse_answers, recommend, to_json

HERE = Path(__file__).parent
ROOT = HERE.parent.parent
CASES_COPY = HERE / "public_cases.json"
SHARED_CASES = ROOT.parent / "shared" / "cases" / "public.json"
CASES = json.loads(CASES_COPY.read_text())["cases"]


def test_the_copy_of_the_public_cases_is_current():
    if not SHARED_CASES.exists():
        pytest.skip("the shared cases are not beside this checkout")
    assert json.loads(SHARED_CASES.read_text()) == json.loads(CASES_COPY.read_text())


def run_cli(stdin, *args):
    env = {**os.environ, "DJANGO_SECRET_KEY": "cli-test-" + "x" * 40}
    return subprocess.run(
        [sys.executable, "manage.py", "recommend", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
        check=False,
    )


def check_expectations(rec, expect):
    assert rec["role_model"] in expect["role_model_in"]
    codes = [seat["code"] for seat in rec["roles"]]
    for code in expect.get("has_seat", []):
        assert code in codes
    for code in expect.get("lacks_seat", []):
        assert code not in codes
    for code, allowed in expect.get("reports_to", {}).items():
        for seat in rec["roles"]:
            if seat["code"] == code:
                assert seat["reports_to"] in allowed


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_public_case_through_the_api(client, case):
    response = client.post(
        "/api/v1/recommendation", json.dumps(case["answers"]), content_type="application/json"
    )
    if "error_key" in case["expect"]:
        assert response.status_code == 400
        assert case["expect"]["error_key"] in response.json()["errors"]
    else:
        assert response.status_code == 200
        check_expectations(response.json(), case["expect"])


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_public_case_through_the_command(case):
    result = run_cli(json.dumps(case["answers"]))
    if "error_key" in case["expect"]:
        assert result.returncode == 2
        assert result.stdout == ""
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1
        assert case["expect"]["error_key"] in lines[0]
    else:
        assert result.returncode == 0, result.stderr
        check_expectations(json.loads(result.stdout), case["expect"])


def test_the_command_and_the_api_give_byte_identical_json(client, tmp_path):
    answers = {
        "stage": "enterprise",
        "industry": "retail",
        "product_focus": "tech_enabled",
        "product_lines": 4,
        "current_leadership": "cio",
    }
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers))
    from_file = run_cli("", "--answers", str(path))
    from_stdin = run_cli(json.dumps(answers))
    response = client.post(
        "/api/v1/recommendation", json.dumps(answers), content_type="application/json"
    )
    assert from_file.returncode == 0
    assert from_file.stdout == from_stdin.stdout == response.content.decode()
    assert response.content.decode() == to_json(recommend(parse_answers(answers)))


def test_the_command_in_process_prints_the_recommendation(tmp_path, capsys):
    path = tmp_path / "answers.json"
    path.write_text('{"stage": "startup", "industry": "software", "product_focus": "internal"}')
    call_command("recommend", answers=str(path))
    assert json.loads(capsys.readouterr().out)["role_model"] == "cio"


@pytest.mark.parametrize(
    ("stdin", "key"),
    [
        ("not json", "answers"),
        ("[1, 2]", "answers"),
        ('{"stage": "startup"}', "industry"),
        ('{"stage": "startup", "industry": "software", "product_focus": "x"}', "product_focus"),
        (
            '{"stage": "startup", "industry": "software", "product_focus": "internal", '
            '"product_lines": 0}',
            "product_lines",
        ),
    ],
)
def test_the_command_rejects_bad_input_with_one_line_naming_the_key(stdin, key):
    result = run_cli(stdin)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert key in lines[0]


def test_the_command_reports_a_missing_file():
    with pytest.raises(CommandError) as caught:
        call_command("recommend", answers="/no/such/file.json")
    assert caught.value.returncode == 2
    assert str(caught.value).startswith("answers: cannot read")
