"""A RemoteSchedule with the default settings across a SIGKILL of the real service and its restart.

Each test starts a service of its own (skipped with LR_SCHEDULE_TEST_URL, where the tests cannot stop one),
kills it with SIGKILL (no drain: its connections reset, the request in flight lost) and starts it again on the
same port a few seconds later, while a trainer loop goes on asking for steps. Measured figures are printed.
"""
from __future__ import annotations

import struct
import sys
import threading
import time
import unittest
from typing import Any, Dict, List, Optional, Tuple

from lr_schedule_client import Client, RemoteSchedule

from .service import AnswerLog, Service, own_service

STEPS = 30_000
#: A schedule that cycles momentum and stops, so the run checks the momentum block and the stop as well.
ONE_CYCLE = {"module": "torch.optim.lr_scheduler", "class_name": "OneCycleLR", "config": {"max_lr": 0.1, "total_steps": STEPS}, "base_lr": 0.1}


def bits(values: List[Tuple[float, Optional[float]]]) -> bytes:
    return b"".join(struct.pack("<dd", rate, momentum) for rate, momentum in values)  # type: ignore[arg-type]


class Restart:
    """Kills the service now (SIGKILL) and starts it again on the same port ``after`` seconds later, on a thread."""

    def __init__(self, service: Service, after: float) -> None:
        self.service = service
        self.after = after
        self.killed_at = 0.0
        self.ready_at = 0.0
        self.error: Optional[BaseException] = None
        self.thread = threading.Thread(target=self._start_later, daemon=True)

    def now(self) -> "Restart":
        self.service.kill()
        self.killed_at = time.monotonic()
        self.thread.start()
        return self

    def _start_later(self) -> None:
        time.sleep(self.after)
        try:
            self.service.start()
        except BaseException as error:  # reported by the test
            self.error = error
        self.ready_at = time.monotonic()

    def join(self) -> None:
        self.thread.join(60)
        if self.error is not None:
            raise AssertionError(f"the service did not start again: {self.error}")

    @property
    def outage(self) -> float:
        """Seconds from the kill to the restarted service answering /ready."""
        return self.ready_at - self.killed_at


class RestartTest(unittest.TestCase):
    def setUp(self) -> None:
        self.service = own_service()
        self.addCleanup(self.service.close)

    def uninterrupted(self, steps: int, **options: Any) -> Tuple[List[Tuple[float, Optional[float]]], int]:
        with Client(self.service.url) as client:
            remote = RemoteSchedule(client, ONE_CYCLE, **options)
            values = [tuple(remote.values(step)) for step in range(steps)]
            return values, remote.fetches  # type: ignore[return-value]

    def test_defaults_ride_out_a_sigkill_and_a_restart_6_s_later(self) -> None:
        expected, blocks = self.uninterrupted(STEPS)
        self.assertEqual(blocks, 8)  # 7 blocks of 4,096 and the 8th cut at total_steps + 1 = 30,001
        client = Client(self.service.url)  # every setting its default
        self.addCleanup(client.close)
        log = AnswerLog(client)
        remote = RemoteSchedule(client, ONE_CYCLE)
        values: List[Tuple[float, Optional[float]]] = []
        longest, longest_at = 0.0, -1
        restart: Optional[Restart] = None
        for step in range(STEPS):
            started = time.monotonic()
            values.append(tuple(remote.values(step)))  # type: ignore[arg-type]
            took = time.monotonic() - started
            if step > 0 and took > longest:
                longest, longest_at = took, step
            if step == 0:
                restart = Restart(self.service, after=6.0).now()  # after the first block came
        assert restart is not None
        restart.join()
        self.assertEqual(len(values), STEPS)
        self.assertEqual(bits(values), bits(expected))  # every lr and momentum, bit for bit
        self.assertEqual(remote.fetches, blocks)  # no block fetched twice
        self.assertEqual(log.statuses(), [200] * blocks)  # every answer a block; no 4xx, no 5xx
        self.assertGreater(len(log.failures()), 0)  # the outage was met: attempts without an answer
        # The trainer waited for the service at one block boundary, no longer than the outage plus the most
        # the client waits between two attempts (and a request's time).
        self.assertGreater(longest, 5.0)
        self.assertLessEqual(longest, restart.outage + client.backoff_cap + 1.0)
        print(
            f"\n[restart] SIGKILL after block 0, restarted 6 s later (outage {restart.outage:.2f} s to /ready): "
            f"{STEPS:,} steps equal to an uninterrupted run's; one stall of {longest:.2f} s at step {longest_at}; "
            f"{len(log.failures())} attempts without an answer, {len(log.statuses())} answers ({blocks} blocks, none twice)",
            file=sys.stderr,
        )

    def test_a_restart_shorter_than_a_block_costs_the_trainer_nothing(self) -> None:
        pace, block = 0.03, 250  # a trainer working 30 ms per step: a block lasts 7.5 s
        expected, _ = self.uninterrupted(block + 30, block=block)
        client = Client(self.service.url)
        self.addCleanup(client.close)
        log = AnswerLog(client)
        remote = RemoteSchedule(client, ONE_CYCLE, block=block)
        restarts: List[Restart] = []
        fetch = remote._fetch

        def fetch_killing_first(index: int) -> Any:
            if index == 1 and not restarts:  # the prefetch of block 1 goes out: the service dies just then
                restarts.append(Restart(self.service, after=0.5).now())
            return fetch(index)

        remote._fetch = fetch_killing_first  # type: ignore[method-assign]
        values: List[Tuple[float, Optional[float]]] = []
        waits: Dict[int, float] = {}
        block_started = time.monotonic()
        for step in range(block + 30):
            started = time.monotonic()
            values.append(tuple(remote.values(step)))  # type: ignore[arg-type]
            waits[step] = time.monotonic() - started
            time.sleep(pace)
        block_took = time.monotonic() - block_started
        self.assertEqual(len(restarts), 1)
        restart = restarts[0]
        restart.join()
        if restart.outage + client.backoff_cap >= block_took * block / (block + 30):
            self.skipTest(f"this machine took {restart.outage:.1f} s to restart the service: longer than a block here")
        self.assertEqual(bits(values), bits(expected))
        self.assertGreater(len(log.failures()), 0)  # the prefetch met the outage
        slowest = max((took, step) for step, took in waits.items() if step > 0)
        self.assertLess(slowest[0], 0.1, f"step {slowest[1]} waited {slowest[0]:.3f} s")
        print(
            f"\n[restart] SIGKILL as block 1 was prefetched, back after {restart.outage:.2f} s, blocks of {block} steps "
            f"at {pace * 1000:.0f} ms a step: the slowest step after the first took {slowest[0] * 1000:.2f} ms; "
            f"{len(log.failures())} attempts without an answer",
            file=sys.stderr,
        )


if __name__ == "__main__":
    unittest.main()
