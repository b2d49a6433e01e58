#!/usr/bin/env python3
"""audit-figures - recompute a build's provincial figures and compare.

    tools/audit-figures.py INPUT_YEAR_DIR OUTPUT_YEAR_DIR [--totals FILE]
                            [--layouts DIR]

Works from the contract alone (indicators.md, input-format.md, and the
figure definitions of layouts/figures.csv where the contract defers to
them): it reads the build's accepted values (data.csv), the day its
figures run to and whether the year was over (data.csv's as_of and
provisional, and the manifest's), validation.csv
(refused values, units that sent nothing), units.csv, baseline.csv and the
system exports, recomputes every figure, ranking and reconciliation with
exact fractions, and compares them with the workbook's `Tổng hợp` and
`Xếp hạng` (cached values), baseline-<YEAR+1>.csv and the PDF's text
(pdftotext): the [figures] tables in order, the rankings' tables, the
per-unit rates of the charts, and every figure-like number of the
narrative. With --totals, also with the totals tools/gen-dataset wrote.

Exit 0 when everything agrees, 1 with one line per disagreement.
Standard library, plus openpyxl for the workbook and pdftotext for the PDF.
"""

import csv
import gzip
import json
import os
import re
import subprocess
import sys
from decimal import Decimal, ROUND_HALF_UP, ROUND_FLOOR
from fractions import Fraction

LEVELS = ("tinh", "so", "huyen", "xa")

