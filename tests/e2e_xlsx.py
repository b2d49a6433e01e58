"""Submissions as Excel workbooks (XLSX), end to end.

- The submissions of tests/cases/small-2021 as CSV, as XLSX written by
  openpyxl and as those workbooks saved again by LibreOffice give the same
  accepted values, the same problems and the same figures.  (XLSX written
  by libxlsxwriter is compared with the CSV in tests/unit/test_xlsx.c.)
- An error cell or an unsaved formula in the value column is an error at
  that cell.
- Merged cells read as the clerk sees them: a form with a two-row header
  merged down and a unit's code merged down its rows gives what the same
  rows typed out in a CSV give, as XLSX and as XLS; a value merged over two
  rows is E_VALUE_MERGED and neither row has a value, while a value merged
  over one indicator's rows (a tall row) is its own; a header's "Giá trị"
  merged across last year's and this year's columns is E_NO_HEADER.
- A corpus of hostile files, generated here at test time (the zip bomb is
  never committed), each gives its own error in validation.csv, and no
  build of one takes more than 64 MB of memory or a second.
"""
import csv
import io
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib

from e2elib import (BIN, CASES, ROOT, Failure, build, check, read_validation, run,
                    summary_figures, test, tmpdir, workbook)

SMALL = os.path.join(CASES, "small-2021", "input", "2021")
INDICATOR_HEADERS = {"mã chỉ tiêu", "ma_chi_tieu", "indicator"}
VALUE_HEADERS = {"giá trị", "gia_tri", "value", "số liệu"}

# The limits the issue fixes for one hostile file (not speed benchmarks).
MAX_RSS_KB = 64 * 1024
MAX_SECONDS = 1.0


# ---- a CSV submission as a clerk would type it in a spreadsheet ------------

def read_submission_csv(path):
    """The rows of a submission CSV, split with the delimiter that makes a
    header of one of its first 20 rows."""
    with open(path, encoding="utf-8-sig", newline="") as f:
        raw = f.read()
    for delim in (",", ";", "\t"):
        rows = list(csv.reader(io.StringIO(raw, newline=""), delimiter=delim))
        for i, r in enumerate(rows[:20]):
            if any(c.strip().lower() in INDICATOR_HEADERS for c in r):
                return rows, i
    raise Failure("no header in %s" % path)


def typed(text):
    """What a spreadsheet holds once a clerk types text: whole numbers (also
    grouped, 1.240) and decimals with a comma (36,5) become numbers."""
    s = text.strip()
    if not s:
        return None
    if re.fullmatch(r"0|[1-9]\d*", s):
        return int(s)
    if re.fullmatch(r"[1-9]\d{0,2}(\.\d{3})+", s):
        return int(s.replace(".", ""))
    if re.fullmatch(r"\d+,\d+", s):
        return float(s.replace(",", "."))
    return s


def write_openpyxl(csv_path, xlsx_path):
    """The CSV as a workbook: a hidden list sheet first, the report on a
    sheet named "Báo cáo", numbers as numbers, title rows merged across the
    table, and a total row with a formula (openpyxl saves no result)."""
    import openpyxl
    rows, hdr = read_submission_csv(csv_path)
    width = max(len(r) for r in rows)
    wb = openpyxl.Workbook()
    lists = wb.active
    lists.title = "DanhMuc"
    lists["A1"] = "có"
    lists["A2"] = "không"
    lists.sheet_state = "hidden"
    ws = wb.create_sheet("Báo cáo")
    for i, r in enumerate(rows, 1):
        cells = [typed(v) for v in r]
        for j, v in enumerate(cells, 1):
            if v is not None:
                ws.cell(row=i, column=j, value=v)
        if i <= hdr and len(cells) > 1 and cells[0] is not None and all(
                c is None for c in cells[1:]):
            ws.merge_cells(start_row=i, start_column=1, end_row=i, end_column=width)
    vcol = [k for k, c in enumerate(rows[hdr], 1) if c.strip().lower() in VALUE_HEADERS][0]
    letter = openpyxl.utils.get_column_letter(vcol)
    total = len(rows) + 2
    ws.cell(row=total, column=1, value="Tổng cộng")
    ws.cell(row=total, column=vcol, value="=SUM(%s%d:%s%d)" % (letter, hdr + 2, letter, len(rows)))
    wb.save(xlsx_path)


def libreoffice_save(src_dir, out_dir):
    """Every workbook of src_dir opened and saved again by LibreOffice, with
    a profile of its own (a shared one makes soffice refuse or hang)."""
    profile = tempfile.mkdtemp(prefix="egreport-lo-")
    files = sorted(os.path.join(src_dir, f) for f in os.listdir(src_dir) if f.endswith(".xlsx"))
    p = subprocess.run(["soffice", "-env:UserInstallation=file://" + profile, "--headless",
                        "--convert-to", "xlsx", "--outdir", out_dir] + files,
                       capture_output=True, text=True, timeout=300)
    check(p.returncode == 0, "soffice failed: %s %s" % (p.stdout, p.stderr))
    for f in files:
        out = os.path.join(out_dir, os.path.basename(f))
        check(os.path.exists(out), "LibreOffice did not write %s: %s" % (out, p.stdout))
        with zipfile.ZipFile(out) as z:
            check(b"LibreOffice" in z.read("docProps/app.xml"), "%s not saved by LibreOffice" % out)


def table_sheet(ws, code, value):
    """A sheet of one report's table: the header and code's ht.cbcc."""
    ws.append(["Mã đơn vị", "Mã chỉ tiêu", "Giá trị"])
    ws.append([code, "ht.cbcc", value])


def libreoffice_xls(paths, out_dir):
    """Each workbook of paths saved by LibreOffice as .xls into out_dir
    (a profile of its own, as libreoffice_save)."""
    profile = tempfile.mkdtemp(prefix="egreport-lo-")
    p = subprocess.run(["soffice", "-env:UserInstallation=file://" + profile, "--headless",
                        "--convert-to", "xls", "--outdir", out_dir] + list(paths),
                       capture_output=True, text=True, timeout=300)
    for path in paths:
        xls = os.path.join(out_dir, os.path.splitext(os.path.basename(path))[0] + ".xls")
        check(p.returncode == 0 and os.path.exists(xls),
              "soffice failed: %s %s" % (p.stdout, p.stderr))


def outcome(out_dir, year):
    """What a build gave, with file extensions left out (.csv or .xlsx):
    the accepted values (Dữ liệu), the problems and the figures."""
    wb = workbook(os.path.join(out_dir, str(year), "egov-%d.xlsx" % year))
    ws = wb["Dữ liệu"]
    head = [c.value for c in next(ws.iter_rows(min_row=1, max_row=1))]
    col = {n: i for i, n in enumerate(head)}
    values = sorted((r[col["Mã đơn vị"]], r[col["Mã chỉ tiêu"]], r[col["Giá trị"]],
                     os.path.splitext(r[col["Tệp"]])[0], r[col["Dòng"]])
                    for r in ws.iter_rows(min_row=2, values_only=True) if r[col["Mã đơn vị"]])
    problems = sorted((v["severity"], v["code"], os.path.splitext(v["file"])[0], v["row"],
                       v["column"], v["unit"], v["indicator"])
                      for v in read_validation(os.path.join(out_dir, str(year), "validation.csv")))
    return values, problems, summary_figures(wb)


def build_for_stp(work, form):
    """The small 2021 year with the department KT.STP's stp.csv replaced
    by the workbook form (a path), built into a folder of its own under
    work: exit, stderr, KT.STP's accepted values (unit, indicator, value)
    and validation.csv's rows (None and None when nothing was written)."""
    name = os.path.basename(form)
    ydir = os.path.join(work, name, "2021")
    shutil.copytree(SMALL, ydir)
    os.remove(os.path.join(ydir, "submissions", "stp.csv"))
    shutil.copy(form, os.path.join(ydir, "submissions", name))
    out = os.path.join(work, "out-" + name)
    rc, _, se = build(os.path.dirname(ydir), 2021, out)
    if rc not in (0, 1):
        return rc, se, None, None
    values, _, _ = outcome(out, 2021)
    return (rc, se, [v[:3] for v in values if v[0] == "KT.STP"],
            read_validation(os.path.join(out, "2021", "validation.csv")))


def same_outcome(got, want, what):
    for name, g, w in zip(("accepted values", "problems", "figures"), got, want):
        if g != w:
            gs, ws_ = (set(g.items()) if isinstance(g, dict) else set(g),
                       set(w.items()) if isinstance(w, dict) else set(w))
            raise Failure("%s: %s differ; only with XLSX: %s; only with CSV: %s"
                          % (what, name, sorted(gs - ws_)[:5], sorted(ws_ - gs)[:5]))


