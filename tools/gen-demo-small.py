#!/usr/bin/python3
"""gen-demo-small.py - writes the small test case tests/cases/small-2021/.

A fictional Kon Tum-like province (code KT), year 2021: 3 departments,
3 districts, 7 communes, every value written out below by hand.  Unlike the
2020 demo, the figures are not all 100 %, and two districts tie in the
ranking (same total from different criteria; their naive floating-point sums
differ in the last bit).  Error-free: egreport must build it with exit 0.

    /usr/bin/python3 tools/gen-demo-small.py [--out DIR]

Writes DIR/input/2021/ (default tests/cases/small-2021/), plus
DIR/expected-figures.csv (code,value,num,den: every derived figure of
indicators.md, computed by this script's independent reader from the files
it wrote) and DIR/expected-ranking.csv (level,rank,unit_code,total).
Deterministic, standard library only.
"""

import os
import shutil
import sys

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import demolib as L  # noqa: E402

ROOT = os.path.dirname(HERE)
YEAR = 2021
PROV = "KT"

UNITS = [
    ("KT", "Tỉnh Kon Tum", "tinh", ""),
    ("KT.STTTT", "Sở Thông tin và Truyền thông", "so", "KT"),
    ("KT.SGDDT", "Sở Giáo dục và Đào tạo", "so", "KT"),
    ("KT.STP", "Sở Tư pháp", "so", "KT"),
    ("KT.KTU", "Thành phố Kon Tum", "huyen", "KT"),
    ("KT.DHA", "Huyện Đăk Hà", "huyen", "KT"),
    ("KT.STH", "Huyện Sa Thầy", "huyen", "KT"),
    ("KT.KTU.01", "Phường Quyết Thắng", "xa", "KT.KTU"),
    ("KT.KTU.02", "Phường Thắng Lợi", "xa", "KT.KTU"),
    ("KT.KTU.03", "Xã Đăk Cấm", "xa", "KT.KTU"),
    ("KT.DHA.01", "Thị trấn Đăk Hà", "xa", "KT.DHA"),
    ("KT.DHA.02", "Xã Đăk Mar", "xa", "KT.DHA"),
    ("KT.STH.01", "Thị trấn Sa Thầy", "xa", "KT.STH"),
    ("KT.STH.02", "Xã Rờ Kơi", "xa", "KT.STH"),
]

T, F = True, False
S = ["KT.STTTT", "KT.SGDDT", "KT.STP"]
H = ["KT.KTU", "KT.DHA", "KT.STH"]
X = ["KT.KTU.01", "KT.KTU.02", "KT.KTU.03", "KT.DHA.01", "KT.DHA.02", "KT.STH.01", "KT.STH.02"]
N = None  # not reported

