#!/usr/bin/python3
"""gen-demo-2020.py - writes the demo input input/2020/ (Gia Lai, 2020).

The unit-level data behind Gia Lai's published 2020 e-government report was
never published: this script invents plausible per-unit values whose
provincial figures are exactly the published ones (spec/figures-2020.md).
Deterministic (fixed seed, same bytes every run), standard library only.

    /usr/bin/python3 tools/gen-demo-2020.py [--out DIR]

After writing, it re-reads everything it wrote with an independent reader
(tools/demolib.py), recomputes every derived figure and both rankings and
asserts the published values; it exits non-zero on any violation.
"""

import datetime
import math
import os
import random
import shutil
import sys
from fractions import Fraction

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import demolib as L  # noqa: E402
import demoformats as F  # noqa: E402

SEED = 20201231
YEAR = 2020
ROOT = os.path.dirname(HERE)
PROV = "GL"

# ------------------------------------------------------------------ registry

# code, name, file name, CBCC, dossier weight (dossiers received in 2020)
DEPARTMENTS = [
    ("GL.STTTT", "Sở Thông tin và Truyền thông", "so-tttt.csv", 46, 900),
    ("GL.SKHCN", "Sở Khoa học và Công nghệ", "SoKHCN_BaoCao_2020.csv", 52, 420),
    ("GL.VPUBND", "Văn phòng UBND tỉnh", "vp-ubnd-tinh.csv", 96, 1800),
    ("GL.BQLKKT", "Ban Quản lý Khu Kinh tế", "BQL_KKT_2020.csv", 41, 380),
    ("GL.SNV", "Sở Nội vụ", "so-noi-vu.csv", 118, 2300),
    ("GL.STP", "Sở Tư pháp", "STP-bao-cao-CNTT-2020.csv", 58, 11800),
    ("GL.SKHDT", "Sở Kế hoạch và Đầu tư", "skhdt_2020.csv", 64, 14500),
    ("GL.STC", "Sở Tài chính", "SoTaiChinh.csv", 72, 950),
    ("GL.SCT", "Sở Công Thương", "so-cong-thuong-2020.csv", 85, 5200),
    ("GL.SNNPTNT", "Sở Nông nghiệp và Phát triển nông thôn", "SNN_PTNT_BC_UDCNTT.csv", 196, 3100),
    ("GL.SGTVT", "Sở Giao thông vận tải", "sgtvt.csv", 88, 27500),
    ("GL.SXD", "Sở Xây dựng", "So Xay dung - bao cao 2020.csv", 61, 3300),
    ("GL.STNMT", "Sở Tài nguyên và Môi trường", "STNMT_2020_final.csv", 142, 48500),
    ("GL.SLDTBXH", "Sở Lao động - Thương binh và Xã hội", "so-ldtbxh.csv", 79, 7400),
    ("GL.SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch", "SVHTTDL-BaoCao.csv", 104, 1100),
    ("GL.SYT", "Sở Y tế", "so-y-te-2020.csv", 83, 6300),
    ("GL.SGDDT", "Sở Giáo dục và Đào tạo", "SoGDDT_BaoCao_CNTT_2020.csv", 92, 3900),
    ("GL.TTT", "Thanh tra tỉnh", "thanh-tra-tinh.csv", 47, 160),
    ("GL.BDT", "Ban Dân tộc", "BanDanToc_2020.csv", 40, 90),
    ("GL.SNGV", "Sở Ngoại vụ", "so-ngoai-vu.csv", 42, 140),
]
EDU = "GL.SGDDT"