# The derived figures: indicators.md's table, with the levels and
# conditions layouts/figures.csv gives them (kind, a, b, levels, cond).
S, H, X, T = "so", "huyen", "xa", "tinh"
SHX = (S, H, X)
FIGURES = [
    ("tl.cbcc_may_tinh", "ratio", "ht.cbcc_may_tinh", "ht.cbcc", SHX, None),
    ("dem.lan_internet.so", "count", "ht.lan_internet", None, (S,), "yes"),
    ("dem.lan_internet.huyen", "count", "ht.lan_internet", None, (H,), "yes"),
    ("dem.lan_internet.xa", "count", "ht.lan_internet", None, (X,), "yes"),
    ("dem.mot_cua_lien_thong.so", "count", "ht.mo_hinh_mot_cua", None, (S,), {"lien_thong"}),
    ("dem.mot_cua_dien_tu.huyen", "count", "ht.mo_hinh_mot_cua", None, (H,), {"lien_thong", "dien_tu"}),
    ("dem.mot_cua_dien_tu.xa", "count", "ht.mo_hinh_mot_cua", None, (X,), {"lien_thong", "dien_tu"}),
    ("dem.phong_hop_truc_tuyen.huyen", "count", "ht.phong_hop_truc_tuyen", None, (H,), "yes"),
    ("dem.phong_hop_truc_tuyen.xa", "count", "ht.phong_hop_truc_tuyen", None, (X,), "yes"),
    ("dem.bo_phan_mot_cua", "count", "ht.bo_phan_mot_cua", None, SHX, "yes"),
    ("dem.attt_tuong_lua", "count", "ht.attt_tuong_lua", None, (S, H), "yes"),
    ("dem.attt_sao_luu", "count", "ht.attt_sao_luu", None, (S, H), "yes"),
    ("dem.attt_chong_virus", "count", "ht.attt_chong_virus", None, (S, H), "yes"),
    ("tl.bdvhx_internet", "ratio", "ht.bdvhx_internet", "ht.bdvhx", (H,), None),
    ("tl.ho_may_tinh_internet", "ratio", "ht.ho_may_tinh_internet", "ht.ho_gia_dinh", (H,), None),
    ("tl.ho_may_tinh_internet.tang", "diff", "tl.ho_may_tinh_internet", None, (), None),
    ("tl.doanh_nghiep_internet", "ratio", "ht.doanh_nghiep_internet", "ht.doanh_nghiep", (T,), None),
    ("nl.thpt_tin_hoc", "sum", "nl.thpt_tin_hoc", None, (S,), None),
    ("nl.thpt", "sum", "nl.thpt", None, (S,), None),
    ("tl.thpt_tin_hoc", "ratio", "nl.thpt_tin_hoc", "nl.thpt", (S,), None),
    ("nl.thcs_tin_hoc", "sum", "nl.thcs_tin_hoc", None, (H,), None),
    ("nl.thcs", "sum", "nl.thcs", None, (H,), None),
    ("tl.thcs_tin_hoc", "ratio", "nl.thcs_tin_hoc", "nl.thcs", (H,), None),
    ("nl.th_tin_hoc", "sum", "nl.th_tin_hoc", None, (H,), None),
    ("nl.th", "sum", "nl.th", None, (H,), None),
    ("tl.th_tin_hoc", "ratio", "nl.th_tin_hoc", "nl.th", (H,), None),
    ("dem.ban_chi_dao.so", "count", "cs.ban_chi_dao", None, (S,), "yes"),
    ("dem.ban_chi_dao.huyen", "count", "cs.ban_chi_dao", None, (H,), "yes"),
    ("dem.ke_hoach_cntt.so", "count", "cs.ke_hoach_cntt", None, (S,), "yes"),
    ("dem.ke_hoach_cntt.huyen", "count", "cs.ke_hoach_cntt", None, (H,), "yes"),
    ("tong.kinh_phi_cntt", "sum", "dt.kinh_phi_cntt", None, (S, H), None),
    ("dem.kinh_phi_cntt", "count", "dt.kinh_phi_cntt", None, (S, H), "> 0"),
    ("dem.cong_ttdt.so", "count", "hd.cong_ttdt", None, (S,), "yes"),
    ("dem.cong_ttdt.huyen", "count", "hd.cong_ttdt", None, (H,), "yes"),
    ("dem.cong_ttdt.xa", "count", "hd.cong_ttdt", None, (X,), "yes"),
    ("dem.du_thong_tin.so", "count", "hd.du_thong_tin", None, (S,), "yes"),
    ("dem.du_thong_tin.huyen", "count", "hd.du_thong_tin", None, (H,), "yes"),
    ("dem.du_thong_tin.xa", "count", "hd.du_thong_tin", None, (X,), "yes"),
    ("dem.qlvb.so", "count", "tt.qlvb", None, (S,), "yes"),
    ("dem.qlvb.huyen", "count", "tt.qlvb", None, (H,), "yes"),
    ("dem.qlvb.xa", "count", "tt.qlvb", None, (X,), "yes"),
    ("tl.vb_di_dien_tu", "ratio", "tt.vb_di_dien_tu", "tt.vb_di", SHX, None),
    ("tl.vb_den_xu_ly.so", "ratio", "tt.vb_den_xu_ly", "tt.vb_den", (S,), None),
    ("tl.vb_den_xu_ly.huyen", "ratio", "tt.vb_den_xu_ly", "tt.vb_den", (H,), None),
    ("tl.vb_den_xu_ly.xa", "ratio", "tt.vb_den_xu_ly", "tt.vb_den", (X,), None),
    ("dem.chu_ky_so.so", "count", "tt.chu_ky_so", None, (S,), "yes"),
    ("dem.chu_ky_so.huyen", "count", "tt.chu_ky_so", None, (H,), "yes"),
    ("dem.chu_ky_so.xa", "count", "tt.chu_ky_so", None, (X,), "yes"),
    ("tong.chung_thu_so", "sum", "tt.chung_thu_so", None, SHX, None),
    ("tl.hop_thu", "ratio", "tt.hop_thu", "ht.cbcc", SHX, None),
    ("tl.dung_thu", "ratio", "tt.dung_thu", "ht.cbcc", SHX, None),
    ("dem.mot_cua_dt.so", "count", "tt.mot_cua_dt", None, (S,), "yes"),
    ("dem.mot_cua_dt.huyen", "count", "tt.mot_cua_dt", None, (H,), "yes"),
    ("dem.mot_cua_dt.xa", "count", "tt.mot_cua_dt", None, (X,), "yes"),
    ("dem.pm_chuyen_nganh", "count", "tt.pm_chuyen_nganh", None, SHX, "yes"),
    ("tong.ho_so", "sum", "gd.ho_so", None, SHX, None),
    ("tong.ho_so_tre", "sum", "gd.ho_so_tre", None, SHX, None),
    ("tl.ho_so_tre", "quotient", "tong.ho_so_tre", "tong.ho_so", (), None),
    ("tl.ho_so_dung_han", "complement", "tl.ho_so_tre", None, (), None),
    ("gd.dvc_muc_3", "sum", "gd.dvc_muc_3", None, (T,), None),
    ("gd.dvc_muc_4", "sum", "gd.dvc_muc_4", None, (T,), None),
    ("gd.ho_so_muc_3", "sum", "gd.ho_so_muc_3", None, (T,), None),
    ("gd.ho_so_muc_4", "sum", "gd.ho_so_muc_4", None, (T,), None),
    ("gd.hop_truc_tuyen", "sum", "gd.hop_truc_tuyen", None, (T,), None),
    ("cd.vb_lien_thong", "sum", "cd.vb_lien_thong", None, (T,), None),
    ("dem.bieu_mau_dt.so", "count", "cd.bieu_mau_dt", None, (S,), "yes"),
    ("dem.bieu_mau_dt.huyen", "count", "cd.bieu_mau_dt", None, (H,), "yes"),
]
CRITERIA = ["diem.san_sang", "diem.hien_dien", "diem.tuong_tac",
            "diem.giao_dich", "diem.chuyen_doi"]
