"""The Python anchor of the range benchmarks: the same million float32 steps computed the way a Python
service would (numpy, vectorized, following Keras's op order), and the same array written as JSON with
orjson. Prints one JSON object: per schedule, the best of N wall times in ms for compute and for
compute + orjson.dumps. numpy's default CPU dispatch (SIMD where the CPU has it) is what a Python peer runs."""
import json
import sys
import time

import numpy as np
import orjson

f32 = np.float32
N = 1_000_000
REPEATS = int(sys.argv[1]) if len(sys.argv) > 1 else 5


def exponential(steps):
    return f32(0.1) * np.power(f32(0.96), steps / f32(10000))


def piecewise(steps):
    boundaries = np.array([100000, 500000, 900000], dtype=np.float32)
    values = np.array([0.1, 0.05, 0.01, 0.001], dtype=np.float32)
    return values[np.searchsorted(boundaries, steps, side="left")]


def polynomial(steps):
    p = np.minimum(steps, f32(1000000)) / f32(1000000)
    return (f32(0.1) - f32(0.0001)) * np.power(f32(1) - p, f32(2.0)) + f32(0.0001)


def inverse_time(steps):
    return f32(0.1) / (f32(1) + f32(0.5) * (steps / f32(1000)))


def cosine(steps):
    warmup, decay = f32(1000), f32(10000)
    s = np.minimum(steps, decay + warmup)
    warm = (f32(0.001) - f32(0.0)) * (s / warmup) + f32(0.0)
    fraction = (s - warmup) / decay
    cos = f32(0.5) * (f32(1) + np.cos(f32(np.pi) * fraction))
    dec = f32(0.001) * ((f32(1) - f32(0.01)) * cos + f32(0.01))
    return np.where(s < warmup, warm, dec)


def cosine_restarts(steps):
    t_mul, first = f32(2.0), f32(1000)
    fraction = steps / first
    restart = np.floor(np.log(f32(1) - fraction * (f32(1) - t_mul)) / np.log(t_mul))
    before = (f32(1) - np.power(t_mul, restart)) / (f32(1) - t_mul)
    within = (fraction - before) / np.power(t_mul, restart)
    cos = f32(0.5) * np.power(f32(1.0), restart) * (f32(1) + np.cos(f32(np.pi) * within))
    return f32(0.1) * cos


SCHEDULES = {
    "ExponentialDecay": exponential,
    "PiecewiseConstantDecay": piecewise,
    "PolynomialDecay": polynomial,
    "InverseTimeDecay": inverse_time,
    "CosineDecay": cosine,
    "CosineDecayRestarts": cosine_restarts,
}


def best(function):
    times = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return min(times)


result = {}
for name, schedule in SCHEDULES.items():
    steps = np.arange(N, dtype=np.float32)
    compute = best(lambda: schedule(steps).astype(np.float32))
    serialize = best(lambda: orjson.dumps({"learning_rates": schedule(steps).astype(np.float32)}, option=orjson.OPT_SERIALIZE_NUMPY))
    result[name] = {"compute": compute, "json": serialize}
print(json.dumps({"numpy": np.__version__, "orjson": orjson.__version__, "schedules": result}))