# indicator: values in the order of S (departments)
DEPT = {
    "ht.cbcc": [38, 86, 45],
    "ht.cbcc_may_tinh": [38, 80, 43],
    "ht.lan_internet": [T, T, T],
    "ht.wan": [T, T, F],
    "ht.bo_phan_mot_cua": [T, T, T],
    "ht.mo_hinh_mot_cua": ["lien_thong", "dien_tu", "lien_thong"],
    "ht.attt_tuong_lua": [T, T, F],
    "ht.attt_sao_luu": [T, F, F],
    "ht.attt_chong_virus": [T, T, T],
    "nl.thpt": [N, 24, N],
    "nl.thpt_tin_hoc": [N, 22, N],
    "nl.cb_cntt": [5, 2, 1],
    "nl.luot_tap_huan": [64, 120, 18],
    "cs.ban_chi_dao": [T, T, T],
    "cs.ke_hoach_cntt": [T, T, F],
    "cs.quy_che_httt": [T, F, T],
    "cs.quy_che_btt": [T, T, F],
    "dt.kinh_phi_cntt": [2150000000, 680000000, 0],
    "hd.cong_ttdt": [T, T, T],
    "hd.du_thong_tin": [T, T, F],
    "tt.qlvb": [T, T, T],
    "tt.vb_di": [1240, 3875, 1106],
    "tt.vb_di_dien_tu": [1240, 3790, 1050],
    "tt.vb_den": [4310, 9025, 3560],
    "tt.vb_den_xu_ly": [4310, 8930, 3320],
    "tt.chu_ky_so": [T, T, T],
    "tt.chung_thu_so": [42, 35, 18],
    "tt.hop_thu": [38, 84, 45],
    "tt.dung_thu": [37, 70, 31],
    "tt.mot_cua_dt": [T, T, T],
    "tt.pm_chuyen_nganh": [T, T, T],
    "gd.ho_so": [1284, 2310, 9876],
    "gd.ho_so_tre": [0, 12, 141],
    "cd.bieu_mau_dt": [T, F, T],
    # scores in hundredths: 112.40, 104.10, 98.75
    "diem.san_sang": [3650, 3360, 3125],
    "diem.hien_dien": [1375, 1280, 1200],
    "diem.tuong_tac": [2640, 2430, 2250],
    "diem.giao_dich": [2025, 1940, 1800],
    "diem.chuyen_doi": [1550, 1400, 1500],
}

# in the order of H (districts)
DIST = {
    "ht.cbcc": [132, 94, 88],
    "ht.cbcc_may_tinh": [130, 90, 79],
    "ht.lan_internet": [T, T, T],
    "ht.wan": [T, T, T],
    "ht.bo_phan_mot_cua": [T, T, T],
    "ht.mo_hinh_mot_cua": ["lien_thong", "dien_tu", "dien_tu"],
    "ht.phong_hop_truc_tuyen": [T, T, F],
    "ht.attt_tuong_lua": [T, T, F],
    "ht.attt_sao_luu": [T, F, F],
    "ht.attt_chong_virus": [T, T, T],
    "ht.bdvhx": [4, 6, 5],
    "ht.bdvhx_internet": [4, 5, 3],
    "ht.ho_gia_dinh": [46210, 17384, 13902],
    "ht.ho_may_tinh_internet": [28950, 6120, 3870],
    "nl.thcs": [12, 9, 7],
    "nl.thcs_tin_hoc": [11, 6, 4],
    "nl.th": [20, 14, 11],
    "nl.th_tin_hoc": [15, 6, 4],
    "nl.cb_cntt": [3, 1, 1],
    "nl.luot_tap_huan": [210, 85, 64],
    "cs.ban_chi_dao": [T, T, F],
    "cs.ke_hoach_cntt": [T, T, T],
    "cs.quy_che_httt": [T, F, F],
    "cs.quy_che_btt": [T, T, F],
    "dt.kinh_phi_cntt": [3420000000, 1150500000, 760000000],
    "hd.cong_ttdt": [T, T, T],
    "hd.du_thong_tin": [T, T, T],
    "tt.qlvb": [T, T, T],
    "tt.vb_di": [7420, 4310, 3980],
    "tt.vb_di_dien_tu": [7410, 4290, 3850],
    "tt.vb_den": [16350, 11240, 9870],
    "tt.vb_den_xu_ly": [16020, 10890, 9050],
    "tt.chu_ky_so": [T, T, T],
    "tt.chung_thu_so": [96, 54, 47],
    "tt.hop_thu": [130, 90, 80],
    "tt.dung_thu": [112, 71, 58],
    "tt.mot_cua_dt": [T, T, T],
    "tt.pm_chuyen_nganh": [T, T, T],
    "gd.ho_so": [18420, 7315, 6208],
    "gd.ho_so_tre": [205, 96, 133],
    "cd.bieu_mau_dt": [T, T, T],
    # KT.KTU and KT.DHA tie at 121.35 (40.10+17.20+28.35+20.40+15.30 and
    # 38.75+16.60+30.15+21.05+14.80); KT.STH 95.60
    "diem.san_sang": [4010, 3875, 3020],
    "diem.hien_dien": [1720, 1660, 1410],
    "diem.tuong_tac": [2835, 3015, 2240],
    "diem.giao_dich": [2040, 2105, 1690],
    "diem.chuyen_doi": [1530, 1480, 1200],
}