PERCENT = lambda code, kind: kind in ("ratio", "count", "quotient", "complement")

problems = []


def bad(msg):
    problems.append(msg)


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def frac(text):
    """A data.csv number (a whole number or a decimal with '.') exactly."""
    return Fraction(Decimal(text))


# -- Vietnamese formatting, from exact fractions ----------------------------

def round_half_away(x, places):
    q = Decimal(1).scaleb(-places)
    d = Decimal(x.numerator) / Decimal(x.denominator) if isinstance(x, Fraction) else Decimal(x)
    # exact enough: Decimal's default precision is 28 digits
    return d.quantize(q, rounding=ROUND_HALF_UP)  # HALF_UP is away from zero


def vn(d, places):
    """A Decimal as Vietnamese text: '.' groups thousands, ',' decimals."""
    neg = d < 0
    s = f"{abs(d):.{places}f}"
    whole, _, dec = s.partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    out = ".".join(groups) + ("," + dec if places else "")
    return ("-" if neg and d != 0 else "") + out


def fmt_int(x):
    return vn(round_half_away(x, 0), 0)


def fmt_pct(x, n):
    return vn(round_half_away(x * 100, n), n) + "%"


def fmt_rate(x, n):
    if x == 1:
        return "100%"
    d = round_half_away(x * 100, n)
    step = Decimal(1).scaleb(-n)
    if x < 1 and d >= 100:
        d = Decimal(100) - step
    if x > 0 and d <= 0:
        d = step
    return vn(d, n) + "%"


def fmt_pctfloor(x):
    d = Decimal(x.numerator * 100) / Decimal(x.denominator)
    return vn(d.quantize(Decimal(1), rounding=ROUND_FLOOR), 0) + "%"


def fmt_pts(x, n):
    return vn(round_half_away(x * 100, n), n)


def fmt_sign(x, n):
    d = round_half_away(x * 100, n)
    t = vn(d, n)
    return t if t.startswith("-") or d == 0 else "+" + t


# -- inputs -----------------------------------------------------------------

def provisional_of(outdir, year, as_of, provisional):
    """Whether the build was of a year not over, from data.csv's as_of and
    provisional (the sets of their values), held to each other and to the
    manifest's settings (docs/operations.md, "A year not over": a build of
    31 December itself is provisional, its as_of the 31st as a year
    over's)."""
    if len(as_of) > 1 or not all(re.fullmatch(r"\d{4}-\d\d-\d\d", a) for a in as_of):
        bad(f"data.csv: as_of {sorted(as_of)}")
    if len(provisional) > 1 or not provisional <= {"0", "1"}:
        bad(f"data.csv: provisional {sorted(provisional)}")
    is_provisional = provisional == {"1"}
    if as_of and min(as_of) < f"{year}-12-31" and not is_provisional:
        bad(f"data.csv: as_of {min(as_of)} before the year's end, not provisional")
    manifest = os.path.join(outdir, f"egov-{year}.manifest")
    if not os.path.exists(manifest):
        return is_provisional
    with open(manifest, encoding="utf-8", errors="replace") as f:
        said = [m for ln in f if ln.startswith("settings ")
                for m in re.findall(r" as_of=(\d{4}-\d\d-\d\d)(,provisional)?(?= |$)",
                                    ln.rstrip("\n"))]
    if len(said) != 1:
        bad(f"egov-{year}.manifest: no one as_of among its settings")
    elif as_of:
        if as_of != {said[0][0]}:
            bad(f"data.csv: as_of {sorted(as_of)}, the manifest {said[0][0]}")
        if is_provisional != bool(said[0][1]):
            bad(f"data.csv: provisional {sorted(provisional)}, the manifest "
                f"{said[0][1] or 'not provisional'}")
    return is_provisional