@test
def the_same_submissions_as_csv_openpyxl_and_libreoffice_xlsx_give_the_same_results():
    work = tmpdir()
    out_csv = os.path.join(work, "out-csv")
    rc, _, se = build(os.path.dirname(SMALL), 2021, out_csv)
    check(rc == 0, "CSV build exit %d: %s" % (rc, se[-2000:]))
    want = outcome(out_csv, 2021)
    check(len(want[0]) > 300, "only %d values from the CSV files" % len(want[0]))

    # every submission of the year as openpyxl's XLSX
    ydir = os.path.join(work, "xlsx", "2021")
    shutil.copytree(SMALL, ydir)
    sub = os.path.join(ydir, "submissions")
    names = sorted(f for f in os.listdir(sub) if f.endswith(".csv"))
    check(len(names) == 7, "small-2021 has %d CSV submissions" % len(names))
    for f in names:
        write_openpyxl(os.path.join(sub, f), os.path.join(sub, f[:-4] + ".xlsx"))
        os.remove(os.path.join(sub, f))
    out = os.path.join(work, "out-xlsx")
    rc, _, se = build(os.path.dirname(ydir), 2021, out)
    check(rc == 0, "openpyxl XLSX build exit %d: %s" % (rc, se[-2000:]))
    same_outcome(outcome(out, 2021), want, "openpyxl")

    # the same workbooks saved again by LibreOffice
    lo_year = os.path.join(work, "lo", "2021")
    shutil.copytree(SMALL, lo_year, ignore=shutil.ignore_patterns("*.csv"))
    for f in ("units.csv", "report.csv", "baseline.csv"):
        if os.path.exists(os.path.join(SMALL, f)):
            shutil.copy(os.path.join(SMALL, f), lo_year)
    libreoffice_save(sub, os.path.join(lo_year, "submissions"))
    out = os.path.join(work, "out-lo")
    rc, _, se = build(os.path.dirname(lo_year), 2021, out)
    check(rc == 0, "LibreOffice XLSX build exit %d: %s" % (rc, se[-2000:]))
    same_outcome(outcome(out, 2021), want, "LibreOffice")


@test
def error_cells_and_unsaved_formulas_in_the_value_column_are_errors_at_their_cell():
    import openpyxl
    work = tmpdir()
    ydir = os.path.join(work, "2021")
    shutil.copytree(SMALL, ydir)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Mã đơn vị", "Mã chỉ tiêu", "Giá trị", "Ghi chú"])
    ws.append(["KT.STTTT", "tt.vb_di", "#DIV/0!", None])             # row 2: an error value
    ws.append(["KT.STTTT", "tt.vb_den", "=1/0", None])               # row 3: no saved result
    ws.append(["KT.STTTT", "tt.hop_thu", None, "#N/A"])              # an error in a note: nothing
    ws.append([None, None, "=SUM(C2:C3)", None])                     # a total row: nothing
    ws.append(["kt.stttt", "TT.VB_DI_DIEN_TU", "#REF!", None])       # row 6: codes as typed
    wb.save(os.path.join(ydir, "submissions", "zz-cells.xlsx"))
    with zipfile.ZipFile(os.path.join(ydir, "submissions", "zz-cells.xlsx")) as z:
        check(b't="e"' in z.read("xl/worksheets/sheet1.xml"), "openpyxl wrote no error cell")
    out = os.path.join(work, "out")
    rc, _, se = build(work, 2021, out)
    check(rc == 1, "exit %d: %s" % (rc, se[-2000:]))
    got = sorted((v["code"], v["row"], v["column"], v["unit"], v["indicator"])
                 for v in read_validation(os.path.join(out, "2021", "validation.csv"))
                 if v["file"] == "submissions/zz-cells.xlsx")
    check(got == [("E_CELL_ERROR", "2", "3", "KT.STTTT", "tt.vb_di"),
                  ("E_CELL_ERROR", "6", "3", "KT.STTTT", "tt.vb_di_dien_tu"),
                  ("E_CELL_NO_RESULT", "3", "3", "KT.STTTT", "tt.vb_den")], "got %s" % got)


@test
def a_count_cell_holding_one_point_two_three_four_is_no_thousand_two_hundred_and_thirty_four():
    # A number stored as one with three decimals (1.234, a formula's
    # 98.571) shows as "1" and "99" in the form's #,##0 format; it was read
    # as grouped thousands, 1234 and 98571, without a word.  Text "1.234"
    # typed in a cell is still 1234, and a number score keeps its decimals.
    # The same as .xls saved by LibreOffice, its formula computed there.
    import openpyxl
    work = tmpdir()
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Mã đơn vị", "Mã chỉ tiêu", "Giá trị"])
    ws.append(["KT.STTTT", "ht.cbcc", 1.234])                   # row 2: a number
    ws.append(["KT.STTTT", "tt.vb_di", "1.234"])                # row 3: text: 1234
    ws.append(["KT.STTTT", "tt.vb_den", 12345])                 # row 4: whole
    ws.append(["KT.STTTT", "diem.san_sang", 12.345])            # row 5: a score
    ws.append(["KT.STTTT", "dt.kinh_phi_cntt", 1250.5])         # row 6: money
    ws.append(["KT.STTTT", "tt.hop_thu", "=98571/1000"])        # row 7: a formula
    for r in range(2, 8):
        ws.cell(row=r, column=3).number_format = "#,##0"
    ws.cell(row=5, column=3).number_format = "0.0"
    src = os.path.join(work, "src", "zz-so.xlsx")
    os.makedirs(os.path.dirname(src))
    wb.save(src)
    saved = os.path.join(work, "lo")
    os.makedirs(saved)
    libreoffice_save(os.path.dirname(src), saved)       # computes row 7's formula
    libreoffice_xls([os.path.join(saved, "zz-so.xlsx")], saved)
    for name in ("zz-so.xlsx", "zz-so.xls"):
        rc, so, se = run(["validate", os.path.join(saved, name), "--input",
                          os.path.dirname(SMALL)])
        lines = [l.split(name + ":", 1)[1] for l in so.splitlines() if "[E_VALUE" in l]
        want = ["2:3: error: ô chứa số 1,234, có phần thập phân (ô có thể hiển thị số đã làm "
                "tròn), không phải là số nguyên ≥ 0; ghi số nguyên, ví dụ 403086 [E_VALUE_COUNT]",
                "6:3: error: ô chứa số 1250,5, có phần thập phân (ô có thể hiển thị số đã làm "
                "tròn), không phải là số nguyên ≥ 0; ghi số nguyên, ví dụ 403086 [E_VALUE_MONEY]",
                "7:3: error: ô chứa số 98,571, có phần thập phân (ô có thể hiển thị số đã làm "
                "tròn), không phải là số nguyên ≥ 0; ghi số nguyên, ví dụ 403086 [E_VALUE_COUNT]"]
        check(rc == 1 and lines == want and "3 values" in so, "%s: exit %d\n%s\n%s" % (
            name, rc, "\n".join(lines), so[-300:]))
    # the text and the score as values: a build's Dữ liệu
    ydir = os.path.join(work, "in", "2021")
    shutil.copytree(SMALL, ydir)
    shutil.copy(os.path.join(saved, "zz-so.xls"), os.path.join(ydir, "submissions"))
    for f in os.listdir(os.path.join(ydir, "submissions")):
        if f.startswith("01-sotttt"):
            os.remove(os.path.join(ydir, "submissions", f))
    out = os.path.join(work, "out")
    rc, _, se = build(os.path.dirname(ydir), 2021, out)
    ws = workbook(os.path.join(out, "2021", "egov-2021.xlsx"))["Dữ liệu"]
    head = [c.value for c in next(ws.iter_rows(min_row=1, max_row=1))]
    col = {n: i for i, n in enumerate(head)}
    got = {r[col["Mã chỉ tiêu"]]: r[col["Giá trị"]] for r in ws.iter_rows(min_row=2, values_only=True)
           if r[col["Mã đơn vị"]] == "KT.STTTT"}
    check(got == {"tt.vb_di": 1234, "tt.vb_den": 12345, "diem.san_sang": 12.345},
          "KT.STTTT's values: %s (%s)" % (got, se[-500:]))


