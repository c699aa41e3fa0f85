"""Client against the real service: exact values, inputs, problems."""
from __future__ import annotations

import math
import pickle
import struct
import unittest

from lr_schedule_client import Client, ClientError, ScheduleError, schedule_to_dict

from .service import ALL_SCHEDULES, COSINE_WARMUP, EXPONENTIAL, SharedServiceTestCase, raw_json

try:
    import numpy
except ImportError:  # pragma: no cover - depends on the interpreter
    numpy = None  # type: ignore[assignment]


def f32_bits(value: float) -> bytes:
    return struct.pack("<f", value)


def f64_bits(value: float) -> bytes:
    return struct.pack("<d", value)


class ExactValuesTest(SharedServiceTestCase):
    """The binary answers are the service's JSON answers bit for bit."""

    def test_every_schedule_float32_equals_json(self) -> None:
        for name, schedule in ALL_SCHEDULES.items():
            with self.subTest(schedule=name):
                steps = range(0, 12_001, 7)
                rates = self.client.learning_rates(schedule, range=steps)
                answer = raw_json(self.url, "/v1/learning-rates", {"schedule": schedule, "range": {"start": 0, "stop": 12_001, "stride": 7}})
                self.assertEqual(answer["dtype"], "float32")
                if "steps" in answer:  # older services echo the steps of a range
                    self.assertEqual(answer["steps"], list(steps))
                self.assertEqual(len(rates), len(answer["learning_rates"]))
                self.assertTrue(all(type(rate) is float for rate in rates))
                for step, rate, expected in zip(steps, rates, answer["learning_rates"]):
                    # each value is a float32 exactly, and the float32 the JSON's decimal stands for
                    self.assertEqual(struct.unpack("<f", f32_bits(rate))[0], rate, step)
                    self.assertEqual(f32_bits(rate), f32_bits(expected), step)

    def test_every_schedule_float64_equals_json(self) -> None:
        for name, schedule in ALL_SCHEDULES.items():
            with self.subTest(schedule=name):
                steps = [0, 1, 2, 99, 100, 101, 999, 1000, 1001, 2500, 4999, 5000, 7000, 10_000, 10**6, 2**40]
                rates = self.client.learning_rates(schedule, steps=steps, dtype="float64")
                answer = raw_json(self.url, "/v1/learning-rates", {"schedule": schedule, "steps": steps, "dtype": "float64"})
                self.assertEqual(answer["dtype"], "float64")
                self.assertEqual([f64_bits(r) for r in rates], [f64_bits(r) for r in answer["learning_rates"]])

    def test_learning_rate_equals_binary_bits(self) -> None:
        steps = [0, 1, 500, 999, 1000, 1001, 1500, 5000, 9999, 10_000, 10_999, 11_000, 11_001, 50_000]
        for dtype, bits in (("float32", f32_bits), ("float64", f64_bits)):
            binary = self.client.learning_rates(COSINE_WARMUP, steps=steps, dtype=dtype)
            for step, expected in zip(steps, binary):
                rate = self.client.learning_rate(COSINE_WARMUP, step, dtype=dtype)
                self.assertEqual(f64_bits(rate), f64_bits(expected), (dtype, step))
                json_rate = raw_json(self.url, "/v1/learning-rate", {"schedule": COSINE_WARMUP, "step": step, "dtype": dtype})["learning_rate"]
                self.assertEqual(bits(rate), bits(json_rate), (dtype, step))

    def test_readme_value(self) -> None:
        # The service's README: {"learning_rate":0.0009939058,"step":1500,"dtype":"float32"}
        self.assertEqual(f32_bits(self.client.learning_rate(COSINE_WARMUP, 1500)), f32_bits(0.0009939058))

    def test_steps_and_range_forms(self) -> None:
        expected = self.client.learning_rates(EXPONENTIAL, steps=[10, 20, 30, 40])
        self.assertEqual(self.client.learning_rates(EXPONENTIAL, range=range(10, 50, 10)), expected)
        self.assertEqual(self.client.learning_rates(EXPONENTIAL, range={"start": 10, "stop": 50, "stride": 10}), expected)
        self.assertEqual(self.client.learning_rates(EXPONENTIAL, steps=(s for s in (10, 20, 30, 40))), expected)
        self.assertEqual(self.client.learning_rates(EXPONENTIAL, steps=[10.0, 20, 30, 40]), expected)
        self.assertEqual(self.client.learning_rates(EXPONENTIAL, range=range(40, 0, -10)), expected[::-1])
        self.assertEqual(self.client.learning_rates(EXPONENTIAL, range=range(5, 5)), [])
        with self.assertRaises(ValueError):
            self.client.learning_rates(EXPONENTIAL)
        with self.assertRaises(ValueError):
            self.client.learning_rates(EXPONENTIAL, steps=[1], range=range(2))
        with self.assertRaises(ValueError):
            self.client.learning_rates(EXPONENTIAL, range={"start": 0, "end": 3})
        with self.assertRaises(ValueError):
            self.client.learning_rates(EXPONENTIAL, steps=[1.5])

    @unittest.skipIf(numpy is None, "numpy is not importable in this Python")
    def test_numpy(self) -> None:
        array32 = self.client.learning_rates(COSINE_WARMUP, range=range(0, 3000, 3), as_numpy=True)
        self.assertEqual(array32.dtype, numpy.float32)
        self.assertEqual(array32.tolist(), self.client.learning_rates(COSINE_WARMUP, range=range(0, 3000, 3)))
        array64 = self.client.learning_rates(COSINE_WARMUP, steps=numpy.arange(0, 3000, 3), dtype="float64", as_numpy=True)
        self.assertEqual(array64.dtype, numpy.float64)
        self.assertEqual(array64.tolist(), self.client.learning_rates(COSINE_WARMUP, range=range(0, 3000, 3), dtype="float64"))
        # numpy values in a config are written as JSON numbers
        schedule = {"class_name": "ExponentialDecay", "config": {"initial_learning_rate": numpy.float64(0.1), "decay_steps": numpy.int64(1000), "decay_rate": 0.96}}
        self.assertEqual(self.client.learning_rate(schedule, numpy.int64(1234)), self.client.learning_rate(EXPONENTIAL, 1234))

    def test_normalize_and_schedules(self) -> None:
        normalized = self.client.normalize(EXPONENTIAL)
        self.assertEqual(normalized["dtype"], "float32")
        self.assertEqual(normalized["schedule"]["class_name"], "ExponentialDecay")
        self.assertEqual(normalized["schedule"]["config"]["staircase"], False)
        self.assertEqual(self.client.normalize(EXPONENTIAL, dtype="float64")["dtype"], "float64")
        keras = {entry["class_name"] for entry in self.client.schedules() if entry["module"] == "keras.optimizers.schedules"}
        self.assertEqual(keras, set(ALL_SCHEDULES))
        modules = {entry["module"] for entry in self.client.schedules()}
        self.assertEqual(modules, {"keras.optimizers.schedules", "torch.optim.lr_scheduler", "transformers"})
        self.assertEqual(self.client.schedule("CosineDecayRestarts")["class_name"], "CosineDecayRestarts")
        with self.assertRaises(ScheduleError) as caught:
            self.client.schedule("NoSuchDecay")
        self.assertEqual(caught.exception.status, 404)

    def test_schedule_objects(self) -> None:
        class ExponentialDecay:  # anything with a Keras-style get_config()
            def get_config(self) -> dict:
                return dict(EXPONENTIAL["config"])

        self.assertEqual(schedule_to_dict(ExponentialDecay()), {"class_name": "ExponentialDecay", "config": EXPONENTIAL["config"]})
        self.assertEqual(self.client.learning_rate(ExponentialDecay(), 777), self.client.learning_rate(EXPONENTIAL, 777))
        with self.assertRaises(TypeError):
            schedule_to_dict(42)


