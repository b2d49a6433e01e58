"""End-to-end tests of the pipeline: the 2020 demo, the small 2021
dataset, reproducible bytes and the command line."""
import csv
import math
import os
import re
import shutil
import subprocess

from e2elib import BIN, ROOT, CASES, check, test, build, run, tmpdir, read_validation, pdf_text, page_numbers, \
    workbook, summary_figures, rankings, level_code, demo, close, demo_problems, DEMO_WARNINGS

# ---- the 2020 demo --------------------------------------------------------

# Every sentence of the published 2020 text that carries a figure, whole,
# written as figures-2020.md says (Vietnamese scores, the slips mended) and
# naming units by their registry name (docs/input.md); then the signer and
# the issuer.
PUBLISHED = [
    "100% tất cả các đơn vị cấp tỉnh, cấp huyện và hầu hết UBND cấp xã đã có mạng nội bộ kết "
    "nối Internet cáp quang tốc độ cao đáp ứng được nhu cầu công tác trong hoạt động cơ quan "
    "hành chính nhà nước, được kết nối mạng diện rộng của tỉnh (mạng WAN).",
    'Trong đó, 20/20 đơn vị cấp sở, ban, ngành đã được triển khai mô hình "Một cửa điện tử liên '
    'thông", 100% đơn vị cấp huyện, cấp xã đã triển khai hệ thống "Một cửa điện tử" theo quy '
    'định.',
    "Hệ thống hội nghị truyền hình: Hiện tại 17/17 đơn vị cấp huyện đã được trang bị phòng họp "
    "trực tuyến kết nối vào hệ thống của tỉnh, phục vụ các cuộc họp trực tuyến từ tỉnh đến "
    "huyện; năm 2020, hệ thống được đầu tư, nâng cấp để đảm bảo họp trực tuyến đến 100% UBND "
    "cấp xã.",
    "Trên địa bàn tỉnh có 96,2% điểm Bưu điện văn hóa xã có kết nối Internet và thực hiện hỗ "
    "trợ người dân tiếp cận thông tin về giải quyết TTHC; gần 57,4% hộ gia đình có máy tính kết "
    "nối Internet (tăng 11,7% so với năm 2019) và 100% doanh nghiệp trên địa bàn tỉnh có kết "
    "nối Internet.",
    "Trên địa bàn tỉnh 100% (47/47) trường Trung học phổ thông; 84,04% (158/188) trường Trung "
    "học cơ sở và 51,1% (144/282) trường tiểu học đã thực hiện giảng dạy môn tin học.",
    "Trong năm, 100% cơ quan hành chính nhà nước cấp tỉnh, cấp huyện đã thành lập Ban Chỉ đạo "
    "xây dựng Chính quyền điện tử, ban hành kế hoạch ứng dụng CNTT; nhiều đơn vị đã ban hành "
    "quy chế khai thác sử dụng hệ thống thông tin và ban hành Quy chế hoạt động của Ban Biên "
    "tập cổng/trang thông tin điện tử, quy định về quản lý, vận hành và cung cấp thông tin trên "
    "cổng/ trang thông tin điện tử.",
    "Tất cả (100%) các đơn vị cấp tỉnh, cấp huyện đã có Cổng/trang thông tin điện tử; các mục "
    "thông tin tối thiểu của Cổng/Trang thông tin điện tử đáp ứng yêu cầu.",
    "Ứng dụng phần mềm quản lý văn bản và điều hành: 100% đơn vị cấp tỉnh, cấp huyện, cấp xã "
    "triển khai ứng dụng phần mềm quản lý văn bản và điều hành.",
    "Tỷ lệ văn bản đi được số hóa, gửi liên thông trên phần mềm đạt gần 100% (trừ văn bản mật).",
    "Tỷ lệ văn bản đến được lãnh đạo đơn vị xét duyệt, chỉ đạo, giao việc trên phần mềm đối "
    "với các cơ quan cấp tỉnh đạt 100%; đối với cấp huyện là gần 98%, cấp xã đạt khoảng 80%.",
    "Ứng dụng Chữ ký số: Đến nay, 100% đơn vị cấp tỉnh, cấp huyện và 100% đơn vị cấp xã đã được "
    "cấp Chữ ký số do Ban Cơ yếu Chính phủ cung cấp.",
    "Tổng số chứng thư số được cấp hơn 3.525.",
    "Hệ thống thư điện tử công vụ (gồm hộp thư công vụ của tỉnh ...@gialai.gov.vn và thư điện "
    "tử theo ngành dọc): Tỷ lệ CBCC được cấp hộp thư điện tử công vụ trong các cơ quan hành "
    "chính nhà nước của tỉnh đạt hơn 95%.",
    "Tỷ lệ CBCC thường xuyên sử dụng thư điện tử cho công việc đạt tỷ lệ khoảng 80%.",
    "Ứng dụng phần mềm quản lý quá trình giải quyết TTHC: 20/20 đơn vị cấp tỉnh, 17/17 đơn vị "
    "cấp huyện, 220/220 đơn vị cấp xã đã triển khai sử dụng phần mềm một cửa điện tử liên thông "
    "tiếp nhận, xử lý, giải quyết hồ sơ, TTHC phục vụ người dân và doanh nghiệp.",
    "Ứng dụng phần mềm nội bộ, chuyên môn: Các cơ quan, đơn vị quan tâm triển khai, sử dụng "
    "hiệu quả các ứng dụng chuyên môn, nghiệp vụ; 100% các cơ quan quản lý Nhà nước trên địa "
    "bàn tỉnh đang sử dụng phần mềm tài chính - kế toán, các ứng dụng phần mềm quản lý nhân sự, "
    "quản lý tài sản, quản lý người có công, các phần mềm, hệ thống CNTT chuyên ngành để phục "
    "vụ công tác chuyên môn nghiệp vụ.",
    "Trong năm 2020, thống kê trên hệ thống toàn tỉnh đã tiếp nhận 403.086 hồ sơ, trong đó: hồ "
    "sơ trễ đã xử lý là 4.127 (chiếm 1,02% trên tổng số hồ sơ) tỷ lệ hồ sơ giải quyết đúng hạn "
    "đạt 98,98% trên tổng số hồ sơ đã tiếp nhận trên hệ thống.",
    "Cổng Dịch vụ công trực tuyến của tỉnh đã được xây dựng và hoạt động tại địa chỉ internet "
    "https://dichvucong.gialai.gov.vn; cung cấp 178 dịch vụ công trực tuyến mức độ 3 và 349 "
    "dịch vụ công trực tuyến mức độ 4.",
    "Đã tiếp nhận 103.758 hồ sơ nộp qua hình thức trực tuyến mức độ 3, 9.842 hồ sơ nộp qua "
    "hình thức trực tuyến mức độ 4.",
    "Trong năm 2020, ngoài các cuộc họp Trung ương với tỉnh, tỉnh với các huyện, nhiều cuộc "
    "họp từ Trung ương với tỉnh đã được thực hiện chuyển tiếp đến các huyện; góp phần thực hiện "
    "tiết kiệm chi phí, thời gian, hiện đại nền hành chính.",
    "Trong năm 2020, qua kết quả kiểm tra, đánh giá, tại các cơ quan hành chính nhà nước thuộc "
    "tỉnh, tất cả các loại văn bản (trừ văn bản mật) đều được số hóa và gửi, nhận qua Trục liên "
    "thông văn bản của tỉnh; trong năm 2020 đã có 1.817.077 lượt văn bản điện tử đã gửi, nhận "
    "qua hệ thống liên thông.",
    "Hiện nay, 100% đơn vị cấp tỉnh, cấp huyện đã ứng dụng các mẫu biểu điện tử trong công "
    "việc; các biểu mẫu chủ yếu là mẫu phiếu tiếp nhận và hẹn trả kết quả hồ sơ tại bộ phận "
    "một cửa được số hóa và có khả năng kết xuất, in ấn để hẹn trả kết quả cho công dân.",
    # "116.83 đạt điểm" is written "đạt 116,83 điểm" (figures-2020.md), which
    # takes the place of the "với" before it (docs/input.md).
    "Kết quả mức độ chính quyền điện tử cấp sở: Sở Thông tin và Truyền thông xếp thứ nhất đạt "
    "116,83 điểm, xếp thứ 2 là Sở Khoa học và Công nghệ đạt 115,62 điểm, thứ 3 là Văn phòng "
    "UBND tỉnh đạt 115,01 điểm; xếp cuối cùng là Ban Quản lý Khu Kinh tế với 97,74 điểm.",
    "Kết quả mức độ chính quyền điện tử cấp huyện: Xếp thứ nhất là Huyện Chư Pưh đạt 140,29 "
    "điểm, xếp thứ 2 là Thành phố Pleiku đạt 140,28 điểm; xếp thứ 3 là Huyện Chư Sê đạt "
    "136,58 điểm.",
    "Xếp cuối cùng là Huyện Krông Pa đạt 98,04 điểm.",
    "Mai Xuân Cường",
    "Ủy ban nhân dân tỉnh Gia Lai",
]

