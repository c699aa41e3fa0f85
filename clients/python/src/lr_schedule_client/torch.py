"""PyTorch adapter: an ``LRScheduler`` whose learning rates come from the service, and :func:`describe`.

Importable only where PyTorch is installed (importing this module imports ``torch``)::

    import torch
    from lr_schedule_client.torch import RemoteLR, describe

    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    cosine = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=1000, eta_min=1e-5)
    scheduler = RemoteLR.replacing(cosine, "http://127.0.0.1:3000")   # or: RemoteLR(optimizer, url, describe(cosine))
    for batch in data:
        ...; optimizer.step(); scheduler.step()

Two kinds of schedules:

- a PyTorch or Hugging Face schedule in the service's request form (``{"module": "torch.optim.lr_scheduler",
  "class_name", "config", "base_lr"}``, what :func:`describe` writes, or ``{"module": "transformers", ...}``
  from :mod:`lr_schedule_client.huggingface`): the learning rate after n ``scheduler.step()`` calls is
  the service's step n, which is what the torch (or transformers) scheduler would have set after n
  ``step()`` calls. These compute in float64 only (Python floats, as torch does): ``dtype`` must be None
  or ``"float64"``;
- a Keras schedule: steps are counted as Keras counts them, the learning rate of the n-th
  ``optimizer.step()`` (n from 0) is the schedule at step n.

Both are the same count: ``scheduler.last_epoch`` is the number of ``scheduler.step()`` calls since the
start, and the lr the optimizer holds is the schedule at ``last_epoch``.

Momentum: a schedule that cycles momentum (``OneCycleLR`` and ``CyclicLR`` with ``cycle_momentum=True``, their
default, and composites holding one) also sets, at every step and at construction as torch's scheduler does,
what torch writes into each param group: ``group["betas"] = (m, *group["betas"][1:])`` on an optimizer with
``betas`` among its defaults (Adam, AdamW, ...), else ``group["momentum"] = m`` (SGD, RMSprop); an optimizer
with neither is refused (``ValueError``, as torch refuses it).

Param groups:

- ``schedule`` a list (or tuple) of schedules, one per param group: each group follows its own schedule
  (one :class:`~lr_schedule_client.RemoteSchedule` each);
- one schedule and ``scale_by_base_lr=False`` (the default): every group gets the schedule's value, as a
  Keras optimizer would;
- one schedule and ``scale_by_base_lr=True``: group ``i`` gets ``value * base_lr[i] / base_lr[0]``, where
  ``base_lr`` is each group's ``lr`` when the scheduler was made: group 0 follows the schedule and the others
  keep their ratio to it (e.g. a backbone at a tenth of the head's rate).

``state_dict()`` holds the step count, the base rates and the schedules (plain data: ``torch.save`` writes
it); ``load_state_dict()`` restores them and sets every group's ``lr`` to the schedule at the restored step,
so a resumed run picks up where it stopped, whether or not the optimizer's state is loaded too.
Works with PyTorch 1.x (``_LRScheduler``) and 2.x (``LRScheduler``).
"""
from __future__ import annotations

import functools
import math
import warnings
from typing import Any, Callable, Dict, Iterable, List, Mapping, Optional, Sequence, Union

import torch  # noqa: F401  (this module exists only where PyTorch is installed)
from torch.optim import lr_scheduler as _lr_scheduler

from ._client import Client
from ._remote import RemoteSchedule
from ._schedules import schedule_to_dict
from ._stops import TORCH_MODULE, TORCH_SCHEDULERS

__all__ = ["RemoteLR", "describe", "TORCH_MODULE", "SUPPORTED"]

_Base: Any = getattr(_lr_scheduler, "LRScheduler", None) or _lr_scheduler._LRScheduler  # PyTorch 2.x, else 1.x

#: Attributes that are not state: live connections and threads, and what is read from the optimizer.
_NOT_STATE = ("optimizer", "client", "remotes", "momentum_key")

#: The ``torch.optim.lr_scheduler`` classes :func:`describe` turns into the service's request form.
SUPPORTED = TORCH_SCHEDULERS

