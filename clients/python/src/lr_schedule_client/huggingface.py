"""Hugging Face schedules in the service's request form, from what ``transformers.TrainingArguments`` holds.

Importable without transformers (or torch): nothing here imports either. The form is what
``transformers.get_scheduler`` builds in the ``Trainer``::

    get_scheduler(args.lr_scheduler_type, optimizer,
                  num_warmup_steps=args.get_warmup_steps(num_training_steps),
                  num_training_steps=num_training_steps,
                  scheduler_specific_kwargs=args.lr_scheduler_kwargs)

on an optimizer whose lr is ``args.learning_rate``::

    {"module": "transformers", "class_name": "cosine",
     "config": {"num_warmup_steps": 100, "num_training_steps": 1000, <lr_scheduler_kwargs>},
     "base_lr": 5e-05}

The service's step n is the learning rate after n ``scheduler.step()`` calls (the Trainer steps it once per
optimizer step), in float64. Drive a PyTorch optimizer with it through
:class:`lr_schedule_client.torch.RemoteLR`::

    from lr_schedule_client.huggingface import describe_training_arguments
    from lr_schedule_client.torch import RemoteLR

    scheduler = RemoteLR(optimizer, url, describe_training_arguments(args, num_training_steps))
    trainer = Trainer(model=model, args=args, optimizers=(optimizer, scheduler), ...)

Every param group gets the schedule's value: the form describes the lr of an optimizer whose
``defaults["lr"]`` and every group's lr are ``learning_rate`` (the Trainer's usual optimizer).
"""
from __future__ import annotations

import enum
import json
import math
import operator
from typing import Any, Dict, Mapping, Optional, Union

__all__ = ["MODULE", "TYPES", "describe", "describe_training_arguments", "warmup_steps_for"]

#: The ``module`` of the service's Hugging Face request form.
MODULE = "transformers"

#: The ``SchedulerType`` values the service computes.
TYPES = (
    "linear",
    "cosine",
    "cosine_with_restarts",
    "polynomial",
    "constant",
    "constant_with_warmup",
    "inverse_sqrt",
    "cosine_with_min_lr",
    "cosine_warmup_with_min_lr",
    "warmup_stable_decay",
)

_REFUSED = {
    "reduce_lr_on_plateau": "it follows a metric (ReduceLROnPlateau steps on the evaluation loss), not the step count",
    "greedy": "it follows a metric (the evaluation results), not the step count",
}

#: Types whose ``get_scheduler`` call silently drops ``scheduler_specific_kwargs``.
_TAKES_NO_KWARGS = ("constant", "constant_with_warmup")

#: ``TrainingArguments``'s defaults.
DEFAULT_LEARNING_RATE = 5e-05


def _type_name(lr_scheduler_type: Any) -> str:
    """The ``SchedulerType`` value of a string or of the enum member (``SchedulerType.COSINE`` -> ``"cosine"``)."""
    if isinstance(lr_scheduler_type, enum.Enum):
        lr_scheduler_type = lr_scheduler_type.value
    if not isinstance(lr_scheduler_type, str):
        raise TypeError(f"lr_scheduler_type must be a string or a transformers SchedulerType, not {type(lr_scheduler_type).__name__}")
    name = str(lr_scheduler_type)  # a str-based enum's value, as a plain str
    if name in _REFUSED:
        raise ValueError(f"lr_scheduler_type {name!r} cannot be computed by the service: {_REFUSED[name]}")
    if name not in TYPES:
        raise ValueError(f"{name!r} is not a transformers SchedulerType the service computes (one of: {', '.join(TYPES)})")
    return name


def _count(value: Any, what: str) -> int:
    if isinstance(value, bool):
        raise TypeError(f"{what} must be an int, not a bool")
    try:
        return operator.index(value)
    except TypeError:
        raise TypeError(f"{what} must be an int, not {type(value).__name__}") from None


def warmup_steps_for(warmup_steps: Union[int, float], num_training_steps: int) -> int:
    """The warmup length ``TrainingArguments.get_warmup_steps`` (transformers 5) gives for ``warmup_steps``.

    ``warmup_steps`` >= 1 is a number of steps (``int(warmup_steps)``); below 1 it is a ratio of the training
    steps, rounded up (``math.ceil(num_training_steps * warmup_steps)``; 0 is no warmup).
    """
    if isinstance(warmup_steps, bool) or not isinstance(warmup_steps, (int, float)):
        raise TypeError(f"warmup_steps must be an int or a float, not {type(warmup_steps).__name__}")
    if not warmup_steps >= 0 or math.isinf(warmup_steps):  # NaN too
        raise ValueError(f"warmup_steps must be a number of steps >= 0 or a ratio in [0, 1), not {warmup_steps!r}")
    if warmup_steps >= 1:
        return int(warmup_steps)
    return math.ceil(_count(num_training_steps, "num_training_steps") * warmup_steps)


