"""The retry policy on a simulated clock, the binary decoding of the momentum block, momentum through the Client."""
from __future__ import annotations

import http.client
import json
import random
import struct
import unittest
from typing import Any, Callable, List, Optional, Tuple

from lr_schedule_client import (
    DEFAULT_RETRY_FOR,
    Client,
    ConnectionFailedError,
    ProtocolError,
    RemoteSchedule,
    ScheduleError,
    ScheduleValues,
    ServerError,
    StepValues,
)
from lr_schedule_client._client import Response, decode_rates, decode_values

from .service import EXPONENTIAL, SharedServiceTestCase, free_port, raw_json, wait_for
from .stub import StubServer, binary_answer, problem_answer

try:
    import numpy
except ImportError:  # pragma: no cover - depends on the interpreter
    numpy = None  # type: ignore[assignment]

ONE_CYCLE = {"module": "torch.optim.lr_scheduler", "class_name": "OneCycleLR", "config": {"max_lr": 0.1, "total_steps": 100}, "base_lr": 0.1}


def headers(**values: str) -> http.client.HTTPMessage:
    message = http.client.HTTPMessage()
    for name, value in values.items():
        message[name.replace("_", "-")] = value
    return message


class SimulatedOutage:
    """A client whose clock, sleep and transport are simulated: no answer until ``back_at`` seconds, then
    ``answer``; every attempt and every wait recorded."""

    def __init__(self, client: Client, back_at: float, answer: Optional[Response] = None, failure: Callable[[], BaseException] = ConnectionRefusedError) -> None:
        self.now = 0.0
        self.back_at = back_at
        self.attempts: List[float] = []
        self.sleeps: List[float] = []
        self.answer = answer or Response(200, "OK", headers(content_type="application/json"), b'{"learning_rate": 0.5, "dtype": "float64"}')
        self.failure = failure
        client._clock = lambda: self.now
        client._sleep = self.sleep
        client._transport.request = self.request  # type: ignore[method-assign]

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds

    def request(self, *args: Any, **kwargs: Any) -> Tuple[Response, bool]:
        self.attempts.append(self.now)
        if self.now < self.back_at:
            raise self.failure()
        return self.answer, False