#: Classes refused, and why (the service refuses them too).
_REFUSED = {
    "LambdaLR": "it computes the learning rate with code (lr_lambda), which the service never runs",
    "MultiplicativeLR": "it computes the learning rate with code (lr_lambda), which the service never runs",
    "ReduceLROnPlateau": "it follows a metric (step(metrics)), not the step count: there is no schedule to describe",
    "LRScheduler": "it is the abstract base class",
    "_LRScheduler": "it is the abstract base class",
}

#: Module names of the request forms computed in float64 only (torch's and transformers' Python floats).
_FLOAT64_ONLY_MODULES = (TORCH_MODULE, "transformers")


# --------------------------------------------------------------------------------------------------------
# describe(): a live torch scheduler -> the service's request form
# --------------------------------------------------------------------------------------------------------


def describe(scheduler: Any, group: int = 0) -> Dict[str, Any]:
    """The service's request form of a live ``torch.optim.lr_scheduler`` scheduler.

    Returns ``{"module": "torch.optim.lr_scheduler", "class_name", "config", "base_lr"}``: ``config`` holds the
    constructor's keyword arguments by their real names (without the optimizer), read back from the
    scheduler's attributes (PyTorch 1.13 and 2.x store them differently); composites (``SequentialLR``,
    ``ChainedScheduler``) hold their sub-schedulers as ``{"class_name", "config"}`` entries in
    ``config["schedulers"]``. ``base_lr`` is the learning rate of param group ``group`` the schedule started
    from (``scheduler.base_lrs[group]``, i.e. the group's ``initial_lr``; of the first sub-scheduler for a
    composite).

    It describes the *schedule*, not the position: a scheduler is described the same whatever its current
    step (``last_epoch`` is not part of the form; the service's step n is the lr after n ``step()`` calls from
    the start). :meth:`RemoteLR.replacing` takes the position over as well.

    Python's int and float are kept as the scheduler holds them (``json.dumps`` writes ``10`` and ``10.0``,
    which the service reads as torch would: a float ``T_0`` is refused, a float ``total_iters`` stops early).
    Values torch only keeps in derived form are reconstructed: MultiStepLR's milestones (a ``Counter``) as a
    sorted list with repeats; CyclicLR's ``step_size_up``/``step_size_down`` from its ``total_size`` and
    ``step_ratio``; OneCycleLR's ``pct_start``, ``div_factor`` and ``final_div_factor`` from its phases and the
    param group's ``initial_lr``/``max_lr``/``min_lr`` (``total_steps`` stands for ``epochs * steps_per_epoch``),
    each checked to give back exactly the numbers torch holds (else ``ValueError``).

    Args:
        scheduler: a scheduler of one of :data:`SUPPORTED` (exactly that class, not a subclass).
        group: the index of the param group to describe (multi-group optimizers; schedulers given a list of
            ``max_lr``/``base_lr`` values use the group's own).

    Raises:
        TypeError: not a scheduler, a class the service does not compute (``LambdaLR`` and
            ``MultiplicativeLR`` hold code, ``ReduceLROnPlateau`` follows a metric), a subclass of a torch
            scheduler (it may compute anything), or a learning rate held as a Tensor.
        ValueError: a CyclicLR with a custom ``scale_fn`` (code), a derived value that cannot be given back
            exactly, a ``group`` out of range.

    The form assumes what torch assumes on a fresh start: the scheduler was built on an optimizer whose
    ``lr`` was its ``initial_lr`` (no other scheduler had changed the ``lr`` before). ``verbose`` (PyTorch
    1.x) is left out: it prints, it does not change a value.
    """
    optimizer = getattr(scheduler, "optimizer", None)
    groups = getattr(optimizer, "param_groups", None)
    if groups is None:
        _check_class(scheduler)  # the class's own refusal first (e.g. ReduceLROnPlateau)
        raise TypeError(f"{type(scheduler).__name__} has no optimizer: not a torch.optim.lr_scheduler scheduler")
    if isinstance(group, bool) or not isinstance(group, int):
        raise TypeError(f"group must be an int (a param group index), not {type(group).__name__}")
    if not -len(groups) <= group < len(groups):
        raise ValueError(f"group {group} is out of range: the optimizer has {len(groups)} param group(s)")
    group %= len(groups)
    entry = _describe_entry(scheduler, group, optimizer)
    return {
        "module": TORCH_MODULE,
        "class_name": entry["class_name"],
        "config": entry["config"],
        "base_lr": _base_lr(scheduler, group),
    }


