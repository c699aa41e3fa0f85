"""How far numpy's float32 power is from its scalar (glibc powf) path on this CPU: the steps of
ExponentialDecay(0.1, 1000, 0.96) at which numpy's default dispatch (SIMD where the CPU has it) and the
scalar path differ, and by how many float32 ulps. Run twice by the caller, with and without
NPY_DISABLE_CPU_FEATURES; prints one JSON line of the computed bits."""
import json
import sys

import numpy as np

steps = np.arange(int(sys.argv[1]) if len(sys.argv) > 1 else 5000, dtype=np.float32)
rates = np.float32(0.1) * np.power(np.float32(0.96), steps / np.float32(1000))
features = [name for name, on in np._core._multiarray_umath.__cpu_features__.items() if on and name.startswith("AVX512")]
print(json.dumps({"bits": rates.view(np.uint32).tolist(), "avx512": features}))