class Data:
    def __init__(self, indir, outdir):
        self.year = int(os.path.basename(os.path.normpath(indir)))
        self.units = {}
        self.order = []
        for r in read_csv(os.path.join(indir, "units.csv")):
            self.units[r["code"]] = r
            self.order.append(r["code"])
        self.values = {}
        as_of, provisional = set(), set()
        for r in read_csv(os.path.join(outdir, "data.csv")):
            as_of.add(r["as_of"])
            provisional.add(r["provisional"])
            key = (r["unit_code"], r["indicator"])
            if key in self.values:
                bad(f"data.csv: {key} twice")
            self.values[key] = r["value"]
            if r["unit_code"] not in self.units:
                bad(f"data.csv: unit {r['unit_code']} not in units.csv")
            elif self.units[r["unit_code"]]["level"] != r["level"]:
                bad(f"data.csv: {r['unit_code']} level {r['level']}")
        self.provisional = provisional_of(outdir, self.year, as_of, provisional)
        self.validation = read_csv(os.path.join(outdir, "validation.csv"))
        self.not_sent = {v["unit"] for v in self.validation if v["code"] == "W_NOT_SUBMITTED"}
        self.refused = {(v["unit"], v["indicator"]) for v in self.validation
                        if v["severity"] == "error" and v["indicator"]
                        and (v["unit"], v["indicator"]) not in self.values}
        self.baseline = {}
        bpath = os.path.join(indir, "baseline.csv")
        if os.path.exists(bpath):
            for r in read_csv(bpath):
                self.baseline[r["indicator"]] = r["value"]

    def of_level(self, levels):
        return [c for c in self.order if self.units[c]["level"] in levels]


def baseline_value(text, code):
    t = text.strip().rstrip("%").strip()
    if "," in t and "." in t:
        t = t.replace(".", "").replace(",", ".") if t.rfind(",") > t.rfind(".") \
            else t.replace(",", "")
    elif "," in t:
        t = t.replace(",", ".")
    v = Fraction(Decimal(t))
    return v / 100 if code.startswith("tl.") else v


# -- the figures --------------------------------------------------------------

def compute(d):
    """code -> dict(value, num, den, whole, kind)."""
    figs = {}
    for code, kind, a, b, levels, cond in FIGURES:
        f = {"kind": kind, "value": None, "num": None, "den": None, "whole": False}
        units = d.of_level(levels)
        whole = all(u not in d.not_sent for u in units)
        if kind == "sum":
            vals = [frac(d.values[(u, a)]) for u in units if (u, a) in d.values]
            if vals:
                f["value"] = sum(vals)
            whole = whole and not any((u, a) in d.refused for u in units)
        elif kind == "ratio":
            both = [u for u in units if (u, a) in d.values and (u, b) in d.values]
            n = sum((frac(d.values[(u, a)]) for u in both), Fraction(0))
            m = sum((frac(d.values[(u, b)]) for u in both), Fraction(0))
            if both:
                f["num"], f["den"] = n, m
                if m != 0:
                    f["value"] = n / m
            one = [u for u in units if ((u, a) in d.values) != ((u, b) in d.values)]
            whole = whole and not one and not any(
                (u, i) in d.refused for u in units for i in (a, b))
        elif kind == "count":
            rep = [u for u in units if (u, a) in d.values]
            if cond == "yes":
                q = [u for u in rep if d.values[(u, a)] == "1"]
            elif cond == "> 0":
                q = [u for u in rep if frac(d.values[(u, a)]) > 0]
            else:
                q = [u for u in rep if d.values[(u, a)] in cond]
            if rep:
                f["num"], f["den"] = Fraction(len(q)), Fraction(len(rep))
                f["value"] = Fraction(len(q), len(rep))
            whole = whole and not any((u, a) in d.refused for u in units)
        elif kind == "quotient":
            fa, fb = figs[a], figs[b]
            if fa["value"] is not None and fb["value"] is not None:
                f["num"], f["den"] = fa["value"], fb["value"]
                if fb["value"] != 0:
                    f["value"] = fa["value"] / fb["value"]
            whole = fa["whole"] and fb["whole"]
        elif kind == "complement":
            fa = figs[a]
            if fa["value"] is not None:
                f["value"] = 1 - fa["value"]
                if fa["den"] is not None:
                    f["num"], f["den"] = fa["den"] - fa["num"], fa["den"]
            whole = fa["whole"]
        elif kind == "diff":
            fa = figs[a]
            whole = fa["whole"]
            if a in d.baseline and fa["value"] is not None and whole:
                f["value"] = fa["value"] - baseline_value(d.baseline[a], a)
        f["whole"] = whole
        figs[code] = f
    return figs