# in the order of X (communes); KT.KTU.03 and KT.STH.02 have no portal
COMM = {
    "ht.cbcc": [23, 22, 21, 22, 20, 22, 19],
    "ht.cbcc_may_tinh": [23, 21, 18, 22, 16, 20, 12],
    "ht.lan_internet": [T, T, T, T, T, T, F],
    "ht.wan": [T, T, T, T, F, T, F],
    "ht.bo_phan_mot_cua": [T, T, T, T, T, T, T],
    "ht.mo_hinh_mot_cua": ["lien_thong", "lien_thong", "dien_tu", "dien_tu", "dien_tu", "dien_tu", "chua"],
    "ht.phong_hop_truc_tuyen": [T, T, F, T, F, T, F],
    "hd.cong_ttdt": [T, T, F, T, T, T, F],
    "hd.du_thong_tin": [T, T, N, F, F, T, N],
    "tt.qlvb": [T, T, T, T, T, T, F],
    "tt.vb_di": [1620, 1480, 520, 1105, 430, 980, 310],
    "tt.vb_di_dien_tu": [1620, 1475, 498, 1100, 402, 975, 0],
    "tt.vb_den": [2840, 2615, 1230, 2190, 1105, 1960, 870],
    "tt.vb_den_xu_ly": [2700, 2480, 860, 1840, 705, 1560, 0],
    "tt.chu_ky_so": [T, T, T, T, T, T, F],
    "tt.chung_thu_so": [6, 5, 3, 5, 3, 4, 0],
    "tt.hop_thu": [23, 22, 19, 22, 18, 21, 11],
    "tt.dung_thu": [20, 19, 12, 18, 11, 15, 4],
    "tt.mot_cua_dt": [T, T, T, T, T, T, F],
    "tt.pm_chuyen_nganh": [T, T, T, T, T, T, F],
    "gd.ho_so": [2105, 1876, 412, 1364, 388, 907, 215],
    "gd.ho_so_tre": [14, 0, 9, 22, 11, 6, 18],
}

PROVINCE = {
    "ht.doanh_nghiep": 2140, "ht.doanh_nghiep_internet": 2098,
    "gd.dvc_muc_3": 96, "gd.dvc_muc_4": 214,
    "gd.ho_so_muc_3": 12480, "gd.ho_so_muc_4": 3365,
    "gd.hop_truc_tuyen": 87, "cd.vb_lien_thong": 412936,
}

NOTES = {
    ("KT.STP", "dt.kinh_phi_cntt"): "Chưa bố trí kinh phí riêng, lồng ghép trong chi thường xuyên",
    ("KT.STTTT", "gd.ho_so_tre"): "Không có hồ sơ trễ hạn",
    ("KT.KTU.03", "hd.cong_ttdt"): "Chưa có trang thông tin điện tử riêng",
    ("KT.STH.02", "ht.mo_hinh_mot_cua"): "Dự kiến triển khai quý I/2022",
    ("KT.STH.02", "tt.vb_di_dien_tu"): "Chưa triển khai phần mềm, gửi văn bản giấy",
    ("KT.DHA.01", "hd.du_thong_tin"): "Thiếu mục thông tin; đang bổ sung",
    ("KT", "cd.vb_lien_thong"): "Theo thống kê của Trục liên thông văn bản tỉnh (LGSP)",
    ("KT.SGDDT", "nl.thcs"): "Tổng hợp từ các Phòng Giáo dục và Đào tạo cấp huyện",
}