class ProblemTest(SharedServiceTestCase):
    """4xx answers raise ScheduleError with the problem document; never retried."""

    def test_invalid_schedule(self) -> None:
        bad = {"class_name": "ExponentialDecay", "config": {"initial_learning_rate": 0.1, "decay_steps": 0, "decay_rate": 0.96}}
        with self.assertRaises(ScheduleError) as caught:
            self.client.learning_rates(bad, range=range(10))
        error = caught.exception
        self.assertEqual(error.status, 400)
        self.assertEqual(error.title, "Bad Request")
        self.assertTrue(error.type)
        self.assertEqual(error.type, error.document["type"])
        self.assertIn("decay_steps", error.detail)
        self.assertEqual(len(error.errors), 1)
        self.assertEqual(error.errors[0]["path"], "/schedule/config/decay_steps")
        self.assertTrue(error.errors[0]["message"])
        self.assertTrue(error.request_id)
        self.assertEqual(error.request_id, error.document["instance"])
        text = str(error)
        self.assertTrue(text.startswith("400 Bad Request: "), text)
        self.assertIn(error.detail, text)
        self.assertIn(f"/schedule/config/decay_steps: {error.errors[0]['message']}", text)
        self.assertIn(error.request_id, text)
        self.assertIsInstance(error, ClientError)
        self.assertIsInstance(error, ValueError)
        copy = pickle.loads(pickle.dumps(error))
        self.assertEqual((copy.status, copy.errors, copy.request_id, str(copy)), (error.status, error.errors, error.request_id, text))

    def test_several_fields_and_request_body_paths(self) -> None:
        with self.assertRaises(ScheduleError) as caught:
            self.client.learning_rate({"class_name": "CosineDecay", "config": {}}, 3)
        paths = [problem["path"] for problem in caught.exception.errors]
        self.assertIn("/schedule/config/initial_learning_rate", paths)
        self.assertIn("/schedule/config/decay_steps", paths)
        for path in paths:
            self.assertIn(path + ": ", str(caught.exception))
        with self.assertRaises(ScheduleError) as caught:
            self.client.learning_rate(EXPONENTIAL, 2**53)
        self.assertEqual([p["path"] for p in caught.exception.errors], ["/step"])

    def test_unknown_class(self) -> None:
        with self.assertRaises(ScheduleError) as caught:
            self.client.learning_rate({"class_name": "NoSuchDecay", "config": {}}, 1)
        self.assertEqual(caught.exception.status, 400)
        self.assertIn("NoSuchDecay", str(caught.exception))

    def test_too_many_points_is_422(self) -> None:
        with self.assertRaises(ScheduleError) as caught:
            self.client.learning_rates(EXPONENTIAL, range=range(0, 2_000_000))
        self.assertEqual(caught.exception.status, 422)
        self.assertEqual(caught.exception.errors[0]["path"], "/range")

    def test_not_json_compliant_values_refused_locally(self) -> None:
        bad = {"class_name": "ExponentialDecay", "config": {"initial_learning_rate": math.inf, "decay_steps": 10, "decay_rate": 0.9}}
        with self.assertRaises(ValueError):
            self.client.learning_rate(bad, 1)

    def test_bad_base_urls(self) -> None:
        for url in ("ftp://127.0.0.1/", "127.0.0.1:3000", "http://user:pw@127.0.0.1/", "http://127.0.0.1/?q=1", "http:///x"):
            with self.subTest(url=url), self.assertRaises(ValueError):
                Client(url)


if __name__ == "__main__":
    unittest.main()