def _check_class(scheduler: Any) -> str:
    """The class name of a scheduler :func:`describe` supports, else TypeError saying why not."""
    cls = type(scheduler)
    name = cls.__name__
    if getattr(_lr_scheduler, name, None) is cls:
        if name in SUPPORTED:
            return name
        if name in _REFUSED:
            hint = ""
            if name == "LambdaLR" and _is_transformers_lambda(scheduler):
                hint = (
                    " (this one comes from transformers.get_scheduler: describe it from its arguments with "
                    "lr_schedule_client.huggingface.describe or describe_training_arguments)"
                )
            raise TypeError(f"{name} cannot be described for the service: {_REFUSED[name]}{hint}")
        raise TypeError(f"torch.optim.lr_scheduler.{name} is not a schedule the service computes (supported: {', '.join(SUPPORTED)})")
    for base in cls.__mro__[1:]:
        if getattr(_lr_scheduler, base.__name__, None) is base and base.__name__ not in ("LRScheduler", "_LRScheduler", "object"):
            raise TypeError(
                f"{cls.__module__}.{cls.__qualname__} is a subclass of torch's {base.__name__}: it may compute other "
                "learning rates than torch's class, so it cannot be described (only torch's own classes can)"
            )
    raise TypeError(
        f"{cls.__module__}.{cls.__qualname__} is not one of torch.optim.lr_scheduler's schedulers "
        f"(supported: {', '.join(SUPPORTED)})"
    )


def _is_transformers_lambda(scheduler: Any) -> bool:
    for fn in getattr(scheduler, "lr_lambdas", ()) or ():
        inner = fn.func if isinstance(fn, functools.partial) else fn
        if str(getattr(inner, "__module__", "")).startswith("transformers."):
            return True
    return False


def _describe_entry(scheduler: Any, group: int, optimizer: Any) -> Dict[str, Any]:
    """``{"class_name", "config"}`` of one scheduler (a sub-scheduler entry, or the top of the form)."""
    name = _check_class(scheduler)
    if scheduler.optimizer is not optimizer:
        raise ValueError(f"a sub-scheduler ({name}) is attached to another optimizer than its composite")
    config: Dict[str, Any]
    if name in ("SequentialLR", "ChainedScheduler"):
        subs = [_describe_entry(sub, group, optimizer) for sub in scheduler._schedulers]
        config = {"schedulers": subs}
        if name == "SequentialLR":
            config["milestones"] = list(scheduler._milestones)
            _check_sequential_semantics(scheduler)
    else:
        config = _LEAVES[name](scheduler, group)
    return {"class_name": name, "config": config}


@functools.lru_cache(maxsize=None)
def _sequential_semantics() -> Dict[str, bool]:
    """Whether this torch's SequentialLR runs as torch 2.14's does (which the service reproduces), where the
    versions differ: found by running two tiny SequentialLRs on a throw-away optimizer.

    - ``milestone_zero``: with milestones ``[0]`` the first scheduler is skipped and the second makes the
      initial step (torch >= 2.14); older versions make the first one's initial step all the same.
    - ``nested``: a composite first in a SequentialLR makes its initial step through its own ``step()``,
      stepping its sub-schedulers once more (torch 2.14: an ExponentialLR inside multiplies at step 0);
      torch 1.x cannot build a ChainedScheduler there and does not undo a nested SequentialLR's schedulers.
    """

    def lr_after(make: Callable[[Any], Any]) -> Optional[float]:
        opt = torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))], lr=1.0)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                make(opt)
            except Exception:
                return None
        return float(opt.param_groups[0]["lr"])

    L = _lr_scheduler
    zero = lr_after(lambda o: L.SequentialLR(o, [L.ConstantLR(o, factor=0.5, total_iters=2), L.ConstantLR(o, factor=0.25, total_iters=2)], [0]))
    chained = lr_after(lambda o: L.SequentialLR(o, [L.ChainedScheduler([L.ExponentialLR(o, gamma=0.5)]), L.ConstantLR(o, factor=0.5, total_iters=1)], [3]))
    sequential = lr_after(
        lambda o: L.SequentialLR(o, [L.SequentialLR(o, [L.ExponentialLR(o, gamma=0.5), L.ConstantLR(o, factor=0.5, total_iters=1)], [5]), L.ConstantLR(o, factor=0.5, total_iters=1)], [3])
    )
    return {"milestone_zero": zero == 0.25, "nested": chained == 0.5 and sequential == 0.5}