@test
def a_count_in_a_cell_formatted_as_a_date_or_a_time_is_said_with_its_number():
    # A clerk types 148 into a cell Excel had formatted as a date or a
    # time: the sheet shows 27/05/1900 or 3552:00.  The refusal quoted what
    # the format gives alone ('00:00:00' for [h]:mm), which is neither what
    # the clerk typed nor what the cell shows; it now names the number.
    # As .xls saved by LibreOffice, the same: the number is read from the
    # cell's own record.
    import openpyxl
    work = tmpdir()
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Mã đơn vị", "Mã chỉ tiêu", "Giá trị"])
    ws.append(["KT.STTTT", "ht.cbcc", 148])                     # row 2: [h]:mm
    ws.append(["KT.STTTT", "tt.vb_di", 142])                    # row 3: a date
    ws.append(["KT.STTTT", "tt.vb_den", 12.5])                  # row 4: date and time
    ws.append(["KT.STTTT", "tt.hop_thu", 12])                   # row 5: h:mm
    ws.append(["KT.STTTT", "diem.san_sang", 0.5])               # row 6: a percent
    # As .xls, these three are an RK of hundredths, a NUMBER, a negative RK
    ws.append(["KT.STTTT", "tt.vb_den_xu_ly", 1.23])            # row 7: a date
    ws.append(["KT.STTTT", "tt.chung_thu_so", 1234567.891])     # row 8: a date
    ws.append(["KT.STTTT", "tt.dung_thu", -7])                  # row 9: a time
    ws.append(["KT.STTTT", "tt.vb_di_dien_tu", 142])            # row 10: a date, merged
    ws.append([None, None, None])                               # over row 11, the last: one tall row
    formats = {2: "[h]:mm", 3: "dd/mm/yyyy", 4: "dd/mm/yyyy hh:mm", 5: "h:mm", 6: "0%",
               7: "dd/mm/yyyy", 8: "dd/mm/yyyy", 9: "hh:mm", 10: "dd/mm/yyyy"}
    for r, f in formats.items():
        ws.cell(row=r, column=3).number_format = f
    ws.merge_cells("C10:C11")
    src = os.path.join(work, "src", "zz-ngay.xlsx")
    os.makedirs(os.path.dirname(src))
    wb.save(src)
    rc, so, _ = run(["validate", src, "--input", os.path.dirname(SMALL)])
    lines = [l.split("zz-ngay.xlsx:", 1)[1] for l in so.splitlines() if "[E_VALUE" in l]
    tail = ", không phải là số; đổi định dạng ô sang Số (Number), xem lại số liệu rồi lưu lại"
    want = ["2:3: error: ô chứa số 148 nhưng được định dạng ngày/giờ (đọc là '00:00:00')" + tail +
            " [E_VALUE_COUNT]",
            "3:3: error: ô chứa số 142 nhưng được định dạng ngày/giờ (đọc là '1900-05-21')" + tail +
            " [E_VALUE_COUNT]",
            "4:3: error: ô chứa số 12,5 nhưng được định dạng ngày/giờ (đọc là "
            "'1900-01-12 12:00:00')" + tail + " [E_VALUE_COUNT]",
            "5:3: error: ô chứa số 12 nhưng được định dạng ngày/giờ (đọc là '00:00:00')" + tail +
            " [E_VALUE_COUNT]",
            # a percent is what it shows, and the format is said to be why
            "6:3: error: '50%' không phải là số ≥ 0 (không phải là số); ghi theo dạng 116,83; "
            "ô được định dạng phần trăm (Percent) nên số trong ô được đọc như ô hiển thị, là "
            "'50%'; đổi định dạng ô sang Số (Number), xem lại số liệu rồi lưu lại "
            "[E_VALUE_SCORE]",
            "7:3: error: ô chứa số 1,23 nhưng được định dạng ngày/giờ (đọc là '1900-01-01')" +
            tail + " [E_VALUE_COUNT]",
            "8:3: error: ô chứa số 1234567,891 nhưng được định dạng ngày/giờ (đọc là "
            "'5280-02-15')" + tail + " [E_VALUE_COUNT]",
            # a negative time has no time to show: the number is what is read
            "9:3: error: ô chứa số -7 nhưng được định dạng ngày/giờ (đọc là '-7')" + tail +
            " [E_VALUE_COUNT]",
            # its number kept while the range is followed, past the row's own
            "10:3: error: ô chứa số 142 nhưng được định dạng ngày/giờ (đọc là '1900-05-21')" +
            tail + " [E_VALUE_COUNT]"]
    check(rc == 1 and lines == want and "0 values" in so, "exit %d\n%s\n%s" % (
        rc, "\n".join(lines), so[-300:]))
    saved = os.path.join(work, "lo")
    os.makedirs(saved)
    libreoffice_xls([src], saved)
    rc, so, _ = run(["validate", os.path.join(saved, "zz-ngay.xls"), "--input",
                     os.path.dirname(SMALL)])
    lines = [l.split("zz-ngay.xls:", 1)[1] for l in so.splitlines() if "[E_VALUE" in l]
    # The same words: the BIFF reader keeps the cell's number (RK, RK of
    # hundredths, NUMBER, a negative RK)
    check(rc == 1 and lines == want and "0 values" in so,
          "xls: exit %d\n%s\n%s" % (rc, "\n".join(lines), so[-300:]))


@test
def a_workbook_without_a_header_names_the_sheet_it_read():
    # The data on the second sheet, the first holding a note: the clerk is
    # told which sheet was read and which one would be.
    import openpyxl
    work = tmpdir()
    ydir = os.path.join(work, "2021")
    shutil.copytree(SMALL, ydir)
    wb = openpyxl.Workbook()
    wb.active.title = "Ghi chú"
    wb.active["A1"] = "Số liệu ở trang sau"
    ws = wb.create_sheet("Số liệu")
    ws.append(["Mã đơn vị", "Mã chỉ tiêu", "Giá trị"])
    ws.append(["KT.STP", "ht.cbcc", 45])
    wb.save(os.path.join(ydir, "submissions", "zz-second.xlsx"))
    out = os.path.join(work, "out")
    rc, _, se = build(work, 2021, out)
    got = [v for v in read_validation(os.path.join(out, "2021", "validation.csv"))
           if v["file"] == "submissions/zz-second.xlsx"]
    got = {v["code"]: v for v in got}
    check(rc == 1 and len(got) == 2 and "E_NO_HEADER" in got and
          "của trang tính 'Ghi chú'" in got["E_NO_HEADER"]["message"] and
          "BaoCao" in got["E_NO_HEADER"]["message"], "exit %d: %s" % (rc, got))
    # and where the table is
    check("W_SHEETS_NOT_READ" in got and got["W_SHEETS_NOT_READ"]["message"].startswith(
        "trang tính 'Số liệu' của bảng tính có bảng với các cột của báo cáo nhưng không được "
        "đọc: chỉ trang tính 'Ghi chú' được đọc"), "the other sheet: %s" % got)


@test
def a_hidden_row_that_gives_a_value_is_said_once_for_the_file():
    # Rows hidden in the sheet are read as any row (a spreadsheet counts
    # them too), but the clerk looking at the sheet does not see them,
    # and may have hidden them meaning to leave them out: a warning at
    # the first, listing them, its unit and, for one row, its indicator.
    # A hidden row without a value says nothing.  The same of the .xls,
    # and of a row of height 0 (ht="0", not hidden="1"), which shows
    # nothing of itself either.
    import openpyxl
    import zipfile
    work = tmpdir()
    ydir = os.path.join(work, "2021")
    shutil.copytree(SMALL, ydir)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "BaoCao"
    ws.append(["Mã đơn vị", "Mã chỉ tiêu", "Giá trị"])
    ws.append(["KT.STP", "ht.cbcc", 45])
    ws.append(["KT.STP", "ht.cbcc_may_tinh", 43])
    ws.append(["KT.STP", "tt.vb_di", None])
    ws.row_dimensions[3].hidden = True
    ws.row_dimensions[4].hidden = True
    sub = os.path.join(ydir, "submissions")
    forms = os.path.join(work, "forms")
    os.makedirs(forms)
    wb.save(os.path.join(forms, "zz-hidden-row.xlsx"))
    libreoffice_xls([os.path.join(forms, "zz-hidden-row.xlsx")], forms)
    with zipfile.ZipFile(os.path.join(forms, "zz-hidden-row.xlsx")) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    check(parts[sheet].count(b'hidden="1"') == 2, "openpyxl's rows: %s" % parts[sheet])
    parts[sheet] = parts[sheet].replace(b'hidden="1"', b'ht="0" customHeight="1"')
    with zipfile.ZipFile(os.path.join(forms, "zz-row-height-0.xlsx"), "w",
                         zipfile.ZIP_DEFLATED) as z:
        for n, b in parts.items():
            z.writestr(n, b)
    out = os.path.join(work, "out")
    for name in ("zz-hidden-row.xlsx", "zz-hidden-row.xls", "zz-row-height-0.xlsx"):
        for old in os.listdir(sub):
            if old.startswith("zz-"):
                os.remove(os.path.join(sub, old))
        shutil.copy(os.path.join(forms, name), sub)
        rc, _, se = build(work, 2021, out)
        got = [v for v in read_validation(os.path.join(out, "2021", "validation.csv"))
               if v["code"] == "W_ROW_HIDDEN"]
        check(len(got) == 1 and got[0]["file"] == "submissions/" + name and
              (got[0]["row"], got[0]["column"], got[0]["unit"], got[0]["indicator"]) ==
              ("3", "3", "KT.STP", "ht.cbcc_may_tinh") and
              "(dòng 3)" in got[0]["message"], "%s, exit %d: %s" % (name, rc, got))


@test
def a_hidden_report_sheet_read_is_said_to_be_hidden():
    # Last year's figures on a hidden sheet named BaoCao, this year's on
    # the visible first sheet: the hidden one is read (its name says so),
    # and the warning said "only the sheet 'BaoCao' was read" of a sheet
    # the clerk cannot see in the file; it says now that it is hidden.
    # The same of the workbook saved as .xls.
    import openpyxl
    work = tmpdir()
    ydir = os.path.join(work, "2021")
    shutil.copytree(SMALL, ydir)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Năm 2021"
    ws.append(["Mã đơn vị", "Mã chỉ tiêu", "Giá trị"])
    ws.append(["KT.STP", "ht.cbcc", 45])
    old = wb.create_sheet("BaoCao")
    old.append(["Mã đơn vị", "Mã chỉ tiêu", "Giá trị"])
    old.append(["KT.STP", "ht.cbcc", 45])
    old.sheet_state = "hidden"
    sub = os.path.join(ydir, "submissions")
    wb.save(os.path.join(sub, "zz-hidden.xlsx"))
    out = os.path.join(work, "out")
    for name in ("zz-hidden.xlsx", "zz-hidden.xls"):
        if name.endswith(".xls"):
            libreoffice_xls([os.path.join(sub, "zz-hidden.xlsx")], sub)
            os.remove(os.path.join(sub, "zz-hidden.xlsx"))
        rc, _, se = build(work, 2021, out)
        got = [v for v in read_validation(os.path.join(out, "2021", "validation.csv"))
               if v["code"] == "W_SHEETS_NOT_READ"]
        check(len(got) == 1 and got[0]["file"] == "submissions/" + name and
              "chỉ trang tính 'BaoCao' (trang tính này đang bị ẩn, nên không nhìn thấy khi "
              "mở tệp) được đọc" in got[0]["message"] and
              got[0]["message"].endswith("bỏ ẩn hoặc xóa trang tính bị ẩn kia"),
              "%s, exit %d: %s" % (name, rc, got))


