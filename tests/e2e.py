#!/usr/bin/python3
"""End-to-end tests: the program, an input folder, the expected outputs.

Usage: e2e.py EGREPORT [NAME-SUBSTRING]

Runs every test of tests/e2e_*.py (helpers in tests/e2elib.py) against the
real binary, one line per test, and closes with "e2e: N passed, N failed, N skipped".
"""
import glob
import importlib
import os
import shutil
import sys
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
if len(sys.argv) > 1:
    os.environ["EGREPORT_BIN"] = os.path.abspath(sys.argv[1])
ONLY = sys.argv[2] if len(sys.argv) > 2 else ""

import e2elib  # noqa: E402
from e2elib import Failure, Skipped, TESTS  # noqa: E402

for path in sorted(glob.glob(os.path.join(HERE, "e2e_*.py"))):
    importlib.import_module(os.path.basename(path)[:-3])


def main():
    passed = failed = skipped = 0
    for t in TESTS:
        if ONLY and ONLY not in t.__name__:
            continue
        try:
            t()
            print("PASS %s" % t.__name__)
            passed += 1
        except Skipped as e:
            print("SKIP %s: %s" % (t.__name__, e))
            skipped += 1
        except Failure as e:
            print("FAIL %s: %s" % (t.__name__, e))
            failed += 1
        except Exception:
            print("FAIL %s: %s" % (t.__name__, traceback.format_exc()))
            failed += 1
    for d in e2elib.CLEANUP:
        shutil.rmtree(d, ignore_errors=True)
    print("e2e: %d passed, %d failed, %d skipped" % (passed, failed, skipped))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