BASE = {"sep": ".", "money_sep": ".", "bool": 0, "enum": 0, "mark": ",",
        "headings": False, "blank_between": False, "by_indicator": False,
        "notes": True, "pad": False, "signature": False, "bom": False, "crlf": False}

# file name, units, style, title rows
FILES = [
    ("ubnd-tinh-kontum.csv", [PROV], dict(BASE, layout="B", delim=";", crlf=True),
     ["ỦY BAN NHÂN DÂN TỈNH KON TUM", ""]),
    ("01-sotttt.csv", ["KT.STTTT"], dict(BASE, layout="C", delim=",", bom=True, crlf=True,
                                          headings=True, signature=True),
     ["SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "BÁO CÁO SỐ LIỆU ỨNG DỤNG CNTT NĂM 2021"]),
    ("BaoCao_SGDDT_2021.csv", ["KT.SGDDT"], dict(BASE, layout="D", delim=";", sep=" ", bool=1,
                                                 enum=2, mark=".", pad=True, headings=True,
                                                 blank_between=True),
     ["SỞ GIÁO DỤC VÀ ĐÀO TẠO", "BÁO CÁO SỐ LIỆU ỨNG DỤNG CNTT NĂM 2021",
      "(Số liệu tính đến ngày 15/12/2021)", ""]),
    ("stp.csv", ["KT.STP"], dict(BASE, layout="E", delim="\t", sep="", bool=2, notes=False), []),
    ("TP_KonTum_2021.csv", ["KT.KTU"] + X[0:3], dict(BASE, layout="A", delim=",", headings=True,
                                                      blank_between=True, enum=1),
     ["BÁO CÁO SỐ LIỆU ỨNG DỤNG CNTT NĂM 2021"]),
    ("DakHa-2021.csv", ["KT.DHA"] + X[3:5], dict(BASE, layout="G", delim=";", bom=True, crlf=True,
                                                  bool=4, by_indicator=True, headings=True,
                                                  mark=".", enum=2),
     ["ỦY BAN NHÂN DÂN HUYỆN ĐĂK HÀ", "BÁO CÁO SỐ LIỆU ỨNG DỤNG CNTT NĂM 2021", ""]),
    ("SaThay_BC.csv", ["KT.STH"] + X[5:7], dict(BASE, layout="F", delim="\t", bool=3,
                                                 sep="\u00a0", money_sep="", signature=True,
                                                 notes=False),
     []),
]


def values():
    V = {PROV: dict(PROVINCE)}
    for table, units in ((DEPT, S), (DIST, H), (COMM, X)):
        for u in units:
            V.setdefault(u, {})
        for ind, vals in table.items():
            assert len(vals) == len(units), ind
            for u, x in zip(units, vals):
                if x is not None:
                    V[u][ind] = x
    for ind in ("nl.thcs", "nl.thcs_tin_hoc", "nl.th", "nl.th_tin_hoc"):
        V["KT.SGDDT"][ind] = sum(V[d][ind] for d in H)
    return V


def write(case_dir):
    out = os.path.join(case_dir, "input", str(YEAR))
    if os.path.isdir(os.path.join(out, "submissions")):
        shutil.rmtree(os.path.join(out, "submissions"))
    os.makedirs(os.path.join(out, "submissions"))
    L.write_simple_csv(os.path.join(out, "units.csv"), ["code", "name", "level", "parent"], UNITS)
    L.write_simple_csv(os.path.join(out, "report.csv"), ["key", "value"], [
        ("province", "Kon Tum"),
        ("issuer", "Ủy ban nhân dân tỉnh Kon Tum"),
        ("signer", "Phạm Minh Khang"),
        ("signer_title", "KT. CHỦ TỊCH\\nPHÓ CHỦ TỊCH"),
        ("place", "Kon Tum"),
        ("issued_on", "2022-01-14"),
        ("deadline", "2021-12-31"),
        ("number", "07/BC-UBND"),
        ("recipients", "Bộ Thông tin và Truyền thông;Thường trực Tỉnh ủy;"
                       "Các sở, ban, ngành thuộc tỉnh;UBND các huyện, thành phố;Lưu: VT, KGVX"),
    ])
    L.write_simple_csv(os.path.join(out, "baseline.csv"), ["indicator", "value"],
                       [("tl.ho_may_tinh_internet", "38,2")])
    V = values()
    names = {u[0]: u[1] for u in UNITS}
    for k, (fname, units, st, titles) in enumerate(FILES):
        heads = None
        if len(units) > 1:
            heads = {u: ("UBND " if u.count(".") == 2 else "") + names[u] for u in units}
        items = L.build_items(units, V, lambda u, i: NOTES.get((u, i), ""), st, heads)
        L.write_submission(os.path.join(out, "submissions", fname), st, titles, items,
                           mtime=L.local_time(YEAR, 12, 6 + 3 * k, 10))
    return out, V


def fail(msg):
    sys.exit("gen-demo-small: SELF-CHECK FAILED: " + msg)


def main():
    case_dir = os.path.join(ROOT, "tests", "cases", "small-2021")
    args = sys.argv[1:]
    if args[:1] == ["--out"] and len(args) == 2:
        case_dir = args[1]
    elif args:
        sys.exit("usage: gen-demo-small.py [--out DIR]")
    out, V = write(case_dir)
    try:
        ds = L.load_year(out)
        L.check_completeness(ds)
        L.check_rules(ds)
    except L.CheckError as e:
        fail(str(e))
    # what was read is what was meant
    for u, inds in V.items():
        for i, x in inds.items():
            if ds["values"].get((u, i)) != x:
                fail("%s %s read back as %r, written %r" % (u, i, ds["values"].get((u, i)), x))
    if len(ds["values"]) != sum(len(x) for x in V.values()):
        fail("extra values read")
    figs = L.compute_figures(ds)
    rk, unranked = L.rankings(ds)
    if unranked["so"] or unranked["huyen"]:
        fail("unranked units")
    if [(r, u) for r, u, _ in rk["huyen"]] != [(1, "KT.DHA"), (1, "KT.KTU"), (3, "KT.STH")]:
        fail("district ranking %r" % rk["huyen"])
    if [(r, u) for r, u, _ in rk["so"]] != [(1, "KT.STTTT"), (2, "KT.SGDDT"), (3, "KT.STP")]:
        fail("department ranking %r" % rk["so"])
    F = L.fig_map(figs)
    if F["dem.mot_cua_lien_thong.so"]["num"] != 2 or F["dem.du_thong_tin.xa"]["den"] != 5:
        fail("variety lost")

    rows = []
    for f in figs:
        v = f["value"]
        if v is None:
            fail("%s has no value" % f["code"])
        text = L.float_text(v) if isinstance(v, float) else str(v)
        num = "" if f["kind"] not in ("ratio", "dem") else str(f["num"])
        den = "" if f["kind"] not in ("ratio", "dem") else str(f["den"])
        rows.append((f["code"], text, num, den))
    L.write_simple_csv(os.path.join(case_dir, "expected-figures.csv"), ["code", "value", "num", "den"], rows)
    rrows = [(level, r, u, "%d.%02d" % divmod(t, 100)) for level in ("so", "huyen") for r, u, t in rk[level]]
    L.write_simple_csv(os.path.join(case_dir, "expected-ranking.csv"),
                       ["level", "rank", "unit_code", "total"], rrows)
    print("wrote %s: %d units, %d files, %d values, %d figures; self-check passed"
          % (os.path.relpath(case_dir, ROOT), len(ds["units"]), len(ds["files"]),
             len(ds["values"]), len(figs)))
    for f in figs:
        print("  " + L.describe(f))
    for row in rrows:
        print("  xh.%-6s rank %d %-9s %s" % row)


if __name__ == "__main__":
    main()