# figures-2020.md as numbers: code -> (value, num, den); None = not fixed.
FIGURES_2020 = {
    "dem.mot_cua_lien_thong.so": (1.0, 20, 20),
    "dem.mot_cua_dien_tu.huyen": (1.0, 17, 17),
    "dem.mot_cua_dien_tu.xa": (1.0, 220, 220),
    "dem.phong_hop_truc_tuyen.huyen": (1.0, 17, 17),
    "tl.doanh_nghiep_internet": (1.0, None, None),
    "nl.thpt_tin_hoc": (47, None, None),
    "nl.thpt": (47, None, None),
    "nl.thcs_tin_hoc": (158, None, None),
    "nl.thcs": (188, None, None),
    "tl.thcs_tin_hoc": (158 / 188, 158, 188),
    "nl.th_tin_hoc": (144, None, None),
    "nl.th": (282, None, None),
    "tl.th_tin_hoc": (144 / 282, 144, 282),
    "dem.ban_chi_dao.so": (1.0, 20, 20),
    "dem.ban_chi_dao.huyen": (1.0, 17, 17),
    "dem.ke_hoach_cntt.so": (1.0, 20, 20),
    "dem.ke_hoach_cntt.huyen": (1.0, 17, 17),
    "dem.cong_ttdt.so": (1.0, 20, 20),
    "dem.cong_ttdt.huyen": (1.0, 17, 17),
    "dem.qlvb.so": (1.0, 20, 20),
    "dem.qlvb.huyen": (1.0, 17, 17),
    "dem.qlvb.xa": (1.0, 220, 220),
    "tl.vb_den_xu_ly.so": (1.0, None, None),
    "dem.chu_ky_so.so": (1.0, 20, 20),
    "dem.chu_ky_so.huyen": (1.0, 17, 17),
    "dem.chu_ky_so.xa": (1.0, 220, 220),
    "tong.chung_thu_so": (3525, None, None),
    "dem.mot_cua_dt.so": (1.0, 20, 20),
    "dem.mot_cua_dt.huyen": (1.0, 17, 17),
    "dem.mot_cua_dt.xa": (1.0, 220, 220),
    "tong.ho_so": (403086, None, None),
    "tong.ho_so_tre": (4127, None, None),
    "tl.ho_so_tre": (4127 / 403086, None, None),
    "tl.ho_so_dung_han": (1 - 4127 / 403086, None, None),
    "gd.dvc_muc_3": (178, None, None),
    "gd.dvc_muc_4": (349, None, None),
    "gd.ho_so_muc_3": (103758, None, None),
    "gd.ho_so_muc_4": (9842, None, None),
    "cd.vb_lien_thong": (1817077, None, None),
    "dem.bieu_mau_dt.so": (1.0, 20, 20),
    "dem.bieu_mau_dt.huyen": (1.0, 17, 17),
}
# Figures fixed only to a rounding or a range: code -> (low, high) as fractions.
RANGES_2020 = {
    "tl.bdvhx_internet": (0.9615, 0.9625),
    "tl.ho_may_tinh_internet": (0.5735, 0.5740),
    "tl.ho_may_tinh_internet.tang": (0.1165, 0.1175),
    "tl.vb_di_dien_tu": (0.995, 0.99999999),
    "tl.vb_den_xu_ly.huyen": (0.975, 0.98 - 1e-12),
    "tl.vb_den_xu_ly.xa": (0.795, 0.805),
    "tl.hop_thu": (0.95 + 1e-12, 0.96 - 1e-12),
    "tl.dung_thu": (0.795, 0.805),
}


