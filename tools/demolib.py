"""demolib - shared code of the egreport demo-data generators.

Standard library only (but for writing workbooks: demoformats.py).  Used
by gen-demo-2020.py, gen-demo-small.py and gen-systems-2020.py:

  * the indicator catalogue (a copy of the contract, spec/indicators.md);
  * formatting values the way clerks write them (403.086, 29,55, có...);
  * writing submission files in the many shapes units send: CSV in UTF-8,
    UTF-16, Windows-1258 or TCVN3, and XLSX workbooks;
  * an independent reader (encodings, workbooks, BOM, delimiter, title
    rows, Vietnamese value syntax, as spec/input-format.md describes) that
    re-reads what was written, checks the registry, levels, duplicates,
    completeness and the rulebook, and computes every derived figure and
    both rankings.

The reader is deliberately written from the contract, not from the writer:
it is the generators' self-check.
"""

import csv
import io
import os
import re
import sys
import time
import unicodedata
from decimal import Decimal
from fractions import Fraction

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import demoformats as F  # noqa: E402

# ---------------------------------------------------------------- catalogue

# (code, label, type, levels) - spec/indicators.md, "Reported indicators".
CATALOGUE = [
    ("ht.cbcc", "Tổng số cán bộ, công chức", "count", "SHX"),
    ("ht.cbcc_may_tinh", "Số CBCC được trang bị máy tính", "count", "SHX"),
    ("ht.lan_internet", "Có mạng nội bộ kết nối Internet cáp quang tốc độ cao", "bool", "SHX"),
    ("ht.wan", "Kết nối mạng diện rộng (WAN) của tỉnh", "bool", "SHX"),
    ("ht.bo_phan_mot_cua", "Đã thành lập Bộ phận tiếp nhận và trả kết quả", "bool", "SHX"),
    ("ht.mo_hinh_mot_cua", "Mô hình một cửa", "enum", "SHX"),
    ("ht.phong_hop_truc_tuyen", "Có phòng họp trực tuyến kết nối hệ thống của tỉnh", "bool", "HX"),
    ("ht.attt_tuong_lua", "Có hệ thống tường lửa", "bool", "SH"),
    ("ht.attt_sao_luu", "Có thiết bị sao lưu dự phòng", "bool", "SH"),
    ("ht.attt_chong_virus", "Có phần mềm phòng, chống virus", "bool", "SH"),
    ("ht.bdvhx", "Số điểm Bưu điện văn hóa xã", "count", "H"),
    ("ht.bdvhx_internet", "Số điểm Bưu điện văn hóa xã có kết nối Internet", "count", "H"),
    ("ht.ho_gia_dinh", "Tổng số hộ gia đình", "count", "H"),
    ("ht.ho_may_tinh_internet", "Số hộ gia đình có máy tính kết nối Internet", "count", "H"),
    ("ht.doanh_nghiep", "Số doanh nghiệp trên địa bàn", "count", "T"),
    ("ht.doanh_nghiep_internet", "Số doanh nghiệp có kết nối Internet", "count", "T"),
    ("nl.thpt", "Số trường Trung học phổ thông", "count", "S"),
    ("nl.thpt_tin_hoc", "Số trường THPT giảng dạy môn tin học", "count", "S"),
    ("nl.thcs", "Số trường Trung học cơ sở", "count", "SH"),
    ("nl.thcs_tin_hoc", "Số trường THCS giảng dạy môn tin học", "count", "SH"),
    ("nl.th", "Số trường Tiểu học", "count", "SH"),
    ("nl.th_tin_hoc", "Số trường Tiểu học giảng dạy môn tin học", "count", "SH"),
    ("nl.cb_cntt", "Số cán bộ chuyên trách CNTT", "count", "SH"),
    ("nl.luot_tap_huan", "Số lượt CBCC được đào tạo, tập huấn CNTT trong năm", "count", "SH"),
    ("cs.ban_chi_dao", "Đã thành lập Ban Chỉ đạo xây dựng Chính quyền điện tử", "bool", "SH"),
    ("cs.ke_hoach_cntt", "Đã ban hành kế hoạch ứng dụng CNTT", "bool", "SH"),
    ("cs.quy_che_httt", "Đã ban hành quy chế khai thác, sử dụng hệ thống thông tin", "bool", "SH"),
    ("cs.quy_che_btt", "Đã ban hành Quy chế hoạt động của Ban Biên tập cổng/trang TTĐT", "bool", "SH"),
    ("dt.kinh_phi_cntt", "Kinh phí bố trí cho ứng dụng CNTT trong năm", "money", "SH"),
    ("hd.cong_ttdt", "Có Cổng/Trang thông tin điện tử", "bool", "SHX"),
    ("hd.du_thong_tin", "Cổng/Trang TTĐT đáp ứng đủ các mục thông tin tối thiểu", "bool", "SHX"),
    ("tt.qlvb", "Sử dụng phần mềm quản lý văn bản và điều hành", "bool", "SHX"),
    ("tt.vb_di", "Số văn bản đi (trừ văn bản mật)", "count", "SHX"),
    ("tt.vb_di_dien_tu", "Số văn bản đi được số hóa, gửi liên thông trên phần mềm", "count", "SHX"),
    ("tt.vb_den", "Số văn bản đến", "count", "SHX"),
    ("tt.vb_den_xu_ly", "Số văn bản đến được lãnh đạo xét duyệt, chỉ đạo, giao việc trên phần mềm", "count", "SHX"),
    ("tt.chu_ky_so", "Đã được cấp chữ ký số do Ban Cơ yếu Chính phủ cung cấp", "bool", "SHX"),
    ("tt.chung_thu_so", "Số chứng thư số đã được cấp", "count", "SHX"),
    ("tt.hop_thu", "Số CBCC được cấp hộp thư điện tử công vụ", "count", "SHX"),
    ("tt.dung_thu", "Số CBCC thường xuyên sử dụng thư điện tử cho công việc", "count", "SHX"),
    ("tt.mot_cua_dt", "Đã triển khai phần mềm một cửa điện tử liên thông", "bool", "SHX"),
    ("tt.pm_chuyen_nganh", "Sử dụng phần mềm tài chính - kế toán, nhân sự, tài sản, chuyên ngành", "bool", "SHX"),
    ("gd.ho_so", "Số hồ sơ TTHC tiếp nhận trên hệ thống", "count", "SHX"),
    ("gd.ho_so_tre", "Số hồ sơ trễ hạn đã xử lý", "count", "SHX"),
    ("gd.dvc_muc_3", "Số dịch vụ công trực tuyến mức độ 3", "count", "T"),
    ("gd.dvc_muc_4", "Số dịch vụ công trực tuyến mức độ 4", "count", "T"),
    ("gd.ho_so_muc_3", "Số hồ sơ nộp trực tuyến mức độ 3", "count", "T"),
    ("gd.ho_so_muc_4", "Số hồ sơ nộp trực tuyến mức độ 4", "count", "T"),
    ("gd.hop_truc_tuyen", "Số cuộc họp trực tuyến đã tổ chức", "count", "T"),
    ("cd.vb_lien_thong", "Số lượt văn bản điện tử gửi, nhận qua Trục liên thông văn bản của tỉnh", "count", "T"),
    ("cd.bieu_mau_dt", "Đã ứng dụng mẫu biểu điện tử trong công việc", "bool", "SH"),
    ("diem.san_sang", "Điểm đánh giá: điều kiện sẵn sàng", "score", "SH"),
    ("diem.hien_dien", "Điểm đánh giá: mức độ hiện diện", "score", "SH"),
    ("diem.tuong_tac", "Điểm đánh giá: mức độ tương tác", "score", "SH"),
    ("diem.giao_dich", "Điểm đánh giá: mức độ giao dịch", "score", "SH"),
    ("diem.chuyen_doi", "Điểm đánh giá: mức độ chuyển đổi", "score", "SH"),
]
CAT = {c[0]: {"label": c[1], "type": c[2], "levels": c[3]} for c in CATALOGUE}
CODES = [c[0] for c in CATALOGUE]

