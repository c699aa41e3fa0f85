"""Where a schedule stops having learning rates, read from its request form (no request needed).

A PyTorch ``OneCycleLR`` has a learning rate at steps 0 .. ``total_steps`` and raises ``ValueError`` at the
step after ("Tried to step total_steps + 1 times..."); the service refuses those steps with a problem at
``/step``. Knowing that step lets :class:`~lr_schedule_client.RemoteSchedule` cut its block requests there and
answer a step beyond it with the service's own refusal, without asking: a normal run never sends a request
the service refuses.

The step is derived for a top-level OneCycleLR, and for SequentialLR and ChainedScheduler forms whose stop is
decided by a OneCycleLR inside, following the service (which follows torch 2.14):

- a ChainedScheduler steps every scheduler every step: each counts the composite's steps;
- a SequentialLR runs the scheduler of ``bisect_right(milestones, step)``; the one for step 0 counts from 0,
  the one after milestone m is restarted at step m with its own count 0; a scheduler whose turn never
  comes (behind a repeated milestone, or before a milestone 0) is never stepped;
- a composite nested in a SequentialLR is stepped once more by that SequentialLR's initial step (torch 2.14):
  a nested SequentialLR's own count runs ahead of the steps by the number of SequentialLRs around it, so
  its milestones come that many steps earlier (its schedulers' counts do not run ahead: each SequentialLR
  takes one step back from them first).

Only OneCycleLR's stop is derived. Another scheduler may raise earlier (a CyclicLR ``triangular2`` overflows
after 1,024 cycles): the stop here is then an upper bound, the service refuses a block before it and the
client finds that earlier stop from its answers.
"""
from __future__ import annotations

from typing import Any, Dict, List, Mapping, NamedTuple, Optional, Sequence, Tuple

from ._errors import ScheduleError

__all__ = ["ScheduleStop", "stop_of"]

#: The ``module`` of the service's PyTorch request form (``lr_schedule_client.torch.TORCH_MODULE``).
TORCH_MODULE = "torch.optim.lr_scheduler"

#: The ``torch.optim.lr_scheduler`` classes the service computes (``lr_schedule_client.torch.SUPPORTED``), kept
#: here, where importing does not need torch.
TORCH_SCHEDULERS = (
    "StepLR",
    "MultiStepLR",
    "ConstantLR",
    "LinearLR",
    "ExponentialLR",
    "PolynomialLR",
    "CosineAnnealingLR",
    "CosineAnnealingWarmRestarts",
    "CyclicLR",
    "OneCycleLR",
    "SequentialLR",
    "ChainedScheduler",
)

_COMPOSITES = ("SequentialLR", "ChainedScheduler")

#: torch's schedulers that never stop having a learning rate by themselves (as far as this module derives).
_PLAIN_LEAVES = frozenset(TORCH_SCHEDULERS) - {"OneCycleLR", *_COMPOSITES}


class ScheduleStop(NamedTuple):
    """The first step without a learning rate, and what the service says there.

    Attributes:
        step: the first step the schedule has no learning rate at (every later step has none either).
        total_steps: the ``total_steps`` of the OneCycleLR that raises there.
        at_asked_step: True for a OneCycleLR alone, whose refusal names the step asked for; a composite's
            names ``step`` (the service steps the composite and remembers where it raised).
    """

    step: int
    total_steps: int
    at_asked_step: bool

    def error(self, step: int) -> ScheduleError:
        """The :class:`ScheduleError` the service answers for ``step`` (>= ``self.step``), written here."""
        at = step if self.at_asked_step else self.step
        count = step if self.at_asked_step else self.total_steps + 1
        message = (
            f"torch raises ValueError: Tried to step {count} times. The specified number of total steps is "
            f"{self.total_steps} at step {at} of this schedule: steps from {at} on have no learning rate"
        )
        document: Dict[str, Any] = {
            "type": "/problems/400",
            "title": "Bad Request",
            "status": 400,
            "detail": f"invalid request: /step: {message}",
            "errors": [{"path": "/step", "message": message}],
        }
        return ScheduleError(
            status=400,
            title="Bad Request",
            detail=f"invalid request: /step: {message}",
            errors=[{"path": "/step", "message": message}],
            type="/problems/400",
            document=document,
        )


class _Unknown(Exception):
    """The stop cannot be derived exactly from the form (the client then finds it from the service's answers)."""