@test
def demo_2020_builds_with_exit_0_and_only_its_two_legacy_encoding_warnings():
    d = demo()
    check(d["rc"] == 0, "exit %d: %s" % (d["rc"], d["stderr"][-2000:]))
    rows = read_validation(os.path.join(d["dir"], "2020", "validation.csv"))
    check(demo_problems(rows) == DEMO_WARNINGS, "validation.csv: %s" % rows[:5])
    # a whole file's warning names the unit whose file it is (the
    # district's file holds its communes' rows too)
    check([r["unit"] for r in rows] == ["GL.KCH", "GL.SNNPTNT"], "units: %s" % rows)
    for name in ("egov-2020.xlsx", "egov-2020.pdf", "validation.csv"):
        check(os.path.getsize(os.path.join(d["dir"], "2020", name)) > 0, name + " is empty")
    leftovers = [n for n in os.listdir(os.path.join(d["dir"], "2020")) if n.startswith(".")]
    check(not leftovers, "temporary files left: %s" % leftovers)


@test
def demo_2020_pdf_states_every_published_figure():
    text = pdf_text(os.path.join(demo()["dir"], "2020", "egov-2020.pdf"))
    missing = [s for s in PUBLISHED if re.sub(r"\s+", " ", s) not in text]
    check(not missing, "not in the PDF text:\n  " + "\n  ".join(missing))
    # the published text's "nhiều" (79,9% < 80%) with the share the
    # table gives, its whole said: 163 of the 204 communes with a site
    # (not 163/220, all communes, beside the table's 163/204)
    s = ("Trong 204 đơn vị cấp xã có trang thông tin điện tử, mới có 163 đơn vị (79,9%) đáp "
         "ứng đủ các mục thông tin tối thiểu.")
    check(s in text, "the PDF lacks %r" % s)


@test
def demo_2020_pdf_is_a4_with_embedded_fonts_and_page_numbers():
    pdf = os.path.join(demo()["dir"], "2020", "egov-2020.pdf")
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    check("595.276 x 841.89" in info or "595 x 842" in info, "not A4: " + info)
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    fonts = subprocess.run(["pdffonts", pdf], capture_output=True, text=True).stdout
    lines = fonts.splitlines()[2:]
    check(lines and all(" yes " in l for l in lines), "a font is not embedded:\n" + fonts)
    check(any("NotoSerif" in l for l in lines), "Noto Serif is not used:\n" + fonts)
    raw = subprocess.run(["pdftotext", "-raw", pdf, "-"], capture_output=True,
                         text=True).stdout.split("\f")[:pages]
    nums = page_numbers([p.rstrip("\n").split("\n") for p in raw])
    # the appendix, on the last pages, numbers its pages afresh and shows
    # none on its first, as page 1 shows none
    first = nums.index(0, 1) if 0 in nums[1:] else pages
    check(first >= 10 and nums == [0] + list(range(2, first + 1)) + [0] +
          list(range(2, pages - first + 1)), "page numbers: %s" % nums)


