"""benchlib.py - how make bench measures one run of the program
(tools/bench.sh and tools/bench-scale.py).

A child's peak RSS as wait4 reports it includes what its parent held when
it was spawned (exec keeps the old image's high-water mark, and subprocess
spawns with vfork), and a benchmark script holds a lot (openpyxl,
workbooks, generated data): so a small Python of its own (MEASURE) forks
the program and prints the program's figures alone: its exit code, wall,
user and system seconds and peak RSS in KB.  tests/e2e_xlsx.py measures
its builds with it too.  The program's standard output is discarded, its
standard error is the caller's.
"""
import statistics
import subprocess
import sys

MEASURE = """
import os, sys, time
t0 = time.perf_counter()
pid = os.fork()
if pid == 0:
    fd = os.open(os.devnull, os.O_WRONLY)
    os.dup2(fd, 1)
    os.execv(sys.argv[1], sys.argv[1:])
_, status, ru = os.wait4(pid, 0)
print(os.waitstatus_to_exitcode(status), time.perf_counter() - t0, ru.ru_utime, ru.ru_stime,
      ru.ru_maxrss)
"""


def run(cmd, ok=(0, 1)):
    """(wall, user, sys in seconds, peak RSS in KB) of cmd alone; exits
    the benchmark when cmd's exit code is not in ok."""
    out = subprocess.run(["/usr/bin/python3", "-c", MEASURE] + cmd, stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL, text=True, check=True).stdout.split()
    if int(out[0]) not in ok:
        sys.exit("bench: %s exited %s" % (" ".join(cmd), out[0]))
    return float(out[1]), float(out[2]), float(out[3]), int(out[4])


def median_run(cmd, runs):
    """The run of median wall time among runs of cmd, with the highest
    peak RSS of them all."""
    rs = sorted((run(cmd) for _ in range(runs)), key=lambda r: r[0])
    r = rs[len(rs) // 2]
    return r[0], r[1], r[2], max(x[3] for x in rs)
