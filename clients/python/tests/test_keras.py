"""The Keras adapter, against real Keras where it is importable, else against a minimal stand-in ``keras``.

The stand-in has only what the adapter touches: ``keras.optimizers.schedules.LearningRateSchedule`` and
``serialize``, ``keras.saving.register_keras_serializable`` / ``serialize_keras_object`` /
``deserialize_keras_object`` (the registry and the ``{"module", "class_name", "config", "registered_name"}``
form Keras 3 writes), ``keras.backend.backend()`` and ``keras.ops.convert_to_numpy`` / ``convert_to_tensor``
(the eager "numpy" backend); and for the README's example ``keras.Sequential``, ``keras.Input``,
``keras.layers.Dense``, ``keras.optimizers.Adam``, ``Model.compile``/``fit``/``save`` and
``keras.models.load_model``, where ``fit`` asks the optimizer's schedule for the rate of each step (0, 1, ...)
and records it, and ``save`` writes the optimizer's serialized learning rate as JSON.
"""
from __future__ import annotations

import importlib
import importlib.util
import json
import sys
import types
import unittest
from typing import Any, Dict

from lr_schedule_client import schedule_to_dict

from .service import COSINE_WARMUP, SharedServiceTestCase

REAL_KERAS = importlib.util.find_spec("keras") is not None