@test
def demo_2020_workbook_holds_every_figure_as_a_number():
    wb = workbook(os.path.join(demo()["dir"], "2020", "egov-2020.xlsx"))
    names = wb.sheetnames
    for s in ("Tổng hợp", "Xếp hạng", "Dữ liệu"):
        check(s in names, "sheet %s missing: %s" % (s, names))
    check(names.index("Tổng hợp") < names.index("Xếp hạng") < names.index("Dữ liệu"),
          "sheets out of order: %s" % names)
    figs = summary_figures(wb)
    layout_codes = [r["code"] for r in csv.DictReader(open(os.path.join(ROOT, "layouts",
                                                                         "figures.csv"),
                                                                encoding="utf-8"))]
    check(sorted(figs) == sorted(layout_codes),
          "figures missing from Tổng hợp: %s" % sorted(set(layout_codes) - set(figs)))
    bad = []
    for code, (v, n, d) in FIGURES_2020.items():
        got = figs[code]
        if not isinstance(got[0], (int, float)) or not close(got[0], v):
            bad.append("%s value %r != %r" % (code, got[0], v))
        if n is not None and (not close(got[1], n) or not close(got[2], d)):
            bad.append("%s pair %r/%r != %r/%r" % (code, got[1], got[2], n, d))
    for code, (lo, hi) in RANGES_2020.items():
        v = figs[code][0]
        if not isinstance(v, (int, float)) or not lo <= v <= hi:
            bad.append("%s = %r not in [%r, %r]" % (code, v, lo, hi))
    v, n, d = figs["dem.du_thong_tin.xa"]
    if not (isinstance(n, (int, float)) and n < 220):
        bad.append("dem.du_thong_tin.xa should be fewer than 220: %r" % n)
    check(not bad, "\n  ".join(bad))


@test
def demo_2020_workbook_ranks_units_as_published():
    wb = workbook(os.path.join(demo()["dir"], "2020", "egov-2020.xlsx"))
    rk = rankings(wb)
    so = [r for r in rk if level_code(r[0]) == "so"]
    huyen = [r for r in rk if level_code(r[0]) == "huyen"]
    check(len(so) == 20 and len(huyen) == 17, "ranking sizes %d, %d" % (len(so), len(huyen)))
    check([(r[1], r[2]) for r in so[:3]] == [(1, "GL.STTTT"), (2, "GL.SKHCN"), (3, "GL.VPUBND")],
          "departments' top three: %s" % so[:3])
    check(so[-1][1:3] == (20, "GL.BQLKKT") and close(so[-1][3], 97.74), "last: %s" % (so[-1],))
    check([close(r[3], t) for r, t in zip(so, (116.83, 115.62, 115.01))] == [True] * 3,
          "department totals %s" % [r[3] for r in so[:3]])
    check([(r[1], r[2]) for r in huyen[:3]] == [(1, "GL.CPU"), (2, "GL.PKU"), (3, "GL.CSE")],
          "districts' top three: %s" % huyen[:3])
    check([close(r[3], t) for r, t in zip(huyen, (140.29, 140.28, 136.58))] == [True] * 3,
          "district totals %s" % [r[3] for r in huyen[:3]])
    check(huyen[-1][1:3] == (17, "GL.KPA") and close(huyen[-1][3], 98.04), "last %s" % (huyen[-1],))
    for level in (so, huyen):
        totals = [r[3] for r in level]
        check(totals == sorted(totals, reverse=True), "not in order of total")


@test
def two_builds_of_the_same_inputs_give_identical_bytes():
    out = tmpdir()
    build(os.path.join(ROOT, "input"), 2020, out)
    for name in ("egov-2020.xlsx", "egov-2020.pdf", "validation.csv"):
        a = open(os.path.join(demo()["dir"], "2020", name), "rb").read()
        b = open(os.path.join(out, "2020", name), "rb").read()
        check(a == b, name + " differs between two builds")
    shutil.rmtree(out)


@test
def source_date_epoch_is_the_time_written_into_the_outputs():
    out = tmpdir()
    rc, _, se = build(os.path.join(ROOT, "input"), 2020, out, env={"SOURCE_DATE_EPOCH": "1600000000"})
    check(rc == 0, se)
    info = subprocess.run(["pdfinfo", os.path.join(out, "2020", "egov-2020.pdf")],
                          capture_output=True, text=True).stdout
    check("2020" in info and "CreationDate" in info, "no creation date: " + info)
    wb = workbook(os.path.join(out, "2020", "egov-2020.xlsx"))
    created = wb.properties.created
    check(created is not None and created.year == 2020 and created.month == 9,
          "workbook created %r" % created)
    # unset: the report's issue date (report.csv's issued_on), at midnight UTC
    rc, _, se = build(os.path.join(CASES, "small-2021", "input"), 2021, out)
    check(rc == 0, se)
    created = workbook(os.path.join(out, "2021", "egov-2021.xlsx")).properties.created
    check(created is not None and (created.year, created.month, created.day, created.hour,
                                   created.minute) == (2022, 1, 14, 0, 0),
          "without SOURCE_DATE_EPOCH: workbook created %r, not on 14/01/2022" % created)
    # 1 is a time like any other (only 0 counts as unset): one second past 1970
    rc, _, se = build(os.path.join(CASES, "small-2021", "input"), 2021, out,
                      env={"SOURCE_DATE_EPOCH": "1"})
    check(rc in (0, 1), se)
    created = workbook(os.path.join(out, "2021", "egov-2021.xlsx")).properties.created
    check(created is not None and (created.year, created.month, created.day, created.hour,
                                   created.minute, created.second) == (1970, 1, 1, 0, 0, 1),
          "SOURCE_DATE_EPOCH=1: workbook created %r, not 1970-01-01 00:00:01" % created)
    shutil.rmtree(out)


