"""Tests of lr_schedule_client against the real service built from this repository.

The package is imported from ../src (put first on sys.path), so the tests check this source tree
whether or not a copy is installed.
"""
import sys
from pathlib import Path

_SRC = str(Path(__file__).resolve().parent.parent / "src")
if _SRC not in sys.path:
    sys.path.insert(0, _SRC)
