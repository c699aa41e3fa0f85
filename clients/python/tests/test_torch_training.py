"""Training side by side: a real torch scheduler, and ``RemoteLR.replacing`` of the same scheduler.

Two identical small models (a Linear layer on fixed random data, seeded), each trained 2,000 steps; one
optimizer driven by the torch scheduler, the other by the RemoteLR that replaced its own copy of it. Per step
the lr and the momentum (SGD's ``momentum``, AdamW's ``betas[0]``) of every param group, and the final
weights, must be bit-identical. Run where torch imports (skipped with the reason elsewhere). The service
follows torch 2.14; for these schedules torch 1.13 computes the very same lrs and momentum (measured against
the service: no value differs), so the comparison is the same, bit for bit, under both. Where torch 1.13's
momentum does differ from 2.14's (measured on the service's momentum golden file, 120 schedules x 320 steps:
93 SGD momentum values, all in SequentialLR(OneCycleLR, CyclicLR), where 2.14's CyclicLR overwrites the
bounds the OneCycleLR reads), ``replacing`` must refuse: tested here too.
"""
from __future__ import annotations

import importlib.util
import io
import struct
import sys
import unittest
import warnings
from typing import Any, Callable, Dict, List, Tuple

from lr_schedule_client import ScheduleError

from .service import AnswerLog, SharedServiceTestCase

HAVE_TORCH = importlib.util.find_spec("torch") is not None
REASON = (
    f"torch is not importable in this Python ({sys.executable}); on Debian: apt-get install python3-torch "
    "and run the tests with /usr/bin/python3 (torch 1.13), or in the torch 2.14 chroot of scripts/torch-chroot.sh"
)

if HAVE_TORCH:
    import torch
    from torch.optim import lr_scheduler as L

    from lr_schedule_client.torch import RemoteLR, _cyclic_writes_momentum_bounds

    from .torch_forms import TORCH_VERSION
else:  # pragma: no cover
    TORCH_VERSION = (0, 0)

STEPS = 2000

Make = Callable[[Any], Any]


def sgd(params: Any) -> Any:
    return torch.optim.SGD(params, lr=0.05, momentum=0.9)


def adamw(params: Any) -> Any:
    return torch.optim.AdamW(params, lr=0.01)


def sgd_two_groups(model: Any) -> Any:
    return torch.optim.SGD([{"params": [model.weight]}, {"params": [model.bias], "lr": 0.02}], lr=0.05, momentum=0.9)


#: (name, optimizer of the model's parameters, scheduler of the optimizer, cycles momentum)
CASES: List[Tuple[str, Callable[[Any], Any], Make, bool]] = [
    ("CosineAnnealingLR + SGD", lambda m: sgd(m.parameters()), lambda o: L.CosineAnnealingLR(o, T_max=STEPS), False),
    (
        "SequentialLR(LinearLR, CosineAnnealingLR) + SGD",
        lambda m: sgd(m.parameters()),
        lambda o: L.SequentialLR(o, [L.LinearLR(o, start_factor=0.1, total_iters=200), L.CosineAnnealingLR(o, T_max=STEPS - 200)], milestones=[200]),
        False,
    ),
    ("OneCycleLR + AdamW", lambda m: adamw(m.parameters()), lambda o: L.OneCycleLR(o, max_lr=0.01, total_steps=STEPS), True),
    ("OneCycleLR + SGD", lambda m: sgd(m.parameters()), lambda o: L.OneCycleLR(o, max_lr=0.1, total_steps=STEPS), True),
    ("CyclicLR + SGD", lambda m: sgd(m.parameters()), lambda o: L.CyclicLR(o, base_lr=0.001, max_lr=0.1, step_size_up=250), True),
    # one group per tensor, the second group at its own lr: one schedule per group
    ("OneCycleLR + SGD, two groups", sgd_two_groups, lambda o: L.OneCycleLR(o, max_lr=[0.1, 0.04], total_steps=STEPS, base_momentum=[0.85, 0.8]), True),
]


def data() -> Tuple[Any, Any]:
    generator = torch.Generator().manual_seed(1234)
    inputs = torch.randn(64, 8, generator=generator)
    targets = inputs @ torch.randn(8, 1, generator=generator) + 0.1 * torch.randn(64, 1, generator=generator)
    return inputs, targets


def model() -> Any:
    torch.manual_seed(7)
    return torch.nn.Linear(8, 1)


def momentum_of(optimizer: Any, group: Dict[str, Any]) -> float:
    return group["betas"][0] if "betas" in optimizer.defaults else group["momentum"]


def state(optimizer: Any) -> List[Tuple[float, float]]:
    """(lr, momentum or beta1) of every param group."""
    return [(group["lr"], momentum_of(optimizer, group)) for group in optimizer.param_groups]


def exact(values: Any) -> bytes:
    """The bits of nested floats (``==`` would take -0.0 for 0.0 and refuse NaN)."""
    if isinstance(values, float):
        return struct.pack("<d", values)
    return b"".join(exact(value) for value in values)