# ---- the second dataset: another province, year and unit counts ---------

@test
def small_2021_dataset_gives_every_expected_figure_and_the_tie():
    base = os.path.join(CASES, "small-2021")
    out = tmpdir()
    rc, so, se = build(os.path.join(base, "input"), 2021, out)
    check(rc == 0, "exit %d: %s" % (rc, se[-2000:]))
    wb = workbook(os.path.join(out, "2021", "egov-2021.xlsx"))
    figs = summary_figures(wb)
    bad = []
    with open(os.path.join(base, "expected-figures.csv"), encoding="utf-8") as f:
        for row in csv.DictReader(f):
            got = figs.get(row["code"])
            if got is None:
                bad.append("%s missing" % row["code"])
                continue
            if not close(got[0], float(row["value"])):
                bad.append("%s value %r != %s" % (row["code"], got[0], row["value"]))
            if row["num"] and row["code"] != "tl.ho_so_dung_han" and (
                    not close(got[1], float(row["num"])) or not close(got[2], float(row["den"]))):
                bad.append("%s pair %r/%r != %s/%s" % (row["code"], got[1], got[2], row["num"],
                                                       row["den"]))
    check(not bad, "\n  ".join(bad))
    rk = [(level_code(r[0]), r[1], r[2], round(float(r[3]), 2)) for r in rankings(wb)]
    with open(os.path.join(base, "expected-ranking.csv"), encoding="utf-8") as f:
        want = [(r["level"], int(r["rank"]), r["unit_code"], float(r["total"]))
                for r in csv.DictReader(f)]
    check(rk == want, "ranking %s != %s" % (rk, want))
    text = pdf_text(os.path.join(out, "2021", "egov-2021.pdf"))
    check("Kon Tum" in text and "năm 2021" in text, "the PDF does not speak of Kon Tum 2021")
    shutil.rmtree(out)


# ---- the command line ------------------------------------------------------

@test
def command_line_mistakes_exit_2():
    for args in (["build"], ["build", "20x0"], ["build", "2020", "--bogus"], ["frobnicate"],
                 ["build", "2020", "--input"], []):
        rc, _, se = run(args)
        check(rc == 2, "%s exits %d" % (args, rc))
        check(se.strip(), "%s says nothing on stderr" % args)


@test
def an_options_value_may_follow_an_equals_sign():
    # --input=DIR is --input DIR, for every option that takes a value; the
    # outputs are the same bytes
    work = tmpdir()
    small = os.path.join(CASES, "small-2021", "input")
    env = {"SOURCE_DATE_EPOCH": "1640995200"}
    rc1, _, se1 = run(["build", "2021", "--input", small, "--output", os.path.join(work, "a"),
                       "--jobs", "1", "--max-rows", "3"], env=env)
    rc2, _, se2 = run(["build", "2021", "--input=" + small, "--output=" + os.path.join(work, "b"),
                       "--jobs=1", "--max-rows=3"], env=env)
    check(rc1 == rc2 == 1 and "E_FILE_TOO_LONG" in se2, "exit %d and %d: %s %s" % (rc1, rc2, se1, se2))
    for name in ("egov-2021.xlsx", "egov-2021.pdf", "validation.csv", "data.csv"):
        with open(os.path.join(work, "a", "2021", name), "rb") as f1, \
                open(os.path.join(work, "b", "2021", name), "rb") as f2:
            check(f1.read() == f2.read(), "%s differs with --option=VALUE" % name)
    rc, _, se = run(["validate", "--year=2021", "--input=" + small,
                     os.path.join(small, "2021", "submissions")])
    check(rc in (0, 1) and "2021/units.csv" in se + _, "validate --year=: exit %d %s" % (rc, se))
    # an empty value is no folder; a flag takes no value; past "--" a file
    rc, _, se = run(["status", "2021", "--input="])
    check(rc == 2 and "option --input needs a folder" in se, "--input=: exit %d %s" % (rc, se))
    rc, _, se = run(["build", "2021", "--input=" + small, "--strict=yes"])
    check(rc == 2 and "unknown option '--strict=yes'" in se, "--strict=: exit %d %s" % (rc, se))
    rc, so, se = run(["validate", "--year=2021", "--input=" + small, "--", "--input=x.csv"])
    check(rc != 0 and "--input=x.csv" in so + se and "needs a folder" not in se,
          "past --: exit %d %s %s" % (rc, so, se))
    # the value of an option that takes one is its value, '=' and all
    rc, _, se = run(["build", "2021", "--input", small, "--output", "--jobs=9"], cwd=work)
    check(rc in (0, 1) and os.path.isdir(os.path.join(work, "--jobs=9", "2021")),
          "--output --jobs=9: exit %d %s" % (rc, se))


