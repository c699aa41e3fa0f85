"""Where a schedule stops having learning rates (``_stops.py``), and RemoteSchedule never asking past it."""
from __future__ import annotations

import unittest
from typing import Any, Dict, List

from lr_schedule_client import RemoteSchedule, ScheduleError
from lr_schedule_client._stops import ScheduleStop, stop_of

from .service import EXPONENTIAL, AnswerLog, SharedServiceTestCase, client_errors_answered

TORCH = "torch.optim.lr_scheduler"


def form(class_name: str, config: Dict[str, Any]) -> Dict[str, Any]:
    return {"module": TORCH, "class_name": class_name, "config": config, "base_lr": 0.1}


def entry(class_name: str, **config: Any) -> Dict[str, Any]:
    return {"class_name": class_name, "config": config}


def one_cycle(total_steps: int, **config: Any) -> Dict[str, Any]:
    return entry("OneCycleLR", max_lr=0.1, total_steps=total_steps, **config)


def sequential(schedulers: List[Dict[str, Any]], milestones: List[int]) -> Dict[str, Any]:
    return entry("SequentialLR", schedulers=schedulers, milestones=milestones)


def chained(schedulers: List[Dict[str, Any]]) -> Dict[str, Any]:
    return entry("ChainedScheduler", schedulers=schedulers)


LINEAR = entry("LinearLR", start_factor=0.1, total_iters=20)
CYCLIC = entry("CyclicLR", base_lr=0.001, max_lr=0.01, step_size_up=10)
STEP = entry("StepLR", step_size=7)

#: Composite forms and the first step each has no learning rate at, derived by hand from torch 2.14's rules
#: (and checked against the service below).
COMPOSITES = [
    ("warmup then one cycle", sequential([LINEAR, one_cycle(50)], [20]), 71),
    ("one cycle chained with StepLR", chained([STEP, one_cycle(500)]), 501),
    ("the shorter of two chained cycles", chained([one_cycle(300), one_cycle(200)]), 201),
    ("a cycle whose turn ends before its end, then a longer one", sequential([one_cycle(40), one_cycle(500)], [41]), 542),
    ("a cycle that runs out inside its turn", sequential([one_cycle(40), CYCLIC], [60]), 41),
    ("a cycle behind a repeated milestone never runs", sequential([LINEAR, one_cycle(5), CYCLIC], [20, 20]), None),
    ("a nested SequentialLR's milestone comes a step early", sequential([sequential([entry("LinearLR", total_iters=10), one_cycle(30)], [10]), STEP], [100]), 40),
    ("a ChainedScheduler first in a SequentialLR", sequential([chained([STEP, one_cycle(30)]), CYCLIC], [100]), 31),
    ("epochs * steps_per_epoch inside", chained([STEP, entry("OneCycleLR", max_lr=0.1, epochs=3, steps_per_epoch=40)]), 121),
]