def weight_bits(module: Any) -> List[bytes]:
    """The bits of every parameter (float32 widened exactly to Python floats)."""
    return [exact(parameter.detach().flatten().tolist()) for parameter in module.parameters()]


def train(make_optimizer: Callable[[Any], Any], make_scheduler: Make, replace: Callable[[Any], Any], steps: int = STEPS) -> Tuple[List[Any], Any, Any, Any]:
    """Trains a fresh model ``steps`` steps: the states seen before each step and after the last, the model,
    the optimizer and the scheduler stepped (``replace(scheduler)``: the scheduler itself, or its RemoteLR)."""
    inputs, targets = data()
    net = model()
    optimizer = make_optimizer(net)
    scheduler = replace(make_scheduler(optimizer))
    seen = [state(optimizer)]
    for _ in range(steps):
        loss = torch.nn.functional.mse_loss(net(inputs), targets)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # torch 1.13: SequentialLR's deprecated step(0)
            scheduler.step()
        seen.append(state(optimizer))
    return seen, net, optimizer, scheduler


@unittest.skipUnless(HAVE_TORCH, REASON)
class TrainingSideBySideTest(SharedServiceTestCase):
    def setUp(self) -> None:
        self.threads = torch.get_num_threads()
        torch.set_num_threads(1)  # the same kernels, in the same order, for both models
        self.log = AnswerLog(self.client)
        self.addCleanup(self.log.close)

    def tearDown(self) -> None:
        torch.set_num_threads(self.threads)

    def replacing(self, scheduler: Any) -> Any:
        return RemoteLR.replacing(scheduler, self.client)

    def test_lrs_momentum_and_weights_bit_identical(self) -> None:
        counts = {"lrs": 0, "momentum": 0}
        for name, make_optimizer, make_scheduler, cycles in CASES:
            with self.subTest(name):
                reference, torch_net, torch_optimizer, _ = train(make_optimizer, make_scheduler, lambda s: s)
                got, remote_net, remote_optimizer, remote = train(make_optimizer, make_scheduler, self.replacing)
                self.assertEqual(len(got), STEPS + 1)
                for step, (expected, seen) in enumerate(zip(reference, got)):
                    self.assertEqual(exact(seen), exact(expected), f"{name}: step {step}: torch {expected}, RemoteLR {seen}")
                self.assertEqual(weight_bits(remote_net), weight_bits(torch_net), f"{name}: final weights")
                momenta = {m for groups in reference for _, m in groups}
                self.assertEqual(len(momenta) > 2, cycles, f"{name}: momentum {'not ' if cycles else ''}cycled by torch")
                self.assertEqual(all(r.cycles_momentum for r in remote.remotes), cycles)
                if "betas" in torch_optimizer.defaults:  # the tuple torch writes: beta1 replaced, beta2 kept
                    self.assertEqual([g["betas"] for g in remote_optimizer.param_groups], [g["betas"] for g in torch_optimizer.param_groups])
                    self.assertIsInstance(remote_optimizer.param_groups[0]["betas"], tuple)
                counts["lrs"] += sum(len(groups) for groups in got)
                counts["momentum"] += sum(len(groups) for groups in got) if cycles else 0
        self.assertEqual(self.log.client_errors(), [])  # OneCycleLR included: never asked past total_steps
        print(
            f"\n[torch {torch.__version__}] training side by side, {len(CASES)} schedulers x {STEPS:,} steps: "
            f"{counts['lrs']:,} lrs and {counts['momentum']:,} cycled momentum values bit-identical, final weights identical",
            file=sys.stderr,
        )

    def test_one_cycle_past_total_steps_raises_without_a_request(self) -> None:
        _, _, optimizer, remote = train(lambda m: sgd(m.parameters()), lambda o: L.OneCycleLR(o, max_lr=0.1, total_steps=50), self.replacing, steps=50)
        asked = len(self.log.outcomes)
        with self.assertRaisesRegex(ScheduleError, "Tried to step 51 times"):
            remote.step()  # torch raises ValueError there; a ScheduleError is one
        self.assertEqual(len(self.log.outcomes), asked)
        reference = L.OneCycleLR(sgd([torch.nn.Parameter(torch.zeros(1))]), max_lr=0.1, total_steps=50)
        for _ in range(50):
            reference.optimizer.step()
            reference.step()
        with self.assertRaisesRegex(ValueError, "Tried to step") as raised:
            reference.step()  # at the same step
        if TORCH_VERSION >= (2, 14):  # torch 1.13 counts one more in its message ("Tried to step 52 times")
            self.assertIn("Tried to step 51 times. The specified number of total steps is 50", str(raised.exception))
        self.assertEqual(self.log.client_errors(), [])

    def test_resumed_from_a_checkpoint_momentum_included(self) -> None:
        """A checkpoint at step 777, then a new process's model, optimizer and scheduler loaded from it: the same
        lrs and momentum as torch's own resumed run (and as the run that went on), optimizer state loaded or not."""
        make_optimizer: Callable[[Any], Any] = lambda m: sgd(m.parameters())
        make_scheduler: Make = lambda o: L.OneCycleLR(o, max_lr=0.1, total_steps=STEPS)
        uninterrupted, _, _, _ = train(make_optimizer, make_scheduler, lambda s: s, steps=900)
        for load_optimizer in (True, False):
            with self.subTest(load_optimizer=load_optimizer):
                runs = []
                for replacing in (False, True):
                    _, _, optimizer, scheduler = train(make_optimizer, make_scheduler, self.replacing if replacing else (lambda s: s), steps=777)
                    buffer = io.BytesIO()
                    torch.save({"optimizer": optimizer.state_dict(), "scheduler": scheduler.state_dict()}, buffer)
                    buffer.seek(0)
                    saved = torch.load(buffer, weights_only=False) if TORCH_VERSION >= (2, 0) else torch.load(buffer)
                    fresh = make_optimizer(model())
                    resumed = RemoteLR(fresh, self.client, scheduler.schedules[0]) if replacing else make_scheduler(fresh)
                    if load_optimizer:
                        fresh.load_state_dict(saved["optimizer"])
                    resumed.load_state_dict(saved["scheduler"])
                    seen = [state(fresh)]
                    for _ in range(100):
                        fresh.step()
                        resumed.step()
                        seen.append(state(fresh))
                    runs.append(seen)
                torch_run, remote_run = runs
                self.assertEqual(exact(remote_run), exact(uninterrupted[777:878]))
                if load_optimizer:
                    self.assertEqual(exact(torch_run), exact(uninterrupted[777:878]))
                else:
                    # torch's load_state_dict sets neither lr nor momentum: until its next step() the optimizer holds
                    # what the fresh scheduler set at step 0; RemoteLR's sets the restored step's at once
                    self.assertEqual(exact(torch_run[0]), exact(uninterrupted[0]))
                    self.assertEqual(exact(torch_run[1:]), exact(uninterrupted[778:878]))

    def test_an_optimizer_with_neither_momentum_nor_betas_is_refused_as_torch_refuses_it(self) -> None:
        parameters = [torch.nn.Parameter(torch.zeros(1))]
        with self.assertRaisesRegex(ValueError, "momentum or beta1|momentum with `cycle_momentum`"):
            L.OneCycleLR(torch.optim.Adagrad(parameters, lr=0.1), max_lr=0.1, total_steps=10)
        form = {"module": "torch.optim.lr_scheduler", "class_name": "OneCycleLR", "config": {"max_lr": 0.1, "total_steps": 10}, "base_lr": 0.1}
        with self.assertRaisesRegex(ValueError, "momentum or beta1 with `cycle_momentum` option enabled.*Adagrad"):
            RemoteLR(torch.optim.Adagrad(parameters, lr=0.1), self.client, form)
        # without cycling there is nothing to set: accepted, and the optimizer keeps no momentum
        remote = RemoteLR(torch.optim.Adagrad(parameters, lr=0.1), self.client, {**form, "config": {**form["config"], "cycle_momentum": False}})
        self.assertNotIn("momentum", remote.optimizer.param_groups[0])

    def test_a_cyclic_after_a_one_cycle_is_replaced_only_where_torch_computes_as_2_14(self) -> None:
        """Torch 2.14's CyclicLR writes its momentum bounds into the param group, where a OneCycleLR made
        before it reads them each step; torch 1.13's does not: replacing refuses there."""
        if TORCH_VERSION >= (2, 14):
            self.assertTrue(_cyclic_writes_momentum_bounds())
        elif TORCH_VERSION < (2, 0):
            self.assertFalse(_cyclic_writes_momentum_bounds())

        def make(o: Any) -> Any:
            return L.SequentialLR(o, [L.OneCycleLR(o, max_lr=0.1, total_steps=100), L.CyclicLR(o, base_lr=0.001, max_lr=0.01, step_size_up=10)], milestones=[60])

        if _cyclic_writes_momentum_bounds():
            reference, _, _, _ = train(lambda m: sgd(m.parameters()), make, lambda s: s, steps=200)
            got, _, _, _ = train(lambda m: sgd(m.parameters()), make, self.replacing, steps=200)
            self.assertEqual(exact(got), exact(reference))
        else:
            optimizer = sgd([torch.nn.Parameter(torch.zeros(1))])
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                scheduler = make(optimizer)
            with self.assertRaisesRegex(ValueError, "torch 2.14"):
                RemoteLR.replacing(scheduler, self.client)
        # the same bounds both ways: nothing differs, accepted on any torch
        optimizer = sgd([torch.nn.Parameter(torch.zeros(1))])
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            same = L.SequentialLR(optimizer, [L.OneCycleLR(optimizer, max_lr=0.1, total_steps=100, base_momentum=0.8, max_momentum=0.9), L.CyclicLR(optimizer, base_lr=0.001, max_lr=0.01)], milestones=[60])
        RemoteLR.replacing(same, self.client)


if __name__ == "__main__":
    unittest.main()
