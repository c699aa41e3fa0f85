#!/usr/bin/env python3
"""Runs the client's unittest suite and ends with one line ``python-client: N passed, N failed, N skipped``.

    python3 clients/python/run_tests.py        # the same tests as:
    python3 -m unittest discover -s clients/python/tests -t clients/python

Exits 1 when a test failed or errored, and when no test ran at all.
"""
import sys
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    suite = unittest.defaultTestLoader.discover(str(HERE / "tests"), top_level_dir=str(HERE))
    result = unittest.TextTestRunner(verbosity=int("-v" in sys.argv[1:]) + 1).run(suite)
    failed = len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses)
    skipped = len(result.skipped)
    passed = result.testsRun - failed - skipped
    print(f"python-client: {passed} passed, {failed} failed, {skipped} skipped")
    return 0 if failed == 0 and result.testsRun > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
