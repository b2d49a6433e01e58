"""The rulebook, the system exports and the check catalogue, end to end.

The faulty inputs themselves are cases (tests/cases/rule-*, systems-*,
late-*, outlier-*, layout-rule-*); here are the tests that need more than
one build or look at the project's own files:

- the catalogue (docs/checks.md) lists every code the program can emit,
  and every code it lists is triggered by some test;
- the demo's system exports agree with the demo, and a change to one
  unit's figure is found by them;
- reconciling an export takes memory independent of its size.
"""
import glob
import os
import re
import shutil
import subprocess
import time

from e2elib import sanitized, ROOT, check, run, skip, test, tmpdir, read_validation, demo_problems, \
    pdf_text, DEMO_WARNINGS

CODE = re.compile(r"\b[EWFR]_[A-Z0-9]+(?:_[A-Z0-9]+)*\b")

# Codes no test can provoke from outside the program, and why.  Each must
# still be in the catalogue; one that a test comes to trigger must leave
# this list.
UNTRIGGERABLE = {
    "F_MEMORY": "libcsv could not allocate its parser: an allocation failure, not an input",
}


def source_codes():
    """Every code the program can emit: string literals of src/ that look
    like codes, and the rules' codes of layouts/rules.csv."""
    codes = set()
    for path in glob.glob(os.path.join(ROOT, "src", "*", "*.[ch]")):
        text = open(path, encoding="utf-8").read()
        codes |= set(re.findall(r'"([EWF]_[A-Z0-9_]+)"', text))
    import csv
    with open(os.path.join(ROOT, "layouts", "rules.csv"), encoding="utf-8") as f:
        codes |= {r["code"] for r in csv.DictReader(f)}
    return codes


def catalogue_codes():
    """Codes in the first column of docs/checks.md's tables."""
    codes = set()
    for line in open(os.path.join(ROOT, "docs", "checks.md"), encoding="utf-8"):
        if line.startswith("|") and not line.startswith("| ---"):
            first = line.split("|")[1]
            codes |= set(CODE.findall(first))
    return codes


def tested_codes():
    """Codes that a test names: expected rows, case files, test sources
    (this file's list of exceptions aside)."""
    found = set()
    paths = (glob.glob(os.path.join(ROOT, "tests", "cases", "*", "expected.csv")) +
             glob.glob(os.path.join(ROOT, "tests", "cases", "*", "case.txt")) +
             glob.glob(os.path.join(ROOT, "tests", "*.py")) +
             glob.glob(os.path.join(ROOT, "tests", "*.sh")) +
             glob.glob(os.path.join(ROOT, "tests", "unit", "*.c")))
    for path in paths:
        if os.path.basename(path) == "e2e_rules.py":
            continue
        found |= set(CODE.findall(open(path, encoding="utf-8", errors="replace").read()))
    return found


@test
def every_code_the_program_emits_is_in_the_catalogue():
    missing = sorted(source_codes() - catalogue_codes())
    check(not missing, "codes emitted but not in docs/checks.md: %s" % ", ".join(missing))


@test
def every_code_of_the_catalogue_is_triggered_by_a_test():
    cat = catalogue_codes()
    check(len(cat) > 60, "the catalogue could not be read: %d codes" % len(cat))
    untested = sorted(cat - tested_codes() - set(UNTRIGGERABLE))
    check(not untested, "codes of docs/checks.md that no test triggers: %s" % ", ".join(untested))
    for code in UNTRIGGERABLE:
        check(code in cat, "%s is excused from the tests but not in the catalogue" % code)
        check(code not in tested_codes(), "%s is tested now: take it off UNTRIGGERABLE" % code)


@test
def the_catalogue_lists_no_code_the_program_cannot_emit():
    ghosts = sorted(catalogue_codes() - source_codes())
    check(not ghosts, "docs/checks.md lists codes nothing emits: %s" % ", ".join(ghosts))


# ---- the demo's system exports -------------------------------------------

def demo_with_systems():
    """A copy of input/2020 with its system exports (generated when the
    working tree has none yet)."""
    work = tmpdir()
    year = os.path.join(work, "input", "2020")
    shutil.copytree(os.path.join(ROOT, "input", "2020"), year,
                    ignore=shutil.ignore_patterns("systems"))
    made = os.path.join(ROOT, "input", "2020", "systems")
    if os.path.exists(os.path.join(made, "dossiers.csv")) and \
            os.path.exists(os.path.join(made, "documents.csv")):
        os.symlink(made, os.path.join(year, "systems"))
    else:
        subprocess.run(["/usr/bin/python3", os.path.join(ROOT, "tools", "gen-systems-2020.py"),
                        "--input", year], check=True, capture_output=True)
    return work


@test
def demo_2020_agrees_with_its_system_exports():
    work = demo_with_systems()
    out = os.path.join(work, "out")
    rc, _, se = run(["build", "2020", "--input", os.path.join(work, "input"), "--output", out])
    check(rc == 0, "exit %d: %s" % (rc, se[-2000:]))
    rows = read_validation(os.path.join(out, "2020", "validation.csv"))
    check(demo_problems(rows) == DEMO_WARNINGS, "the demo with its exports is not clean: %s"
          % rows[:5])


