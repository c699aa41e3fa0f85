"""PyTorch adapter: an ``LRScheduler`` whose learning rates come from the service.

Importable only where PyTorch is installed (importing this module imports ``torch``)::

    import torch
    from lr_schedule_client.torch import RemoteLR

    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    scheduler = RemoteLR(optimizer, "http://127.0.0.1:3000", schedule)
    for batch in data:
        ...; optimizer.step(); scheduler.step()

Steps are counted as Keras counts them: the learning rate of the n-th ``optimizer.step()`` (n from 0) is the
schedule at step n, i.e. ``scheduler.last_epoch`` is the number of ``scheduler.step()`` calls since the start.

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

import warnings
from typing import Any, Dict, List, Optional, Sequence, Union

import torch  # noqa: F401  (this module exists only where PyTorch is installed)
from torch.optim import lr_scheduler as _lr_scheduler

from ._client import Client
from ._remote import RemoteSchedule
from ._schedules import schedule_to_dict

__all__ = ["RemoteLR"]

_Base: Any = getattr(_lr_scheduler, "LRScheduler", None) or _lr_scheduler._LRScheduler  # PyTorch 2.x, else 1.x

#: Attributes that are not state: live connections and threads.
_NOT_STATE = ("optimizer", "client", "remotes")


class RemoteLR(_Base):  # type: ignore[misc,unused-ignore]
    """Sets each param group's learning rate from lr-schedule-service at every ``step()``.

    Args:
        optimizer: the optimizer.
        client: a :class:`~lr_schedule_client.Client`, or the service's base URL.
        schedule: one schedule (a Keras ``serialize()`` dict or an object with ``get_config()``) for all
            groups, or a list of schedules, one per param group.
        block: steps fetched per request (see :class:`~lr_schedule_client.RemoteSchedule`).
        dtype: ``"float32"``, ``"float64"`` or None (the schedule's own).
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
        self.client = client if isinstance(client, Client) else Client(client)
        self.per_group = isinstance(schedule, (list, tuple))
        schedules: Sequence[Any] = schedule if self.per_group else [schedule]
        if self.per_group and len(schedules) != groups:
            raise ValueError(f"{len(schedules)} schedules for {groups} param groups: give one per group, or a single one")
        if self.per_group and scale_by_base_lr:
            raise ValueError("scale_by_base_lr applies to a single schedule shared by the groups")
        self.schedules: List[Dict[str, Any]] = [schedule_to_dict(s) for s in schedules]
        self.block = block
        self.dtype = dtype
        self.scale_by_base_lr = scale_by_base_lr
        self.remotes = [RemoteSchedule(self.client, s, block=block, dtype=dtype) for s in self.schedules]
        if scale_by_base_lr:
            first = optimizer.param_groups[0].get("initial_lr", optimizer.param_groups[0]["lr"])
            if float(first) == 0.0:
                raise ValueError("scale_by_base_lr needs a non-zero lr in param group 0 (the reference group)")
        super().__init__(optimizer, last_epoch)

    def get_lr(self) -> List[float]:
        """The learning rate of each param group at step ``last_epoch``."""
        step = self.last_epoch
        if self.per_group:
            return [remote(step) for remote in self.remotes]
        rate = self.remotes[0](step)
        groups = len(self.optimizer.param_groups)
        if not self.scale_by_base_lr:
            return [rate] * groups
        reference = float(self.base_lrs[0])
        return [rate * (float(base) / reference) for base in self.base_lrs]  # group 0: rate * 1.0, exactly

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
        for group, lr in zip(self.optimizer.param_groups, self.get_lr()):
            if isinstance(group["lr"], torch.Tensor):
                group["lr"].fill_(lr)
            else:
                group["lr"] = lr
        self._last_lr = [group["lr"] for group in self.optimizer.param_groups]