def _check_sequential_semantics(scheduler: Any) -> None:
    """ValueError where this torch's SequentialLR computes other lrs than torch 2.14's (the service's)."""
    if any(m == 0 for m in scheduler._milestones) and not _sequential_semantics()["milestone_zero"]:
        raise ValueError(
            f"SequentialLR with a milestone 0: this torch ({torch.__version__}) still makes the first scheduler's initial "
            "step, where torch 2.14 (which the service follows) skips the first scheduler: the service's learning "
            "rates would not be this scheduler's"
        )
    if any(hasattr(sub, "_schedulers") for sub in scheduler._schedulers) and not _sequential_semantics()["nested"]:
        raise ValueError(
            f"a composite inside a SequentialLR: this torch ({torch.__version__}) steps it otherwise than torch 2.14 "
            "(which the service follows: the nested schedulers are undone and stepped again by the composite's own "
            "initial step): the service's learning rates would not be this scheduler's"
        )


@functools.lru_cache(maxsize=None)
def _cyclic_writes_momentum_bounds() -> bool:
    """Whether this torch's CyclicLR writes ``max_momentum`` / ``base_momentum`` into the param groups, as torch
    2.14's does (and its OneCycleLR reads them back each step): found on a throw-away optimizer."""
    opt = torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))], lr=1.0, momentum=0.9)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        _lr_scheduler.OneCycleLR(opt, max_lr=1.0, total_steps=10, base_momentum=0.85, max_momentum=0.95)
        _lr_scheduler.CyclicLR(opt, base_lr=0.1, max_lr=1.0, base_momentum=0.5, max_momentum=0.6)
    return opt.param_groups[0].get("max_momentum") == 0.6


def _leaves(scheduler: Any) -> List[Any]:
    """The leaf schedulers of a (composite) scheduler, in list order: the order the service builds them in."""
    if hasattr(scheduler, "_schedulers"):
        return [leaf for sub in scheduler._schedulers for leaf in _leaves(sub)]
    return [scheduler]


def _check_momentum_bounds(scheduler: Any, group: int) -> None:
    """ValueError where this torch's OneCycleLR would cycle momentum between other bounds than torch 2.14's.

    Torch 2.14's CyclicLR writes its ``base_momentum`` / ``max_momentum`` into the param group, where a
    OneCycleLR made before it on the same optimizer reads its bounds each step; torch 1.13's does not.
    """
    cycling = [leaf for leaf in _leaves(scheduler) if type(leaf).__name__ in ("OneCycleLR", "CyclicLR") and leaf.cycle_momentum]
    names = [type(leaf).__name__ for leaf in cycling]
    if "OneCycleLR" not in names or "CyclicLR" not in names[names.index("OneCycleLR") :] or _cyclic_writes_momentum_bounds():
        return
    last = cycling[-1]
    if type(last).__name__ != "CyclicLR":
        return  # a later OneCycleLR wrote its own bounds into the group, on either torch
    values = scheduler.optimizer.param_groups[group]
    if (last.base_momentums[group], last.max_momentums[group]) == (values["base_momentum"], values["max_momentum"]):
        return  # the same bounds either way
    raise ValueError(
        f"a momentum-cycling CyclicLR after a momentum-cycling OneCycleLR: this torch ({torch.__version__}) keeps the "
        "OneCycleLR's own momentum bounds, where torch 2.14 (which the service follows) makes it cycle between the "
        "CyclicLR's (its CyclicLR writes them into the param group): the service's momentum would not be this "
        "scheduler's, and training would change"
    )


def _first_leaf(scheduler: Any) -> Any:
    while hasattr(scheduler, "_schedulers"):
        scheduler = scheduler._schedulers[0]
    return scheduler


