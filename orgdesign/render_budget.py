"""Run a costly function that returns bytes within a time budget, in a process of its own.

A report render (or a logo conversion) that takes too long must not hold a web worker: the
work runs in a child process, and the worker waits at most `budget` seconds for its bytes;
past that the child is killed (SIGKILL) and `RenderFailed` is raised. Its address space is
capped at ORGDESIGN_RENDER_MEMORY_MB, so a render that balloons fails with MemoryError
instead of pushing the server into swap. The mechanism knows
nothing of the PDF engine: it runs any importable function with picklable arguments (a
`functools.partial` of a module-level function, for instance) and expects bytes back.

Children come from multiprocessing's "forkserver": one small server process per app
process, started on first use, which sets Django up and imports the modules named in
`ORGDESIGN_RENDER_PRELOAD` once; every run is then a cheap fork of it (no 0.6 s engine
import per render), never a fork of the multi-threaded web worker. The child shares no
database connection with anyone and touches no database: it gets plain data. Like every
non-fork start method, multiprocessing imports the app process's main script in the child,
so that script must keep its work under `if __name__ == "__main__":` (gunicorn's,
manage.py's and pytest's do).

`budgeted(key, build)` adds memory of failures: a render that failed or ran out of time
leaves a marker under its report cache key for `ORGDESIGN_REPORT_FAILURE_TTL` seconds, and
requests for the same report in that time get `RenderFailed` at once instead of paying again.
"""

from __future__ import annotations

import logging
import multiprocessing
import resource
import threading
import time
import traceback
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import caches

logger = logging.getLogger(__name__)

# Failure markers live beside the reports they stand for.
CACHE_ALIAS = "reports"
FAILURE_SUFFIX = ":failed"
_forkserver_lock = threading.Lock()
_context: Any = None


class RenderFailed(Exception):
    """The work did not give its bytes: `reason` is "timeout" or "error"."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail

    @property
    def timed_out(self) -> bool:
        return self.reason == "timeout"


def _forkserver_context() -> Any:
    """The forkserver context, with our start-up module preloaded (set once per process)."""
    global _context
    with _forkserver_lock:
        if _context is None:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["orgdesign.render_child"])
            _context = context
        return _context


def _child_main(
    connection: Any, memory_mb: int, func: Callable[..., bytes], args: tuple, kwargs: dict
) -> None:
    """In the child: cap its memory, run the work and send ("ok", bytes) or ("error",
    traceback text)."""
    try:
        if memory_mb:
            limit = memory_mb * 1024 * 1024
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        import orgdesign.render_child  # noqa: F401 - Django set up, if the preload was not

        result = func(*args, **kwargs)
        if not isinstance(result, bytes | bytearray):
            raise TypeError(f"expected bytes, got {type(result).__name__}")
        connection.send(("ok", bytes(result)))
    except BaseException:  # noqa: BLE001 - everything goes back to the parent as text
        connection.send(("error", traceback.format_exc(limit=20)))
    finally:
        connection.close()


def run_with_budget(
    func: Callable[..., bytes], /, *args: Any, budget: float, **kwargs: Any
) -> bytes:
    """`func(*args, **kwargs)` computed in a child process, within `budget` seconds.

    Returns its bytes; raises RenderFailed("timeout") when the budget runs out (the child
    is killed first) and RenderFailed("error") when it raised or died.
    """
    context = _forkserver_context()
    reader, writer = context.Pipe(duplex=False)
    memory_mb = int(getattr(settings, "ORGDESIGN_RENDER_MEMORY_MB", 0))
    process = context.Process(
        target=_child_main,
        args=(writer, memory_mb, func, args, kwargs),
        name="orgdesign-render",
        daemon=True,
    )
    try:
        # Returns once the child exists: the first call in an app process also waits for
        # the forkserver's one-time start (about a second), which the budget does not count.
        process.start()
    except Exception as exc:  # the forkserver could not start or fork
        reader.close()
        writer.close()
        raise RenderFailed("error", f"could not start the render process: {exc}") from exc
    started = time.monotonic()
    writer.close()
    try:
        remaining = budget - (time.monotonic() - started)
        if remaining <= 0 or not reader.poll(remaining):
            raise RenderFailed("timeout", f"no result within {budget:g} s")
        try:
            status, payload = reader.recv()
        except (EOFError, OSError) as exc:
            raise RenderFailed("error", "the render process died") from exc
    finally:
        reader.close()
        if process.is_alive():
            process.kill()
        process.join(timeout=5)
        if process.exitcode is None:  # pragma: no cover - SIGKILL always ends it
            logger.error("Render process %s did not end after SIGKILL.", process.pid)
    if status != "ok":
        raise RenderFailed("error", payload)
    return payload


def report_time_budget() -> float:
    return float(settings.ORGDESIGN_REPORT_TIME_BUDGET)


def failure_key(key: str) -> str:
    return key + FAILURE_SUFFIX


def budgeted(key: str, build: Callable[[], bytes]) -> Callable[[], bytes]:
    """`build` wrapped with the report time budget and the memory of failures under `key`.

    The wrapper raises RenderFailed at once while a failure of the same report is
    remembered; otherwise it runs `build` in a child process within the budget and, on
    failure, remembers it for ORGDESIGN_REPORT_FAILURE_TTL seconds before raising.
    """

    def run() -> bytes:
        cache = caches[CACHE_ALIAS]
        try:
            remembered = cache.get(failure_key(key))
        except Exception as exc:  # noqa: BLE001 - a cache that is down only forgets
            logger.warning("Report cache unreadable (%s): rendering %s anyway.", exc, key)
            remembered = None
        if remembered is not None:
            raise RenderFailed(remembered, "failed recently; not retried yet")
        started = time.monotonic()
        try:
            return run_with_budget(build, budget=report_time_budget())
        except RenderFailed as failure:
            elapsed = time.monotonic() - started
            logger.error(
                "Report %s failed (%s after %.1f s); not retried for %s s. %s",
                key,
                failure.reason,
                elapsed,
                settings.ORGDESIGN_REPORT_FAILURE_TTL,
                failure.detail[-2000:],
            )
            try:
                cache.set(failure_key(key), failure.reason, settings.ORGDESIGN_REPORT_FAILURE_TTL)
            except Exception as exc:  # noqa: BLE001 - the failure is still reported
                logger.warning("Report cache unwritable (%s): failure not remembered.", exc)
            raise

    return run