# Communes: P phường, T thị trấn, X xã.
# code, name, file name, households, share of households with a computer on
# the Internet, CBCC, dossier weight, communes
DISTRICTS = [
    ("GL.PKU", "Thành phố Pleiku", "pleiku.csv", 63500, 0.80, 148, 23000,
     "P:Diên Hồng|P:Ia Kring|P:Hội Thương|P:Hội Phú|P:Phù Đổng|P:Hoa Lư|P:Tây Sơn|"
     "P:Thống Nhất|P:Đống Đa|P:Trà Bá|P:Thắng Lợi|P:Yên Đỗ|P:Chi Lăng|P:Yên Thế|"
     "X:Biển Hồ|X:Tân Sơn|X:Trà Đa|X:Chư Á|X:An Phú|X:Diên Phú|X:Ia Kênh|X:Gào"),
    ("GL.AKE", "Thị xã An Khê", "BaoCao_AnKhe_2020.csv", 18200, 0.66, 104, 8600,
     "P:An Bình|P:Tây Sơn|P:An Phú|P:An Tân|P:An Phước|P:Ngô Mây|"
     "X:Cửu An|X:Song An|X:Tú An|X:Xuân An|X:Thành An"),
    ("GL.APA", "Thị xã Ayun Pa", "ayunpa-2020.csv", 9900, 0.61, 92, 5100,
     "P:Cheo Reo|P:Hòa Bình|P:Đoàn Kết|P:Sông Bờ|X:Ia RBol|X:Chư Băh|X:Ia RTô|X:Ia Sao"),
    ("GL.CPA", "Huyện Chư Păh", "UBND_ChuPah.csv", 18900, 0.55, 112, 7200,
     "T:Phú Hòa|T:Ia Ly|X:Hà Tây|X:Ia Khươl|X:Đăk Tơ Ver|X:Hòa Phú|X:Chư Đăng Ya|"
     "X:Ia Ka|X:Ia Nhin|X:Nghĩa Hòa|X:Nghĩa Hưng|X:Ia Mơ Nông|X:Ia Kreng|X:Ia Phí"),
    ("GL.CPR", "Huyện Chư Prông", "ChuProng_BC_CNTT_2020.csv", 29400, 0.50, 126, 9700,
     "T:Chư Prông|X:Ia Drang|X:Ia Boòng|X:Ia Pia|X:Ia Ga|X:Ia Me|X:Ia Phìn|X:Ia Tôr|"
     "X:Ia Kly|X:Ia Băng|X:Thăng Hưng|X:Bình Giáo|X:Bàu Cạn|X:Ia Vê|X:Ia O|X:Ia Púch|"
     "X:Ia Mơ|X:Ia Lâu|X:Ia Piơr|X:Ia Pơr"),
    ("GL.CPU", "Huyện Chư Pưh", "BaoCao_ChuPuh_2020.csv", 17600, 0.56, 98, 6900,
     "T:Nhơn Hòa|X:Ia Hla|X:Ia Phang|X:Ia Le|X:Ia Blứ|X:Chư Don|X:Ia Dreng|X:Ia Hrú|X:Ia Rong"),
    ("GL.CSE", "Huyện Chư Sê", "chuse_2020.csv", 29800, 0.58, 124, 9900,
     "T:Chư Sê|X:Ia Blang|X:Ia Pal|X:Dun|X:Ia Tiêm|X:Ia Glai|X:Bờ Ngoong|X:Al Bá|"
     "X:Chư Pơng|X:Ia Hlốp|X:Ia Ko|X:Kông Htok|X:Bar Măih|X:H'Bông|X:Ayun"),
    ("GL.DDO", "Huyện Đak Đoa", "DakDoa-baocao.csv", 28100, 0.52, 121, 8800,
     "T:Đak Đoa|X:Hải Yang|X:Kon Gang|X:Đak Sơmei|X:Hà Đông|X:Hnol|X:Trang|X:H'Neng|"
     "X:Nam Yang|X:Tân Bình|X:Glar|X:A Dơk|X:Ia Băng|X:Ia Pết|X:Hà Bầu|X:K'Dang|X:Đak Krong"),
    ("GL.DPO", "Huyện Đak Pơ", "BC_DakPo_2020.csv", 11300, 0.49, 86, 4300,
     "T:Đak Pơ|X:Hà Tam|X:An Thành|X:Yang Bắc|X:Cư An|X:Tân An|X:Phú An|X:Ya Hội"),
    ("GL.DCO", "Huyện Đức Cơ", "ducco.csv", 18700, 0.50, 97, 6200,
     "T:Chư Ty|X:Ia Dom|X:Ia Nan|X:Ia Pnôn|X:Ia Kriêng|X:Ia Lang|X:Ia Din|X:Ia Krêl|"
     "X:Ia Dơk|X:Ia Kla"),
    ("GL.IGR", "Huyện Ia Grai", "IaGrai_2020_v2.csv", 25300, 0.53, 109, 7900,
     "T:Ia Kha|X:Ia Dêr|X:Ia Bă|X:Ia Grăng|X:Ia Hrung|X:Ia Khai|X:Ia Krái|X:Ia O|"
     "X:Ia Chía|X:Ia Pếch|X:Ia Sao|X:Ia Tô|X:Ia Yok"),
    ("GL.IPA", "Huyện Ia Pa", "iapa-bao-cao.csv", 13600, 0.42, 84, 4100,
     "X:Pờ Tó|X:Chư Răng|X:Kim Tân|X:Ia Broăi|X:Ia Kdăm|X:Ia Mrơn|X:Ia Trok|X:Ia Tul|X:Chư Mố"),
    ("GL.KBA", "Huyện Kbang", "Bao cao Kbang 2020.csv", 18100, 0.45, 103, 5600,
     "T:Kbang|X:Đak Rong|X:Sơn Lang|X:Krong|X:Sơ Pai|X:Lơ Ku|X:Đông|X:Nghĩa An|"
     "X:Tơ Tung|X:Kông Lơng Khơng|X:Kông Bơ La|X:Đak Hlơ|X:Đak Smar|X:Kon Pne"),
    ("GL.KCH", "Huyện Kông Chro", "KongChro_2020.csv", 12200, 0.40, 95, 3900,
     "T:Kông Chro|X:Chư Krey|X:An Trung|X:Kông Yang|X:Đăk Tơ Pang|X:Sró|X:Đăk Kơ Ning|"
     "X:Đăk Song|X:Đăk Pling|X:Yang Trung|X:Ya Ma|X:Chơ Long|X:Yang Nam|X:Đăk Pơ Pho"),
    ("GL.KPA", "Huyện Krông Pa", "BaoCao_KrongPa_2020.csv", 20300, 0.43, 101, 5200,
     "T:Phú Túc|X:Ia RSai|X:Ia RSươm|X:Chư Gu|X:Ia Mlah|X:Đất Bằng|X:Chư Ngọc|X:Phú Cần|"
     "X:Ia Dreh|X:Ia Rmok|X:Chư Drăng|X:Krông Năng|X:Uar|X:Chư Rcăm"),
    ("GL.MYA", "Huyện Mang Yang", "mang-yang-2020.csv", 16900, 0.47, 96, 5300,
     "T:Kon Dơng|X:Ayun|X:Đak Jơ Ta|X:Đak Ta Ley|X:Hra|X:Đăk Yă|X:Đăk Djrăng|X:Lơ Pang|"
     "X:Kon Thụp|X:Đê Ar|X:Kon Chiêng|X:Đak Trôi"),
    ("GL.PTH", "Huyện Phú Thiện", "PhuThien_BC.csv", 20100, 0.48, 99, 6100,
     "T:Phú Thiện|X:Ayun Hạ|X:Ia Ake|X:Ia Hiao|X:Ia Piar|X:Ia Peng|X:Chrôh Pơnan|X:Ia Sol|"
     "X:Ia Yeng|X:Chư A Thai"),
]
KIND = {"P": "Phường", "T": "Thị trấn", "X": "Xã"}
REMOTE = ["GL.KCH", "GL.KPA", "GL.IPA", "GL.KBA", "GL.MYA", "GL.DPO", "GL.CPR", "GL.PTH"]
URBAN_ALL_BDVHX = ["GL.PKU", "GL.AKE", "GL.APA", "GL.CSE", "GL.CPU"]

# Published rankings (hundredths).
DEPT_FIXED = {"GL.STTTT": 11683, "GL.SKHCN": 11562, "GL.VPUBND": 11501, "GL.BQLKKT": 9774}
DIST_FIXED = {"GL.CPU": 14029, "GL.PKU": 14028, "GL.CSE": 13658, "GL.KPA": 9804}

