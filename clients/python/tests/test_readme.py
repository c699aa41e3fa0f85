"""The README's examples run as written (only the service URL is replaced by the test service's)."""
from __future__ import annotations

import importlib
import importlib.util
import os
import re
import sys
import tempfile
import unittest
from pathlib import Path
from typing import Any, Dict



from .service import SharedServiceTestCase

README = Path(__file__).resolve().parent.parent / "README.md"
README_URL = "http://127.0.0.1:3000"


def example(name: str) -> str:
    """The code block right after ``<!-- example: NAME -->`` in the README."""
    match = re.search(r"<!-- example: %s -->\n```python\n(.*?)\n```" % re.escape(name), README.read_text(), re.S)
    if match is None:
        raise AssertionError(f"no example {name!r} in {README}")
    return match.group(1)


def run_example(name: str, url: str) -> Dict[str, Any]:
    code = example(name)
    assert code.count(README_URL) == 1, f"example {name!r} should name {README_URL} once"
    namespace: Dict[str, Any] = {"__name__": f"readme_{name.replace('-', '_')}"}
    cwd = os.getcwd()
    with tempfile.TemporaryDirectory() as folder:
        os.chdir(folder)  # examples that save files save them here
        try:
            exec(compile(code.replace(README_URL, url), f"README.md:{name}", "exec"), namespace)
        finally:
            os.chdir(cwd)
    return namespace


def max_relative(got: Any, expected: Any) -> float:
    """The largest relative difference between two equally long lists of learning rates (0 where equal)."""
    assert len(got) == len(expected), (len(got), len(expected))
    return max((abs(a - b) / max(abs(a), abs(b)) for a, b in zip(got, expected) if a != b), default=0.0)


SCHEDULE = {"class_name": "CosineDecay", "config": {"initial_learning_rate": 0.0, "decay_steps": 10000, "alpha": 0.01, "warmup_target": 0.001, "warmup_steps": 1000}}