class StopOfTest(unittest.TestCase):
    """The stop read from the form alone (no service)."""

    def test_one_cycle_total_steps(self) -> None:
        self.assertEqual(stop_of(form("OneCycleLR", {"max_lr": 0.1, "total_steps": 100})), ScheduleStop(101, 100, True))

    def test_one_cycle_epochs_times_steps_per_epoch(self) -> None:
        expected = ScheduleStop(7 * 33 + 1, 7 * 33, True)
        self.assertEqual(stop_of(form("OneCycleLR", {"max_lr": 0.1, "epochs": 7, "steps_per_epoch": 33})), expected)
        self.assertEqual(stop_of(form("OneCycleLR", {"max_lr": 0.1, "total_steps": None, "epochs": 7, "steps_per_epoch": 33})), expected)
        # total_steps wins when both are given, as in torch
        self.assertEqual(stop_of(form("OneCycleLR", {"max_lr": 0.1, "total_steps": 50, "epochs": 7, "steps_per_epoch": 33})), ScheduleStop(51, 50, True))

    def test_schedules_without_a_stop(self) -> None:
        for schedule in (
            EXPONENTIAL,
            form("CyclicLR", CYCLIC["config"]),
            form("StepLR", {"step_size": 3}),
            form("SequentialLR", sequential([LINEAR, CYCLIC], [20])["config"]),
            {"module": "keras.optimizers.schedules", **one_cycle(100)},  # not a torch form
            {"module": "transformers", "class_name": "linear", "config": {"num_warmup_steps": 1, "num_training_steps": 10}},
        ):
            with self.subTest(schedule=schedule):
                self.assertIsNone(stop_of(schedule))

    def test_forms_the_service_refuses_have_no_derived_stop(self) -> None:
        for config in ({"max_lr": 0.1, "total_steps": 0}, {"max_lr": 0.1, "total_steps": True}, {"max_lr": 0.1, "total_steps": 10.0}, {"max_lr": 0.1}, {"max_lr": 0.1, "epochs": 2}):
            with self.subTest(config=config):
                self.assertIsNone(stop_of(form("OneCycleLR", config)))
        self.assertIsNone(stop_of(form("SequentialLR", {"schedulers": [LINEAR, one_cycle(5)], "milestones": []})))  # milestones do not match
        self.assertIsNone(stop_of(form("SequentialLR", {"schedulers": [LINEAR, one_cycle(5), STEP], "milestones": [9, 3]})))  # decreasing
        self.assertIsNone(stop_of(form("ChainedScheduler", {"schedulers": [entry("NoSuchLR"), one_cycle(5)]})))

    def test_composites(self) -> None:
        for name, composite, stop in COMPOSITES:
            with self.subTest(name):
                derived = stop_of(form(composite["class_name"], composite["config"]))
                self.assertEqual(None if derived is None else derived.step, stop)
                if derived is not None:
                    self.assertFalse(derived.at_asked_step)


class ServiceStopTest(SharedServiceTestCase):
    """The derived stop is where the service stops answering, and its error is the service's."""

    def assert_same_error(self, local: ScheduleError, service: ScheduleError) -> None:
        self.assertEqual((local.status, local.title, local.detail, local.errors, local.type), (service.status, service.title, service.detail, service.errors, service.type))
        self.assertIsInstance(local, ValueError)

    def service_error(self, schedule: Dict[str, Any], step: int) -> ScheduleError:
        with self.assertRaises(ScheduleError) as raised:
            self.client.learning_rate(schedule, step)
        return raised.exception

    def test_composites_stop_where_the_service_stops(self) -> None:
        for name, composite, stop in COMPOSITES:
            with self.subTest(name):
                schedule = form(composite["class_name"], composite["config"])
                derived = stop_of(schedule)
                if stop is None:
                    self.client.learning_rates(schedule, range=range(0, 2000))  # answered throughout
                    continue
                assert derived is not None
                self.client.learning_rates(schedule, range=range(0, stop))  # every step before it answered
                for step in (stop, stop + 1, stop + 1000):
                    self.assert_same_error(derived.error(step), self.service_error(schedule, step))

    def test_one_cycle_stops_where_the_service_stops(self) -> None:
        for config in ({"max_lr": 0.1, "total_steps": 100}, {"max_lr": 0.1, "epochs": 4, "steps_per_epoch": 25, "three_phase": True}):
            with self.subTest(config=config):
                schedule = form("OneCycleLR", config)
                derived = stop_of(schedule)
                assert derived is not None
                self.assertEqual(len(self.client.learning_rates(schedule, range=range(0, derived.step))), 101)
                for step in (101, 102, 5000, 2**53 - 1):
                    self.assert_same_error(derived.error(step), self.service_error(schedule, step))