@test
def a_district_workbook_of_a_sheet_per_commune_is_said_to_be_read_in_part():
    # The district on its first sheet, each commune on a sheet of its own:
    # the first is read; the others are named, the hidden list and the
    # instructions sheet are not.
    import openpyxl
    work = tmpdir()
    ydir = os.path.join(work, "2021")
    shutil.copytree(SMALL, ydir)
    os.remove(os.path.join(ydir, "submissions", "DakHa-2021.csv"))
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "KT.DHA"
    ws.append(["Mã đơn vị", "Mã chỉ tiêu", "Giá trị"])
    ws.append(["KT.DHA", "ht.cbcc", 94])
    wb.create_sheet("Hướng dẫn")["A1"] = "Mỗi xã một trang"
    for k in range(1, 6):
        ws = wb.create_sheet("Xã %d" % k)
        ws.append(["BÁO CÁO CỦA XÃ"])
        ws.append(["Mã đơn vị", "Mã chỉ tiêu", "Giá trị"])
        ws.append(["KT.DHA.%02d" % k, "ht.cbcc", 20 + k])
    hidden = wb.create_sheet("DanhMuc")
    hidden.append(["Mã đơn vị", "Mã chỉ tiêu", "Giá trị"])
    hidden.sheet_state = "hidden"
    wb.save(os.path.join(ydir, "submissions", "DakHa.xlsx"))
    out = os.path.join(work, "out")
    rc, _, se = build(work, 2021, out)
    check(rc in (0, 1), se)
    rows = read_validation(os.path.join(out, "2021", "validation.csv"))
    got = [v for v in rows if v["code"] == "W_SHEETS_NOT_READ"]
    check(len(got) == 1 and got[0]["file"] == "submissions/DakHa.xlsx" and
          got[0]["message"].startswith(
              "các trang tính 'Xã 1', 'Xã 2', 'Xã 3' và 2 trang tính khác của bảng tính có "
              "bảng với các cột của báo cáo nhưng không được đọc: chỉ trang tính 'KT.DHA' được "
              "đọc"),
          "W_SHEETS_NOT_READ: %s" % got)
    # its unit, as every whole file's problem (owners.h)
    check(got[0]["unit"] == "KT.DHA", "unit %r" % got[0]["unit"])
    # The same workbook saved by LibreOffice as .xls: the same warning.
    sub = os.path.join(ydir, "submissions")
    libreoffice_xls([os.path.join(sub, "DakHa.xlsx")], sub)
    os.remove(os.path.join(sub, "DakHa.xlsx"))
    rc, _, se = build(work, 2021, out)
    check(rc in (0, 1), se)
    xls = [v for v in read_validation(os.path.join(out, "2021", "validation.csv"))
           if v["code"] == "W_SHEETS_NOT_READ"]
    check(len(xls) == 1 and xls[0]["file"] == "submissions/DakHa.xls" and
          xls[0]["message"] == got[0]["message"] and xls[0]["unit"] == "KT.DHA",
          "W_SHEETS_NOT_READ of the .xls: %s" % xls)


@test
def a_workbook_of_many_sheets_names_the_empty_sheet_read_and_those_not_looked_at():
    # An empty sheet named BaoCao is the sheet read, and named so (it gave
    # no row, and was named ''); a sheet per commune past the first 16 is
    # not looked at, and the warning says so rather than a short count.
    import openpyxl
    work = hostile_year()
    ydir = os.path.join(work, "2021")
    wb = openpyxl.Workbook()
    wb.active.title = "BaoCao"
    for k in range(1, 21):
        table_sheet(wb.create_sheet("Xã %d" % k), "KT.DHA.01", 20 + k)
    wb.save(os.path.join(ydir, "submissions", "zz-many.xlsx"))
    # the sheet read past the first 16: not counted among those not looked at
    wb = openpyxl.Workbook()
    wb.active.title = "Xã 1"
    for k in range(1, 21):
        table_sheet(wb.active if k == 1 else wb.create_sheet("Xã %d" % k), "KT.DHA.01", 20 + k)
    wb.create_sheet("BaoCao")
    wb.save(os.path.join(ydir, "submissions", "zz-late.xlsx"))
    out = os.path.join(work, "out")
    rc, _, se = build(work, 2021, out)
    got = {v["code"]: v for v in read_validation(os.path.join(out, "2021", "validation.csv"))
           if v["file"] == "submissions/zz-many.xlsx"}
    check(rc == 1 and set(got) == {"E_NO_HEADER", "W_SHEETS_NOT_READ"}, "exit %d: %s" % (rc, got))
    check(got["W_SHEETS_NOT_READ"]["message"].startswith(
        "các trang tính 'Xã 1', 'Xã 2', 'Xã 3' và 12 trang tính khác của bảng tính có bảng "
        "với các cột của báo cáo nhưng không được đọc (và 5 trang tính sau 16 trang tính đầu "
        "tiên của bảng tính chưa được kiểm tra): chỉ trang tính 'BaoCao' được đọc"),
          "the warning: %s" % got["W_SHEETS_NOT_READ"])
    late = [v for v in read_validation(os.path.join(out, "2021", "validation.csv"))
            if v["file"] == "submissions/zz-late.xlsx" and v["code"] == "W_SHEETS_NOT_READ"]
    check(len(late) == 1 and "và 13 trang tính khác của bảng tính có bảng" in late[0]["message"] and
          "(và 4 trang tính sau 16 trang tính đầu tiên của bảng tính chưa được kiểm tra)"
          in late[0]["message"],
          "the sheet read last: %s" % late)


@test
def a_workbook_of_instructions_first_names_its_tables_as_xlsx_and_as_xls():
    # The first sheet, read, has 25 rows of instructions and no header (the
    # header search stops after 20 rows); the communes' sheets after it
    # are named, in the .xlsx and in the .xls LibreOffice saves of it.
    import openpyxl
    work = hostile_year()
    ydir = os.path.join(work, "2021")
    sub = os.path.join(ydir, "submissions")
    wb = openpyxl.Workbook()
    wb.active.title = "Hướng dẫn"
    for k in range(25):
        wb.active.append(["Bước %d: điền số liệu" % (k + 1)])
    for k in (1, 2):
        table_sheet(wb.create_sheet("Xã %d" % k), "KT.DHA.%02d" % k, 20 + k)
    wb.save(os.path.join(work, "HuongDan.xlsx"))
    libreoffice_xls([os.path.join(work, "HuongDan.xlsx")], work)
    for name in ("HuongDan.xlsx", "HuongDan.xls"):
        for old in ("HuongDan.xlsx", "HuongDan.xls"):
            if os.path.exists(os.path.join(sub, old)):
                os.remove(os.path.join(sub, old))
        shutil.copy(os.path.join(work, name), os.path.join(sub, name))
        out = os.path.join(work, "out")
        rc, _, se = build(work, 2021, out)
        got = {v["code"]: v for v in read_validation(os.path.join(out, "2021", "validation.csv"))
               if v["file"] == "submissions/" + name}
        check(rc == 1 and set(got) == {"E_NO_HEADER", "W_SHEETS_NOT_READ"},
              "%s: exit %d: %s" % (name, rc, got))
        check(got["W_SHEETS_NOT_READ"]["message"].startswith(
            "các trang tính 'Xã 1', 'Xã 2' của bảng tính có bảng với các cột của báo cáo nhưng "
            "không được đọc: chỉ trang tính 'Hướng dẫn' được đọc"), "%s: %s" % (name, got))


# ---- merged cells ------------------------------------------------------------

def merged_form(csv_path, xlsx_path, ref_csv_path, merge_values=None):
    """A submission laid out as a clerk's form: a title merged across, a
    header of two rows whose names are merged down into the second (and
    "Năm 2021" across the value and note columns), the unit's code merged
    down all its rows; merge_values, (first, last) rows, merges the value
    cells there too.  ref_csv_path gets the same rows as a CSV, the codes
    and names typed into every row, as the clerk sees the form."""
    import openpyxl
    rows, hdr = read_submission_csv(csv_path)
    head = [c.strip().lower() for c in rows[hdr]]
    data = [(r[head.index("mã đơn vị")], r[head.index("mã chỉ tiêu")],
             r[head.index("số liệu")]) for r in rows[hdr + 1:] if any(r)]
    units = {u for u, _, _ in data}
    check(len(units) == 1 and len(data) > 20, "%s is no one unit's report" % csv_path)
    first, last = 4, 3 + len(data)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Báo cáo"
    ws["A1"] = "BÁO CÁO SỐ LIỆU ỨNG DỤNG CNTT NĂM 2021"
    ws.merge_cells("A1:E1")
    for col, name in zip("ABC", ("STT", "Mã đơn vị", "Mã chỉ tiêu")):
        ws[col + "2"] = name
        ws.merge_cells("%s2:%s3" % (col, col))
    ws["D2"] = "Năm 2021"
    ws.merge_cells("D2:E2")
    ws["D3"] = "Giá trị"
    ws["E3"] = "Ghi chú"
    for i, (unit, ind, value) in enumerate(data):
        row = first + i
        ws.cell(row=row, column=1, value=i + 1)
        if row == first:
            ws.cell(row=row, column=2, value=unit)
        ws.cell(row=row, column=3, value=ind)
        if not (merge_values and merge_values[0] < row <= merge_values[1]):
            ws.cell(row=row, column=4, value=typed(value))
    ws.merge_cells("B%d:B%d" % (first, last))
    if merge_values:
        ws.merge_cells("D%d:D%d" % merge_values)
    wb.save(xlsx_path)
    with open(ref_csv_path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["BÁO CÁO SỐ LIỆU ỨNG DỤNG CNTT NĂM 2021", "", "", "", ""])
        w.writerow(["STT", "Mã đơn vị", "Mã chỉ tiêu", "Năm 2021", ""])
        w.writerow(["STT", "Mã đơn vị", "Mã chỉ tiêu", "Giá trị", "Ghi chú"])
        for i, (unit, ind, value) in enumerate(data):
            w.writerow([i + 1, unit, ind, value, ""])
    return first, data