class ReadmeTest(SharedServiceTestCase):
    def test_every_example_has_its_test(self) -> None:
        names = re.findall(r"<!-- example: ([\w-]+) -->", README.read_text())
        self.assertGreater(len(names), 5)
        for name in names:
            self.assertTrue(hasattr(self, "test_" + name.replace("-", "_")), f"README example {name!r} has no test_{name.replace('-', '_')}")

    def test_plain_loop(self) -> None:
        code = example("plain-loop")
        self.assertLessEqual(len(code.splitlines()), 5)
        namespace = run_example("plain-loop", self.url)
        self.assertEqual(namespace["step"], 19_999)
        self.assertEqual(namespace["rate"], self.client.learning_rate(SCHEDULE, 19_999))
        # 20,000 steps: blocks 0-4 of 4,096, and block 5 perhaps already prefetched
        self.assertIn(namespace["lr"].fetches, (5, 6))
        self.assertEqual(namespace["lr"](1500), self.client.learning_rate(SCHEDULE, 1500))
        namespace["lr"].client.close()

    def test_error(self) -> None:
        import contextlib
        import io

        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            run_example("error", self.url)
        shown = re.search(r"<!-- output: error -->\n```text\n(.*?)\n```", README.read_text(), re.S)
        assert shown is not None
        request_id = re.compile(r"\(request id [0-9a-f]{32}\)")
        self.assertRegex(printed.getvalue(), request_id)
        self.assertEqual(request_id.sub("(request id ...)", printed.getvalue().strip()), request_id.sub("(request id ...)", shown.group(1)))

    @unittest.skipUnless(importlib.util.find_spec("torch"), f"torch is not importable in this Python ({sys.executable})")
    def test_torch(self) -> None:
        namespace = run_example("torch", self.url)
        scheduler = namespace["scheduler"]
        self.assertEqual(scheduler.last_epoch, 2000)
        self.assertEqual(namespace["optimizer"].param_groups[0]["lr"], self.client.learning_rate(SCHEDULE, 2000))
        scheduler.client.close()

    @unittest.skipUnless(importlib.util.find_spec("torch"), f"torch is not importable in this Python ({sys.executable})")
    def test_torch_replace(self) -> None:
        import contextlib
        import io
        import json
        import warnings

        import torch

        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            namespace = run_example("torch-replace", self.url)
        scheduler = namespace["scheduler"]
        self.assertEqual(scheduler.last_epoch, 1000)
        form = namespace["describe"](namespace["torch_scheduler"])
        self.assertEqual(printed.getvalue().strip(), str(form))
        self.assertEqual(form["class_name"], "SequentialLR")
        self.assertEqual(json.loads(json.dumps(form)), form)  # plain JSON data
        # the same schedule built again and stepped by torch itself gives the same lrs
        optimizer = torch.optim.SGD(torch.nn.Linear(4, 1).parameters(), lr=0.1, momentum=0.9)
        warmup = torch.optim.lr_scheduler.LinearLR(optimizer, start_factor=0.01, total_iters=100)
        cosine = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=900, eta_min=1e-5)
        reference = torch.optim.lr_scheduler.SequentialLR(optimizer, [warmup, cosine], milestones=[100])
        expected = []
        for _ in range(1001):
            expected.append(optimizer.param_groups[0]["lr"])
            optimizer.step()
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                reference.step()
        self.assertLessEqual(max_relative(self.client.learning_rates(form, range=range(1001)), expected), 1e-12)
        self.assertLessEqual(max_relative([namespace["optimizer"].param_groups[0]["lr"]], [expected[1000]]), 1e-12)
        scheduler.client.close()

    @unittest.skipUnless(importlib.util.find_spec("torch"), f"torch is not importable in this Python ({sys.executable})")
    def test_torch_momentum(self) -> None:
        import contextlib
        import io

        import torch

        from lr_schedule_client import ScheduleError

        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            namespace = run_example("torch-momentum", self.url)
        scheduler, group = namespace["scheduler"], namespace["optimizer"].param_groups[0]
        self.assertEqual(scheduler.last_epoch, 1000)
        self.assertEqual(printed.getvalue().strip(), f"{group['lr']} {group['betas']}")
        # torch's own OneCycleLR after as many steps: the same lr and the same betas
        optimizer = torch.optim.AdamW(torch.nn.Linear(4, 1).parameters(), lr=0.001)
        reference = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=0.01, total_steps=1000)
        betas = set()
        for _ in range(1000):
            optimizer.step()
            reference.step()
            betas.add(optimizer.param_groups[0]["betas"][0])
        self.assertEqual((group["lr"], group["betas"]), (optimizer.param_groups[0]["lr"], optimizer.param_groups[0]["betas"]))
        self.assertGreater(len(betas), 500)  # beta1 did cycle
        with self.assertRaises(ScheduleError):
            scheduler.step()  # past total_steps, as torch's raises ValueError
        scheduler.client.close()

    def test_retries(self) -> None:
        import contextlib
        import io
        from unittest import mock

        namespace = run_example("retries", self.url)
        self.assertEqual(namespace["client"].retry_for, 600)
        self.assertEqual(namespace["rate"], self.client.learning_rate(namespace["lr"].schedule, 0))
        namespace["client"].close()

        # the other branch, nothing listening: ten minutes of retries on a simulated clock
        class SimulatedTime:
            now = 0.0

            def monotonic(self) -> float:
                return self.now

            def sleep(self, seconds: float) -> None:
                self.now += seconds

        from .service import free_port

        printed = io.StringIO()
        with mock.patch("lr_schedule_client._client.time", SimulatedTime()), contextlib.redirect_stdout(printed):
            namespace = run_example("retries", f"http://127.0.0.1:{free_port()}")
        self.assertRegex(printed.getvalue(), r"^gave up after \d+ attempts in 600 s: ConnectionRefusedError\(")
        self.assertNotIn("rate", namespace)
        namespace["client"].close()

    @unittest.skipUnless(
        importlib.util.find_spec("torch") and importlib.util.find_spec("transformers"),
        f"torch and transformers are not both importable in this Python ({sys.executable})",
    )
    def test_huggingface(self) -> None:
        import contextlib
        import io

        try:
            with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):  # the Trainer's progress and summary
                namespace = run_example("huggingface", self.url)
        except ImportError as error:  # transformers 5's TrainingArguments needs accelerate
            self.skipTest(f"the example cannot run here: {error}")
        import torch
        from transformers import get_scheduler

        scheduler, args = namespace["scheduler"], namespace["args"]
        self.assertEqual(scheduler.last_epoch, 200)  # the Trainer stepped it once per optimizer step
        form = scheduler.schedules[0]
        self.assertEqual(form, {"module": "transformers", "class_name": "cosine", "config": {"num_warmup_steps": 20, "num_training_steps": 200}, "base_lr": 0.0003})
        optimizer = torch.optim.AdamW(torch.nn.Linear(4, 1).parameters(), lr=args.learning_rate)
        reference = get_scheduler(args.lr_scheduler_type, optimizer, num_warmup_steps=args.get_warmup_steps(200), num_training_steps=200)
        expected = []
        for _ in range(201):
            expected.append(optimizer.param_groups[0]["lr"])
            optimizer.step()
            reference.step()
        self.assertLessEqual(max_relative(self.client.learning_rates(form, range=range(201)), expected), 1e-12)
        self.assertLessEqual(max_relative([namespace["optimizer"].param_groups[0]["lr"]], [expected[200]]), 1e-12)
        scheduler.client.close()

    @unittest.skipUnless(importlib.util.find_spec("numpy"), f"numpy is not importable in this Python ({sys.executable}); the Keras example uses it")
    def test_keras(self) -> None:
        from .test_keras import REAL_KERAS, make_fake_keras

        saved = {name: sys.modules.get(name) for name in ("keras", "lr_schedule_client.keras")}
        try:
            if not REAL_KERAS:
                sys.modules["keras"] = make_fake_keras()
            sys.modules.pop("lr_schedule_client.keras", None)
            namespace = run_example("keras", self.url)
            original = namespace["model"].optimizer._learning_rate  # Keras 3 keeps the schedule there
            restored = namespace["restored"].optimizer._learning_rate
            adapter = importlib.import_module("lr_schedule_client.keras")
            self.assertIsInstance(restored, adapter.RemoteLearningRateSchedule)
            self.assertEqual(restored.get_config(), original.get_config())
            self.assertEqual(restored.get_config()["url"], self.url)
            expected = self.client.learning_rates(SCHEDULE, range=range(17))  # 256 samples / 32 per batch * 2 epochs = 16 steps
            if not REAL_KERAS:
                self.assertEqual([rate[2] for rate in namespace["model"].optimizer.rates_used], expected[:16])
            # after fit: 16 optimizer steps, so the optimizer's current rate is the schedule at step 16
            current = namespace["model"].optimizer.learning_rate
            self.assertEqual(current[2] if isinstance(current, tuple) else float(current), expected[16])
            self.assertEqual(float(restored.rate(7)), expected[7])
        finally:
            for name, module in saved.items():
                if module is None:
                    sys.modules.pop(name, None)
                else:
                    sys.modules[name] = module
            import lr_schedule_client

            if saved["lr_schedule_client.keras"] is None and hasattr(lr_schedule_client, "keras"):
                delattr(lr_schedule_client, "keras")


if __name__ == "__main__":
    unittest.main()
