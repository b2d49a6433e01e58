"""Cron-grade operation: atomic outputs under SIGKILL, one build at a time,
"up to date" builds, the summary line, the progress bar, `status`,
failures on the output side, installation.

Builds are stopped at known points with the test-only hook
EGREPORT_TEST_STOP (src/core/testpoint.h): the program prints
"test point NAME reached" on stderr and stops itself with SIGSTOP; the test
then kills it or lets it go on.  No test relies on timing to hit a phase.
"""
import calendar
import csv
import errno
import os
import pty
import queue
import re
import resource
import select
import shutil
import signal
import subprocess
import threading
import time
import zipfile

from e2elib import (BIN, CASES, ROOT, Failure, check, pdf_text, read_validation, run, sanitized,
                    skip, test, tmpdir, workbook)

SLOW = bool(os.environ.get("EGREPORT_TEST_SLOW"))   # valgrind, ASan
WAIT = 600 if SLOW else 60                           # seconds for a phase to come
SMALL = os.path.join(CASES, "small-2021", "input")
OUTPUTS = ("egov-2021.xlsx", "egov-2021.pdf", "validation.csv", "data.csv", "baseline-2022.csv",
           "egov-2021.manifest")


def env_for(extra=None):
    e = dict(os.environ)
    e.pop("SOURCE_DATE_EPOCH", None)
    e.pop("EGREPORT_TEST_STOP", None)
    e["EGREPORT_LAYOUTS"] = os.path.join(ROOT, "layouts")
    if extra:
        e.update(extra)
    return e


class Build:
    """A build running in the background, stderr read line by line."""

    def __init__(self, inp, out, *extra, stop=None, year=2021, env=None):
        env = env_for(dict({"EGREPORT_TEST_STOP": stop} if stop else {}, **(env or {})))
        self.p = subprocess.Popen([BIN, "build", str(year), "--input", inp, "--output", out] +
                                  list(extra), env=env, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True, errors="replace")
        self.lines = queue.Queue()
        self.err = []
        self.t = threading.Thread(target=self._read, daemon=True)
        self.t.start()

    def _read(self):
        for line in self.p.stderr:
            self.err.append(line)
            self.lines.put(line)
        self.lines.put(None)

    def wait_point(self, name):
        """Waits until the program says it stopped at test point name."""
        deadline = time.time() + WAIT
        while time.time() < deadline:
            try:
                line = self.lines.get(timeout=deadline - time.time())
            except queue.Empty:
                break
            if line is None:
                break
            if "test point %s reached" % name in line:
                # It prints, then stops: wait until the kernel says stopped.
                while time.time() < deadline:
                    with open("/proc/%d/stat" % self.p.pid) as f:
                        if f.read().rsplit(")", 1)[1].split()[0] == "T":
                            return
                    time.sleep(0.005)
        raise AssertionError("never reached test point %s; stderr:\n%s" % (name, "".join(self.err)[-2000:]))

    def kill(self):
        self.p.send_signal(signal.SIGKILL)
        self.p.wait(timeout=WAIT)
        self.t.join(timeout=WAIT)

    def cont(self):
        self.p.send_signal(signal.SIGCONT)

    def finish(self):
        # A build that hangs (a signal handler waiting for ever) fails the
        # test within WAIT seconds, killed, rather than hanging the suite.
        # (Its stdout is one line: the pipe cannot fill while it runs.)
        try:
            rc = self.p.wait(timeout=WAIT)
        except subprocess.TimeoutExpired:
            self.p.kill()
            self.p.wait(timeout=WAIT)
            self.t.join(timeout=WAIT)
            raise AssertionError("the build did not end within %d s; stderr:\n%s"
                                 % (WAIT, "".join(self.err)[-2000:]))
        out = self.p.stdout.read()
        self.t.join(timeout=WAIT)
        return rc, out, "".join(self.err)


def copy_small():
    work = tmpdir()
    shutil.copytree(SMALL, os.path.join(work, "input"))
    return work, os.path.join(work, "input"), os.path.join(work, "output")


def snapshot(d):
    """{name: (bytes, mtime_ns, inode)} of every file in d."""
    snap = {}
    for name in sorted(os.listdir(d)):
        p = os.path.join(d, name)
        st = os.stat(p)
        with open(p, "rb") as f:
            snap[name] = (f.read(), st.st_mtime_ns, st.st_ino)
    return snap


def unrefreshed(snap):
    """A snapshot without what an up-to-date build may refresh: the
    manifest's record of the inputs' look and of the scan's time."""
    out = {}
    for name, (data, mtime, ino) in snap.items():
        if name.endswith(".manifest"):
            out[name] = b"\n".join(l for l in data.split(b"\n")
                                   if not l.startswith((b"input ", b"scanned ")))
        else:
            out[name] = (data, mtime, ino)
    return out


def change_a_value(inp):
    """Changes one submitted value so that the next build writes other bytes."""
    p = os.path.join(inp, "2021", "submissions", "stp.csv")
    with open(p, "rb") as f:
        data = f.read()
    check(b"ht.cbcc\t45" in data, "stp.csv is not what the test expects")
    with open(p, "wb") as f:
        f.write(data.replace(b"ht.cbcc\t45", b"ht.cbcc\t46", 1))


def build_small(inp, out, *extra, env=None):
    return run(["build", "2021", "--input", inp, "--output", out] + list(extra), env=env)


def same_outputs(before, out, what):
    after = snapshot(os.path.join(out, "2021"))
    visible = {k: v for k, v in after.items() if not k.startswith(".")}
    check(sorted(visible) == sorted(before), "%s: outputs %s, before %s" % (what, sorted(visible), sorted(before)))
    for name in before:
        check(after[name][0] == before[name][0], "%s: %s changed" % (what, name))
        check(after[name][1] == before[name][1], "%s: %s was rewritten" % (what, name))


def hidden(out):
    return sorted(n for n in os.listdir(os.path.join(out, "2021")) if n.startswith("."))


# ---- atomic outputs ---------------------------------------------------------

@test
def a_build_killed_at_each_point_leaves_the_previous_outputs_byte_identical():
    work, inp, out = copy_small()
    rc, _, se = build_small(inp, out)
    check(rc == 0, se[-2000:])
    before = snapshot(os.path.join(out, "2021"))
    check(sorted(before) == sorted(OUTPUTS), "outputs: %s" % sorted(before))
    change_a_value(inp)
    # during extraction, before each writer, before the first rename
    for point in ("extract", "year-folder", "xlsx", "pdf", "validation", "data", "baseline", "commit"):
        b = Build(inp, out, stop=point)
        b.wait_point(point)
        b.kill()
        same_outputs(before, out, "killed at " + point)
    # inside the writers: let them run from a start point and kill the
    # build before it can pass the commit (it stops there if it gets that
    # far).  The workbook is written by the main thread, the PDF by a
    # second one at the same time; validation.csv, data.csv and next year's
    # baseline by whichever of the two is free first.
    for point, nxt in (("xlsx", "commit"), ("pdf", "commit"), ("validation", "commit"),
                       ("data", "commit"), ("baseline", "commit")):
        for delay in (0.0, 0.005, 0.02, 0.05):
            b = Build(inp, out, stop="%s,%s" % (point, nxt))
            b.wait_point(point)
            b.cont()
            time.sleep(delay)
            b.kill()
            same_outputs(before, out, "killed %.3f s into the %s writer" % (delay, point))
    # The dead builds' temporary files are there; the next build removes them
    # and writes the new outputs.
    rc, so, se = build_small(inp, out)
    check(rc == 0, se[-2000:])
    check(hidden(out) == [], "leftovers after the next build: %s" % hidden(out))
    after = snapshot(os.path.join(out, "2021"))
    check(after["egov-2021.xlsx"][0] != before["egov-2021.xlsx"][0], "the next build wrote nothing new")
    shutil.rmtree(work)


@test
def a_test_point_stops_the_build_only_when_its_whole_name_is_listed():
    work, inp, out = copy_small()
    # any item of the list, not only the first; the line names the process
    b = Build(inp, out, "--force", stop="nonesuch,xlsx")
    try:
        b.wait_point("xlsx")
    except AssertionError:
        b.kill()                # not left stopped at another point
        raise
    check("egreport: test point xlsx reached (pid %d)\n" % b.p.pid in b.err,
          "the line: %r" % b.err)
    b.cont()
    rc, _, se = b.finish()
    check(rc == 0, "exit %d %s" % (rc, se[-500:]))
    # a name that begins another, or that another begins, is no match
    b = Build(inp, out, "--force", stop="ext,xls,commitment,,")
    deadline = time.time() + WAIT
    while b.p.poll() is None and time.time() < deadline:
        with open("/proc/%d/stat" % b.p.pid) as f:
            if f.read().rsplit(")", 1)[1].split()[0] == "T":
                b.kill()
                raise AssertionError("stopped: %s" % "".join(b.err)[-500:])
        time.sleep(0.01)
    rc, _, se = b.finish()
    check(rc == 0 and "test point" not in se, "exit %d %s" % (rc, se[-500:]))
    # extraction's point comes with the second file's values, the first
    # file giving none
    with open(os.path.join(inp, "2021", "submissions", "000.csv"), "w") as f:
        f.write("unit_code,indicator,value\n")
    b = Build(inp, out, "--force", stop="extract")
    try:
        b.wait_point("extract")
    except AssertionError:
        b.kill()
        raise
    b.cont()
    rc, _, se = b.finish()
    check(rc in (0, 1), "exit %d %s" % (rc, se[-500:]))
    shutil.rmtree(work)


@test
def a_build_killed_between_two_renames_is_undone_by_the_next_build():
    work, inp, out = copy_small()
    rc, _, se = build_small(inp, out)
    check(rc == 0, se[-2000:])
    before = snapshot(os.path.join(out, "2021"))
    change_a_value(inp)
    b = Build(inp, out, stop="commit-mid")
    b.wait_point("commit-mid")
    b.kill()
    # The window of a few system calls: the first output is new, the journal
    # says how to go back.
    mid = snapshot(os.path.join(out, "2021"))
    check(".egreport-commit" in mid, "no journal in the middle of the commit: %s" % sorted(mid))
    journal = mid[".egreport-commit"][0].decode().splitlines()
    check(journal[0] == "egreport-commit 2" and "kept egov-2021.xlsx" in journal and
          "kept egov-2021.manifest" == journal[-1], "journal: %s" % journal)
    check(mid["egov-2021.xlsx"][0] != before["egov-2021.xlsx"][0], "the first rename did not happen")
    # A build that then fails (no units.csv) must still put the old set back.
    units = os.path.join(inp, "2021", "units.csv")
    os.rename(units, units + ".away")
    rc, _, se = build_small(inp, out)
    check(rc == 3, "exit %d: %s" % (rc, se[-2000:]))
    after = snapshot(os.path.join(out, "2021"))
    check(sorted(after) == sorted(before), "files %s" % sorted(after))
    for name in before:
        check(after[name][0] == before[name][0], "%s is not the previous one" % name)
    os.rename(units + ".away", units)
    rc, _, se = build_small(inp, out)
    check(rc == 0 and hidden(out) == [], "exit %d, leftovers %s" % (rc, hidden(out)))
    shutil.rmtree(work)


@test
def sigterm_in_the_commit_lets_it_finish_and_leaves_no_old_copies():
    # The signal is held from the previous outputs' hard links (.NAME.old)
    # and the journal, through the renames, until the links are gone:
    # stopped after the links (commit-keep) or between two renames
    # (commit-mid), the build ends with the new outputs and nothing else.
    for point in ("commit-keep", "commit-mid"):
        work, inp, out = copy_small()
        rc, _, se = build_small(inp, out)
        check(rc == 0, se[-2000:])
        before = snapshot(os.path.join(out, "2021"))
        change_a_value(inp)
        b = Build(inp, out, stop=point)
        b.wait_point(point)
        b.p.send_signal(signal.SIGTERM)
        b.cont()
        rc, _, se = b.finish()
        check(rc in (143, -signal.SIGTERM), "%s: exit %d" % (point, rc))
        check("egreport: build 2021: stopped by SIGTERM after its new outputs were put in "
              "place\n" in se, "%s: stderr: %s" % (point, se[-1000:]))
        check(hidden(out) == [], "%s: left behind: %s" % (point, hidden(out)))
        after = snapshot(os.path.join(out, "2021"))
        check(sorted(after) == sorted(before), "%s: files %s" % (point, sorted(after)))
        check(after["data.csv"][0] != before["data.csv"][0],
              "%s: the new outputs are not in place" % point)
        rc, so, se = build_small(inp, out)
        check(rc == 0 and "up to date" in so, "%s: the next build: exit %d %s" % (point, rc, so))
        shutil.rmtree(work)


@test
def sigterm_during_a_build_removes_its_temporary_files():
    work, inp, out = copy_small()
    rc, _, _ = build_small(inp, out)
    before = snapshot(os.path.join(out, "2021"))
    change_a_value(inp)
    # under valgrind: what the build had in hand when it died is no leak
    b = Build(inp, out, stop="validation", env={"EG_VALGRIND_LEAK_CHECK": "no"})
    b.wait_point("validation")
    check(hidden(out), "no temporary files while writing")
    b.p.send_signal(signal.SIGTERM)
    b.cont()
    rc, _, se = b.finish()
    check(rc == -signal.SIGTERM, "exit %d" % rc)
    check(hidden(out) == [], "temporary files left: %s" % hidden(out))
    same_outputs(before, out, "SIGTERM")
    # one line for the log, as a failed build leaves one
    check("egreport: build 2021: stopped by SIGTERM, nothing was written: the previous outputs "
          "are as they were\n" in se, "stderr: %s" % se[-1000:])
    # Ctrl-C and a closed terminal alike, each named
    for sig, name in ((signal.SIGINT, "SIGINT"), (signal.SIGHUP, "SIGHUP")):
        b = Build(inp, out, stop="validation", env={"EG_VALGRIND_LEAK_CHECK": "no"})
        b.wait_point("validation")
        b.p.send_signal(sig)
        b.cont()
        rc, _, se = b.finish()
        check(rc == -sig and hidden(out) == [] and
              "egreport: build 2021: stopped by %s, nothing was written" % name in se,
              "%s: exit %d, left %s: %s" % (name, rc, hidden(out), se[-1000:]))
    same_outputs(before, out, "SIGINT and SIGHUP")
    shutil.rmtree(work)


def preloaded(work, name, source):
    """The C source compiled into work/name.so, for LD_PRELOAD: its path."""
    shim = os.path.join(work, name + ".so")
    with open(os.path.join(work, name + ".c"), "w") as f:
        f.write(source)
    subprocess.run(["cc", "-shared", "-fPIC", "-o", shim, os.path.join(work, name + ".c"),
                    "-ldl"], check=True)
    return shim


# A stand-in for raise() that waits 20 ms before a SIGTERM: the window in
# which the signal handler has removed the temporary files and the process
# is not dead yet, made wide.  The second writer thread must not create a
# file in it (cli/build_write.h, eg_build_write_halt).  The real raise is
# looked up when the library is loaded: this raise runs in the program's
# signal handler, where dlsym, which allocates, is not safe (it could wait
# for ever on the allocator's lock the interrupted thread holds;
# ThreadSanitizer says "signal-unsafe call inside of a signal").
SLOW_RAISE = r"""
#define _GNU_SOURCE
#include <dlfcn.h>
#include <signal.h>
#include <time.h>
static int (*real)(int);
__attribute__((constructor)) static void find_raise(void)
{
    real = (int (*)(int))dlsym(RTLD_NEXT, "raise");
}
int raise(int sig)
{
    struct timespec t = { 0, 20000000 };

    if (sig == SIGTERM)
        nanosleep(&t, NULL);
    return real(sig);
}
"""


