"""Writes float32 reference values from numpy, the library Keras's numpy backend computes with.

Run by hand (needs numpy; CI does not run it): python3 scripts/numpy-reference.py
It records the numpy version and CPU features it ran with, because numpy's
float32 kernels differ between builds and instruction sets.
"""
import json
import pathlib

import numpy as np

rng = np.random.default_rng(20261124)
pi32 = np.float32(np.pi)

# Arguments the schedules actually take: pi times a fraction in [0, 1], plus a wide spread.
fractions = np.concatenate([
    rng.random(3000, dtype=np.float32),
    (np.arange(0, 1001, dtype=np.float32) / np.float32(1000)),
])
cos_args = np.concatenate([
    (pi32 * fractions).astype(np.float32),
    rng.uniform(-80000, 80000, 1000).astype(np.float32),
    np.array([0.0, -0.0, 1e-30, 71476.0625, 71476.07, -71476.0625, 3.4e38], dtype=np.float32),
])

out = {
    "numpy": np.__version__,
    "note": "float32 results of numpy ufuncs on 1-element float32 arrays, as Keras's numpy backend calls them",
    "cos": [[float(x), float(np.cos(np.array([x], dtype=np.float32))[0])] for x in cos_args],
}
path = pathlib.Path(__file__).resolve().parent.parent / "test" / "fixtures" / "numpy-float32.json"
path.write_text(json.dumps(out))
print(f"wrote {len(out['cos'])} cos values to {path}")