class RetryPolicyTest(unittest.TestCase):
    def client(self, **options: Any) -> Client:
        client = Client(f"http://127.0.0.1:{free_port()}", **options)
        self.addCleanup(client.close)
        return client

    def test_the_defaults_ride_out_a_minute(self) -> None:
        client = self.client()
        self.assertEqual((client.retries, client.retry_for, client.backoff, client.backoff_cap), (None, DEFAULT_RETRY_FOR, 0.1, 2.0))
        self.assertEqual(DEFAULT_RETRY_FOR, 60.0)
        outage = SimulatedOutage(client, back_at=59.5)
        self.assertEqual(client.learning_rate(EXPONENTIAL, 1), 0.5)
        self.assertGreaterEqual(outage.attempts[-1], 59.5)
        self.assertLessEqual(outage.attempts[-1], 59.5 + client.backoff_cap)  # noticed within one capped wait
        self.assertTrue(all(0.0 <= wait <= 2.0 for wait in outage.sleeps), outage.sleeps)

    def test_gives_up_at_the_deadline_with_attempts_elapsed_and_cause(self) -> None:
        client = self.client()
        outage = SimulatedOutage(client, back_at=float("inf"))
        with self.assertRaises(ConnectionFailedError) as caught:
            client.learning_rate(EXPONENTIAL, 1)
        error = caught.exception
        self.assertEqual(outage.attempts[-1], 60.0)  # the last wait is cut short: the last attempt is at the deadline
        self.assertEqual(error.elapsed, 60.0)
        self.assertEqual(error.attempts, len(outage.attempts))
        self.assertEqual(len(outage.sleeps), error.attempts - 1)
        self.assertIsInstance(error.__cause__, ConnectionRefusedError)
        message = str(error)
        for words in (f"no answer after {error.attempts} attempts in 60.0 s", "retry_for=60 s used up", "last error ConnectionRefusedError", "POST /v1/learning-rate on http://127.0.0.1:"):
            self.assertIn(words, message)

    def test_backoff_doubles_up_to_the_cap_with_full_jitter(self) -> None:
        client = self.client(retry_for=30.0, backoff=0.25, backoff_cap=3.0)
        bounds: List[Tuple[float, float]] = []
        client._uniform = lambda low, high: (bounds.append((low, high)), high)[1]  # the upper bound of each wait
        outage = SimulatedOutage(client, back_at=float("inf"))
        with self.assertRaises(ConnectionFailedError):
            client.learning_rate(EXPONENTIAL, 1)
        self.assertEqual(bounds[:6], [(0.0, 0.25), (0.0, 0.5), (0.0, 1.0), (0.0, 2.0), (0.0, 3.0), (0.0, 3.0)])
        self.assertTrue(all(bound == (0.0, 3.0) for bound in bounds[4:]))
        self.assertEqual(outage.sleeps[:5], [0.25, 0.5, 1.0, 2.0, 3.0])
        self.assertEqual(sum(outage.sleeps), 30.0)
        self.assertLess(outage.sleeps[-1], 3.0)  # shortened to end at the deadline

    def test_jitter_stays_within_its_bounds(self) -> None:
        client = self.client(retry_for=500.0, backoff=0.1, backoff_cap=2.0)
        rng = random.Random(5)
        client._uniform = rng.uniform
        outage = SimulatedOutage(client, back_at=float("inf"))
        with self.assertRaises(ConnectionFailedError):
            client.learning_rate(EXPONENTIAL, 1)
        waits = outage.sleeps[:-1]  # the last one is cut at the deadline
        self.assertGreater(len(waits), 200)
        for attempt, wait in enumerate(waits):
            self.assertGreaterEqual(wait, 0.0)
            self.assertLessEqual(wait, min(2.0, 0.1 * 2**attempt), attempt)
        late = waits[10:]  # all drawn from [0, 2]: spread over it, not bunched at one end
        self.assertLess(min(late), 0.2)
        self.assertGreater(max(late), 1.8)
        self.assertAlmostEqual(sum(late) / len(late), 1.0, delta=0.2)

    def test_a_retries_limit_and_no_time_limit(self) -> None:
        client = self.client(retries=3, retry_for=None, backoff=0.5, backoff_cap=0.7)
        client._uniform = lambda low, high: high
        outage = SimulatedOutage(client, back_at=float("inf"))
        with self.assertRaises(ConnectionFailedError) as caught:
            client.learning_rate(EXPONENTIAL, 1)
        self.assertEqual(outage.sleeps, [0.5, 0.7, 0.7])
        self.assertEqual(caught.exception.attempts, 4)
        self.assertIn("retries=3 used up", str(caught.exception))
        unlimited = self.client(retry_for=None)
        outage = SimulatedOutage(unlimited, back_at=3600.0)  # an hour: no limit, no give-up
        self.assertEqual(unlimited.learning_rate(EXPONENTIAL, 1), 0.5)
        self.assertGreaterEqual(outage.now, 3600.0)

    def test_retry_for_zero_is_one_attempt(self) -> None:
        client = self.client(retry_for=0.0)
        outage = SimulatedOutage(client, back_at=float("inf"))
        with self.assertRaises(ConnectionFailedError) as caught:
            client.learning_rate(EXPONENTIAL, 1)
        self.assertEqual((caught.exception.attempts, outage.sleeps), (1, []))

    def test_503s_are_retried_by_the_same_policy(self) -> None:
        draining = Response(503, "Service Unavailable", headers(content_type="application/problem+json"), json.dumps({"title": "Service Unavailable", "detail": "draining"}).encode())
        client = self.client(retry_for=10.0)
        outage = SimulatedOutage(client, back_at=float("inf"))
        client._transport.request = lambda *a, **k: (outage.attempts.append(outage.now), (draining, False))[1]  # type: ignore[method-assign]
        with self.assertRaises(ServerError) as caught:
            client.learning_rate(EXPONENTIAL, 1)
        self.assertEqual(caught.exception.status, 503)
        self.assertEqual(outage.attempts[-1], 10.0)

    def test_retry_after_is_honoured_up_to_the_cap_and_the_deadline(self) -> None:
        answers = [problem_answer(503, "draining", headers={"retry-after": "1.5"}), problem_answer(503, "draining", headers={"retry-after": "30"})] * 3
        with StubServer(answers + [binary_answer([0.5])]) as stub:
            client = Client(stub.url, backoff_cap=2.0, retry_for=4.5)
            self.addCleanup(client.close)
            now = [0.0]
            sleeps: List[float] = []
            client._clock = lambda: now[0]
            client._sleep = lambda seconds: (sleeps.append(seconds), now.__setitem__(0, now[0] + seconds))
            with self.assertRaises(ServerError):
                client.learning_rates(EXPONENTIAL, range=range(1))
            # 1.5 as asked; 30 capped at 2; 1.5 asked again, but only 1 s was left before the deadline
            self.assertEqual(sleeps, [1.5, 2.0, 1.0])
            self.assertEqual(len(stub.requests), 4)


