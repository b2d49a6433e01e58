"""Faulty inputs: each folder of tests/cases/ with a case.txt is a test.

case.txt, one key a line:
  base NAME          start from tests/cases/NAME/input/<year>/
  year YEAR          the year to build
  exit N             the exit code expected
  args ...           more options for egreport build
  remove PATH        delete PATH (relative to the year folder) from the copy
  layouts FILE: OLD => NEW   build with a copy of layouts/ where FILE has OLD replaced by NEW
  layouts_add FILE: LINE     ... where FILE has LINE added at its end
  mtime PATH YYYY-MM-DD      set PATH's modification time (noon, local time) in the copy
  generate SCRIPT            run tests/cases/NAME/SCRIPT YEAR-FOLDER to write more input
                             (large or binary files that are better made than kept)
  stderr TEXT        standard error must contain TEXT
  stdout TEXT        standard output must contain TEXT
  nostderr TEXT      standard error must not contain TEXT
  pdf TEXT           the PDF's text (spaces made one) must contain TEXT
  nopdf TEXT         ... must not contain TEXT
  nothing_written    the output folder must stay empty
files/ is laid over the year folder; expected.csv lists the rows
validation.csv must hold (severity,code,file,row,column,unit,indicator).
"""
import csv
import os
import shutil
import subprocess
import time

from e2elib import CASES, ROOT, TESTS, VIETNAMESE, Failure, check, own_words, pdf_text, run, tmpdir, read_validation

# ---- faulty inputs: tests/cases/<name>/case.txt ----------------------------

def load_case(name):
    spec = {"base": None, "year": None, "exit": None, "args": [], "remove": [], "stderr": [],
            "layouts": [], "layouts_add": [], "mtime": [], "generate": [], "pdf": [], "nopdf": [], "stdout": [], "nostderr": [],
            "nothing_written": False}
    with open(os.path.join(CASES, name, "case.txt"), encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            key, _, val = line.partition(" ")
            if key in ("base", "year", "exit"):
                spec[key] = val
            elif key == "args":
                spec["args"] += val.split()
            elif key in ("remove", "stderr", "layouts", "layouts_add", "mtime", "generate", "pdf", "nopdf", "stdout", "nostderr"):
                spec[key].append(val)
            elif key == "nothing_written":
                spec["nothing_written"] = True
            else:
                raise Failure("case %s: unknown key %s" % (name, key))
    return spec


def run_case(name):
    spec = load_case(name)
    year = spec["year"]
    work = tmpdir()
    ydir = os.path.join(work, "input", year)
    files = os.path.join(CASES, name, "files")
    if spec["base"]:
        shutil.copytree(os.path.join(CASES, spec["base"], "input", year), ydir)
    else:
        os.makedirs(os.path.dirname(ydir))
    if os.path.isdir(files):
        shutil.copytree(files, ydir, dirs_exist_ok=True)
    for rel in spec["remove"]:
        p = os.path.join(ydir, rel)
        shutil.rmtree(p) if os.path.isdir(p) else os.remove(p)
    for script in spec["generate"]:
        p = subprocess.run(["/usr/bin/python3", os.path.join(CASES, name, script), ydir],
                           capture_output=True, text=True)
        check(p.returncode == 0, "case %s: %s failed:\n%s" % (name, script, p.stderr[-2000:]))
    for m in spec["mtime"]:
        rel, _, day = m.rpartition(" ")
        t = time.mktime(time.strptime(day + " 12:00:00", "%Y-%m-%d %H:%M:%S"))
        os.utime(os.path.join(ydir, rel), (t, t))
    layouts = os.path.join(ROOT, "layouts")
    if spec["layouts"] or spec["layouts_add"]:
        layouts = os.path.join(work, "layouts")
        shutil.copytree(os.path.join(ROOT, "layouts"), layouts)
        for edit in spec["layouts"]:
            # "FILE: OLD => NEW" replaces text in a copy of the layouts
            fname, _, rest = edit.partition(": ")
            old, _, new = rest.partition(" => ")
            path = os.path.join(layouts, fname)
            text = open(path, encoding="utf-8").read()
            check(old in text, "case %s: '%s' not in %s" % (name, old, fname))
            open(path, "w", encoding="utf-8").write(text.replace(old, new, 1))
        for add in spec["layouts_add"]:
            fname, _, line = add.partition(": ")
            path = os.path.join(layouts, fname)
            text = open(path, encoding="utf-8").read()
            open(path, "w", encoding="utf-8").write(text + ("" if text.endswith("\n") else "\n") + line + "\n")
    out = os.path.join(work, "output")
    rc, so, se = run(["build", year, "--input", os.path.join(work, "input"), "--output", out,
                      "--layouts", layouts] + spec["args"])
    check(str(rc) == spec["exit"], "exit %d, expected %s; stderr:\n%s" % (rc, spec["exit"], se[-3000:]))
    for s in spec["stderr"]:
        check(s in se, "stderr lacks %r:\n%s" % (s, se[-3000:]))
    for s in spec["nostderr"]:
        check(s not in se, "stderr has %r:\n%s" % (s, se[-3000:]))
    for s in spec["stdout"]:
        check(s in so, "stdout lacks %r:\n%s" % (s, so[-3000:]))
    if spec["pdf"] or spec["nopdf"]:
        text = pdf_text(os.path.join(out, year, "egov-%s.pdf" % year))
        for s in spec["pdf"]:
            check(s in text, "the PDF lacks %r:\n%s" % (s, text[:3000]))
        for s in spec["nopdf"]:
            check(s not in text, "the PDF has %r:\n%s" % (s, text[:3000]))
    vpath = os.path.join(out, year, "validation.csv")
    if spec["nothing_written"]:
        check(not os.path.exists(os.path.join(out, year)) or not os.listdir(os.path.join(out, year)),
              "something was written")
    expected = os.path.join(CASES, name, "expected.csv")
    if os.path.exists(expected):
        got = read_validation(vpath)
        keys = ("severity", "code", "file", "row", "column", "unit", "indicator")
        got_rows = sorted(tuple(r[k] for k in keys) for r in got)
        with open(expected, encoding="utf-8") as f:
            want_rows = sorted(tuple(r[k] for k in keys) for r in csv.DictReader(f))
        check(got_rows == want_rows, "validation.csv differs:\n  got  %s\n  want %s\n  messages:\n  %s" % (
            got_rows, want_rows, "\n  ".join(r["message"] for r in got)))
        for r in got:
            check(r["message"].strip(), "a row without a message")
            check(VIETNAMESE.search(own_words(r["message"])), "a message not in Vietnamese: %s" % r)
    shutil.rmtree(work)


def make_case_test(name):
    def t():
        run_case(name)
    t.__name__ = "case_" + name.replace("-", "_")
    return t


for _name in sorted(os.listdir(CASES)):
    if os.path.exists(os.path.join(CASES, _name, "case.txt")):
        TESTS.append(make_case_test(_name))