@test
def merged_cells_read_as_the_clerk_sees_them_in_xlsx_and_xls():
    # The reference: stp.csv laid out as the form, codes typed in each row.
    work = tmpdir()
    src = os.path.join(SMALL, "submissions", "stp.csv")
    forms = os.path.join(work, "forms")
    os.makedirs(forms)

    def year_with(name, path):
        year = os.path.join(work, name, "2021")
        shutil.copytree(SMALL, year)
        os.remove(os.path.join(year, "submissions", "stp.csv"))
        shutil.copy(path, os.path.join(year, "submissions", "stp" + os.path.splitext(path)[1]))
        out = os.path.join(work, "out-" + name)
        rc, _, se = build(os.path.dirname(year), 2021, out)
        return rc, se, outcome(out, 2021), out

    first, data = merged_form(src, os.path.join(forms, "merged.xlsx"),
                              os.path.join(forms, "typed.csv"))
    merged_form(src, os.path.join(forms, "values.xlsx"), os.path.join(forms, "unused.csv"),
                merge_values=(first + 1, first + 2))
    rc, se, want, _ = year_with("csv", os.path.join(forms, "typed.csv"))
    check(rc == 0, "the typed CSV: exit %d: %s" % (rc, se[-2000:]))
    stp = [v for v in want[0] if v[3] == "submissions/stp"]
    check(len(stp) == len(data) and all(v[0] == "KT.STP" for v in stp),
          "the typed CSV gave %d of its %d values" % (len(stp), len(data)))

    # The form as openpyxl writes it, and as LibreOffice saves it in .xls.
    libreoffice_xls([os.path.join(forms, "merged.xlsx"), os.path.join(forms, "values.xlsx")],
                    forms)
    for name in ("merged.xlsx", "merged.xls"):
        rc, se, got, _ = year_with(name, os.path.join(forms, name))
        check(rc == 0, "%s: exit %d: %s" % (name, rc, se[-2000:]))
        same_outcome(got, want, name)

    # A value merged over two rows says whose it is for neither.
    for name in ("values.xlsx", "values.xls"):
        rc, se, got, out = year_with(name, os.path.join(forms, name))
        check(rc == 1, "%s: exit %d: %s" % (name, rc, se[-2000:]))
        merged = [v for v in read_validation(os.path.join(out, "2021", "validation.csv"))
                  if v["code"] == "E_VALUE_MERGED"]
        check(len(merged) == 1, "%s: %d E_VALUE_MERGED" % (name, len(merged)))
        m = merged[0]
        check((m["file"], m["row"], m["column"], m["unit"], m["indicator"]) ==
              ("submissions/stp" + os.path.splitext(name)[1], str(first + 1), "4", "KT.STP",
               data[1][1]) and
              "D%d:D%d" % (first + 1, first + 2) in m["message"], "%s: %s" % (name, m))
        left = [v for v in want[0] if not (v[3] == "submissions/stp" and
                                          v[4] in (first + 1, first + 2))]
        check(sorted(got[0]) == sorted(left) and len(left) == len(want[0]) - 2,
              "%s: the accepted values are not the CSV's without rows %d and %d"
              % (name, first + 1, first + 2))


@test
def a_value_merged_over_one_indicators_rows_is_its_own():
    # A row made tall by merging it with a blank one (or with a line
    # holding only a note), and a value merged over a line without an
    # indicator ("Trong đó"), keep their values; an
    # empty value cell merged over two indicators says nothing (both are
    # missing, as empty cells are); a filled one over two is E_VALUE_MERGED.
    import openpyxl
    work = tmpdir()
    ydir = os.path.join(work, "2021")
    shutil.copytree(SMALL, ydir)
    os.remove(os.path.join(ydir, "submissions", "stp.csv"))
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Mã đơn vị", "Mã chỉ tiêu", "Giá trị", "Ghi chú"])
    ws.append(["KT.STP", "ht.cbcc", 45, "Tổng số"])                      # 2, tall: 2-3
    ws.append([])
    for col in "ABCD":
        ws.merge_cells("%s2:%s3" % (col, col))
    ws.append(["KT.STP", "ht.cbcc_may_tinh", 43])                        # 4
    ws.append(["KT.STP", None, None, "Trong đó: 40 máy tính để bàn"])   # 5
    ws.merge_cells("C4:C5")
    ws.append(["KT.STP", "ht.lan_internet"])                              # 6
    ws.append(["KT.STP", "ht.wan"])                                       # 7
    ws.merge_cells("C6:C7")
    ws.append(["KT.STP", "tt.vb_di", 1106])                               # 8
    ws.append(["KT.STP", "tt.vb_di_dien_tu"])                             # 9
    ws.merge_cells("C8:C9")
    ws.append(["KT.STP", "tt.vb_den", 3560])                              # 10
    ws.append(["KT.STP", "tt.hop_thu", 45])                               # 11, tall: 11-12,
    ws.append([None, None, None, "gồm cả hợp đồng"])                     # a note below
    for col in "ABC":
        ws.merge_cells("%s11:%s12" % (col, col))
    ws.append(["KT.STP", "tt.dung_thu", 31])                              # 13
    ws.append(["KT.STP", None, None, "Trong đó: 20 cán bộ"])              # 14
    ws.merge_cells("B13:B14")
    ws.merge_cells("C13:C14")
    wb.save(os.path.join(ydir, "submissions", "stp.xlsx"))
    out = os.path.join(work, "out")
    rc, _, se = build(work, 2021, out)
    check(rc == 1, "exit %d: %s" % (rc, se[-2000:]))
    values, problems, _ = outcome(out, 2021)
    stp = sorted(v for v in values if v[3] == "submissions/stp")
    check(stp == [("KT.STP", "ht.cbcc", 45, "submissions/stp", 2),
                  ("KT.STP", "ht.cbcc_may_tinh", 43, "submissions/stp", 4),
                  ("KT.STP", "tt.dung_thu", 31, "submissions/stp", 13),
                  ("KT.STP", "tt.hop_thu", 45, "submissions/stp", 11),
                  ("KT.STP", "tt.vb_den", 3560, "submissions/stp", 10)], "values: %s" % stp)
    errors = [p for p in problems if p[0] == "error" and p[2] == "submissions/stp"]
    check(errors == [("error", "E_VALUE_MERGED", "submissions/stp", "8", "3", "KT.STP",
                      "tt.vb_di")], "errors: %s" % errors)


@test
def a_form_of_merged_values_only_is_no_blank_form():
    # Every value merged over two indicators' rows: E_VALUE_MERGED for
    # each, and the unit has sent its figures all the same (not a form
    # sent back blank, W_NO_VALUES; not "not submitted").
    import openpyxl
    work = hostile_year()
    ydir = os.path.join(work, "2021")
    os.remove(os.path.join(ydir, "submissions", "stp.csv"))
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Mã đơn vị", "Mã chỉ tiêu", "Giá trị"])
    ws.append(["KT.STP", "ht.cbcc", 45])
    ws.append(["KT.STP", "ht.cbcc_may_tinh"])
    ws.merge_cells("C2:C3")
    ws.append(["KT.STP", "tt.vb_di", 1106])
    ws.append(["KT.STP", "tt.vb_di_dien_tu"])
    ws.merge_cells("C4:C5")
    wb.save(os.path.join(ydir, "submissions", "stp.xlsx"))
    out = os.path.join(work, "out")
    rc, _, se = build(work, 2021, out)
    check(rc == 1, "exit %d: %s" % (rc, se[-2000:]))
    _, problems, _ = outcome(out, 2021)
    codes = sorted(set(p[1] for p in problems if p[2] == "submissions/stp" or p[5] == "KT.STP"))
    check("E_VALUE_MERGED" in codes and "W_NO_VALUES" not in codes and
          "W_NOT_SUBMITTED" not in codes, "codes: %s" % codes)



@test
def a_value_header_merged_over_two_years_columns_is_no_header():
    # "Giá trị" merged across the columns of its sub-headings "Năm 2020"
    # and "Năm 2021": the clerk sees it over both, the spreadsheet keeps
    # it in the first, last year's.  Reading that column gave last year's
    # figures as this year's without a word; it is E_NO_HEADER, as a
    # header naming the value in two columns is, in XLSX and XLS.  The
    # same below a first table stops the reading there, the rows above
    # it read.
    import openpyxl
    work = tmpdir()
    forms = os.path.join(work, "forms")
    os.makedirs(forms)

    def two_years(ws, top):
        ws.cell(row=top, column=1, value="Mã đơn vị")
        ws.cell(row=top, column=2, value="Mã chỉ tiêu")
        ws.cell(row=top, column=3, value="Giá trị")
        ws.merge_cells("A%d:A%d" % (top, top + 1))
        ws.merge_cells("B%d:B%d" % (top, top + 1))
        ws.merge_cells("C%d:D%d" % (top, top))
        ws.cell(row=top + 1, column=3, value="Năm 2020")
        ws.cell(row=top + 1, column=4, value="Năm 2021")
        for i, (ind, old, new) in enumerate((("ht.cbcc", 40, 45), ("tt.vb_di", 900, 1106))):
            for col, v in enumerate(("KT.STP", ind, old, new), 1):
                ws.cell(row=top + 2 + i, column=col, value=v)

    wb = openpyxl.Workbook()
    two_years(wb.active, 1)
    wb.save(os.path.join(forms, "first.xlsx"))
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Mã đơn vị", "Mã chỉ tiêu", "Giá trị"])
    ws.append(["KT.STP", "ht.cbcc_may_tinh", 43])
    two_years(ws, 4)
    wb.save(os.path.join(forms, "below.xlsx"))
    libreoffice_xls([os.path.join(forms, "first.xlsx"), os.path.join(forms, "below.xlsx")],
                    forms)
    for name in ("first.xlsx", "first.xls", "below.xlsx", "below.xls"):
        rc, se, stp, problems = build_for_stp(work, os.path.join(forms, name))
        check(rc == 1, "%s: exit %d: %s" % (name, rc, se[-2000:]))
        row = 1 if name.startswith("first") else 4
        want = [] if row == 1 else [("KT.STP", "ht.cbcc_may_tinh", 43)]
        check(stp == want, "%s: values %s" % (name, stp))
        found = [v for v in problems if v["code"] == "E_NO_HEADER"]
        check(len(found) == 1 and (found[0]["file"], found[0]["row"], found[0]["column"]) ==
              ("submissions/" + name, str(row), "4") and
              "ô 'Giá trị' (C%d:D%d) được gộp qua nhiều cột" % (row, row) in found[0]["message"]
              and "cả cột 3 và cột 4" in found[0]["message"],
              "%s: %s" % (name, found))


