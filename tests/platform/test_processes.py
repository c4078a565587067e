"""Several app processes on one database: shared caches, a killed worker, a restart.

Each test runs real processes of the app (tests/platform/worker.py) on a scratch database:
a SQLite file always, and a PostgreSQL database as well when the run has a server.
"""

import json
import os
import signal
import subprocess

import pytest

from tests.platform.processes import (
    database_kinds,
    run_worker,
    scratch_database,
    worker_command,
    worker_env,
)
from tests.platform.settings_probe import REPO


@pytest.fixture(params=database_kinds())
def database_url(request, tmp_path):
    with scratch_database(request.param, tmp_path) as url:
        run_worker(url, tmp_path, "migrate")
        yield url


def test_a_report_rendered_by_one_process_is_served_from_the_cache_by_another(
    database_url, tmp_path
):
    first = run_worker(database_url, tmp_path, "render-report")
    # The second process may not render: it fails if the PDF is not in the shared cache.
    second = run_worker(database_url, tmp_path, "cached-report", str(first["scenario_id"]))

    assert second["sha256"] == first["sha256"]


def _kill_after_saves(database_url, tmp_path, saves: int) -> list[dict]:
    """Start a worker saving in a loop, SIGKILL it once `saves` saves are committed.

    Returns what the worker reported as committed."""
    process = subprocess.Popen(  # noqa: S603 - our own worker, fixed arguments
        worker_command("save-loop"),
        cwd=REPO,
        env=worker_env(database_url, tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        committed = []
        for line in process.stdout:
            committed.append(json.loads(line))
            if len(committed) >= saves:
                break
        # Killed in the middle of the next save (the loop never pauses between saves).
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=30)
        process.stdout.close()
        process.stderr.close()
    assert process.returncode == -signal.SIGKILL, process.stderr
    return committed


def test_a_worker_killed_while_saving_leaves_nothing_half_written(database_url, tmp_path):
    committed = len(_kill_after_saves(database_url, tmp_path, saves=5))
    state = run_worker(database_url, tmp_path, "history")

    clients = {pk for pk, _ in state["clients"]}
    scenarios = {row[0]: row for row in state["scenarios"]}
    versions: dict[int, list[int]] = {}
    for scenario_id, number, *_ in state["versions"]:
        versions.setdefault(scenario_id, []).append(number)

    # Every save the worker reported is there; at most the one it was killed in is not.
    assert committed >= 5
    assert len(clients) in (committed, committed + 1)
    # No client without its scenario, no scenario without its client or its history.
    assert {row[1] for row in scenarios.values()} == clients
    for scenario_id, (_, _, _, version, *_rest) in scenarios.items():
        assert versions[scenario_id] == list(range(1, version + 1))
    assert set(versions) == set(scenarios)


def test_a_restarted_app_finds_every_scenario_and_its_history(database_url, tmp_path):
    saved = _kill_after_saves(database_url, tmp_path, saves=3)

    # New processes, as after a restart of the app server (twice: nothing moves).
    after = run_worker(database_url, tmp_path, "history")
    again = run_worker(database_url, tmp_path, "history")

    assert again == after
    scenarios = {row[0]: row for row in after["scenarios"]}
    for report in saved:
        scenario = scenarios[report["scenario_id"]]
        assert scenario[3] == report["version"] == 2
        assert scenario[5]["industry"] == "finance"  # the second version's answers
        history = [v for v in after["versions"] if v[0] == report["scenario_id"]]
        assert [(v[1], v[5]) for v in history] == [(1, "Created"), (2, "Answers changed")]
        assert history[0][4]["industry"] == "software"