class RemoteKnownStopTest(SharedServiceTestCase):
    """A RemoteSchedule cuts its blocks at a stop it knows, and answers steps past it without a request."""

    ONE_CYCLE = form("OneCycleLR", {"max_lr": 0.1, "total_steps": 10_000})

    def test_a_one_cycle_run_gets_no_refusal(self) -> None:
        expected = self.client.learning_rates(self.ONE_CYCLE, range=range(10_001), with_momentum=True)
        refused_before = client_errors_answered(self.url)
        log = AnswerLog(self.client)
        self.addCleanup(log.close)
        remote = RemoteSchedule(self.client, self.ONE_CYCLE)  # the defaults: blocks of 4,096 steps, prefetched
        values = [remote.values(step) for step in range(10_001)]  # steps 0 .. total_steps, as torch has them
        self.assertEqual([v.learning_rate for v in values], expected.learning_rates)
        self.assertEqual([v.momentum for v in values], expected.momentum)
        self.assertEqual(remote.fetches, 3)  # [0, 4096), [4096, 8192), [8192, 10001): the last block cut at the stop
        asked = len(log.outcomes)
        for step in (10_001, 10_002, 12_288, 10**9):
            with self.assertRaises(ScheduleError) as raised:
                remote(step)
            self.assertIn(f"Tried to step {step} times", str(raised.exception))
        self.assertEqual(len(log.outcomes), asked)  # answered without a request
        self.assertEqual(log.client_errors(), [])
        self.assertEqual(log.statuses(), [200, 200, 200])
        self.assertEqual(client_errors_answered(self.url) - refused_before, 0)  # the service's own count agrees
        log.close()
        self.assert_error_is_the_services(remote, 10_001)

    def assert_error_is_the_services(self, remote: RemoteSchedule, step: int) -> None:
        with self.assertRaises(ScheduleError) as local:
            remote(step)
        with self.assertRaises(ScheduleError) as service:
            self.client.learning_rate(remote.schedule, step)
        self.assertEqual((local.exception.status, local.exception.detail, local.exception.errors), (service.exception.status, service.exception.detail, service.exception.errors))

    def test_a_composite_run_gets_no_refusal(self) -> None:
        schedule = form("SequentialLR", sequential([LINEAR, one_cycle(5000)], [20])["config"])
        expected = self.client.learning_rates(schedule, range=range(5020 + 1))
        log = AnswerLog(self.client)
        self.addCleanup(log.close)
        remote = RemoteSchedule(self.client, schedule, block=1000)
        self.assertEqual([remote(step) for step in range(5021)], expected)
        self.assertEqual(remote.fetches, 6)
        with self.assertRaisesRegex(ScheduleError, "at step 5021 of this schedule"):
            remote(5021)
        self.assertEqual(log.client_errors(), [])
        self.assertEqual(len(log.statuses()), 6)
        log.close()
        self.assert_error_is_the_services(remote, 5030)

    def test_past_the_stop_first_the_schedule_is_checked(self) -> None:
        remote = RemoteSchedule(self.client, self.ONE_CYCLE, block=1000)
        with self.assertRaisesRegex(ScheduleError, "Tried to step 123456 times"):
            remote(123_456)
        self.assertEqual(remote.fetches, 1)  # the block of the last step with a value: the service read the schedule
        bad = form("OneCycleLR", {"max_lr": -0.1, "total_steps": 100})
        with self.assertRaises(ScheduleError) as raised:
            RemoteSchedule(self.client, bad)(1000)
        self.assertEqual([problem["path"] for problem in raised.exception.errors], ["/schedule/config/max_lr"])  # not /step

    def test_values_and_momentum_across_blocks(self) -> None:
        expected = self.client.learning_rates(self.ONE_CYCLE, range=range(0, 2500), with_momentum=True)
        remote = RemoteSchedule(self.client, self.ONE_CYCLE, block=300)
        self.assertEqual([remote(step) for step in range(2500)], expected.learning_rates)
        self.assertEqual([remote.momentum(step) for step in range(2500)], expected.momentum)
        self.assertEqual([tuple(remote.values(step)) for step in (299, 300, 301)], [(expected.learning_rates[s], expected.momentum[s]) for s in (299, 300, 301)])
        self.assertTrue(remote.cycles_momentum)
        plain = RemoteSchedule(self.client, EXPONENTIAL, block=300)
        self.assertEqual(plain.values(5), (self.client.learning_rate(EXPONENTIAL, 5), None))
        self.assertIsNone(plain.momentum(700))
        self.assertFalse(plain.cycles_momentum)


if __name__ == "__main__":
    unittest.main()