@test
def a_year_and_folders_given_at_their_edges_are_said_as_given():
    # YEAR is four digits from 1900 on, every command alike: a fifth digit
    # is no year 2020, 1899 is none, 1900 is one (whose folder is missing)
    work = tmpdir()
    for args in (["build", "20201"], ["status", "20201"], ["template", "20201"],
                 ["build", "1899"]):
        rc, _, se = run(args)
        check(rc == 2 and "YEAR must be a year such as 2020, not '%s'" % args[1] in se,
              "%s: exit %d %s" % (args, rc, se))
    rc, _, se = run(["build", "1900", "--input", work, "--output", os.path.join(work, "out")])
    check(rc == 3 and "%s/1900: fatal: no such folder" % work in se, "1900: exit %d %s" % (rc, se))
    # an option unknown is said to be one, a second year to be too many
    rc, _, se = run(["build", "2020", "--bogus"])
    check(rc == 2 and "egreport build: unknown option '--bogus'" in se, "exit %d %s" % (rc, se))
    rc, _, se = run(["build", "2020", "2021"])
    check(rc == 2 and "egreport build: unexpected argument '2021'" in se, "exit %d %s" % (rc, se))
    # --input a file: its year folder is no such folder, not unreadable
    afile = os.path.join(work, "afile")
    open(afile, "w").close()
    rc, _, se = run(["build", "2031", "--input", afile, "--output", os.path.join(work, "out")])
    check(rc == 3 and se.startswith("%s/2031: fatal: no such folder: the year's inputs go in "
                                    "%s/2031/" % (afile, afile)), "exit %d %s" % (rc, se))
    # "//" is the root folder, its year "/2031"
    rc, _, se = run(["build", "2031", "--input", "//", "--output", os.path.join(work, "out")])
    check(rc == 3 and se.startswith("/2031: fatal: no such folder: the year's inputs go in "
                                    "/2031/"), "exit %d %s" % (rc, se))
    # folders given relative to where the command runs are named so, once
    os.makedirs(os.path.join(work, "in"))
    rc, _, se = run(["build", "2031", "--input", "in", "--output", "out"], cwd=work)
    check(rc == 3 and se.startswith("in/2031: fatal: no such folder: the year's inputs go in "
                                    "in/2031/"), "exit %d %s" % (rc, se))
    shutil.copytree(os.path.join(CASES, "small-2021", "input", "2021"),
                    os.path.join(work, "in", "2021"))
    shutil.copytree(os.path.join(ROOT, "layouts"), os.path.join(work, "lay"))
    os.remove(os.path.join(work, "lay", "indicators.csv"))
    rc, _, se = run(["build", "2021", "--input", "in", "--output", "out", "--layouts", "lay"],
                    cwd=work)
    check(rc == 3 and se.startswith("lay/indicators.csv: fatal: cannot open"),
          "a layout's file is not named in the year's folder: exit %d %s" % (rc, se))
    # the year's own folder, in a fatal problem, with its year's folder
    shutil.rmtree(os.path.join(work, "in", "2021", "submissions"))
    open(os.path.join(work, "in", "2021", "submissions"), "w").close()
    rc, _, se = run(["build", "2021", "--input", "in", "--output", "out"], cwd=work)
    check(rc == 3 and se.startswith("in/2021/submissions: fatal: cannot open the submissions "
                                    "folder"), "exit %d %s" % (rc, se))
    os.remove(os.path.join(work, "in", "2021", "submissions"))
    shutil.copytree(os.path.join(CASES, "small-2021", "input", "2021", "submissions"),
                    os.path.join(work, "in", "2021", "submissions"))
    # no layouts anywhere (a copy of the program alone): said, exit 3
    alone = os.path.join(work, "alone")
    os.makedirs(alone)
    # the program itself, not valgrind's wrapper of it (which runs it where it is)
    shutil.copy(os.environ.get("EGREPORT_REAL_BIN") or BIN, os.path.join(alone, "egreport"))
    p = subprocess.run([os.path.join(alone, "egreport"), "build", "2021", "--input",
                        os.path.join(work, "in"), "--output", os.path.join(work, "out")],
                       cwd=alone, env=dict(os.environ, EGREPORT_LAYOUTS=""),
                       capture_output=True, text=True, timeout=120)
    check(p.returncode == 3 and "cannot find the layouts folder: give --layouts DIR or set "
          "EGREPORT_LAYOUTS [F_LAYOUT]" in p.stderr,
          "no layouts: exit %d %s" % (p.returncode, p.stderr))
    # an empty EGREPORT_LAYOUTS is unset: ./layouts is found
    rc, so, se = run(["status", "2021", "--input", os.path.join(work, "in")],
                     env={"EGREPORT_LAYOUTS": ""})
    check(rc == 0 and "14 units expected" in so, "EGREPORT_LAYOUTS empty: exit %d %s" % (rc, se))
    shutil.rmtree(work)


