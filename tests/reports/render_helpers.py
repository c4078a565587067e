"""Stand-ins for the PDF engine, run inside render processes (so: importable functions)."""

import time
from pathlib import Path


def sleep_then_bytes(seconds: float) -> bytes:
    time.sleep(seconds)
    return b"late"


def slow_report_pdf(**_report) -> bytes:
    """A report that takes far longer than any budget."""
    time.sleep(60)
    return b"%PDF-never"


def failing_report_pdf(calls: str, **_report) -> bytes:
    """A report that fails, noting each attempt as a line in the file `calls`."""
    with Path(calls).open("a") as log:
        log.write("called\n")
    raise RuntimeError("the engine broke")


def not_bytes() -> str:
    return "text"


def memory_hog() -> bytes:
    """Asks for 4 GB at once."""
    return bytes(4 * 1024**3)