def rankings(d):
    """level -> list of (rank or None, code, total Fraction or None, criteria)."""
    out = {}
    for level in (S, H):
        ranked, unranked = [], []
        for u in d.of_level((level,)):
            crit = [d.values.get((u, c)) for c in CRITERIA]
            if any(c is None for c in crit):
                if any(c is not None for c in crit) or u not in d.not_sent:
                    unranked.append((None, u, None, crit))
                continue
            total = sum(frac(c) for c in crit)
            ranked.append([None, u, total, crit])
        key = lambda r: round_half_away(r[2], 2)
        ranked.sort(key=lambda r: (-key(r), r[1]))
        for i, r in enumerate(ranked):
            r[0] = i + 1 if i == 0 or key(ranked[i - 1]) != key(r) else ranked[i - 1][0]
        out[level] = [tuple(r) for r in ranked] + unranked
    return out


# -- the system exports -----------------------------------------------------

def open_export(indir, name):
    p = os.path.join(indir, "systems", name + ".csv")
    if os.path.exists(p):
        return open(p, encoding="utf-8-sig", newline="")
    if os.path.exists(p + ".gz"):
        return gzip.open(p + ".gz", "rt", encoding="utf-8-sig", newline="")
    return None


TIME = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$")


def reconcile(d, indir):
    y = str(d.year)
    f = open_export(indir, "dossiers")
    out = {}
    if f:
        recv, late, m3, m4 = {}, {}, 0, 0
        with f:
            for r in csv.DictReader(f):
                if not TIME.match(r["received_at"] or "") or r["unit_code"] not in d.units:
                    continue
                if r["received_at"][:4] != y:
                    continue
                u = r["unit_code"]
                recv[u] = recv.get(u, 0) + 1
                if r["finished_at"] and r["finished_at"] > r["due_at"]:
                    late[u] = late.get(u, 0) + 1
                m3 += r["channel"] == "muc_3"
                m4 += r["channel"] == "muc_4"
        out.update(in_year=sum(recv.values()), late=sum(late.values()))
        errs = {(v["code"], v["unit"]) for v in d.validation}
        for u in d.of_level(SHX):
            for ind, counts, code in (("gd.ho_so", recv, "E_SYSTEM_HO_SO"),
                                      ("gd.ho_so_tre", late, "E_SYSTEM_HO_SO_TRE")):
                if (u, ind) not in d.values:
                    continue
                differs = int(d.values[(u, ind)]) != counts.get(u, 0)
                if differs != ((code, u) in errs):
                    bad(f"reconcile {u} {ind}: reported {d.values[(u, ind)]}, system "
                        f"{counts.get(u, 0)}, {code} {'missing' if differs else 'unexpected'}")
    f = open_export(indir, "documents")
    if f:
        with f:
            n = sum(1 for r in csv.DictReader(f)
                    if TIME.match(r["sent_at"] or "") and r["sent_at"][:4] == y)
        out["documents"] = n
    return out


# -- comparisons ------------------------------------------------------------

def same(a, b):
    if a is None or b is None:
        return a is None and b is None
    return abs(Fraction(a) - Fraction(b)) <= Fraction(1, 10**12) * max(1, abs(Fraction(b)))