def libraries_said():
    """The versions the shared libraries give, as --version lists them
    (None where a library cannot be found)."""
    import ctypes
    import ctypes.util

    def call(lib, fn):
        path = ctypes.util.find_library(lib)
        if not path:
            return None
        f = getattr(ctypes.CDLL(path), fn)
        f.restype = ctypes.c_char_p
        return f().decode()

    pcre2 = None
    path = ctypes.util.find_library("pcre2-8")
    if path:
        buf = ctypes.create_string_buffer(64)
        if ctypes.CDLL(path).pcre2_config_8(11, buf) > 0:    # PCRE2_CONFIG_VERSION
            pcre2 = buf.value.decode().split(" ")[0]
    expat = call("expat", "XML_ExpatVersion")
    return [call("xlsxwriter", "lxw_version"), call("hpdf", "HPDF_GetVersion"),
            call("z", "zlibVersion"), call("zip", "zip_libzip_version"),
            expat[6:] if expat and expat.startswith("expat_") else expat, pcre2,
            call("utf8proc", "utf8proc_version"), call("utf8proc", "utf8proc_unicode_version")]


@test
def help_and_version_exit_0():
    rc, so, _ = run(["--help"])
    check(rc == 0 and "egreport build YEAR" in so, "help: %d %s" % (rc, so))
    for word in ("help", "-h"):
        rc, so2, se = run([word])
        check(rc == 0 and so2 == so and not se, "egreport %s: %d %r %r" % (word, rc, so2[:80], se))
    # every option of build's usage line is explained below it
    _, _, usage = run(["build"])
    opts = set(re.findall(r"\[(--[a-z]+)", usage)) - {"--max"}
    explained = set(re.findall(r"^  (--[a-z-]+)", so, re.M))
    check(len(opts) >= 8 and opts <= explained, "not in --help: %s" % (opts - explained))
    # and so is every option of the other commands' usage lines (validate's
    # --year, template's --unit), in --help and in the manual page's OPTIONS
    for cmd in ("status", "validate", "template"):
        _, _, usage = run([cmd])
        opts = set(re.findall(r"\[(--[a-z]+)", usage))
        check(opts and opts <= explained, "%s: not in --help: %s" % (cmd, opts - explained))
    with open(os.path.join(ROOT, "docs", "egreport.1"), encoding="utf-8") as f:
        options = f.read().split(".SH OPTIONS\n")[1].split("\n.SH ")[0]
    man = {"--" + o.replace("\\-", "-")
           for o in re.findall(r"^\.BI? \\-\\-((?:[a-z]|\\-)+)", options, re.M)}
    check(len(man) >= 17 and explained <= man,
          "in --help, not in the manual's OPTIONS: %s" % (explained - man))
    rc, so, _ = run(["--version"])
    check(rc == 0 and re.match(r"egreport \d+\.\d+\.\d+\n", so), "version: %s" % so)
    # the libraries as they say at run time, as a build's manifest records them
    check(re.search(r"^libxlsxwriter \d+\.\d+\.\d+, libharu \d+\.\d+\.\d+, zlib .*, "
                    r"glibc \d+\.\d+$", so, re.M), "version: %s" % so)
    # and each is the one its library says, in its place (a library that
    # cannot be found here is left out of the comparison)
    said = libraries_said()
    line = so.splitlines()[1] if len(so.splitlines()) > 1 else ""
    got = re.match(r"libxlsxwriter (\S+), libharu (\S+), zlib (\S+), libzip (\S+), expat (\S+), "
                   r"PCRE2 (\S+), utf8proc (\S+) \(Unicode (\S+)\), glibc \S+$", line)
    check(got, "version: %s" % so)
    for name, want, have in zip(("libxlsxwriter", "libharu", "zlib", "libzip", "expat", "PCRE2",
                                 "utf8proc", "Unicode"), said, got.groups()):
        check(want is None or want == have, "version: %s %s, not %s" % (name, have, want))
    # after a command, anywhere among its arguments, --help is help too
    for args in (["build", "--help"], ["validate", "x.csv", "-h"], ["status", "2020", "--help"],
                 ["template", "--help"]):
        rc, so2, se = run(args)
        check(rc == 0 and so2.startswith("usage: egreport build YEAR") and not se,
              "%s: exit %d %r %r" % (args, rc, so2[:80], se[:200]))
    # an option's value, or what follows --, is no request for help
    for args in (["template", "2020", "--unit", "-h"], ["build", "2020", "--input", "--help"],
                 ["validate", "--", "-h"], ["build", "2020", "--max-rows", "-h"],
                 ["build", "2020", "--wait", "-h"], ["build", "2020", "--jobs", "--help"],
                 ["build", "1899", "--output", "-h"], ["status", "2020", "--layouts", "-h"],
                 ["validate", "x.csv", "--year", "-h"]):
        rc, so2, _ = run(args)
        check(rc != 0 and not so2.startswith("usage:"), "%s: exit %d %r" % (args, rc, so2[:80]))
    # what build writes, and what validate prints, as they are
    _, so, _ = run(["--help"])
    check("data.csv" in so and "error|warning: message [CODE]" in so, so)
    check(max(len(l) for l in so.splitlines()) <= 80, "a line of --help wider than 80")


