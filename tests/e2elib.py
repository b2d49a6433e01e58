#!/usr/bin/python3
"""Helpers shared by the end-to-end tests (tests/e2e_*.py).

A test is a function decorated with @test that raises Failure (through
check) when the program does not do what it should.  tests/e2e.py runs
them all.
"""
import csv
import os
import re
import subprocess
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CASES = os.path.join(ROOT, "tests", "cases")
BIN = os.path.abspath(os.environ.get("EGREPORT_BIN", os.path.join(ROOT, "egreport")))
TESTS = []


def test(fn):
    TESTS.append(fn)
    return fn


class Failure(Exception):
    pass


class Skipped(Exception):
    pass


def skip(reason):
    """Ends the test as skipped, for the reason given: not counted passed."""
    raise Skipped(reason)


def check(cond, msg):
    if not cond:
        raise Failure(msg)


# ---- running the program --------------------------------------------------

def run(args, cwd=None, env=None, preexec=None):
    e = dict(os.environ)
    e.pop("SOURCE_DATE_EPOCH", None)
    e["EGREPORT_LAYOUTS"] = os.path.join(ROOT, "layouts")
    if env:
        e.update(env)
    p = subprocess.run([BIN] + args, cwd=cwd or ROOT, env=e, capture_output=True,
                       text=True, timeout=120, preexec_fn=preexec)
    return p.returncode, p.stdout, p.stderr


def build(input_dir, year, out_dir, *extra, env=None):
    return run(["build", str(year), "--input", input_dir, "--output", out_dir] + list(extra),
               env=env)


# A letter only Vietnamese writes (docs/checks.md, "Language": a clerk's
# message is Vietnamese, an operator's fatal one English); what a message
# quotes from a file ('...') or names as a path is left out of the test.
VIETNAMESE = re.compile("[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.I)


def own_words(message):
    return re.sub(r"'[^']*'|\S*/\S*", " ", message)


def read_validation(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def pdf_text(path):
    # -raw keeps the order in which the text was drawn: the default mode may
    # pull a paragraph's one-word last line into the header's column.
    p = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", path, "-"], capture_output=True,
                       text=True, check=True)
    return re.sub(r"\s+", " ", " ".join(without_page_numbers(p.stdout)))


def page_numbers(pages):
    """The number of each page, given its lines (pdftotext -raw): drawn
    last, the page's last line from page 2 on, "2", "3", ...; an appendix
    numbers its pages afresh, and its first page, like the report's, shows
    none (Nghị định 30/2020).  0 for a page that shows none."""
    out, prev = [], 0
    for i, lines in enumerate(pages):
        last = lines[-1].strip() if lines else ""
        if i and last == str(prev + 1):
            prev += 1
            out.append(prev)
        else:
            prev = 1
            out.append(0)
    return out


def without_page_numbers(raw):
    """pdftotext -raw's pages, each without its number."""
    pages = raw.split("\f")
    split = [p.rstrip("\n").split("\n") for p in pages]
    for i, n in enumerate(page_numbers(split)):
        if n:
            pages[i] = "\n".join(split[i][:-1])
    return pages


def pdf_text_lines(path):
    """The PDF's lines of text in the order they were drawn."""
    p = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", path, "-"], capture_output=True,
                       text=True, check=True)
    return p.stdout.splitlines()


def workbook(path):
    import warnings
    import openpyxl
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        wb = openpyxl.load_workbook(path, data_only=True)
    check(not w, "openpyxl warned: %s" % [str(x.message) for x in w])
    return wb


def header_map(ws, first):
    """Finds the header row whose first cell is `first`: (row, {name: col})."""
    for row in ws.iter_rows(min_row=1, max_row=15):
        names = [c.value for c in row]
        if first in names:
            return row[0].row, {n: i for i, n in enumerate(names) if n}
    raise Failure("no header '%s' in sheet %s" % (first, ws.title))


def summary_figures(wb):
    ws = wb["Tổng hợp"]
    hrow, cols = header_map(ws, "Mã chỉ tiêu")
    figs = {}
    for row in ws.iter_rows(min_row=hrow + 1, values_only=True):
        code = row[cols["Mã chỉ tiêu"]]
        if not code:
            continue
        figs[code] = (row[cols["Giá trị"]], row[cols["Tử số"]], row[cols["Mẫu số"]])
    return figs


def rankings(wb):
    ws = wb["Xếp hạng"]
    hrow, cols = header_map(ws, "Hạng")
    out = []
    for row in ws.iter_rows(min_row=hrow + 1, values_only=True):
        if not row[cols["Mã đơn vị"]]:
            continue
        out.append((row[cols["Cấp"]], row[cols["Hạng"]], row[cols["Mã đơn vị"]],
                    row[cols["Tổng điểm"]]))
    return out


def level_code(cap):
    """The Cấp column may hold the level's code or its label."""
    m = {"so": "so", "huyen": "huyen", "sở, ban, ngành": "so", "cấp huyện": "huyen"}
    return m.get(str(cap).strip().lower(), str(cap))


import math


def close(a, b):
    return a is not None and b is not None and math.isclose(float(a), float(b), rel_tol=1e-9,
                                                            abs_tol=1e-12)


def tmpdir():
    """A scratch folder, inside the run's own, which e2e.py removes at the
    run's end."""
    return tempfile.mkdtemp(prefix="egreport-e2e-")


# The demo's only problems: the two files it sends in legacy encodings
# (tools/gen-demo-2020.py, TEXT_PLAN), each read with a warning.
DEMO_WARNINGS = [("warning", "W_TEXT_CP1258", "submissions/KongChro_2020.csv"),
                 ("warning", "W_TEXT_TCVN3", "submissions/SNN_PTNT_BC_UDCNTT.csv")]


def demo_problems(rows):
    """(severity, code, file) of validation.csv's rows, sorted."""
    return sorted((r["severity"], r["code"], r["file"]) for r in rows)


DEMO = {}


def demo():
    """Builds the 2020 demo once for every test that reads it: dir, rc,
    stdout, stderr.  Tests must not change what is in dir."""
    if not DEMO:
        out = tmpdir()
        rc, so, se = build(os.path.join(ROOT, "input"), 2020, out)
        DEMO.update(dir=out, rc=rc, stdout=so, stderr=se)
    return DEMO


def sanitized(binary):
    """A build with AddressSanitizer (it keeps freed memory in quarantine,
    maps shadow memory and must come first among the libraries)."""
    with open(binary, "rb") as f:
        return b"__asan_init" in f.read()