def check_workbook(path, figs, ranks, d):
    try:
        import openpyxl
    except ImportError:
        bad("openpyxl is not installed: the workbook was not checked")
        return
    wb = openpyxl.load_workbook(path, data_only=True, read_only=True)
    rows = list(wb["Tổng hợp"].iter_rows(values_only=True))
    hdr = None
    seen = set()
    for r in rows:
        if hdr is None:
            if r and "Mã chỉ tiêu" in r:
                hdr = {h: i for i, h in enumerate(r) if h}
            continue
        code = r[hdr["Mã chỉ tiêu"]]
        if code not in figs:
            continue
        seen.add(code)
        f = figs[code]
        val = r[hdr["Giá trị"]]
        if isinstance(val, str):
            val = None  # '…' or text: no value
        if not same(val, f["value"]):
            bad(f"Tổng hợp {code}: workbook {val}, recomputed {f['value'] and float(f['value'])}")
        for col, k in (("Tử số", "num"), ("Mẫu số", "den")):
            if col in hdr and f[k] is not None:
                v = r[hdr[col]]
                if not same(v if not isinstance(v, str) else None, f[k]):
                    bad(f"Tổng hợp {code} {col}: workbook {v}, recomputed {f[k]}")
    for code in figs:
        if code not in seen:
            bad(f"Tổng hợp: no row for {code}")
    ws = wb["Xếp hạng"]
    rows = list(ws.iter_rows(values_only=True))
    hdr = None
    got = {S: [], H: []}
    names = {"so": S, "huyen": H}
    for r in rows:
        if hdr is None:
            if r and "Hạng" in r:
                hdr = {h: i for i, h in enumerate(r) if h}
            continue
        code = r[hdr["Mã đơn vị"]] if "Mã đơn vị" in hdr else None
        if code not in d.units:
            continue
        lvl = d.units[code]["level"]
        rank = r[hdr["Hạng"]]
        tot = r[hdr["Tổng điểm"]]
        got[names.get(lvl, lvl)].append((rank if isinstance(rank, (int, float)) else None,
                                         code, None if isinstance(tot, str) else tot))
    for lvl in (S, H):
        want = [(r[0], r[1], r[2]) for r in ranks[lvl]]
        g = got[lvl]
        if len(g) != len(want):
            bad(f"Xếp hạng {lvl}: {len(g)} rows, recomputed {len(want)}")
        for (wr, wc, wt), (gr, gc, gt) in zip(want, g):
            if wc != gc or wr != gr or not same(gt, wt):
                bad(f"Xếp hạng {lvl}: workbook {gr} {gc} {gt}, recomputed {wr} {wc} "
                    f"{wt and float(wt)}")


def check_baseline_next(path, figs, provisional):
    if not os.path.exists(path):
        bad(f"{os.path.basename(path)} missing")
        return
    got = {r["indicator"]: r["value"] for r in read_csv(path)}
    if provisional:
        # a year not over: its header alone (docs/operations.md)
        if got:
            bad(f"{os.path.basename(path)}: {len(got)} figures of a year not over")
        return
    for code, f in figs.items():
        if f["kind"] == "diff":
            if code in got:
                bad(f"{os.path.basename(path)}: has {code}, a change")
            continue
        printable = f["value"] is not None and (
            not PERCENT(code, f["kind"]) or 0 <= f["value"] <= 1) and (
            f["kind"] != "sum" or abs(f["value"]) <= 2**53)
        if not (printable and f["whole"]):
            # docs/operations.md: a figure not every unit of its levels
            # sent, or had a value of it refused, or that the report does
            # not print, is left out
            if code in got:
                bad(f"{os.path.basename(path)}: has {code}, which is not whole "
                    f"or not printed")
            continue
        if code.startswith("dem."):
            want = str(int(f["num"]))
        elif code.startswith("tl."):
            want = f"{round_half_away(f['value'] * 100, 2):.2f}"
        else:
            want = str(round_half_away(f["value"], 0))
        if got.get(code) != want:
            bad(f"{os.path.basename(path)} {code}: {got.get(code)}, recomputed {want}")


NUM = r"-?\+?\d{1,3}(?:\.\d{3})*(?:,\d+)?%?"


def forms(f):
    """Every text a figure may be printed as."""
    out = set()
    v = f["value"]
    if v is not None:
        if f["kind"] in ("sum",):
            out.add(fmt_int(v))
            for n in range(4):
                out.add(vn(round_half_away(v, n), n))
        elif f["kind"] == "diff":
            for n in range(4):
                out |= {fmt_pts(v, n), fmt_sign(v, n), fmt_pct(v, n), fmt_pct(abs(v), n)}
        else:
            out.add(fmt_pctfloor(v))
            for n in range(4):
                out |= {fmt_pct(v, n), fmt_rate(v, n)}
    for k in ("num", "den"):
        if f[k] is not None:
            out.add(fmt_int(f[k]))
    if f["num"] is not None:
        out.add(fmt_int(f["num"]) + "/" + fmt_int(f["den"]))
    return out


def chart_rates(d):
    """The per-unit rates a [chart-rate] may show, as rate1 texts."""
    out = set()
    for code, kind, a, b, levels, cond in FIGURES:
        if kind != "ratio":
            continue
        for u in d.of_level(levels):
            if (u, a) in d.values and (u, b) in d.values and frac(d.values[(u, b)]):
                out.add(fmt_rate(frac(d.values[(u, a)]) / frac(d.values[(u, b)]), 1))
    return out