def _base_lr(scheduler: Any, group: int) -> float:
    leaf = _first_leaf(scheduler)
    return _number(leaf.base_lrs[group], "base_lr (the param group's initial_lr)")


def _number(value: Any, what: str) -> Any:
    """A plain Python number from a scheduler attribute (numpy scalars unwrapped; Tensors refused)."""
    if isinstance(value, torch.Tensor):
        raise TypeError(
            f"{what} is a Tensor: torch then computes the schedule in tensor arithmetic, not in the Python "
            "floats the service reproduces; use a float learning rate"
        )
    if isinstance(value, (bool, int, float)) or value is None:
        return value
    item = getattr(value, "item", None)  # numpy scalars
    if callable(item):
        return item()
    return value


def _attrs(scheduler: Any, *names: str) -> Dict[str, Any]:
    return {name: _number(getattr(scheduler, name), name) for name in names}


def _multistep(scheduler: Any, group: int) -> Dict[str, Any]:
    milestones = scheduler.milestones  # a Counter (repeats multiply the decay)
    elements = list(milestones.elements()) if hasattr(milestones, "elements") else list(milestones)
    return {"milestones": sorted(_number(m, "milestone") for m in elements), "gamma": _number(scheduler.gamma, "gamma")}


def _candidates(approx: float) -> Iterable[float]:
    """``approx`` written with 1 to 17 significant digits (short spellings first), then its neighbours."""
    if not math.isfinite(approx):
        yield approx
        return
    for digits in range(1, 18):
        yield float(f"{approx:.{digits}g}")
    yield approx
    below = above = approx
    for _ in range(8):
        below, above = math.nextafter(below, -math.inf), math.nextafter(above, math.inf)
        yield below
        yield above


def _reconstruct(approx: float, gives_back: Callable[[float], bool], what: str) -> float:
    for candidate in _candidates(approx):
        try:
            if gives_back(candidate):
                return candidate
        except (ArithmeticError, ValueError):
            continue
    raise ValueError(f"cannot reconstruct {what} from the values torch keeps (no argument gives back exactly the same numbers)")


def _integral(value: float) -> Union[int, float]:
    return int(value) if value.is_integer() else value


def _cyclic(scheduler: Any, group: int) -> Dict[str, Any]:
    if getattr(scheduler, "_scale_fn_custom", None) is not None:
        raise ValueError(
            "CyclicLR with a custom scale_fn cannot be described: the scale function is code, which the service "
            "never runs (use mode='triangular', 'triangular2' or 'exp_range')"
        )
    total = float(scheduler.total_size)  # float(step_size_up) + float(step_size_down)
    ratio = float(scheduler.step_ratio)  # step_size_up / total_size
    up = _reconstruct(
        ratio * total,
        lambda up: up > 0 and float(up) + float(total - up) == total and float(up) / total == ratio,
        "CyclicLR's step_size_up and step_size_down",
    )
    config: Dict[str, Any] = {
        "base_lr": _number(scheduler.base_lrs[group], "CyclicLR base_lr"),
        "max_lr": _number(scheduler.max_lrs[group], "CyclicLR max_lr"),
        "step_size_up": _integral(up),
        "step_size_down": _integral(total - up),
        "mode": scheduler.mode,
        "gamma": _number(scheduler.gamma, "gamma"),
        "cycle_momentum": bool(scheduler.cycle_momentum),
    }
    if scheduler.cycle_momentum:
        config["base_momentum"] = _number(scheduler.base_momentums[group], "base_momentum")
        config["max_momentum"] = _number(scheduler.max_momentums[group], "max_momentum")
    return config


