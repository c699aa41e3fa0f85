#!/usr/bin/env python3
"""Per-step cost of RemoteSchedule(step) against one request per step, same run, same service.

    python3 clients/python/bench/per_step.py                 # starts the service built from this repository
    python3 clients/python/bench/per_step.py --url http://127.0.0.1:3000

Prints a markdown table: the amortized cost of one step answered by RemoteSchedule (block fetches
included) over --steps steps, and of one step asked for with Client.learning_rate (one HTTP request on a
persistent connection) over --requests steps, with the ratio. Target: RemoteSchedule >= 50x cheaper.
In that tight loop the next block is needed before its prefetch can finish, so prefetching gains nothing
there; a second table shows what it is for: with work between the steps, no call waits for the network.
"""
from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE.parent))

from lr_schedule_client import Client, RemoteSchedule  # noqa: E402

SCHEDULE = {
    "module": "keras.optimizers.schedules",
    "class_name": "CosineDecay",
    "config": {"initial_learning_rate": 0.0, "decay_steps": 10000, "alpha": 0.01, "name": "CosineDecay", "warmup_target": 0.001, "warmup_steps": 1000},
    "registered_name": None,
}


def per_step_requests(client: Client, count: int) -> float:
    start = time.perf_counter()
    for step in range(count):
        client.learning_rate(SCHEDULE, step)
    return time.perf_counter() - start


def remote_loop(client: Client, count: int, block: int, prefetch: bool) -> "tuple[float, int]":
    remote = RemoteSchedule(client, SCHEDULE, block=block, prefetch=prefetch)
    start = time.perf_counter()
    for step in range(count):
        remote(step)
    return time.perf_counter() - start, remote.fetches


def with_work(client: Client, count: int, block: int, prefetch: bool, work: float) -> "tuple[float, float]":
    """A trainer that works ``work`` seconds per step (sleeping: the GIL is free, as in a framework's ops).
    Returns the mean time spent inside ``schedule(step)`` and the longest after step 0 (whose block is
    always fetched while the caller waits)."""
    remote = RemoteSchedule(client, SCHEDULE, block=block, prefetch=prefetch)
    clock = time.perf_counter
    inside = 0.0
    longest = 0.0
    for step in range(count):
        start = clock()
        remote(step)
        spent = clock() - start
        inside += spent
        if step:
            longest = max(longest, spent)
        time.sleep(work)
    return inside / count, longest


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", help="a running service (default: start one from this repository)")
    parser.add_argument("--steps", type=int, default=200_000, help="steps for RemoteSchedule (default 200,000)")
    parser.add_argument("--requests", type=int, default=2_000, help="steps for one request per step (default 2,000)")
    parser.add_argument("--block", type=int, default=4096)
    args = parser.parse_args()

    service = None
    url = args.url
    if url is None:
        from tests.service import Service

        service = Service().start()
        url = service.url
    try:
        client = Client(url)
        per_step_requests(client, 200)  # warm-up: connection, JIT of the service, schedule cache
        remote_loop(client, 20_000, args.block, True)

        request_time = per_step_requests(client, args.requests)
        remote_time, fetches = remote_loop(client, args.steps, args.block, True)
        sync_time, sync_fetches = remote_loop(client, args.steps, args.block, False)
        work_block, work_steps = 512, 4096
        work_rows = [(prefetch, *with_work(client, work_steps, work_block, prefetch, 100e-6)) for prefetch in (True, False)]
        client.close()
    finally:
        if service is not None:
            service.close()

    request_us = request_time / args.requests * 1e6
    rows = [
        ("`client.learning_rate(schedule, step)` (1 request/step)", args.requests, args.requests, request_time, request_us),
        (f"`RemoteSchedule(block={args.block})(step)`, prefetch", args.steps, fetches, remote_time, remote_time / args.steps * 1e6),
        (f"`RemoteSchedule(block={args.block}, prefetch=False)(step)`", args.steps, sync_fetches, sync_time, sync_time / args.steps * 1e6),
    ]
    print(f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs; service {url}\n")
    print("| method | steps | requests | total (s) | per step (µs) | cheaper per step |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name, steps, requests, total, per_step in rows:
        print(f"| {name} | {steps:,} | {requests:,} | {total:.3f} | {per_step:.3f} | {request_us / per_step:,.0f}x |")
    print(f"\nWith 100 µs of work per step (a sleep: the GIL is free, as in a framework's ops), {work_steps:,} steps,"
          f" block={work_block}: time spent inside `schedule(step)`\n")
    print("| RemoteSchedule | mean per step (µs) | slowest call after step 0 (µs) |")
    print("| --- | ---: | ---: |")
    for prefetch, mean, longest in work_rows:
        print(f"| {'prefetch' if prefetch else 'prefetch=False'} | {mean * 1e6:.2f} | {longest * 1e6:,.0f} |")
    ratio = request_us / (remote_time / args.steps * 1e6)
    print(f"\ntarget: RemoteSchedule >= 50x cheaper per step than a request per step: {'met' if ratio >= 50 else 'NOT met'} ({ratio:,.0f}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
