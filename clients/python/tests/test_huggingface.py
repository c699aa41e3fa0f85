"""lr_schedule_client.huggingface: request forms from TrainingArguments values, against real transformers.

The form tests need nothing (the module imports neither torch nor transformers). The side-by-side tests need
torch and transformers (the Debian sid chroot of scripts/torch-chroot.sh has transformers 5.12 and torch 2.14) and are
skipped with the reason elsewhere; a real ``TrainingArguments`` also needs accelerate (5.x builds its device
there), else that one test is skipped and the real ``TrainingArguments.get_warmup_steps`` is checked unbound.
"""
from __future__ import annotations

import enum
import importlib.util
import io
import os
import subprocess
import sys
import unittest
import warnings
from collections import Counter
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Dict, List, Optional, Tuple


from lr_schedule_client.huggingface import TYPES, describe, describe_training_arguments, warmup_steps_for

from .service import SharedServiceTestCase

HAVE_TORCH = importlib.util.find_spec("torch") is not None
HAVE_TRANSFORMERS = HAVE_TORCH and importlib.util.find_spec("transformers") is not None
REASON = (
    f"torch and transformers are not both importable in this Python ({sys.executable}); run the tests in the "
    "torch 2.14 / transformers 5.12 chroot of scripts/torch-chroot.sh against a running service"
)
TOLERANCE = 1e-12
SRC = Path(__file__).resolve().parent.parent / "src"

#: (type, warmup_steps as TrainingArguments holds it, lr_scheduler_kwargs): every type the service computes.
HF_CASES: List[Tuple[str, Any, Optional[Dict[str, Any]]]] = [
    ("linear", 0.1, None),
    ("cosine", 37, {"num_cycles": 0.75}),
    ("cosine_with_restarts", 0.05, {"num_cycles": 3}),
    ("polynomial", 20, {"lr_end": 1e-06, "power": 2.0}),
    ("constant", 0, None),
    ("constant_with_warmup", 0.25, {}),
    ("inverse_sqrt", 30, {"timescale": 50}),
    ("cosine_with_min_lr", 10, {"min_lr": 1e-06}),
    ("cosine_with_min_lr", 10, {"min_lr_rate": 0.1}),
    ("cosine_warmup_with_min_lr", 40, {"min_lr_rate": 0.05, "warmup_lr_rate": 0.1}),
    ("warmup_stable_decay", 0.1, {"num_decay_steps": 100, "decay_type": "1-sqrt", "min_lr_ratio": 0.01}),
    ("warmup_stable_decay", 25, {"num_decay_steps": 150, "num_stable_steps": 100, "warmup_type": "cosine", "decay_type": "linear"}),
]