ENUM = {
    "ht.mo_hinh_mot_cua": [
        ("lien_thong", "một cửa điện tử liên thông"),
        ("dien_tu", "một cửa điện tử"),
        ("chua", "chưa triển khai"),
    ],
}

SCORES = ["diem.san_sang", "diem.hien_dien", "diem.tuong_tac",
          "diem.giao_dich", "diem.chuyen_doi"]
SCORE_MAX = {  # in points; the rubric of indicators.md
    "S": [40, 15, 30, 25, 20],
    "H": [45, 20, 35, 30, 25],
}

LEVEL_LETTER = {"tinh": "T", "so": "S", "huyen": "H", "xa": "X"}
LETTER_LEVEL = {v: k for k, v in LEVEL_LETTER.items()}

# Indicators that, at level S, only the education department reports.
EDU_ONLY_S = ["nl.thpt", "nl.thpt_tin_hoc", "nl.thcs", "nl.thcs_tin_hoc",
              "nl.th", "nl.th_tin_hoc"]

UNIT_OF_MEASURE = {
    "ht.cbcc": "Người", "ht.cbcc_may_tinh": "Người", "ht.bdvhx": "Điểm",
    "ht.bdvhx_internet": "Điểm", "ht.ho_gia_dinh": "Hộ",
    "ht.ho_may_tinh_internet": "Hộ", "ht.doanh_nghiep": "Doanh nghiệp",
    "ht.doanh_nghiep_internet": "Doanh nghiệp", "nl.cb_cntt": "Người",
    "nl.luot_tap_huan": "Lượt người", "tt.chung_thu_so": "Chứng thư",
    "tt.hop_thu": "Người", "tt.dung_thu": "Người", "gd.ho_so": "Hồ sơ",
    "gd.ho_so_tre": "Hồ sơ", "gd.ho_so_muc_3": "Hồ sơ",
    "gd.ho_so_muc_4": "Hồ sơ", "gd.dvc_muc_3": "Dịch vụ",
    "gd.dvc_muc_4": "Dịch vụ", "gd.hop_truc_tuyen": "Cuộc",
    "cd.vb_lien_thong": "Lượt",
}


def unit_of_measure(code):
    if code in UNIT_OF_MEASURE:
        return UNIT_OF_MEASURE[code]
    t = CAT[code]["type"]
    if code.startswith("nl.th"):
        return "Trường"
    if code.startswith("tt.vb_"):
        return "Văn bản"
    return {"bool": "Có/Không", "money": "Đồng", "score": "Điểm",
            "enum": "", "count": "Số lượng"}[t]


SECTIONS = [
    ("ht.", "I", "HẠ TẦNG KỸ THUẬT"),
    ("nl.", "II", "NGUỒN NHÂN LỰC"),
    ("cs.", "III", "MÔI TRƯỜNG CHÍNH SÁCH"),
    ("dt.", "IV", "ĐẦU TƯ CHO CNTT"),
    ("hd.", "V", "MỨC ĐỘ HIỆN DIỆN"),
    ("tt.", "VI", "MỨC ĐỘ TƯƠNG TÁC"),
    ("gd.", "VII", "MỨC ĐỘ GIAO DỊCH"),
    ("cd.", "VIII", "MỨC ĐỘ CHUYỂN ĐỔI"),
    ("diem.", "IX", "ĐIỂM ĐÁNH GIÁ CỦA HỘI ĐỒNG THẨM ĐỊNH"),
]


def section_of(code):
    for prefix, roman, title in SECTIONS:
        if code.startswith(prefix):
            return roman, title
    raise KeyError(code)


def indicators_for(level_letter, is_edu=False):
    """The indicators a unit of this level reports, in catalogue order
    (hd.du_thong_tin included: the caller drops it where there is no
    portal)."""
    out = []
    for code in CODES:
        if level_letter not in CAT[code]["levels"]:
            continue
        if level_letter == "S" and code in EDU_ONLY_S and not is_edu:
            continue
        out.append(code)
    return out


