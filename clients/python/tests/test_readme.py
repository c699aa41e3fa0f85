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

from lr_schedule_client import Client

from .service import shared_url

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


SCHEDULE = {"class_name": "CosineDecay", "config": {"initial_learning_rate": 0.0, "decay_steps": 10000, "alpha": 0.01, "warmup_target": 0.001, "warmup_steps": 1000}}


class ReadmeTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        cls.url = shared_url()
        cls.client = Client(cls.url)

    @classmethod
    def tearDownClass(cls) -> None:
        cls.client.close()

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
