"""The PyTorch adapter, against real PyTorch (skipped where torch is not importable)."""
from __future__ import annotations

import importlib.util
import io
import sys
import unittest
import warnings



from .service import ALL_SCHEDULES, COSINE_WARMUP, SharedServiceTestCase

HAVE_TORCH = importlib.util.find_spec("torch") is not None
REASON = (
    f"torch is not importable in this Python ({sys.executable}); on Debian: apt-get install python3-torch "
    "and run the tests with /usr/bin/python3"
)

if HAVE_TORCH:
    import torch

    from lr_schedule_client.torch import RemoteLR


def model_and_optimizer(lrs=(0.1, 0.01)):
    torch.manual_seed(0)
    head, body = torch.nn.Linear(4, 1), torch.nn.Linear(4, 4)
    optimizer = torch.optim.SGD([{"params": head.parameters(), "lr": lrs[0]}, {"params": body.parameters(), "lr": lrs[1]}], lr=lrs[0], momentum=0.9)
    return (head, body), optimizer


def train_step(model, optimizer) -> None:
    head, body = model
    loss = head(body(torch.ones(2, 4))).pow(2).sum()
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()


@unittest.skipUnless(HAVE_TORCH, REASON)
class TorchAdapterTest(SharedServiceTestCase):
    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        cls.expected = cls.client.learning_rates(COSINE_WARMUP, range=range(0, 1200))

    @classmethod
    def tearDownClass(cls) -> None:
        super().tearDownClass()

    def test_is_a_pytorch_scheduler(self) -> None:
        base = getattr(torch.optim.lr_scheduler, "LRScheduler", None) or torch.optim.lr_scheduler._LRScheduler
        model, optimizer = model_and_optimizer()
        self.assertIsInstance(RemoteLR(optimizer, self.client, COSINE_WARMUP), base)

    def test_one_schedule_for_all_groups_across_blocks(self) -> None:
        model, optimizer = model_and_optimizer()
        scheduler = RemoteLR(optimizer, self.url, COSINE_WARMUP, block=64)
        seen = []
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # no "lr_scheduler.step() before optimizer.step()" or other warning
            for _ in range(1100):
                seen.append([group["lr"] for group in optimizer.param_groups])
                self.assertEqual(scheduler.get_last_lr(), seen[-1])
                train_step(model, optimizer)
                scheduler.step()
        self.assertEqual(seen, [[rate, rate] for rate in self.expected[:1100]])
        self.assertEqual(scheduler.last_epoch, 1100)

    def test_scaled_by_base_lr(self) -> None:
        model, optimizer = model_and_optimizer((0.1, 0.025))
        scheduler = RemoteLR(optimizer, self.client, COSINE_WARMUP, block=128, scale_by_base_lr=True)
        for step in range(300):
            self.assertEqual(optimizer.param_groups[0]["lr"], self.expected[step])
            self.assertEqual(optimizer.param_groups[1]["lr"], self.expected[step] * (0.025 / 0.1))
            train_step(model, optimizer)
            scheduler.step()
        with self.assertRaises(ValueError):
            RemoteLR(model_and_optimizer((0.0, 0.1))[1], self.client, COSINE_WARMUP, scale_by_base_lr=True)

    def test_one_schedule_per_group(self) -> None:
        model, optimizer = model_and_optimizer()
        other = ALL_SCHEDULES["PiecewiseConstantDecay"]
        other_expected = self.client.learning_rates(other, range=range(0, 300))
        scheduler = RemoteLR(optimizer, self.client, [COSINE_WARMUP, other], block=100)
        for step in range(300):
            self.assertEqual([g["lr"] for g in optimizer.param_groups], [self.expected[step], other_expected[step]])
            train_step(model, optimizer)
            scheduler.step()
        with self.assertRaises(ValueError):
            RemoteLR(model_and_optimizer()[1], self.client, [COSINE_WARMUP])

    def test_resume_from_state_dict(self) -> None:
        model, optimizer = model_and_optimizer()
        scheduler = RemoteLR(optimizer, self.client, COSINE_WARMUP, block=50)
        for _ in range(137):
            train_step(model, optimizer)
            scheduler.step()
        buffer = io.BytesIO()
        torch.save({"scheduler": scheduler.state_dict(), "optimizer": optimizer.state_dict()}, buffer)
        # a new process: a new model, optimizer and scheduler (at step 0), then the saved scheduler state only
        model2, optimizer2 = model_and_optimizer()
        resumed = RemoteLR(optimizer2, self.url, COSINE_WARMUP, block=50)
        self.assertEqual(optimizer2.param_groups[0]["lr"], self.expected[0])
        buffer.seek(0)
        saved = torch.load(buffer)
        resumed.load_state_dict(saved["scheduler"])
        self.assertEqual(resumed.last_epoch, 137)
        self.assertEqual([g["lr"] for g in optimizer2.param_groups], [self.expected[137]] * 2)
        self.assertEqual(resumed.get_last_lr(), [self.expected[137]] * 2)
        for step in range(137, 400):
            self.assertEqual(optimizer2.param_groups[1]["lr"], self.expected[step], step)
            train_step(model2, optimizer2)
            resumed.step()
        # with the optimizer's state loaded as well, the same
        model3, optimizer3 = model_and_optimizer()
        third = RemoteLR(optimizer3, self.client, COSINE_WARMUP)
        optimizer3.load_state_dict(saved["optimizer"])
        third.load_state_dict(saved["scheduler"])
        self.assertEqual(optimizer3.param_groups[0]["lr"], self.expected[137])
        train_step(model3, optimizer3)
        third.step()
        self.assertEqual(optimizer3.param_groups[0]["lr"], self.expected[138])

    def test_state_saved_with_another_schedule_warns(self) -> None:
        model, optimizer = model_and_optimizer()
        state = RemoteLR(optimizer, self.client, ALL_SCHEDULES["ExponentialDecay"]).state_dict()
        model2, optimizer2 = model_and_optimizer()
        scheduler = RemoteLR(optimizer2, self.client, COSINE_WARMUP)
        with self.assertWarns(UserWarning):
            scheduler.load_state_dict(state)
        self.assertEqual(scheduler.schedules[0], COSINE_WARMUP)


if __name__ == "__main__":
    unittest.main()
