"""Real torch / transformers schedulers built from the service's request forms, and stepped as the golden file says.

Used by the PyTorch and Hugging Face tests (import it only where torch is importable). The stepping rule is the
golden file's (``test/fixtures/torch-golden.jsonl``, see its README): an ``SGD(lr=base_lr, momentum=0.9)`` on one
parameter; sub-schedulers built in list order on it, then the composite; the value at step k is
``param_groups[0]["lr"]`` after k ``scheduler.step()`` calls, each after an ``optimizer.step()``.
"""
from __future__ import annotations

import json
import warnings
from typing import Any, Dict, Iterator, List, Mapping, Optional

import torch
from torch.optim import lr_scheduler

from .service import REPO

GOLDEN = REPO / "test" / "fixtures" / "torch-golden.jsonl"
TORCH_VERSION = tuple(int(part) for part in torch.__version__.split("+")[0].split(".")[:2])


def optimizer(base_lr: float = 0.001, groups: int = 1) -> torch.optim.SGD:
    params = [{"params": [torch.nn.Parameter(torch.zeros(1))], "lr": base_lr * (i + 1)} for i in range(groups)]
    return torch.optim.SGD(params, lr=base_lr, momentum=0.9)


def build(entry: Mapping[str, Any], opt: torch.optim.Optimizer) -> Any:
    """The torch scheduler of a request form (or a sub-scheduler entry) on ``opt``."""
    name = entry["class_name"]
    config = dict(entry.get("config") or {})
    cls = getattr(lr_scheduler, name)
    if name in ("SequentialLR", "ChainedScheduler"):
        subs = [build(sub, opt) for sub in config.pop("schedulers")]
        if name == "SequentialLR":
            return cls(opt, subs, **config)
        return cls(subs)
    return cls(opt, **config)


def hf_build(entry: Mapping[str, Any], opt: torch.optim.Optimizer) -> Any:
    """``transformers.get_scheduler`` for a Hugging Face request form."""
    from transformers import get_scheduler

    config = dict(entry.get("config") or {})
    warmup = config.pop("num_warmup_steps", None)
    training = config.pop("num_training_steps", None)
    return get_scheduler(entry["class_name"], opt, num_warmup_steps=warmup, num_training_steps=training, scheduler_specific_kwargs=config or None)


def step_quietly(opt: torch.optim.Optimizer, scheduler: Any) -> None:
    opt.step()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # e.g. torch 1.13's deprecation warning of SequentialLR's step(0)
        scheduler.step()


def stepped(scheduler: Any, opt: torch.optim.Optimizer, steps: int) -> List[float]:
    """``param_groups[0]["lr"]`` at steps 0 .. steps-1."""
    values = []
    for k in range(steps):
        values.append(opt.param_groups[0]["lr"])
        if k + 1 < steps:
            step_quietly(opt, scheduler)
    return values


def golden_cases(family: str, kind: str = "value", max_step: Optional[int] = None) -> Iterator[Dict[str, Any]]:
    """The golden file's cases of ``family`` (``torch`` or ``hf``); with ``max_step``, only steps up to it."""
    if not GOLDEN.exists():
        return
    with GOLDEN.open() as lines:
        for line in lines:
            case = json.loads(line)  # Python's json keeps 10 (int) apart from 10.0 (float), as torch needs
            if case["kind"] != kind or case["family"] != family:
                continue
            if max_step is not None and kind == "value":
                keep = [i for i, step in enumerate(case["steps"]) if step <= max_step]
                if not keep:
                    continue
                case["steps"] = [case["steps"][i] for i in keep]
                case["expected"] = [case["expected"][i] for i in keep]
            yield case


def relative(a: float, b: float) -> float:
    if a == b:
        return 0.0
    return abs(a - b) / max(abs(a), abs(b))


__all__ = ["GOLDEN", "TORCH_VERSION", "build", "golden_cases", "hf_build", "optimizer", "relative", "stepped", "step_quietly"]