@test
def sigterm_while_the_second_writer_runs_leaves_no_temporary_file():
    if SLOW or sanitized(os.environ.get("EGREPORT_BIN", BIN)):
        skip("a preloaded library under valgrind or ASan")
    work, inp, out = copy_small()
    shim = preloaded(work, "slow_raise", SLOW_RAISE)
    rc, _, _ = build_small(inp, out)
    before = snapshot(os.path.join(out, "2021"))
    change_a_value(inp)
    for point in ("pdf", "validation", "data", "baseline"):
        b = Build(inp, out, stop=point, env={"LD_PRELOAD": shim})
        b.wait_point(point)
        b.p.send_signal(signal.SIGTERM)
        b.cont()
        rc, _, _ = b.finish()
        check(rc == -signal.SIGTERM, "at %s: exit %d" % (point, rc))
        check(hidden(out) == [], "at %s: temporary files left: %s" % (point, hidden(out)))
        same_outputs(before, out, "SIGTERM at " + point)
    shutil.rmtree(work)


@test
def sigterm_between_two_writers_leaves_no_temporary_file():
    # Between two writers, whichever thread wrote the last, a SIGTERM ends
    # the build by that signal and leaves no temporary file, with one
    # thread or two.  (That it ends at once, not after the two seconds the
    # handler may wait for a file being created, is a matter of time, which
    # no test here asserts.)
    if SLOW:
        skip("under valgrind")
    work, inp, out = copy_small()
    rc, _, se = build_small(inp, out)
    check(rc == 0, se[-1500:])
    change_a_value(inp)
    for jobs in ("1", "2"):
        for point in ("validation", "data", "baseline"):
            b = Build(inp, out, "--jobs", jobs, stop=point)
            b.wait_point(point)
            b.p.send_signal(signal.SIGTERM)
            b.cont()
            rc, _, se = b.finish()
            check(rc == -signal.SIGTERM and hidden(out) == [],
                  "--jobs %s at %s: exit %d, left %s" % (jobs, point, rc, hidden(out)))
    shutil.rmtree(work)


@test
def leftovers_of_dead_builds_are_removed_and_nothing_else():
    work, inp, out = copy_small()
    build_small(inp, out)
    d = os.path.join(out, "2021")
    planted = [".egov-2021.pdf.tmp-99999", ".egov-2021.xlsx.tmp-12.12.tmp", ".validation.csv.old",
               ".egreport-commit.tmp-5"]
    for name in planted + [".keep", "ghi-chu.txt"]:
        with open(os.path.join(d, name), "w") as f:
            f.write("x")
    # A journal of a dead build whose last rename happened: nothing to undo.
    with open(os.path.join(d, ".egreport-commit"), "w") as f:
        f.write("egreport-commit 1\nmark %d\nname egov-2021.manifest\n" %
                os.stat(os.path.join(d, "egov-2021.manifest")).st_ino)
    rc, so, se = build_small(inp, out)
    check(rc == 0, se[-2000:])
    left = sorted(os.listdir(d))
    check(left == sorted(list(OUTPUTS) + [".keep", "ghi-chu.txt"]), "left: %s" % left)
    check("up to date" in so, "the repair made it rebuild: %s" % so)
    shutil.rmtree(work)


# fsync(2) refused with an I/O error, as a failing disk refuses it, on a
# folder that holds the manifest: in a new output folder, only once the
# outputs were renamed into place (the journal before them is synced
# with no manifest there yet).
FAILING_FOLDER_SYNC = r"""
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
int fsync(int fd)
{
    int (*real)(int) = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
    struct stat st;

    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode) &&
        faccessat(fd, "egov-2021.manifest", F_OK, 0) == 0) {
        errno = EIO;
        return -1;
    }
    return real(fd);
}
"""


@test
def a_folder_not_synced_after_the_renames_is_said_with_its_new_outputs_in_place():
    if SLOW or sanitized(os.environ.get("EGREPORT_BIN", BIN)):
        skip("a preloaded library under valgrind or ASan")
    work, inp, out = copy_small()
    shim = preloaded(work, "failing_sync", FAILING_FOLDER_SYNC)
    rc, so, se = build_small(inp, out, env={"LD_PRELOAD": shim})
    d = os.path.join(out, "2021")
    check(rc == 3 and "[F_OUTPUT]" in se and
          "the new outputs are in place, but the folder could not be synced to the disk" in se
          and "Input/output error" in se, "exit %d: %s" % (rc, se[-2000:]))
    # the log line says what is true: not "nothing was written"
    check("egreport: build 2021: failed after its new outputs were put in place (1 fatal "
          "problem)" in se and "nothing was written" not in se, se[-2000:])
    # the journal stays, for a power cut that would lose the renames
    check(sorted(os.listdir(d)) == sorted(list(OUTPUTS) + [".egreport-commit"]),
          "left: %s" % sorted(os.listdir(d)))
    # the disk sound again: the next build finds the manifest in place,
    # clears the journal, and the outputs are this build's
    rc, so, se = build_small(inp, out)
    check(rc == 0 and "up to date" in so, "exit %d: %s %s" % (rc, so, se[-1000:]))
    check(sorted(os.listdir(d)) == sorted(OUTPUTS), "left: %s" % sorted(os.listdir(d)))
    # with outputs to replace, the journal's folder is synced first, with
    # the manifest there: refused before any rename, nothing is written
    before = snapshot(d)
    change_a_value(inp)
    rc, so, se = build_small(inp, out, env={"LD_PRELOAD": shim})
    check(rc == 3 and "cannot write the commit journal" in se and
          "failed, nothing was written" in se, "exit %d: %s" % (rc, se[-2000:]))
    same_outputs(before, out, "a journal not synced")
    shutil.rmtree(work)


# ---- one build at a time ---------------------------------------------------

def second_waits_for(first, inp, out):
    """A build into out started while first (stopped at a test point)
    holds the folder: it waits, then finds first's outputs up to date."""
    second = Build(inp, out, "--wait", str(WAIT))
    time.sleep(0.3)
    check(second.p.poll() is None, "the second build did not wait")
    first.cont()
    rc1, _, se1 = first.finish()
    rc2, so2, se2 = second.finish()
    check(rc1 == 0 and rc2 == 0, "exits %d, %d: %s %s" % (rc1, rc2, se1[-500:], se2[-500:]))
    check("up to date" in so2, "the second build rebuilt: %s" % so2)


@test
def a_second_build_on_the_same_folder_waits_or_gives_up_naming_the_first():
    work, inp, out = copy_small()
    first = Build(inp, out, stop="xlsx")
    first.wait_point("xlsx")
    rc, so, se = build_small(inp, out, "--wait", "0")
    check(rc == 3, "exit %d: %s" % (rc, se))
    check("[F_BUSY]" in se and "process %d" % first.p.pid in se,
          "the message does not name the first build (pid %d): %s" % (first.p.pid, se))
    check("gave up after waiting 0 s" in se, "--wait 0 waited: %s" % se)
    check(not os.path.exists(os.path.join(out, "2021")) or
          not [n for n in os.listdir(os.path.join(out, "2021")) if not n.startswith(".")],
          "the second build wrote something")
    # A second build that waits gets the folder when the first is done, and
    # finds the outputs up to date.
    second_waits_for(first, inp, out)
    workbook(os.path.join(out, "2021", "egov-2021.xlsx"))
    subprocess.run(["qpdf", "--check", os.path.join(out, "2021", "egov-2021.pdf")], check=True,
                   capture_output=True)
    shutil.rmtree(work)


@test
def a_second_build_without_wait_waits_for_the_first_by_default():
    # --wait's default is 60 s, not 0: a run started by hand while cron's
    # holds the folder waits for it instead of giving up at once
    work, inp, out = copy_small()
    first = Build(inp, out, stop="xlsx")
    first.wait_point("xlsx")
    second = Build(inp, out)
    time.sleep(0.5)
    if second.p.poll() is not None:
        first.kill()            # not left stopped when the check fails
    check(second.p.poll() is None, "the second build gave up at once: exit %s %s"
          % (second.p.poll(), "".join(second.err)[-500:]))
    first.cont()
    rc1, _, se1 = first.finish()
    rc2, so2, se2 = second.finish()
    check(rc1 == 0 and rc2 == 0 and "up to date" in so2,
          "exits %d, %d: %s %s %s" % (rc1, rc2, se1[-500:], so2, se2[-500:]))
    shutil.rmtree(work)


@test
def two_output_folders_linked_to_one_year_folder_build_one_at_a_time():
    # output/2021 and elsewhere/2021 -> output/2021: each output folder
    # has its own lock file, so the year's folder is locked as well. The
    # second build gives up, or waits and finds the first one's outputs.
    work, inp, out = copy_small()
    rc, so, se = build_small(inp, out)
    check(rc == 0, "exit %d: %s" % (rc, se[-1000:]))
    other = os.path.join(work, "other")
    os.makedirs(other)
    os.symlink(os.path.join(out, "2021"), os.path.join(other, "2021"))
    change_a_value(inp)
    first = Build(inp, out, stop="xlsx")
    first.wait_point("xlsx")
    before = snapshot(os.path.join(out, "2021"))
    rc, so, se = build_small(inp, other, "--wait", "0", "--force")
    check(rc == 3 and "[F_BUSY]" in se and
          "another build is writing this folder, reached through another output folder" in se,
          "exit %d: %s" % (rc, se[-2000:]))
    check(snapshot(os.path.join(out, "2021")) == before, "the second build touched the folder")
    second_waits_for(first, inp, other)
    check(hidden(out) == [], "leftovers %s" % hidden(out))
    workbook(os.path.join(out, "2021", "egov-2021.xlsx"))
    shutil.rmtree(work)


@test
def a_year_folder_made_by_a_build_through_a_link_while_another_waits_to_write_it():
    # output/2021 does not exist yet and elsewhere/2021 -> output/2021.
    # The first build through output has taken output's lock and made
    # output/2021; before it locks that folder, a build through elsewhere
    # (whose link now leads somewhere) locks it. The first waits --wait for
    # it, then writes; with --wait 0 it gives up and leaves the folder to
    # the other.
    for wait in (str(WAIT), "0"):
        work, inp, out = copy_small()
        other = os.path.join(work, "other")
        os.makedirs(other)
        os.symlink(os.path.join(out, "2021"), os.path.join(other, "2021"))
        first = Build(inp, out, "--wait", wait, stop="year-folder")
        first.wait_point("year-folder")
        check(os.path.isdir(os.path.join(out, "2021")), "the year's folder was not made")
        second = Build(inp, other, stop="commit")
        second.wait_point("commit")
        first.cont()
        if wait == "0":
            rc1, _, se1 = first.finish()
            check(rc1 == 3 and "[F_BUSY]" in se1 and
                  "reached through another output folder" in se1 and "waiting 0 s" in se1,
                  "exit %d: %s" % (rc1, se1[-2000:]))
        else:
            time.sleep(0.3)
            check(first.p.poll() is None, "the first build did not wait for the folder's lock")
        second.cont()
        rc2, _, se2 = second.finish()
        check(rc2 == 0, "exit %d: %s" % (rc2, se2[-1000:]))
        if wait != "0":
            rc1, _, se1 = first.finish()
            check(rc1 == 0, "exit %d: %s" % (rc1, se1[-1000:]))
        check(hidden(out) == [], "leftovers %s" % hidden(out))
        workbook(os.path.join(out, "2021", "egov-2021.xlsx"))
        shutil.rmtree(work)


@test
def two_forced_builds_at_once_both_succeed_one_after_the_other():
    work, inp, out = copy_small()
    builds = [Build(inp, out, "--force", "--wait", str(WAIT)) for _ in range(2)]
    results = [b.finish() for b in builds]
    check([r[0] for r in results] == [0, 0], "exits %s" % [r[0] for r in results])
    check(hidden(out) == [], "leftovers %s" % hidden(out))
    workbook(os.path.join(out, "2021", "egov-2021.xlsx"))
    shutil.rmtree(work)


@test
def wait_and_cap_options_are_checked():
    for bad in (["--wait"], ["--wait", "x"], ["--wait", "-1"], ["--wait", "90000"],
                ["--max-rows", "0"], ["--max-rows"], ["--max-cell", "1X"], ["--max-cell", "-5"],
                ["--max-file-size", "12.5M"], ["--max-strings", "1K"],
                ["--max-file-size", "8589934592G"], ["--max-cell", ""], ["--max-rows", ""],
                ["--max-cell", "1" * 64], ["--max-cell", "1" * 200], ["--input", ""],
                ["--output", ""], ["--layouts", ""]):
        rc, _, se = run(["build", "2021"] + bad)
        check(rc == 2 and bad[0] in se, "%s: exit %d %s" % (bad, rc, se))
    work, inp, out = copy_small()
    rc, _, se = build_small(inp, out, "--wait", "0", "--max-file-size", "1.024K", "--max-rows",
                            "1.000", "--max-cell", "64k")
    check(rc == 0, "caps given as 1.024K, 1.000 and 64k: exit %d %s" % (rc, se[-500:]))
    # each cap where it belongs, K, M and G powers of 1024, as the manifest
    # records them (in the order max-cell, max-fields, max-rows,
    # max-file-size, max-part-size, max-unzipped-size, max-parts,
    # max-strings, max-strings-size)
    rc, _, se = build_small(inp, out, "--wait", "86400", "--max-cell", "3K", "--max-fields", "20000", "--max-rows",
                            "1.500", "--max-file-size", "2G", "--max-part-size", "5M",
                            "--max-unzipped-size", "3g", "--max-parts", "77", "--max-strings",
                            "12345", "--max-strings-size", "9m")
    with open(os.path.join(out, "2021", "egov-2021.manifest"), encoding="utf-8") as f:
        manifest = f.read()
    check(rc == 0 and " caps=3072,20000,1500,2147483648,5242880,3221225472,77,12345,9437184 " in
          manifest, "exit %d %s %s" % (rc, se[-300:], re.findall(r"caps=\S*", manifest)))
    shutil.rmtree(work)


# ---- incremental builds -----------------------------------------------------

def bytes_read(args):
    """The exit status, stdout and the bytes a run of the program read
    (the kernel's rchar: the child's count goes to the shell that reaps
    it, which then prints its own)."""
    e = dict(os.environ)
    e.pop("SOURCE_DATE_EPOCH", None)
    e["EGREPORT_LAYOUTS"] = os.path.join(ROOT, "layouts")
    p = subprocess.run(["sh", "-c", '"$@" > "$OUT"; rc=$?; cat /proc/$$/io; exit $rc', "sh",
                        BIN] + args, env=dict(e, OUT=os.devnull), capture_output=True,
                       text=True, timeout=120)
    m = re.search(r"^rchar: (\d+)$", p.stdout, re.M)
    check(m, "no count of bytes read: %r" % p.stdout[-500:])
    return p.returncode, int(m.group(1))


