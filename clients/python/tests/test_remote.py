"""RemoteSchedule: blocks, boundaries, prefetching, random access, threads."""
from __future__ import annotations

import json
import os
import random
import signal
import struct
import threading
import time
import unittest
import warnings
from concurrent.futures import Future

from lr_schedule_client import MAX_STEP, Client, ConnectionFailedError, RemoteSchedule, ScheduleError

from .service import COSINE_WARMUP, EXPONENTIAL, SharedServiceTestCase, own_service, shared_url, wait_for


class RemoteScheduleTest(SharedServiceTestCase):
    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        cls.expected = cls.client.learning_rates(COSINE_WARMUP, range=range(0, 12_000))

    @classmethod
    def tearDownClass(cls) -> None:
        super().tearDownClass()

    def test_sequential_across_block_boundaries(self) -> None:
        remote = RemoteSchedule(self.client, COSINE_WARMUP, block=1000)
        values = [remote(step) for step in range(12_000)]
        self.assertEqual(struct.pack("<12000d", *values), struct.pack("<12000d", *self.expected))
        self.assertEqual(remote.fetches, 12)
        self.assertEqual(remote.result_dtype, "float32")
        # around one boundary, step by step
        for step in (999, 1000, 1001, 1999, 2000):
            self.assertEqual(remote(step), self.expected[step])

    def test_random_access_fetches_the_block_of_the_step(self) -> None:
        remote = RemoteSchedule(self.client, COSINE_WARMUP, block=256, prefetch=False, cache_blocks=2)
        rng = random.Random(7)
        steps = [rng.randrange(12_000) for _ in range(300)]
        for step in steps:
            self.assertEqual(remote(step), self.expected[step], step)
        self.assertLessEqual(remote.fetches, len(steps))
        self.assertGreater(remote.fetches, 12_000 // 256 // 2)  # spread over most blocks, two kept at a time
        self.assertEqual(remote(11_999), self.expected[11_999])
        self.assertEqual(remote(0), self.expected[0])

    def test_accepts_integral_numbers_and_refuses_fractions(self) -> None:
        remote = RemoteSchedule(self.client, COSINE_WARMUP, block=64)
        self.assertEqual(remote(10.0), self.expected[10])
        self.assertEqual(remote(True), self.expected[1])
        with self.assertRaises(ValueError):
            remote(10.5)
        with self.assertRaises(TypeError):
            remote("10")

    def test_float64(self) -> None:
        remote = RemoteSchedule(self.client, COSINE_WARMUP, block=500, dtype="float64")
        expected = self.client.learning_rates(COSINE_WARMUP, range=range(0, 1500), dtype="float64")
        self.assertEqual([remote(step) for step in range(1500)], expected)
        self.assertEqual(remote.result_dtype, "float64")

    def test_negative_steps_are_passed_through_to_the_service(self) -> None:
        # Whatever the service does with negative steps (answers them, or refuses them), RemoteSchedule does the same.
        remote = RemoteSchedule(self.client, COSINE_WARMUP, block=64)
        try:
            expected = self.client.learning_rates(COSINE_WARMUP, range=range(-300, 0))
        except ScheduleError:
            expected = None
        if expected is None:
            with self.assertRaises(ScheduleError):
                self.client.learning_rate(COSINE_WARMUP, -1)
            with self.assertRaises(ScheduleError):
                remote(-1)
        else:
            self.assertEqual([remote(step) for step in range(-300, 0)], expected)
            self.assertEqual(remote(-1), self.client.learning_rate(COSINE_WARMUP, -1))
            self.assertLessEqual(remote.fetches, 7)  # blocks of 64, not one request per step

    def test_steps_beyond_2_to_the_53_go_to_the_service(self) -> None:
        remote = RemoteSchedule(self.client, COSINE_WARMUP, block=64)
        for step in (MAX_STEP + 1, -MAX_STEP - 1):
            with self.subTest(step=step):
                with self.assertRaises(ScheduleError) as caught:
                    remote(step)
                self.assertEqual([p["path"] for p in caught.exception.errors], ["/step"])
        # the last block is cut at MAX_STEP and still answers
        self.assertEqual(remote(MAX_STEP), self.client.learning_rate(COSINE_WARMUP, MAX_STEP))
        self.assertEqual(remote(MAX_STEP - 1), self.client.learning_rate(COSINE_WARMUP, MAX_STEP - 1))
        with self.assertRaises(ScheduleError):
            remote(MAX_STEP + 1)

    def test_invalid_schedule_raises_on_first_call(self) -> None:
        remote = RemoteSchedule(self.client, {"class_name": "ExponentialDecay", "config": {"initial_learning_rate": 0.1}}, block=64)
        with self.assertRaises(ScheduleError) as caught:
            remote(0)
        self.assertIn("/schedule/config/decay_steps", [p["path"] for p in caught.exception.errors])

    def test_arguments(self) -> None:
        with self.assertRaises(ValueError):
            RemoteSchedule(self.client, COSINE_WARMUP, block=0)
        with self.assertRaises(TypeError):
            RemoteSchedule("http://127.0.0.1:1", COSINE_WARMUP)  # type: ignore[arg-type]
        remote = RemoteSchedule(self.client, COSINE_WARMUP)
        self.assertEqual(remote.schedule, COSINE_WARMUP)
        self.assertIsNot(remote.schedule, COSINE_WARMUP)
        # a RemoteSchedule stands for its schedule wherever one is accepted
        self.assertEqual(self.client.learning_rate(remote, 1500), self.expected[1500])

    def test_threads_share_blocks_and_fetch_each_once(self) -> None:
        remote = RemoteSchedule(self.client, COSINE_WARMUP, block=500, cache_blocks=64)
        fetched = []
        original = remote._fetch
        remote._fetch = lambda index: (fetched.append(index), original(index))[1]  # type: ignore[method-assign]
        errors = []
        barrier = threading.Barrier(8)

        def worker(seed: int) -> None:
            rng = random.Random(seed)
            steps = list(range(0, 12_000, 3)) if seed % 2 else [rng.randrange(12_000) for _ in range(4000)]
            barrier.wait()
            for step in steps:
                value = remote(step)
                if value != self.expected[step]:
                    errors.append((seed, step, value))

        threads = [threading.Thread(target=worker, args=(seed,)) for seed in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        self.assertEqual(errors, [])
        # 12,000 steps / 500 = blocks 0..23, and block 24 prefetched once block 23 was entered:
        # every block fetched once, however many threads asked for it at the same time
        self.assertTrue(wait_for(lambda: not remote._pending))
        self.assertEqual(sorted(fetched), list(range(25)))
        self.assertEqual(remote.fetches, 25)

    def test_threads_at_one_boundary(self) -> None:
        for _ in range(5):
            remote = RemoteSchedule(self.client, COSINE_WARMUP, block=100, prefetch=False, cache_blocks=8)
            barrier = threading.Barrier(6)
            results = []

            def worker(remote: RemoteSchedule = remote, barrier: threading.Barrier = barrier, results: list = results) -> None:
                barrier.wait()
                results.append([remote(step) for step in range(95, 305)])

            threads = [threading.Thread(target=worker) for _ in range(6)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(30)
            self.assertEqual(results, [self.expected[95:305]] * 6)
            self.assertEqual(remote.fetches, 4)


@unittest.skipUnless(hasattr(os, "fork"), "os.fork is POSIX only")
class ForkTest(unittest.TestCase):
    def test_forked_child_uses_its_own_connection(self) -> None:
        client = Client(shared_url())
        try:
            expected = client.learning_rates(COSINE_WARMUP, range=range(0, 3000))
            remote = RemoteSchedule(client, COSINE_WARMUP, block=1000)
            self.assertEqual(remote(600), expected[600])  # a connection, and block 1 prefetching
            self.assertTrue(wait_for(lambda: not remote._pending))
            remote._pending[2] = Future()  # as if block 2 were being fetched by the parent's thread at the fork
            parent_port = client._transport.current_connection().sock.getsockname()[1]  # this side's port
            read_end, write_end = os.pipe()
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)  # "this process is multi-threaded": on purpose
                pid = os.fork()
            if pid == 0:  # the child: report, and leave at once
                try:
                    signal.alarm(20)  # a child stuck waiting for the parent's fetch dies instead of hanging the test
                    values = [remote(step) for step in (700, 1500, 2500)] + [client.learning_rate(COSINE_WARMUP, 42)]
                    own_connection = client._transport.current_connection().sock.getsockname()[1] != parent_port
                    os.write(write_end, json.dumps([values, own_connection]).encode())
                finally:
                    os._exit(0)
            os.close(write_end)
            with os.fdopen(read_end) as pipe:
                child = json.loads(pipe.read() or "null")
            os.waitpid(pid, 0)
            self.assertEqual(child, [[expected[700], expected[1500], expected[2500], expected[42]], True])
            # the parent's connection was not disturbed by the child's requests
            del remote._pending[2]
            self.assertEqual([remote(step) for step in (1200, 2999)], [expected[1200], expected[2999]])
            self.assertEqual(client.learning_rate(COSINE_WARMUP, 43), expected[43])
            self.assertEqual(client._transport.connections_opened, 2)  # the parent's thread and its prefetch thread
        finally:
            client.close()


class PrefetchTest(unittest.TestCase):
    def test_next_block_is_fetched_before_it_is_needed(self) -> None:
        service = own_service()
        try:
            client = Client(service.url, retries=0)
            expected = client.learning_rates(EXPONENTIAL, range=range(0, 300))
            remote = RemoteSchedule(client, EXPONENTIAL, block=100)
            self.assertEqual(remote(0), expected[0])  # block 0, and block 1 asked for at once in the background
            self.assertTrue(wait_for(lambda: remote.fetches == 2), "the next block was not prefetched")
            service.stop()
            # the whole next block is at hand without the service
            self.assertEqual([remote(step) for step in range(1, 200)], expected[1:200])
            # the one after was being prefetched as the service went away; the step that needs it fetches it
            # again, and without a service that fails there
            self.assertTrue(wait_for(lambda: not remote._pending))
            with self.assertLogs("lr_schedule_client", "WARNING") as logged, self.assertRaises(ConnectionFailedError):
                remote(200)
            self.assertIn("the prefetch of steps 200..", logged.output[0])
            service.start()
            self.assertEqual(remote(250), expected[250])  # fetched again, on demand
            client.close()
        finally:
            service.close()

    def test_prefetch_at_a_fraction_of_the_block(self) -> None:
        client = Client(shared_url())
        try:
            remote = RemoteSchedule(client, EXPONENTIAL, block=100, prefetch_at=0.5)
            for step in range(50):
                remote(step)
            time.sleep(0.2)
            self.assertEqual(remote.fetches, 1)  # not before half the block
            remote(50)
            self.assertTrue(wait_for(lambda: remote.fetches == 2), "the next block was not prefetched at step 50")
        finally:
            client.close()

    def test_prefetch_runs_on_the_background_thread(self) -> None:
        client = Client(shared_url())
        try:
            remote = RemoteSchedule(client, EXPONENTIAL, block=64)
            threads = []
            original = remote._fetch
            remote._fetch = lambda index: (threads.append(threading.current_thread().name), original(index))[1]  # type: ignore[method-assign]
            for step in range(64 * 3):
                remote(step)
            self.assertTrue(wait_for(lambda: len(threads) == 4))
            self.assertEqual(threads[0], threading.current_thread().name)
            self.assertTrue(all(name.startswith("lr-schedule-prefetch") for name in threads[1:]), threads)
        finally:
            client.close()


class UnknownStopTest(SharedServiceTestCase):
    """A schedule that stops where its form does not say (a CyclicLR triangular2 overflows, torch raises): blocks
    are cut at the first step the service refuses."""

    OVERFLOWING = {
        "module": "torch.optim.lr_scheduler",
        "class_name": "CyclicLR",
        "config": {"base_lr": 0.01, "max_lr": 0.1, "step_size_up": 1, "mode": "triangular2"},
        "base_lr": 0.1,
    }
    STOP = 2048  # 2.0 ** 1024 in cycle 1025: OverflowError

    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        cls.expected = cls.client.learning_rates(cls.OVERFLOWING, range=range(cls.STOP))

    def check(self, remote: RemoteSchedule) -> None:
        self.assertIsNone(remote.stop)  # not derived from the form
        self.assertEqual([remote(step) for step in range(self.STOP)], self.expected)
        with self.assertRaisesRegex(ScheduleError, "OverflowError") as raised:
            remote(self.STOP)  # the service's own refusal of that step
        self.assertEqual(raised.exception.errors[0]["path"], "/step")
        with self.assertRaises(ScheduleError):
            remote(5000)  # a block refused whole
        self.assertEqual(remote(37), self.expected[37])

    def test_cut_at_the_step_the_problem_names(self) -> None:
        remote = RemoteSchedule(self.client, self.OVERFLOWING, block=1000)
        self.check(remote)
        # [0, 1000), [1000, 2000), [2000, 3000) cut to [2000, 2048) (no prefetch after a cut block), [5000, 6000)
        # cut to nothing; block 0 is still kept (4 blocks)
        self.assertEqual(remote.fetches, 4)

    def test_cut_found_by_bisection_without_the_hint(self) -> None:
        from unittest import mock

        with mock.patch("lr_schedule_client._remote._first_refused_step", return_value=None):
            self.check(RemoteSchedule(self.client, self.OVERFLOWING, block=1000, prefetch=False))

    def test_other_problems_are_raised_as_they_are(self) -> None:
        bad = {"module": "torch.optim.lr_scheduler", "class_name": "StepLR", "config": {"step_size": 0}, "base_lr": 0.1}
        with self.assertRaises(ScheduleError) as raised:
            RemoteSchedule(self.client, bad, block=64)(0)
        self.assertNotEqual(raised.exception.errors[0]["path"], "/step")


if __name__ == "__main__":
    unittest.main()