def _one_cycle(scheduler: Any, group: int) -> Dict[str, Any]:
    values = scheduler.optimizer.param_groups[group]
    total = scheduler.total_steps
    phases = [float(phase["end_step"]) for phase in scheduler._schedule_phases]
    three_phase = len(phases) == 3
    max_lr = _number(values["max_lr"], "OneCycleLR max_lr")
    initial_lr = _number(values["initial_lr"], "OneCycleLR initial_lr")
    min_lr = _number(values["min_lr"], "OneCycleLR min_lr")

    def phases_of(pct: float) -> List[float]:
        if three_phase:
            return [float(pct * total) - 1, float(2 * pct * total) - 2, total - 1]
        return [float(pct * total) - 1, total - 1]

    pct_start = _reconstruct((phases[0] + 1) / total, lambda p: 0.0 <= p <= 1.0 and phases_of(p) == phases, "OneCycleLR's pct_start")
    div_factor = _reconstruct(max_lr / initial_lr, lambda d: d > 0 and max_lr / d == initial_lr, "OneCycleLR's div_factor")
    final_div_factor = _reconstruct(
        initial_lr / min_lr if min_lr else math.inf, lambda f: f > 0 and initial_lr / f == min_lr, "OneCycleLR's final_div_factor"
    )
    strategy = getattr(scheduler, "_anneal_func_type", None)  # PyTorch >= 2.2
    if strategy is None:  # PyTorch 1.x, 2.0, 2.1: the bound method
        function = getattr(scheduler, "anneal_func", None)
        strategy = {"_annealing_cos": "cos", "_annealing_linear": "linear"}.get(getattr(function, "__name__", ""))
        if strategy is None:
            raise ValueError("cannot tell OneCycleLR's anneal_strategy from this torch version's attributes")
    config: Dict[str, Any] = {
        "max_lr": max_lr,
        "total_steps": total,
        "pct_start": float(pct_start),
        "anneal_strategy": strategy,
        "cycle_momentum": bool(scheduler.cycle_momentum),
    }
    if scheduler.cycle_momentum:
        config["base_momentum"] = _number(values["base_momentum"], "base_momentum")
        config["max_momentum"] = _number(values["max_momentum"], "max_momentum")
    config.update({"div_factor": div_factor, "final_div_factor": final_div_factor, "three_phase": three_phase})
    return config


_LEAVES: Dict[str, Callable[[Any, int], Dict[str, Any]]] = {
    "StepLR": lambda s, g: _attrs(s, "step_size", "gamma"),
    "MultiStepLR": _multistep,
    "ConstantLR": lambda s, g: _attrs(s, "factor", "total_iters"),
    "LinearLR": lambda s, g: _attrs(s, "start_factor", "end_factor", "total_iters"),
    "ExponentialLR": lambda s, g: _attrs(s, "gamma"),
    "PolynomialLR": lambda s, g: _attrs(s, "total_iters", "power"),
    "CosineAnnealingLR": lambda s, g: _attrs(s, "T_max", "eta_min"),
    "CosineAnnealingWarmRestarts": lambda s, g: _attrs(s, "T_0", "T_mult", "eta_min"),
    "CyclicLR": _cyclic,
    "OneCycleLR": _one_cycle,
}


def _momentum_key(optimizer: Any) -> Optional[str]:
    """``"betas"`` or ``"momentum"``: the param-group key torch's OneCycleLR and CyclicLR cycle on this
    optimizer (``use_beta1 = "betas" in optimizer.defaults``), or None where it has neither."""
    defaults = getattr(optimizer, "defaults", None) or {}
    if "betas" in defaults:
        return "betas"
    if "momentum" in defaults:
        return "momentum"
    return None


def _position(scheduler: Any) -> int:
    """How many ``step()`` calls a scheduler has had since it was made (its ``last_epoch``)."""
    while not hasattr(scheduler, "last_epoch") and hasattr(scheduler, "_schedulers"):
        scheduler = scheduler._schedulers[0]  # ChainedScheduler keeps no count: its first sub-scheduler's
    return int(scheduler.last_epoch)


def _is_float64_only(schedule: Mapping[str, Any]) -> bool:
    module = schedule.get("module")
    if module is None:
        return schedule.get("class_name") in SUPPORTED or schedule.get("class_name") in _REFUSED
    return module in _FLOAT64_ONLY_MODULES


# --------------------------------------------------------------------------------------------------------
# RemoteLR
# --------------------------------------------------------------------------------------------------------