class DecodeValuesTest(unittest.TestCase):
    def response(self, body: bytes, **values: str) -> Response:
        return Response(200, "OK", headers(**values), body)

    def test_rates_then_the_momentum_block(self) -> None:
        rates, momentum = [0.1, 0.2, 1e-300], [0.95, 0.9, 0.85]
        decoded = decode_values(self.response(struct.pack("<3d3d", *rates, *momentum), x_learning_rate_dtype="float64", x_learning_rate_count="3", x_momentum_count="3"))
        self.assertEqual((decoded.dtype, decoded.rates.tolist(), decoded.momentum.tolist()), ("float64", rates, momentum))
        # float32 rates, float64 momentum
        decoded = decode_values(self.response(struct.pack("<2f2d", 0.5, 0.25, 0.9, 0.8), x_learning_rate_dtype="float32", x_learning_rate_count="2", x_momentum_count="2"))
        self.assertEqual((decoded.rates.tolist(), decoded.momentum.tolist()), ([0.5, 0.25], [0.9, 0.8]))
        self.assertEqual(decode_rates(self.response(struct.pack("<2f2d", 0.5, 0.25, 0.9, 0.8), x_learning_rate_dtype="float32", x_learning_rate_count="2", x_momentum_count="2")), ("float32", decoded.rates))

    def test_no_momentum_header_no_momentum(self) -> None:
        decoded = decode_values(self.response(struct.pack("<2d", 0.5, 0.25), x_learning_rate_dtype="float64", x_learning_rate_count="2"))
        self.assertIsNone(decoded.momentum)
        empty = decode_values(self.response(b"", x_learning_rate_dtype="float64", x_learning_rate_count="0", x_momentum_count="0"))
        self.assertEqual((empty.rates.tolist(), empty.momentum.tolist()), ([], []))

    def test_headers_that_do_not_match_are_protocol_errors(self) -> None:
        body = struct.pack("<2d2d", 0.5, 0.25, 0.9, 0.8)
        bad = [
            ({"x_learning_rate_dtype": "float64", "x_learning_rate_count": "2", "x_momentum_count": "3"}, "x-momentum-count 3"),
            ({"x_learning_rate_dtype": "float64", "x_learning_rate_count": "2"}, "32 bytes"),  # a momentum block nobody announced
            ({"x_learning_rate_dtype": "float64", "x_learning_rate_count": "3", "x_momentum_count": "3"}, "48 bytes"),
            ({"x_learning_rate_dtype": "float64", "x_learning_rate_count": "2", "x_momentum_count": "two"}, "x-momentum-count 'two'"),
            ({"x_learning_rate_dtype": "float64", "x_learning_rate_count": "-2", "x_momentum_count": "-2"}, "x-learning-rate-count '-2'"),
            ({"x_learning_rate_dtype": "float64", "x_learning_rate_count": "2", "x_momentum_count": ""}, "x-momentum-count ''"),
            ({"x_learning_rate_dtype": "float16", "x_learning_rate_count": "2", "x_momentum_count": "2"}, "float16"),
            ({"x_learning_rate_count": "2", "x_momentum_count": "2"}, "x-learning-rate-dtype ''"),
        ]
        for values, words in bad:
            with self.subTest(values=values):
                with self.assertRaises(ProtocolError) as caught:
                    decode_values(self.response(body, **values))
                self.assertIn(words, str(caught.exception))

    def test_through_the_client(self) -> None:
        status, answer_headers, body = binary_answer([0.5, 0.25], "float64")
        with_momentum = (status, {**answer_headers, "x-momentum-count": "2"}, body + struct.pack("<2d", 0.9, 0.85))
        broken = (status, {**answer_headers, "x-momentum-count": "1"}, body + struct.pack("<2d", 0.9, 0.85))
        with StubServer([with_momentum, with_momentum, broken]) as stub:
            with Client(stub.url) as client:
                self.assertEqual(client.learning_rates(ONE_CYCLE, range=range(2), with_momentum=True), ScheduleValues([0.5, 0.25], [0.9, 0.85]))
                self.assertEqual(client.learning_rates(ONE_CYCLE, range=range(2)), [0.5, 0.25])
                with self.assertRaises(ProtocolError):
                    client.learning_rates(ONE_CYCLE, range=range(2))