#: (the first step without a value, counted from the scheduler's own step 0; that OneCycleLR's total_steps)
_Stop = Optional[Tuple[int, int]]



def stop_of(schedule: Mapping[str, Any]) -> Optional[ScheduleStop]:
    """Where ``schedule`` (a request form) stops having learning rates, if that can be derived; else None
    (no stop known: none, or one the form alone does not say exactly)."""
    if schedule.get("module") != TORCH_MODULE:
        return None
    try:
        stop = _stop(schedule, shift=0)
    except _Unknown:
        return None
    if stop is None:
        return None
    return ScheduleStop(stop[0], stop[1], schedule.get("class_name") == "OneCycleLR")


def _stop(entry: Any, shift: int) -> _Stop:
    """The first step, counted from the scheduler's turn, at which a OneCycleLR in ``entry`` raises, with its
    total_steps; None if none does.

    ``shift`` is how many SequentialLRs the scheduler is nested in: each one's initial step steps it once
    more, so a SequentialLR's own count is ``shift`` ahead of the steps (its schedulers' counts are not: each
    SequentialLR takes one step back from them before its initial step).
    """
    if not isinstance(entry, Mapping) or not isinstance(entry.get("config", {}), Mapping):
        raise _Unknown
    name = entry.get("class_name")
    config: Mapping[str, Any] = entry.get("config") or {}
    if name == "OneCycleLR":
        total = _one_cycle_total(config)
        return (total + 1, total)
    if name in _PLAIN_LEAVES:
        return None
    if name == "ChainedScheduler":
        return _chained(_children(config), shift)
    if name == "SequentialLR":
        return _sequential(_children(config), _milestones(config), shift)
    raise _Unknown


def _chained(children: Sequence[Any], shift: int) -> _Stop:
    """Every child counts the composite's steps; the first to raise (list order breaks a tie) decides."""
    first: _Stop = None
    for child in children:
        stop = _stop(child, shift)
        if stop is not None and (first is None or stop[0] < first[0]):
            first = stop
    return first


def _sequential(children: Sequence[Any], milestones: Sequence[int], shift: int) -> _Stop:
    """The first raise among the children, each in its turn.

    The SequentialLR's own count at step k is ``k + shift``; child i runs while that count is in
    ``[milestones[i-1], milestones[i])``, i.e. at steps ``[max(0, milestones[i-1] - shift), milestones[i] - shift)``,
    counting from 0 at the start of its turn (restarted there, or made ready by the initial steps).
    """
    if len(milestones) != len(children) - 1:
        raise _Unknown
    for i, child in enumerate(children):
        begins = milestones[i - 1] if i > 0 else 0
        start = max(0, begins - shift)
        end = milestones[i] - shift if i < len(milestones) else None
        if end is not None and start >= end:
            continue  # its turn never comes
        composite = isinstance(child, Mapping) and child.get("class_name") in _COMPOSITES
        if composite and begins > 0:
            raise _Unknown  # refused by the service (restarted through get_lr(), which composites lack)
        stop = _stop(child, shift + 1)
        if stop is None:
            continue
        at = start + stop[0]
        if end is None or at < end:
            return (at, stop[1])  # the turns follow one another: the first raise is the earliest
    return None


def _children(config: Mapping[str, Any]) -> List[Any]:
    children = config.get("schedulers")
    if not isinstance(children, list) or not children:
        raise _Unknown
    return children


def _milestones(config: Mapping[str, Any]) -> List[int]:
    milestones = config.get("milestones")
    if not isinstance(milestones, list) or not all(_is_int(m) and m >= 0 for m in milestones):
        raise _Unknown
    if any(b < a for a, b in zip(milestones, milestones[1:])):
        raise _Unknown  # the service refuses them
    return list(milestones)


def _one_cycle_total(config: Mapping[str, Any]) -> int:
    """OneCycleLR's total_steps, or epochs * steps_per_epoch, as the service reads them (positive ints only)."""
    total = config.get("total_steps")
    if total is None:
        return _positive_int(config.get("epochs")) * _positive_int(config.get("steps_per_epoch"))
    return _positive_int(total)


def _positive_int(value: Any) -> int:
    """``value`` if it is an int >= 1 (not a bool, not a float: torch refuses those), else _Unknown."""
    if not (_is_int(value) and value >= 1):
        raise _Unknown
    return int(value)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)