def check_catalogue_against_spec(spec_path):
    """Compares CATALOGUE with the table of spec/indicators.md, if found."""
    if not os.path.exists(spec_path):
        print("note: %s not found; catalogue not cross-checked" % spec_path)
        return
    rows = {}
    with open(spec_path, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"\| ([a-z]+\.[a-z0-9_]+) \| (.*?) \| (count|bool|enum[^|]*|money|score) \| ([STHX ]+) \|", line)
            if m:
                t = "enum" if m.group(3).startswith("enum") else m.group(3)
                rows[m.group(1)] = (m.group(2), t, m.group(4).replace(" ", ""))
    mine = {c: (CAT[c]["label"], CAT[c]["type"], CAT[c]["levels"]) for c in CODES}
    if rows != mine:
        for c in sorted(set(rows) | set(mine)):
            if rows.get(c) != mine.get(c):
                print("catalogue differs from spec at %s: spec %r, here %r"
                      % (c, rows.get(c), mine.get(c)), file=sys.stderr)
        sys.exit("demolib: CATALOGUE is out of date with %s" % spec_path)


# ------------------------------------------------------------ formatting


def fmt_int(n, sep=""):
    """A whole number with thousands grouped by sep ('', '.', ' ', NBSP)."""
    s = str(int(n))
    assert n >= 0
    if not sep or len(s) <= 3:
        return s
    groups = []
    while s:
        groups.insert(0, s[-3:])
        s = s[:-3]
    return sep.join(groups)


def fmt_score(hundredths, mark=","):
    """A score kept in hundredths, written with at most two decimals."""
    i, f = divmod(int(hundredths), 100)
    if f == 0:
        return str(i)
    if f % 10 == 0:
        return "%d%s%d" % (i, mark, f // 10)
    return "%d%s%02d" % (i, mark, f)


BOOL_STYLES = [
    ("có", "không"),
    ("Có", "Không"),
    ("x", "không"),
    ("1", "0"),
    ("đạt", "không đạt"),
    ("Có", "không"),
]


def fmt_bool(b, style):
    return BOOL_STYLES[style % len(BOOL_STYLES)][0 if b else 1]


def fmt_enum(code, indicator, style):
    """style 0: the code; 1: the label in lower case; 2: capitalised."""
    if style == 0:
        return code
    label = dict(ENUM[indicator])[code]
    if style == 1:
        return label
    return label[0].upper() + label[1:]


# --------------------------------------------------------------- writing

# Column layouts clerks use; (role, header name).  Roles: unit, ind,
# value, note (read) and stt, label, dvt (ignored by egreport).
LAYOUTS = {
    "A": [("unit", "unit_code"), ("ind", "indicator"), ("value", "value"), ("note", "note")],
    "B": [("unit", "ma_don_vi"), ("ind", "ma_chi_tieu"), ("value", "gia_tri"), ("note", "ghi_chu")],
    "C": [("stt", "STT"), ("unit", "Mã đơn vị"), ("ind", "Mã chỉ tiêu"), ("label", "Tên chỉ tiêu"),
          ("dvt", "Đơn vị tính"), ("value", "Giá trị"), ("note", "Ghi chú")],
    "D": [("stt", "STT"), ("ind", "Mã chỉ tiêu"), ("label", "Tên chỉ tiêu"), ("dvt", "Đơn vị tính"),
          ("value", "Số liệu"), ("unit", "Mã đơn vị"), ("note", "Ghi chú")],
    "E": [("unit", "Mã đơn vị"), ("ind", "Mã chỉ tiêu"), ("value", "Số liệu")],
    "F": [("stt", "STT"), ("label", "Tên chỉ tiêu"), ("unit", "ma_don_vi"), ("ind", "ma_chi_tieu"),
          ("value", "gia_tri")],
    "G": [("unit", "Mã đơn vị"), ("label", "Tên chỉ tiêu"), ("ind", "Mã chỉ tiêu"),
          ("dvt", "Đơn vị tính"), ("value", "Giá trị"), ("note", "Ghi chú")],
}


def fmt_value(ind, value, st):
    """A value as the style st writes it (keys sep, money_sep, bool, enum,
    mark)."""
    t = CAT[ind]["type"]
    if t == "count":
        return fmt_int(value, st["sep"])
    if t == "money":
        return fmt_int(value, st["money_sep"])
    if t == "bool":
        return fmt_bool(value, st["bool"])
    if t == "enum":
        return fmt_enum(value, ind, st["enum"])
    if t == "score":
        return fmt_score(value, st["mark"])
    raise ValueError(t)


def build_items(units, V, note, st, names=None):
    """The rows of one file for write_submission.

    V: {unit: {indicator: value}}; note(unit, ind) -> text or '';
    st: headings, blank_between, by_indicator, notes and the value style;
    names: {unit: heading text} for files of several units (a heading row
    per unit), None for one unit's file (a heading row per section)."""
    items = []

    def nt(u, i):
        return note(u, i) if st["notes"] else ""

    if st["by_indicator"]:
        order = sorted({i for u in units for i in V[u]}, key=CODES.index)
        seen = None
        for i in order:
            sec = section_of(i)
            if sec != seen:
                if st["blank_between"] and seen:
                    items.append(("blank",))
                if st["headings"]:
                    items.append(("heading",) + sec)
                seen = sec
            for u in units:
                if i in V[u]:
                    items.append(("data", u, i, fmt_value(i, V[u][i], st), nt(u, i)))
        return items
    for u in units:
        if names is not None and st["headings"]:
            items.append(("heading", "", names[u]))
        seen = None
        for i in [c for c in CODES if c in V[u]]:
            sec = section_of(i)
            if sec != seen:
                if names is None and st["headings"]:
                    items.append(("heading",) + sec)
                elif st["blank_between"] and seen:
                    items.append(("blank",))
                seen = sec
            items.append(("data", u, i, fmt_value(i, V[u][i], st), nt(u, i)))
        if names is not None and st["blank_between"]:
            items.append(("blank",))
    return items


def table_rows(style, titles, items):
    """The rows of one submission, before they become a file: a list of
    (kind, cells, item) with kind 'title', 'header', 'blank', 'heading',
    'data' or 'signature', cells as text, and for 'data' rows the item
    ('data', unit, indicator, value_text, note).

    style: dict with layout (a LAYOUTS key), pad (pad title rows with empty
    cells to the table's width), signature (append a signature block whose
    indicator cell is empty).
    titles: rows above the header ('' is an empty line).
    items: ('data', unit, indicator, value_text, note) | ('heading', roman,
    text) | ('blank',).
    """
    cols = LAYOUTS[style["layout"]]
    roles = [r for r, _ in cols]
    width = len(cols)
    out = []
    for t in titles:
        if style.get("pad"):
            out.append(("title", [t] + [""] * (width - 1), None))
        elif t == "":
            out.append(("blank", [], None))
        else:
            out.append(("title", [t], None))
    out.append(("header", [name for _, name in cols], None))
    stt = 0
    for it in items:
        if it[0] == "blank":
            out.append(("blank", [""] * width if style.get("pad") else [], None))
            continue
        if it[0] == "heading":
            row = [""] * width
            roman, text = it[1], it[2]
            if "stt" in roles:
                row[roles.index("stt")] = roman
            if "label" in roles:
                row[roles.index("label")] = text
            else:
                full = (roman + ". " + text) if roman else text
                row[roles.index("stt" if "stt" in roles else "unit")] = full
            out.append(("heading", row, None))
            continue
        _, unit, ind, value, note = it
        stt += 1
        cell = {"stt": str(stt), "unit": unit, "ind": ind, "value": value,
                "label": CAT[ind]["label"], "dvt": unit_of_measure(ind),
                "note": note or ""}
        out.append(("data", [cell[r] for r in roles], it))
    if style.get("signature"):
        ii = roles.index("ind")
        assert 0 < ii < width - 1
        out.append(("blank", [""] * width if style.get("pad") else [], None))
        row = [""] * width
        row[0] = "Người lập biểu"
        row[-1] = "Thủ trưởng đơn vị"
        out.append(("signature", row, None))
        row = [""] * width
        row[-1] = "(Ký, ghi rõ họ tên, đóng dấu)"
        out.append(("signature", row, None))
    return out


def write_submission(path, style, titles, items, mtime=None):
    """Writes one submission file as CSV text (table_rows says what rows).

    style: as table_rows, and delim, bom, crlf; encoding (optional):
    'utf-8' (default, with a BOM when bom is set), 'utf-16' (LE with a
    BOM, as Excel's "Unicode text"), 'cp1258' (Windows-1258, as Excel's
    "CSV" on a Vietnamese Windows) or 'tcvn3' (text typed with the ABC
    keyboard's .VnTime fonts).
    """
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=style["delim"],
                   lineterminator="\r\n" if style["crlf"] else "\n",
                   quoting=csv.QUOTE_MINIMAL)
    for _, cells, _ in table_rows(style, titles, items):
        w.writerow(cells)
    text = buf.getvalue()
    enc = style.get("encoding", "utf-8")
    if enc == "utf-8":
        data = (("\ufeff" if style["bom"] else "") + text).encode("utf-8")
    elif enc == "utf-16":
        data = b"\xff\xfe" + text.encode("utf-16-le")
    elif enc == "cp1258":
        data = F.encode_cp1258(text)
    elif enc == "tcvn3":
        data = F.encode_tcvn3(text)
    else:
        raise ValueError(enc)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)
    if mtime is not None:
        os.utime(path, (mtime, mtime))