class FormTest(unittest.TestCase):
    def test_form(self) -> None:
        self.assertEqual(
            describe("cosine", 1000, learning_rate=3e-4, warmup_steps=100, lr_scheduler_kwargs={"num_cycles": 0.25}),
            {"module": "transformers", "class_name": "cosine", "config": {"num_warmup_steps": 100, "num_training_steps": 1000, "num_cycles": 0.25}, "base_lr": 3e-4},
        )
        # TrainingArguments's defaults: linear, 5e-05, no warmup, no kwargs
        self.assertEqual(
            describe("linear", 500),
            {"module": "transformers", "class_name": "linear", "config": {"num_warmup_steps": 0, "num_training_steps": 500}, "base_lr": 5e-05},
        )
        self.assertEqual(describe("constant", 10, lr_scheduler_kwargs={})["config"], {"num_warmup_steps": 0, "num_training_steps": 10})
        self.assertEqual(set(TYPES), {"linear", "cosine", "cosine_with_restarts", "polynomial", "constant", "constant_with_warmup", "inverse_sqrt", "cosine_with_min_lr", "cosine_warmup_with_min_lr", "warmup_stable_decay"})

    def test_warmup_as_transformers_5_reads_it(self) -> None:
        # TrainingArguments.get_warmup_steps: int(w) if w >= 1 else math.ceil(num_training_steps * w)
        for warmup, training, expected in [(0, 1000, 0), (100, 1000, 100), (10.0, 1000, 10), (7.9, 1000, 7), (0.1, 1000, 100), (0.05, 333, 17), (0.999, 10, 10), (1, 5, 1), (0.5, 0, 0)]:
            with self.subTest(warmup=warmup, training=training):
                self.assertEqual(warmup_steps_for(warmup, training), expected)
                self.assertEqual(describe("linear", training, warmup_steps=warmup)["config"]["num_warmup_steps"], expected)
                self.assertIs(type(warmup_steps_for(warmup, training)), int)
        with self.assertRaises(ValueError):
            warmup_steps_for(-1, 100)
        with self.assertRaises(ValueError):
            warmup_steps_for(float("nan"), 100)
        with self.assertRaises(TypeError):
            warmup_steps_for(True, 100)

    def test_scheduler_type_enum(self) -> None:
        class SchedulerType(str, enum.Enum):  # as transformers' ExplicitEnum
            COSINE = "cosine"
            GREEDY = "greedy"

        self.assertEqual(describe(SchedulerType.COSINE, 100)["class_name"], "cosine")
        with self.assertRaisesRegex(ValueError, "metric"):
            describe(SchedulerType.GREEDY, 100)

    def test_refusals_say_why(self) -> None:
        for name in ("reduce_lr_on_plateau", "greedy"):
            with self.assertRaisesRegex(ValueError, "follows a metric"):
                describe(name, 100)
        with self.assertRaisesRegex(ValueError, "not a transformers SchedulerType"):
            describe("cosine_annealing", 100)
        with self.assertRaisesRegex(ValueError, "drops .* silently"):
            describe("constant_with_warmup", 100, warmup_steps=10, lr_scheduler_kwargs={"num_cycles": 2})
        with self.assertRaisesRegex(TypeError, "multiple values"):
            describe("cosine", 100, lr_scheduler_kwargs={"num_warmup_steps": 10})
        with self.assertRaises(TypeError):
            describe("cosine", 100.0)  # type: ignore[arg-type]
        with self.assertRaises(TypeError):
            describe(3, 100)
        with self.assertRaises(TypeError):
            describe("cosine", 100, lr_scheduler_kwargs=[("num_cycles", 1)])  # type: ignore[arg-type]
        with self.assertRaises(TypeError):
            describe("cosine", 100, learning_rate="1e-4")  # type: ignore[arg-type]

    def test_training_arguments_like_objects(self) -> None:
        args = SimpleNamespace(lr_scheduler_type="cosine_with_restarts", lr_scheduler_kwargs={"num_cycles": 2}, warmup_steps=0.1, learning_rate=2e-5)
        self.assertEqual(
            describe_training_arguments(args, 300),
            {"module": "transformers", "class_name": "cosine_with_restarts", "config": {"num_warmup_steps": 30, "num_training_steps": 300, "num_cycles": 2}, "base_lr": 2e-5},
        )
        self.assertEqual(describe_training_arguments(SimpleNamespace(), 50), describe("linear", 50))  # the defaults
        self.assertEqual(describe_training_arguments(SimpleNamespace(warmup_steps=0, warmup_ratio=0.2), 50)["config"]["num_warmup_steps"], 10)  # transformers 4 style
        with self.assertRaisesRegex(ValueError, "both warmup_steps"):
            describe_training_arguments(SimpleNamespace(warmup_steps=5, warmup_ratio=0.2), 50)
        # the object's own get_warmup_steps wins (a real TrainingArguments of any version)
        with_method = SimpleNamespace(warmup_steps=0.5, get_warmup_steps=lambda n: 3)
        self.assertEqual(describe_training_arguments(with_method, 50)["config"]["num_warmup_steps"], 3)
        # a JSON string, as TrainingArguments takes it from the command line
        args = SimpleNamespace(lr_scheduler_type="polynomial", lr_scheduler_kwargs='{"power": 2.0}')
        self.assertEqual(describe_training_arguments(args, 50)["config"], {"num_warmup_steps": 0, "num_training_steps": 50, "power": 2.0})

    def test_importable_without_torch_or_transformers(self) -> None:
        code = (
            "import sys; sys.path.insert(0, sys.argv[1]); import lr_schedule_client.huggingface; "
            "assert 'torch' not in sys.modules and 'transformers' not in sys.modules, sorted(sys.modules)"
        )
        result = subprocess.run([sys.executable, "-c", code, str(SRC)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        self.assertEqual(result.returncode, 0, result.stdout.decode(errors="replace"))


class ServiceTest(SharedServiceTestCase):
    """The service answers every form (float64); no torch needed."""

    def test_every_type_is_answered(self) -> None:
        seen = set()
        for name, warmup, kwargs in HF_CASES:
            with self.subTest(name):
                form = describe(name, 400, learning_rate=3e-4, warmup_steps=warmup, lr_scheduler_kwargs=kwargs)
                values = self.client.learning_rates(form, range=range(0, 401, 50))
                self.assertEqual(len(values), 9)
                self.assertTrue(all(0.0 <= v <= 3e-4 for v in values), values)
                seen.add(name)
        self.assertEqual(seen, set(TYPES))
        # linear with 100 warmup steps over 1000: 0 at step 0, the peak at 100, 0 at the end
        self.assertEqual(self.client.learning_rates(describe("linear", 1000, warmup_steps=100), steps=[0, 100, 1000]), [0.0, 5e-05, 0.0])


@unittest.skipUnless(HAVE_TRANSFORMERS, REASON)
class TransformersTest(SharedServiceTestCase):
    """RemoteLR with the form, side by side with transformers.get_scheduler stepped the same way."""

    @classmethod
    def setUpClass(cls) -> None:
        import torch  # noqa: F401

        super().setUpClass()
        cls.counts: Counter = Counter()

    @classmethod
    def tearDownClass(cls) -> None:
        super().tearDownClass()
        if cls.counts["values"]:
            import transformers

            print(
                f"\n[transformers {transformers.__version__}] RemoteLR vs get_scheduler: {cls.counts['identical']} of "
                f"{cls.counts['values']} lrs bit-identical, all within {TOLERANCE:g} relative",
                file=sys.stderr,
            )

    def compare(self, what: str, reference: List[float], got: List[float]) -> None:
        from .torch_forms import relative

        self.assertEqual(len(reference), len(got))
        for step, (a, b) in enumerate(zip(reference, got)):
            self.assertLessEqual(relative(a, b), TOLERANCE, f"{what}: step {step}: transformers {a!r}, RemoteLR {b!r}")
            self.counts["values"] += 1
            self.counts["identical"] += a == b

    def test_every_type_side_by_side_with_a_resume(self) -> None:
        import torch
        from transformers import get_scheduler

        from lr_schedule_client.torch import RemoteLR

        from .torch_forms import step_quietly

        training = 400

        def adamw(lr: float) -> Any:
            torch.manual_seed(0)
            model = torch.nn.Linear(3, 1)
            return torch.optim.AdamW(model.parameters(), lr=lr)

        for name, warmup, kwargs in HF_CASES:
            with self.subTest(name=name, kwargs=kwargs):
                args = SimpleNamespace(lr_scheduler_type=name, warmup_steps=warmup, lr_scheduler_kwargs=kwargs, learning_rate=3e-4)
                form = describe_training_arguments(args, training)

                def real(opt: Any) -> Any:  # what Trainer.create_scheduler does
                    with warnings.catch_warnings():
                        warnings.simplefilter("ignore")  # wsd: "Both num_training_steps and num_stable_steps are specified"
                        return get_scheduler(name, opt, num_warmup_steps=warmup_steps_for(warmup, training), num_training_steps=training, scheduler_specific_kwargs=kwargs)

                o_ref, o = adamw(3e-4), adamw(3e-4)
                ref, remote = real(o_ref), RemoteLR(o, self.client, form, block=100)
                reference, got = [], []
                for k in range(training + 20):  # past num_training_steps too
                    if k == 150:  # a checkpoint, resumed in new objects
                        buffer = io.BytesIO()
                        torch.save({"ref": (o_ref.state_dict(), ref.state_dict()), "remote": (o.state_dict(), remote.state_dict())}, buffer)
                        buffer.seek(0)
                        saved = torch.load(buffer, weights_only=False)
                        o_ref, o = adamw(3e-4), adamw(3e-4)
                        ref, remote = real(o_ref), RemoteLR(o, self.url, form)
                        o_ref.load_state_dict(saved["ref"][0])
                        ref.load_state_dict(saved["ref"][1])
                        o.load_state_dict(saved["remote"][0])
                        remote.load_state_dict(saved["remote"][1])
                    reference.append(float(o_ref.param_groups[0]["lr"]))
                    got.append(float(o.param_groups[0]["lr"]))
                    step_quietly(o_ref, ref)
                    step_quietly(o, remote)
                remote.client.close()
                self.assertEqual(remote.remotes[0].result_dtype, "float64")
                self.compare(f"{name} {kwargs}", reference, got)
        self.assertGreaterEqual(self.counts["identical"], 0.995 * self.counts["values"])

    def test_describing_the_lambda_lr_of_get_scheduler_points_here(self) -> None:
        from transformers import get_scheduler

        from lr_schedule_client.torch import describe as describe_torch

        from .torch_forms import optimizer

        scheduler = get_scheduler("cosine", optimizer(3e-4), num_warmup_steps=10, num_training_steps=100)
        with self.assertRaisesRegex(TypeError, "LambdaLR.*lr_schedule_client.huggingface"):
            describe_torch(scheduler)

    def test_warmup_steps_for_is_transformers_get_warmup_steps(self) -> None:
        from transformers import TrainingArguments

        for warmup in (0, 1, 5, 10.0, 7.9, 0.1, 0.05, 0.999, 0.5):
            for training in (1, 10, 333, 1000):
                with self.subTest(warmup=warmup, training=training):
                    self.assertEqual(warmup_steps_for(warmup, training), TrainingArguments.get_warmup_steps(SimpleNamespace(warmup_steps=warmup), training))

    def test_real_training_arguments(self) -> None:
        from transformers import TrainingArguments
        from transformers.trainer_utils import SchedulerType

        try:
            args = TrainingArguments(
                output_dir=os.path.join(os.environ.get("TMPDIR", "/tmp"), "lr-schedule-client-hf"), learning_rate=3e-4,
                lr_scheduler_type="cosine_with_min_lr", lr_scheduler_kwargs={"min_lr_rate": 0.1}, warmup_steps=0.1, report_to="none",
            )
        except ImportError as error:  # transformers 5 needs accelerate to make TrainingArguments
            self.skipTest(f"TrainingArguments cannot be made here: {error}")
        self.assertIs(args.lr_scheduler_type, SchedulerType.COSINE_WITH_MIN_LR)  # the enum, after __post_init__
        self.assertEqual(
            describe_training_arguments(args, 1000),
            {"module": "transformers", "class_name": "cosine_with_min_lr", "config": {"num_warmup_steps": 100, "num_training_steps": 1000, "min_lr_rate": 0.1}, "base_lr": 3e-4},
        )
        self.assertEqual(describe_training_arguments(args, 1000)["config"]["num_warmup_steps"], args.get_warmup_steps(1000))
        for refused in (SchedulerType.REDUCE_ON_PLATEAU, SchedulerType.GREEDY):
            with self.assertRaisesRegex(ValueError, "metric"):
                describe(refused, 1000)

    def test_golden_cases(self) -> None:
        """Every HF case of the golden file (steps up to 3,000): get_scheduler stepped, and the service's answer."""
        from .torch_forms import golden_cases, hf_build, optimizer, relative, step_quietly

        cases = list(golden_cases("hf", max_step=3000))
        if not cases:
            self.skipTest("test/fixtures/torch-golden.jsonl is not in this checkout")
        values = identical = 0
        for case in cases:
            with self.subTest(case["id"]):
                form = case["schedule"]
                o = optimizer(form["base_lr"])
                scheduler = hf_build(form, o)
                lrs = []
                for k in range(max(case["steps"]) + 1):
                    lrs.append(float(o.param_groups[0]["lr"]))
                    step_quietly(o, scheduler)
                service = self.client.learning_rates(form, steps=case["steps"])
                for step, b in zip(case["steps"], service):
                    self.assertLessEqual(relative(lrs[step], b), TOLERANCE, f"{case['id']} step {step}")
                    values += 1
                    identical += lrs[step] == b
        self.assertGreaterEqual(identical, 0.995 * values)
        print(f"\n[transformers] golden HF cases (steps <= 3000): {identical} of {values} bit-identical", file=sys.stderr)


if __name__ == "__main__":
    unittest.main()
