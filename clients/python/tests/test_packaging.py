"""The package builds offline into a wheel with the typing marker and no run-time dependencies."""
from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
import tempfile
import unittest
import zipfile
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent


def _offline_build_reason() -> str:
    if importlib.util.find_spec("pip") is None:
        return "pip is not importable"
    if importlib.util.find_spec("setuptools") is None:
        return "setuptools is not importable: cannot build without build isolation (and so without a package index)"
    from importlib.metadata import version as installed_version

    setuptools_version = installed_version("setuptools")  # not imported here: importing it patches distutils
    numbers = tuple(int(part) for part in setuptools_version.split(".")[:2] if part.isdigit())
    if numbers < (70, 1) and importlib.util.find_spec("wheel") is None:
        return f"setuptools {setuptools_version} needs the wheel package to build wheels, and it is not importable"
    return ""


@unittest.skipIf(_offline_build_reason(), _offline_build_reason())
class PackagingTest(unittest.TestCase):
    def test_wheel_builds_without_an_index(self) -> None:
        with tempfile.TemporaryDirectory() as folder:
            source = Path(folder) / "src-copy"
            shutil.copytree(PROJECT, source, ignore=shutil.ignore_patterns("__pycache__", "build", "*.egg-info", "dist"))
            out = Path(folder) / "wheels"
            result = subprocess.run(
                [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-w", str(out), str(source)],
                stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            )
            self.assertEqual(result.returncode, 0, result.stdout.decode(errors="replace"))
            wheels = list(out.glob("lr_schedule_client-0.1.0-*.whl"))
            self.assertEqual(len(wheels), 1, list(out.iterdir()))
            with zipfile.ZipFile(wheels[0]) as wheel:
                names = set(wheel.namelist())
                metadata = next(wheel.read(n).decode() for n in names if n.endswith(".dist-info/METADATA"))
            for module in ("__init__.py", "py.typed", "_client.py", "_remote.py", "_errors.py", "_schedules.py", "_stops.py", "keras.py", "torch.py", "huggingface.py"):
                self.assertIn(f"lr_schedule_client/{module}", names)
            self.assertFalse([n for n in names if n.startswith(("tests/", "bench/"))])
            self.assertIn("Requires-Python: >=3.9", metadata)
            requirements = [line for line in metadata.splitlines() if line.startswith("Requires-Dist:")]
            self.assertTrue(all("extra ==" in line for line in requirements), requirements)  # numpy only as an extra


if __name__ == "__main__":
    unittest.main()