@test
def a_value_name_merged_over_a_row_that_names_the_value_alone_is_read_from_there():
    # "Số liệu" (a name of the value's column) merged over two columns as
    # a group's heading, the row under it naming them "Giá trị | Ghi chú":
    # the clerk sees the value's column named alone in the second row,
    # which is the header; nothing to say.  (Over "Năm 2020 | Năm 2021"
    # it stays E_NO_HEADER: a_value_header_merged_over_two_years_columns.)
    import openpyxl
    work = tmpdir()
    forms = os.path.join(work, "forms")
    os.makedirs(forms)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"], ws["B1"], ws["C1"] = "Mã đơn vị", "Mã chỉ tiêu", "Số liệu"
    ws.merge_cells("A1:A2")
    ws.merge_cells("B1:B2")
    ws.merge_cells("C1:D1")
    ws["C2"], ws["D2"] = "Giá trị", "Ghi chú"
    ws.append(["KT.STP", "ht.cbcc", 45, "cả năm"])
    ws.append(["KT.STP", "tt.vb_di", 1106, None])
    wb.save(os.path.join(forms, "group.xlsx"))
    libreoffice_xls([os.path.join(forms, "group.xlsx")], forms)
    for name in ("group.xlsx", "group.xls"):
        rc, se, stp, problems = build_for_stp(work, os.path.join(forms, name))
        check(rc in (0, 1), "%s: exit %d: %s" % (name, rc, se[-2000:]))
        check(stp == [("KT.STP", "ht.cbcc", 45), ("KT.STP", "tt.vb_di", 1106)],
              "%s: values %s" % (name, stp))
        found = [v for v in problems
                 if v["file"] == "submissions/" + name and v["code"].startswith("E_")]
        check(found == [], "%s: %s" % (name, found))


@test
def a_value_column_headed_by_last_year_under_the_header_is_said():
    # "Giá trị" centred across its two columns (no merge) over the years
    # 2020 and 2021 typed as numbers: the clerk sees it over both, the
    # value column read is 2020's (W_VALUE_YEAR, at the file, its values
    # still read); a heading of 2021 says nothing.
    import openpyxl
    from openpyxl.styles import Alignment
    work = tmpdir()
    for first, name in ((2020, "old"), (2021, "new")):
        ydir = os.path.join(work, name, "2021")
        shutil.copytree(SMALL, ydir)
        os.remove(os.path.join(ydir, "submissions", "stp.csv"))
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.append(["Mã đơn vị", "Mã chỉ tiêu", "Giá trị", None])
        for col in "CD":
            ws[col + "1"].alignment = Alignment(horizontal="centerContinuous")
        ws.append([None, None, first, first + 1])
        ws.append(["KT.STP", "ht.cbcc", 44 if first == 2020 else 45, 45])
        wb.save(os.path.join(ydir, "submissions", "stp.xlsx"))
        out = os.path.join(work, "out-" + name)
        rc, _, se = build(os.path.dirname(ydir), 2021, out)
        said = [v for v in read_validation(os.path.join(out, "2021", "validation.csv"))
                if v["code"] == "W_VALUE_YEAR"]
        values, _, _ = outcome(out, 2021)
        stp = [v[:3] for v in values if v[0] == "KT.STP"]
        check(stp == [("KT.STP", "ht.cbcc", 44 if first == 2020 else 45)],
              "%s: values %s" % (name, stp))
        if first == 2021:
            check(not said, "%s: %s" % (name, said))
            continue
        check(len(said) == 1 and (said[0]["file"], said[0]["row"], said[0]["unit"]) ==
              ("submissions/stp.xlsx", "", "KT.STP") and
              "'2020' (ô C2, dưới dòng tiêu đề)" in said[0]["message"],
              "%s: %s" % (name, said))


# ---- the hostile corpus ----------------------------------------------------

NS = ('xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


def package(sheet, sst=None, workbook_xml=None, root_rels=None):
    """The parts of a minimal workbook, as (name, bytes)."""
    rels = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="%sworksheet" Target="worksheets/sheet1.xml"/>'
            '<Relationship Id="rId2" Type="%ssharedStrings" Target="sharedStrings.xml"/>'
            '</Relationships>' % (REL, REL))
    parts = [
        ("[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
         '<Default Extension="xml" ContentType="application/xml"/></Types>'),
        ("_rels/.rels", root_rels or
         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="%sofficeDocument" Target="xl/workbook.xml"/>'
         '</Relationships>' % REL),
        ("xl/workbook.xml", workbook_xml or
         '<workbook %s><sheets><sheet name="BaoCao" sheetId="1" r:id="rId1"/></sheets></workbook>' % NS),
        ("xl/_rels/workbook.xml.rels", rels),
        ("xl/worksheets/sheet1.xml", sheet),
    ]
    if sst:
        parts.append(("xl/sharedStrings.xml", sst))
    return [(n, d.encode("utf-8") if isinstance(d, str) else d) for n, d in parts]


def rows_sheet(rows):
    xml = "".join('<row r="%d">%s</row>' % (i, "".join(
        '<c r="%s%d" t="inlineStr"><is><t>%s</t></is></c>' % ("ABCD"[k], i, v)
        for k, v in enumerate(r))) for i, r in enumerate(rows, 1))
    return '<worksheet %s><sheetData>%s</sheetData></worksheet>' % (NS, xml)


VALID_SHEET = rows_sheet([("Mã đơn vị", "Mã chỉ tiêu", "Giá trị"), ("KT.STTTT", "ht.cbcc", "38")])


def write_zip(path, parts, stored=False):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED) as z:
        for name, data in parts:
            z.writestr(name, data)


def write_bomb(path, claimed_size):
    """A workbook whose sheet inflates to 1.1 GiB of white space from about
    1 MB, written by hand: a deflate segment that ends in a full flush can be
    repeated, so nothing of the 1.1 GiB is ever in memory here.  The headers
    claim claimed_size bytes (None: the truth) and no CRC."""
    chunk = b" " * (1 << 20)
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    segment = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    n = 1100
    head = ('<worksheet %s><sheetData>' % NS).encode()
    c2 = zlib.compressobj(9, zlib.DEFLATED, -15)
    start = c2.compress(head) + c2.flush(zlib.Z_FULL_FLUSH)
    data = start + segment * n + b"\x03\x00"
    size = len(head) + n * len(chunk)
    entries = [(name, zlib.compress(body)[2:-4], len(body), zlib.crc32(body))
               for name, body in package("")[:-1]]
    entries.append(("xl/worksheets/sheet1.xml", data,
                    claimed_size if claimed_size is not None else size, 0))
    with open(path, "wb") as f:
        central = b""
        for name, comp, usize, crc in entries:
            off = f.tell()
            nb = name.encode()
            f.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(comp),
                                usize, len(nb), 0) + nb + comp)
            central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x21, crc,
                                   len(comp), usize, len(nb), 0, 0, 0, 0, 0, off) + nb
        cd = f.tell()
        f.write(central)
        f.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries),
                            len(central), cd, 0))
    check(size > 1 << 30 and os.path.getsize(path) < 2 << 20, "the bomb is %d -> %d bytes"
          % (os.path.getsize(path), size))


def valid_bytes(stored=False):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED) as z:
        for name, data in package(VALID_SHEET):
            z.writestr(name, data)
    return buf.getvalue()


def make_laughs(path):
    lol = "".join('<!ENTITY lol%d "%s">' % (i, ("&lol%d;" % (i - 1)) * 10) for i in range(1, 10))
    sst = ('<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY lol0 "lol">%s]>'
           '<sst %s><si><t>&lol9;</t></si></sst>' % (lol, NS))
    write_zip(path, package(rows_sheet([("x",)]), sst=sst))


def make_doctype(path):
    wb = ('<?xml version="1.0"?><!DOCTYPE workbook SYSTEM "file:///etc/passwd">'
          '<workbook %s><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>' % NS)
    write_zip(path, package(VALID_SHEET, workbook_xml=wb))


