"""`egreport template` and `egreport validate`, end to end.

The round trip: the forms of tests/cases/small-2021 are written by
`template`, filled in by script with the values of small-2021's CSV
submissions (openpyxl; one of them saved again by LibreOffice), checked by
`validate` (exit 0), and built as the year's only submissions: the figures
and rankings must be those of small-2021's expected files.
"""
import csv
import errno
import os
import re
import resource
import shutil
import signal
import subprocess
import tempfile
import time
import zipfile
import xml.etree.ElementTree as ET

from e2elib import (BIN, CASES, ROOT, check, close, level_code, rankings, read_validation,
                    run, skip, summary_figures, test, tmpdir, workbook)

SMALL = os.path.join(CASES, "small-2021")
SMALL_INPUT = os.path.join(SMALL, "input")
FORMS = ["KT", "KT.DHA", "KT.KTU", "KT.SGDDT", "KT.STH", "KT.STP", "KT.STTTT"]
HEADER = ["STT", "Mã đơn vị", "Mã chỉ tiêu", "Tên chỉ tiêu", "Đơn vị tính", "Giá trị", "Ghi chú"]


def catalogue():
    """layouts/indicators.csv: code -> (type, levels, {option code: label})."""
    out = {}
    with open(os.path.join(ROOT, "layouts", "indicators.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            opts = dict(o.split("=", 1) for o in r["options"].split("|")) if r["options"] else {}
            out[r["code"]] = (r["type"], r["levels"].split(), opts)
    return out


def registry(ydir):
    with open(os.path.join(ydir, "units.csv"), encoding="utf-8") as f:
        return {r["code"]: r for r in csv.DictReader(f)}


def templates(out, *extra, env=None):
    rc, so, se = run(["template", "2021", "--input", SMALL_INPUT, "--output", out] + list(extra),
                     env=env)
    return rc, so, se, os.path.join(out, "2021", "templates")


def form_rows(path):
    """The table of a form: (header row number, [(row, unit, indicator)])."""
    wb = workbook(path)
    ws = wb["Báo cáo"]
    head = None
    rows = []
    for row in ws.iter_rows():
        vals = [c.value for c in row]
        if head is None:
            if vals[:len(HEADER)] == HEADER:
                head = row[0].row
            continue
        if vals[1] and vals[2]:
            rows.append((row[0].row, vals[1], vals[2]))
    check(head is not None, "%s: no header %s" % (path, HEADER))
    return head, rows


def accepted_values():
    """small-2021's accepted values, as a build of its CSV submissions
    lists them on Dữ liệu: {(unit, indicator): (value, note)}."""
    out = tmpdir()
    rc, _, se = run(["build", "2021", "--input", SMALL_INPUT, "--output", out])
    check(rc == 0, "small-2021 does not build: %s" % se[-1000:])
    ws = workbook(os.path.join(out, "2021", "egov-2021.xlsx"))["Dữ liệu"]
    head = [c.value for c in next(ws.iter_rows(min_row=1, max_row=1))]
    col = {n: i for i, n in enumerate(head)}
    values = {}
    for r in ws.iter_rows(min_row=2, values_only=True):
        if r[col["Mã đơn vị"]]:
            values[(r[col["Mã đơn vị"]], r[col["Mã chỉ tiêu"]])] = (r[col["Giá trị"]],
                                                                   r[col["Ghi chú"]])
    shutil.rmtree(out)
    return values


def as_clerk_types(cat, ind, value):
    """What a clerk puts in the cell: có/không and the option's label from
    the drop-downs, numbers as numbers."""
    kind, _, opts = cat[ind]
    if kind == "bool":
        return "có" if value in (1, True, "1") else "không"
    if kind == "enum":
        return opts[value]
    return value


def fill(path, values, cat, used):
    import openpyxl
    wb = openpyxl.load_workbook(path)
    ws = wb["Báo cáo"]
    _, rows = form_rows(path)
    for r, unit, ind in rows:
        if (unit, ind) in values:
            v, note = values[(unit, ind)]
            ws.cell(row=r, column=6).value = as_clerk_types(cat, ind, v)
            if note:
                ws.cell(row=r, column=7).value = note
            used.add((unit, ind))
    wb.save(path)


def libreoffice_resave(path):
    """The file opened and saved again by LibreOffice, as a clerk with
    LibreOffice would send it back (its own profile: a shared one hangs)."""
    work = tempfile.mkdtemp(prefix="egreport-lo-")
    p = subprocess.run(["soffice", "-env:UserInstallation=file://%s/profile" % work, "--headless",
                        "--convert-to", "xlsx", "--outdir", os.path.join(work, "out"), path],
                       capture_output=True, text=True, timeout=300)
    out = os.path.join(work, "out", os.path.basename(path))
    check(p.returncode == 0 and os.path.exists(out), "soffice failed: %s %s" % (p.stdout, p.stderr))
    with zipfile.ZipFile(out) as z:
        check(b"LibreOffice" in z.read("docProps/app.xml"), "not saved by LibreOffice")
    shutil.copyfile(out, path)


def compare_with_expected(out_dir):
    """The figures and rankings of a build against small-2021's expected
    files (as tests/e2e_core.py compares them)."""
    wb = workbook(os.path.join(out_dir, "2021", "egov-2021.xlsx"))
    figs = summary_figures(wb)
    bad = []
    with open(os.path.join(SMALL, "expected-figures.csv"), encoding="utf-8") as f:
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
    rk = [(level_code(r[0]), r[1], r[2], round(float(r[3]), 2)) for r in rankings(wb)]
    with open(os.path.join(SMALL, "expected-ranking.csv"), encoding="utf-8") as f:
        want = [(r["level"], int(r["rank"]), r["unit_code"], float(r["total"]))
                for r in csv.DictReader(f)]
    if rk != want:
        bad.append("ranking %s != %s" % (rk, want))
    check(not bad, "\n  ".join(bad))


# ---- the round trip -----------------------------------------------------------

@test
def template_forms_filled_by_script_and_libreoffice_validate_and_build_the_expected_figures():
    work = tmpdir()
    rc, so, se, tdir = templates(os.path.join(work, "out"))
    check(rc == 0, "template: exit %d: %s" % (rc, se))
    check(sorted(os.listdir(tdir)) == sorted(f + ".xlsx" for f in FORMS),
          "forms written: %s" % sorted(os.listdir(tdir)))
    check("wrote 7 forms" in so, "summary: %r" % so)

    # Filled in as the units would: every accepted value of small-2021.
    values, cat, used = accepted_values(), catalogue(), set()
    ydir = os.path.join(work, "input", "2021")
    shutil.copytree(os.path.join(SMALL_INPUT, "2021"), ydir)
    shutil.rmtree(os.path.join(ydir, "submissions"))
    sub = os.path.join(ydir, "submissions")
    os.makedirs(sub)
    for code in FORMS:
        path = os.path.join(sub, code + ".xlsx")
        shutil.copyfile(os.path.join(tdir, code + ".xlsx"), path)
        fill(path, values, cat, used)
    check(used == set(values), "values with no row in any form: %s" % sorted(set(values) - used)[:5])
    # A district's form (with its communes) goes through LibreOffice.
    libreoffice_resave(os.path.join(sub, "KT.DHA.xlsx"))

    rc, so, se = run(["validate", "--input", os.path.join(work, "input")] +
                     [os.path.join(sub, f + ".xlsx") for f in FORMS])
    check(rc == 0, "validate: exit %d: %s %s" % (rc, so[-3000:], se))
    check(re.search(r"7 files checked against .*: 14 units with values, %d values, 0 errors, "
                    r"0 warnings" % len(values), so), "validate said %r" % so[-500:])

    out = os.path.join(work, "build")
    rc, so, se = run(["build", "2021", "--input", os.path.join(work, "input"), "--output", out])
    check(rc == 0, "build: exit %d: %s" % (rc, se[-2000:]))
    compare_with_expected(out)
    shutil.rmtree(work)


# ---- the forms themselves ----------------------------------------------------

@test
def a_score_form_says_its_maximum_as_the_clerk_writes_it():
    # a maximum of 12.125 is "12,125" in the cell's prompt, as the clerk
    # types it (it read "12.125"), and 12.125 in the check itself
    import openpyxl
    work = tmpdir()
    layouts = os.path.join(work, "layouts")
    shutil.copytree(os.path.join(ROOT, "layouts"), layouts)
    path = os.path.join(layouts, "indicators.csv")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    text = text.replace("diem.hien_dien,Điểm đánh giá: mức độ hiện diện,điểm,score,so huyen,,15,20,",
                        "diem.hien_dien,Điểm đánh giá: mức độ hiện diện,điểm,score,so huyen,,15,12.125,")
    check("12.125" in text, "the layout's line was not found")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    rc, _, se, tdir = templates(os.path.join(work, "out"), "--layouts", layouts, "--unit", "KT.DHA")
    check(rc == 0, se)
    ws = openpyxl.load_workbook(os.path.join(tdir, "KT.DHA.xlsx"))["Báo cáo"]
    head, rows = form_rows(os.path.join(tdir, "KT.DHA.xlsx"))
    row = [r for r, u, k in rows if u == "KT.DHA" and k == "diem.hien_dien"][0]
    v = [v for v in ws.data_validations.dataValidation if "F%d" % row in str(v.sqref).split()][0]
    check(v.prompt == "Nhập điểm từ 0 đến 12,125." and float(v.formula2) == 12.125,
          "prompt %r, maximum %r" % (v.prompt, v.formula2))
    shutil.rmtree(work)


@test
def a_district_form_lists_its_communes_with_locked_codes_unlocked_values_and_dropdowns():
    import openpyxl
    work = tmpdir()
    rc, _, se, tdir = templates(work)
    check(rc == 0, se)
    cat, reg = catalogue(), registry(os.path.join(SMALL_INPUT, "2021"))
    with open(os.path.join(ROOT, "layouts", "indicators.csv"), encoding="utf-8") as f:
        maxima = {r["code"]: r["max_huyen"] for r in csv.DictReader(f)}
    path = os.path.join(tdir, "KT.DHA.xlsx")
    wb = openpyxl.load_workbook(path)
    check(wb.sheetnames == ["Báo cáo", "DanhSach"], "sheets %s" % wb.sheetnames)
    check(wb["DanhSach"].sheet_state == "hidden", "the list sheet is not hidden")
    ws = wb["Báo cáo"]
    check(ws.protection.sheet, "the form is not protected")
    text = " ".join(str(c.value) for row in ws.iter_rows(max_row=4) for c in row if c.value)
    check("Huyện Đăk Hà" in text and "KT.DHA" in text and "2021" in text and "31/12/2021" in text,
          "title rows: %s" % text)

    head, rows = form_rows(path)
    units = ["KT.DHA", "KT.DHA.01", "KT.DHA.02"]
    want = [(u, k) for u in units for k in cat
            if {"huyen" if u == "KT.DHA" else "xa"} & set(cat[k][1])]
    check([(u, k) for _, u, k in rows] == want,
          "rows of the form: %d, expected %d (district then each commune, catalogue order)"
          % (len(rows), len(want)))
    headings = [ws.cell(row=r, column=4).value for r in range(head + 1, rows[-1][0])
                if ws.cell(row=r, column=3).value is None and ws.cell(row=r, column=4).value]
    check(headings == ["%s (%s)" % (reg[u]["name"], u) for u in units], "headings %s" % headings)

    dv = {}
    for v in ws.data_validations.dataValidation:
        for cell in str(v.sqref).split():
            dv[cell] = v
    lists = wb["DanhSach"]
    for r, unit, ind in rows:
        for c in range(1, 8):
            locked = ws.cell(row=r, column=c).protection.locked
            check(locked == (c < 6), "row %d column %d locked=%s" % (r, c, locked))
        kind = cat[ind][0]
        v = dv.get("F%d" % r)
        if kind in ("bool", "enum"):
            check(v is not None and v.type == "list" and v.formula1.startswith("DanhSach!$"),
                  "F%d (%s): no drop-down list on DanhSach" % (r, ind))
            m = re.match(r"DanhSach!\$([A-Z]+)\$(\d+):\$([A-Z]+)\$(\d+)$", v.formula1)
            items = [lists["%s%d" % (m.group(1), i)].value
                     for i in range(int(m.group(2)), int(m.group(4)) + 1)]
            want_items = ["có", "không"] if kind == "bool" else list(cat[ind][2].values())
            check(items == want_items, "%s list %s" % (ind, items))
        elif kind in ("count", "money"):
            check(v is not None and v.type == "whole" and v.operator == "greaterThanOrEqual",
                  "F%d (%s): no whole-number check" % (r, ind))
        elif kind == "score":
            check(v is not None and v.type == "decimal" and v.formula1 == "0" and
                  float(v.formula2) == float(maxima[ind]),
                  "F%d (%s): score check %s" % (r, ind, v and (v.formula1, v.formula2)))
        if kind == "score":
            check(v.prompt == "Nhập điểm từ 0 đến %s." % maxima[ind], "F%d (%s): prompt %r"
                  % (r, ind, v.prompt))
    # No literal list anywhere (libxlsxwriter 1.1.4 overflows past 255 bytes).
    with zipfile.ZipFile(path) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
    check('type="list"' in sheet and '<formula1>"' not in sheet, "a literal list in the form")
    shutil.rmtree(work)


def catalogue_rows():
    """layouts/indicators.csv as its rows, in the catalogue's order."""
    with open(os.path.join(ROOT, "layouts", "indicators.csv"), encoding="utf-8") as f:
        return list(csv.DictReader(f))


def validations(ws):
    """A sheet's data validations by cell: {"F8": DataValidation}."""
    out = {}
    for v in ws.data_validations.dataValidation:
        for cell in str(v.sqref).split():
            out[cell] = v
    return out


def cell_look(c):
    """What a cell shows beyond its value, as a tuple to compare."""
    return (c.font.name, c.font.sz, bool(c.font.b), bool(c.font.i),
            c.fill.fgColor.rgb if c.fill.fill_type == "solid" else None,
            c.border.left.style, c.alignment.horizontal, c.alignment.vertical,
            bool(c.alignment.wrap_text), c.number_format, c.protection.locked)


# (font, size, bold, italic, fill, border, horizontal, vertical, wrap, number format, locked)
TOP = [("Times New Roman", 12, True, False, None, None, "center", "center", False, "General", True),
       ("Times New Roman", 14, True, False, None, None, "center", "center", True, "General", True),
       ("Times New Roman", 12, False, True, None, None, "center", "center", False, "General", True),
       ("Times New Roman", 11, False, False, None, None, None, "center", True, "General", True)]
HEAD = ("Times New Roman", 12, True, False, "FFD9E1F2", "thin", "center", "center", True, "General",
        True)
HEADING = ("Times New Roman", 12, True, False, "FFEDEDED", "thin", None, "center", False,
           "General", True)


def row_look(kind):
    """The look of the 7 cells of an indicator's row: its value cell
    shows a count or a sum of money with thousands' separators."""
    base = ("Times New Roman", 12, False, False)
    plain = base + (None, "thin")
    fill_in = base + ("FFFFF2CC", "thin")
    return [plain + ("center", "center", False, "General", True),     # STT
            plain + (None, "center", False, "General", True),         # Mã đơn vị
            plain + (None, "center", False, "General", True),         # Mã chỉ tiêu
            plain + (None, "center", True, "General", True),          # Tên chỉ tiêu
            plain + ("center", "center", False, "General", True),     # Đơn vị tính
            fill_in + (None, "center", False,
                       "#,##0" if kind in ("count", "money") else "General", False),
            fill_in + (None, "center", True, "General", False)]       # Ghi chú


@test
def a_district_form_shows_its_rows_headings_and_signatures_as_a_clerk_reads_them():
    # What the clerk sees of each row: its number within its block, the
    # unit of measure (có/không for a yes/no), the cells to fill in light
    # yellow and unlocked, a count shown with thousands' separators, a
    # long label on as many lines of 16 points as it takes at 56
    # characters a line; the blocks numbered I, II, III; the signatures
    # a row below the table, bold, their notes in italics.
    import math
    import openpyxl
    work = tmpdir()
    rc, _, se, tdir = templates(work, "--unit", "KT.DHA")
    check(rc == 0, se)
    path = os.path.join(tdir, "KT.DHA.xlsx")
    ws = openpyxl.load_workbook(path)["Báo cáo"]
    cat = {r["code"]: r for r in catalogue_rows()}

    for r in range(1, 5):
        check("A%d:G%d" % (r, r) in [str(m) for m in ws.merged_cells.ranges],
              "row %d is not one cell across the table" % r)
        check(cell_look(ws.cell(row=r, column=1)) == TOP[r - 1],
              "row %d looks %s" % (r, cell_look(ws.cell(row=r, column=1))))
    heights = {r: ws.row_dimensions[r].height for r in range(1, 7)}
    check(heights == {1: None, 2: 40, 3: None, 4: 48, 5: None, 6: None} and
          not any(ws.row_dimensions[r].hidden for r in range(1, 7)),
          "the rows above the table: heights %s" % heights)
    check(ws["A1"].value == "ỦY BAN NHÂN DÂN HUYỆN ĐĂK HÀ", "issuing body %r" % ws["A1"].value)
    check(ws["A2"].value == "BÁO CÁO SỐ LIỆU ỨNG DỤNG CÔNG NGHỆ THÔNG TIN, XÂY DỰNG CHÍNH "
          "QUYỀN ĐIỆN TỬ NĂM 2021", "title %r" % ws["A2"].value)
    for c in range(1, 8):
        check(cell_look(ws.cell(row=6, column=c)) == HEAD,
              "header column %d looks %s" % (c, cell_look(ws.cell(row=6, column=c))))

    head, rows = form_rows(path)
    check(head == 6, "header on row %d" % head)
    by_row = {r: (u, k) for r, u, k in rows}
    block, headings, stt, unit = 0, [], 0, None
    for r in range(head + 1, rows[-1][0] + 1):
        cells = [ws.cell(row=r, column=c) for c in range(1, 8)]
        if r not in by_row:
            block += 1
            headings.append((cells[0].value, cells[3].value))
            for c in cells:
                check(cell_look(c) == HEADING, "heading %s looks %s" % (c.coordinate, cell_look(c)))
            check([c.value for c in cells[1:3] + cells[4:]] == [None] * 5,
                  "heading row %d: %s" % (r, [c.value for c in cells]))
            stt = 0
            continue
        u, k = by_row[r]
        stt = stt + 1 if u == unit else 1
        unit = u
        kind, label = cat[k]["type"], cat[k]["label"]
        check(cells[0].value == stt, "row %d: STT %r, not %d" % (r, cells[0].value, stt))
        check(cells[3].value == label, "row %d: label %r" % (r, cells[3].value))
        check(cells[4].value == (cat[k]["unit"] or ("có/không" if kind == "bool" else None)),
              "row %d (%s): unit of measure %r" % (r, k, cells[4].value))
        check([cell_look(c) for c in cells] == row_look(kind),
              "row %d (%s, %s) looks %s" % (r, k, kind, [cell_look(c) for c in cells]))
        lines = math.ceil(len(label) / 56)
        check(ws.row_dimensions[r].height == (16 * lines if lines > 1 else None),
              "row %d: %d characters of label, height %r" % (r, len(label),
                                                            ws.row_dimensions[r].height))
    check(headings == [("I", "Huyện Đăk Hà (KT.DHA)"), ("II", "Thị trấn Đăk Hà (KT.DHA.01)"),
                       ("III", "Xã Đăk Mar (KT.DHA.02)")], "headings %s" % headings)
    check(any(ws.row_dimensions[r].height == 32 for r in by_row), "no label on two lines")

    last = rows[-1][0]
    check(all(c.value is None for c in ws[last + 1]), "row %d under the table: %s"
          % (last + 1, [c.value for c in ws[last + 1]]))
    sign = [[ws.cell(row=r, column=c) for c in (4, 6)] for r in (last + 2, last + 3)]
    check([[c.value for c in r] for r in sign] ==
          [["NGƯỜI LẬP BIỂU", "THỦ TRƯỞNG ĐƠN VỊ"], ["(Ký, ghi rõ họ tên)", "(Ký tên, đóng dấu)"]],
          "signatures %s" % [[c.value for c in r] for r in sign])
    merged = [str(m) for m in ws.merged_cells.ranges]
    check("F%d:G%d" % (last + 2, last + 2) in merged and "F%d:G%d" % (last + 3, last + 3) in merged,
          "the head's signature is not across Giá trị and Ghi chú: %s" % merged)
    for r, (bold, italic) in zip(sign, ((True, False), (False, True))):
        for c in r:
            check((c.font.b, bool(c.font.i), c.alignment.horizontal) == (bold, italic, "center"),
                  "%s: bold %s, italic %s, %s" % (c.coordinate, c.font.b, c.font.i,
                                                  c.alignment.horizontal))
    check(ws.max_row == last + 3, "rows past the signatures: %d" % ws.max_row)
    shutil.rmtree(work)


@test
def a_form_is_a4_with_its_header_kept_in_sight_and_locked_but_for_resizing():
    # Printed on A4, one page wide and as long as it takes, the header row
    # on every page; the header frozen on screen; the columns as wide as
    # their contents need; the sheet protected without a password, its
    # rows and columns still resizable, the lists' sheet protected too;
    # the document's properties say what the file is.
    import openpyxl
    work = tmpdir()
    rc, _, se, tdir = templates(work)
    check(rc == 0, se)
    wb = openpyxl.load_workbook(os.path.join(tdir, "KT.STP.xlsx"))
    ws = wb["Báo cáo"]
    check(ws["A1"].value == "SỞ TƯ PHÁP", "a department's form is issued by %r" % ws["A1"].value)
    check((ws.page_setup.paperSize, ws.sheet_properties.pageSetUpPr.fitToPage,
           ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) in ((9, True, None, 0),
                                                                    (9, True, 1, 0)),
          "page %s, fit %s, %s x %s" % (ws.page_setup.paperSize,
                                         ws.sheet_properties.pageSetUpPr.fitToPage,
                                         ws.page_setup.fitToWidth, ws.page_setup.fitToHeight))
    check(ws.print_title_rows == "$6:$6" and ws.freeze_panes == "A7",
          "print titles %r, frozen at %r" % (ws.print_title_rows, ws.freeze_panes))
    widths = [round(ws.column_dimensions[c].width - 0.71) for c in "ABCDEFG"]
    check(widths == [6, 14, 25, 58, 13, 18, 30], "column widths %s" % widths)
    p = ws.protection
    check(p.sheet and not p.password and not p.formatColumns and not p.formatRows and
          p.formatCells and p.insertRows and p.deleteRows,
          "protection: sheet %s, password %r, format columns %s rows %s cells %s" %
          (p.sheet, p.password, p.formatColumns, p.formatRows, p.formatCells))
    check(wb["DanhSach"].protection.sheet, "the lists' sheet is not protected")
    check(ws["A7"].value == 1 and ws["C7"].value == "ht.cbcc",
          "a department's form starts with %r %r, not its first row" % (ws["A7"].value,
                                                                       ws["C7"].value))
    props = wb.properties
    check((props.title, props.subject, props.creator, props.keywords, props.category) ==
          ("Biểu mẫu báo cáo Chính quyền điện tử năm 2021: Sở Tư pháp",
           "Số liệu ứng dụng công nghệ thông tin năm 2021 của Sở Tư pháp (KT.STP)", "egreport",
           "Chính quyền điện tử, công nghệ thông tin, biểu mẫu", "Biểu mẫu báo cáo"),
          "properties %r" % ((props.title, props.subject, props.creator, props.keywords,
                              props.category),))
    check(re.fullmatch(r"Lập bằng egreport \S+: điền cột Giá trị và Ghi chú rồi gửi lại; "
                       r"kiểm tra bằng egreport validate\.", props.description or ""),
          "comments %r" % props.description)
    ws = workbook(os.path.join(tdir, "KT.xlsx"))["Báo cáo"]
    check(ws["A1"].value == "ỦY BAN NHÂN DÂN TỈNH KON TUM", "the province's form is issued by %r"
          % ws["A1"].value)
    shutil.rmtree(work)


@test
def each_value_cell_says_what_it_takes_and_stops_what_it_does_not():
    # Every check stops a wrong value (Excel's "Stop", not a warning), is
    # titled with the indicator's code and says what it takes, the same
    # words when the cell is selected and when a value is refused.
    import openpyxl
    work = tmpdir()
    rc, _, se, tdir = templates(work, "--unit", "KT.DHA")
    check(rc == 0, se)
    path = os.path.join(tdir, "KT.DHA.xlsx")
    ws = openpyxl.load_workbook(path)["Báo cáo"]
    dv, cat = validations(ws), {r["code"]: r for r in catalogue_rows()}
    _, rows = form_rows(path)
    prompts = {
        "bool": "Chọn có hoặc không trong danh sách.",
        "enum": "Chọn một mục trong danh sách.",
        "count": "Nhập số nguyên không âm. Để trống nếu không có số liệu.",
        "money": "Nhập số nguyên không âm, tính bằng đồng. Để trống nếu không có số liệu.",
    }
    seen = set()
    for r, unit, ind in rows:
        v, kind = dv.get("F%d" % r), cat[ind]["type"]
        check(v is not None, "F%d (%s): no check" % (r, ind))
        check(v.errorStyle in (None, "stop") and v.showErrorMessage and v.showInputMessage and
              v.errorTitle == "Giá trị không hợp lệ" and v.promptTitle == ind and
              v.prompt == v.error, "F%d (%s): style %s, titles %r %r, prompt %r, error %r" %
              (r, ind, v.errorStyle, v.errorTitle, v.promptTitle, v.prompt, v.error))
        if kind in prompts:
            check(v.prompt == prompts[kind], "F%d (%s): prompt %r" % (r, ind, v.prompt))
        if kind in ("count", "money"):
            check((v.type, v.operator, v.formula1) == ("whole", "greaterThanOrEqual", "0"),
                  "F%d (%s): %s %s %s" % (r, ind, v.type, v.operator, v.formula1))
        seen.add(kind)
    check(seen == {"bool", "enum", "count", "money", "score"}, "kinds of rows %s" % seen)
    shutil.rmtree(work)


@test
def a_catalogue_of_every_kind_gives_each_its_check_and_a_form_the_lists_of_its_units():
    # A catalogue beyond the project's: a number, a percentage, a text,
    # 30 more enums (lists past column Z of DanhSach), an enum of the
    # province alone and one of the communes alone, codes of 32 and 33
    # characters, labels of 56, 57 and 113 characters.  The district's
    # form checks each as its kind says, lists the options of its own
    # units' enums and no other, titles a check with a code Excel shows
    # whole (32 characters at most), and sizes each row to its label.
    import openpyxl
    work = tmpdir()
    layouts = os.path.join(work, "layouts")
    shutil.copytree(os.path.join(ROOT, "layouts"), layouts)
    long32, long33 = "tpl." + "a" * 28, "tpl." + "b" * 29
    extra = [["tpl.so_thap_phan", "Số ngày bình quân", "ngày", "number", "huyen", ""],
             ["tpl.ty_le", "Tỷ lệ thử", "%", "percent", "huyen", ""],
             ["tpl.van_ban", "Ghi chú thử", "", "text", "huyen", ""]]
    extra += [["tpl.lc%02d" % i, "Lựa chọn %d" % i, "", "enum", "huyen",
               "a=Mục A%d|b=Mục B%d" % (i, i)] for i in range(1, 31)]
    extra += [["tpl.chi_tinh", "Chỉ tỉnh", "", "enum", "tinh", "x=Tỉnh X|y=Tỉnh Y"],
              ["tpl.chi_xa", "Chỉ xã", "", "enum", "xa", "m=Xã M|n=Xã N|o=Xã O"],
              [long32, "Mã 32 ký tự", "", "count", "huyen", ""],
              [long33, "Mã 33 ký tự", "", "count", "huyen", ""],
              ["tpl.nhan_56", "n" * 56, "", "count", "huyen", ""],
              ["tpl.nhan_57", "n" * 57, "", "count", "huyen", ""],
              ["tpl.nhan_113", "n" * 113, "", "count", "huyen", ""]]
    with open(os.path.join(layouts, "indicators.csv"), "a", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(r + ["", "", ""] for r in extra)
    rc, _, se, tdir = templates(os.path.join(work, "out"), "--layouts", layouts, "--unit", "KT.DHA")
    check(rc == 0, se)
    path = os.path.join(tdir, "KT.DHA.xlsx")
    wb = openpyxl.load_workbook(path)
    ws, lists = wb["Báo cáo"], wb["DanhSach"]
    dv = validations(ws)
    _, rows = form_rows(path)
    at = {(u, k): r for r, u, k in rows}

    def v(unit, ind):
        return dv.get("F%d" % at[(unit, ind)])

    def items(val):
        m = re.match(r"DanhSach!\$([A-Z]+)\$1:\$\1\$(\d+)$", val.formula1 or "")
        check(m, "list %r" % val.formula1)
        return [lists["%s%d" % (m.group(1), i)].value for i in range(1, int(m.group(2)) + 1)]

    x = v("KT.DHA", "tpl.so_thap_phan")
    check((x.type, x.operator, x.formula1, x.prompt) ==
          ("decimal", "greaterThanOrEqual", "0",
           "Nhập số không âm. Để trống nếu không có số liệu."),
          "number: %s %s %s %r" % (x.type, x.operator, x.formula1, x.prompt))
    x = v("KT.DHA", "tpl.ty_le")
    check((x.type, x.operator or "between", x.formula1, x.formula2, x.prompt) ==
          ("decimal", "between", "0", "100", "Nhập tỷ lệ phần trăm từ 0 đến 100."),
          "percent: %s %s %s %s %r" % (x.type, x.operator, x.formula1, x.formula2, x.prompt))
    check(v("KT.DHA", "tpl.van_ban") is None, "a text has a check")
    for i in range(1, 31):
        check(items(v("KT.DHA", "tpl.lc%02d" % i)) == ["Mục A%d" % i, "Mục B%d" % i],
              "tpl.lc%02d lists %s" % (i, items(v("KT.DHA", "tpl.lc%02d" % i))))
    for u in ("KT.DHA.01", "KT.DHA.02"):
        check(items(v(u, "tpl.chi_xa")) == ["Xã M", "Xã N", "Xã O"], "%s: the communes' enum" % u)
    # A: có, không; then ht.mo_hinh_mot_cua, the 30, tpl.chi_xa; not tpl.chi_tinh
    used = [c[0].column_letter for c in lists.iter_cols(min_row=1, max_row=1) if c[0].value]
    check(len(used) == 33 and used[-1] == "AG" and
          not any(c.value and "Tỉnh" in str(c.value) for row in lists.iter_rows() for c in row),
          "DanhSach's lists: %s" % used)
    check(v("KT.DHA", long32).promptTitle == long32 and v("KT.DHA", long33).promptTitle is None,
          "titles %r %r" % (v("KT.DHA", long32).promptTitle, v("KT.DHA", long33).promptTitle))
    heights = [ws.row_dimensions[at[("KT.DHA", k)]].height
               for k in ("tpl.nhan_56", "tpl.nhan_57", "tpl.nhan_113")]
    check(heights == [None, 32, 48], "heights for 56, 57, 113 characters: %s" % heights)
    # the province's form has its own enum's list
    rc, _, se, tdir = templates(os.path.join(work, "out"), "--layouts", layouts, "--unit", "KT")
    check(rc == 0, se)
    lists = workbook(os.path.join(tdir, "KT.xlsx"))["DanhSach"]
    check(any(c.value == "Tỉnh X" for row in lists.iter_rows() for c in row),
          "the province's enum has no list")
    shutil.rmtree(work)


@test
def unfilled_forms_validate_with_no_problem_but_their_blankness():
    # Every form as written reads without a problem of its own; each says
    # it gives no value (W_NO_VALUES), and nothing else.
    work = tmpdir()
    rc, _, se, tdir = templates(work)
    check(rc == 0, se)
    rc, so, se = run(["validate", tdir, "--input", SMALL_INPUT])
    check(rc == 0, "exit %d: %s %s" % (rc, so[-2000:], se))
    lines = so.strip().splitlines()
    check(lines[-1] ==
          "egreport: validate: 7 files checked against %s/2021/units.csv: 0 units with values, "
          "0 values, 0 errors, 7 warnings" % SMALL_INPUT, "validate said %r" % so)
    check(len(lines) == 8 and all(l.startswith(tdir) and l.endswith("[W_NO_VALUES]")
                                  for l in lines[:-1]), "validate said %r" % so)
    shutil.rmtree(work)


@test
def forms_are_the_same_bytes_every_time_and_carry_source_date_epoch():
    a, b, c = tmpdir(), tmpdir(), tmpdir()
    for d, env in ((a, None), (b, None), (c, {"SOURCE_DATE_EPOCH": "1600000000"})):
        rc, _, se, _ = templates(d, env=env)
        check(rc == 0, se)
    for f in FORMS:
        x = open(os.path.join(a, "2021", "templates", f + ".xlsx"), "rb").read()
        y = open(os.path.join(b, "2021", "templates", f + ".xlsx"), "rb").read()
        check(x == y, "%s differs between two runs" % f)
    created = workbook(os.path.join(a, "2021", "templates", "KT.xlsx")).properties.created
    check(created is not None and (created.year, created.month, created.day) == (2021, 1, 1),
          "created %r, not 1 January 2021" % created)
    created = workbook(os.path.join(c, "2021", "templates", "KT.xlsx")).properties.created
    check(created is not None and (created.year, created.month) == (2020, 9),
          "SOURCE_DATE_EPOCH not used: %r" % created)
    for d in (a, b, c):
        shutil.rmtree(d)


@test
def template_for_one_unit_writes_that_form_alone_and_names_an_unknown_unit():
    work = tmpdir()
    rc, so, se, tdir = templates(work, "--unit", "kt.sth")
    check(rc == 0 and os.listdir(tdir) == ["KT.STH.xlsx"], "exit %d: %s %s" % (rc, so, se))
    # A commune's own form, on request: its rows only.
    rc, so, se, tdir = templates(work, "--unit", "KT.DHA.02")
    check(rc == 0 and sorted(os.listdir(tdir)) == ["KT.DHA.02.xlsx", "KT.STH.xlsx"], se)
    _, rows = form_rows(os.path.join(tdir, "KT.DHA.02.xlsx"))
    cat = catalogue()
    check([k for _, u, k in rows] == [k for k in cat if "xa" in cat[k][1]] and
          {u for _, u, _ in rows} == {"KT.DHA.02"}, "commune form rows %s" % rows[:3])
    rc, so, se, _ = templates(work, "--unit", "KT.STHH")
    check(rc == 2 and "KT.STHH" in se and "did you mean 'KT.STH'" in se, "exit %d: %s" % (rc, se))
    for args in (["template"], ["template", "21"], ["template", "2021", "--unit"],
                 ["template", "2021", "--bogus"], ["template", "2021", "2022"]):
        rc, _, se = run(args)
        check(rc == 2 and se.strip(), "%s: exit %d" % (args, rc))
    rc, _, se = run(["template", "2019", "--input", SMALL_INPUT, "--output", work])
    check(rc == 3 and "F_INPUT" in se, "a year without a folder: exit %d %s" % (rc, se))
    shutil.rmtree(work)


@test
def template_into_the_years_input_folder_is_a_wrong_command_line_that_writes_nothing():
    # --output the input folder itself, or a folder of the year's (through
    # a link too): the forms would land among the inputs (forms.md)
    work = tmpdir()
    inp = os.path.join(work, "in")
    shutil.copytree(SMALL_INPUT, inp)
    os.symlink(os.path.join(inp, "2021"), os.path.join(work, "link"))
    before = sorted(os.walk(inp))
    for out, said in ((inp, "is the same as the input folder"),
                      (os.path.join(inp, "2021", "forms"), "is inside the input folder"),
                      (os.path.join(work, "link", "x"), "is inside the input folder")):
        rc, so, se = run(["template", "2021", "--input", inp, "--output", out])
        check(rc == 2 and said in se and "give --output a folder outside" in se and
              "usage: egreport template" in se and not so, "%s: exit %d %s" % (out, rc, se))
    check(sorted(os.walk(inp)) == before, "something was written into the input folder")
    # a sibling named alike is another folder
    rc, so, se = run(["template", "2021", "--input", inp, "--output", inp + "-out",
                      "--unit", "KT.STP"])
    check(rc == 0 and os.listdir(os.path.join(inp + "-out", "2021", "templates")) ==
          ["KT.STP.xlsx"], "exit %d: %s" % (rc, se))
    shutil.rmtree(work)


@test
def template_that_cannot_write_its_folder_exits_3_and_leaves_no_half_form():
    work = tmpdir()
    blocker = os.path.join(work, "out")
    with open(blocker, "w") as f:
        f.write("a file where the output folder should be")
    rc, so, se = run(["template", "2021", "--input", SMALL_INPUT, "--output", blocker])
    check(rc == 3 and "F_OUTPUT" in se, "exit %d: %s" % (rc, se))
    shutil.rmtree(work)


@test
def template_on_a_full_disk_exits_3_says_why_once_and_leaves_no_half_form():
    # 4 KiB: the first form's file meets the limit.  20 KiB: the forms fit,
    # but a part of one (its sheet's XML, about 30 KiB) does not, in the
    # temporary file the workbook library writes it to and zips it back
    # from without looking: that form would be whole as a file, its sheet
    # cut, had the part's failed write not been seen.
    for limit in (4096, 20480):
        work = tmpdir()
        out = os.path.join(work, "out")

        def small_disk(limit=limit):
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
        rc, so, se = run(["template", "2021", "--input", SMALL_INPUT, "--output", out],
                         preexec=small_disk)
        fatal = [l for l in se.splitlines() if ": fatal: " in l]
        check(rc == 3 and len(fatal) == 1 and "[F_XLSX]" in fatal[0],
              "limit %d: exit %d: %s" % (limit, rc, se))
        # the system's reason, in the message that names the form; not the
        # workbook library's own lines about a temporary file
        check(os.strerror(errno.EFBIG) in fatal[0] and ".tmp" not in se and "[ERROR]" not in se,
              "limit %d: stderr: %s" % (limit, se))
        forms = os.path.join(out, "2021", "templates")
        left = os.listdir(forms) if os.path.isdir(forms) else []
        check(not any(n.startswith(".") for n in left), "half forms left: %s" % left)
        check(limit == 4096 or left, "limit %d: no form before the failure" % limit)
        # standard output names the forms written, and those alone
        check(sorted(so.splitlines()) == sorted(os.path.join(forms, n) for n in left),
              "limit %d: stdout: %s, forms: %s" % (limit, so, left))
        for n in left:                      # what was written is whole
            with zipfile.ZipFile(os.path.join(forms, n)) as z:
                for part in z.namelist():
                    if part.endswith(".xml") or part.endswith(".rels"):
                        ET.fromstring(z.read(part))
            check(fatal[0].split(":")[0] != os.path.join(forms, n), "the failed form is there")
        shutil.rmtree(work)


@test
def template_stopped_by_sigterm_leaves_no_half_form():
    work = tmpdir()
    out = os.path.join(work, "out")
    env = dict(os.environ, EGREPORT_LAYOUTS=os.path.join(ROOT, "layouts"),
               EGREPORT_TEST_STOP="form", EG_VALGRIND_LEAK_CHECK="no")
    p = subprocess.Popen([BIN, "template", "2021", "--input", SMALL_INPUT, "--output", out],
                         env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        said = []
        for line in p.stderr:               # said just before it stops itself
            said.append(line)
            if "test point form reached" in line:
                break
        check(said and "test point form reached" in said[-1], "no test point: %r" % said)
        deadline = time.time() + 60
        while time.time() < deadline:       # stopped, as the kernel sees it
            with open("/proc/%d/stat" % p.pid) as f:
                if f.read().rsplit(")", 1)[1].split()[0] == "T":
                    break
            time.sleep(0.005)
        forms = os.path.join(out, "2021", "templates")
        check([n for n in os.listdir(forms) if n.startswith(".")],
              "no temporary form while it is written: %s" % os.listdir(forms))
        p.send_signal(signal.SIGTERM)
        p.send_signal(signal.SIGCONT)
        rc = p.wait(timeout=60)
    finally:
        if p.poll() is None:
            p.kill()
            p.wait()
    check(rc == -signal.SIGTERM, "exit %d" % rc)
    check(os.listdir(forms) == [], "left behind: %s" % os.listdir(forms))
    shutil.rmtree(work)


@test
def template_removes_forms_a_killed_template_left_but_not_a_running_ones():
    work = tmpdir()
    out = os.path.join(work, "out")
    forms = os.path.join(out, "2021", "templates")
    os.makedirs(forms)
    dead = [".KT.xlsx.tmp", ".KT.xlsx.tmp-99999999", ".KT.DHA.xlsx.tmp-2147483648"]
    kept = [".KT.xlsx.tmp-%d" % os.getpid(),     # a template still writing
            ".KT.xlsx.tmp-1",   # a process that lives, one not ours to signal unless root
            ".KT.xlsx.tmp-abc", ".KT.xlsx.tmp-0", ".KT.xlsx.tmp--5", "ghi-chu.txt"]
    for n in dead + kept:
        with open(os.path.join(forms, n), "w") as f:
            f.write("half a form")
    os.mkdir(os.path.join(forms, ".X.xlsx.tmp-99999999"))   # not a file of ours
    rc, so, se, _ = templates(out)
    check(rc == 0, "exit %d: %s" % (rc, se))
    left = set(os.listdir(forms))
    check(not left & set(dead), "a killed template's forms are left: %s" % sorted(left & set(dead)))
    check(set(kept) | {".X.xlsx.tmp-99999999"} <= left, "removed: %s" %
          sorted(set(kept) - left))
    check(not [n for n in left if n.startswith(".") and n not in kept and
               not n.startswith(".X.")], "its own temporary forms left: %s" % sorted(left))
    shutil.rmtree(work)


@test
def template_run_by_a_user_keeps_a_form_of_a_process_it_may_not_signal():
    """Run as nobody, a form left under the id of a process that lives but
    is not nobody's (1: init) is kept: kill says EPERM, not ESRCH, and the
    process may still be writing it.  Root signals any process, so only
    a run as another user tells the two apart."""
    if os.geteuid() != 0:
        skip("needs root, to run as nobody")
    work = tmpdir()
    out = os.path.join(work, "out")
    forms = os.path.join(out, "2021", "templates")
    os.makedirs(forms)
    for n in (".KT.xlsx.tmp-1", ".KT.xlsx.tmp-99999999"):
        with open(os.path.join(forms, n), "w") as f:
            f.write("half a form")
    for d, _, files in os.walk(work):
        os.chown(d, 65534, 65534)
        for n in files:
            os.chown(os.path.join(d, n), 65534, 65534)

    def drop():
        os.setgroups([])
        os.setgid(65534)
        os.setuid(65534)
    e = dict(os.environ, EGREPORT_LAYOUTS=os.path.join(ROOT, "layouts"))
    p = subprocess.run([BIN, "template", "2021", "--input", SMALL_INPUT, "--output", out,
                        "--unit", "KT.STP"], env=e, capture_output=True, text=True, timeout=120,
                       preexec_fn=drop)
    left = sorted(os.listdir(forms))
    check(p.returncode == 0 and left == [".KT.xlsx.tmp-1", "KT.STP.xlsx"],
          "exit %d: %s %s" % (p.returncode, p.stderr[-1500:], left))
    shutil.rmtree(work)


@test
def template_removes_a_form_left_under_its_own_process_id_by_one_long_dead():
    # A process id comes round again (after a reboot): a leftover bearing
    # this run's own id is a dead one's, since this run has written none.
    # sh execs the program, which keeps the shell's id.
    work = tmpdir()
    forms = os.path.join(work, "2021", "templates")
    os.makedirs(forms)
    e = dict(os.environ, EGREPORT_LAYOUTS=os.path.join(ROOT, "layouts"))
    e.pop("SOURCE_DATE_EPOCH", None)
    p = subprocess.run(["sh", "-c", 'echo half > "$1/.OLD.xlsx.tmp-$$" && exec "$2" template 2021 '
                        '--input "$3" --output "$4" --unit KT.STP', "sh", forms, BIN, SMALL_INPUT,
                        work], env=e, capture_output=True, text=True, timeout=120)
    check(p.returncode == 0 and sorted(os.listdir(forms)) == ["KT.STP.xlsx"],
          "exit %d: %s %s" % (p.returncode, p.stderr, sorted(os.listdir(forms))))
    shutil.rmtree(work)


@test
def template_names_its_forms_without_a_doubled_slash_and_a_broken_registry_by_its_path():
    work = tmpdir()
    rc, so, se = run(["template", "2021", "--input", SMALL_INPUT, "--output", work + "//",
                      "--unit", "KT.STP"])
    check(rc == 0 and so == "%s/2021/templates/KT.STP.xlsx\negreport: template 2021: wrote 1 form "
          "in %s/2021/templates/\n" % (work, work), "exit %d: %r %s" % (rc, so, se))
    # a unit whose parent is not in the registry: exit 3, said at its
    # line of the year's units.csv, no form written
    inp = os.path.join(work, "input")
    shutil.copytree(SMALL_INPUT, inp)
    path = os.path.join(inp, "2021", "units.csv")
    text = open(path, encoding="utf-8").read()
    check("KT.STH.02,Xã Rờ Kơi,xa,KT.STH\n" in text, "small-2021's registry moved")
    open(path, "w", encoding="utf-8").write(text.replace("KT.STH.02,Xã Rờ Kơi,xa,KT.STH",
                                                         "KT.STH.02,Xã Rờ Kơi,xa,KT.XYZ"))
    out = os.path.join(work, "out")
    rc, so, se = run(["template", "2021", "--input", inp, "--output", out])
    check(rc == 3 and re.search(r"^%s:\d+:4: fatal: .*KT\.XYZ.*\[F_UNITS\]$" % re.escape(path), se,
                                re.M) and not so and not os.path.exists(out),
          "exit %d: %r %s" % (rc, so, se))
    shutil.rmtree(work)


@test
def template_takes_its_arguments_at_their_edges_and_names_the_nearest_unit():
    work = tmpdir()
    out = os.path.join(work, "out")
    for args, said in ((["--unit"], "option --unit needs a unit code"),
                       (["--unit", ""], "option --unit needs a unit code"),
                       (["--output", ""], "option --output needs a folder")):
        rc, so, se = run(["template", "2021", "--input", SMALL_INPUT] + args)
        check(rc == 2 and "egreport template: %s" % said in se, "%s: exit %d %s" % (args, rc, se))
    # a unit code is no folder: its '/' is kept, and it is no unit
    rc, so, se, _ = templates(out, "--unit", "KT.STP/")
    check(rc == 2 and "unit 'KT.STP/' is not in the registry" in se, "exit %d: %s" % (rc, se))
    # the nearest code, the first in the registry of those as near
    rc, so, se, _ = templates(out, "--unit", "KT.SX")
    check(rc == 2 and "unit 'KT.SX' is not in the registry (units.csv); did you mean "
          "'KT.STP'?" in se, "exit %d: %s" % (rc, se))
    rc, so, se, _ = templates(out, "--unit", "ABCDEFGH")
    check(rc == 2 and "unit 'ABCDEFGH' is not in the registry (units.csv)\n" in se,
          "exit %d: %s" % (rc, se))
    # near is fewer edits than half the code's length and 2: 5 of KT.QQQQQ's
    # 8 characters is near, 6 of KT.QQQQQQ's 9 is not
    rc, so, se, _ = templates(out, "--unit", "KT.QQQQQ")
    check(rc == 2 and "unit 'KT.QQQQQ' is not in the registry (units.csv); did you mean "
          "'KT.STTTT'?" in se, "exit %d: %s" % (rc, se))
    rc, so, se, _ = templates(out, "--unit", "KT.QQQQQQ")
    check(rc == 2 and "unit 'KT.QQQQQQ' is not in the registry (units.csv)\n" in se,
          "exit %d: %s" % (rc, se))
    # a file where the templates folder goes
    os.makedirs(os.path.join(out, "2021"))
    open(os.path.join(out, "2021", "templates"), "w").close()
    rc, so, se = run(["template", "2021", "--input", SMALL_INPUT, "--output", out,
                      "--unit", "KT.STP"])
    check(rc == 3 and "%s/2021/templates: fatal: cannot make the folder: Not a directory" % out
          in se, "exit %d: %s" % (rc, se))
    os.remove(os.path.join(out, "2021", "templates"))
    os.makedirs(os.path.join(out, "2021", "templates"))
    # a temporary name without a unit's code (".xlsx.tmp-N", "..xlsx.tmp-N"),
    # not hidden, or whose id starts with 0 or is no number, is not a form's; a link is
    # no form; an id past the largest a process can have is a dead one's,
    # whatever it would be cut to
    tdir = os.path.join(out, "2021", "templates")
    kept = [".xlsx.tmp-99999999", "..xlsx.tmp-99999999", ".KT.xlsx.tmp-099999999",
            ".KT.xlsx.tmp-99999999x", "KT.xlsx.tmp-99999999"]
    for n in kept:
        open(os.path.join(tdir, n), "w").close()
    os.symlink("nowhere", os.path.join(tdir, ".L.xlsx.tmp-99999999"))
    kept.append(".L.xlsx.tmp-99999999")
    open(os.path.join(tdir, ".KT.xlsx.tmp-4294967297"), "w").close()
    rc, so, se, _ = templates(out, "--unit", "KT.STP")
    left = os.listdir(tdir)
    check(rc == 0 and set(kept) <= set(left) and ".KT.xlsx.tmp-4294967297" not in left,
          "exit %d: %s %s" % (rc, se, sorted(left)))
    # a folder where a form goes: said, and no temporary form left
    os.makedirs(os.path.join(tdir, "KT.STH.xlsx"))
    rc, so, se, _ = templates(out, "--unit", "KT.STH")
    check(rc == 3 and "%s/KT.STH.xlsx: fatal: cannot write: Is a directory" % tdir in se and
          not [n for n in os.listdir(tdir) if n.startswith(".KT.STH.")],
          "exit %d: %s %s" % (rc, se, sorted(os.listdir(tdir))))
    shutil.rmtree(work)


# ---- validate -------------------------------------------------------------

def small_files(*names):
    return [os.path.join(SMALL_INPUT, "2021", "submissions", n) for n in names]


def case_file(case, name):
    return os.path.join(CASES, case, "files", "submissions", name)


@test
def validate_prints_file_row_column_errors_and_exits_1_writing_nothing():
    work = tmpdir()
    before = sorted(os.listdir(work))
    bad = case_file("bad-values", "zz-faulty.csv")
    rc, so, se = run(["validate", bad, "--input", SMALL_INPUT], cwd=work)
    check(rc == 1, "exit %d: %s" % (rc, se))
    lines = [l for l in so.splitlines() if not l.startswith("egreport:")]
    check(len(lines) == 9, "9 problems expected: %s" % lines)
    check(lines[0] == "%s:2:3: error: '12,5' không phải là số nguyên ≥ 0 (có phần thập phân); "
          "ghi theo dạng 403.086 hoặc 403086 [E_VALUE_COUNT]" % bad, "first line %r" % lines[0])
    codes = [re.search(r"\[([A-Z_0-9]+)\]$", l).group(1) for l in lines]
    check(codes == ["E_VALUE_COUNT", "E_VALUE_COUNT", "E_SCORE_RANGE", "E_VALUE_BOOL",
                    "E_VALUE_ENUM", "E_VALUE_COUNT", "E_VALUE_MONEY", "E_VALUE_COUNT",
                    "E_VALUE_COUNT"], "codes %s" % codes)
    check(all(re.match(re.escape(bad) + r":\d+:3: error: ", l) for l in lines), "format %s" % lines)
    check("9 errors, 0 warnings" in so and "W_NOT_SUBMITTED" not in so, so[-300:])
    check(sorted(os.listdir(work)) == before, "validate wrote something: %s" % os.listdir(work))
    shutil.rmtree(work)


@test
def validate_reports_duplicates_among_its_files_and_own_unit_rules_but_not_level_sums():
    rc, so, _ = run(["validate", "--input", SMALL_INPUT] + small_files("stp.csv") +
                    [case_file("duplicates", "zz-again.csv")])
    check(rc == 1 and re.search(r"zz-again.csv:2:3: warning: .*\[W_DUPLICATE\]", so) and
          re.search(r"zz-again.csv:3:3: error: .*stp.csv:3:3.*\[E_DUPLICATE_CONFLICT\]", so),
          "duplicates: exit %d %s" % (rc, so))
    rc, so, _ = run(["validate", case_file("rule-broken", "stp.csv"), "--input", SMALL_INPUT])
    check(rc == 1 and re.search(r"stp.csv:3:3: error: .*\(47\).*\(45\).*\[R_CBCC_MAY_TINH\]", so),
          "a unit's own rule: exit %d %s" % (rc, so))
    # The department's nl.thcs against the sum over the districts needs the
    # whole year: validate does not judge it (a build does).
    rc, so, _ = run(["validate", case_file("rule-level-sum", "BaoCao_SGDDT_2021.csv"),
                     "--input", SMALL_INPUT])
    check(rc == 0 and "R_THCS_SO_HUYEN" not in so and "0 errors" in so, "level sum: %s" % so)
    # nor with the districts' files beside it, whose sum a build compares
    rc, so, _ = run(["validate", case_file("rule-level-sum", "BaoCao_SGDDT_2021.csv"),
                     "--input", SMALL_INPUT] +
                    small_files("TP_KonTum_2021.csv", "DakHa-2021.csv", "SaThay_BC.csv"))
    check(rc == 0 and "R_THCS_SO_HUYEN" not in so and "4 files checked" in so and
          "0 errors" in so, "level sum with the districts: %s" % so)
    rc, so, _ = run(["validate", case_file("rule-required", "stp.csv"), "--input", SMALL_INPUT])
    check(rc == 0 and so.count("[R_THIEU_CHI_TIEU]") == 2 and "2 warnings" in so,
          "required figures: exit %d %s" % (rc, so))


@test
def validate_takes_a_folder_as_its_files_and_finds_the_only_year():
    rc, so, se = run(["validate", os.path.join(SMALL_INPUT, "2021", "submissions"),
                      "--input", SMALL_INPUT])
    check(rc == 0 and re.search(r"7 files checked against .*: 14 units with values, 415 values, "
                                r"0 errors, 0 warnings", so), "exit %d: %s %s" % (rc, so, se))
    work = tmpdir()
    os.makedirs(os.path.join(work, "2020"))
    os.makedirs(os.path.join(work, "2021"))
    rc, so, se = run(["validate", small_files("stp.csv")[0], "--input", work])
    check(rc == 2 and "2020, 2021" in se and "--year" in se, "two years: exit %d %s" % (rc, se))
    rc, so, se = run(["validate", small_files("stp.csv")[0], "--input", work, "--year", "2021"])
    check(rc == 3 and "F_UNITS" in se, "no units.csv: exit %d %s" % (rc, se))
    shutil.rmtree(work)


@test
def validate_takes_its_arguments_at_their_edges():
    stp = small_files("stp.csv")[0]
    work = tmpdir()
    # a file named like a year is no year folder: the only year is found
    inp = os.path.join(work, "in")
    shutil.copytree(SMALL_INPUT, inp)
    open(os.path.join(inp, "2019"), "w").close()
    rc, so, se = run(["validate", stp, "--input", inp])
    check(rc == 0 and "1 file checked against %s/2021/units.csv" % inp in so,
          "a file named 2019: exit %d %s %s" % (rc, so, se))
    # several years are named in order, whatever the folder's order
    years = os.path.join(work, "years")
    for y in (2023, 2019, 2025, 2018, 2021, 2024, 2020, 2022):
        os.makedirs(os.path.join(years, str(y)))
    rc, so, se = run(["validate", stp, "--input", years])
    check(rc == 2 and "holds several years (2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025): "
          "say which with --year YEAR" in se, "several years: exit %d %s" % (rc, se))
    # --year is four digits from 1900 on
    for bad in ("20211", "1899"):
        rc, so, se = run(["validate", stp, "--input", SMALL_INPUT, "--year", bad])
        check(rc == 2 and "option --year needs a year such as 2020" in se,
              "--year %s: exit %d %s" % (bad, rc, se))
    rc, so, se = run(["validate", stp, "--input", SMALL_INPUT, "--year", "1900"])
    check(rc == 3 and "/1900: fatal: no such folder" in se, "--year 1900: exit %d %s" % (rc, se))
    # --input with no folder is a wrong command line
    rc, so, se = run(["validate", stp, "--input", ""])
    check(rc == 2 and "egreport validate: option --input needs a folder" in se,
          "--input '': exit %d %s" % (rc, se))
    # a folder given with a trailing '/' names its files without a doubled one
    sub = os.path.join(work, "sub")
    os.makedirs(sub)
    shutil.copy(case_file("bad-values", "zz-faulty.csv"), sub)
    rc, so, se = run(["validate", sub + "/", "--input", SMALL_INPUT])
    check(rc == 1 and "%s/zz-faulty.csv:" % sub in so and "//" not in so,
          "a folder with its '/': exit %d %s %s" % (rc, so, se))
    # the problems are listed by file name and row, whatever order the
    # files were given in
    for name in ("b.csv", "a.csv"):
        shutil.copy(case_file("bad-values", "zz-faulty.csv"), os.path.join(work, name))
    rc, so, se = run(["validate", os.path.join(work, "b.csv"), os.path.join(work, "a.csv"),
                      "--input", SMALL_INPUT])
    named = [l.split(":")[0] for l in so.splitlines() if not l.startswith("egreport:")]
    check(rc == 1 and named and named == sorted(named) and named[0].endswith("/a.csv"),
          "two files: exit %d %s" % (rc, so[:600]))
    # past the first 1,000 of a kind in a file, a line counts the rest
    flood = os.path.join(work, "flood.csv")
    with open(flood, "w", encoding="utf-8") as f:
        f.write("unit_code,indicator,value\n" + "KT.STP,ht.cbcc,45\n" * 1200)
    rc, so, se = run(["validate", flood, "--input", SMALL_INPUT])
    check(rc == 0 and so.count("[W_DUPLICATE]") == 1001 and
          "%s: warning: còn 199 cảnh báo W_DUPLICATE khác của tệp này không được liệt kê "
          "(tổng cộng 1.199)" % flood in so, "a flood: exit %d %s" % (rc, so[-600:]))
    # an empty folder beside a file of another kind: neither was a submission
    empty = os.path.join(work, "empty")
    os.makedirs(empty)
    doc = os.path.join(work, "bao-cao.docx")
    open(doc, "w").write("x")
    rc, so, se = run(["validate", empty, doc, "--input", SMALL_INPUT])
    check(rc == 2 and "nothing was checked: no submission file (.csv, .txt, .xlsx or .xls) was "
          "found in what was given (each file is said above)" in se,
          "an empty folder and a .docx: exit %d %s %s" % (rc, so, se))
    # standard output and error into one pipe (a cron log): the summary
    # first, then why nothing was checked
    e = dict(os.environ, EGREPORT_LAYOUTS=os.path.join(ROOT, "layouts"))
    p = subprocess.run([BIN, "validate", empty, "--input", SMALL_INPUT], env=e,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=120)
    lines = p.stdout.splitlines()
    check(p.returncode == 2 and len(lines) == 2 and
          lines[0].startswith("egreport: validate: 0 files checked") and
          lines[1].startswith("egreport validate: nothing was checked"), "one log: %r" % p.stdout)
    # "-" and, after "--", a name like an option are files, not options
    rc, so, se = run(["validate", "--input", SMALL_INPUT, "-", "--", "-x.csv", "--input"],
                     cwd=work)
    check(rc == 2 and "unknown option" not in se and
          re.search(r"^-: error: .*\[E_FILE_READ\]$", so, re.M) and
          re.search(r"^-x\.csv: error: .*\[E_FILE_READ\]$", so, re.M) and
          re.search(r"^--input: error: .*\[E_FILE_READ\]$", so, re.M),
          "exit %d %s %s" % (rc, so, se))
    shutil.rmtree(work)


@test
def validate_says_what_it_cannot_check_and_exits_2_on_a_wrong_command_line():
    work = tmpdir()
    doc = os.path.join(work, "bao-cao.docx")
    open(doc, "w").write("x")
    rc, so, se = run(["validate", doc, os.path.join(work, "missing.csv"), "--input", SMALL_INPUT])
    check(rc == 2 and "%s: error: " % doc in so and "[E_FILE_TYPE]" in so and
          "missing.csv: error: " in so and "[E_FILE_READ]" in so and
          "nothing was checked" in se, "exit %d: %s %s" % (rc, so, se))
    # a spreadsheet of another program is told how to save it as .xlsx,
    # in a build as in validate; a .docx is not
    check("Lưu thành" not in so, "advice for a .docx: %s" % so)
    ods = os.path.join(work, "bao-cao.ods")
    open(ods, "w").write("x")
    rc, so, se = run(["validate", ods, "--input", SMALL_INPUT])
    check(rc == 2 and "bao-cao.ods: error: không phải tệp báo cáo (.csv, .txt, .xlsx hoặc .xls): không "
          "kiểm tra được tệp này; bảng tính LibreOffice Calc (.ods) không được đọc: mở tệp, chọn "
          "Tệp → Lưu thành (File → Save As), kiểu tệp 'Excel 2007-365 (.xlsx)', rồi gửi tệp "
          ".xlsx [E_FILE_TYPE]" in so, "exit %d: %s %s" % (rc, so, se))
    inp = os.path.join(work, "input")
    shutil.copytree(SMALL_INPUT, inp)
    shutil.copy(ods, os.path.join(inp, "2021", "submissions", "KT.STP.xlsm"))
    rc, so, se = run(["build", "2021", "--input", inp, "--output", os.path.join(work, "out")])
    said = [r["message"] for r in read_validation(os.path.join(work, "out", "2021",
                                                               "validation.csv"))
            if r["code"] == "W_FILE_IGNORED"]
    check(said == ["không phải tệp báo cáo (.csv, .txt, .xlsx hoặc .xls); bảng tính Excel có macro hoặc "
                   "dạng nhị phân (.xlsm, .xlsb) không được đọc: mở tệp bằng Excel, chọn Lưu thành "
                   "(Save As), kiểu tệp 'Excel Workbook (.xlsx)', rồi gửi tệp .xlsx; tệp bị bỏ "
                   "qua"], "build: %s" % said)
    # a name mistyped without its ending is said not to exist, not to be
    # of another kind
    rc, so, se = run(["validate", os.path.join(work, "baocao"), "--input", SMALL_INPUT])
    check(rc == 2 and "baocao: error: " in so and "[E_FILE_READ]" in so and
          "[E_FILE_TYPE]" not in so, "exit %d: %s %s" % (rc, so, se))
    # beside a file that is read, each is an error of that file
    rc, so, se = run(["validate", doc] + small_files("stp.csv") + ["--input", SMALL_INPUT])
    check(rc == 1 and "[E_FILE_TYPE]" in so and "1 file checked" in so and
          "nothing was checked" not in se, "exit %d: %s %s" % (rc, so, se))
    for args in (["validate"], ["validate", "--year", "20x1", "a.csv"], ["validate", "a.csv", "--bogus"],
                 ["validate", "a.csv", "--input"]):
        rc, _, se = run(args)
        check(rc == 2 and se.strip(), "%s: exit %d" % (args, rc))
    rc, _, se = run(["validate", "a.csv", "--input", work])
    check(rc == 2 and "no year folder" in se, "no year: exit %d %s" % (rc, se))
    shutil.rmtree(work)


@test
def validate_of_nothing_to_read_is_no_success_and_says_why():
    # "no error" must never mean "not read": a folder empty or of files of
    # other kinds, or a file of another kind, checks nothing: exit 2, as
    # validate without FILE
    work = tmpdir()
    empty = os.path.join(work, "empty")
    other = os.path.join(work, "other")
    os.makedirs(empty)
    os.makedirs(other)
    for name in ("BaoCao.ods", "BaoCao.xlsm", "BaoCao.pdf"):
        open(os.path.join(other, name), "w").write("x")
    rc, so, se = run(["validate", empty, "--input", SMALL_INPUT])
    check(rc == 2 and "0 files checked" in so and
          "nothing was checked: the folder '%s' is empty" % empty in se,
          "empty folder: exit %d: %s %s" % (rc, so, se))
    rc, so, se = run(["validate", other, "--input", SMALL_INPUT])
    check(rc == 2 and so.count("[W_FILE_IGNORED]") == 3 and "0 files checked" in so and
          "nothing was checked: no submission file" in se and "each file is said above" in se,
          "a folder of other kinds: exit %d: %s %s" % (rc, so, se))
    rc, so, se = run(["validate", os.path.join(other, "BaoCao.ods"), "--input", SMALL_INPUT])
    check(rc == 2 and "[E_FILE_TYPE]" in so and "nothing was checked" in se,
          "one file of another kind: exit %d: %s %s" % (rc, so, se))
    # a folder that cannot be read is said so, not said to be empty (as
    # nobody when root, since root reads anywhere)
    locked = os.path.join(work, "locked")
    os.makedirs(locked)
    shutil.copy(small_files("stp.csv")[0], locked)
    os.chmod(work, 0o755)
    os.chmod(locked, 0o311)
    e = dict(os.environ, EGREPORT_LAYOUTS=os.path.join(ROOT, "layouts"))
    e.pop("SOURCE_DATE_EPOCH", None)
    drop = None
    if os.geteuid() == 0:
        def drop():
            os.setgroups([])
            os.setgid(65534)
            os.setuid(65534)
    p = subprocess.run([BIN, "validate", locked, "--input", SMALL_INPUT], env=e,
                       capture_output=True, text=True, timeout=120, preexec_fn=drop)
    os.chmod(locked, 0o755)
    check(p.returncode == 2 and "không đọc được thư mục" in p.stdout and
          "is empty" not in p.stderr and "each file is said above" in p.stderr,
          "a folder that cannot be read: exit %d: %s %s" % (p.returncode, p.stdout, p.stderr))
    # a folder with one submission among them is checked as before
    shutil.copy(small_files("stp.csv")[0], other)
    rc, so, se = run(["validate", other, "--input", SMALL_INPUT])
    check(rc == 0 and "1 file checked" in so and "3 warnings" in so and not se,
          "a submission among them: exit %d: %s %s" % (rc, so, se))
    shutil.rmtree(work)


def form_instead_of_csv(unit, csv_name):
    """A copy of small-2021 whose unit sends its form, as the template
    writes it, in place of its CSV: (work, input folder, submissions)."""
    work = tmpdir()
    inp = os.path.join(work, "input")
    shutil.copytree(SMALL_INPUT, inp)
    rc, _, se, tdir = templates(os.path.join(work, "t"), "--unit", unit)
    check(rc == 0, se)
    sub = os.path.join(inp, "2021", "submissions")
    os.remove(os.path.join(sub, csv_name))
    shutil.copy(os.path.join(tdir, unit + ".xlsx"), os.path.join(sub, unit + ".xlsx"))
    return work, inp, sub


@test
def a_form_sent_back_blank_is_said_and_its_units_are_not_submitted():
    # The district's form, as the template writes it, in place of its
    # filled file: it names the district and its communes in every row and
    # gives no value.  validate says so (exit 0: a warning); a build counts
    # those units as not submitted, where it counted them as sent.
    work, inp, sub = form_instead_of_csv("KT.DHA", "DakHa-2021.csv")
    rc, so, se = run(["validate", os.path.join(sub, "KT.DHA.xlsx"), "--input", inp])
    check(rc == 0 and "nhưng không dòng nào có giá trị (biểu mẫu gửi lại còn trống?)" in so and
          "[W_NO_VALUES]" in so and "0 units with values" in se + so, "validate: %s %s" % (so, se))
    out = os.path.join(work, "out")
    rc, so, se = run(["build", "2021", "--input", inp, "--output", out])
    check(rc in (0, 1), se)
    rows = read_validation(os.path.join(out, "2021", "validation.csv"))
    blank = [r for r in rows if r["code"] == "W_NO_VALUES"]
    check(len(blank) == 1 and blank[0]["file"] == "submissions/KT.DHA.xlsx", "W_NO_VALUES: %s"
          % blank)
    missing = {r["unit"] for r in rows if r["code"] == "W_NOT_SUBMITTED"}
    dha = {c for c in registry(os.path.join(inp, "2021")) if c == "KT.DHA" or
           c.startswith("KT.DHA.")}
    check(dha and missing == dha, "not submitted: %s, the district's units: %s" % (missing, dha))


@test
def a_required_value_left_blank_in_a_form_is_said_at_its_row_and_value_cell():
    # KT.STP's form filled with its values but ht.cbcc's and ht.wan's cells
    # left empty: the required-value warnings point at those rows' Giá trị
    # cell (column 6, as the clerk sees it), not at the file alone; a value
    # the unit's CSV (long form, no such row) leaves out is still filed at
    # the file.
    work, inp, sub = form_instead_of_csv("KT.STP", "stp.csv")
    values, cat = accepted_values(), catalogue()
    kept = {k: v for k, v in values.items() if k[0] != "KT.STP" or k[1] not in ("ht.cbcc", "ht.wan")}
    check(len(kept) == len(values) - 2, "KT.STP gives ht.cbcc and ht.wan in small-2021")
    form = os.path.join(sub, "KT.STP.xlsx")
    fill(form, kept, cat, set())
    _, rows = form_rows(form)
    at = {ind: r for r, unit, ind in rows if unit == "KT.STP"}
    rc, so, se = run(["validate", form, "--input", inp])
    for ind in ("ht.cbcc", "ht.wan"):
        want = "KT.STP.xlsx:%d:6: warning: Đơn vị đã nộp báo cáo nhưng bỏ trống chỉ tiêu %s (" % (
            at[ind], ind)
        check(any(want in l and l.endswith("[R_THIEU_CHI_TIEU]") for l in so.splitlines()),
              "validate lacks %r:\n%s" % (want, so))
    out = os.path.join(work, "out")
    rc, so, se = run(["build", "2021", "--input", inp, "--output", out])
    check(rc in (0, 1), se)
    got = {(r["indicator"], r["file"], r["row"], r["column"])
           for r in read_validation(os.path.join(out, "2021", "validation.csv"))
           if r["code"] == "R_THIEU_CHI_TIEU" and r["unit"] == "KT.STP"}
    check(got == {("ht.cbcc", "submissions/KT.STP.xlsx", str(at["ht.cbcc"]), "6"),
                  ("ht.wan", "submissions/KT.STP.xlsx", str(at["ht.wan"]), "6")},
          "validation.csv: %s" % sorted(got))
    shutil.rmtree(work)


@test
def last_years_form_sent_again_is_said_to_be_of_its_year():
    # KT.STP's 2021 form, filled, sent for 2022: its titles say NĂM 2021
    # (the template wrote them), and validate for 2022 says so, once, with
    # the cell; for 2021 it says nothing.
    work, inp, sub = form_instead_of_csv("KT.STP", "stp.csv")
    form = os.path.join(sub, "KT.STP.xlsx")
    fill(form, accepted_values(), catalogue(), set())
    shutil.copytree(os.path.join(inp, "2021"), os.path.join(inp, "2022"))
    rc, so, se = run(["validate", form, "--input", inp, "--year", "2022"])
    said = [l for l in so.splitlines() if "[W_TITLE_YEAR]" in l]
    check(len(said) == 1 and re.search(r"KT\.STP\.xlsx: warning: tiêu đề của tệp \(ô A\d+: '[^']*"
                                       r"NĂM 2021[^']*'\) ghi năm 2021, không phải năm 2022 đang "
                                       r"tổng hợp: có phải đã gửi nhầm báo cáo năm 2021 không\?",
                                       said[0]), "validate 2022: %s" % so[-1500:])
    rc, so, se = run(["validate", form, "--input", inp, "--year", "2021"])
    check("W_TITLE_YEAR" not in so, "validate 2021: %s" % so[-1500:])
    shutil.rmtree(work)


@test
def validate_speaks_of_columns_by_their_vietnamese_names_and_forgives_unseen_characters():
    # What a clerk reads of a file without the header, an empty one, a
    # header naming the value's column twice; a code copied with a
    # zero-width space reads as the code.
    work = tmpdir()
    files = {
        "a-none.csv": "a,b\n1,2\n",
        "b-empty.csv": "",
        "c-twice.csv": "Mã đơn vị,Mã chỉ tiêu,Số liệu,Giá trị\nKT.STP,ht.cbcc,40,45\n",
        "d-unseen.csv": "Mã đơn vị,Mã chỉ tiêu,Giá trị\nKT.STP\u200b,\ufeffht.cbcc,45\n",
    }
    for name, text in files.items():
        with open(os.path.join(work, name), "w", encoding="utf-8") as f:
            f.write(text)
    rc, so, se = run(["validate", work, "--input", SMALL_INPUT])
    check(rc == 1, "exit %d: %s %s" % (rc, so, se))
    want = [
        "a-none.csv: error: không tìm thấy dòng tiêu đề ghi tên các cột Mã đơn vị (hoặc Tên "
        "đơn vị), Mã chỉ tiêu, Giá trị; đã tìm trong 20 dòng đầu tiên [E_NO_HEADER]",
        "b-empty.csv: error: tệp trống (0 byte): lưu lại báo cáo rồi gửi lại [E_NO_HEADER]",
        "c-twice.csv:1:4: error: dòng tiêu đề có hai cột cùng là cột 'Giá trị': cột 3 "
        "('Số liệu') và cột 4 ('Giá trị'); không có số liệu nào được đọc",
    ]
    for w in want:
        check(any(w in l for l in so.splitlines()), "validate lacks %r:\n%s" % (w, so))
    check(not [l for l in so.splitlines() if "d-unseen.csv" in l and ": error:" in l] and
          "1 unit with values, 1 value, 3 errors" in so, "the code with unseen characters: %s" % so)
    shutil.rmtree(work)


@test
def validate_says_nothing_of_units_not_submitted_however_many():
    # A registry of 1,200 more communes, none of which sent anything: a
    # build would name them (W_NOT_SUBMITTED, past the cap of a file's
    # flood); validate checks the files it is given, and said "… 1.2xx
    # more W_NOT_SUBMITTED warnings" all the same.
    work = tmpdir()
    inp = os.path.join(work, "input")
    shutil.copytree(SMALL_INPUT, inp)
    with open(os.path.join(inp, "2021", "units.csv"), "a", encoding="utf-8") as f:
        for k in range(1200):
            f.write("KT.STH.%04d,Xã thứ %d,xa,KT.STH\n" % (100 + k, k))
    rc, so, se = run(["validate", os.path.join(inp, "2021", "submissions", "stp.csv"),
                      "--input", inp])
    check(rc == 0 and "W_NOT_SUBMITTED" not in so + se and "0 errors, 0 warnings" in so,
          "exit %d: %s %s" % (rc, so[-600:], se[-300:]))
    shutil.rmtree(work)


@test
def template_with_last_years_report_csv_warns_and_prints_no_past_deadline():
    # A new year's folder made by copying last year's: report.csv still
    # says deadline 2020-12-31.  status and build warn (W_REPORT_DATE);
    # template printed "Hạn gửi: 31/12/2020" on every 2021 form, and said
    # nothing.  It now warns on stderr, as status does, and leaves the
    # past deadline out of the forms (exit 0: a warning).
    work = tmpdir()
    inp = os.path.join(work, "input")
    shutil.copytree(SMALL_INPUT, inp)
    rpt = os.path.join(inp, "2021", "report.csv")
    text = open(rpt, encoding="utf-8").read()
    check("deadline,2021-12-31\n" in text, "small-2021's deadline moved")
    rc, so, se = run(["template", "2021", "--input", inp, "--output", work, "--unit", "KT.STH"])
    form = os.path.join(work, "2021", "templates", "KT.STH.xlsx")
    guide = workbook(form)["Báo cáo"]["A4"].value
    check(rc == 0 and "W_REPORT_DATE" not in se and "Hạn gửi: 31/12/2021." in guide,
          "this year's deadline: exit %d %s %r" % (rc, se, guide))
    open(rpt, "w", encoding="utf-8").write(text.replace("deadline,2021-12-31", "deadline,2020-12-31")
                                           .replace("issued_on,2022-01-14", "issued_on,2021-01-15"))
    rc, so, se = run(["template", "2021", "--input", inp, "--output", work, "--unit", "KT.STH"])
    guide = workbook(form)["Báo cáo"]["A4"].value
    check(rc == 0 and re.search(r"report\.csv:\d+:2: warning: .*2020-12-31.*\[W_REPORT_DATE\]", se),
          "last year's deadline not said: exit %d %r" % (rc, se))
    check("Hạn gửi" not in guide and "2020" not in guide, "the form says %r" % guide)
    check("KT.STH.xlsx" in so and "W_REPORT_DATE" not in so, "stdout: %r" % so)
    # standard output and error into one pipe (a cron log): the form and
    # the summary first, the warning under them
    e = dict(os.environ, EGREPORT_LAYOUTS=os.path.join(ROOT, "layouts"))
    e.pop("SOURCE_DATE_EPOCH", None)
    p = subprocess.run([BIN, "template", "2021", "--input", inp, "--output", work, "--unit",
                        "KT.STH"], env=e, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       text=True, timeout=120)
    # under ASan, LeakSanitizer's list of suppressions used ends the log
    lines = p.stdout.split("\n" + "-" * 53 + "\nSuppressions used:")[0].splitlines()
    check(p.returncode == 0 and len(lines) == 3 and lines[0].endswith("/KT.STH.xlsx") and
          lines[1] == "egreport: template 2021: wrote 1 form in %s/2021/templates/" % work and
          "[W_REPORT_DATE]" in lines[2], "one log: %r" % p.stdout)
    shutil.rmtree(work)


@test
def template_with_a_report_csv_the_build_refuses_prints_no_deadline():
    # A deadline that is no date (month 13): the build stops on it
    # (F_REPORT); template, which goes without report.csv, read its keys
    # all the same and printed "Hạn gửi: 45/13/2021." on every form, and
    # said nothing of it.
    work = tmpdir()
    inp = os.path.join(work, "input")
    shutil.copytree(SMALL_INPUT, inp)
    rpt = os.path.join(inp, "2021", "report.csv")
    text = open(rpt, encoding="utf-8").read()
    check("deadline,2021-12-31\n" in text, "small-2021's deadline moved")
    open(rpt, "w", encoding="utf-8").write(text.replace("deadline,2021-12-31",
                                                        "deadline,2021-13-45"))
    rc, _, se = run(["status", "2021", "--input", inp])
    check(rc == 3 and "[F_REPORT]" in se, "status: exit %d %r" % (rc, se))
    rc, _, se = run(["template", "2021", "--input", inp, "--output", work, "--unit", "KT.STH"])
    check(rc == 0, "template: exit %d %s" % (rc, se))
    # said why, as a warning (the build's words): the forms still go out
    said = [l for l in se.splitlines() if "[F_REPORT]" in l]
    check(said == ["report.csv:8:2: warning: key 'deadline' must be a real day written "
                   "YYYY-MM-DD (as 2021-01-15), not '2021-13-45'; the forms go without a "
                   "deadline [F_REPORT]"], se)
    guide = workbook(os.path.join(work, "2021", "templates", "KT.STH.xlsx"))["Báo cáo"]["A4"].value
    check("Hạn gửi" not in guide and "13" not in guide, "the form says %r" % guide)
    # without report.csv, the forms go without a deadline, without a word
    # (under ASan, but LeakSanitizer's list of suppressions used)
    os.remove(rpt)
    rc, so, se = run(["template", "2021", "--input", inp, "--output", work, "--unit", "KT.STH"])
    said = se.split("-" * 53 + "\nSuppressions used:")[0]
    check(rc == 0 and said == "", "template without report.csv: exit %d %r" % (rc, se))
    shutil.rmtree(work)


@test
def validate_passes_over_an_excel_lock_file_named_by_a_glob():
    # Excel keeps "~$NAME.xlsx" beside a workbook while it is open, and
    # `egreport validate *.xlsx` names it: it was read as a workbook
    # (E_XLSX_NOT_ZIP, exit 1) where a build passes over it without a
    # word.  Now a warning (W_FILE_IGNORED), the other files checked.
    work = tmpdir()
    form = os.path.join(work, "stp.csv")
    shutil.copyfile(os.path.join(SMALL_INPUT, "2021", "submissions", "stp.csv"), form)
    lock = os.path.join(work, "~$stp.xlsx")
    with open(lock, "wb") as f:
        f.write(b"\x0cNguyen Van A" + b" " * 41 + b"\x00" * 110)
    rc, so, se = run(["validate", form, lock, "--input", SMALL_INPUT])
    check(rc == 0 and "E_XLSX_NOT_ZIP" not in so and
          re.search(r"~\$stp\.xlsx: warning: .*\[W_FILE_IGNORED\]", so) and
          so.endswith("\negreport: validate: 1 file checked against %s/2021/units.csv: 1 unit "
                      "with values, 37 values, 0 errors, 1 warning\n" % SMALL_INPUT),
          "exit %d: %s %s" % (rc, so, se))
    # alone, nothing was checked (exit 2), as for any file passed over
    rc, so, se = run(["validate", lock, "--input", SMALL_INPUT])
    check(rc == 2 and "nothing was checked" in se and "E_XLSX_NOT_ZIP" not in so,
          "alone: exit %d: %s %s" % (rc, so, se))
    # a name of that shape that is not there is a mistyped name, said as
    # any other (E_FILE_READ), not a lock file
    rc, so, se = run(["validate", form, os.path.join(work, "~$gone.xlsx"), "--input", SMALL_INPUT])
    check(rc == 1 and re.search(r"~\$gone\.xlsx: error: .*\[E_FILE_READ\]", so) and
          "W_FILE_IGNORED" not in so, "a missing ~$ name: exit %d: %s %s" % (rc, so, se))
    shutil.rmtree(work)