class RemoteLR(_Base):  # type: ignore[misc,unused-ignore]
    """Sets each param group's learning rate from lr-schedule-service at every ``step()``, and its momentum
    where the schedule cycles momentum.

    A schedule that cycles momentum (``OneCycleLR``, ``CyclicLR`` with ``cycle_momentum=True``, composites
    holding one: the service's answers then carry the momentum) sets, at construction and at every step as
    torch's scheduler does, ``group["betas"] = (m, *group["betas"][1:])`` where ``"betas"`` is among the
    optimizer's defaults (Adam, AdamW, ...), else ``group["momentum"] = m`` (SGD, RMSprop); an optimizer with
    neither is refused with ``ValueError`` (torch refuses it too). Other schedules leave momentum alone.

    Args:
        optimizer: the optimizer.
        client: a :class:`~lr_schedule_client.Client`, or the service's base URL.
        schedule: one schedule for all groups, or a list of schedules, one per param group. A schedule is a
            Keras ``serialize()`` dict (or an object with ``get_config()``), or a PyTorch / Hugging Face
            request form (:func:`describe`, :mod:`lr_schedule_client.huggingface`).
        block: steps fetched per request (see :class:`~lr_schedule_client.RemoteSchedule`).
        dtype: ``"float32"``, ``"float64"`` or None (the schedule's own: float32 for Keras schedules unless
            their initial rate is a float64 tensor, float64 for PyTorch and Hugging Face forms, which refuse
            float32: ``ValueError``).
        scale_by_base_lr: with one schedule, scale it per group by ``base_lr[i] / base_lr[0]``.
        last_epoch: as for every PyTorch scheduler: -1 to start; when resuming without
            ``load_state_dict``, the index of the last step done (the groups need ``initial_lr`` then).
    """

    def __init__(
        self,
        optimizer: Any,
        client: Union[Client, str],
        schedule: Any,
        *,
        block: int = 4096,
        dtype: Optional[str] = None,
        scale_by_base_lr: bool = False,
        last_epoch: int = -1,
    ) -> None:
        groups = len(optimizer.param_groups)
        self.per_group = isinstance(schedule, (list, tuple))
        schedules: Sequence[Any] = schedule if self.per_group else [schedule]
        if self.per_group and len(schedules) != groups:
            raise ValueError(f"{len(schedules)} schedules for {groups} param groups: give one per group, or a single one")
        if self.per_group and scale_by_base_lr:
            raise ValueError("scale_by_base_lr applies to a single schedule shared by the groups")
        self.schedules: List[Dict[str, Any]] = [schedule_to_dict(s) for s in schedules]
        if dtype == "float32":
            for s in self.schedules:
                if _is_float64_only(s):
                    raise ValueError(
                        f"dtype='float32' with a {s.get('module') or TORCH_MODULE} schedule: PyTorch and Hugging Face "
                        "schedules compute in Python floats (float64) only; leave dtype out"
                    )
        self.client = client if isinstance(client, Client) else Client(client)
        self.block = block
        self.dtype = dtype
        self.scale_by_base_lr = scale_by_base_lr
        self.remotes = [RemoteSchedule(self.client, s, block=block, dtype=dtype) for s in self.schedules]
        if scale_by_base_lr:
            first = optimizer.param_groups[0].get("initial_lr", optimizer.param_groups[0]["lr"])
            if float(first) == 0.0:
                raise ValueError("scale_by_base_lr needs a non-zero lr in param group 0 (the reference group)")
        #: Where a cycled momentum goes, decided as torch's OneCycleLR and CyclicLR decide it (betas first).
        self.momentum_key = _momentum_key(optimizer)
        super().__init__(optimizer, last_epoch)  # its initial step sets lr and momentum at last_epoch + 1

    @classmethod
    def replacing(
        cls,
        scheduler: Any,
        client: Union[Client, str],
        *,
        block: int = 4096,
        resume: bool = True,
    ) -> "RemoteLR":
        """A RemoteLR that takes over from a live torch scheduler: same optimizer, same learning rates.

        Each param group is described with :func:`describe` (one schedule shared by the groups when they
        describe the same, else one per group). With ``resume=True`` (the default) it continues from the
        scheduler's position: after ``scheduler`` had n ``step()`` calls, the RemoteLR starts at step n (so a
        scheduler just made is replaced from step 0); ``resume=False`` starts from step 0. Step the RemoteLR
        from then on, not ``scheduler``.

        The optimizer ends up as the torch scheduler would leave it: each group's ``lr``, and where the schedule
        cycles momentum (``OneCycleLR``, ``CyclicLR``), its ``momentum`` or ``betas[0]``, at every step.

        Raises what :func:`describe` raises for a scheduler the service does not compute, and ``ValueError``
        where the service's values would not be this scheduler's, so that the swap would change training:
        on a torch older than 2.14 whose ``CyclicLR`` does not write its momentum bounds into the param group
        (torch 1.13), a composite in which a momentum-cycling ``CyclicLR`` comes after a momentum-cycling
        ``OneCycleLR`` with other bounds (torch 2.14's OneCycleLR then cycles between the CyclicLR's bounds,
        which the service follows; this torch's between its own).
        """
        optimizer = scheduler.optimizer
        schedules = [describe(scheduler, group) for group in range(len(optimizer.param_groups))]
        for group in range(len(optimizer.param_groups)):
            _check_momentum_bounds(scheduler, group)
        schedule: Any = schedules[0] if all(s == schedules[0] for s in schedules) else schedules
        position = _position(scheduler) if resume else 0
        return cls(optimizer, client, schedule, block=block, last_epoch=position - 1)

    def get_lr(self) -> List[float]:
        """The learning rate of each param group at step ``last_epoch``; where the schedule cycles momentum,
        also writes each group's momentum (or beta1) there, as torch's ``get_lr`` does."""
        step = self.last_epoch
        groups = self.optimizer.param_groups
        if self.per_group:
            values = [remote.values(step) for remote in self.remotes]
        else:
            values = [self.remotes[0].values(step)] * len(groups)
        for group, value in zip(groups, values):
            if value.momentum is not None:
                self._set_momentum(group, value.momentum)
        rates = [value.learning_rate for value in values]
        if not self.scale_by_base_lr:
            return rates
        reference = float(self.base_lrs[0])
        return [rate * (float(base) / reference) for rate, base in zip(rates, self.base_lrs)]  # group 0: rate * 1.0, exactly

    def _set_momentum(self, group: Dict[str, Any], momentum: float) -> None:
        """``group["betas"] = (m, *rest)`` or ``group["momentum"] = m``, the very assignments of torch 2.14."""
        if self.momentum_key is None:
            raise ValueError(
                "optimizer must support momentum or beta1 with `cycle_momentum` option enabled: the schedule cycles "
                f"momentum, and {type(self.optimizer).__name__} has neither 'momentum' nor 'betas' among its defaults "
                "(torch's scheduler refuses it too); use cycle_momentum=False"
            )
        if self.momentum_key == "betas":
            group["betas"] = (momentum, *group["betas"][1:])
        else:
            group["momentum"] = momentum

    # Closed form already: step(epoch) (deprecated in PyTorch) gets the same answers.
    _get_closed_form_lr = get_lr

    def state_dict(self) -> Dict[str, Any]:
        """The scheduler's state: step count, base rates, options and the schedules; plain data."""
        return {key: value for key, value in self.__dict__.items() if key not in _NOT_STATE}

    def load_state_dict(self, state_dict: Dict[str, Any]) -> None:
        """Restores a :meth:`state_dict` and sets each group's ``lr`` to the schedule at the restored step.

        A state saved with other schedules is loaded with a warning; the schedules given to this
        scheduler's constructor stay in use.
        """
        state = {key: value for key, value in state_dict.items() if key not in _NOT_STATE}
        saved = state.pop("schedules", None)
        for option in ("per_group", "block", "dtype", "scale_by_base_lr"):
            state.pop(option, None)  # this scheduler's own options stay
        if saved is not None and saved != self.schedules:
            warnings.warn("the loaded scheduler state was saved with other schedules; keeping this scheduler's", UserWarning, stacklevel=2)
        self.__dict__.update(state)
        for group, lr in zip(self.optimizer.param_groups, self.get_lr()):  # momentum too, where it cycles
            if isinstance(group["lr"], torch.Tensor):
                group["lr"].fill_(lr)
            else:
                group["lr"] = lr
        self._last_lr = [group["lr"] for group in self.optimizer.param_groups]