# Published provincial figures.
T_VALUES = {
    "ht.doanh_nghiep": 5213, "ht.doanh_nghiep_internet": 5213,
    "gd.dvc_muc_3": 178, "gd.dvc_muc_4": 349,
    "gd.ho_so_muc_3": 103758, "gd.ho_so_muc_4": 9842,
    "gd.hop_truc_tuyen": 312, "cd.vb_lien_thong": 1817077,
}
TONG_HO_SO = 403086
TONG_HO_SO_TRE = 4127
TONG_CHUNG_THU_SO = 3525
BDVHX, BDVHX_INTERNET = 210, 202            # 96.19 %
THCS, THCS_TIN, TH, TH_TIN, THPT = 188, 158, 282, 144, 47
BASELINE_HO_MT = "45,7"


def fit_total(vals, lo, hi, target, rng):
    """Moves integer values within [lo, hi] until they add up to target."""
    n = len(vals)
    if not sum(lo) <= target <= sum(hi):
        raise SystemExit("fit_total: %d not within %d..%d" % (target, sum(lo), sum(hi)))
    vals = [min(max(v, a), b) for v, a, b in zip(vals, lo, hi)]
    for _ in range(100000):
        diff = target - sum(vals)
        if diff == 0:
            return vals
        order = list(range(n))
        rng.shuffle(order)
        share = max(1, abs(diff) // n)
        for i in order:
            diff = target - sum(vals)
            if diff == 0:
                break
            if diff > 0:
                vals[i] += min(hi[i] - vals[i], share, diff)
            else:
                vals[i] -= min(vals[i] - lo[i], share, -diff)
    raise SystemExit("fit_total did not converge")


def split_score(total, maxima, rng):
    """Five criterion scores (hundredths) within the maxima, adding to total."""
    M = [m * 100 for m in maxima]
    f = total / sum(M)
    for _ in range(10000):
        parts = []
        for m in M[:-1]:
            x = min(max(f + rng.uniform(-0.08, 0.08), 0.35), 0.985)
            p = int(round(m * x))
            if rng.random() < 0.45:
                p = int(round(p / 25.0)) * 25
            parts.append(p)
        last = total - sum(parts)
        if 0.3 * M[-1] <= last <= 0.985 * M[-1]:
            return parts + [last]
    raise SystemExit("split_score: no split for %d" % total)


def build_registry():
    units = [(PROV, "Tỉnh Gia Lai", "tinh", "")]
    for d in DEPARTMENTS:
        units.append((d[0], d[1], "so", PROV))
    for d in DISTRICTS:
        units.append((d[0], d[1], "huyen", PROV))
    communes = {}
    for d in DISTRICTS:
        lst = []
        for k, item in enumerate(d[7].split("|"), 1):
            kind, name = item.split(":")
            code = "%s.%02d" % (d[0], k)
            lst.append((code, KIND[kind] + " " + name, kind))
        communes[d[0]] = lst
    for d in DISTRICTS:
        for code, name, _ in communes[d[0]]:
            units.append((code, name, "xa", d[0]))
    return units, communes


def generate(rng, communes):
    """Returns V {unit: {indicator: value}} and notes {(unit, ind): text}.
    Scores are in hundredths."""
    V = {}
    notes = {}
    depts = [d[0] for d in DEPARTMENTS]
    dists = [d[0] for d in DISTRICTS]
    comms = [c[0] for d in dists for c in communes[d]]
    ckind = {c[0]: c[2] for d in dists for c in communes[d]}
    cdist = {c[0]: d for d in dists for c in communes[d]}
    dinfo = {d[0]: d for d in DISTRICTS}
    S, H, X = depts, dists, comms
    ALL = S + H + X
    for u in ALL:
        V[u] = {}
    V[PROV] = dict(T_VALUES)

    # --- staff, computers, mailboxes
    for d in DEPARTMENTS:
        V[d[0]]["ht.cbcc"] = d[3]
    for d in DISTRICTS:
        V[d[0]]["ht.cbcc"] = d[5]
    for c in X:
        V[c]["ht.cbcc"] = rng.randint(20, 25)
    for u in S:
        V[u]["ht.cbcc_may_tinh"] = V[u]["ht.cbcc"] - rng.choice([0, 0, 0, 1, 2, 3])
    for u in H:
        V[u]["ht.cbcc_may_tinh"] = V[u]["ht.cbcc"] - rng.randint(0, 6)
    for u in X:
        V[u]["ht.cbcc_may_tinh"] = int(round(V[u]["ht.cbcc"] * rng.uniform(0.78, 1.0)))
    cb = [V[u]["ht.cbcc"] for u in ALL]
    tot_cb = sum(cb)
    lo = [math.ceil(c * (0.93 if u in S else 0.90 if u in H else 0.85)) for u, c in zip(ALL, cb)]
    hop = fit_total([int(c * rng.uniform(0.9, 1.0)) for c in cb], lo, cb,
                    int(round(tot_cb * 0.9555)), rng)
    dlo = [math.ceil(c * 0.55) for c in cb]
    dung = fit_total([int(h * rng.uniform(0.72, 0.95)) for h in hop], dlo, hop,
                     int(round(tot_cb * 0.8004)), rng)
    for u, h, g in zip(ALL, hop, dung):
        V[u]["tt.hop_thu"] = h
        V[u]["tt.dung_thu"] = g

    # --- documents
    for u in ALL:
        if u == "GL.VPUBND":
            di, den = 9800, 16200
        elif u == "GL.PKU":
            di, den = 11500, 19300
        elif u in S:
            di, den = rng.randint(900, 5500), rng.randint(2500, 9000)
        elif u in H:
            di, den = rng.randint(2800, 8000), rng.randint(6000, 14000)
        else:
            di, den = rng.randint(350, 1400), rng.randint(900, 2800)
        V[u]["tt.vb_di"] = di
        V[u]["tt.vb_den"] = den
    vb_di = [V[u]["tt.vb_di"] for u in ALL]
    deficit = fit_total([rng.randint(0, x // 120) if rng.random() < 0.55 else 0 for x in vb_di],
                        [0] * len(ALL), [x // 50 for x in vb_di],
                        int(round(sum(vb_di) * 0.0028)), rng)
    for u, x, k in zip(ALL, vb_di, deficit):
        V[u]["tt.vb_di_dien_tu"] = x - k
    for u in S:
        V[u]["tt.vb_den_xu_ly"] = V[u]["tt.vb_den"]
    for group, share, low, ini in ((H, 0.9781, 0.95, (0.96, 1.0)), (X, 0.8003, 0.60, (0.65, 0.95))):
        den = [V[u]["tt.vb_den"] for u in group]
        xl = fit_total([int(x * rng.uniform(*ini)) for x in den],
                       [math.ceil(x * low) for x in den], den,
                       int(round(sum(den) * share)), rng)
        for u, x in zip(group, xl):
            V[u]["tt.vb_den_xu_ly"] = x

    # --- digital certificates
    ini, lo, hi = [], [], []
    for u in ALL:
        if u == "GL.VPUBND":
            a, b, c = 118, 100, 150
        elif u == "GL.PKU":
            a, b, c = 131, 110, 160
        elif u in S:
            a, b, c = rng.randint(14, 90), 10, 150
        elif u in H:
            a, b, c = rng.randint(35, 95), 25, 120
        else:
            a, b, c = rng.randint(4, 10), 3, 14
        ini.append(a), lo.append(b), hi.append(c)
    for u, x in zip(ALL, fit_total(ini, lo, hi, TONG_CHUNG_THU_SO, rng)):
        V[u]["tt.chung_thu_so"] = x

    # --- dossiers
    ini = []
    for u in ALL:
        if u in S:
            w = dict((d[0], d[4]) for d in DEPARTMENTS)[u]
        elif u in H:
            w = dinfo[u][6]
        else:
            k = ckind[u]
            w = rng.randint(1100, 2400) if k == "P" else rng.randint(700, 1300) if k == "T" else rng.randint(260, 880)
        ini.append(int(w * rng.uniform(0.93, 1.07)))
    hs = fit_total(ini, [int(x * 0.75) for x in ini], [int(x * 1.25) + 5 for x in ini],
                   TONG_HO_SO, rng)
    tre_ini, tre_hi = [], []
    for u, h in zip(ALL, hs):
        if u in X and rng.random() < 0.25:
            tre_ini.append(0), tre_hi.append(0)
            continue
        rate = rng.uniform(0.002, 0.025) if u in S else rng.uniform(0.004, 0.02) if u in H else rng.uniform(0.0, 0.02)
        tre_ini.append(int(h * rate)), tre_hi.append(h * 4 // 100)
    tre = fit_total(tre_ini, [0] * len(ALL), tre_hi, TONG_HO_SO_TRE, rng)
    for u, h, t in zip(ALL, hs, tre):
        V[u]["gd.ho_so"] = h
        V[u]["gd.ho_so_tre"] = t
        if t == 0:
            notes[(u, "gd.ho_so_tre")] = "Không có hồ sơ trễ hạn"

    # --- post offices, households (districts)
    nxa = {d: sum(1 for c in communes[d] if c[2] == "X") for d in H}
    bd = fit_total([max(2, nxa[d] + rng.randint(-1, 2)) for d in H],
                   [max(1, nxa[d] - 2) for d in H], [nxa[d] + 4 for d in H], BDVHX, rng)
    bdi = fit_total(list(bd), [b if d in URBAN_ALL_BDVHX else b - 2 for d, b in zip(H, bd)],
                    bd, BDVHX_INTERNET, rng)
    hh = [int(round(dinfo[d][3] * rng.uniform(0.97, 1.03))) for d in H]
    target = int(round(sum(hh) * 0.57381))
    hmi = fit_total([int(round(h * dinfo[d][4])) for d, h in zip(H, hh)],
                    [int(h * 0.30) for h in hh], [int(h * 0.85) for h in hh], target, rng)
    for d, a, b, c, e in zip(H, bd, bdi, hh, hmi):
        V[d]["ht.bdvhx"] = a
        V[d]["ht.bdvhx_internet"] = b
        V[d]["ht.ho_gia_dinh"] = c
        V[d]["ht.ho_may_tinh_internet"] = e

    # --- schools (districts; the education department states their sums)
    ncom = {d: len(communes[d]) for d in H}
    def schools(total, total_tin, tin_share, tin_low):
        base = [ncom[d] * total / 220.0 for d in H]
        n = fit_total([int(round(b * rng.uniform(0.9, 1.1))) for b in base],
                      [max(2, int(b * 0.6)) for b in base], [int(b * 1.6) + 2 for b in base],
                      total, rng)
        t = fit_total([int(round(x * tin_share(d))) for d, x in zip(H, n)],
                      [int(x * tin_low) for x in n], n, total_tin, rng)
        return n, t
    thcs, thcs_t = schools(THCS, THCS_TIN, lambda d: 1.0 if d == "GL.PKU" else 0.92 if d in URBAN_ALL_BDVHX else rng.uniform(0.7, 0.9), 0.5)
    th, th_t = schools(TH, TH_TIN, lambda d: 0.9 if d == "GL.PKU" else 0.65 if d in URBAN_ALL_BDVHX else rng.uniform(0.3, 0.55), 0.2)
    for d, a, b, c, e in zip(H, thcs, thcs_t, th, th_t):
        V[d]["nl.thcs"], V[d]["nl.thcs_tin_hoc"], V[d]["nl.th"], V[d]["nl.th_tin_hoc"] = a, b, c, e
    V[EDU]["nl.thpt"] = THPT
    V[EDU]["nl.thpt_tin_hoc"] = THPT
    for ind in ("nl.thcs", "nl.thcs_tin_hoc", "nl.th", "nl.th_tin_hoc"):
        V[EDU][ind] = sum(V[d][ind] for d in H)
    notes[(EDU, "nl.thcs")] = "Tổng hợp từ các Phòng Giáo dục và Đào tạo cấp huyện"

    # --- IT staff, training, budget
    for u in S + H:
        if u == "GL.STTTT":
            cb_, lt, kp = 8, 95, 4750000000
        elif u == "GL.VPUBND":
            cb_, lt, kp = 3, 64, 2380000000
        elif u == "GL.PKU":
            cb_, lt, kp = 4, 268, 3650000000
        elif u in ("GL.BDT", "GL.SNGV"):
            cb_, lt, kp = 1, rng.randint(6, 15), 0
            notes[(u, "dt.kinh_phi_cntt")] = "Chưa bố trí kinh phí riêng, lồng ghép trong chi thường xuyên"
        elif u in S:
            cb_, lt, kp = rng.randint(1, 2), rng.randint(8, 60), rng.randint(15, 180) * 10000000
        else:
            cb_, lt, kp = rng.randint(1, 3), rng.randint(40, 240), rng.randint(25, 160) * 10000000
        V[u]["nl.cb_cntt"], V[u]["nl.luot_tap_huan"], V[u]["dt.kinh_phi_cntt"] = cb_, lt, kp

    # --- yes/no and the one-stop-shop model
    for u in ALL:
        for ind in ("ht.lan_internet", "ht.wan", "ht.bo_phan_mot_cua", "hd.cong_ttdt",
                    "hd.du_thong_tin", "tt.qlvb", "tt.chu_ky_so", "tt.mot_cua_dt",
                    "tt.pm_chuyen_nganh"):
            V[u][ind] = True
    for u in H + X:
        V[u]["ht.phong_hop_truc_tuyen"] = True
    for u in S + H:
        for ind in ("ht.attt_tuong_lua", "ht.attt_sao_luu", "ht.attt_chong_virus",
                    "cs.ban_chi_dao", "cs.ke_hoach_cntt", "cs.quy_che_httt",
                    "cs.quy_che_btt", "cd.bieu_mau_dt"):
            V[u][ind] = True
    for u in ("GL.BDT", "GL.SNGV", "GL.KCH"):
        V[u]["ht.attt_tuong_lua"] = False
    for u in ("GL.BDT", "GL.TTT", "GL.SNGV", "GL.KCH", "GL.IPA"):
        V[u]["ht.attt_sao_luu"] = False
    V["GL.KCH"]["ht.attt_chong_virus"] = False
    for u in rng.sample(S[4:], 5) + rng.sample(H[3:], 5):
        V[u]["cs.quy_che_httt"] = False
    for u in rng.sample(S[4:], 3) + rng.sample(H[3:], 4):
        V[u]["cs.quy_che_btt"] = False
    for u in S:
        V[u]["ht.mo_hinh_mot_cua"] = "lien_thong"
    lt_h = ["GL.PKU", "GL.AKE", "GL.APA", "GL.CPU", "GL.CSE", "GL.DDO", "GL.IGR",
            "GL.CPA", "GL.DCO", "GL.CPR", "GL.PTH"]
    for u in H:
        V[u]["ht.mo_hinh_mot_cua"] = "lien_thong" if u in lt_h else "dien_tu"
    for u in X:
        V[u]["ht.mo_hinh_mot_cua"] = "lien_thong" if ckind[u] in "PT" else "dien_tu"
    rural_remote = [c for c in X if ckind[c] == "X" and cdist[c] in REMOTE]
    rural = [c for c in X if ckind[c] == "X"]
    no_lan = rng.sample(rural_remote, 6)
    for c in no_lan:
        V[c]["ht.lan_internet"] = False
        V[c]["ht.wan"] = False
        notes[(c, "ht.lan_internet")] = "Đang dùng đường truyền ADSL"
    for c in rng.sample([c for c in rural_remote if c not in no_lan], 3):
        V[c]["ht.wan"] = False
    no_portal = rng.sample(rural_remote, 12) + rng.sample([c for c in rural if cdist[c] not in REMOTE], 4)
    for c in no_portal:
        V[c]["hd.cong_ttdt"] = False
        del V[c]["hd.du_thong_tin"]
        notes[(c, "hd.cong_ttdt")] = "Chưa có trang thông tin điện tử riêng"
    with_portal = [c for c in X if V[c]["hd.cong_ttdt"]]
    for c in rng.sample(with_portal, len(with_portal) - 163):
        V[c]["hd.du_thong_tin"] = False
        if rng.random() < 0.5:
            notes[(c, "hd.du_thong_tin")] = "Chưa đủ các mục thông tin theo Nghị định 43/2011/NĐ-CP"

    # --- assessment scores
    others = [u for u in S if u not in DEPT_FIXED]
    tot = dict(DEPT_FIXED)
    tot.update(zip(others, rng.sample(range(9850, 11480), len(others))))
    others = [u for u in H if u not in DIST_FIXED]
    tot.update(DIST_FIXED)
    tot.update(zip(others, rng.sample(range(10050, 13600), len(others))))
    for u in S + H:
        parts = split_score(tot[u], L.SCORE_MAX["S" if u in S else "H"], rng)
        for ind, p in zip(L.SCORES, parts):
            V[u][ind] = p
    return V, notes


GENERIC_NOTES = [
    "Số liệu tính đến ngày 15/12/2020",
    "Theo số liệu trên phần mềm",
    "Ước thực hiện đến 31/12/2020",
    "Đã rà soát, cập nhật theo hướng dẫn của Sở TTTT",
    "Số liệu chính thức",
]


def style_for(i):
    """The i-th file's shape; every variant occurs (see the asserts)."""
    layout = "ABCDEFG"[(i * 3) % 7]
    cols = [r for r, _ in L.LAYOUTS[layout]]
    ii = cols.index("ind")
    return {
        "delim": [",", ";", "\t"][i % 3],
        "bom": i % 4 == 1 or i % 7 == 3,
        "crlf": i % 5 in (1, 2, 4),
        "titles": [0, 2, 1, 4, 3, 0, 2][i % 7],
        "layout": layout,
        "pad": i % 2 == 0,
        "headings": (("stt" in cols or "label" in cols) and i % 3 != 2) or i % 4 == 0,
        "blank_between": i % 3 == 1,
        "signature": 0 < ii < len(cols) - 1 and i % 4 == 2,
        "sep": "\u00a0" if i == 29 else [".", "", " "][(i // 2) % 3],
        "money_sep": "" if i % 3 == 0 else ".",
        "bool": i % 6,
        "mark": "," if (i // 3) % 2 == 0 else ".",
        "enum": i % 3,
        "by_indicator": i % 4 == 3,
        "notes": "note" in cols,
    }


def items_for(units, V, notes, names, st, rng, district_file):
    """The rows of one file; a few count rows get a clerk's remark."""
    def note(u, ind):
        if (u, ind) in notes:
            return notes[(u, ind)]
        if L.CAT[ind]["type"] in ("count", "money") and rng.random() < 0.04:
            return rng.choice(GENERIC_NOTES)
        return ""
    heads = None
    if district_file:
        heads = {u: ("UBND " if u.count(".") == 2 else "") + names[u] for u in units}
    return L.build_items(units, V, note, st, heads)


def titles_for(n, unit_name, level):
    head = ("ỦY BAN NHÂN DÂN " + unit_name.upper()) if level in ("huyen", "tinh") else unit_name.upper()
    full = [head, "BÁO CÁO SỐ LIỆU ỨNG DỤNG CNTT NĂM 2020",
            "(Kèm theo Công văn số 1586/STTTT-CNTT ngày 20/11/2020 của Sở Thông tin và Truyền thông)", ""]
    return {0: [], 1: [full[1]], 2: full[:2], 3: [full[0], full[1], ""], 4: full}[n]


# How each unit sends its file, beyond UTF-8 CSV (the rest, 20 of 38):
# a third as XLSX workbooks of many shapes, two as Excel 97-2003 .xls
# (made from such a workbook by LibreOffice), one CSV saved by Excel on a
# Vietnamese Windows (Windows-1258), one as Excel's "Unicode text"
# (UTF-16, tab-separated) and one department's typed with the TCVN3 (ABC)
# fonts.  The catalogue has no percent indicator, so no value cell has a
# percent format.  Sở Tư pháp's file stays UTF-8 CSV: a test edits it.
XLSX_PLAN = {
    "GL.SKHCN": {"merged_titles", "numbers", "grouped"},
    "GL.SNV": {"numbers"},
    "GL.SCT": {"guide_first", "numbers", "booleans"},
    "GL.SXD": {"dated", "numbers", "grouped"},
    "GL.SVHTTDL": {"merged_titles", "booleans", "numbers"},
    "GL.TTT": {"hidden_first", "text_numbers", "merged_titles"},
    "GL.PKU": {"numbers", "grouped", "booleans"},
    "GL.AKE": {"merged_titles", "numbers", "total"},
    "GL.CPA": {"guide_first", "merged_titles", "numbers"},
    "GL.CPU": {"dated", "numbers", "booleans"},
    "GL.DDO": {"hidden_first", "numbers", "grouped"},
    "GL.IGR": {"merged_titles", "numbers", "grouped", "total"},
    "GL.MYA": {"text_numbers", "booleans", "merged_titles"},
}
XLS_PLAN = {
    "GL.SGTVT": {"merged_titles", "numbers", "booleans"},
    "GL.DCO": {"merged_titles", "numbers", "grouped"},
}
TEXT_PLAN = {"GL.KCH": "cp1258", "GL.SYT": "utf-16", "GL.SNNPTNT": "tcvn3"}


def format_of(unit):
    if unit in XLSX_PLAN:
        return "xlsx"
    if unit in XLS_PLAN:
        return "xls"
    return TEXT_PLAN.get(unit, "csv")


def write_file(path, fmt, st, titles, items, mtime, day):
    """One submission in its format; returns the file name written."""
    base = os.path.splitext(path)[0]
    if fmt in ("xlsx", "xls"):
        unit = next(it[1] for it in items if it[0] == "data")
        feats = XLSX_PLAN.get(unit) or XLS_PLAN[unit]
        when = F.fixed_time(day)
        if fmt == "xlsx":
            L.write_submission_xlsx(base + ".xlsx", st, titles, items, feats, when,
                                    sent_on=day, mtime=mtime)
            return base + ".xlsx"
        tmp = base + ".tmp.xlsx"
        L.write_submission_xlsx(tmp, st, titles, items, feats, when, sent_on=day)
        F.convert_to_xls(tmp, base + ".xls")
        os.remove(tmp)
        os.utime(base + ".xls", (mtime, mtime))
        return base + ".xls"
    if fmt != "csv":
        st = dict(st, encoding=fmt, bom=False)
        if fmt == "utf-16":
            st.update(delim="\t", crlf=True)
    L.write_submission(path, st, titles, items, mtime=mtime)
    return path


def write_all(out):
    rng = random.Random(SEED)
    units, communes = build_registry()
    names = {u[0]: u[1] for u in units}
    V, notes = generate(rng, communes)

    if os.path.isdir(os.path.join(out, "submissions")):
        shutil.rmtree(os.path.join(out, "submissions"))
    os.makedirs(os.path.join(out, "submissions"))
    L.write_simple_csv(os.path.join(out, "units.csv"), ["code", "name", "level", "parent"], units)
    L.write_simple_csv(os.path.join(out, "report.csv"), ["key", "value"], [
        ("province", "Gia Lai"),
        ("issuer", "Ủy ban nhân dân tỉnh Gia Lai"),
        ("signer", "Mai Xuân Cường"),
        ("signer_title", "TM. ỦY BAN NHÂN DÂN\\nKT. CHỦ TỊCH\\nPHÓ CHỦ TỊCH"),
        ("place", "Gia Lai"),
        ("issued_on", "2021-01-15"),
        ("deadline", "2020-12-31"),
        ("number", "18/BC-UBND"),
        ("recipients", "Bộ Thông tin và Truyền thông;Thường trực Tỉnh ủy;"
                       "Thường trực HĐND tỉnh;Chủ tịch, các Phó Chủ tịch UBND tỉnh;"
                       "Các sở, ban, ngành thuộc tỉnh;UBND các huyện, thị xã, thành phố;"
                       "Lưu: VT, KGVX"),
        # Named in the published text; the report layout prints them
        # when they are there.
        ("dvc_portal", "https://dichvucong.gialai.gov.vn"),
        ("mail_domain", "gialai.gov.vn"),
    ])
    L.write_simple_csv(os.path.join(out, "baseline.csv"), ["indicator", "value"],
                       [("tl.ho_may_tinh_internet", BASELINE_HO_MT)])

    # The files: the province's own, then departments, then districts.
    files = [("ubnd-tinh.csv", [PROV], "tinh", None)]
    files += [(d[2], [d[0]], "so", None) for d in DEPARTMENTS]
    files += [(d[2], [d[0]] + [c[0] for c in communes[d[0]]], "huyen", None) for d in DISTRICTS]
    styles = []
    multiline_done = False
    for i, (fname, us, level, _) in enumerate(files):
        st = style_for(i)
        if level == "tinh":
            st.update(layout="C", delim=",", bom=True, crlf=True, titles=2, pad=False,
                      headings=False, signature=False, by_indicator=False, notes=True, sep=".")
        if level == "so":
            st["by_indicator"] = False
        styles.append(st)
        file_notes = dict(notes)
        if level == "tinh":
            file_notes[(PROV, "cd.vb_lien_thong")] = "Theo thống kê của Trục liên thông văn bản tỉnh (LGSP)"
            file_notes[(PROV, "gd.dvc_muc_4")] = "Cổng DVC: https://dichvucong.gialai.gov.vn"
        fmt = format_of(us[0])
        st["format"] = fmt
        if level == "so" and st["notes"] and not st["crlf"] and not multiline_done and fmt == "csv":
            # one note spanning two lines (RFC 4180 quoted line break)
            file_notes[(us[0], "gd.ho_so")] = "Số liệu trích xuất từ phần mềm một cửa điện tử\nngày 15/12/2020"
            multiline_done = True
            st["multiline"] = True
        items = items_for(us, V, file_notes, names, st, rng, level == "huyen")
        day = datetime.date(2020, 12, 8 + (i * 7) % 22)
        write_file(os.path.join(out, "submissions", fname), fmt, st,
                   titles_for(st["titles"], names[us[0]], level), items,
                   L.local_time(2020, 12, day.day, 8 + i % 9, (i * 13) % 60), day)
    return files, styles, names


# ------------------------------------------------------------------ self-check


def fail(msg):
    sys.exit("gen-demo-2020: SELF-CHECK FAILED: " + msg)


def expect(cond, msg):
    if not cond:
        fail(msg)


def self_check(out, files, styles):
    try:
        ds = L.load_year(out)
        L.check_completeness(ds)
        L.check_rules(ds)
    except L.CheckError as e:
        fail(str(e))
    units, v = ds["units"], ds["values"]
    S, H, X = (L.units_of(ds, lv) for lv in ("so", "huyen", "xa"))
    expect(len(L.units_of(ds, "tinh")) == 1 and len(S) == 20 and len(H) == 17 and len(X) == 220,
           "registry counts")
    expect(sorted(units[u]["name"] for u in H) == sorted([
        "Thành phố Pleiku", "Thị xã An Khê", "Thị xã Ayun Pa", "Huyện Chư Păh", "Huyện Chư Prông",
        "Huyện Chư Pưh", "Huyện Chư Sê", "Huyện Đak Đoa", "Huyện Đak Pơ", "Huyện Đức Cơ",
        "Huyện Ia Grai", "Huyện Ia Pa", "Huyện Kbang", "Huyện Kông Chro", "Huyện Krông Pa",
        "Huyện Mang Yang", "Huyện Phú Thiện"]), "district names")
    expect(len({units[u]["name"] for u in S}) == 20, "department names distinct")
    expect(L.education_department(ds) == EDU, "education department")
    # files: one per department, one per district (with its communes), one for GL
    expect(len(ds["files"]) == 38, "38 submission files")
    by_units = {tuple(f["units"]): f for f in ds["files"]}
    expect((PROV,) in by_units, "the province's own file")
    for u in S:
        expect((u,) in by_units, "a file for " + u)
    for d in H:
        want = tuple(sorted([d] + [c for c in X if units[c]["parent"] == d]))
        expect(want in by_units, "a file for %s and its communes" % d)
    # variety of shapes
    expect({s["delim"] for s in styles} == {",", ";", "\t"}, "delimiters")
    expect(any(s["bom"] for s in styles) and not all(s["bom"] for s in styles), "BOM variety")
    expect(any(s["crlf"] for s in styles) and not all(s["crlf"] for s in styles), "CRLF variety")
    expect({s["titles"] for s in styles} >= {0, 1, 2, 3, 4}, "0-4 title rows")
    expect(any(s["headings"] for s in styles) and any(s["blank_between"] for s in styles), "headings")
    expect(any(s.get("multiline") for s in styles), "a multi-line note")
    expect(max(f["header"] for f in ds["files"]) < 20, "header within 20 rows")
    # formats and encodings, as planned (read back by the independent readers)
    got = sorted((f["name"], f["encoding"]) for f in ds["files"] if f["encoding"] not in
                 ("utf-8", "utf-8-bom"))
    want = sorted([(n, e) for n, e in
                   [(os.path.splitext(fn)[0] + ".xlsx", "xlsx") for fn, us, _, _ in files
                    if us[0] in XLSX_PLAN] +
                   [(os.path.splitext(fn)[0] + ".xls", "xls") for fn, us, _, _ in files
                    if us[0] in XLS_PLAN] +
                   [(fn, TEXT_PLAN[us[0]]) for fn, us, _, _ in files if us[0] in TEXT_PLAN]])
    expect(got == want, "formats read back %s, planned %s" % (got, want))
    expect(len(XLSX_PLAN) * 3 >= len(files) - 1 and
           set().union(*XLSX_PLAN.values(), *XLS_PLAN.values()) == L.XLSX_FEATURES,
           "a third of the files as XLSX, every workbook feature used")

    F = L.fig_map(L.compute_figures(ds))

    def dem(code, n, d):
        f = F[code]
        expect((f["num"], f["den"]) == (n, d), "%s = %s/%s, want %d/%d" % (code, f["num"], f["den"], n, d))

    def rounds(code, places, want, below=False, min_margin=0.005):
        p = L.pct(F[code])
        r, margin = L.round_half_up(p, places)
        expect(str(r) == want, "%s = %.6f %% rounds to %s, want %s" % (code, float(p), r, want))
        expect(margin >= min_margin, "%s = %.6f %% too close to a rounding boundary" % (code, float(p)))
        if below:
            expect(p < Fraction(want), "%s should be a little below %s" % (code, want))

    dem("dem.mot_cua_lien_thong.so", 20, 20)
    dem("dem.mot_cua_dien_tu.huyen", 17, 17)
    dem("dem.mot_cua_dien_tu.xa", 220, 220)
    dem("dem.phong_hop_truc_tuyen.huyen", 17, 17)
    rounds("tl.bdvhx_internet", 1, "96.2")
    rounds("tl.ho_may_tinh_internet", 1, "57.4", below=True)
    tang = F["tl.ho_may_tinh_internet.tang"]["exact"] * 100
    r, margin = L.round_half_up(tang, 1)
    expect(str(r) == "11.7" and margin >= 0.005, "tang %.4f" % float(tang))
    expect(F["tl.doanh_nghiep_internet"]["exact"] == 1, "tl.doanh_nghiep_internet 100 %")
    expect((F["nl.thpt_tin_hoc"]["value"], F["nl.thpt"]["value"]) == (47, 47), "thpt 47/47")
    expect((F["nl.thcs_tin_hoc"]["value"], F["nl.thcs"]["value"]) == (158, 188), "thcs 158/188")
    expect((F["nl.th_tin_hoc"]["value"], F["nl.th"]["value"]) == (144, 282), "th 144/282")
    rounds("tl.thcs_tin_hoc", 2, "84.04", min_margin=0.001)  # 158/188: fixed
    rounds("tl.th_tin_hoc", 1, "51.1")
    for c in ("ban_chi_dao", "ke_hoach_cntt", "cong_ttdt", "bieu_mau_dt"):
        dem("dem.%s.so" % c, 20, 20)
        dem("dem.%s.huyen" % c, 17, 17)
    f = F["dem.du_thong_tin.xa"]
    expect(f["num"] < 220 and f["num"] < f["den"], "dem.du_thong_tin.xa below 220")
    for c in ("qlvb", "chu_ky_so", "mot_cua_dt"):
        dem("dem.%s.so" % c, 20, 20)
        dem("dem.%s.huyen" % c, 17, 17)
        dem("dem.%s.xa" % c, 220, 220)
    p = L.pct(F["tl.vb_di_dien_tu"])
    expect(99.5 <= p < 100, "tl.vb_di_dien_tu %.4f" % float(p))
    expect(F["tl.vb_den_xu_ly.so"]["exact"] == 1, "tl.vb_den_xu_ly.so 100 %")
    p = L.pct(F["tl.vb_den_xu_ly.huyen"])
    expect(97.5 <= p < 98, "tl.vb_den_xu_ly.huyen %.4f" % float(p))
    p = L.pct(F["tl.vb_den_xu_ly.xa"])
    expect(79.5 <= p <= 80.5, "tl.vb_den_xu_ly.xa %.4f" % float(p))
    expect(F["tong.chung_thu_so"]["value"] == 3525, "tong.chung_thu_so")
    p = L.pct(F["tl.hop_thu"])
    expect(95 < p < 96, "tl.hop_thu %.4f" % float(p))
    p = L.pct(F["tl.dung_thu"])
    expect(79.5 <= p <= 80.5, "tl.dung_thu %.4f" % float(p))
    expect(F["tong.ho_so"]["value"] == 403086, "tong.ho_so")
    expect(F["tong.ho_so_tre"]["value"] == 4127, "tong.ho_so_tre")
    rounds("tl.ho_so_tre", 2, "1.02", min_margin=0.001)  # 4127/403086: fixed
    rounds("tl.ho_so_dung_han", 2, "98.98", min_margin=0.001)
    for k, want in T_VALUES.items():
        if k.startswith("gd.") or k.startswith("cd."):
            expect(F[k]["value"] == want, "%s = %s, want %s" % (k, F[k]["value"], want))
    dem("dem.pm_chuyen_nganh", 257, 257)
    f = F["dem.lan_internet.xa"]
    dem("dem.lan_internet.so", 20, 20)
    dem("dem.lan_internet.huyen", 17, 17)
    expect(200 <= f["num"] < 220, "lan_internet: most communes")
    for code in ("cs.quy_che_httt", "cs.quy_che_btt"):
        n = sum(1 for u in S + H if v[(u, code)])
        expect(len(S + H) // 2 < n < len(S + H), code + ": many, not all")
    for code in ("ht.attt_tuong_lua", "ht.attt_sao_luu", "ht.attt_chong_virus"):
        n = sum(1 for u in S + H if v[(u, code)])
        expect(0.85 * len(S + H) <= n <= len(S + H), code + ": most")

    # rankings
    rk, unranked = L.rankings(ds)
    expect(not unranked["so"] and not unranked["huyen"], "every unit ranked")
    for level, fixed, last in (("so", ["GL.STTTT", "GL.SKHCN", "GL.VPUBND"], "GL.BQLKKT"),
                               ("huyen", ["GL.CPU", "GL.PKU", "GL.CSE"], "GL.KPA")):
        r = rk[level]
        want_tot = DEPT_FIXED if level == "so" else DIST_FIXED
        for k, u in enumerate(fixed):
            expect(r[k][0] == k + 1 and r[k][1] == u and r[k][2] == want_tot[u],
                   "%s rank %d: %r" % (level, k + 1, r[k]))
        expect(r[-1][1] == last and r[-1][2] == want_tot[last] and r[-1][0] == len(r),
               "%s last: %r" % (level, r[-1]))
        mids = [t for _, _, t in r[3:-1]]
        expect(len(set(mids)) == len(mids), level + ": totals distinct")
        expect(all(r[-1][2] < t < r[2][2] for t in mids), level + ": others strictly between")
    return ds, F, rk


def main():
    out = os.path.join(ROOT, "input", str(YEAR))
    args = sys.argv[1:]
    if args[:1] == ["--out"] and len(args) == 2:
        out = args[1]
    elif args:
        sys.exit("usage: gen-demo-2020.py [--out DIR]")
    for spec in (os.path.join(ROOT, "..", "shared", "spec", "indicators.md"),
                 os.path.join(ROOT, "spec", "indicators.md")):
        if os.path.exists(spec):
            L.check_catalogue_against_spec(spec)
            break
    files, styles, names = write_all(out)
    ds, F, rk = self_check(out, files, styles)
    nvals = len(ds["values"])
    print("wrote %s: %d units, %d submission files, %d values; self-check passed"
          % (os.path.relpath(out, ROOT) if out.startswith(ROOT) else out,
             len(ds["units"]), len(ds["files"]), nvals))
    for f in L.compute_figures(ds):
        print("  " + L.describe(f))
    for level in ("so", "huyen"):
        r = rk[level]
        shown = r[:3] + [r[-1]]
        print("  xh.%-6s %s" % (level, "; ".join("%d %s %s" % (k, ds["units"][u]["name"], L.fmt_score(t, "."))
                                             for k, u, t in shown)))


if __name__ == "__main__":
    main()