@test
def a_year_folder_elsewhere_builds_with_input_and_output_options():
    src = tmpdir()
    shutil.copytree(os.path.join(CASES, "small-2021", "input", "2021"), os.path.join(src, "2021"))
    out = tmpdir()
    rc, so, se = run(["build", "2021", "--input", src, "--output", out])
    check(rc == 0, se)
    check(os.path.exists(os.path.join(out, "2021", "egov-2021.pdf")), "no PDF")
    shutil.rmtree(src)
    shutil.rmtree(out)


@test
def a_file_flooding_one_problem_lists_its_first_thousand_and_counts_the_rest():
    # 2,500 copies of one row: 2,500 W_DUPLICATE warnings of one file.
    # validation.csv, Kiểm tra and the appendix list the first 1,000 and a
    # line for the 1,500 more; the counts say 2,500 (a million copies held
    # gigabytes of messages).  With --jobs 1 and 2 the same bytes.  A
    # district's file past the cap in two codes: its two lines in code
    # order; the line for rows of several communes names no unit (not the
    # district whose file it is).
    work = tmpdir()
    inp = os.path.join(work, "input")
    shutil.copytree(os.path.join(CASES, "small-2021", "input"), inp)
    with open(os.path.join(inp, "2021", "submissions", "zz-flood.csv"), "w",
              encoding="utf-8") as f:
        f.write("unit_code,indicator,value\n" + "KT.STP,ht.cbcc,45\n" * 2500)
    with open(os.path.join(inp, "2021", "submissions", "zz-district.csv"), "w",
              encoding="utf-8") as f:
        f.write("unit_code,indicator,value\nKT.KTU,ht.cbcc,45\n" +
                "KT.KTU.03,xx.khong_co,5\n" * 1100 +
                "KT.KTU.01,ht.cbcc,45\n" * 1200 + "KT.KTU.02,ht.cbcc,45\n" * 1200 +
                ",ht.cbcc,45\n" * 1100)
    got = {}
    for jobs in ("1", "2"):
        out = os.path.join(work, "out" + jobs)
        rc, so, se = build(inp, 2021, out, env={"EGREPORT_JOBS": jobs})
        check(rc == 1, "exit %d: %s" % (rc, se[-500:]))     # the district's errors
        # 2,401 conflicts, 1,100 unknown codes, 1,100 rows without a unit;
        # 2,500 copies and a form left short
        check(re.search(r"\b4601 errors, 2501 warnings\b", so), "the count: %s" % so)
        with open(os.path.join(out, "2021", "validation.csv"), "rb") as f:
            got[jobs] = f.read()
    check(got["1"] == got["2"], "validation.csv differs between 1 and 2 threads")
    rows = [r for r in read_validation(os.path.join(work, "out2", "2021", "validation.csv"))
            if r["file"] == "submissions/zz-flood.csv"]
    check(len(rows) == 1001 and all(r["code"] == "W_DUPLICATE" for r in rows),
          "%d rows: %s" % (len(rows), rows[-2:]))
    check([int(r["row"]) for r in rows[:1000]] == list(range(2, 1002)), "the first rows listed")
    last = rows[-1]
    check(last["row"] == "" and last["unit"] == "KT.STP" and last["indicator"] == "ht.cbcc" and
          last["message"] == "còn 1.500 cảnh báo W_DUPLICATE khác của tệp này không được liệt "
          "kê (tổng cộng 2.500); 1.000 cảnh báo đầu tiên đã được liệt kê", "the last line: %s" % last)
    more = [(r["code"], r["unit"],
             (re.match(r"còn ([\d.]+) (?:cảnh báo|lỗi) ", r["message"]) or [r["message"]] * 2)[1])
            for r in read_validation(os.path.join(work, "out2", "2021", "validation.csv"))
            if r["file"] == "submissions/zz-district.csv" and r["row"] == ""]
    # rows without a unit: their line names none either, as they do
    check(more == [("E_DUPLICATE_CONFLICT", "", "1.401"), ("E_UNIT_MISSING", "", "100"),
                   ("E_UNKNOWN_INDICATOR", "KT.KTU.03", "100")], "the district's: %s" % more)
    wb = workbook(os.path.join(work, "out2", "2021", "egov-2021.xlsx"))
    kt = [r for r in wb["Kiểm tra"].iter_rows(min_row=2, values_only=True)
          if r[2] == "submissions/zz-flood.csv"]
    check(len(kt) == 1001 and kt[-1][7] == last["message"], "Kiểm tra: %d rows" % len(kt))
    text = pdf_text(os.path.join(work, "out2", "2021", "egov-2021.pdf"))
    check("Sở Tư pháp (KT.STP): 2.500 vấn đề" in text, "the appendix's count: %s"
          % text[text.find("Sở Tư pháp (KT.STP)"):][:200])
    # the communes' conflicts past the cap are no one unit's: not the
    # district's (its own one conflict; 1.402 when the line went with it),
    # but under "no unit of the list", with the rows without a unit (the
    # file has no owner: none of its values stands)
    check("Thành phố Kon Tum (KT.KTU): 1 vấn đề" in text and
          "Không gắn với đơn vị nào trong danh sách" in text,
          "the district's appendix: %s" % text[text.find("(KT.KTU):"):][:200])
    shutil.rmtree(work)
