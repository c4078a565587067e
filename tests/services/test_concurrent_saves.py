"""Two saves of one scenario at the same time, from two threads: both are kept.

The test database is in-memory SQLite, whose shared cache answers "table is locked" at
once where a file database waits (busy timeout, transactions begin IMMEDIATE) and
PostgreSQL waits on the row lock of `select_for_update`. `_waiting` stands in for that
wait by retrying; the property under test is unchanged: each save reads the scenario again
under the lock, so neither overwrites the other and both get their own version number.
"""

import threading
import time

import pytest
from django.db import OperationalError, close_old_connections, connection

from orgdesign.models import Scenario, ScenarioVersion
from orgdesign.services import scenario_update
from tests.factories import SOFTWARE_STARTUP, make_scenario


def _waiting(action, attempts=200):
    for _ in range(attempts):
        try:
            return action()
        except OperationalError as exc:
            if "locked" not in str(exc):
                raise
            time.sleep(0.01)
    raise AssertionError("the database stayed locked")


@pytest.mark.django_db(transaction=True)
def test_two_threads_saving_one_scenario_both_end_up_in_history():
    scenario = make_scenario(answers=SOFTWARE_STARTUP)
    user = scenario.client.owner
    barrier = threading.Barrier(2)
    errors = []

    def save(change):
        try:
            stale = _waiting(lambda: Scenario.objects.get(pk=scenario.pk))
            barrier.wait(timeout=5)
            _waiting(
                lambda: scenario_update(
                    scenario=stale, user=user, answers={**SOFTWARE_STARTUP, **change}
                )
            )
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            close_old_connections()
            connection.close()

    threads = [
        threading.Thread(target=save, args=({"stage": "scaleup"},)),
        threading.Thread(target=save, args=({"industry": "retail"},)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)

    assert errors == []
    numbers = list(
        ScenarioVersion.objects.filter(scenario=scenario)
        .order_by("number")
        .values_list("number", flat=True)
    )
    assert numbers == [1, 2, 3]
    assert Scenario.objects.get(pk=scenario.pk).version == 3
