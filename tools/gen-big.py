#!/usr/bin/python3
"""gen-big.py - writes a large synthetic year folder, for `make bench`.

A made-up province (code BG) with DISTRICTS districts of COMMUNES communes
each and 20 departments; every unit reports every indicator of its level
that layouts/indicators.csv lists, with values that keep every rule of
layouts/rules.csv.  The defaults (500 x 100) give about 1.13 million
values, more than one worksheet holds (1,048,575 rows under a header), so
the workbook's Dữ liệu continues on a second sheet.

    /usr/bin/python3 tools/gen-big.py --out DIR [--districts N] [--communes N]

Writes DIR/2030/ (units.csv, report.csv, baseline.csv, submissions/: one file per
district with its communes, one for the departments, one for the
province) and prints the number of values.  Deterministic, standard library
only.  Not a demo: the names are numbered, the values random.
"""
import argparse
import csv
import os
import random
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
YEAR = 2030
PROV = "BG"

# Parts that must not exceed their whole (the rules' `<=`), as
# part: (whole, lowest share, highest share).
PARTS = {
    "ht.cbcc_may_tinh": ("ht.cbcc", 0.7, 1.0),
    "ht.bdvhx_internet": ("ht.bdvhx", 0.6, 1.0),
    "ht.ho_may_tinh_internet": ("ht.ho_gia_dinh", 0.3, 0.8),
    "ht.doanh_nghiep_internet": ("ht.doanh_nghiep", 0.8, 1.0),
    "nl.thpt_tin_hoc": ("nl.thpt", 0.8, 1.0),
    "nl.thcs_tin_hoc": ("nl.thcs", 0.5, 1.0),
    "nl.th_tin_hoc": ("nl.th", 0.3, 1.0),
    "tt.vb_di_dien_tu": ("tt.vb_di", 0.8, 1.0),
    "tt.vb_den_xu_ly": ("tt.vb_den", 0.7, 1.0),
    "tt.hop_thu": ("ht.cbcc", 0.8, 1.0),
    "tt.dung_thu": ("tt.hop_thu", 0.6, 1.0),
    "gd.ho_so_tre": ("gd.ho_so", 0.0, 0.05),
}
# Reported by departments in a real province only by the education
# department, whose figures the rules compare with the districts' sums:
# left out for departments.
NOT_BY_DEPARTMENTS = {"nl.thcs", "nl.thcs_tin_hoc", "nl.th", "nl.th_tin_hoc"}
# Counts of the province's own that the rules compare with all units'
# dossiers: kept small.
SMALL = {"gd.ho_so_muc_3", "gd.ho_so_muc_4"}


def catalogue():
    with open(os.path.join(ROOT, "layouts", "indicators.csv"), encoding="utf-8") as f:
        return list(csv.DictReader(f))


def values_for(rng, level, cat):
    """(indicator, value text) of one unit, parts after their wholes."""
    got, out = {}, []
    order = sorted(cat, key=lambda r: r["code"] in PARTS)  # wholes first
    order = sorted(order, key=lambda r: r["code"] == "tt.dung_thu")  # after tt.hop_thu
    for ind in order:
        code, typ = ind["code"], ind["type"]
        if level not in ind["levels"].split():
            continue
        if level == "so" and code in NOT_BY_DEPARTMENTS:
            continue
        if code in PARTS:
            whole, lo, hi = PARTS[code]
            if whole not in got:
                continue
            v = int(got[whole] * rng.uniform(lo, hi))
        elif typ in ("count", "money"):
            v = rng.randint(1, 50) if code in SMALL else rng.randint(10, 5000)
            if typ == "money":
                v *= 1000000
        elif typ == "bool":
            v = rng.choice(["có", "có", "có", "không"])
        elif typ == "enum":
            v = ind["options"].split("|")[0].split("=")[0]
        elif typ == "score":
            top = float(ind["max_" + level] or 0)
            v = "%.2f" % (top * rng.uniform(0.6, 1.0))
        elif typ in ("number", "percent"):
            v = "%.2f" % rng.uniform(0, 100)
        else:
            continue
        if isinstance(v, int):
            got[code] = v
        out.append((code, str(v)))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--districts", type=int, default=500)
    ap.add_argument("--communes", type=int, default=100)
    a = ap.parse_args()
    rng = random.Random(2030)
    cat = catalogue()
    ydir = os.path.join(a.out, str(YEAR))
    sub = os.path.join(ydir, "submissions")
    os.makedirs(sub, exist_ok=True)
    units = [(PROV, "Tỉnh Bình Giang", "tinh", "")]
    units += [("%s.S%02d" % (PROV, i), "Sở số %d" % i, "so", PROV) for i in range(1, 21)]
    for d in range(1, a.districts + 1):
        dc = "%s.H%03d" % (PROV, d)
        units.append((dc, "Huyện số %d" % d, "huyen", PROV))
        units += [("%s.X%03d" % (dc, c), "Xã số %d huyện %d" % (c, d), "xa", dc)
                  for c in range(1, a.communes + 1)]
    with open(os.path.join(ydir, "units.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["code", "name", "level", "parent"])
        w.writerows(units)
    with open(os.path.join(ydir, "report.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerows([["key", "value"], ["province", "Bình Giang"],
                     ["issuer", "Ủy ban nhân dân tỉnh Bình Giang"], ["signer", "Nguyễn Văn A"],
                     ["signer_title", "CHỦ TỊCH"], ["place", "Bình Giang"],
                     ["issued_on", "%d-01-20" % (YEAR + 1)],
                     ["deadline", "%d-12-31" % YEAR], ["number", "01/BC-UBND"],
                     ["recipients", "Bộ Thông tin và Truyền thông;Lưu: VT"]])
    with open(os.path.join(ydir, "baseline.csv"), "w", encoding="utf-8", newline="") as f:
        f.write("indicator,value\ntl.ho_may_tinh_internet,\"45,7\"\n")
    # One file per submitting body: a district with its communes, the
    # departments together, the province.
    groups = {}
    for code, _, level, parent in units:
        key = "tinh" if level == "tinh" else "so" if level == "so" else \
            code if level == "huyen" else parent
        groups.setdefault(key, []).append((code, level))
    n = 0
    stamp = time.mktime((YEAR, 12, 1, 12, 0, 0, 0, 0, -1))
    for key, members in groups.items():
        path = os.path.join(sub, key.replace(".", "_") + ".csv")
        with open(path, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(["unit_code", "indicator", "value"])
            for code, level in members:
                for ind, v in values_for(rng, level, cat):
                    w.writerow([code, ind, v])
                    n += 1
        os.utime(path, (stamp, stamp))
    print("%d units, %d values in %s" % (len(units), n, ydir))
    return 0


if __name__ == "__main__":
    sys.exit(main())
