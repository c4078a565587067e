"""Benchmark: recommendations per second, in-process, over random valid answer sets.

    .venv/bin/python bench/engine.py [--count 100000] [--seed 1] [--repeat 5]

Prints three figures, each the median of --repeat runs that start from cold caches: the
engine alone (validated `Answers` in, `Recommendation` out), the full path from a raw dict
to JSON text (validation + engine + serialisation), and the engine with its memo caches
cleared before every call (the cold, worst case).
Target (docs/benchmarks.md): at least 50,000 recommendations per second for the engine.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from orgdesign.rules import CHOICES, engine, parse_answers, recommend, recommend_json


def random_answers(rng: random.Random) -> dict:
    data = {key: rng.choice(CHOICES[key])[0] for key in ("stage", "industry", "product_focus")}
    if rng.random() < 0.7:
        data["product_lines"] = rng.randint(1, 50)
    for key in ("regulated", "internal_app_dev", "single_leader"):
        if rng.random() < 0.7:
            data[key] = rng.random() < 0.5
    for key in ("internal_it", "current_leadership"):
        if rng.random() < 0.7:
            data[key] = rng.choice(CHOICES[key])[0]
    return data


def rate(count: int, seconds: float) -> str:
    return f"{count / seconds:>12,.0f} per second  ({seconds * 1e6 / count:8.2f} us each)"


def run_once(parsed: list, raw: list) -> tuple[float, float, float, int]:
    """One measurement of each figure, every one starting from cold caches."""
    engine.clear_caches()  # start cold: the caches fill during the measured run
    start = time.perf_counter()
    for answers in parsed:
        recommend(answers)
    engine_seconds = time.perf_counter() - start

    engine.clear_caches()
    start = time.perf_counter()
    for data in raw:
        recommend_json(data)
    full_seconds = time.perf_counter() - start

    cold_count = min(len(parsed), 2_000)
    start = time.perf_counter()
    for answers in parsed[:cold_count]:
        engine.clear_caches()
        recommend(answers)
    cold_seconds = time.perf_counter() - start
    return engine_seconds, full_seconds, cold_seconds, cold_count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=5, help="runs; the median is reported")
    args = parser.parse_args()

    rng = random.Random(args.seed)
    raw = [random_answers(rng) for _ in range(args.count)]
    parsed = [parse_answers(data) for data in raw]
    distinct = len(set(parsed))

    runs = [run_once(parsed, raw) for _ in range(args.repeat)]
    cold_count = runs[0][3]
    print(f"answer sets: {args.count:,} random ({distinct:,} distinct), seed {args.seed}")
    print(f"median of {args.repeat} runs (slowest and fastest run in brackets)")
    for index, (name, count) in enumerate(
        [
            ("engine (Answers -> Recommendation):   ", args.count),
            ("full path (dict -> validated -> JSON):", args.count),
            ("cold engine (caches cleared per call):", cold_count),
        ]
    ):
        seconds = sorted(run[index] for run in runs)
        spread = f"[{count / seconds[-1]:,.0f} .. {count / seconds[0]:,.0f}]"
        print(f"{name} {rate(count, statistics.median(seconds))}  {spread}")


if __name__ == "__main__":
    main()
