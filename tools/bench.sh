#!/bin/sh
# bench.sh EGREPORT - prints performance figures; never part of the tests.
#
# For the 2020 demo: wall, user and system time and peak memory of a full
# build (workbook and PDF), the median of several runs, and the floor of
# reading the same inputs with cat.
set -u
bin=${1:-./egreport}
exec /usr/bin/python3 - "$bin" <<'PY'
import os, resource, shutil, statistics, subprocess, sys, tempfile, time

binary = os.path.abspath(sys.argv[1])
root = os.getcwd()

def measure(cmd, runs=7):
    walls, users, syss = [], [], []
    peak = 0
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        walls.append(time.perf_counter() - t0)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        users.append(after.ru_utime - before.ru_utime)
        syss.append(after.ru_stime - before.ru_stime)
        peak = max(peak, after.ru_maxrss)
        if p.returncode not in (0, 1):
            sys.exit("bench: %s exited %d" % (cmd, p.returncode))
    return statistics.median(walls), statistics.median(users), statistics.median(syss), peak

year_dir = os.path.join(root, "input", "2020")
files = [os.path.join(d, f) for d, _, fs in os.walk(year_dir) for f in fs]
size = sum(os.path.getsize(f) for f in files)
out = tempfile.mkdtemp(prefix="egreport-bench-")
wall, user, sysv, peak = measure([binary, "build", "2020", "--output", out])
floor = measure(["cat"] + files)[0]
pdf = os.path.getsize(os.path.join(out, "2020", "egov-2020.pdf"))
xlsx = os.path.getsize(os.path.join(out, "2020", "egov-2020.xlsx"))
print("scenario: 2020 demo, full build (%d input files, %.1f KB)" % (len(files), size / 1024))
print("  wall %.1f ms  user %.1f ms  sys %.1f ms  peak RSS %.1f MB (median of 7)"
      % (wall * 1e3, user * 1e3, sysv * 1e3, peak / 1024))
print("  %.1f MB/s of input; floor (cat of the same files) %.1f ms, ratio %.0fx"
      % (size / wall / 1e6, floor * 1e3, wall / floor if floor else 0))
print("  outputs: PDF %.0f KB, workbook %.0f KB" % (pdf / 1024, xlsx / 1024))
shutil.rmtree(out)
PY