def table_order(layouts, year):
    """The figures the report's [figures SECTION] tables list, in order:
    the sections report.txt names, each with its figures.csv rows."""
    ydir = os.path.join(layouts, str(year))
    if os.path.isdir(ydir):
        layouts = ydir
    sections = []
    with open(os.path.join(layouts, "report.txt"), encoding="utf-8") as f:
        for ln in f:
            m = re.match(r"^\[figures (.+)\]\s*$", ln)
            if m:
                sections.append(m.group(1).strip())
    rows = read_csv(os.path.join(layouts, "figures.csv"))
    return [r["code"] for s in sections for r in rows if r["section"] == s]


def check_pdf(path, figs, ranks, d, layouts):
    try:
        text = subprocess.run(["pdftotext", "-layout", path, "-"], check=True,
                              capture_output=True).stdout.decode("utf-8")
    except (OSError, subprocess.CalledProcessError):
        bad("pdftotext failed: the PDF was not checked")
        return
    body, _, _appendix = text.partition("PHỤ LỤC")
    lines = body.split("\n")
    missing = "…"
    # [figures] tables: each row's value (and pair) at the end of a line,
    # in figures.csv order, section by section.
    seq = []
    in_table = False
    for i, ln in enumerate(lines):
        if re.search(r"Chỉ tiêu\s+Giá trị\s+Tử số/Mẫu số", ln):
            in_table = True
            continue
        after = "".join(lines[i + 1:i + 3]).lstrip(" \n")
        if re.fullmatch(r"\f\s*\d+\s*", ln) or re.fullmatch(r"\s*\d+\s*", ln) and (
                not after or after.startswith("\f")):
            continue  # a page's number, its last line
        if in_table:
            if not ln.strip() and seq and seq[-1] == "\n":
                in_table = False
                continue
            if not ln.strip():
                seq.append("\n")
                continue
            m = re.search(r"\s{2,}(" + NUM + "|…)(?:\s+(" + NUM + r"/" + NUM + r"|…))?\s*$", ln)
            if m:
                seq.append((m.group(1), m.group(2)))
    rows = [s for s in seq if s != "\n"]
    order = table_order(layouts, d.year)
    if len(rows) != len(order):
        bad(f"PDF: {len(rows)} [figures] rows, expected {len(order)}")
    for code, (val, pair) in zip(order, rows):
        f = figs[code]
        if f["value"] is None or (PERCENT(code, f["kind"]) and not 0 <= f["value"] <= 1):
            wantv = missing
        elif f["kind"] == "sum":
            wantv = fmt_int(f["value"])
        elif f["kind"] == "diff":
            wantv = fmt_sign(f["value"], 2)
        else:
            wantv = fmt_pct(f["value"], 2)
        if val != wantv:
            bad(f"PDF table {code}: {val}, recomputed {wantv}")
        if f["num"] is not None and f["kind"] != "sum":
            wantp = fmt_int(f["num"]) + "/" + fmt_int(f["den"])
            if f["kind"] == "complement" and figs["tl.ho_so_tre"]["value"] is not None \
                    and not 0 <= figs["tl.ho_so_tre"]["value"] <= 1:
                wantp = None
            if pair != wantp:
                bad(f"PDF table {code}: pair {pair}, recomputed {wantp}")
    # The rankings' tables: rank (when printed) and five criteria and total.
    got = []
    for ln in lines:
        m = re.match(r"^\s*(\d+|-)?\s+.*?((?:\s+\d{1,3},\d{2}){5})\s+(\d{1,3},\d{2}|…)\s*$", ln)
        if m:
            got.append((m.group(1), m.group(3)))
    want = []
    for lvl in (S, H):
        for r in ranks[lvl]:
            want.append((str(r[0]) if r[0] else None,
                         vn(round_half_away(r[2], 2), 2) if r[2] is not None else "…"))
    want_ranked = [w for w in want if w[1] != "…"]
    got_ranked = [g for g in got if g[1] != "…"]
    if len(got_ranked) != len(want_ranked):
        bad(f"PDF: {len(got_ranked)} ranked rows, recomputed {len(want_ranked)}")
    for (wr, wt), (gr, gt) in zip(want_ranked, got_ranked):
        if wt != gt or (gr is not None and gr != wr):
            bad(f"PDF ranking row: {gr} {gt}, recomputed {wr} {wt}")
    # Every figure-like number of the text: a figure's, a ranking's, a
    # chart's rate, a coverage count, or a year, date or page.
    allowed = set()
    for f in figs.values():
        allowed |= forms(f)
    for lvl in (S, H):
        for r in ranks[lvl]:
            if r[2] is not None:
                allowed |= {vn(round_half_away(r[2], 2), 2), fmt_int(r[0])}
            for c in r[3]:
                if c is not None:
                    allowed.add(vn(round_half_away(frac(c), 2), 2))
    allowed |= chart_rates(d)
    allowed |= {"130", "155"}  # the rubric's maxima (indicators.md)
    for lvl in LEVELS + (None,):
        us = d.of_level((lvl,) if lvl else LEVELS)
        sent = [u for u in us if u not in d.not_sent]
        n, k = fmt_int(len(us)), fmt_int(len(sent))
        allowed |= {n, k, fmt_int(len(us) - len(sent)), f"{k}/{n}",
                    f"{fmt_int(len(us) - len(sent))}/{n}"}
    names = sorted((u["name"] for u in d.units.values()), key=len, reverse=True)
    names_re = re.compile("|".join(re.escape(n) + r"(?![\d.,])" for n in names))
    for ln in lines:
        if "Chỉ tiêu" in ln or re.fullmatch(r"[\s\d%]*", ln) and (
                len(ln.split()) != 1 or "%" in ln):
            continue  # a table's header, a chart's axis
        ln = names_re.sub(" ", ln)
        m = re.search(r"… và (\d+) đơn vị khác", ln)
        if m:  # a chart's units left out
            if not 0 < int(m.group(1)) < len(d.units):
                bad(f"PDF: {ln.strip()}")
            continue
        for m in re.finditer(r"(?<![\w.,/])(" + NUM + r"(?:/" + NUM + r")?)(?![\w/]|[.,]\d)", ln):
            t = m.group(1)
            if t in allowed or t.lstrip("+") in allowed:
                continue
            if re.fullmatch(r"\d{1,2}|\d{4}|[0-9]+%", t) and (
                    int(t.rstrip("%")) <= 100 or 1990 <= int(t) <= 2100):
                continue  # a page, a heading number, a year, an axis tick
            bad(f"PDF: {t!r} traces to no figure: {ln.strip()[:90]}")