# What an XLSX submission may look like (write_submission_xlsx); each demo
# workbook takes a few of these.
XLSX_FEATURES = {
    "merged_titles",   # title rows merged across the table, in bold
    "numbers",         # counts, money and scores as number cells
    "grouped",         # ... counts and money shown #,##0
    "text_numbers",    # counts kept as the text the clerk typed (403.086)
    "booleans",        # yes/no as TRUE/FALSE cells
    "guide_first",     # a visible instructions sheet first, the report on BaoCao
    "hidden_first",    # a hidden list sheet first, the report on Sheet1
    "dated",           # a Ngày nộp (submitted_on) column of date cells
    "total",           # a total row with a SUM formula (no indicator: skipped)
}


def _typed_value(ind, text, features):
    """The cell a spreadsheet holds for a value written as text."""
    t = CAT[ind]["type"]
    if t in ("count", "money") and "numbers" in features and "text_numbers" not in features:
        return int(re.sub(r"[., \u00a0]", "", text))
    if t == "score" and "numbers" in features:
        return float(Decimal(text.replace(",", ".")))
    if t == "bool" and "booleans" in features:
        low = text.strip().lower()
        return True if low in YES else False if low in NO else text
    return text


def write_submission_xlsx(path, style, titles, items, features, when, sent_on=None,
                          mtime=None, sheet_name="Báo cáo"):
    """Writes one submission as an XLSX workbook (through demoformats): the
    rows of table_rows, shaped by features (a subset of XLSX_FEATURES).
    sent_on: the date of the Ngày nộp column ("dated")."""
    assert set(features) <= XLSX_FEATURES, features
    cols = LAYOUTS[style["layout"]]
    roles = [r for r, _ in cols]
    width = len(cols) + ("dated" in features)
    rows, merges, formats, bold = [], [], {}, set()
    first_data = last_data = None
    for kind, cells, it in table_rows(style, titles, items):
        cells = list(cells)
        r = len(rows) + 1
        if kind == "title" and "merged_titles" in features and cells and cells[0]:
            cells = [cells[0]]
            merges.append((r, 1, r, width))
            bold.add(r)
        elif kind == "header":
            if "dated" in features:
                cells.append("Ngày nộp")
            bold.add(r)
        elif kind == "heading":
            bold.add(r)
        elif kind == "data":
            _, unit, ind, value, _ = it
            cells[roles.index("value")] = _typed_value(ind, value, features)
            if "stt" in roles:
                cells[roles.index("stt")] = int(cells[roles.index("stt")])
            if "grouped" in features and CAT[ind]["type"] in ("count", "money"):
                formats[(r, roles.index("value") + 1)] = "#,##0"
            if "dated" in features:
                cells.append(sent_on)
                formats[(r, width)] = "dd/mm/yyyy"
            first_data = first_data or r
            last_data = r
        rows.append(cells)
    if "total" in features:
        # A clerk's total of the column: no indicator, so never read.
        vc = roles.index("value")
        label = roles.index("label") if "label" in roles else 0
        letter = chr(ord("A") + vc)
        row = [""] * width
        row[label] = "Tổng cộng"
        row[vc] = "=SUM(%s%d:%s%d)" % (letter, first_data, letter, last_data)
        rows.append(row)
        bold.add(len(rows))
    widths = {roles.index(r) + 1: w for r, w in (("label", 55), ("ind", 24), ("unit", 14),
                                                 ("note", 30), ("value", 14)) if r in roles}
    report = {"name": sheet_name, "rows": rows, "merges": merges, "formats": formats,
              "bold_rows": bold, "widths": widths}
    sheets = [report]
    if "guide_first" in features:
        report["name"] = "BaoCao"
        sheets.insert(0, {"name": "Hướng dẫn", "rows": [
            ["Hướng dẫn điền biểu"],
            ["1. Điền số liệu vào cột giá trị của trang BaoCao; không sửa mã chỉ tiêu."],
            ["2. Ô có/không ghi có hoặc không; để trống nếu không có số liệu."],
        ]})
    if "hidden_first" in features:
        report["name"] = "Sheet1"
        sheets.insert(0, {"name": "DanhMuc", "state": "hidden", "rows": [
            ["có", "một cửa điện tử liên thông"], ["không", "một cửa điện tử"],
            ["", "chưa triển khai"]]})
    F.write_xlsx(path, sheets, when, title=titles[1] if len(titles) > 1 else "")
    if mtime is not None:
        os.utime(path, (mtime, mtime))


