"""Turning what a caller passes as a schedule into the JSON the service reads."""
from __future__ import annotations

import json
import sys
from typing import Any, Dict, Mapping

__all__ = ["schedule_to_dict", "to_json"]

#: Modules whose ``optimizers.schedules.serialize`` writes Keras's own serialized form.
_KERAS_MODULES = ("keras", "tf_keras")


def _keras_serialize(schedule: Any) -> Any:
    """Keras's ``serialize(schedule)`` if ``schedule`` is a schedule of an already imported Keras, else None.

    Keras is looked up in ``sys.modules`` rather than imported: an object that is a Keras schedule was made
    by an imported Keras, and importing Keras (and its backend) for anything else would only cost seconds.
    """
    for name in _KERAS_MODULES:
        module = sys.modules.get(name)
        schedules = getattr(getattr(module, "optimizers", None), "schedules", None)
        base = getattr(schedules, "LearningRateSchedule", None)
        serialize = getattr(schedules, "serialize", None)
        if isinstance(base, type) and callable(serialize) and isinstance(schedule, base):
            return serialize(schedule)
    return None


def schedule_to_dict(schedule: Any) -> Dict[str, Any]:
    """The serialized (Keras ``serialize()``-style) form of ``schedule``, as a new dict.

    ``schedule`` may be:

    - a mapping: a Keras ``serialize()`` result, ``{"class_name": ..., "config": {...}}``, or a whole
      serialized optimizer (the service reads its ``learning_rate``); it is copied as is;
    - a :class:`~lr_schedule_client.RemoteSchedule` or one of the framework adapters: the schedule it wraps;
    - a Keras ``LearningRateSchedule`` instance: ``keras.optimizers.schedules.serialize(schedule)``;
    - any other object with a ``get_config()`` method:
      ``{"class_name": type(schedule).__name__, "config": schedule.get_config()}``.

    Raises:
        TypeError: for anything else.
    """
    if isinstance(schedule, Mapping):
        return dict(schedule)
    wrapped = getattr(schedule, "__lr_schedule__", None)
    if isinstance(wrapped, Mapping):
        return dict(wrapped)
    serialized = _keras_serialize(schedule)
    if isinstance(serialized, Mapping):
        return dict(serialized)
    get_config = getattr(schedule, "get_config", None)
    if callable(get_config):
        return {"class_name": type(schedule).__name__, "config": get_config()}
    raise TypeError(
        f"a schedule must be a dict (a Keras serialize() result) or an object with get_config(), not {type(schedule).__name__}"
    )


def _json_default(value: Any) -> Any:
    """JSON for the values a framework leaves in a config: numpy scalars and arrays, eager tensors."""
    item = getattr(value, "item", None)
    if callable(item) and getattr(value, "shape", None) in ((), None):
        try:
            return item()
        except (TypeError, ValueError):
            pass
    tolist = getattr(value, "tolist", None)
    if callable(tolist):
        return tolist()
    to_numpy = getattr(value, "numpy", None)
    if callable(to_numpy):
        return _json_default(to_numpy())
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def to_json(value: Any) -> str:
    """Compact JSON; NaN and infinities are refused here (they are not JSON) rather than by the service."""
    return json.dumps(value, separators=(",", ":"), allow_nan=False, default=_json_default)