def make_fake_keras() -> types.ModuleType:
    keras = types.ModuleType("keras")
    keras.__dict__["IS_STAND_IN"] = True
    registry: Dict[str, type] = {}

    def register_keras_serializable(package: str = "Custom", name: Any = None):
        def decorate(cls: type) -> type:
            registered = f"{package}>{name or cls.__name__}"
            registry[registered] = cls
            cls._registered_name = registered  # type: ignore[attr-defined]
            return cls

        return decorate

    def serialize_keras_object(obj: Any) -> Dict[str, Any]:
        return {
            "module": type(obj).__module__,
            "class_name": type(obj).__name__,
            "config": obj.get_config(),
            "registered_name": getattr(type(obj), "_registered_name", None),
        }

    def deserialize_keras_object(config: Dict[str, Any]) -> Any:
        cls = registry[config["registered_name"]]
        return cls.from_config(config["config"])

    class LearningRateSchedule:
        def __call__(self, step: Any) -> Any:
            raise NotImplementedError

        def get_config(self) -> Dict[str, Any]:
            raise NotImplementedError

        @classmethod
        def from_config(cls, config: Dict[str, Any]) -> Any:
            return cls(**config)

    class CosineDecay(LearningRateSchedule):
        def __init__(self, initial_learning_rate: float, decay_steps: int, alpha: float = 0.0, name: str = "CosineDecay",
                     warmup_target: Any = None, warmup_steps: int = 0) -> None:
            self.config = dict(initial_learning_rate=initial_learning_rate, decay_steps=decay_steps, alpha=alpha, name=name,
                               warmup_target=warmup_target, warmup_steps=warmup_steps)

        def get_config(self) -> Dict[str, Any]:
            return dict(self.config)

    CosineDecay.__module__ = "keras.optimizers.schedules"  # as keras.optimizers.schedules.serialize writes it

    class Variable:
        """What an optimizer's ``iterations`` is: not an int, but convertible to a numpy integer."""

        def __init__(self, value: int, **options: Any) -> None:
            self.value = value

    serialize_calls = []

    def serialize(schedule: Any) -> Dict[str, Any]:
        serialize_calls.append(schedule)
        return serialize_keras_object(schedule)

    keras.saving = types.SimpleNamespace(  # type: ignore[attr-defined]
        register_keras_serializable=register_keras_serializable,
        serialize_keras_object=serialize_keras_object,
        deserialize_keras_object=deserialize_keras_object,
        registry=registry,
    )
    keras.optimizers = types.SimpleNamespace(  # type: ignore[attr-defined]
        schedules=types.SimpleNamespace(LearningRateSchedule=LearningRateSchedule, CosineDecay=CosineDecay, serialize=serialize, calls=serialize_calls)
    )
    keras.backend = types.SimpleNamespace(backend=lambda: "numpy")  # type: ignore[attr-defined]
    keras.ops = types.SimpleNamespace(  # type: ignore[attr-defined]
        convert_to_numpy=lambda x: x.value if isinstance(x, Variable) else x,
        convert_to_tensor=lambda x, dtype=None: ("tensor", dtype, x),
    )
    keras.Variable = Variable  # type: ignore[attr-defined]

    class Adam:
        """As in Keras 3: the schedule in ``_learning_rate``; ``learning_rate`` is the current rate."""

        def __init__(self, learning_rate: Any = 0.001) -> None:
            self._learning_rate = learning_rate
            self.iterations = Variable(0)
            self.rates_used: list = []

        @property
        def learning_rate(self) -> Any:
            if isinstance(self._learning_rate, LearningRateSchedule):
                return self._learning_rate(self.iterations)
            return self._learning_rate

        def apply(self) -> None:
            self.rates_used.append(self.learning_rate)
            self.iterations = Variable(self.iterations.value + 1)

    class Model:
        def __init__(self, layers: list) -> None:
            self.layers = layers
            self.optimizer: Any = None

        def compile(self, optimizer: Any, loss: Any = None) -> None:
            self.optimizer = optimizer

        def fit(self, x: Any, y: Any, batch_size: int = 32, epochs: int = 1) -> None:
            batches = -(-len(x) // batch_size)
            for _ in range(epochs * batches):
                self.optimizer.apply()

        def save(self, path: str) -> None:
            with open(path, "w") as file:
                json.dump({"optimizer": {"learning_rate": serialize_keras_object(self.optimizer._learning_rate)}}, file)

    def load_model(path: str) -> Model:
        with open(path) as file:
            saved = json.load(file)
        model = Model([])
        model.compile(Adam(deserialize_keras_object(saved["optimizer"]["learning_rate"])))
        return model

    keras.Sequential = Model  # type: ignore[attr-defined]
    keras.Input = lambda shape: ("input", shape)  # type: ignore[attr-defined]
    keras.layers = types.SimpleNamespace(Dense=lambda units: ("dense", units))  # type: ignore[attr-defined]
    keras.optimizers.Adam = Adam  # type: ignore[attr-defined]
    keras.models = types.SimpleNamespace(load_model=load_model)  # type: ignore[attr-defined]
    return keras


class KerasAdapterTest(SharedServiceTestCase):
    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        cls.expected = cls.client.learning_rates(COSINE_WARMUP, range=range(0, 3000))
        cls.saved = {name: sys.modules.get(name) for name in ("keras", "lr_schedule_client.keras")}
        if not REAL_KERAS:
            sys.modules["keras"] = make_fake_keras()
        sys.modules.pop("lr_schedule_client.keras", None)
        cls.keras = importlib.import_module("keras")
        cls.adapter = importlib.import_module("lr_schedule_client.keras")

    @classmethod
    def tearDownClass(cls) -> None:
        super().tearDownClass()
        for name, module in cls.saved.items():
            if module is None:
                sys.modules.pop(name, None)
            else:
                sys.modules[name] = module
        import lr_schedule_client

        if cls.saved["lr_schedule_client.keras"] is None and hasattr(lr_schedule_client, "keras"):
            delattr(lr_schedule_client, "keras")

    def rate_of(self, value: Any) -> float:
        """The float in what the adapter returned (the stand-in's tensor, or a real Keras tensor)."""
        if isinstance(value, tuple) and value[0] == "tensor":
            self.assertEqual(value[1], "float32")
            return value[2]
        return float(self.keras.ops.convert_to_numpy(value))

    def test_answers_from_the_service(self) -> None:
        schedule = self.adapter.RemoteLearningRateSchedule(self.url, COSINE_WARMUP, block=512)
        self.assertIsInstance(schedule, self.keras.optimizers.schedules.LearningRateSchedule)
        for step in (0, 1, 511, 512, 999, 1000, 1500, 2999):
            self.assertEqual(self.rate_of(schedule(step)), self.expected[step], step)
        self.assertEqual(schedule.remote.block, 512)
        self.assertLessEqual(schedule.remote.fetches, 7)  # blocks, not steps: 0-3, 5, and 6 prefetched

    def test_step_variable_is_converted_to_int(self) -> None:
        # what an optimizer's ``iterations`` is: a Keras variable (the stand-in's: convertible to an integer)
        schedule = self.adapter.RemoteLearningRateSchedule(self.url, COSINE_WARMUP, block=512)
        def variable(value: int) -> Any:  # as Keras makes an optimizer's iterations
            return self.keras.Variable(value, dtype="int64", trainable=False, name="iterations")

        self.assertEqual(self.rate_of(schedule(variable(1234))), self.expected[1234])
        self.assertEqual(schedule.rate(variable(2345)), self.expected[2345])

    def test_config_round_trip_as_a_saved_model_does(self) -> None:
        schedule = self.adapter.RemoteLearningRateSchedule(self.url, COSINE_WARMUP, block=256, retries=2)
        serialized = self.keras.saving.serialize_keras_object(schedule)
        self.assertEqual(serialized["registered_name"], "lr_schedule_client>RemoteLearningRateSchedule")
        config = serialized["config"]
        self.assertEqual(config["url"], self.url)
        self.assertEqual(config["schedule"], COSINE_WARMUP)
        self.assertEqual(config["block"], 256)
        text = json.dumps(serialized)  # a .keras file holds JSON
        loaded = self.keras.saving.deserialize_keras_object(json.loads(text))
        self.assertIsInstance(loaded, self.adapter.RemoteLearningRateSchedule)
        self.assertIsNot(loaded, schedule)
        self.assertEqual(loaded.get_config(), schedule.get_config())
        self.assertEqual([self.rate_of(loaded(s)) for s in range(250, 260)], self.expected[250:260])
        self.assertEqual(type(schedule).from_config(schedule.get_config()).get_config(), schedule.get_config())

    @unittest.skipUnless(REAL_KERAS, "needs real Keras (with a backend): the stand-in has no training")
    def test_fit_applies_the_rate_of_each_step(self) -> None:
        import numpy as np

        keras = self.keras
        schedule = self.adapter.RemoteLearningRateSchedule(self.url, COSINE_WARMUP, block=8)
        # one weight, input 1, MAE towards a far target: the gradient is -1 each step, so SGD adds the step's rate
        model = keras.Sequential([keras.Input((1,)), keras.layers.Dense(1, use_bias=False, kernel_initializer="zeros")])
        model.compile(optimizer=keras.optimizers.SGD(learning_rate=schedule), loss="mean_absolute_error")
        model.fit(np.ones((40, 1), "float32"), np.full((40, 1), 1000.0, "float32"), batch_size=1, epochs=1, shuffle=False, verbose=0)
        weight = float(np.asarray(model.layers[-1].kernel.numpy()).ravel()[0])
        total = np.float32(0)
        for rate in self.expected[:40]:  # steps 0..39, across five blocks of 8
            total = np.float32(total + np.float32(rate))
        self.assertEqual(weight, float(total))
        self.assertEqual(float(keras.ops.convert_to_numpy(model.optimizer.iterations)), 40)
        if keras.backend.backend() == "jax":
            import jax
            import jax.numpy as jnp

            self.assertEqual(float(jax.jit(schedule)(jnp.asarray(1500))), self.expected[1500])

    def test_keras_schedule_objects_are_serialized_by_keras(self) -> None:
        cosine = self.keras.optimizers.schedules.CosineDecay(0.0, 10000, alpha=0.01, warmup_target=0.001, warmup_steps=1000)
        serialized = schedule_to_dict(cosine)
        self.assertEqual(serialized["class_name"], "CosineDecay")
        self.assertEqual(serialized["module"], "keras.optimizers.schedules")
        if not REAL_KERAS:
            self.assertEqual(self.keras.optimizers.schedules.calls[-1], cosine)  # keras's serialize(), not the fallback
        self.assertEqual(self.client.learning_rates(cosine, range=range(0, 3000)), self.expected)
        wrapped = self.adapter.RemoteLearningRateSchedule(self.url, cosine, block=1024)
        self.assertEqual(self.rate_of(wrapped(1500)), self.expected[1500])
        # the adapter stands for its schedule wherever one is accepted
        self.assertEqual(self.client.learning_rate(wrapped, 2000), self.expected[2000])


if __name__ == "__main__":
    unittest.main()