def write_simple_csv(path, header, rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    for r in rows:
        w.writerow(r)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(buf.getvalue().encode("utf-8"))


def local_time(y, mo, d, h=9, mi=0):
    return time.mktime((y, mo, d, h, mi, 0, 0, 0, -1))


# -------------------------------------------------------------- reading


class CheckError(Exception):
    pass


def fold(s):
    """Lower case, no diacritics, no spaces or underscores (header and
    label comparison)."""
    s = unicodedata.normalize("NFD", s.replace("đ", "d").replace("Đ", "D"))
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return re.sub(r"[\s_]+", "", s.lower())


HEADER_NAMES = {
    "unit": {fold(x) for x in ("unit_code", "ma_don_vi", "Mã đơn vị")},
    "ind": {fold(x) for x in ("indicator", "ma_chi_tieu", "Mã chỉ tiêu")},
    "value": {fold(x) for x in ("value", "gia_tri", "Giá trị", "Số liệu")},
    "note": {fold(x) for x in ("note", "ghi_chu", "Ghi chú")},
}


def header_roles(cells):
    roles = {}
    for i, c in enumerate(cells):
        f = fold(c)
        for role, names in HEADER_NAMES.items():
            if f in names and role not in roles:
                roles[role] = i
    if all(r in roles for r in ("unit", "ind", "value")):
        return roles
    return None


COUNT_RE = re.compile(r"^(?:\d+|\d{1,3}(?:(?P<s>[., \u00a0])\d{3})(?:(?P=s)\d{3})*)$")
YES = {"có", "co", "x", "1", "yes", "true", "đạt"}
NO = {"không", "khong", "0", "no", "false", "không đạt"}


def parse_value(ind, text, level_letter):
    """Parses a cell as egreport must; raises CheckError if it does not fit.
    Scores are returned in hundredths (int), counts and money as int."""
    t = CAT[ind]["type"]
    s = text.strip()
    if t in ("count", "money"):
        if not COUNT_RE.match(s):
            raise CheckError("bad %s %r" % (t, text))
        return int(re.sub(r"[., \u00a0]", "", s))
    if t == "bool":
        low = s.lower()
        if low in YES:
            return True
        if low in NO:
            return False
        raise CheckError("bad bool %r" % text)
    if t == "enum":
        for code, label in ENUM[ind]:
            if s.lower() == code or fold(s) == fold(label):
                return code
        raise CheckError("bad enum %r" % text)
    if t == "score":
        if not re.match(r"^\d+(?:[.,]\d{1,2})?$", s):
            raise CheckError("bad score %r (at most two decimals here)" % text)
        d = Decimal(s.replace(",", "."))
        h = int(d * 100)
        assert Decimal(h) == d * 100
        mx = SCORE_MAX[level_letter][SCORES.index(ind)] * 100
        if not 0 <= h <= mx:
            raise CheckError("score %r out of 0..%d" % (text, mx // 100))
        return h
    raise CheckError("type %s not handled" % t)


def parse_percent(text):
    s = text.strip().rstrip("%").strip()
    if "," in s and "." in s:
        last = max(s.rfind(","), s.rfind("."))
        s = re.sub(r"[.,]", "", s[:last]) + "." + s[last + 1:]
    else:
        s = s.replace(",", ".")
    return Decimal(s)


def read_text(path):
    raw = open(path, "rb").read()
    bom = raw.startswith(b"\xef\xbb\xbf")
    text = raw[3:].decode("utf-8") if bom else raw.decode("utf-8")
    return unicodedata.normalize("NFC", text), bom


def find_header(records, where):
    """The first of the first 20 records that names the unit, indicator and
    value columns: (index, roles)."""
    for ri, rec in enumerate(records[:20]):
        roles = header_roles(rec)
        if roles:
            return ri, roles
    raise CheckError("%s: no header in the first 20 rows" % where)


def read_submission(path):
    """Returns (records, delimiter, header_record_index, roles, encoding):
    records are lists of cells: for text, as the csv module reads them with
    the file's delimiter; for a workbook, its report sheet's rows that have
    a cell (delimiter None, encoding 'xlsx' or 'xls')."""
    if path.lower().endswith((".xlsx", ".xls")):
        recs = [cells for _, cells in F.read_sheet_rows(path)]
        hi, roles = find_header(recs, path)
        return recs, None, hi, roles, os.path.splitext(path)[1][1:].lower()
    text, enc = F.decode_text(open(path, "rb").read())
    lines = text.splitlines()[:20]
    found = None
    for li, line in enumerate(lines):
        for d in (",", ";", "\t"):
            try:
                cells = next(csv.reader([line], delimiter=d))
            except (StopIteration, csv.Error):
                continue
            roles = header_roles(cells)
            if roles:
                found = (li, d)
                break
        if found:
            break
    if not found:
        raise CheckError("%s: no header in the first 20 lines" % path)
    li, delim = found
    recs = list(csv.reader(io.StringIO(text, newline=""), delimiter=delim, strict=True))
    for ri, rec in enumerate(recs):
        roles = header_roles(rec)
        if roles:
            if ri != li:
                raise CheckError("%s: header record %d is not line %d" % (path, ri, li))
            return recs, delim, ri, roles, enc
    raise CheckError("%s: header lost" % path)


def read_units(path):
    text, bom = read_text(path)
    if bom:
        raise CheckError("units.csv has a BOM")
    recs = list(csv.reader(io.StringIO(text, newline="")))
    if recs[0] != ["code", "name", "level", "parent"]:
        raise CheckError("units.csv header %r" % recs[0])
    units = {}
    order = []
    for r in recs[1:]:
        code, name, level, parent = r
        if not re.match(r"^[A-Z0-9][A-Z0-9_.-]{0,31}$", code):
            raise CheckError("bad unit code %r" % code)
        if unicodedata.normalize("NFC", name) != name:
            raise CheckError("name not NFC: %r" % name)
        if code in units:
            raise CheckError("duplicate unit %s" % code)
        units[code] = {"code": code, "name": name, "level": level, "parent": parent}
        order.append(code)
    provs = [u for u in units.values() if u["level"] == "tinh"]
    if len(provs) != 1 or provs[0]["parent"] != "":
        raise CheckError("expected exactly one province with no parent")
    for u in units.values():
        if u["level"] in ("so", "huyen") and u["parent"] != provs[0]["code"]:
            raise CheckError("%s: parent must be the province" % u["code"])
        if u["level"] == "xa" and units.get(u["parent"], {}).get("level") != "huyen":
            raise CheckError("%s: parent must be a district" % u["code"])
        if u["level"] not in LEVEL_LETTER:
            raise CheckError("%s: bad level %r" % (u["code"], u["level"]))
    return units, order


def read_keyvalue(path, header):
    text, _ = read_text(path)
    recs = list(csv.reader(io.StringIO(text, newline="")))
    if recs[0] != header:
        raise CheckError("%s: header %r" % (path, recs[0]))
    out = {}
    for r in recs[1:]:
        if len(r) != 2:
            raise CheckError("%s: row %r" % (path, r))
        if r[0] in out:
            raise CheckError("%s: key %s twice" % (path, r[0]))
        out[r[0]] = r[1]
    return out


def load_year(folder):
    """Reads a year folder as egreport would (CSV in UTF-8, UTF-16,
    Windows-1258 or TCVN3; XLSX; XLS) and returns a dict
    with units, order, report, baseline, values {(unit, ind): value}, and
    per-file statistics.  Any problem raises CheckError: the demo data must
    be free of errors."""
    units, order = read_units(os.path.join(folder, "units.csv"))
    report = read_keyvalue(os.path.join(folder, "report.csv"), ["key", "value"])
    for k in ("province", "issuer", "signer", "signer_title", "place", "issued_on", "deadline"):
        if not report.get(k):
            raise CheckError("report.csv: key %s missing" % k)
    for k in ("issued_on", "deadline"):
        if not re.match(r"^\d{4}-\d{2}-\d{2}$", report[k]):
            raise CheckError("report.csv: %s not ISO" % k)
    bpath = os.path.join(folder, "baseline.csv")
    baseline = {}
    if os.path.exists(bpath):
        for k, v in read_keyvalue(bpath, ["indicator", "value"]).items():
            baseline[k] = parse_percent(v) if k.startswith("tl.") else int(v)
    values = {}
    where = {}
    files = []
    sub = os.path.join(folder, "submissions")
    for name in sorted(os.listdir(sub)):
        path = os.path.join(sub, name)
        if name.startswith(".") or name.startswith("~$"):
            raise CheckError("%s: hidden or lock file in the demo" % name)
        if not name.lower().endswith((".csv", ".xlsx", ".xls")):
            raise CheckError("%s: not a CSV, XLSX or XLS file" % name)
        recs, delim, hi, roles, enc = read_submission(path)
        nrows = 0
        funits = set()
        for ri in range(hi + 1, len(recs)):
            rec = recs[ri]
            cell = lambda role: rec[roles[role]].strip() if roles[role] < len(rec) else ""
            ind = cell("ind")
            if ind == "":
                continue
            unit = cell("unit").upper()
            ind = ind.lower()
            val = cell("value")
            pos = "%s record %d" % (name, ri + 1)
            if unit not in units:
                raise CheckError("%s: unknown unit %r" % (pos, unit))
            if ind not in CAT:
                raise CheckError("%s: unknown indicator %r" % (pos, ind))
            lv = LEVEL_LETTER[units[unit]["level"]]
            if lv not in CAT[ind]["levels"]:
                raise CheckError("%s: %s not reported at level %s" % (pos, ind, lv))
            if val == "":
                raise CheckError("%s: empty value (the demo writes none)" % pos)
            try:
                v = parse_value(ind, val, lv)
            except CheckError as e:
                raise CheckError("%s: %s" % (pos, e))
            if (unit, ind) in values:
                raise CheckError("%s: %s/%s already given at %s" % (pos, unit, ind, where[(unit, ind)]))
            values[(unit, ind)] = v
            where[(unit, ind)] = pos
            nrows += 1
            funits.add(unit)
        files.append({"name": name, "delim": delim, "header": hi, "rows": nrows,
                      "units": sorted(funits), "encoding": enc})
    return {"units": units, "order": order, "report": report,
            "baseline": baseline, "values": values, "files": files}


# ---------------------------------------------------------------- checks


def units_of(ds, level):
    return [c for c in ds["order"] if ds["units"][c]["level"] == level]


def education_department(ds):
    v = ds["values"]
    eds = [c for c in units_of(ds, "so") if (c, "nl.thcs") in v or (c, "nl.th") in v]
    return eds[0] if eds else None


def check_completeness(ds):
    """Every unit reports every indicator of its level (education and
    portal exceptions as decided for the demo); nothing else."""
    v = ds["values"]
    edu = education_department(ds)
    got = {}
    for (u, i) in v:
        got.setdefault(u, set()).add(i)
    for code in ds["order"]:
        lv = LEVEL_LETTER[ds["units"][code]["level"]]
        want = set(indicators_for(lv, is_edu=(code == edu)))
        if v.get((code, "hd.cong_ttdt")) is False:
            want.discard("hd.du_thong_tin")
        have = got.get(code, set())
        if have != want:
            raise CheckError("%s: missing %s, extra %s" % (
                code, sorted(want - have), sorted(have - want)))


RULES_LE = [
    ("ht.cbcc_may_tinh", "ht.cbcc"), ("ht.bdvhx_internet", "ht.bdvhx"),
    ("ht.ho_may_tinh_internet", "ht.ho_gia_dinh"),
    ("ht.doanh_nghiep_internet", "ht.doanh_nghiep"),
    ("nl.thpt_tin_hoc", "nl.thpt"), ("nl.thcs_tin_hoc", "nl.thcs"),
    ("nl.th_tin_hoc", "nl.th"), ("tt.vb_di_dien_tu", "tt.vb_di"),
    ("tt.vb_den_xu_ly", "tt.vb_den"), ("tt.hop_thu", "ht.cbcc"),
    ("tt.dung_thu", "tt.hop_thu"), ("gd.ho_so_tre", "gd.ho_so"),
]


def check_rules(ds):
    v = ds["values"]
    for code in ds["order"]:
        for a, b in RULES_LE:
            if (code, a) in v and (code, b) in v and v[(code, a)] > v[(code, b)]:
                raise CheckError("%s: %s %d > %s %d" % (code, a, v[(code, a)], b, v[(code, b)]))
        if v.get((code, "hd.cong_ttdt")) is False and (code, "hd.du_thong_tin") in v:
            raise CheckError("%s: hd.du_thong_tin without a portal" % code)
    prov = units_of(ds, "tinh")[0]
    total = sum(x for (u, i), x in v.items() if i == "gd.ho_so")
    m = v.get((prov, "gd.ho_so_muc_3"), 0) + v.get((prov, "gd.ho_so_muc_4"), 0)
    if m > total:
        raise CheckError("gd.ho_so_muc_3 + gd.ho_so_muc_4 > Σ gd.ho_so")
    edu = education_department(ds)
    if edu:
        for ind in ("nl.thcs", "nl.thcs_tin_hoc", "nl.th", "nl.th_tin_hoc"):
            s = sum(v[(d, ind)] for d in units_of(ds, "huyen"))
            if v.get((edu, ind)) != s:
                raise CheckError("%s %s = %s, districts sum to %d" % (edu, ind, v.get((edu, ind)), s))


# --------------------------------------------------------------- figures


def compute_figures(ds):
    """Every derived figure of indicators.md, in its order.  Returns a list
    of dicts: code, kind (ratio, dem, sum, value, diff), num, den, exact (a
    Fraction or int), value (float or int)."""
    v = ds["values"]
    lv_units = {L: units_of(ds, LETTER_LEVEL[L]) for L in "TSHX"}
    prov = lv_units["T"][0]
    figs = []

    def add(code, kind, num=None, den=None, exact=None):
        if kind in ("ratio", "dem"):
            exact = Fraction(num, den) if den else None
            value = (num / den) if den else None
        elif kind == "diff":
            value = float(exact)
        else:
            value = exact
        figs.append({"code": code, "kind": kind, "num": num, "den": den,
                     "exact": exact, "value": value})

    def ratio(code, numi, deni, levels):
        n = d = 0
        for L in levels:
            for u in lv_units[L]:
                if (u, numi) in v and (u, deni) in v:
                    n += v[(u, numi)]
                    d += v[(u, deni)]
        add(code, "ratio", n, d)

    def dem(code, ind, levels, pred=lambda x: x is True):
        rep = [u for L in levels for u in lv_units[L] if (u, ind) in v]
        add(code, "dem", sum(1 for u in rep if pred(v[(u, ind)])), len(rep))

    def total(ind, levels):
        return sum(v[(u, ind)] for L in levels for u in lv_units[L] if (u, ind) in v)

    sfx = {"S": "so", "H": "huyen", "X": "xa"}
    ratio("tl.cbcc_may_tinh", "ht.cbcc_may_tinh", "ht.cbcc", "SHX")
    for L in "SHX":
        dem("dem.lan_internet." + sfx[L], "ht.lan_internet", L)
    dem("dem.mot_cua_lien_thong.so", "ht.mo_hinh_mot_cua", "S", lambda x: x == "lien_thong")
    for L in "HX":
        dem("dem.mot_cua_dien_tu." + sfx[L], "ht.mo_hinh_mot_cua", L,
            lambda x: x in ("lien_thong", "dien_tu"))
    for L in "HX":
        dem("dem.phong_hop_truc_tuyen." + sfx[L], "ht.phong_hop_truc_tuyen", L)
    # over several levels at once: the one-stop desks, network security
    for code, ind, levels in (("dem.bo_phan_mot_cua", "ht.bo_phan_mot_cua", "SHX"),
                              ("dem.attt_tuong_lua", "ht.attt_tuong_lua", "SH"),
                              ("dem.attt_sao_luu", "ht.attt_sao_luu", "SH"),
                              ("dem.attt_chong_virus", "ht.attt_chong_virus", "SH")):
        rep = [u for L in levels for u in lv_units[L] if (u, ind) in v]
        add(code, "dem", sum(1 for u in rep if v[(u, ind)] is True), len(rep))
    ratio("tl.bdvhx_internet", "ht.bdvhx_internet", "ht.bdvhx", "H")
    ratio("tl.ho_may_tinh_internet", "ht.ho_may_tinh_internet", "ht.ho_gia_dinh", "H")
    tl = figs[-1]
    base = ds["baseline"].get("tl.ho_may_tinh_internet")
    if base is not None and tl["den"]:
        add("tl.ho_may_tinh_internet.tang", "diff",
            exact=tl["exact"] - Fraction(base) / 100)
        figs[-1]["value"] = tl["value"] - float(base) / 100
    ratio("tl.doanh_nghiep_internet", "ht.doanh_nghiep_internet", "ht.doanh_nghiep", "T")
    edu = education_department(ds)
    for a, b, t in (("nl.thpt_tin_hoc", "nl.thpt", "tl.thpt_tin_hoc"),):
        n = v.get((edu, a)) if edu else None
        d = v.get((edu, b)) if edu else None
        add(a, "sum", exact=n)
        add(b, "sum", exact=d)
        if n is not None and d is not None:
            add(t, "ratio", n, d)
    for a, b, t in (("nl.thcs_tin_hoc", "nl.thcs", "tl.thcs_tin_hoc"),
                    ("nl.th_tin_hoc", "nl.th", "tl.th_tin_hoc")):
        add(a, "sum", exact=total(a, "H"))
        add(b, "sum", exact=total(b, "H"))
        ratio(t, a, b, "H")
    for L in "SH":
        dem("dem.ban_chi_dao." + sfx[L], "cs.ban_chi_dao", L)
    for L in "SH":
        dem("dem.ke_hoach_cntt." + sfx[L], "cs.ke_hoach_cntt", L)
    add("tong.kinh_phi_cntt", "sum", exact=total("dt.kinh_phi_cntt", "SH"))
    dem("dem.kinh_phi_cntt", "dt.kinh_phi_cntt", "SH", lambda x: x > 0)
    for L in "SHX":
        dem("dem.cong_ttdt." + sfx[L], "hd.cong_ttdt", L)
    for L in "SHX":
        dem("dem.du_thong_tin." + sfx[L], "hd.du_thong_tin", L)
    for L in "SHX":
        dem("dem.qlvb." + sfx[L], "tt.qlvb", L)
    ratio("tl.vb_di_dien_tu", "tt.vb_di_dien_tu", "tt.vb_di", "SHX")
    for L in "SHX":
        ratio("tl.vb_den_xu_ly." + sfx[L], "tt.vb_den_xu_ly", "tt.vb_den", L)
    for L in "SHX":
        dem("dem.chu_ky_so." + sfx[L], "tt.chu_ky_so", L)
    add("tong.chung_thu_so", "sum", exact=total("tt.chung_thu_so", "SHX"))
    ratio("tl.hop_thu", "tt.hop_thu", "ht.cbcc", "SHX")
    ratio("tl.dung_thu", "tt.dung_thu", "ht.cbcc", "SHX")
    for L in "SHX":
        dem("dem.mot_cua_dt." + sfx[L], "tt.mot_cua_dt", L)
    rep = [(u, L) for L in "SHX" for u in lv_units[L] if (u, "tt.pm_chuyen_nganh") in v]
    add("dem.pm_chuyen_nganh", "dem",
        sum(1 for u, _ in rep if v[(u, "tt.pm_chuyen_nganh")] is True), len(rep))
    hs = total("gd.ho_so", "SHX")
    tre = total("gd.ho_so_tre", "SHX")
    add("tong.ho_so", "sum", exact=hs)
    add("tong.ho_so_tre", "sum", exact=tre)
    add("tl.ho_so_tre", "ratio", tre, hs)
    add("tl.ho_so_dung_han", "ratio", hs - tre, hs)
    # defined as 1 - tl.ho_so_tre: keep that float (may differ in the last bit)
    figs[-1]["value"] = 1 - tre / hs
    for ind in ("gd.dvc_muc_3", "gd.dvc_muc_4", "gd.ho_so_muc_3", "gd.ho_so_muc_4",
                "gd.hop_truc_tuyen", "cd.vb_lien_thong"):
        add(ind, "value", exact=v.get((prov, ind)))
    for L in "SH":
        dem("dem.bieu_mau_dt." + sfx[L], "cd.bieu_mau_dt", L)
    return figs


def rankings(ds):
    """{'so': [(rank, code, total_hundredths)], 'huyen': [...]}, plus the
    unranked units per level."""
    v = ds["values"]
    out, unranked = {}, {}
    for level in ("so", "huyen"):
        scored, missing = [], []
        for u in units_of(ds, level):
            if all((u, s) in v for s in SCORES):
                scored.append((sum(v[(u, s)] for s in SCORES), u))
            else:
                missing.append(u)
        scored.sort(key=lambda t: (-t[0], t[1]))
        ranked = []
        for i, (tot, u) in enumerate(scored):
            rank = ranked[-1][0] if ranked and ranked[-1][2] == tot else i + 1
            ranked.append((rank, u, tot))
        out[level] = ranked
        unranked[level] = missing
    return out, unranked


def fig_map(figs):
    return {f["code"]: f for f in figs}


def round_half_up(fr, places):
    """Rounds a Fraction (in percent, say) half up to `places` decimals;
    returns (Decimal rounded, distance from the nearest rounding boundary)."""
    q = Fraction(1, 10 ** places)
    scaled = fr / q
    n = int(scaled + Fraction(1, 2)) if scaled >= 0 else -int(-scaled + Fraction(1, 2))
    frac = scaled - int(scaled)
    margin = abs(frac - Fraction(1, 2)) * q
    return Decimal(n) / (10 ** places), margin


def pct(fig_or_fraction):
    fr = fig_or_fraction["exact"] if isinstance(fig_or_fraction, dict) else fig_or_fraction
    return fr * 100


def describe(f):
    """One line of summary for a figure."""
    if f["kind"] in ("ratio", "dem") and f["den"]:
        p = float(f["exact"] * 100)
        if f["kind"] == "dem":
            return "%-34s %d/%d" % (f["code"], f["num"], f["den"])
        return "%-34s %.4f %%  (%d / %d)" % (f["code"], p, f["num"], f["den"])
    if f["kind"] == "diff":
        return "%-34s %+.4f points" % (f["code"], float(f["exact"] * 100))
    return "%-34s %s" % (f["code"], f["value"])


def float_text(x):
    """A float as a plain decimal (repr, without exponent)."""
    r = repr(x)
    if "e" in r or "E" in r:
        r = ("%.20f" % x).rstrip("0")
        if r.endswith("."):
            r += "0"
    return r
