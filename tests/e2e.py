#!/usr/bin/python3
"""End-to-end tests: the program, an input folder, the expected outputs.

Usage: e2e.py [-j JOBS] EGREPORT [NAME-SUBSTRING]

Runs every test of tests/e2e_*.py (helpers in tests/e2elib.py) against the
real binary, one line per test in the order they are written, and closes
with "e2e: N passed, N failed, N skipped".

-j JOBS runs that many tests at once, in as many processes, each with its
own temporary folder (tests/run.sh passes EG_TEST_JOBS): under valgrind,
where each run of the program keeps one core busy for seconds, two jobs
halve the time.  The default, 1, keeps the tests that time the program
alone on the machine.
"""
import glob
import importlib
import multiprocessing
import os
import shutil
import sys
import tempfile
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

args = sys.argv[1:]
JOBS = 1
if len(args) >= 2 and args[0] == "-j":
    JOBS = int(args[1])
    args = args[2:]
if args:
    os.environ["EGREPORT_BIN"] = os.path.abspath(args[0])
ONLY = args[1] if len(args) > 1 else ""

from e2elib import Failure, Skipped, TESTS  # noqa: E402

for path in sorted(glob.glob(os.path.join(HERE, "e2e_*.py"))):
    importlib.import_module(os.path.basename(path)[:-3])


def run_one(i):
    """Runs TESTS[i]: its line of output and what it counts as."""
    t = TESTS[i]
    try:
        t()
        return "PASS %s" % t.__name__, "passed"
    except Skipped as e:
        return "SKIP %s: %s" % (t.__name__, e), "skipped"
    except Failure as e:
        return "FAIL %s: %s" % (t.__name__, e), "failed"
    except Exception:
        return "FAIL %s: %s" % (t.__name__, traceback.format_exc()), "failed"


def worker_start(base):
    # Each worker's temporary folders in one of its own (a worker ends
    # without running its own cleanup).  0755: tests that run the program
    # as nobody give it folders in there.
    tempfile.tempdir = tempfile.mkdtemp(prefix="worker-", dir=base)
    os.chmod(tempfile.tempdir, 0o755)


def main():
    counts = {"passed": 0, "failed": 0, "skipped": 0}
    chosen = [i for i, t in enumerate(TESTS) if not ONLY or ONLY in t.__name__]
    # Every temporary folder of the run, the tests' and LibreOffice's
    # profiles, in one that the run removes at its end, even those a test
    # left behind.
    base = tempfile.mkdtemp(prefix="egreport-e2e-run-")
    os.chmod(base, 0o755)
    if JOBS > 1 and len(chosen) > 1:
        pool = multiprocessing.get_context("fork").Pool(JOBS, worker_start, (base,))
        results = pool.imap(run_one, chosen, chunksize=1)
    else:
        pool = None
        worker_start(base)
        results = map(run_one, chosen)
    try:
        for line, outcome in results:
            print(line, flush=True)
            counts[outcome] += 1
    finally:
        if pool:
            pool.close()
            pool.join()
        shutil.rmtree(base, ignore_errors=True)
    print("e2e: %d passed, %d failed, %d skipped" % (counts["passed"], counts["failed"],
                                                     counts["skipped"]))
    return 1 if counts["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