@test
def a_second_build_of_the_2020_demo_is_up_to_date_rewrites_nothing_and_reads_little():
    # An up-to-date build looks at the inputs' names, sizes and times,
    # not at their bytes: it reads a small part of the year's 135 MB
    # (what it reads is counted, not timed: make bench times it).
    out = tmpdir()
    inp = os.path.join(ROOT, "input")
    rc, so, se = run(["build", "2020", "--input", inp, "--output", out])
    check(rc == 0, se[-2000:])
    before = snapshot(os.path.join(out, "2020"))
    rc, so, se = run(["build", "2020", "--input", inp, "--output", out])
    check(rc == 0 and re.match(r"egreport: build 2020: up to date, 258/258 units submitted, "
                               r"\d+ values, 0 errors, 2 warnings; kept ", so),
          "exit %d, stdout %r" % (rc, so))
    after = snapshot(os.path.join(out, "2020"))
    check(unrefreshed(after) == unrefreshed(before), "an output was rewritten")
    total = sum(os.path.getsize(os.path.join(d, f))
                for d, _, fs in os.walk(os.path.join(inp, "2020"), followlinks=True) for f in fs)
    rc, read = bytes_read(["build", "2020", "--input", inp, "--output", out])
    check(rc == 0, "exit %d" % rc)
    # valgrind reads its own files as well
    check(SLOW or read < total // 20, "up to date read %d bytes of the inputs' %d" % (read, total))
    shutil.rmtree(out)


@test
def an_up_to_date_build_records_a_touched_file_so_that_the_next_reads_it_no_more():
    # A file touched without a change (or written within two seconds of the
    # scan, as make demo writes the exports) is read again at each check
    # until its look is recorded: the first up to date build records it,
    # as git refreshes its index, and changes nothing else.
    work, inp, out = copy_small()
    d = os.path.join(out, "2021")
    man = os.path.join(d, "egov-2021.manifest")
    rc, _, se = build_small(inp, out)
    check(rc == 0, se[-2000:])
    sub = os.path.join(inp, "2021", "submissions", "stp.csv")
    day = time.localtime(os.stat(sub).st_mtime)
    noon = time.mktime((day.tm_year, day.tm_mon, day.tm_mday, 12, 0, 0, 0, 0, -1))
    os.utime(sub, (noon, noon))
    time.sleep(2.2)                 # past the two seconds of doubt

    def recorded_mtime():
        for line in open(man, encoding="utf-8"):
            f = line.split(" ")
            if f[0] == "input" and f[-1].rstrip("\n") == "submissions/stp.csv":
                return int(f[5])
        raise Failure("stp.csv is not in the manifest")

    check(recorded_mtime() != int(noon) * 10**9, "the touch is recorded already")
    before = snapshot(d)
    rc, so, se = build_small(inp, out)
    check(rc == 0 and "up to date" in so, "exit %d %s" % (rc, so))
    after = snapshot(d)
    check({k: v for k, v in after.items() if not k.endswith(".manifest")} ==
          {k: v for k, v in before.items() if not k.endswith(".manifest")}, "an output rewritten")
    check(recorded_mtime() == int(noon) * 10**9, "the touched file's look is not recorded")
    check([l for l in open(man, encoding="utf-8") if l.startswith(("result", "output"))] ==
          [l for l in before["egov-2021.manifest"][0].decode().splitlines(True)
           if l.startswith(("result", "output"))], "the outputs or counts recorded changed")
    check(not [n for n in os.listdir(d) if ".tmp" in n], "a temporary left: %s" % os.listdir(d))
    # nothing left to record: the next check writes nothing at all
    again = snapshot(d)
    rc, so, _ = build_small(inp, out)
    check(rc == 0 and "up to date" in so and snapshot(d) == again, "the third build wrote: %s" % so)
    shutil.rmtree(work)


# ---- a year not over: the nightly build of the running year ------------------

def info_row(path, item):
    """The value of Thông tin's row named item."""
    for row in workbook(path)["Thông tin"].iter_rows(values_only=True):
        if row[0] == item:
            return row[1]
    return None


def manifest_as_of(d):
    """The day the manifest in d records among its settings: "as_of=…"."""
    with open(os.path.join(d, "egov-2021.manifest"), encoding="utf-8") as f:
        settings = [l for l in f if l.startswith("settings ")]
    check(len(settings) == 1, "settings: %r" % settings)
    m = re.search(r" (as_of=\S+) ", settings[0])
    check(m, settings[0])
    return m.group(1)


def data_as_of(d):
    """What data.csv in d gives in its columns as_of and provisional."""
    with open(os.path.join(d, "data.csv"), encoding="utf-8", newline="") as f:
        return {(r["as_of"], r["provisional"]) for r in csv.DictReader(f)}


@test
def a_build_of_a_year_not_over_says_its_figures_run_to_the_day_of_the_build():
    # The nightly build of the running year: its figures are a part of the
    # year, to the build's local day (here SOURCE_DATE_EPOCH's, at UTC+7:
    # 20:00 UTC on 13 September is the 14th there).
    work, inp, out = copy_small()
    d = os.path.join(out, "2021")
    zone = {"TZ": "UTC-7"}
    sept = {"SOURCE_DATE_EPOCH": str(calendar.timegm((2021, 9, 13, 20, 0, 0))), **zone}
    rc, so, se = build_small(inp, out, env=sept)
    check(rc == 0, se[-2000:])
    check(so.startswith("egreport: build 2021: provisional (the year is not over), figures to "
                        "2021-09-14, 14/14 units submitted, "), so)
    text = pdf_text(os.path.join(d, "egov-2021.pdf"))
    for said in ("BÁO CÁO Kết quả xây dựng Chính quyền điện tử năm 2021 (Số liệu tạm tính đến "
                 "ngày 14/09/2021)",
                 "Do năm 2021 chưa kết thúc, số liệu trong báo cáo là số liệu tạm tính từ ngày "
                 "01/01/2021 đến ngày 14/09/2021.",
                 "Từ đầu năm đến ngày 14/09/2021, hệ thống đã phục vụ 87 cuộc họp trực tuyến."):
        check(said in text, "the PDF does not say %r" % said)
    check("Cả năm" not in text, "a part of the year called the whole year")
    info = subprocess.run(["pdfinfo", os.path.join(d, "egov-2021.pdf")], capture_output=True,
                          text=True).stdout
    check("năm 2021 (số liệu tạm tính đến ngày 14/09/2021) của tỉnh" in info, info)
    check(info_row(os.path.join(d, "egov-2021.xlsx"), "Số liệu đến ngày")
          == "14/09/2021 (tạm tính: năm 2021 chưa kết thúc)", "Thông tin")
    title = workbook(os.path.join(d, "egov-2021.xlsx"))["Tổng hợp"]["A1"].value
    check(title.endswith(" (số liệu tạm tính đến ngày 14/09/2021)"), title)
    check(manifest_as_of(d) == "as_of=2021-09-14,provisional", manifest_as_of(d))
    # data.csv says it of every value; next year's baseline has no figure
    check(data_as_of(d) == {("2021-09-14", "1")}, data_as_of(d))
    with open(os.path.join(d, "baseline-2022.csv"), encoding="utf-8") as f:
        check(f.read() == "indicator,value\n", "a part of the year in next year's baseline")
    # the same day: up to date, and still said to be a part of the year
    rc, so, se = build_small(inp, out, env=sept)
    check(rc == 0 and so.startswith("egreport: build 2021: up to date, provisional (the year is "
                                    "not over), figures to 2021-09-14, 14/14 units"), so)
    # in the zone of UTC, the same moment is still the 13th: another day
    rc, so, se = build_small(inp, out, env=dict(sept, TZ="UTC"))
    check(rc == 0 and "figures to 2021-09-13, 14/14" in so and "up to date" not in so, so)
    # the first minute of 2022 there: the whole year, and nothing said of a part
    over = {"SOURCE_DATE_EPOCH": str(calendar.timegm((2021, 12, 31, 17, 0, 0))), **zone}
    rc, so, se = build_small(inp, out, env=over)
    check(rc == 0 and so.startswith("egreport: build 2021: 14/14 units submitted"), so)
    text = pdf_text(os.path.join(d, "egov-2021.pdf"))
    check("tạm tính" not in text and "chưa kết thúc" not in text, "a year over said provisional")
    check("Cả năm, hệ thống đã phục vụ 87 cuộc họp trực tuyến." in text, "no whole year")
    check(info_row(os.path.join(d, "egov-2021.xlsx"), "Số liệu đến ngày")
          == "31/12/2021 (cả năm 2021)", "Thông tin")
    check("tạm tính" not in workbook(os.path.join(d, "egov-2021.xlsx"))["Tổng hợp"]["A1"].value,
          "Tổng hợp's title")
    # A build of 31 December and one of 1 January run to the same day; the
    # manifest tells the part of the year from the whole, so that without
    # SOURCE_DATE_EPOCH the first build of the new year is not "up to date"
    # with the last one of the old.
    check(manifest_as_of(d) == "as_of=2021-12-31", manifest_as_of(d))
    check(data_as_of(d) == {("2021-12-31", "0")}, data_as_of(d))
    with open(os.path.join(d, "baseline-2022.csv"), encoding="utf-8") as f:
        base = f.read()
    check(base.startswith("indicator,value\n") and "\ntl.cbcc_may_tinh," in base, base)
    last = {"SOURCE_DATE_EPOCH": str(calendar.timegm((2021, 12, 31, 16, 59, 0))), **zone}
    rc, so, se = build_small(inp, out, env=last)
    check(rc == 0 and so.startswith("egreport: build 2021: provisional (the year is not over), "
                                    "figures to 2021-12-31, "), so)
    check(manifest_as_of(d) == "as_of=2021-12-31,provisional", manifest_as_of(d))
    # its day is the year's last, as a year over's, but data.csv says it is
    # a part of the year
    check(data_as_of(d) == {("2021-12-31", "1")}, data_as_of(d))
    check(all(r["code"] != "W_BUILD_DAY"
              for r in read_validation(os.path.join(d, "validation.csv"))), "W_BUILD_DAY in the year")
    # a day before the year: said (a reproducible build's SOURCE_DATE_EPOCH
    # of 1980, say)
    old = {"SOURCE_DATE_EPOCH": "315532800", **zone}
    rc, so, se = build_small(inp, out, env=old)
    check(rc == 0 and "figures to 1980-01-01, " in so and ", 0 errors, 1 warning; wrote " in so,
          so)
    said = [r for r in read_validation(os.path.join(d, "validation.csv"))
            if r["code"] == "W_BUILD_DAY"]
    check(len(said) == 1 and said[0]["severity"] == "warning" and said[0]["file"] == "" and
          said[0]["message"] == "ngày lập báo cáo 01/01/1980 (theo SOURCE_DATE_EPOCH) ở trước năm 2021: "
                         "báo cáo ghi số liệu là số liệu tạm tính đến ngày đó; đặt "
                         "SOURCE_DATE_EPOCH là một thời điểm sau ngày cuối của năm (hoặc bỏ đi) "
                         "rồi lập lại báo cáo", said)
    # the year's first day is in the year: provisional, nothing said
    first = {"SOURCE_DATE_EPOCH": str(calendar.timegm((2021, 1, 1, 5, 0, 0))), **zone}
    rc, so, se = build_small(inp, out, env=first)
    check(rc == 0 and "figures to 2021-01-01, " in so, so)
    check(all(r["code"] != "W_BUILD_DAY"
              for r in read_validation(os.path.join(d, "validation.csv"))),
          "W_BUILD_DAY on 1 January of the year")
    shutil.rmtree(work)


@test
def without_source_date_epoch_a_year_not_over_runs_to_todays_date():
    # The running year by the clock: the small case's folder named this year
    work, inp, out = copy_small()
    year = time.localtime().tm_year
    os.rename(os.path.join(inp, "2021"), os.path.join(inp, str(year)))
    before = time.strftime("%Y-%m-%d")
    rc, so, se = run(["build", str(year), "--input", inp, "--output", out])
    after = time.strftime("%Y-%m-%d")
    check(rc <= 1, se[-2000:])
    check(re.match(r"egreport: build %d: provisional \(the year is not over\), figures to "
                   r"(%s|%s), " % (year, before, after), so), so)
    # last year, by the same clock: the whole of it
    os.rename(os.path.join(inp, str(year)), os.path.join(inp, str(year - 1)))
    rc, so, se = run(["build", str(year - 1), "--input", inp, "--output", out])
    check(rc <= 1 and so.startswith("egreport: build %d: 14/14 units" % (year - 1)), so + se[-2000:])
    shutil.rmtree(work)


@test
def what_makes_a_build_run_again_and_what_does_not():
    work, inp, out = copy_small()
    d = os.path.join(out, "2021")
    rc, _, se = build_small(inp, out)
    check(rc == 0, se[-2000:])

    def again(what, expect_rebuild, *extra, env=None):
        before = snapshot(d)
        rc, so, se = build_small(inp, out, *extra, env=env)
        check(rc == 0, "%s: exit %d %s" % (what, rc, se[-1000:]))
        rebuilt = "up to date" not in so
        check(rebuilt == expect_rebuild, "%s: %s" % (what, so))
        if not expect_rebuild:
            # the outputs untouched; the manifest may have been refreshed
            # (a check more than two seconds after the files' copy, as
            # under valgrind, records their look), its record the same
            check(unrefreshed(snapshot(d)) == unrefreshed(before), "%s: rewritten" % what)

    again("nothing changed", False)
    # --strict refuses a last build's data errors, not one without any
    again("--strict, none before", False, "--strict")
    sub = os.path.join(inp, "2021", "submissions", "stp.csv")
    # touched on the day it was modified: the same build; on another day,
    # not (a submission is dated by its day, W_LATE)
    day = time.localtime(os.stat(sub).st_mtime)
    noon = time.mktime((day.tm_year, day.tm_mon, day.tm_mday, 12, 0, 0, 0, 0, -1))
    os.utime(sub, (noon, noon))
    again("a file touched on its day, same bytes", False)
    os.utime(sub, (noon - 86400, noon - 86400))
    again("a file touched on another day, same bytes", True)
    again("TZ set", True, env={"TZ": "Pacific/Chatham"})
    again("TZ the same", False, env={"TZ": "Pacific/Chatham"})
    again("TZ as before", True)
    # the zone's file updated under the same name (tzdata): not the same
    zone = os.path.join(work, "zoneinfo", "Asia", "Ho_Chi_Minh")
    os.makedirs(os.path.dirname(zone))
    with open(zone, "wb") as f:      # what it holds is not read here: its look is
        f.write(b"TZif2 as tzdata writes it\n")
    tzdir = {"TZ": "Asia/Ho_Chi_Minh", "TZDIR": os.path.join(work, "zoneinfo")}
    again("TZ named in TZDIR", True, env=tzdir)
    again("TZ named in TZDIR, the same", False, env=tzdir)
    os.utime(zone, (1600000000, 1600000000))
    again("TZ's zone file updated", True, env=tzdir)
    tzpath = {"TZ": ":" + zone}
    again("TZ a path", True, env=tzpath)
    again("TZ a path, the same", False, env=tzpath)
    with open(zone, "ab") as f:
        f.write(b"\n")
    again("TZ's zone file grown", True, env=tzpath)
    again("TZ as before", True)
    # EGREPORT_FONTS empty is as unset: the same fonts, the same build
    again("EGREPORT_FONTS empty", False, env={"EGREPORT_FONTS": ""})
    again("--force", True, "--force")
    change_a_value(inp)
    again("a value changed", True)
    with open(os.path.join(inp, "2021", "submissions", "moi.csv"), "w") as f:
        f.write("unit_code,indicator,value\n")
    again("a file added", True)
    os.remove(os.path.join(inp, "2021", "submissions", "moi.csv"))
    again("a file removed", True)
    again("SOURCE_DATE_EPOCH set", True, env={"SOURCE_DATE_EPOCH": "1600000000"})
    again("SOURCE_DATE_EPOCH the same", False, env={"SOURCE_DATE_EPOCH": "1600000000"})
    # a second later, the same day: the time written into the outputs is not
    again("SOURCE_DATE_EPOCH a second later", True, env={"SOURCE_DATE_EPOCH": "1600000001"})
    again("SOURCE_DATE_EPOCH unset", True)
    with open(os.path.join(d, "egov-2021.pdf"), "ab") as f:
        f.write(b"%edited by hand\n")
    again("an output edited by hand", True)
    os.remove(os.path.join(d, "validation.csv"))
    again("an output deleted", True)
    # next year's baseline too, the last of the outputs the manifest lists
    with open(os.path.join(d, "baseline-2022.csv"), "a", encoding="utf-8") as f:
        f.write("KT.STP,ht.cbcc,1\n")
    again("the baseline edited by hand", True)
    layouts = os.path.join(work, "layouts")
    shutil.copytree(os.path.join(ROOT, "layouts"), layouts)
    again("the same layouts elsewhere", False, "--layouts", layouts)
    with open(os.path.join(layouts, "report.txt"), "a", encoding="utf-8") as f:
        f.write("\n# a comment\n")
    again("a layout changed", True, "--layouts", layouts)
    # the same executable over another version of a library it links
    # (an upgraded libharu may write other bytes): the manifest of a build
    # under the old one names it
    man = os.path.join(d, "egov-2021.manifest")
    with open(man, encoding="utf-8") as f:
        text = f.read()
    check(re.search(r"^program .*; libxlsxwriter [0-9.]+, libharu [0-9.]+, zlib ", text, re.M),
          "the libraries are not in the manifest: %s" % text[:800])
    with open(man, "w", encoding="utf-8") as f:
        f.write(re.sub(r"(libharu )[0-9.]+,", r"\g<1>2.2.1,", text))
    again("a library of another version", True, "--layouts", layouts)
    again("the library as before", False, "--layouts", layouts)
    with open(os.path.join(d, "egov-2021.manifest"), "w") as f:
        f.write("garbage\n")
    again("a broken manifest", True, "--layouts", layouts)
    # what a crash can leave of a refreshed manifest, which is not synced
    # (build_out.c): an empty file, read as no record, a full build
    open(os.path.join(d, "egov-2021.manifest"), "w").close()
    again("an empty manifest", True, "--layouts", layouts)
    shutil.rmtree(work)


@test
def an_up_to_date_build_keeps_the_exit_code_of_data_errors():
    work, inp, out = copy_small()
    with open(os.path.join(inp, "2021", "submissions", "zz.csv"), "w") as f:
        f.write("unit_code,indicator,value\nKT.STP,ht.cbcc,abc\n")
    rc, so, _ = build_small(inp, out)
    check(rc == 1, "first build exit %d" % rc)
    rc, so, se = build_small(inp, out)
    # 'abc' cannot be read, and conflicts with stp.csv's ht.cbcc: two errors
    check(rc == 1 and "up to date" in so and " 2 errors" in so, "exit %d: %s" % (rc, so))
    rc, so, se = build_small(inp, out, "--strict")
    check(rc == 3 and "egreport: fatal: --strict: 2 data errors, nothing written [F_STRICT]\n"
          in se, "--strict on an up to date build: exit %d %s" % (rc, se))
    # one error: said in the singular, in the summary and by --strict
    with open(os.path.join(inp, "2021", "submissions", "zz.csv"), "w") as f:
        f.write("unit_code,indicator,value\nXX.ZZ,ht.wan,có\n")
    rc, so, se = build_small(inp, out)
    check(rc == 1 and ", 1 error, 0 warnings; wrote " in so, "exit %d: %s" % (rc, so))
    rc, so, se = build_small(inp, out, "--strict", "--force")
    check(rc == 3 and "egreport: fatal: --strict: 1 data error, nothing written [F_STRICT]\n"
          in se, "--strict, one error: exit %d %s" % (rc, se))
    shutil.rmtree(work)


@test
def a_source_date_epoch_that_is_no_time_is_refused_before_anything_is_made():
    # SOURCE_DATE_EPOCH=9223372036854775807 crashed the build inside
    # libxlsxwriter (SIGSEGV, once everything was read and computed);
    # 99999999999999 wrote a workbook dated in the year 3170843 and a PDF
    # dated 1231; "abc", "-5" or "1600000000 " (a stray blank) were passed
    # over without a word, for the issue date.  Each is now a wrong
    # command line, said before anything is made; 9999-12-31 is the last.
    # 2^64 + 1 is no time either, however its digits would wrap around.
    work, inp, out = copy_small()
    for bad in ("9223372036854775807", "99999999999999", "253402300800", "abc", "-5", "1e9",
                "1600000000 ", " 1600000000", "18446744073709551617"):
        for args in (["build", "2021"], ["template", "2021"]):
            rc, so, se = run(args + ["--input", inp, "--output", out],
                             env={"SOURCE_DATE_EPOCH": bad})
            check(rc == 2 and "egreport %s: SOURCE_DATE_EPOCH is '%s': it must be a whole "
                  "number of seconds" % (args[0], bad) in se,
                  "%s, SOURCE_DATE_EPOCH=%r: exit %d: %s" % (args[0], bad, rc, se[-500:]))
            check(not os.path.exists(out), "%s, SOURCE_DATE_EPOCH=%r: %s was made"
                  % (args[0], bad, out))
    rc, so, se = build_small(inp, out, env={"SOURCE_DATE_EPOCH": "253402300799"})
    check(rc == 0, "the last second: exit %d: %s" % (rc, se[-500:]))
    with zipfile.ZipFile(os.path.join(out, "2021", "egov-2021.xlsx")) as z:
        core = z.read("docProps/core.xml").decode()
    check(">9999-12-31T23:59:59Z<" in core, "the workbook's date: %s" % core)
    for empty in ("", "0"):
        rc, so, se = build_small(inp, out, "--force", env={"SOURCE_DATE_EPOCH": empty})
        check(rc == 0, "SOURCE_DATE_EPOCH=%r (as unset): exit %d: %s" % (empty, rc, se[-500:]))
    shutil.rmtree(work)


@test
def a_file_where_the_year_output_folder_goes_is_named_and_left_alone():
    work, inp, out = copy_small()
    os.makedirs(out)
    with open(os.path.join(out, "2021"), "w") as f:
        f.write("mine")
    rc, so, se = build_small(inp, out)
    check(rc == 3 and "2021: fatal: is not a folder" in se and "[F_OUTPUT]" in se,
          "exit %d: %s" % (rc, se))
    check(".egreport-commit" not in se, "the message names the journal: %s" % se)
    with open(os.path.join(out, "2021")) as f:
        check(f.read() == "mine", "the file was changed")
    # --output itself a file: said as one, not "cannot create the output
    # folder: Not a directory"
    given = os.path.join(out, "2021")
    rc, so, se = build_small(inp, given)
    check(rc == 3 and "%s: fatal: is not a folder: the output folder given is a file" % given
          in se and "Not a directory" not in se, "--output a file: exit %d: %s" % (rc, se))
    with open(given) as f:
        check(f.read() == "mine", "the file was changed")
    shutil.rmtree(work)


@test
def a_folder_where_an_output_goes_is_named_before_the_build_and_left_alone():
    # egov-2021.pdf/ a folder (a copy made by hand): the build read and
    # computed everything, then said "cannot put the output in place: Is a
    # directory".  It now stops first, naming each such folder.
    work, inp, out = copy_small()
    rc, so, se = build_small(inp, out)
    check(rc == 0, "first build: exit %d: %s" % (rc, se))
    before = snapshot(os.path.join(out, "2021"))
    for name in ("egov-2021.pdf", "validation.csv"):
        p = os.path.join(out, "2021", name)
        os.rename(p, p + ".mine")
        os.mkdir(p)
        os.rename(p + ".mine", os.path.join(p, "mine"))
    rc, so, se = build_small(inp, out, "--force", env={"EGREPORT_TIMINGS": "1"})
    for name in ("egov-2021.pdf", "validation.csv"):
        check("%s/2021/%s: fatal: is a folder: the build writes a file of that name there; "
              "move it away [F_OUTPUT]" % (out, name) in se, "%s not named: %s" % (name, se))
    check(rc == 3 and "Is a directory" not in se and "reading submissions" not in se,
          "exit %d: %s" % (rc, se))
    check("egreport: build 2021: failed, nothing was written (2 fatal problems); " in se,
          "the summary: %s" % se)
    for name in ("egov-2021.pdf", "validation.csv"):
        with open(os.path.join(out, "2021", name, "mine"), "rb") as f:
            check(f.read() == before[name][0], "%s/mine was changed" % name)
    check(hidden(out) == [], "left behind: %s" % hidden(out))
    # a symbolic link to a folder there is no folder: the build replaces
    # the link, and the folder it led to is left as it was
    for name in ("egov-2021.pdf", "validation.csv"):
        shutil.rmtree(os.path.join(out, "2021", name))
    elsewhere = os.path.join(work, "elsewhere")
    os.makedirs(elsewhere)
    os.symlink(elsewhere, os.path.join(out, "2021", "egov-2021.pdf"))
    rc, so, se = build_small(inp, out, "--force")
    check(rc == 0 and os.path.isfile(os.path.join(out, "2021", "egov-2021.pdf")) and
          not os.path.islink(os.path.join(out, "2021", "egov-2021.pdf")) and
          os.listdir(elsewhere) == [], "a link to a folder: exit %d: %s" % (rc, se))
    shutil.rmtree(work)


@test
def an_output_folder_linked_to_a_share_not_mounted_is_said_to_be_one_before_the_build():
    # output/2021 (or output/ itself) a symbolic link to a network share
    # that is not mounted at 3 a.m.: the build read and computed
    # everything, then said "cannot create the output folder: Not a
    # directory".  It now stops first, naming the link and where it
    # points.
    work, inp, out = copy_small()
    os.makedirs(out)
    gone = os.path.join(work, "nas", "egov")
    os.symlink(os.path.join(gone, "2021"), os.path.join(out, "2021"))
    rc, so, se = build_small(inp, out, env={"EGREPORT_TIMINGS": "1"})
    check(rc == 3 and "2021: fatal: is a symbolic link to %s/2021, which does not exist" % gone
          in se and "[F_OUTPUT]" in se and "Not a directory" not in se, "exit %d: %s" % (rc, se))
    check("reading submissions" not in se, "the build read its inputs first: %s" % se)
    check(os.path.islink(os.path.join(out, "2021")) and not os.path.exists(gone),
          "the link or its target was changed")
    root = os.path.join(work, "linked")
    os.symlink(gone, root)
    rc, so, se = build_small(inp, root)
    check(rc == 3 and "linked: fatal: is a symbolic link to %s, which does not exist" % gone
          in se and "Not a directory" not in se, "exit %d: %s" % (rc, se))
    # a link that leads to itself: it cannot be reached, and is said so
    loop = os.path.join(work, "loop")
    os.symlink("loop", loop)
    rc, so, se = build_small(inp, loop)
    check(rc == 3 and "loop: fatal: is a symbolic link to loop, which cannot be reached: Too "
          "many levels of symbolic links [F_OUTPUT]" in se, "a loop: exit %d: %s" % (rc, se))
    # an output folder under a file: said with why mkdir failed
    afile = os.path.join(work, "afile")
    open(afile, "w").close()
    rc, so, se = build_small(inp, os.path.join(afile, "out"))
    check(rc == 3 and "%s/out: fatal: cannot create the output folder: Not a directory" % afile
          in se, "under a file: exit %d: %s" % (rc, se))
    shutil.rmtree(work)


@test
def an_output_folder_inside_the_input_folder_is_refused_and_a_sibling_is_not():
    # Outputs in the year's input folder were read as the next build's
    # inputs: it never was up to date.  The real folders are compared.
    work, inp, out = copy_small()
    ydir = os.path.join(inp, "2021")
    before = sorted(os.listdir(ydir))
    os.symlink("input", os.path.join(work, "link"))
    for given, how in ((inp, "the same as"), (os.path.join(ydir, "out"), "inside"),
                       (os.path.join(ydir, "submissions"), "inside"),
                       (os.path.join(work, "link"), "the same as"),
                       (os.path.join(work, "none", "..", "input") + "/", "the same as"),
                       # folders not there yet, "." and a doubled '/' among them
                       (os.path.join(ydir, "..", "none", ".", ".."), "the same as"),
                       (os.path.join(inp, "none") + "//..", "the same as")):
        rc, so, se = build_small(inp, given)
        # (named without the '/' it was given with)
        check(rc == 2 and "the output folder %s/2021 is %s the input folder %s: the outputs "
              "would be read as inputs" % (given.rstrip("/"), how, ydir) in se and "usage:" in se,
              "--output %s: exit %d: %s" % (given, rc, se))
        check(sorted(os.listdir(ydir)) == before and not os.path.exists(os.path.join(work, "none")),
              "--output %s: something was made: %s" % (given, sorted(os.listdir(ydir))))
    check(not os.path.exists(os.path.join(inp, "none")), "--output: a folder was made")
    # at the root folder: --input / and an output folder that comes back to it
    gone = "/egreport-test-%d-none" % os.getpid()
    rc, so, se = run(["build", "2021", "--input", "/", "--output", gone + "/.."])
    check(rc == 2 and "the output folder %s/../2021 is the same as the input folder /2021" % gone
          in se and not os.path.exists(gone), "--input /: exit %d: %s" % (rc, se))
    # a sibling whose name starts with the input's, named through the input
    sibling = os.path.join(inp, "..", "input-out")
    for _ in range(2):
        rc, so, se = build_small(inp, sibling)
    check(rc == 0 and "up to date" in so, "a sibling: exit %d: %s %s" % (rc, so, se))
    shutil.rmtree(work)


@test
def an_output_folder_inside_the_layouts_folder_is_refused():
    # --output layouts wrote layouts/2021/, which every later build of 2021,
    # into any folder, took for the year's own layouts: F_LAYOUT, "no
    # indicators.csv".  A folder deeper in changed the layouts' digest at
    # every build.  Refused as --output inside --input is.
    work, inp, out = copy_small()
    lay = os.path.join(work, "layouts")
    shutil.copytree(os.path.join(ROOT, "layouts"), lay)
    before = sorted(os.listdir(lay))
    for given, own in ((lay, True), (os.path.join(lay, "x"), False)):
        for cmd in ("build", "template"):
            rc, so, se = run([cmd, "2021", "--input", inp, "--output", given],
                             env={"EGREPORT_LAYOUTS": lay})
            check(rc == 2 and "egreport %s: the output folder %s/2021 is inside the layouts "
                  "folder %s: the outputs would be read as %s" % (
                      cmd, given, lay, "the year's own layouts" if own else "layouts") in se
                  and "usage:" in se, "%s --output %s: exit %d: %s" % (cmd, given, rc, se))
            check(sorted(os.listdir(lay)) == before,
                  "%s --output %s: something was made: %s" % (cmd, given, os.listdir(lay)))
    rc, so, se = build_small(inp, out, "--layouts", lay)
    check(rc == 0, "a build into its own folder: exit %d: %s" % (rc, se))
    rc, so, se = build_small(inp, lay + "-out", "--layouts", lay)
    check(rc == 0, "a sibling of the layouts folder: exit %d: %s" % (rc, se))
    shutil.rmtree(work)


@test
def a_link_in_the_input_folder_to_the_output_folder_leaves_the_outputs_out_of_the_inputs():
    # input/2021/archive -> the output folder (or a folder holding both):
    # the command line's check sees no output folder inside the input, but
    # the manifest's scan followed the link and listed the outputs as
    # inputs, so every build found them changed and wrote them again,
    # night after night.  The output folder is now listed, not entered.
    for target in ("../../output", "../.."):
        work, inp, out = copy_small()
        link = os.path.join(inp, "2021", "archive")
        os.symlink(target, link)
        rc, so, se = build_small(inp, out)
        check(rc == 0 and "wrote" in so, "%s: first build: exit %d: %s %s" % (target, rc, so, se))
        rc, so, se = build_small(inp, out)
        check(rc == 0 and "up to date" in so,
              "%s: the second build was not up to date: exit %d: %s %s" % (target, rc, so, se))
        with open(os.path.join(out, "2021", "egov-2021.manifest"), encoding="utf-8") as f:
            listed = [l.split(" ")[-1] for l in f.read().splitlines() if l.startswith("input ")]
        check(not [p for p in listed if "egov-2021" in p],
              "%s: outputs listed as inputs: %s" % (target, listed))
        check("archive" in listed, "%s: the link is not listed: %s" % (target, listed))
        shutil.rmtree(work)


@test
def a_build_under_other_caps_is_not_up_to_date():
    # The caps decide what is read: kept outputs made under --max-file-size
    # 1K (most files left out) must not stand for a build without it.
    work, inp, out = copy_small()
    rc, so, _ = build_small(inp, out, "--max-file-size", "1K")
    check(rc == 1 and "2/14 units" in so, "capped build: exit %d %s" % (rc, so))
    rc, so, _ = build_small(inp, out)
    check(rc == 0 and "up to date" not in so and "14/14 units" in so, "uncapped: exit %d %s" % (rc, so))
    rc, so, _ = build_small(inp, out, "--max-file-size", "256M")     # the default, written out
    check(rc == 0 and "up to date" in so, "the default cap given: exit %d %s" % (rc, so))
    rc, so, _ = build_small(inp, out, "--max-rows", "5")
    check("up to date" not in so, "another cap: %s" % so)
    shutil.rmtree(work)


# ---- the operator's view ------------------------------------------------------

@test
def next_years_baseline_is_this_years_figures_and_reads_back_as_no_change():
    # baseline-2022.csv is next year's baseline.csv, written by the build
    # that published the figures.  Put back as this year's, every row of it
    # stands beside its own figure: no code unknown, no value unreadable,
    # no move past a threshold, and the change on last year is nil.
    work, inp, out = copy_small()
    rc, _, se = build_small(inp, out)
    check(rc == 0, se[-2000:])
    path = os.path.join(out, "2021", "baseline-2022.csv")
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    got = dict(rows[1:])
    check(rows[0] == ["indicator", "value"] and len(got) == len(rows) - 1 > 40,
          "header %s, %d rows" % (rows[:1], len(rows)))
    check(got.get("tl.ho_may_tinh_internet") == "50.25" and got.get("tong.ho_so") == "52680"
          and re.fullmatch(r"\d+", got.get("dem.lan_internet.so", "")) is not None
          and "tl.ho_may_tinh_internet.tang" not in got,
          "rows: %s" % {k: got.get(k) for k in ("tl.ho_may_tinh_internet", "tong.ho_so",
                                                  "dem.lan_internet.so",
                                                  "tl.ho_may_tinh_internet.tang")})
    shutil.copy(path, os.path.join(inp, "2021", "baseline.csv"))
    rc, _, se = build_small(inp, out)
    said = [(r["code"], r["indicator"]) for r in
            read_validation(os.path.join(out, "2021", "validation.csv"))
            if "BASELINE" in r["code"]]
    check(rc == 0 and said == [], "exit %d, baseline problems %s" % (rc, said))
    ws = workbook(os.path.join(out, "2021", "egov-2021.xlsx"))["Tổng hợp"]
    change = [r[2] for r in ws.iter_rows(values_only=True) if r[0] == "tl.ho_may_tinh_internet.tang"]
    check(len(change) == 1 and abs(change[0]) < 0.00005, "the change on itself: %s" % change)
    shutil.rmtree(work)


@test
def a_baseline_linked_to_nothing_or_to_the_years_own_output_is_an_error_not_read():
    # ln -s in place of cp, with the wrong year: input/2021/baseline.csv
    # -> output/2021/baseline-2022.csv.  The first build found no file
    # there and went without a baseline, without a word; every build after
    # compared 2021 with its own last build ("no change on last year").
    work, inp, out = copy_small()
    link = os.path.join(inp, "2021", "baseline.csv")
    target = os.path.join(out, "2021", "baseline-2022.csv")
    os.remove(link)
    os.symlink(target, link)

    def baseline_rows():
        return [(r["severity"], r["code"], r["file"], r["row"], r["column"], r["message"])
                for r in read_validation(os.path.join(out, "2021", "validation.csv"))
                if r["code"] == "E_BASELINE"]

    def change():
        ws = workbook(os.path.join(out, "2021", "egov-2021.xlsx"))["Tổng hợp"]
        return [r[2] for r in ws.iter_rows(values_only=True)
                if r[0] == "tl.ho_may_tinh_internet.tang"]

    rc, _, se = build_small(inp, out)
    check(rc == 1, "exit %d: %s" % (rc, se[-2000:]))
    check(baseline_rows() == [("error", "E_BASELINE", "baseline.csv", "", "",
                               "là liên kết tới '%s', nơi không có tệp nào: không có số liệu "
                               "năm trước để so sánh" % target)], baseline_rows())
    check(change() == [None] or change() == [], "a change without a baseline: %s" % change())
    rc, _, se = build_small(inp, out)
    check(rc == 1, "exit %d: %s" % (rc, se[-2000:]))
    check(baseline_rows() == [("error", "E_BASELINE", "baseline.csv", "", "",
                               "là liên kết tới '%s', một tệp đầu ra của chính lần lập báo cáo "
                               "năm 2021: số liệu năm trước là baseline-2021.csv do báo cáo năm "
                               "2020 ghi ra; tệp này không được dùng" % target)], baseline_rows())
    check(change() == [None] or change() == [], "a change on the year itself: %s" % change())
    # a link to last year's file, where it is kept, is read as the file is
    keep = os.path.join(work, "archive", "baseline-2021.csv")
    os.makedirs(os.path.dirname(keep))
    shutil.copy(os.path.join(SMALL, "2021", "baseline.csv"), keep)
    os.remove(link)
    os.symlink(keep, link)
    rc, _, se = build_small(inp, out)
    check(rc == 0 and baseline_rows() == [], "exit %d, %s" % (rc, baseline_rows()))
    check(len(change()) == 1 and abs(change()[0] - (0.5025 - 0.382)) < 0.00005,
          "the change on last year: %s" % change())
    shutil.rmtree(work)


@test
def one_summary_line_per_build_and_quiet_means_quiet():
    work, inp, out = copy_small()
    rc, so, se = build_small(inp, out)
    lines = so.splitlines()
    check(len(lines) == 1, "stdout: %r" % so)
    check(re.fullmatch(r"egreport: build 2021: 14/14 units submitted, \d+ values, 0 errors, "
                       r"0 warnings; wrote \S+/2021/egov-2021\.xlsx, \S+/2021/egov-2021\.pdf, "
                       r"\S+/2021/validation\.csv, \S+/2021/data\.csv, "
                       r"\S+/2021/baseline-2022\.csv; \d+ ms", lines[0]), "summary: %r" % lines[0])
    check(se == "", "stderr of a clean build: %r" % se)
    rc, so, se = build_small(inp, out, "--force", "--quiet")
    check(rc == 0 and so == "" and se == "", "--quiet: %r %r" % (so, se))
    # a data error is said on stderr too; with --quiet only in validation.csv
    with open(os.path.join(inp, "2021", "submissions", "zz-bad.csv"), "w", encoding="utf-8") as f:
        f.write("unit_code,indicator,value\nKT.STP,ht.wan,hmm\n")
    rc, so, se = build_small(inp, out)
    check(rc == 1 and re.match(r"submissions/zz-bad\.csv:2:3: error: .*\[E_VALUE_BOOL\]\n", se),
          "a data error: %r %r" % (so, se))
    rc, so, se = build_small(inp, out, "--force", "--quiet")
    check(rc == 1 and so == "" and se == "", "--quiet with a data error: %r %r" % (so, se))
    os.remove(os.path.join(inp, "2021", "submissions", "zz-bad.csv"))
    # one value is one value
    one = os.path.join(work, "one")
    os.makedirs(os.path.join(one, "2021", "submissions"))
    for name in ("units.csv", "report.csv"):
        shutil.copy(os.path.join(inp, "2021", name), os.path.join(one, "2021", name))
    with open(os.path.join(one, "2021", "submissions", "a.csv"), "w", encoding="utf-8") as f:
        f.write("unit_code,indicator,value\nKT.STP,ht.cbcc,45\n")
    rc, so, se = build_small(one, os.path.join(work, "out-one"))
    check(rc == 0 and so.startswith("egreport: build 2021: 1/14 units submitted, 1 value, 0 errors, "),
          "one value: exit %d %r" % (rc, so))
    # a unit that has not submitted is not counted as one that has
    os.remove(os.path.join(inp, "2021", "submissions", "stp.csv"))
    rc, so, se = build_small(inp, out)
    check(rc == 0 and so.startswith("egreport: build 2021: 13/14 units submitted, "),
          "a unit not submitted: exit %d %r" % (rc, so))
    # the fonts are EGREPORT_FONTS's when it is set: a folder without them
    # fails the PDF, and nothing is written
    nofonts = os.path.join(work, "no-fonts")
    os.makedirs(nofonts)
    rc, so, se = build_small(inp, out, "--force", env={"EGREPORT_FONTS": nofonts})
    check(rc == 3 and "cannot use font '%s/NotoSerif-Regular.ttf'" % nofonts in se,
          "EGREPORT_FONTS: exit %d %r" % (rc, se))
    os.remove(os.path.join(inp, "2021", "units.csv"))
    rc, so, se = build_small(inp, out, "--quiet")
    check(rc == 3 and so == "", "exit %d stdout %r" % (rc, so))
    check(re.search(r"^egreport: build 2021: failed, nothing was written \(1 fatal problem\); "
                    r"\d+ ms$", se, re.M) and "[F_UNITS]" in se, "stderr: %r" % se)
    shutil.rmtree(work)


@test
def a_report_layout_broken_is_said_without_the_data_errors_read_with_it():
    # the figure it names is unknown only once the report is composed,
    # after the submissions are read: their errors would bury its line
    work, inp, out = copy_small()
    layouts = os.path.join(work, "layouts")
    shutil.copytree(os.path.join(ROOT, "layouts"), layouts)
    with open(os.path.join(layouts, "report.txt"), "a", encoding="utf-8") as f:
        f.write("\n{khong.co:int}\n")
    with open(os.path.join(inp, "2021", "submissions", "zz.csv"), "w") as f:
        f.write("unit_code,indicator,value\nXX.ZZ,ht.wan,có\n")
    rc, so, se = build_small(inp, out, "--layouts", layouts)
    check(rc == 3 and "unknown figure 'khong.co' (not in figures.csv) [F_LAYOUT]" in se and
          "E_UNKNOWN_UNIT" not in se and "zz.csv" not in se, "exit %d %s" % (rc, se))
    # mended, the data error is said
    shutil.rmtree(layouts)
    rc, so, se = build_small(inp, out)
    check(rc == 1 and "[E_UNKNOWN_UNIT]" in se, "exit %d %s" % (rc, se))
    shutil.rmtree(work)


@test
def a_full_standard_output_is_said_and_fails_what_prints_for_its_living():
    # /dev/full: every write fails with ENOSPC, as on a full disk.  status,
    # validate, --help and --version exist to print: exit 3.  A build's
    # products are its files, written whole: it keeps its exit status and
    # says that its summary was lost.
    work, inp, out = copy_small()

    def to_full(args):
        e = dict(os.environ, EGREPORT_LAYOUTS=os.path.join(ROOT, "layouts"))
        e.pop("SOURCE_DATE_EPOCH", None)
        with open("/dev/full", "w") as full:
            p = subprocess.run([BIN] + args, stdout=full, stderr=subprocess.PIPE, env=e,
                               text=True, timeout=120)
        return p.returncode, p.stderr

    stp = os.path.join(inp, "2021", "submissions", "stp.csv")
    for args, what in ((["status", "2021", "--input", inp], "status"),
                       (["validate", stp, "--input", inp], "validate"),
                       (["--version"], "--version"), (["--help"], "--help"),
                       (["build", "--help"], "--help")):
        rc, se = to_full(args)
        check(rc == 3 and se.splitlines()[:1] == [
                  "egreport: %s: cannot write to standard output: No space left on device" % what],
              "%s: exit %d, stderr %r" % (what, rc, se[-300:]))
    rc, se = to_full(["build", "2021", "--input", inp, "--output", out])
    # (a sanitizer's leak report may follow, under make asan)
    check(rc == 0 and se.splitlines()[:1] == [
        "egreport: build: cannot write to standard output: No space left on device"],
        "build: exit %d, stderr %r" % (rc, se))
    check(sorted(os.listdir(os.path.join(out, "2021"))) ==
          ["baseline-2022.csv", "data.csv", "egov-2021.manifest", "egov-2021.pdf", "egov-2021.xlsx",
           "validation.csv"],
          "build: %s" % os.listdir(os.path.join(out, "2021")))
    rc, se = to_full(["template", "2021", "--unit", "KT.STP", "--input", inp, "--output", out])
    check(rc == 0 and se.splitlines()[:1] == [
        "egreport: template: cannot write to standard output: No space left on device"],
        "template: exit %d, stderr %r" % (rc, se))
    check(os.path.exists(os.path.join(out, "2021", "templates", "KT.STP.xlsx")),
          "template: %s" % os.listdir(os.path.join(out, "2021")))
    # a wrong command line keeps its exit 2: validate of an empty folder
    # prints its summary, then says that nothing was checked
    empty = os.path.join(work, "empty")
    os.makedirs(empty)
    rc, se = to_full(["validate", empty, "--input", inp])
    check(rc == 2 and "nothing was checked" in se and
          "egreport: validate: cannot write to standard output: No space left on device" in se,
          "validate of an empty folder: exit %d, stderr %r" % (rc, se))
    # the same, printed where it can be: no word
    rc, so, se = run(["status", "2021", "--input", inp])
    check(rc == 0 and so and se == "", "status: exit %d, stderr %r" % (rc, se))
    shutil.rmtree(work)


def read_pty(fd, until, seconds):
    data = b""
    deadline = time.time() + seconds
    while time.time() < deadline:
        r, _, _ = select.select([fd], [], [], 0.05)
        if r:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            data += chunk
            if until and until in data:
                break
    return data


@test
def a_progress_bar_on_a_terminal_only():
    work, inp, out = copy_small()
    master, slave = pty.openpty()
    p = subprocess.Popen([BIN, "build", "2021", "--input", inp, "--output", out],
                         env=env_for({"EGREPORT_TEST_STOP": "extract"}),
                         stdout=subprocess.DEVNULL, stderr=slave)
    os.close(slave)
    seen = read_pty(master, b"test point extract reached", WAIT)
    check(b"test point extract reached" in seen, "no test point: %r" % seen)
    time.sleep(0.6)                      # the bar waits half a second before it shows
    p.send_signal(signal.SIGCONT)
    rest = read_pty(master, None, WAIT if SLOW else 10)
    p.wait(timeout=WAIT)
    os.close(master)
    text = rest.decode("utf-8", "replace")
    check(re.search(r"\[[#-]+\] reading submissions \d+/7", text), "no bar on a terminal: %r" % text)
    check(text.endswith("\r\x1b[K"), "the bar is not cleared: %r" % text)
    # the first bar after the point: one file read of the seven
    first = re.search(r"\[[#-]+\] reading submissions \d+/7", text)
    check(first and first.group(0) == "[###" + "-" * 21 + "] reading submissions 1/7",
          "not 1/7 first: %r" % text)
    # 24 wide, filled in proportion to the files read
    for bar, done in re.findall(r"\[([#-]+)\] reading submissions (\d+)/7", text):
        want = "#" * (int(done) * 24 // 7)
        check(bar == want + "-" * (24 - len(want)), "bar %r for %s/7 of 24" % (bar, done))
    # a build over before the half second shows nothing, nor clears a line
    # (when the build says it took less: a loaded machine may take longer)
    master, slave = pty.openpty()
    p = subprocess.Popen([BIN, "build", "2021", "--input", inp, "--output", out, "--force"],
                         env=env_for(), stdout=subprocess.PIPE, stderr=slave)
    os.close(slave)
    rest = read_pty(master, None, WAIT if SLOW else 10)
    so = p.communicate(timeout=WAIT)[0].decode()
    os.close(master)
    ms = re.search(r"; (\d+) ms$", so.strip())
    check(p.returncode == 0 and ms, "exit %d %r" % (p.returncode, so))
    if int(ms.group(1)) < 400:
        check(b"\r" not in rest and b"reading" not in rest,
              "a build of %s ms on a terminal: %r" % (ms.group(1), rest))
    # Not on a pipe, even when slow.
    b = Build(inp, out, "--force", stop="extract")
    b.wait_point("extract")
    time.sleep(0.6)
    b.cont()
    rc, _, se = b.finish()
    check(rc == 0 and "reading submissions" not in se and "\r" not in se, "stderr on a pipe: %r" % se)
    # nor with --quiet, on a terminal
    master, slave = pty.openpty()
    p = subprocess.Popen([BIN, "build", "2021", "--input", inp, "--output", out, "--force",
                          "--quiet"], env=env_for({"EGREPORT_TEST_STOP": "extract"}),
                         stdout=subprocess.DEVNULL, stderr=slave)
    os.close(slave)
    seen = read_pty(master, b"test point extract reached", WAIT)
    check(b"test point extract reached" in seen, "no test point: %r" % seen)
    time.sleep(0.6)
    p.send_signal(signal.SIGCONT)
    rest = read_pty(master, None, WAIT if SLOW else 10)
    p.wait(timeout=WAIT)
    os.close(master)
    check(p.returncode == 0 and b"reading submissions" not in rest and b"\r" not in rest,
          "--quiet on a terminal: exit %d %r" % (p.returncode, rest))
    shutil.rmtree(work)


@test
def status_names_who_has_not_submitted_and_who_is_late():
    work, inp, out = copy_small()
    y = os.path.join(inp, "2021")
    os.remove(os.path.join(y, "submissions", "stp.csv"))
    # Modified after the deadline (2021-12-31) and before the report was
    # issued (2022-01-14): the file's date is trusted, and it is late.
    late = time.mktime((2022, 1, 5, 12, 0, 0, 0, 0, -1))
    os.utime(os.path.join(y, "submissions", "DakHa-2021.csv"), (late, late))
    rc, so, se = run(["status", "2021", "--input", inp])
    check(rc == 0, "exit %d: %s" % (rc, se))
    check(re.search(r"14 units expected, 13 submitted \(\d+ late\), 1 not submitted", so), so)
    nots = so.split("not submitted (1):", 1)[1].split("\n\n")[0]
    check("KT.STP" in nots and "Sở Tư pháp" in nots, "not submitted: %s" % nots)
    check("late (" in so, "nobody late: %s" % so)
    late_part = so.split("late (", 1)[1]
    check("KT.DHA" in late_part and "05/01/2022" in late_part and "DakHa-2021.csv" in late_part,
          "late: %s" % late_part)
    check(not os.path.exists(os.path.join(work, "output")), "status wrote something")
    check("files with errors" not in so, "errors said of clean files: %s" % so)
    # those that submitted are counted, and named with --all: each once,
    # with its date and file or "undated"; the other lists as before
    check("\nsubmitted (" not in so, "submitted named without --all: %s" % so)
    rc, so_all, se = run(["status", "2021", "--input", inp, "--all"])
    check(rc == 0 and so_all.replace(so_all.split("\n\n")[2] + "\n\n", "", 1) == so,
          "--all changes more than its list: %s" % so_all)
    subs = so_all.split("submitted (13):\n", 1)[1].split("\n\n")[0].split("\n")
    check(len(subs) == 13 and len(set(s.split()[0] for s in subs)) == 13 and
          "KT.STP" not in so_all.split("not submitted")[0], "submitted: %s" % subs)
    dha = [s for s in subs if s.split()[0] == "KT.DHA"]
    check(dha and dha[0].endswith(" - 05/01/2022 (submissions/DakHa-2021.csv, file date)"),
          "KT.DHA: %s" % dha)
    check(all(re.search(r" - (undated|\d\d/\d\d/\d{4} \(submissions/.*\))$", s) for s in subs),
          "a unit without its date: %s" % subs)
    check(subs[0].split()[0] == "KT", "the province first: %s" % subs[0])
    # a damaged file is said, not only its units "not submitted"
    with open(os.path.join(y, "submissions", "broken.xlsx"), "wb") as f:
        f.write(b"PK\x03\x04" + b"\0" * 200)
    with open(os.path.join(y, "submissions", "zz-bad.csv"), "w", encoding="utf-8") as f:
        f.write("unit_code,indicator,value\nKT.DHA,ht.cbcc,12.5.3\nKT.DHA,ht.wan,hmm\n")
    rc, so, se = run(["status", "2021", "--input", inp])
    check(rc == 0, "exit %d: %s" % (rc, se))
    part = so.split("files with errors", 1)[-1]
    check(so.count("files with errors") == 1 and
          re.search(r"\n  submissions/broken\.xlsx: 1 error; .*\[E_XLSX_[A-Z_]+\]\n", part) and
          re.search(r"\n  submissions/zz-bad\.csv: [2-9] errors; .*\[E_[A-Z_]+\]\n", part),
          "the damaged files are not said: %s" % part)
    # the folder named as given, without the slashes after it
    nowhere = os.path.join(work, "nowhere")
    rc, _, se = run(["status", "2021", "--input", nowhere + "//"])
    check(rc == 3 and se == "%s/2021: fatal: no such folder: the year's inputs go in %s/2021/ "
          "[F_INPUT]\n" % (nowhere, nowhere), "missing input: exit %d %s" % (rc, se))
    rc, _, se = run(["status"])
    check(rc == 2, "no year: exit %d" % rc)
    shutil.rmtree(work)


@test
def a_submitted_on_not_yet_come_keeps_the_build_from_being_up_to_date():
    # 31/12/2099 typed for 2021 is a slip (W_SUBMITTED_ON) only until the
    # clock reaches it: outputs built with it hang on the build's day, and
    # the next build is no "up to date" with them.  Mended, it is again.
    work, inp, out = copy_small()
    stp = os.path.join(inp, "2021", "submissions", "stp.csv")
    with open(stp, encoding="utf-8") as f:
        rows = f.read().splitlines()
    rows = [rows[0] + "\tNgày nộp"] + [r + "\t31/12/2099" for r in rows[1:] if r]
    with open(stp, "w", encoding="utf-8") as f:
        f.write("\n".join(rows) + "\n")
    for _ in range(2):
        rc, so, se = build_small(inp, out)
        check(rc == 0 and "up to date" not in so, "exit %d: %s %s" % (rc, so, se))
        v = read_validation(os.path.join(out, "2021", "validation.csv"))
        slips = [r for r in v if r["code"] == "W_SUBMITTED_ON"]
        check(len(slips) == 1 and "31/12/2099" in slips[0]["message"] and
              "chưa đến" in slips[0]["message"], "slips: %s" % slips)
    with open(stp, "w", encoding="utf-8") as f:
        f.write("\n".join(r.replace("31/12/2099", "05/01/2022") for r in rows) + "\n")
    rc, so, se = build_small(inp, out)
    check(rc == 0 and "up to date" not in so, "mended: exit %d: %s %s" % (rc, so, se))
    rc, so, se = build_small(inp, out)
    check(rc == 0 and "up to date" in so, "mended, again: exit %d: %s %s" % (rc, so, se))
    shutil.rmtree(work)


@test
def status_lists_a_unit_and_a_file_each_on_one_line():
    # A unit's name typed on two lines of its cell in units.csv, and a
    # value on two lines of a submission's: each took two lines of the
    # listing, the second without its code or file.  The name is one name
    # (its line break a space, as the registry reads it), the value shown
    # on one line, its line break as U+FFFD.
    work, inp, out = copy_small()
    y = os.path.join(inp, "2021")
    units = os.path.join(y, "units.csv")
    with open(units, encoding="utf-8") as f:
        text = f.read()
    with open(units, "w", encoding="utf-8") as f:
        f.write(text.replace("KT.STP,Sở Tư pháp,", 'KT.STP,"Sở Tư\npháp",'))
    os.remove(os.path.join(y, "submissions", "stp.csv"))
    with open(os.path.join(y, "submissions", "zz-bad.csv"), "w", encoding="utf-8") as f:
        f.write('unit_code,indicator,value\nKT.DHA,ht.cbcc,"12\r\n5"\n')
    rc, so, se = run(["status", "2021", "--input", inp])
    check(rc == 0, "exit %d: %s" % (rc, se))
    check("\n  KT.STP         Sở Tư pháp\n" in so, "the unit on two lines: %r" % so)
    check(re.search(r"\n  submissions/zz-bad\.csv: \d errors?; '12\ufffd\ufffd5' [^\n]*"
                    r"\[E_VALUE_COUNT\]\n", so), "the file on two lines: %r" % so)
    shutil.rmtree(work)


@test
def status_says_where_each_date_was_read_and_counts_warnings_as_no_errors():
    work, inp, out = copy_small()
    sub = os.path.join(inp, "2021", "submissions")
    table = ("\nlevel            expected submitted on time  late undated missing\n"
             "tinh                    1         1       0     0       1       0\n"
             "so                      3         3       0     %d       %d       0\n"
             "huyen                   3         3       0     0       3       0\n"
             "xa                      7         7       0     0       7       0\n")
    # every unit in, none late: the table alone, no list under it
    rc, so, se = run(["status", "2021", "--input", inp])
    check(rc == 0 and se == "" and
          so == "egreport: status 2021: 14 units expected, 14 submitted (0 late), 0 not "
                "submitted; deadline 31/12/2021\n" + table % (0, 3), "exit %d: %s" % (rc, so))

    def dated(name, y, m, d):
        t = time.mktime((y, m, d, 12, 0, 0, 0, 0, -1))
        os.utime(os.path.join(sub, name), (t, t))

    # the first file read, late by its own date; stp.csv late by its
    # submitted_on column (its file dated before the deadline); a file
    # whose only problem is a warning (a value given again)
    dated("01-sotttt.csv", 2022, 1, 5)
    shutil.copy(os.path.join(CASES, "late-submitted-on", "files", "submissions", "stp.csv"), sub)
    dated("stp.csv", 2021, 12, 20)
    with open(os.path.join(sub, "zz-again.csv"), "w", encoding="utf-8") as f:
        f.write("unit_code,indicator,value\nKT.STP,ht.cbcc,45\n")
    dated("zz-again.csv", 2021, 12, 20)
    rc, so, se = run(["status", "2021", "--input", inp])
    check(rc == 0 and se == "", "exit %d: %s" % (rc, se))
    # the whole of it: the late in their own column, no list of the
    # missing, and no word of the warning
    check(so == "egreport: status 2021: 14 units expected, 14 submitted (2 late), 0 not "
                "submitted; deadline 31/12/2021\n" + table % (2, 1) + "\nlate (2):\n"
                "  KT.STTTT       Sở Thông tin và Truyền thông - 05/01/2022 "
                "(submissions/01-sotttt.csv, file date)\n"
                "  KT.STP         Sở Tư pháp - 05/01/2022 (submissions/stp.csv, "
                "submitted_on column)\n", so)
    # a registry without communes: no line of communes in the table
    units = os.path.join(inp, "2021", "units.csv")
    with open(units, encoding="utf-8") as f:
        rows = [r for r in f if ",xa," not in r]
    with open(units, "w", encoding="utf-8") as f:
        f.writelines(rows)
    rc, so, se = run(["status", "2021", "--input", inp])
    levels = [l.split()[0] for l in so.split("\n\n")[1].splitlines()]
    check(rc == 0 and levels == ["level", "tinh", "so", "huyen"], "exit %d: %s" % (rc, so))
    # a deadline of last year's report.csv is said under the table
    report = os.path.join(inp, "2021", "report.csv")
    with open(report, encoding="utf-8") as f:
        text = f.read()
    with open(report, "w", encoding="utf-8") as f:
        f.write(text.replace("deadline,2021-12-31", "deadline,2020-12-31"))
    rc, so, se = run(["status", "2021", "--input", inp])
    check(rc == 0 and "deadline 31/12/2020" in so and
          re.search(r"\n\nreport\.csv:\d+:2: warning: .*\[W_REPORT_DATE\]\n", so),
          "exit %d: %s" % (rc, so))
    # --input with no folder is a wrong command line
    rc, so, se = run(["status", "2021", "--input", ""])
    check(rc == 2 and "egreport status: option --input needs a folder" in se,
          "exit %d: %s" % (rc, se))
    shutil.rmtree(work)


# ---- the output side failing --------------------------------------------------

def as_nobody():
    if os.geteuid() != 0:
        return None

    def drop():
        os.setgroups([])
        os.setgid(65534)
        os.setuid(65534)
    return drop


def chown_tree(path):
    for d, dirs, files in os.walk(path):
        os.chown(d, 65534, 65534)
        for f in files:
            os.chown(os.path.join(d, f), 65534, 65534)


def run_as(args, preexec, extra_env=None):
    p = subprocess.run([BIN] + args, env=env_for(extra_env), capture_output=True, text=True,
                       errors="replace", timeout=WAIT * 2, preexec_fn=preexec)
    return p.returncode, p.stdout, p.stderr


@test
def an_output_folder_that_cannot_be_made_says_why_not_what_followed():
    """--output a/b/c where a may not be written: the first folder refused
    says why (Permission denied), not what that refusal led to below it
    (b could not be made, so neither could c: "No such file or
    directory"); a build and a template alike, exit 3."""
    preexec = as_nobody()
    if not preexec:
        skip("needs root, to run as nobody, for whom a folder's permissions apply")
    work, inp, _ = copy_small()
    chown_tree(work)
    locked = os.path.join(work, "locked")
    os.mkdir(locked)
    os.chown(locked, 65534, 65534)
    os.chmod(locked, 0o555)
    out = os.path.join(locked, "reports", "egov")
    try:
        rc, _, se = run_as(["build", "2021", "--input", inp, "--output", out], preexec)
        check(rc == 3 and "cannot create the output folder: Permission denied [F_OUTPUT]" in se,
              "build: exit %d: %s" % (rc, se[-1500:]))
        rc, _, se = run_as(["template", "2021", "--input", inp, "--output", out], preexec)
        check(rc == 3 and "cannot make the folder: Permission denied [F_OUTPUT]" in se,
              "template: exit %d: %s" % (rc, se[-1500:]))
        check(os.listdir(locked) == [], "left in the folder: %s" % os.listdir(locked))
    finally:
        os.chmod(locked, 0o755)
        shutil.rmtree(work)


@test
def a_read_only_output_folder_exits_3_and_keeps_the_previous_outputs():
    work, inp, out = copy_small()
    os.chmod(work, 0o755)
    rc, _, se = build_small(inp, out)
    check(rc == 0, se)
    before = snapshot(os.path.join(out, "2021"))
    change_a_value(inp)
    preexec = as_nobody()            # root writes anywhere: run as nobody then
    if preexec:
        chown_tree(work)
    os.chmod(os.path.join(out, "2021"), 0o555)
    try:
        rc, so, se = run_as(["build", "2021", "--input", inp, "--output", out], preexec)
        check(rc == 3 and re.search(r"\[F_(OUTPUT|XLSX|PDF)\]", se) and "nothing was written" in se,
              "exit %d: %s" % (rc, se[-1500:]))
        if preexec:
            # said before anything is read; the user's own folder: no
            # word of another user
            check("2021: fatal: cannot write in the year's output folder: Permission denied "
                  "[F_OUTPUT]" in se, "read-only folder: %s" % se[-1500:])
        same_outputs(before, out, "read-only folder")
        check(hidden(out) == [], "leftovers %s" % hidden(out))
        # The output root read-only and no lock file yet: none can be made.
        os.remove(os.path.join(out, ".egreport-2021.lock"))
        os.chmod(os.path.join(out, "2021"), 0o755)
        os.chmod(out, 0o555)
        rc, so, se = run_as(["build", "2021", "--input", inp, "--output", out], preexec)
        check(rc == 3 and "[F_OUTPUT]" in se and "lock file" in se,
              "read-only root: exit %d: %s" % (rc, se[-1500:]))
        same_outputs(before, out, "read-only output root")
    finally:
        os.chmod(out, 0o755)
        os.chmod(os.path.join(out, "2021"), 0o755)
    shutil.rmtree(work)


@test
def a_full_disk_exits_3_and_keeps_the_previous_outputs():
    work, inp, out = copy_small()
    rc, _, se = build_small(inp, out)
    check(rc == 0, se)
    before = snapshot(os.path.join(out, "2021"))
    change_a_value(inp)
    sizes = sorted(len(v[0]) for v in before.values())
    failed_in = set()
    # Each limit lets some outputs through and stops a later one: the disk
    # fills up in the middle of a different writer each time.
    for limit in (4096, sizes[-2] + 1024, sizes[-1] - 1024):
        def small_disk(limit=limit):
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
        rc, so, se = run_as(["build", "2021", "--input", inp, "--output", out], small_disk)
        check(rc == 3 and "nothing was written" in se, "limit %d: exit %d: %s" % (limit, rc, se[-1500:]))
        check(re.search(r"\[F_(OUTPUT|XLSX|PDF)\]", se), "limit %d: %s" % (limit, se[-1500:]))
        same_outputs(before, out, "file size limit %d" % limit)
        check(hidden(out) == [], "limit %d: leftovers %s" % (limit, hidden(out)))
        # Our own messages name the output, not its temporary file, and
        # they are all there is: the workbook library's own account of the
        # same failure ("[ERROR] workbook_close(): ... '.egov-2021.xlsx.tmp-N'
        # ...") is not passed on.
        ours = [l for l in se.splitlines() if ": fatal: " in l]
        check(ours and not any(".tmp" in l for l in ours), "messages: %s" % ours)
        check(".tmp" not in se and "[ERROR]" not in se, "limit %d: stderr: %s" % (limit, se))
        # One failure reported, the first, whichever thread met it: two
        # writers can meet the full disk at once; with the system's reason.
        side = [l for l in ours if "[F_OUTPUT]" in l or "[F_PDF]" in l or "[F_XLSX]" in l]
        check(len(side) == 1, "limit %d: failures reported: %s" % (limit, side))
        check(os.strerror(errno.EFBIG) in side[0], "limit %d: no reason: %s" % (limit, side))
        failed_in.add(side[0].split("[")[-1])
    # The limits meet the workbook's writer and another one.
    check("F_XLSX]" in failed_in and len(failed_in) > 1, "writers that failed: %s" % failed_in)
    shutil.rmtree(work)


# A stand-in for fopen that fails for the file whose name holds
# $EG_FAIL_OPEN (No space left on device), or gives for the one whose name
# holds $EG_FAIL_WRITE a stream whose every write fails so, or for the one
# whose name holds $EG_FAIL_ONCE a stream whose first write fails so and
# the others go to the file (a disk full for a moment): the disk full at
# the open, or at the writing, of one output and of no other.  Such a
# stream has no file descriptor: its writing out is not started.
FAILING_FOPEN = r"""
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
static FILE *(*real)(const char *, const char *);
static int (*real_sfr)(int, off64_t, off64_t, unsigned int);
__attribute__((constructor)) static void find_fopen(void)
{
    real = (FILE *(*)(const char *, const char *))dlsym(RTLD_NEXT, "fopen");
    real_sfr = (int (*)(int, off64_t, off64_t, unsigned int))dlsym(RTLD_NEXT, "sync_file_range");
}
static int failed;
static ssize_t full(void *c, const char *b, size_t n)
{
    if (c && failed)
        return (ssize_t)fwrite(b, 1, n, c);
    failed = 1;
    errno = ENOSPC;
    return -1;
}
static int closed(void *c) { return c ? fclose(c) : 0; }
static int named(const char *path, const char *var)
{
    const char *s = getenv(var);
    return s && *s && strstr(path, s);
}
FILE *fopen(const char *path, const char *mode)
{
    cookie_io_functions_t io = { NULL, full, NULL, closed };

    if (named(path, "EG_FAIL_OPEN")) {
        errno = ENOSPC;
        return NULL;
    }
    if (named(path, "EG_FAIL_WRITE"))
        return fopencookie(NULL, mode, io);
    if (named(path, "EG_FAIL_ONCE")) {
        FILE *f = real(path, mode);

        return f ? fopencookie(f, mode, io) : NULL;
    }
    return real(path, mode);
}
FILE *fopen64(const char *path, const char *mode) { return fopen(path, mode); }
int sync_file_range(int fd, off64_t off, off64_t n, unsigned int flags)
{
    return fd == -1 ? 0 : real_sfr(fd, off, n, flags);
}
"""


@test
def a_csv_output_that_cannot_be_written_is_named_and_nothing_is_written():
    # validation.csv, data.csv and next year's baseline are written by
    # either thread: one that cannot be created, or whose bytes cannot be
    # written, fails the build with one line naming it (not its temporary
    # file), with the system's reason, and the previous outputs stay.
    if SLOW or sanitized(os.environ.get("EGREPORT_BIN", BIN)):
        skip("a preloaded library under valgrind or ASan")
    work, inp, out = copy_small()
    shim = preloaded(work, "failing_fopen", FAILING_FOPEN)
    rc, _, se = build_small(inp, out)
    check(rc == 0, se[-1500:])
    before = snapshot(os.path.join(out, "2021"))
    change_a_value(inp)
    for name in ("validation.csv", "data.csv", "baseline-2022.csv"):
        for how in ("EG_FAIL_OPEN", "EG_FAIL_WRITE", "EG_FAIL_ONCE"):
            for jobs in ("1", "2"):
                what = "%s %s --jobs %s" % (name, how, jobs)
                rc, so, se = build_small(inp, out, "--jobs", jobs,
                                         env={"LD_PRELOAD": shim, how: "." + name + ".tmp-"})
                ours = [l for l in se.splitlines() if ": fatal: " in l]
                check(rc == 3 and "nothing was written" in se, "%s: exit %d: %s" % (what, rc, se[-1500:]))
                check(ours == ["%s: fatal: cannot write: %s [F_OUTPUT]" %
                               (os.path.join(out, "2021", name), os.strerror(errno.ENOSPC))],
                      "%s: %s" % (what, ours))
                same_outputs(before, out, what)
                check(hidden(out) == [], "%s: leftovers %s" % (what, hidden(out)))
    shutil.rmtree(work)


def threads_at(pid):
    """The names of the threads of process pid."""
    names = []
    for t in os.listdir("/proc/%d/task" % pid):
        with open("/proc/%d/task/%s/comm" % (pid, t)) as f:
            names.append(f.read().strip())
    return names


@test
def the_pdf_is_written_by_a_second_thread_unless_jobs_is_1():
    # docs/operations.md: the PDF by a second thread (eg-pdf) while the
    # workbook is written; --jobs 1 does everything in one thread.
    if SLOW:
        skip("under valgrind, whose threads are its own")
    work, inp, out = copy_small()
    for jobs, second in (("1", False), ("2", True), ("3", True)):
        b = Build(inp, out, "--force", "--jobs", jobs, stop="pdf")
        b.wait_point("pdf")
        names = threads_at(b.p.pid)
        b.cont()
        rc, _, se = b.finish()
        check(rc == 0, "--jobs %s: exit %d %s" % (jobs, rc, se[-1000:]))
        check(("eg-pdf" in names) == second and
              (second or not any(n.startswith("eg-") for n in names)),
              "--jobs %s: threads at the PDF %s" % (jobs, names))
    shutil.rmtree(work)


# ---- formulas ---------------------------------------------------------------

@test
def text_from_inputs_never_becomes_a_formula():
    work, inp, out = copy_small()
    evil = ['=HYPERLINK("http://x.invalid","bấm")', "+1+2", "-3-4", "@SUM(A1:A9)", "=1+1"]
    rows = ["unit_code,indicator,value,note"]
    for i, e in enumerate(evil):
        q = '"%s"' % e.replace('"', '""')
        rows.append("%s,ht.cbcc,45,%s" % (q, q))          # unknown unit: in validation.csv
        rows.append("KT.STP,%s,1,%s" % (q, q))           # unknown indicator
    with open(os.path.join(inp, "2021", "submissions", "zz.csv"), "w", encoding="utf-8") as f:
        f.write("\n".join(rows) + "\n")
    rc, _, se = build_small(inp, out)
    check(rc == 1, "exit %d: %s" % (rc, se[-1000:]))
    with open(os.path.join(out, "2021", "validation.csv"), encoding="utf-8", newline="") as f:
        cells = [c for r in csv.reader(f) for c in r]
    for c in cells:
        check(not c or c[0] not in "=+-@", "validation.csv cell starts a formula: %r" % c)
    check(any(c.startswith("'=HYPERLINK") for c in cells), "the unit code is not in validation.csv")
    import openpyxl
    wb = openpyxl.load_workbook(os.path.join(out, "2021", "egov-2021.xlsx"))
    found = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                v = cell.value
                if cell.data_type == "f":
                    check(not any(e.lstrip("=+-@")[:6] in str(v) for e in evil),
                          "%s!%s is a formula from input: %r" % (ws.title, cell.coordinate, v))
                elif isinstance(v, str) and v[:1] in "=+-@" and any(
                        v.upper().startswith(e.upper()) for e in evil):
                    found += 1
    check(found >= 3, "the workbook does not show the texts as text (%d found)" % found)
    shutil.rmtree(work)


# ---- the nightly examples (tools/egreport.cron, egreport.service) --------------

def nightly_commands():
    """The shell commands of the cron line and of the unit's ExecStart, as
    sh runs them: cron's \\% and systemd's %% and $$ undone."""
    with open(os.path.join(ROOT, "tools", "egreport.cron"), encoding="utf-8") as f:
        line = [l for l in f if l.strip() and not l.startswith("#")][0]
    cron = line.split(None, 6)[6].strip().replace("\\%", "%")
    with open(os.path.join(ROOT, "tools", "egreport.service"), encoding="utf-8") as f:
        start = [l for l in f if l.startswith("ExecStart=")][0].strip()
    m = re.fullmatch(r"ExecStart=/bin/sh -c '(.*)'", start)
    check(m, start)
    unit = m.group(1).replace("%%", "%").replace("$$", "$")
    return cron, unit


def run_nightly(command, work, year):
    """command run by sh in work, with `date` saying year and egreport the
    program under test."""
    fake = os.path.join(work, "bin")
    os.makedirs(fake, exist_ok=True)
    with open(os.path.join(fake, "date"), "w") as f:
        f.write("#!/bin/sh\necho %d\n" % year)
    os.chmod(os.path.join(fake, "date"), 0o755)
    command = command.replace("cd /srv/egreport && ", "").replace("/usr/local/bin/egreport", BIN)
    check(BIN in command, "the command runs no /usr/local/bin/egreport: %s" % command)
    e = dict(os.environ, PATH=fake + os.pathsep + os.environ["PATH"],
             EGREPORT_LAYOUTS=os.path.join(ROOT, "layouts"))
    e.pop("SOURCE_DATE_EPOCH", None)
    return subprocess.run(["/bin/sh", "-c", command], cwd=work, env=e, capture_output=True,
                          text=True, timeout=WAIT)


@test
def the_nightly_examples_build_last_years_report_in_january_and_say_when_there_is_none():
    # In January 2022 the 2021 report is being compiled and input/2022 does
    # not exist: both build 2021 and say nothing of 2022.
    cron, unit = nightly_commands()
    for name, command in (("cron", cron), ("unit", unit)):
        work, inp, out = copy_small()
        r = run_nightly(command, work, 2022)
        check(r.returncode == 0, "%s: exit %d: %s" % (name, r.returncode, r.stderr[-1500:]))
        check(os.path.exists(os.path.join(out, "2021", "egov-2021.pdf")),
              "%s built no 2021 report: %s %s" % (name, r.stdout, r.stderr))
        check(not os.path.exists(os.path.join(out, "2022")), "%s built 2022" % name)
        check(r.stderr == "", "%s: %s" % (name, r.stderr))
        # Years later: neither folder; a line saying so (and exit 3 from the unit).
        r = run_nightly(command, work, 2030)
        check("neither input/2029 nor input/2030 exists" in r.stderr, "%s: %r" % (name, r.stderr))
        if name == "unit":
            check(r.returncode == 3, "unit: exit %d" % r.returncode)
        shutil.rmtree(work)


# ---- installation -------------------------------------------------------------

@test
def make_install_with_destdir_gives_a_binary_that_finds_its_layouts_and_a_man_page():
    stage = tmpdir()
    p = subprocess.run(["make", "--no-print-directory", "-s", "install", "DESTDIR=" + stage,
                        "PREFIX=/usr"], cwd=ROOT, capture_output=True, text=True, timeout=1200)
    check(p.returncode == 0, "make install: %s %s" % (p.stdout[-1500:], p.stderr[-1500:]))
    usr = os.path.join(stage, "usr")
    for rel in ("bin/egreport", "share/egreport/layouts/indicators.csv",
                "share/egreport/layouts/report.txt", "share/man/man1/egreport.1",
                "share/doc/egreport/README.md", "share/doc/egreport/operations.md",
                "share/doc/egreport/examples/egreport.timer",
                "share/doc/egreport/examples/egreport.service",
                "share/doc/egreport/examples/egreport.cron"):
        check(os.path.exists(os.path.join(usr, rel)), "not installed: " + rel)
    # the installed examples run the installed binary (PREFIX=/usr here)
    for rel in ("egreport.cron", "egreport.service"):
        text = open(os.path.join(usr, "share/doc/egreport/examples", rel), encoding="utf-8").read()
        check("/usr/bin/egreport build" in text and "/usr/local/bin/egreport build" not in text,
              "%s runs another egreport than the installed /usr/bin/egreport" % rel)
    # Run from a folder without layouts/, with no EGREPORT_LAYOUTS.
    work = tmpdir()
    shutil.copytree(os.path.join(ROOT, "input"), os.path.join(work, "input"))
    e = dict(os.environ)
    e.pop("EGREPORT_LAYOUTS", None)
    e.pop("EGREPORT_TEST_STOP", None)
    r = subprocess.run([os.path.join(usr, "bin", "egreport"), "build", "2020"], cwd=work, env=e,
                       capture_output=True, text=True, timeout=WAIT)
    check(r.returncode == 0, "staged binary: exit %d: %s" % (r.returncode, r.stderr[-1500:]))
    check(os.path.getsize(os.path.join(work, "output", "2020", "egov-2020.pdf")) > 10000, "no PDF")
    r = subprocess.run([os.path.join(usr, "bin", "egreport"), "status", "2020"], cwd=work, env=e,
                       capture_output=True, text=True, timeout=WAIT)
    check(r.returncode == 0 and "258 units expected" in r.stdout, "status: %s" % r.stdout)
    m = subprocess.run(["man", "-l", os.path.join(usr, "share", "man", "man1", "egreport.1")],
                       env=dict(e, MANPAGER="cat", PAGER="cat", MANWIDTH="80"),
                       capture_output=True, text=True, timeout=60)
    check(m.returncode == 0, "man -l: %s" % m.stderr)
    page = re.sub(r"\s+", " ", re.sub(r".\x08", "", m.stdout))
    for s in ("EGREPORT(1)", "egreport build YEAR", "--wait", "EXIT STATUS", "up to date",
              "status YEAR", "FILES"):
        check(s in page, "the man page lacks %r" % s)
    check("warning" not in m.stderr.lower(), "man warns: %s" % m.stderr)
    shutil.rmtree(work)
    shutil.rmtree(stage)


@test
def timings_show_each_phase_and_jobs_takes_1_to_8_threads():
    work, inp, out = copy_small()
    rc, so, se = build_small(inp, out, "--force", env={"EGREPORT_TIMINGS": "1"})
    check(rc == 0, se[-2000:])
    phases = re.findall(r"^egreport: timing: (.+?)\s+(\d+\.\d) ms \(processor (\d+\.\d) ms\)$",
                        se, re.M)
    names = [p[0] for p in phases]
    # each phase timed, the first closed by the second, the last by the end
    check(phases and all(float(p[1]) > 0 and float(p[2]) > 0 for p in (phases[0], phases[-1])),
          "phases: %s" % phases)
    check(names == ["checking what changed", "loading the layouts and registry",
                    "reading submissions", "checking and reconciling", "composing the report",
                    "writing the outputs", "putting the outputs in place"],
          "phases: %s" % names)
    # without the variable, nothing of the kind
    rc, so, se = build_small(inp, out, "--force", "--jobs", "1")
    check(rc == 0 and "timing" not in se, "exit %d: %s" % (rc, se[-400:]))
    # nor when it is 0, or empty
    for value in ("0", ""):
        rc, so, se = build_small(inp, out, "--force", env={"EGREPORT_TIMINGS": value})
        check(rc == 0 and "timing" not in se,
              "EGREPORT_TIMINGS=%r: exit %d: %s" % (value, rc, se[-400:]))
    # 8, the most, is taken (and the outputs are the same bytes)
    rc, so, se = build_small(inp, out, "--force", "--jobs", "8")
    check(rc == 0 and "wrote" in so, "--jobs 8: exit %d: %s" % (rc, se[-400:]))
    for bad in ("0", "9", "two", ""):
        rc, so, se = build_small(inp, out, "--jobs", bad)
        check(rc == 2, "--jobs %r: exit %d" % (bad, rc))
        check("--jobs needs a number of threads from 1 to 8" in se, "--jobs %r: %s" % (bad, se))
    shutil.rmtree(work)


@test
def a_year_with_its_own_layouts_folder_leaves_the_other_years_as_they_were():
    # layouts/2021/, a whole copy of the layouts edited for 2021, is read
    # for 2021 alone (build, status); 2022 reads layouts/ and is still up
    # to date after the 2021 folder came; the workbook and validation.csv
    # name the year's folder as "layouts/2021", no server path.
    work, inp, out = copy_small()
    shutil.copytree(os.path.join(inp, "2021"), os.path.join(inp, "2022"))
    lay = os.path.join(work, "layouts")
    shutil.copytree(os.path.join(ROOT, "layouts"), lay)
    rc, so, se = run(["build", "2022", "--input", inp, "--output", out, "--layouts", lay])
    check(rc in (0, 1), se[-2000:])
    before = snapshot(os.path.join(out, "2022"))
    own = os.path.join(lay, "2021")
    shutil.copytree(lay, own)
    rpt = os.path.join(own, "report.txt")
    text = open(rpt, encoding="utf-8").read()
    check("\n@title BÁO CÁO\n" in text, "report.txt has no @title BÁO CÁO line")
    text = text.replace("\n@title BÁO CÁO\n", "\n@title BÁO CÁO RIÊNG\n", 1)
    text += "\nSố cuộc họp trong năm: {gd.hop_truc_tuyen_khong_co:int}.\n"
    open(rpt, "w", encoding="utf-8").write(text)
    rc, so, se = run(["build", "2021", "--input", inp, "--output", out, "--layouts", lay])
    check(rc == 3 and "unknown figure 'gd.hop_truc_tuyen_khong_co'" in se and
          os.path.join(own, "report.txt") in se, "the year's own report.txt was not read: %s" % se)
    text = text.replace("{gd.hop_truc_tuyen_khong_co:int}", "{gd.dvc_muc_3:int}")
    open(rpt, "w", encoding="utf-8").write(text)
    subs = os.path.join(inp, "2021", "submissions")
    for name in os.listdir(subs):
        p = os.path.join(subs, name)
        rows = open(p, encoding="utf-8-sig").read().splitlines()
        keep = [r for r in rows if "gd.dvc_muc_3" not in r]
        if len(keep) != len(rows):
            open(p, "w", encoding="utf-8").write("\n".join(keep) + "\n")
    rc, so, se = run(["build", "2021", "--input", inp, "--output", out, "--layouts", lay])
    check(rc in (0, 1), se[-2000:])
    pdf = subprocess.run(["pdftotext", os.path.join(out, "2021", "egov-2021.pdf"), "-"],
                         capture_output=True, text=True).stdout
    check("BÁO CÁO RIÊNG" in pdf, "the PDF lacks the year's own title")
    with open(os.path.join(out, "2021", "validation.csv"), encoding="utf-8") as f:
        files = {r["file"] for r in csv.DictReader(f) if r["code"] == "W_FIGURE_MISSING"}
    check(files == {"layouts/2021/report.txt"}, "W_FIGURE_MISSING names %s" % files)
    info = workbook(os.path.join(out, "2021", "egov-2021.xlsx"))["Thông tin"]
    names = {r[0] for r in info.iter_rows(values_only=True) if r and isinstance(r[0], str)}
    check("layouts/2021/report.txt" in names, "Thông tin: %s" % sorted(names)[:20])
    rc, so, se = run(["status", "2021", "--input", inp, "--layouts", lay])
    check(rc == 0, se[-2000:])
    rc, so, se = run(["build", "2022", "--input", inp, "--output", out, "--layouts", lay])
    check(rc in (0, 1) and "up to date" in so, "2022 rebuilt after 2021's layouts came: %s" % so)
    check(unrefreshed(snapshot(os.path.join(out, "2022"))) == unrefreshed(before),
          "2022's outputs changed")
    pdf = subprocess.run(["pdftotext", os.path.join(out, "2022", "egov-2022.pdf"), "-"],
                         capture_output=True, text=True).stdout
    check("BÁO CÁO RIÊNG" not in pdf and "BÁO CÁO" in pdf, "2022 read 2021's layouts")
    # a layouts folder that is only named like a year is no year's own
    out2 = os.path.join(work, "out2")
    rc, so, se = run(["build", "2022", "--input", inp, "--output", out2, "--layouts", own + "/"])
    check(rc in (0, 1), se[-2000:])
    info = workbook(os.path.join(out2, "2022", "egov-2022.xlsx"))["Thông tin"]
    names = {r[0] for r in info.iter_rows(values_only=True) if r and isinstance(r[0], str)}
    check("layouts/report.txt" in names and "layouts/2021/report.txt" not in names,
          "Thông tin: %s" % sorted(names)[:20])
    shutil.rmtree(work)


@test
def a_years_own_layouts_folder_copied_unedited_rebuilds_that_year_once():
    # layouts/2021/ made as the docs say, a copy of layouts/ not yet
    # edited: the bytes are the same, but the outputs name their layouts
    # by the folder (Thông tin, validation.csv: layouts/2021/report.txt).
    # The build said "up to date" and kept a workbook naming layouts/,
    # which a build from scratch does not; and again, naming
    # layouts/2021/, once that folder was removed.
    work, inp, out = copy_small()
    lay = os.path.join(work, "layouts")
    shutil.copytree(os.path.join(ROOT, "layouts"), lay)

    def named():
        info = workbook(os.path.join(out, "2021", "egov-2021.xlsx"))["Thông tin"]
        return {r[0] for r in info.iter_rows(values_only=True)
                if r and isinstance(r[0], str) and r[0].endswith("report.txt")}

    def again(what, expect_rebuild, expect_named):
        rc, so, se = build_small(inp, out, "--layouts", lay)
        check(rc in (0, 1), "%s: exit %d %s" % (what, rc, se[-1000:]))
        check(("up to date" not in so) == expect_rebuild, "%s: %s" % (what, so))
        check(named() == {expect_named}, "%s: Thông tin names %s" % (what, named()))

    again("the first build", True, "layouts/report.txt")
    again("nothing changed", False, "layouts/report.txt")
    shutil.copytree(lay, os.path.join(lay, "2021"))
    again("layouts/2021 copied, not edited", True, "layouts/2021/report.txt")
    again("nothing changed since", False, "layouts/2021/report.txt")
    # then edited: the year's own copy is what is read, and what counts
    with open(os.path.join(lay, "2021", "report.txt"), "a", encoding="utf-8") as f:
        f.write("\n")
    again("layouts/2021 edited", True, "layouts/2021/report.txt")
    shutil.rmtree(os.path.join(lay, "2021"))
    again("layouts/2021 removed", True, "layouts/report.txt")
    shutil.rmtree(work)


@test
def a_subfolder_of_reports_in_submissions_is_said_to_be_one_and_not_read():
    # Month by month the files may be sorted into folders (submissions/T11/):
    # they are not read, and the warning said "không phải tệp thông
    # thường" (not an ordinary file), of a folder holding reports.  It
    # now says it is a folder, how many reports in it are not read, and
    # to move them out of it.
    work, inp, out = copy_small()
    sub = os.path.join(inp, "2021", "submissions")
    t11 = os.path.join(sub, "T11")
    os.mkdir(t11)
    for name in ("stp.csv", "DakHa-2021.csv"):
        shutil.move(os.path.join(sub, name), os.path.join(t11, name))
    with open(os.path.join(t11, "ghi chu.txt.bak"), "w") as f:
        f.write("not a report\n")
    os.mkdir(os.path.join(sub, "trong"))
    rc, so, se = build_small(inp, out)
    check(rc in (0, 1), se[-2000:])
    rows = {r["file"]: r for r in read_validation(os.path.join(out, "2021", "validation.csv"))
            if r["code"] == "W_FILE_IGNORED"}
    check(set(rows) == {"submissions/T11", "submissions/trong"}, "W_FILE_IGNORED: %s" % rows)
    msg = rows["submissions/T11"]["message"]
    check("thư mục" in msg and "2 tệp báo cáo" in msg and "chuyển các tệp báo cáo ra" in msg,
          msg)
    msg = rows["submissions/trong"]["message"]
    check("thư mục" in msg and "tệp báo cáo" not in msg, msg)
    shutil.rmtree(work)


@test
def a_missing_or_wrong_year_folder_creates_no_output_folder_nor_lock():
    # a typo'd year fails before anything is made under the output folder
    work, inp, out = copy_small()
    fresh = os.path.join(work, "fresh", "out")
    rc, so, se = run(["build", "2031", "--input", inp + "/", "--output", fresh + "/"])
    check(rc == 3 and "%s/2031: fatal: no such folder: the year's inputs go in %s/2031/" % (inp, inp)
          in se, "exit %d %s" % (rc, se))
    check(not os.path.exists(os.path.join(work, "fresh")), "the output folder was made")
    open(os.path.join(inp, "2030"), "w").close()
    rc, so, se = run(["build", "2030", "--input", inp, "--output", out])
    check(rc == 3 and "2030: fatal: is not a folder: the year's inputs go in a folder" in se,
          "exit %d %s" % (rc, se))
    check(not os.path.exists(out), "the output folder was made")
    # a folder given with a trailing '/' is named without a doubled one
    rc, so, se = run(["build", "2021", "--input", inp + "/", "--output", out + "//"])
    check(rc in (0, 1) and "//" not in so + se and "%s/2021/egov-2021.xlsx" % out in so,
          "exit %d %s %s" % (rc, so, se))
    # the root folder is "/", its year "/2031"
    rc, so, se = run(["build", "2031", "--input", "/", "--output", fresh])
    check(rc == 3 and se.startswith("/2031: fatal: no such folder: the year's inputs go in "
                                     "/2031/"), "exit %d %s" % (rc, se))
    # the year's own files, in a fatal problem, are named with their folder
    os.remove(os.path.join(inp, "2021", "units.csv"))
    rc, so, se = run(["build", "2021", "--input", inp, "--output", out])
    check(rc == 3 and se.startswith("%s/2021/units.csv: fatal: cannot open" % inp), "stderr: %s" % se)
    # and so by status, template and validate, which said "units.csv:
    # fatal" (which year's?) where build says input/2021/units.csv
    for args in (["status", "2021", "--input", inp], ["template", "2021", "--input", inp,
                                                      "--output", out],
                 ["validate", os.path.join(inp, "2021", "submissions"), "--input", inp]):
        rc, so, se = run(args)
        check(rc == 3 and se.startswith("%s/2021/units.csv: fatal: cannot open" % inp),
              "%s: exit %d, stderr: %s" % (args[0], rc, se))
    shutil.rmtree(work)


@test
def a_build_started_with_its_standard_streams_closed_writes_no_text_into_its_files():
    # cron's "egreport build 2021 <&- >&- 2>&-": the first files the build
    # opened took the numbers 0, 1 and 2 (its lock file first), so that
    # anything printed while they were open would have gone into them (no
    # output was written so, by the order of its opens and closes, not by
    # design).  They are opened on /dev/null (standard
    # output on /dev/full, so that a command's printing still fails as on
    # a closed one).  Seen while the build waits for a lock the test holds.
    if SLOW:
        skip("valgrind's and ASan's own files take the free numbers first")
    import fcntl
    work, inp, out = copy_small()
    os.makedirs(out)
    lock = os.path.join(out, ".egreport-2021.lock")
    held = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    fcntl.flock(held, fcntl.LOCK_EX)
    p = subprocess.Popen(["sh", "-c", 'exec "$0" build 2021 --input "$1" --output "$2" '
                          '--wait 60 <&- >&- 2>&-', BIN, inp, out], env=env_for())
    fds = {}
    deadline = time.time() + WAIT
    while time.time() < deadline and p.poll() is None:
        try:
            fds = {n: os.readlink("/proc/%d/fd/%s" % (p.pid, n))
                   for n in os.listdir("/proc/%d/fd" % p.pid)}
        except OSError:
            fds = {}
        if lock in fds.values():
            break
        time.sleep(0.02)
    fcntl.flock(held, fcntl.LOCK_UN)
    os.close(held)
    rc = p.wait(timeout=WAIT)
    check(lock in fds.values(), "the build never opened its lock file: %r" % fds)
    check([fds.get(n) for n in ("0", "1", "2")] == ["/dev/null", "/dev/full", "/dev/null"],
          "standard streams %r" % fds)
    check(rc == 0 and os.path.getsize(lock) == 0, "exit %d, lock file of %d bytes" %
          (rc, os.path.getsize(lock)))
    # status prints what it is run for: lost on a closed standard output,
    # it says so and exits 3, as before
    r = subprocess.run(["sh", "-c", 'exec "$0" status 2021 --input "$1" >&-', BIN, inp],
                       env=env_for(), capture_output=True, text=True)
    check(r.returncode == 3 and "cannot write to standard output: Bad file descriptor" in
          r.stderr, "status: exit %d: %s" % (r.returncode, r.stderr))
    # /dev/full that cannot be opened in its place: said, exit 3, nothing made
    # (ASan must come first among the libraries: no shim before it)
    if sanitized(os.environ.get("EGREPORT_BIN", BIN)):
        shutil.rmtree(work)
        return
    shim = preloaded(work, "nofull", NO_DEV_FULL)
    out2 = os.path.join(work, "out2")
    r = subprocess.run(["sh", "-c", 'exec "$0" build 2021 --input "$1" --output "$2" >&-', BIN,
                        inp, out2], env=env_for({"LD_PRELOAD": shim}), capture_output=True,
                       text=True)
    check(r.returncode == 3 and r.stderr == "egreport: cannot open /dev/full for the closed "
          "descriptor 1: Permission denied\n" and not os.path.exists(out2),
          "no /dev/full: exit %d: %s" % (r.returncode, r.stderr))
    shutil.rmtree(work)


NO_DEV_FULL = r"""
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <string.h>

static int refuse(const char *path)
{
    if (strcmp(path, "/dev/full") != 0)
        return 0;
    errno = EACCES;
    return 1;
}

#define SHIM(name)                                                              \
    int name(const char *path, int flags, ...)                                  \
    {                                                                           \
        static int (*real)(const char *, int, ...);                             \
        va_list ap;                                                             \
        int mode;                                                               \
                                                                                \
        va_start(ap, flags);                                                    \
        mode = va_arg(ap, int);                                                 \
        va_end(ap);                                                             \
        if (refuse(path))                                                       \
            return -1;                                                          \
        if (!real)                                                              \
            real = (int (*)(const char *, int, ...))dlsym(RTLD_NEXT, #name);   \
        return real(path, flags, mode);                                         \
    }

SHIM(open)
SHIM(open64)
"""


@test
def a_lock_file_left_by_another_user_is_said_to_be_one():
    # a build run by hand as root leaves output/.egreport-2021.lock root's:
    # the service user's next build says what to do, not only EACCES
    if os.geteuid() != 0 or not shutil.which("setpriv"):
        skip("needs root and setpriv to run a build as another user")
    if SLOW:
        skip("valgrind's or ASan's files are root's")
    work, inp, out = copy_small()
    rc, _, se = build_small(inp, out)
    check(rc == 0, se[-2000:])
    os.chmod(work, 0o755)
    for root, dirs, files in os.walk(work):
        for d in dirs:
            os.chmod(os.path.join(root, d), 0o755)
        for f in files:
            os.chmod(os.path.join(root, f), 0o644)
    p = subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", BIN,
                        "build", "2021", "--input", inp, "--output", out, "--force"],
                       capture_output=True, text=True, env=env_for(), timeout=WAIT)
    check(p.returncode == 3 and ".egreport-2021.lock: fatal: cannot create or lock the lock "
          "file: Permission denied (is it, or the output folder, another user's? run egreport "
          "as the user the nightly build runs as" in p.stderr, "exit %d %s" % (p.returncode,
                                                                                p.stderr))
    # The lock file given back (as the message says), the year's folder
    # that root's build made is still root's: said before the build reads
    # anything, with what to do; it said "cannot write the workbook ...:
    # Permission denied" once everything was computed.
    os.chown(out, 65534, 65534)
    os.chown(os.path.join(out, ".egreport-2021.lock"), 65534, 65534)
    p = subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", BIN,
                        "build", "2021", "--input", inp, "--output", out, "--force"],
                       capture_output=True, text=True, env=env_for({"EGREPORT_TIMINGS": "1"}),
                       timeout=WAIT)
    check(p.returncode == 3 and "2021: fatal: cannot write in the year's output folder: "
          "Permission denied (it is another user's: run egreport as the user the nightly build "
          "runs as" in p.stderr and "reading submissions" not in p.stderr,
          "the year's folder root's: exit %d %s" % (p.returncode, p.stderr))
    # up to date, it needs writing nothing: not a failure
    p = subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", BIN,
                        "build", "2021", "--input", inp, "--output", out],
                       capture_output=True, text=True, env=env_for(), timeout=WAIT)
    check(p.returncode == 0 and "up to date" in p.stdout,
          "up to date in root's folder: exit %d %s" % (p.returncode, p.stderr))
    shutil.rmtree(work)