@test
def demo_2020_exports_find_one_unit_whose_dossiers_changed():
    work = demo_with_systems()
    path = os.path.join(work, "input", "2020", "submissions", "STP-bao-cao-CNTT-2020.csv")
    raw = open(path, "rb").read()
    # one dossier more in the department's own figure
    check(b"GL.STP,gd.ho_so,11.534\r\n" in raw, "the demo's Sở Tư pháp file changed: adapt this test")
    open(path, "wb").write(raw.replace(b"GL.STP,gd.ho_so,11.534\r\n", b"GL.STP,gd.ho_so,11.535\r\n"))
    out = os.path.join(work, "out")
    rc, _, se = run(["build", "2020", "--input", os.path.join(work, "input"), "--output", out])
    check(rc == 1, "exit %d, expected 1: %s" % (rc, se[-2000:]))
    rows = [r for r in read_validation(os.path.join(out, "2020", "validation.csv"))
            if (r["severity"], r["code"], r["file"]) not in DEMO_WARNINGS]
    got = [(r["code"], r["unit"], r["indicator"]) for r in rows]
    check(got == [("E_SYSTEM_HO_SO", "GL.STP", "gd.ho_so")], "got %s" % got)
    check("11.535" in rows[0]["message"] and "11.534" in rows[0]["message"],
          "both figures are not named: %s" % rows[0]["message"])


# ---- an export not read ---------------------------------------------------

@test
def an_export_not_read_is_named_in_the_report_too():
    """systems/ with the one-stop system's export under another name: the
    report's appendix said that no problem was found, as though its check
    had been made; it names the file not read and the export missing.  Put
    back under its name, the export agrees and nothing is said."""
    work = tmpdir()
    year = os.path.join(work, "input", "2021")
    shutil.copytree(os.path.join(ROOT, "tests", "cases", "small-2021", "input", "2021"), year)
    subprocess.run(["/usr/bin/python3", os.path.join(ROOT, "tests", "cases", "systems-misnamed",
                                                     "make.py"), year], check=True)
    none = "Không phát hiện lỗi hoặc cảnh báo nào"
    out = os.path.join(work, "out")
    rc, _, se = run(["build", "2021", "--input", os.path.join(work, "input"), "--output", out])
    check(rc == 0, "exit %d: %s" % (rc, se[-2000:]))
    text = pdf_text(os.path.join(out, "2021", "egov-2021.pdf"))
    check(none not in text, "the report says no problem was found")
    for said in ("systems/dossiers (1).csv", "systems/dossiers.csv",
                 "chưa được đối chiếu với hệ thống"):
        check(said in text, "the report does not say %r" % said)

    os.rename(os.path.join(year, "systems", "dossiers (1).csv"),
              os.path.join(year, "systems", "dossiers.csv"))
    rc, _, se = run(["build", "2021", "--input", os.path.join(work, "input"), "--output", out])
    check(rc == 0, "exit %d: %s" % (rc, se[-2000:]))
    check(read_validation(os.path.join(out, "2021", "validation.csv")) == [],
          "the export under its name is not clean")
    check(none in pdf_text(os.path.join(out, "2021", "egov-2021.pdf")),
          "the report of a clean build does not say so")


# ---- memory ---------------------------------------------------------------

# Run from a fresh interpreter: a child forked from this test process,
# grown large by the tests before, would count its pages in ru_maxrss.
MEASURE = """import os, subprocess, sys
p = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
_, status, ru = os.wait4(p.pid, 0)
print(os.waitstatus_to_exitcode(status), ru.ru_maxrss)
"""


def peak_rss_kb(args):
    e = dict(os.environ)
    e["EGREPORT_LAYOUTS"] = os.path.join(ROOT, "layouts")
    binary = os.environ.get("EGREPORT_BIN", os.path.join(ROOT, "egreport"))
    out = subprocess.run(["/usr/bin/python3", "-c", MEASURE, binary] + args, env=e,
                         capture_output=True, text=True, check=True).stdout.split()
    return int(out[0]), int(out[1])


@test
def reconciling_takes_memory_independent_of_the_export_size():
    binary = os.environ.get("EGREPORT_BIN", os.path.join(ROOT, "egreport"))
    if sanitized(binary) or os.environ.get("EGREPORT_TEST_SLOW"):
        # ASan's and valgrind's own bookkeeping make the process's size
        # meaningless; the plain build measures it.
        skip("a sanitized or valgrind run")
    work = tmpdir()
    year = os.path.join(work, "input", "2020")
    shutil.copytree(os.path.join(ROOT, "input", "2020"), year,
                    ignore=shutil.ignore_patterns("systems"))
    peaks = []
    for rows in (20000, 600000):
        shutil.rmtree(os.path.join(year, "systems"), ignore_errors=True)
        subprocess.run(["/usr/bin/python3", os.path.join(ROOT, "tools", "gen-systems-2020.py"),
                        "--input", year, "--rows", str(rows)], check=True, capture_output=True)
        rc, peak = peak_rss_kb(["build", "2020", "--input", os.path.join(work, "input"),
                                "--output", os.path.join(work, "out%d" % rows), "--quiet"])
        check(rc == 1, "exit %d with a %d-row export" % (rc, rows))
        peaks.append(peak)
    check(peaks[1] < 64 * 1024, "peak RSS %.1f MB with 600.000 rows" % (peaks[1] / 1024))
    # thirty times the rows, the same memory give or take the allocator's slack
    check(peaks[1] - peaks[0] < 4 * 1024, "peak RSS grew from %.1f to %.1f MB"
          % (peaks[0] / 1024, peaks[1] / 1024))