class MomentumTest(SharedServiceTestCase):
    """Client.learning_rate(s)(with_momentum=True) against the service's JSON answers, bit for bit."""

    def test_learning_rate_with_momentum(self) -> None:
        for step in (0, 1, 29, 30, 31, 99, 100):
            with self.subTest(step=step):
                answer = raw_json(self.url, "/v1/learning-rate", {"schedule": ONE_CYCLE, "step": step})
                values = self.client.learning_rate(ONE_CYCLE, step, with_momentum=True)
                self.assertIsInstance(values, StepValues)
                self.assertEqual(struct.pack("<2d", *values), struct.pack("<2d", answer["learning_rate"], answer["momentum"]))
                self.assertEqual(self.client.learning_rate(ONE_CYCLE, step), values.learning_rate)
        self.assertEqual(self.client.learning_rate(EXPONENTIAL, 5, with_momentum=True), (self.client.learning_rate(EXPONENTIAL, 5), None))

    def test_learning_rates_with_momentum(self) -> None:
        answer = raw_json(self.url, "/v1/learning-rates", {"schedule": ONE_CYCLE, "range": {"start": 0, "stop": 101}})
        values = self.client.learning_rates(ONE_CYCLE, range=range(101), with_momentum=True)
        self.assertIsInstance(values, ScheduleValues)
        self.assertEqual(struct.pack("<101d", *values.learning_rates), struct.pack("<101d", *answer["learning_rates"]))
        self.assertEqual(struct.pack("<101d", *values.momentum), struct.pack("<101d", *answer["momentum"]))
        self.assertEqual(self.client.learning_rates(ONE_CYCLE, steps=[3, 70], with_momentum=True), ([values.learning_rates[3], values.learning_rates[70]], [values.momentum[3], values.momentum[70]]))
        self.assertEqual(self.client.learning_rates(EXPONENTIAL, range=range(3), with_momentum=True).momentum, None)
        cyclic = {"module": "torch.optim.lr_scheduler", "class_name": "CyclicLR", "config": {"base_lr": 0.001, "max_lr": 0.01, "step_size_up": 5}, "base_lr": 0.1}
        self.assertEqual(self.client.learning_rates(cyclic, range=range(11), with_momentum=True).momentum[::5], [0.9, 0.8, 0.9])
        no_cycle = {**cyclic, "config": {**cyclic["config"], "cycle_momentum": False}}
        self.assertIsNone(self.client.learning_rates(no_cycle, range=range(11), with_momentum=True).momentum)

    @unittest.skipIf(numpy is None, "numpy is not importable in this Python")
    def test_numpy(self) -> None:
        values = self.client.learning_rates(ONE_CYCLE, range=range(101), with_momentum=True, as_numpy=True)
        self.assertEqual((values.learning_rates.dtype, values.momentum.dtype), (numpy.float64, numpy.float64))
        self.assertEqual(values.momentum.tolist(), self.client.learning_rates(ONE_CYCLE, range=range(101), with_momentum=True).momentum)

    def test_the_step_past_the_end_is_refused_with_momentum_asked_too(self) -> None:
        with self.assertRaises(ScheduleError):
            self.client.learning_rate(ONE_CYCLE, 101, with_momentum=True)


class PrefetchFailureTest(unittest.TestCase):
    """A prefetch that fails is raised, or retried, by the step that needs its block: never earlier, never lost."""

    def test_a_refused_prefetch_is_raised_by_the_step_that_needs_it_without_a_new_request(self) -> None:
        refusal = problem_answer(400, "invalid", [{"path": "/schedule/config", "message": "refused"}])
        with StubServer([binary_answer([0.5, 0.25, 0.125, 0.0625]), refusal]) as stub:
            client = Client(stub.url)
            self.addCleanup(client.close)
            remote = RemoteSchedule(client, EXPONENTIAL, block=4)
            self.assertEqual(remote(0), 0.5)  # block 0; block 1 asked for in the background and refused
            self.assertTrue(wait_for(lambda: len(stub.requests) == 2 and not remote._pending))
            self.assertEqual([remote(step) for step in (1, 2, 3)], [0.25, 0.125, 0.0625])  # not earlier
            with self.assertRaises(ScheduleError) as caught:
                remote(4)
            self.assertEqual(caught.exception.errors, [{"path": "/schedule/config", "message": "refused"}])
            self.assertEqual(len(stub.requests), 2)  # raised as the prefetch got it: no new request

    def test_a_prefetch_that_gave_up_is_fetched_again_by_the_step_that_needs_it(self) -> None:
        draining = problem_answer(503, "draining", headers={"retry-after": "0"})
        with StubServer([binary_answer([0.5, 0.25]), draining, draining, binary_answer([0.125, 0.0625])]) as stub:
            client = Client(stub.url, retries=1)  # the prefetch follows the client's policy: 2 attempts, then gives up
            self.addCleanup(client.close)
            remote = RemoteSchedule(client, EXPONENTIAL, block=2)
            with self.assertLogs("lr_schedule_client", "WARNING") as logged:
                self.assertEqual(remote(0), 0.5)
                self.assertTrue(wait_for(lambda: len(stub.requests) == 3 and not remote._pending))
                self.assertEqual(remote(1), 0.25)
                self.assertEqual(logged.output, [])  # nothing said, nothing raised, before the step that needs it
                self.assertEqual(remote(2), 0.125)  # the step that needs block 1 fetches it: the service is back
            self.assertEqual(len(logged.output), 1)
            self.assertIn("the prefetch of steps 2.. of ExponentialDecay gave up (503 Service Unavailable: draining", logged.output[0])
            self.assertEqual(len(stub.requests), 4)
            self.assertEqual(remote(3), 0.0625)


if __name__ == "__main__":
    unittest.main()
