"""Keras adapter: a ``keras.optimizers.schedules.LearningRateSchedule`` answered by the service.

Importable only where Keras is installed (importing this module imports ``keras``)::

    import keras
    from lr_schedule_client.keras import RemoteLearningRateSchedule

    schedule = RemoteLearningRateSchedule("http://127.0.0.1:3000", keras.optimizers.schedules.CosineDecay(0.0, 10000, warmup_target=0.001, warmup_steps=1000))
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=schedule), loss="mse")

The schedule answers through a :class:`~lr_schedule_client.RemoteSchedule` (one request per ``block`` steps,
the next block prefetched). It serializes to the service URL plus the wrapped schedule, and is registered
with ``keras.saving.register_keras_serializable`` as ``lr_schedule_client>RemoteLearningRateSchedule``, so a
model saved with it loads again wherever this module has been imported.

The step is converted to a Python int: eagerly (the numpy, torch and eager tensorflow cases) with
``keras.ops.convert_to_numpy``; inside a traced TensorFlow function through ``tf.numpy_function``, and inside
a traced JAX function through ``jax.pure_callback``, so ``model.fit`` works on every backend.
"""
from __future__ import annotations

from typing import Any, Dict, Optional

import keras  # noqa: F401  (this module exists only where Keras is installed)

from ._client import DEFAULT_RETRY_FOR, Client, _as_step
from ._remote import RemoteSchedule
from ._schedules import schedule_to_dict

__all__ = ["RemoteLearningRateSchedule"]


@keras.saving.register_keras_serializable(package="lr_schedule_client")
class RemoteLearningRateSchedule(keras.optimizers.schedules.LearningRateSchedule):  # type: ignore[misc,unused-ignore]
    """A Keras learning-rate schedule whose values come from lr-schedule-service.

    Args:
        url: the service's base URL.
        schedule: the schedule to compute: a Keras schedule instance, its ``serialize()`` dict, or any
            object with ``get_config()``.
        block: steps fetched per request.
        dtype: ``"float32"`` (the default: what Keras optimizers use) or ``"float64"``; the tensor returned
            has this dtype.
        timeout: seconds per request.
        retries: the most retries of a request that got no answer or a 503; None (the default): as many as
            ``retry_for`` allows (see :class:`~lr_schedule_client.Client`).
        retry_for: seconds a request keeps being retried (default 60: a restart of the service is ridden out).
        name: the schedule's name.
        headers: sent with every request (e.g. an ``Authorization`` header). Not saved in the config: a
            loaded model's schedule sends none.
    """

    def __init__(
        self,
        url: str,
        schedule: Any,
        block: int = 4096,
        dtype: Optional[str] = None,
        timeout: Optional[float] = 30.0,
        retries: Optional[int] = None,
        name: Optional[str] = None,
        headers: Optional[Dict[str, str]] = None,
        retry_for: Optional[float] = DEFAULT_RETRY_FOR,
    ) -> None:
        super().__init__()
        self.url = url
        self.schedule = schedule_to_dict(schedule)
        self.block = int(block)
        self.dtype = dtype
        self.timeout = timeout
        self.retries = None if retries is None else int(retries)
        self.retry_for = None if retry_for is None else float(retry_for)
        self.name = name or "RemoteLearningRateSchedule"
        self.client = Client(url, timeout=timeout, retries=self.retries, headers=headers, retry_for=self.retry_for)
        self.remote = RemoteSchedule(self.client, self.schedule, block=self.block, dtype=dtype)

    @property
    def __lr_schedule__(self) -> Dict[str, Any]:
        return self.schedule

    @property
    def _out_dtype(self) -> str:
        return "float64" if self.dtype == "float64" else "float32"

    def rate(self, step: Any) -> float:
        """The learning rate at ``step`` as a Python float (any integer-like step, a 0-d array or tensor included)."""
        try:
            return self.remote(_as_step(step))
        except (TypeError, ValueError):
            return self.remote(_as_step(keras.ops.convert_to_numpy(step)))

    def __call__(self, step: Any) -> Any:
        backend = keras.backend.backend()
        if backend == "tensorflow":
            import tensorflow as tf

            if isinstance(step, (int, float)) or tf.executing_eagerly():
                return tf.constant(self.rate(step), dtype=self._out_dtype)
            import numpy as np

            out = np.float64 if self._out_dtype == "float64" else np.float32
            rate = tf.numpy_function(lambda s: out(self.rate(s)), [step], Tout=tf.as_dtype(self._out_dtype), stateful=True)
            rate.set_shape(())
            return rate
        if backend == "jax" and not isinstance(step, (int, float)):
            import jax
            import numpy as np

            # A host callback works traced (inside the jitted train step, where the step is a tracer, or a
            # Keras variable holding one) and eagerly alike.
            value = getattr(step, "value", step)
            out = np.float64 if self._out_dtype == "float64" else np.float32
            return jax.pure_callback(lambda s: out(self.rate(s)), jax.ShapeDtypeStruct((), out), value)
        return keras.ops.convert_to_tensor(self.rate(step), dtype=self._out_dtype)

    def get_config(self) -> Dict[str, Any]:
        """The service URL and the wrapped schedule (and the request options): enough to make it again."""
        return {
            "url": self.url,
            "schedule": dict(self.schedule),
            "block": self.block,
            "dtype": self.dtype,
            "timeout": self.timeout,
            "retries": self.retries,
            "retry_for": self.retry_for,
            "name": self.name,
        }

    @classmethod
    def from_config(cls, config: Dict[str, Any]) -> "RemoteLearningRateSchedule":
        return cls(**config)

    def __repr__(self) -> str:
        return f"RemoteLearningRateSchedule({self.url!r}, {self.schedule.get('class_name')!r}, block={self.block})"