def _kwargs(lr_scheduler_kwargs: Any) -> Dict[str, Any]:
    if lr_scheduler_kwargs is None:
        return {}
    if isinstance(lr_scheduler_kwargs, str):
        if lr_scheduler_kwargs.lstrip().startswith("{"):  # TrainingArguments parses such a string (from the CLI)
            lr_scheduler_kwargs = json.loads(lr_scheduler_kwargs)
        else:
            raise TypeError("lr_scheduler_kwargs must be a dict (or a JSON object as a string), not a string")
    if not isinstance(lr_scheduler_kwargs, Mapping):
        raise TypeError(f"lr_scheduler_kwargs must be a dict, not {type(lr_scheduler_kwargs).__name__}")
    kwargs = dict(lr_scheduler_kwargs)
    for key in kwargs:
        if not isinstance(key, str):
            raise TypeError(f"lr_scheduler_kwargs keys are keyword argument names (strings), not {key!r}")
    return kwargs


def describe(
    lr_scheduler_type: Any,
    num_training_steps: int,
    *,
    learning_rate: float = DEFAULT_LEARNING_RATE,
    warmup_steps: Union[int, float] = 0,
    lr_scheduler_kwargs: Optional[Mapping[str, Any]] = None,
) -> Dict[str, Any]:
    """The request form of the schedule the ``Trainer`` would build from these ``TrainingArguments`` values.

    Args:
        lr_scheduler_type: a ``SchedulerType`` value (``"cosine"``) or the enum member; one of :data:`TYPES`.
        num_training_steps: the optimizer steps of the whole training, as the Trainer computes them
            (``max_steps``, or epochs × update steps per epoch).
        learning_rate: ``TrainingArguments.learning_rate`` (the optimizer's lr): the form's ``base_lr``.
        warmup_steps: ``TrainingArguments.warmup_steps``: a number of steps (>= 1), or a ratio of
            ``num_training_steps`` (< 1), as :func:`warmup_steps_for` resolves it.
        lr_scheduler_kwargs: ``TrainingArguments.lr_scheduler_kwargs``, the type's own keyword arguments
            (``{"num_cycles": 2}``, ``{"min_lr_rate": 0.1}``, ``{"num_decay_steps": 200}``...); None or ``{}``
            for none. Passed on as they are: the service checks them as ``get_scheduler`` would.

    Raises:
        ValueError: ``reduce_lr_on_plateau`` and ``greedy`` (they follow a metric, not the step count), an
            unknown type, keyword arguments for ``constant`` or ``constant_with_warmup`` (transformers drops
            them silently; the service refuses them rather than compute something else than was meant).
        TypeError: a value of the wrong type, ``num_warmup_steps`` or ``num_training_steps`` in
            ``lr_scheduler_kwargs`` (``get_scheduler`` would get them twice).
    """
    name = _type_name(lr_scheduler_type)
    training = _count(num_training_steps, "num_training_steps")
    warmup = warmup_steps_for(warmup_steps, training)
    kwargs = _kwargs(lr_scheduler_kwargs)
    for key in ("num_warmup_steps", "num_training_steps"):
        if key in kwargs:
            raise TypeError(f"lr_scheduler_kwargs must not hold {key!r}: get_scheduler passes it itself (got multiple values for keyword argument {key!r})")
    if kwargs and name in _TAKES_NO_KWARGS:
        raise ValueError(
            f"{name!r} takes no lr_scheduler_kwargs: transformers.get_scheduler drops {sorted(kwargs)} silently "
            "(the service refuses them); leave lr_scheduler_kwargs empty"
        )
    if isinstance(learning_rate, bool) or not isinstance(learning_rate, (int, float)):
        raise TypeError(f"learning_rate must be a float, not {type(learning_rate).__name__}")
    config: Dict[str, Any] = {"num_warmup_steps": warmup, "num_training_steps": training}
    config.update(kwargs)
    return {"module": MODULE, "class_name": name, "config": config, "base_lr": float(learning_rate)}


def describe_training_arguments(args: Any, num_training_steps: int) -> Dict[str, Any]:
    """:func:`describe` of a ``transformers.TrainingArguments`` (or any object with its attributes).

    Reads ``lr_scheduler_type`` (default ``"linear"``), ``lr_scheduler_kwargs`` (default None),
    ``learning_rate`` (default 5e-05) and the warmup: ``args.get_warmup_steps(num_training_steps)`` where the
    object has that method (a real ``TrainingArguments`` of any version), else ``warmup_steps`` as
    :func:`warmup_steps_for` resolves it (and a ``warmup_ratio`` of an older-style object when
    ``warmup_steps`` is 0). ``num_training_steps`` is what the Trainer computes (``max_steps``, or epochs ×
    update steps per epoch): the arguments alone do not say it.
    """
    training = _count(num_training_steps, "num_training_steps")
    get_warmup_steps = getattr(args, "get_warmup_steps", None)
    if callable(get_warmup_steps):
        warmup: Union[int, float] = _count(get_warmup_steps(training), "get_warmup_steps()")
    else:
        warmup = getattr(args, "warmup_steps", 0) or 0
        ratio = getattr(args, "warmup_ratio", None)
        if ratio:
            if warmup:
                raise ValueError(
                    f"both warmup_steps ({warmup!r}) and warmup_ratio ({ratio!r}) are set: transformers 4 uses "
                    "warmup_steps, transformers 5 warmup_ratio; set one"
                )
            warmup = ratio
    return describe(
        getattr(args, "lr_scheduler_type", "linear"),
        training,
        learning_rate=getattr(args, "learning_rate", DEFAULT_LEARNING_RATE),
        warmup_steps=warmup,
        lr_scheduler_kwargs=getattr(args, "lr_scheduler_kwargs", None),
    )