def check_totals(path, figs, rec):
    tot = json.load(open(path, encoding="utf-8"))
    for code, t in tot.get("figures", {}).items():
        f = figs.get(code)
        if f is None:
            bad(f"totals: {code} is no figure")
            continue
        if not same(f["value"], Fraction(t["exact"])):
            bad(f"totals {code}: {t['exact']}, recomputed {f['value']}")
    if "in_year" in rec and rec["in_year"] != tot["dossiers"]["in_year"]:
        bad(f"totals dossiers in_year {tot['dossiers']['in_year']}, recomputed {rec['in_year']}")
    if "late" in rec and rec["late"] != tot["dossiers"]["late"]:
        bad(f"totals dossiers late {tot['dossiers']['late']}, recomputed {rec['late']}")
    if "documents" in rec and rec["documents"] != tot["documents"]["in_year"]:
        bad(f"totals documents {tot['documents']['in_year']}, recomputed {rec['documents']}")


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    totals = None
    layouts = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "layouts")
    for opt in ("--totals", "--layouts"):
        if opt in argv:
            val = argv[argv.index(opt) + 1]
            args.remove(val)
            if opt == "--totals":
                totals = val
            else:
                layouts = val
    if len(args) != 2:
        print(__doc__.strip().split("\n\n")[1], file=sys.stderr)
        return 2
    indir, outdir = args
    d = Data(indir, outdir)
    figs = compute(d)
    ranks = rankings(d)
    rec = reconcile(d, indir)
    doc = rec.get("documents")
    t = d.values.get((d.of_level((T,))[0], "cd.vb_lien_thong")) if d.of_level((T,)) else None
    if doc is not None and t is not None and int(t) != doc:
        if not any(v["code"] == "E_SYSTEM_VB_LIEN_THONG" for v in d.validation):
            bad(f"reconcile cd.vb_lien_thong {t}, system {doc}, no E_SYSTEM_VB_LIEN_THONG")
    y = d.year
    check_workbook(os.path.join(outdir, f"egov-{y}.xlsx"), figs, ranks, d)
    check_baseline_next(os.path.join(outdir, f"baseline-{y + 1}.csv"), figs, d.provisional)
    check_pdf(os.path.join(outdir, f"egov-{y}.pdf"), figs, ranks, d, layouts)
    if totals:
        check_totals(totals, figs, rec)
    for p in problems:
        print(p)
    print(f"audit-figures: {len(figs)} figures, "
          f"{sum(len(r) for r in ranks.values())} ranked rows: "
          f"{len(problems)} disagreement(s)", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
