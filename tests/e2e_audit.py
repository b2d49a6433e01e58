"""tools/audit-figures.py: every provincial figure, ranking and change
recomputed from data.csv, units.csv, baseline.csv and the exports, with
exact fractions, against the workbook, baseline-<YEAR+1>.csv and the PDF.
On the demo, on a generated dataset with faults and ties put in by hand,
and once on a tampered output, which it must refuse."""
import os
import shutil
import subprocess

from e2elib import ROOT, test, check, build, tmpdir, demo

AUDIT = os.path.join(ROOT, "tools", "audit-figures.py")
GEN = os.path.join(ROOT, "tools", "gen-dataset")


def audit(indir, outdir, *extra):
    p = subprocess.run(["/usr/bin/python3", AUDIT, indir, outdir] + list(extra),
                       capture_output=True, text=True, timeout=600)
    return p.returncode, p.stdout + p.stderr


@test
def audit_recomputes_every_demo_figure():
    d = demo()
    check(d["rc"] == 0, "demo exit %d" % d["rc"])
    rc, out = audit(os.path.join(ROOT, "input", "2020"), os.path.join(d["dir"], "2020"))
    check(rc == 0, out[-3000:])


def edit(path, fn):
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(fn(lines)))


def setv(lines, unit, ind, value):
    key = "%s,%s," % (unit, ind)
    hit = [i for i, ln in enumerate(lines) if ln.startswith(key)]
    assert hit, key
    lines[hit[0]] = key + value
    return lines


@test
def audit_recomputes_a_faulty_generated_dataset():
    src = tmpdir()
    subprocess.run(["/usr/bin/python3", GEN, "--out", src, "--seed", "3", "--year", "2032",
                    "--departments", "4", "--districts", "3", "--communes", "12",
                    "--dossiers", "3000", "--documents", "800", "--xlsx-every", "0"],
                   check=True, capture_output=True, timeout=300)
    sub = os.path.join(src, "2032", "submissions")

    def so(lines):
        crit = {}
        for ln in lines:
            p = ln.split(",")
            if len(p) == 3 and p[1].startswith("diem."):
                crit[(p[0], p[1])] = p[2]
        total = sum(float(crit[("QG.S01", c)]) for c in
                    ("diem.san_sang", "diem.hien_dien", "diem.tuong_tac",
                     "diem.giao_dich", "diem.chuyen_doi"))
        rest = sum(float(crit[("QG.S02", c)]) for c in
                   ("diem.hien_dien", "diem.tuong_tac", "diem.giao_dich", "diem.chuyen_doi"))
        setv(lines, "QG.S02", "diem.san_sang", "%.2f" % (total - rest))   # a tie
        lines = [ln for ln in lines if not ln.startswith("QG.S03,diem.hien_dien,")]
        return setv(lines, "QG.S04", "diem.tuong_tac", "abc")             # refused

    edit(os.path.join(sub, "so.csv"), so)

    def h1(lines):
        xs = sorted({ln.split(",")[0] for ln in lines if ln.startswith("QG.H001.X")})
        lines = [ln for ln in lines if not ln.startswith(xs[0] + ",")]  # sent nothing
        setv(lines, xs[1], "gd.ho_so", "12.34")                         # refused
        setv(lines, xs[2], "gd.ho_so_tre", "999999")                    # a rule broken
        lines = [ln for ln in lines if not ln.startswith("QG.H001,ht.bdvhx_internet,")]
        setv(lines, "QG.H001", "ht.ho_gia_dinh", "10000")
        return setv(lines, "QG.H001", "ht.ho_may_tinh_internet", "5735")
    edit(os.path.join(sub, "QG_H001.csv"), h1)

    def h2(lines):
        row = [ln for ln in lines if ln.startswith("QG.H002,ht.ho_gia_dinh,")][0]
        return lines[:-1] + [row + "1", ""]                             # a conflict
    edit(os.path.join(sub, "QG_H002.csv"), h2)
    out = tmpdir()
    # as on 1 January 2033: the year over, its baseline-2033.csv has the
    # figures the faults leave whole (on today's clock it would be a year
    # not over, whose baseline has none)
    rc, so_, se = build(src, 2032, out, env={"SOURCE_DATE_EPOCH": "1988150400"})
    check(rc == 1, "exit %d: %s" % (rc, se[-800:]))
    rc, text = audit(os.path.join(src, "2032"), os.path.join(out, "2032"))
    check(rc == 0, text[-3000:])


@test
def audit_recomputes_a_demo_built_before_its_year_was_over():
    # as on 13 September 2020: the same figures, said to run to that day
    # in data.csv, and none of them in next year's baseline
    out = tmpdir()
    rc, so, se = build(os.path.join(ROOT, "input"), 2020, out,
                       env={"SOURCE_DATE_EPOCH": "1600000000", "TZ": "UTC"})
    check(rc == 0 and "figures to 2020-09-13, " in so, "exit %d: %s" % (rc, so + se[-800:]))
    rc, text = audit(os.path.join(ROOT, "input", "2020"), os.path.join(out, "2020"))
    check(rc == 0, text[-3000:])
    # the audit reads the day from data.csv: a baseline with figures is
    # refused for such a build
    demo_base = os.path.join(demo()["dir"], "2020", "baseline-2021.csv")
    shutil.copy(demo_base, os.path.join(out, "2020", "baseline-2021.csv"))
    rc, text = audit(os.path.join(ROOT, "input", "2020"), os.path.join(out, "2020"))
    check(rc == 1 and "figures of a year not over" in text, text[-800:])
    # as on the evening of 31 December 2020 (16:59 UTC, 23:59 at UTC+7):
    # the year not over, next year's baseline has no figure, and data.csv's
    # as_of is 2020-12-31 as a year over's is; the manifest tells the two
    # apart, and the audit reads it there
    last = tmpdir()
    rc, so, se = build(os.path.join(ROOT, "input"), 2020, last,
                       env={"SOURCE_DATE_EPOCH": "1609433940", "TZ": "UTC-7"})
    check(rc == 0 and "provisional (the year is not over), figures to 2020-12-31, " in so,
          "exit %d: %s" % (rc, so + se[-800:]))
    rc, text = audit(os.path.join(ROOT, "input", "2020"), os.path.join(last, "2020"))
    check(rc == 0, text[-3000:])
    shutil.copy(demo_base, os.path.join(last, "2020", "baseline-2021.csv"))
    rc, text = audit(os.path.join(ROOT, "input", "2020"), os.path.join(last, "2020"))
    check(rc == 1 and "figures of a year not over" in text, text[-800:])


@test
def audit_refuses_a_wrong_figure():
    d = demo()
    out = tmpdir()
    shutil.copytree(os.path.join(d["dir"], "2020"), os.path.join(out, "2020"))
    base = os.path.join(out, "2020", "baseline-2021.csv")
    with open(base, encoding="utf-8") as f:
        text = f.read()
    with open(base, "w", encoding="utf-8") as f:
        f.write(text.replace("tl.ho_so_tre,1.02", "tl.ho_so_tre,1.03"))
    rc, text = audit(os.path.join(ROOT, "input", "2020"), os.path.join(out, "2020"))
    check(rc == 1 and "tl.ho_so_tre" in text, "a tampered baseline passed: %s" % text[-800:])