def make_truncated(path):
    data = valid_bytes()
    with open(path, "wb") as f:
        f.write(data[:len(data) // 2])


def make_crc(path):
    data = bytearray(valid_bytes(stored=True))
    at = data.find(b"<t>38</t>")
    check(at > 0, "no value to damage")
    data[at + 3:at + 5] = b"83"
    with open(path, "wb") as f:
        f.write(data)


def make_png(path):
    raw = b"\x00\xff\x00\x00"
    png = (b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" +
           struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0) + b"\x00" * 4 +
           struct.pack(">I", len(zlib.compress(raw))) + b"IDAT" + zlib.compress(raw) +
           b"\x00" * 4 + b"\x00\x00\x00\x00IEND\xaeB`\x82")
    with open(path, "wb") as f:
        f.write(png)


def make_wide(path):
    sheet = ('<worksheet %s><dimension ref="A1:BDWGN2"/><sheetData><row r="1">'
             '<c r="A1" t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>' % NS)
    write_zip(path, package(sheet))


def make_strict(path):
    wb = ('<workbook xmlns="http://purl.oclc.org/ooxml/spreadsheetml/main" '
          'xmlns:r="http://purl.oclc.org/ooxml/officeDocument/relationships">'
          '<sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>')
    write_zip(path, package(VALID_SHEET, workbook_xml=wb))


def make_broken_xml(path):
    write_zip(path, package(VALID_SHEET.replace("</row>", "", 1)))


def make_old_excel(path):
    with open(path, "wb") as f:
        f.write(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + b"\x00" * 504)


# name, builder, expected code, words the message must hold
def with_merges(rows, refs):
    """rows_sheet's sheet with these ranges merged (after its data)."""
    sheet = rows_sheet(rows)
    merges = '<mergeCells count="%d">%s</mergeCells>' % (
        len(refs), "".join('<mergeCell ref="%s"/>' % r for r in refs))
    return sheet.replace("</sheetData>", "</sheetData>" + merges)


def make_merges_repeated(path):
    # One cell of 32,000 characters under the same range given 100,000
    # times: each range's top-left text held once would be 3.2 GB.
    write_zip(path, package(with_merges([("ộ" * 32000,)], ["A1:A2"] * 100000)))


def make_merges_many(path):
    write_zip(path, package(with_merges(
        [("Mã đơn vị", "Mã chỉ tiêu", "Giá trị"), ("KT.STTTT", "ht.cbcc", "38")],
        ["D%d:D%d" % (2 * i + 1, 2 * i + 2) for i in range(100001)])))


CORPUS = [
    ("bomb.xlsx", lambda p: write_bomb(p, 1000), "E_XLSX_TOO_BIG", "tệp nén độc hại"),
    ("bomb-honest.xlsx", lambda p: write_bomb(p, None), "E_XLSX_TOO_BIG", "tệp nén độc hại"),
    ("laughs.xlsx", make_laughs, "E_XLSX_DOCTYPE", "không cho phép DOCTYPE"),
    ("doctype.xlsx", make_doctype, "E_XLSX_DOCTYPE", "xl/workbook.xml"),
    ("truncated.xlsx", make_truncated, "E_XLSX_DAMAGED", "không đầy đủ (thiếu phần cuối"),
    ("crc.xlsx", make_crc, "E_XLSX_CRC", "CRC"),
    ("image.xlsx", make_png, "E_XLSX_NOT_ZIP", "ảnh PNG"),
    ("empty.xlsx", lambda p: open(p, "wb").close(), "E_XLSX_NOT_ZIP", "tệp trống"),
    ("old.xlsx", make_old_excel, "E_XLSX_NOT_ZIP", "97-2003"),
    ("wide.xlsx", make_wide, "E_FILE_TOO_WIDE", "16.384"),
    ("strict.xlsx", make_strict, "E_XLSX_STRICT", "lưu lại dưới dạng bảng tính Excel thông thường"),
    ("xml.xlsx", make_broken_xml, "E_XLSX_XML", "xl/worksheets/sheet1.xml"),
    ("merges-repeated.xlsx", make_merges_repeated, "E_NO_HEADER", "không tìm thấy dòng tiêu đề"),
    ("merges-many.xlsx", make_merges_many, "E_XLSX_TOO_MANY_MERGES", "hơn 100.000"),
]


# Measured from this test process, a build's peak RSS would count the
# test's own memory: make bench's measuring script forks it instead.
sys.path.insert(0, os.path.join(ROOT, "tools"))
from benchlib import MEASURE  # noqa: E402


def build_measured(input_dir, year, out_dir):
    """Runs a build and returns (exit code, stderr, wall seconds, CPU
    seconds, peak RSS in KB) of that process alone."""
    env = dict(os.environ)
    env.pop("SOURCE_DATE_EPOCH", None)
    env["EGREPORT_LAYOUTS"] = os.path.join(ROOT, "layouts")
    p = subprocess.run(["/usr/bin/python3", "-c", MEASURE, BIN, "build", str(year), "--input",
                        input_dir, "--output", out_dir], env=env, capture_output=True, text=True,
                       timeout=300)
    try:
        rc, wall, user, sys_, rss = p.stdout.split()
    except ValueError:
        raise Failure("cannot measure the build: %s %s" % (p.stdout, p.stderr[-500:]))
    return int(rc), p.stderr, float(wall), float(user) + float(sys_), int(rss)


def hostile_year(name=None, make=None):
    """The small-2021 year folder and, when given, one hostile file among
    its sound submissions; returns the folder above it."""
    work = tmpdir()
    ydir = os.path.join(work, "2021")
    shutil.copytree(SMALL, ydir)
    if make:
        make(os.path.join(ydir, "submissions", name))
    return work


@test
def each_hostile_workbook_gives_its_error_within_64_mb_and_a_second():
    # Time is the build's own CPU time (user + system): the wall clock of a
    # machine busy with other work says nothing about the file.  Under
    # valgrind (EGREPORT_TEST_SLOW) neither time nor memory is the
    # program's own; under AddressSanitizer the shadow memory alone is
    # about 50 MB, so there the limit applies to what the file adds to a
    # build without it.
    slow = bool(os.environ.get("EGREPORT_TEST_SLOW"))
    sanitized = "ASAN_OPTIONS" in os.environ
    base = hostile_year()
    rc, se, _, _, base_rss = build_measured(base, 2021, os.path.join(base, "out"))
    check(rc == 0, "the build without a hostile file exits %d: %s" % (rc, se[-500:]))
    bad = []
    for name, make, code, words in CORPUS:
        work = hostile_year(name, make)
        out = os.path.join(work, "out")
        rc, se, wall, cpu, rss = build_measured(work, 2021, out)
        if rc != 1:
            bad.append("%s: exit %d: %s" % (name, rc, se[-500:]))
            continue
        rows = read_validation(os.path.join(out, "2021", "validation.csv"))
        mine = [(v["severity"], v["code"]) for v in rows if v["file"] == "submissions/" + name]
        msgs = [v["message"] for v in rows if v["file"] == "submissions/" + name]
        if mine != [("error", code)]:
            bad.append("%s: %s, expected one %s" % (name, mine, code))
        elif words not in msgs[0]:
            bad.append("%s: message %r lacks %r" % (name, msgs[0], words))
        # the sound files next to it were still read: nobody is missing
        if any(v["code"] == "W_NOT_SUBMITTED" for v in rows):
            bad.append("%s: the sound files next to it were not all read" % name)
        if slow:
            continue
        if (rss - base_rss if sanitized else rss) > MAX_RSS_KB:
            bad.append("%s: peak RSS %.1f MB (%.1f MB without it)" % (name, rss / 1024,
                                                                     base_rss / 1024))
        if cpu > MAX_SECONDS:
            bad.append("%s: %.2f s of CPU (%.2f s wall)" % (name, cpu, wall))
    check(not bad, "\n  ".join(bad))


def ods_bytes():
    """The start of an OpenDocument spreadsheet: its "mimetype" part first,
    stored, as every ODS writer puts it."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet",
                   compress_type=zipfile.ZIP_STORED)
        z.writestr("content.xml", "<office:document-content/>")
    return buf.getvalue()


# A workbook or another kind of file named .csv: name, bytes, the words
# its one error must hold (what it is, what to rename it to)
NOT_TEXT = [
    ("BaoCao.csv", valid_bytes, "bảng tính Excel (.xlsx), nhưng mang đuôi .csv: đổi đuôi tệp thành .xlsx"),
    ("cu.csv", lambda: open(os.path.join(ROOT, "tests", "fixtures", "xls", "cells.xls"), "rb").read(),
     "bảng tính Excel 97-2003 (.xls) hoặc bảng tính có đặt mật khẩu, nhưng mang đuôi .csv: đổi "
     "đuôi tệp thành .xls"),
    ("calc.CSV", ods_bytes, "bảng tính OpenDocument (.ods) nhưng mang đuôi .CSV"),
    ("in.txt", lambda: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "tài liệu PDF nhưng mang đuôi .txt"),
]


@test
def a_workbook_named_csv_is_said_to_be_one_whatever_the_threads_and_in_validate():
    work = hostile_year()
    sub = os.path.join(work, "2021", "submissions")
    for name, make, _ in NOT_TEXT:
        with open(os.path.join(sub, name), "wb") as f:
            f.write(make())
    got = {}
    for jobs in ("1", "2"):
        out = os.path.join(work, "out" + jobs)
        rc, _, se = run(["build", "2021", "--input", work, "--output", out, "--jobs", jobs])
        check(rc == 1, "--jobs %s: exit %d: %s" % (jobs, rc, se[-500:]))
        with open(os.path.join(out, "2021", "validation.csv"), "rb") as f:
            got[jobs] = f.read()
    check(got["1"] == got["2"], "validation.csv differs between --jobs 1 and --jobs 2")
    rows = read_validation(os.path.join(work, "out1", "2021", "validation.csv"))
    for name, _, words in NOT_TEXT:
        mine = [(v["code"], v["message"]) for v in rows if v["file"] == "submissions/" + name]
        check(len(mine) == 1 and mine[0][0] == "E_CSV_NOT_TEXT" and words in mine[0][1],
              "%s: %s, expected one E_CSV_NOT_TEXT saying %r" % (name, mine, words))
    check(not any(v["code"] in ("E_NO_HEADER", "W_NOT_SUBMITTED") for v in rows),
          "no header said, or the sound files not read: %s" % rows)
    # the clerk's own check says the same of the same file
    rc, so, _ = run(["validate", os.path.join(sub, "BaoCao.csv"), "--input", work])
    check(rc == 1 and "đổi đuôi tệp thành .xlsx" in so and "[E_CSV_NOT_TEXT]" in so and
          "E_NO_HEADER" not in so, "validate: exit %d: %s" % (rc, so))


def write_long_sheet(path, filler):
    """A workbook with a header, two values and `filler` rows that carry
    no indicator (a long list of notes, skipped without a word)."""
    head = rows_sheet([("Mã đơn vị", "Mã chỉ tiêu", "Giá trị", "Ghi chú"),
                       ("KT.STTTT", "ht.cbcc", "38"), ("KT.STTTT", "ht.cbcc_may_tinh", "38")])
    head = head[:head.index("</sheetData>")]
    body = "".join('<row r="%d"><c r="A%d"><v>%d</v></c><c r="D%d" t="s"><v>%d</v></c></row>'
                   % (i, i, i, i, i % 3) for i in range(4, filler + 4))
    sst = '<sst %s><si><t>a</t></si><si><t>b</t></si><si><t>c</t></si></sst>' % NS
    write_zip(path, package(head + body + "</sheetData></worksheet>", sst=sst))


@test
def a_sheet_a_hundred_times_longer_takes_no_more_memory():
    # Under a sanitizer or valgrind the allocator's own bookkeeping grows
    # with every allocation: there the measure says nothing.
    if os.environ.get("EGREPORT_TEST_SLOW") or "ASAN_OPTIONS" in os.environ:
        return
    peaks = []
    for filler in (2000, 200000):
        work = hostile_year("zz-long.xlsx", lambda p: write_long_sheet(p, filler))
        rc, se, _, _, rss = build_measured(work, 2021, os.path.join(work, "out"))
        check(rc == 0, "exit %d with %d rows: %s" % (rc, filler, se[-500:]))
        # the two values were read (they duplicate 01-sotttt.csv's)
        rows = read_validation(os.path.join(work, "out", "2021", "validation.csv"))
        dup = [v for v in rows if v["file"] == "submissions/zz-long.xlsx"]
        check(len(dup) == 2 and all(v["code"] == "W_DUPLICATE" for v in dup),
              "%d rows: %s" % (filler, [(v["code"], v["row"]) for v in dup]))
        peaks.append(rss)
        with zipfile.ZipFile(os.path.join(work, "2021", "submissions", "zz-long.xlsx")) as z:
            size = z.getinfo("xl/worksheets/sheet1.xml").file_size
    check(size > 10 << 20, "the long sheet is only %d bytes" % size)
    check(peaks[1] - peaks[0] < 4 * 1024, "peak RSS grew from %.1f to %.1f MB with the sheet"
          % (peaks[0] / 1024, peaks[1] / 1024))


@test
def values_whose_format_shows_nothing_are_said_in_xlsx_and_xls():
    # A value cell formatted ";;;", or in a white font on a white cell,
    # shows the clerk an empty cell, yet its number is read
    # (W_VALUE_UNSHOWN, once for the file, at the first, with how many;
    # the values still count): a number and a text both. A format that
    # hides only zeros (the accountant's blank) or dresses the number in
    # words, and a white font on a dark fill, say nothing.
    import openpyxl
    from openpyxl.styles import Color, Font, PatternFill
    work = tmpdir()
    forms = os.path.join(work, "forms")
    os.makedirs(forms)
    white = Font(color="FFFFFFFF")
    for how, fmt, font, fill in (
            ("hidden", ";;;", None, None), ("zeros", "#,##0;-#,##0;", None, None),
            ("words", '0 "người";-0;0;@', None, None), ("negative", '0;"âm"', None, None),
            ("white", None, white, None),
            ("background", None, Font(color=Color(theme=0)), None),
            ("whitefill", None, white, PatternFill("solid", fgColor="FFFFFF")),
            ("darkfill", None, white, PatternFill("solid", fgColor="1F4E78")),
            ("grey", None, Font(color=Color(theme=0, tint=-0.15)), None),
            # the automatic font colour on black: LibreOffice draws it white
            ("blackfill", None, Font(name="Calibri"), PatternFill("solid", fgColor="000000")),
            # a yes/no shown as its word: 1 as "Có"
            ("yesno", '"Có";;"Không"', None, None)):
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.append(["Mã đơn vị", "Mã chỉ tiêu", "Giá trị", "Ghi chú"])
        ws.append(["KT.STP", "ht.cbcc", 40, None])
        ws.append(["KT.STP", "tt.vb_di", 900, None])
        ws.append(["KT.STP", "ht.wan", "Có", None])
        for row in (2, 4):
            cell = ws.cell(row=row, column=3)
            if fmt:
                cell.number_format = fmt
            if font:
                cell.font = font
            if fill:
                cell.fill = fill
        wb.save(os.path.join(forms, how + ".xlsx"))
    libreoffice_xls([os.path.join(forms, n + ".xlsx") for n in ("hidden", "white", "darkfill")],
                    forms)
    for name in ("hidden.xlsx", "hidden.xls", "zeros.xlsx", "words.xlsx", "negative.xlsx",
                 "white.xlsx", "white.xls", "background.xlsx", "whitefill.xlsx", "darkfill.xlsx",
                 "darkfill.xls", "grey.xlsx", "blackfill.xlsx", "yesno.xlsx"):
        rc, se, stp, problems = build_for_stp(work, os.path.join(forms, name))
        check(rc in (0, 1), "%s: exit %d: %s" % (name, rc, se[-2000:]))
        check(stp == [("KT.STP", "ht.cbcc", 40), ("KT.STP", "ht.wan", 1),
                      ("KT.STP", "tt.vb_di", 900)], "%s: values %s" % (name, stp))
        found = [v for v in problems if v["code"] == "W_VALUE_UNSHOWN"]
        if not name.startswith(("hidden", "white", "background")):
            check(found == [], "%s: %s" % (name, found))
            continue
        check(len(found) == 1 and found[0]["severity"] == "warning" and
              (found[0]["file"], found[0]["row"], found[0]["column"], found[0]["unit"],
               found[0]["indicator"]) == ("submissions/" + name, "2", "3", "KT.STP", "") and
              "định dạng của ô C2 không hiện giá trị của ô" in found[0]["message"] and
              "giá trị '40' của ô vẫn được đọc và tính vào báo cáo (2 ô như vậy)"
              in found[0]["message"],
              "%s: %s" % (name, found))


@test
def a_hidden_value_column_is_said_in_xlsx_and_xls():
    # Last year's figures in a hidden column named "Giá trị", this year's
    # shown beside it under "Năm 2021", which names no column: the
    # figures read are the hidden ones, which the clerk does not see
    # (W_COLUMN_HIDDEN, once for the file, at the first value; the values
    # still count). A column of width 0 is hidden as well; a hidden column
    # of notes, or of codes, says nothing.
    import openpyxl
    import zipfile
    work = tmpdir()
    forms = os.path.join(work, "forms")
    os.makedirs(forms)
    for how in ("hidden", "width0", "notes", "codes"):
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.append(["Mã đơn vị", "Mã chỉ tiêu", "Giá trị", "Năm 2021", "Ghi chú"])
        ws.append(["KT.STP", "ht.cbcc", 40, 45, "có ghi chú"])
        ws.append(["KT.STP", "tt.vb_di", 900, 1106, None])
        ws.append(["KT.STP", "ht.wan", None, "Có", None])
        if how in ("hidden", "notes", "codes"):
            ws.column_dimensions[{"hidden": "C", "notes": "E", "codes": "A"}[how]].hidden = True
        path = os.path.join(forms, how + ".xlsx")
        wb.save(path)
        if how == "width0":
            # openpyxl leaves a width of 0 out: the sheet's XML as Excel
            # writes a column dragged shut
            with zipfile.ZipFile(path) as z:
                parts = {n: z.read(n) for n in z.namelist()}
            sheet = "xl/worksheets/sheet1.xml"
            parts[sheet] = parts[sheet].replace(
                b"<sheetData>", b'<cols><col min="3" max="3" width="0" customWidth="1"/></cols>'
                b"<sheetData>", 1)
            with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
                for n, b in parts.items():
                    z.writestr(n, b)
    libreoffice_xls([os.path.join(forms, "hidden.xlsx"), os.path.join(forms, "notes.xlsx")],
                    forms)
    for name in ("hidden.xlsx", "hidden.xls", "width0.xlsx", "notes.xlsx", "notes.xls",
                 "codes.xlsx"):
        rc, se, stp, problems = build_for_stp(work, os.path.join(forms, name))
        check(rc in (0, 1), "%s: exit %d: %s" % (name, rc, se[-2000:]))
        check(stp == [("KT.STP", "ht.cbcc", 40), ("KT.STP", "tt.vb_di", 900)],
              "%s: values %s" % (name, stp))
        found = [v for v in problems if v["code"] == "W_COLUMN_HIDDEN"]
        if name.startswith(("notes", "codes")):
            check(found == [], "%s: %s" % (name, found))
            continue
        check(len(found) == 1 and found[0]["severity"] == "warning" and
              (found[0]["file"], found[0]["row"], found[0]["column"], found[0]["unit"],
               found[0]["indicator"]) == ("submissions/" + name, "2", "3", "KT.STP", "") and
              "cột giá trị (cột C) bị ẩn trong trang tính" in found[0]["message"] and
              "2 giá trị ở cột này (từ ô C2) vẫn được đọc" in found[0]["message"],
              "%s: %s" % (name, found))
