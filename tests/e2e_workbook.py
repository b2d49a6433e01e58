"""End-to-end tests of the analysts' workbook: every formula recalculated by
LibreOffice agrees with the value we cached, every figure of Tổng hợp is
the PDF's, nothing in the file would make Excel offer a repair, the
analyst's comforts are there, large data is split and streamed, and text
from the inputs never becomes a formula.

LibreOffice runs once for all of them (headless, a profile of its own in a
temporary folder, recalculation on load forced, killed on timeout)."""
import csv
import math
import os
import re
import shutil
import signal
import subprocess
import tempfile
import warnings
import zipfile
import xml.etree.ElementTree as ET
from pathlib import Path

from e2elib import ROOT, CASES, Failure, check, test, build, tmpdir, read_validation, \
    pdf_text, workbook, summary_figures, demo

SHEETS = ["Tổng hợp", "Xếp hạng", "Sở ban ngành", "Huyện", "Xã", "Kiểm tra", "Dữ liệu",
          "Thông tin"]
DATA_HEAD = ["Năm", "Mã đơn vị", "Tên đơn vị", "Cấp", "Mã đơn vị cấp trên", "Mã chỉ tiêu",
             "Tên chỉ tiêu", "Giá trị", "Tệp", "Dòng", "Ghi chú"]
NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
# The functions our formulas may use: all in Excel 2007, none needs _xlfn.
FUNCTIONS = {"SUMIFS", "COUNTIFS", "IF", "ROUND", "SUM", "INDEX", "MATCH", "AND", "ISNUMBER"}
SOFFICE_TIMEOUT = 300


def layout_figures():
    with open(os.path.join(ROOT, "layouts", "figures.csv"), encoding="utf-8") as f:
        return {r["code"]: r for r in csv.DictReader(f)}


# ---- the workbooks under test, built once ---------------------------------

def case_input(name):
    """A copy of a faulty case's input (tests/cases/NAME), as e2e_cases
    lays it out: (input folder, year)."""
    from e2e_cases import load_case
    spec = load_case(name)
    work = tmpdir()
    ydir = os.path.join(work, "input", spec["year"])
    shutil.copytree(os.path.join(CASES, spec["base"], "input", spec["year"]), ydir)
    files = os.path.join(CASES, name, "files")
    if os.path.isdir(files):
        shutil.copytree(files, ydir, dirs_exist_ok=True)
    for rel in spec["remove"]:
        os.remove(os.path.join(ydir, rel))
    return os.path.join(work, "input"), int(spec["year"])


def flooded(inp_year):
    inp, year = inp_year
    with open(os.path.join(inp, str(year), "submissions", "zz-flood.csv"), "w",
              encoding="utf-8") as f:
        f.write("unit_code,indicator,value\n" + "KT.STP,ht.cbcc,45\n" * 1200)
    return inp, year


def small_input():
    return os.path.join(CASES, "small-2021", "input"), 2021


# Changes of two counts of units (dem.*) against baseline.csv's counts: 3
# departments with Internet against 1, and 0 with a paper one-stop shop
# against 2, whose share (0) is its count.
UNIT_CHANGES = [
    ("dem.lan_internet.so", 1, None),
    ("dem.mot_cua_chua.so", 2, 'dem.mot_cua_chua.so,Hạ tầng kỹ thuật,"Sở, ban, ngành chưa '
                               'triển khai một cửa",count,ht.mo_hinh_mot_cua,,so,in chua,percent'),
]


# tong.ho_so last year, set against this year's in tong.ho_so.tang
SUM_CHANGE_LAST = 40000


def layouts_with_figures(work, after):
    """A copy of the layouts in work/layouts whose figures.csv has the new
    lines of after[prefix] after its line that begins with prefix; its
    path."""
    layouts = os.path.join(work, "layouts")
    shutil.copytree(os.path.join(ROOT, "layouts"), layouts)
    path = os.path.join(layouts, "figures.csv")
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    out = []
    for line in lines:
        out.append(line)
        for prefix, new in after.items():
            if line.startswith(prefix):
                out.extend(new)
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")
    return layouts


def unit_change_input():
    """The small 2021 year with changes of counts of units in figures.csv
    and their counts last year in baseline.csv: (input, year, the
    options that take the layouts)."""
    work = tmpdir()
    inp = os.path.join(work, "input")
    shutil.copytree(os.path.join(CASES, "small-2021", "input"), inp)
    with open(os.path.join(inp, "2021", "baseline.csv"), "a", encoding="utf-8") as f:
        for code, last, _ in UNIT_CHANGES:
            f.write("%s,%d\n" % (code, last))
        f.write("tong.ho_so,%d\n" % SUM_CHANGE_LAST)
    changes = []
    for code, _, fig in UNIT_CHANGES:
        changes += ([fig] if fig else []) + [
            "%s.tang,Hạ tầng kỹ thuật,%s: thay đổi so với năm trước,diff_baseline,%s,,,,count"
            % (code, code, code)]
    layouts = layouts_with_figures(work, {
        "dem.lan_internet.so,": changes,
        "tong.ho_so,": ["tong.ho_so.tang,Mức độ giao dịch,Tổng số hồ sơ: thay đổi so với năm "
                        "trước,diff_baseline,tong.ho_so,,,,count"]})
    return inp, 2021, "--layouts", layouts


# name -> (input, env); "demo" is e2elib's build of input/2020.
RECIPES = {
    "small": (small_input, None),
    # tl.cbcc_may_tinh: a unit reported one part only, so Tử số and Mẫu số
    # must fall back to values
    "fallback": (lambda: case_input("duplicates"), None),
    "inject": (lambda: case_input("formula-text"), None),
    # a share of 268,65 % the report does not print
    "share": (lambda: case_input("share-above-whole"), None),
    # constant-memory mode, Dữ liệu split over sheets of 150 rows
    "split": (small_input, {"EGREPORT_XLSX_ROWS_PER_SHEET": "150"}),
    # constant-memory mode on one sheet
    "stream": (small_input, {"EGREPORT_XLSX_STREAM_VALUES": "0"}),
    # the rows of Dữ liệu written by libxlsxwriter, the reference for ours
    "demo-lxw": (lambda: (os.path.join(ROOT, "input"), 2020), {"EGREPORT_XLSX_LXW_ROWS": "1"}),
    "split-lxw": (small_input, {"EGREPORT_XLSX_ROWS_PER_SHEET": "150",
                                "EGREPORT_XLSX_LXW_ROWS": "1"}),
    # Kiểm tra cut short, as past a sheet's 1,048,574 problems
    # (and a file's flood of 1,200 duplicates: its "… 200 more" line
    # stands for 200 of the problems not on the sheet)
    "few-problems": (lambda: flooded(case_input("csv-cut-value")),
                     {"EGREPORT_XLSX_PROBLEM_ROWS": "2"}),
    # changes of counts of units against last year's counts
    "unit-change": (unit_change_input, None),
    # the departments' staff all 0: their share with computers has
    # nothing to divide by
    "zero-staff": (lambda: zero_staff_input(), None),
}
BUILDS = {}


def zero_staff_input():
    """The small 2021 year where every department reports 0 staff, with a
    figure of the departments' share of staff with computers
    (tl.cbcc_may_tinh.so) in the layouts: (input, year, the options that
    take the layouts)."""
    work = tmpdir()
    inp, year = small_input()
    ydir = os.path.join(work, "in", str(year))
    shutil.copytree(os.path.join(inp, str(year)), ydir)
    zero_departments_staff(ydir)
    layouts = layouts_with_figures(work, {"tl.cbcc_may_tinh,": [
        "tl.cbcc_may_tinh.so,Hạ tầng kỹ thuật,CBCC của sở có máy tính,ratio,ht.cbcc_may_tinh,"
        "ht.cbcc,so,,percent"]})
    return os.path.join(work, "in"), year, "--layouts", layouts


def built(name):
    """{xlsx, pdf, dir, rc, stdout, stderr} of a named build."""
    if name not in BUILDS:
        if name == "demo":
            d = demo()
            year, out = 2020, d["dir"]
            rc, so, se = d["rc"], d["stdout"], d["stderr"]
        else:
            make_input, env = RECIPES[name]
            inp, year, *extra = make_input()
            out = tmpdir()
            rc, so, se = build(inp, year, out, *extra, env=env)
        check(rc in (0, 1), "%s: exit %d: %s" % (name, rc, se[-2000:]))
        BUILDS[name] = dict(xlsx=os.path.join(out, str(year), "egov-%d.xlsx" % year),
                            pdf=os.path.join(out, str(year), "egov-%d.pdf" % year),
                            dir=os.path.join(out, str(year)), rc=rc, stdout=so, stderr=se)
    return BUILDS[name]


def n_values(b):
    m = re.search(r"(\d+) values", b["stdout"])
    check(m, "the build did not say how many values: %r" % b["stdout"])
    return int(m.group(1))


# ---- LibreOffice ---------------------------------------------------------

RECALC_XCU = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def soffice_convert(files, outdir):
    """Opens each file in LibreOffice with recalculation on load forced and
    saves it again as XLSX in outdir (same base names).  A profile of its
    own keeps it apart from any running instance; on timeout the whole
    process group is killed."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    check(exe, "LibreOffice is not installed (Debian: libreoffice-calc-nogui)")
    profile = tempfile.mkdtemp(prefix="egreport-lo-")
    try:
        os.makedirs(os.path.join(profile, "user"))
        with open(os.path.join(profile, "user", "registrymodifications.xcu"), "w",
                  encoding="utf-8") as f:
            f.write(RECALC_XCU)
        env = dict(os.environ, HOME=profile)
        cmd = [exe, "-env:UserInstallation=" + Path(profile).as_uri(), "--headless",
               "--invisible", "--norestore", "--nolockcheck", "--nodefault", "--nologo",
               "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", outdir] + files
        # its own session: on timeout the launcher and soffice.bin go together
        p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                             start_new_session=True)
        try:
            so, se = p.communicate(timeout=SOFFICE_TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.communicate()
            raise Failure("LibreOffice did not finish within %d s: killed" % SOFFICE_TIMEOUT)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    for f in files:
        out = os.path.join(outdir, os.path.basename(f))
        check(os.path.exists(out), "LibreOffice did not convert %s: %s %s" % (
            os.path.basename(f), so.decode(errors="replace")[-500:],
            se.decode(errors="replace")[-500:]))


def tamper(src, dst):
    """A copy of src where the cached result of the first SUMIFS formula of
    Tổng hợp is off by 12345: a recalculating reader must not show it.
    Returns (cell, the true cached value)."""
    with zipfile.ZipFile(src) as zin:
        sheet = zin.read("xl/worksheets/sheet1.xml").decode("utf-8")
        m = re.search(r'<c r="([A-Z]+\d+)"[^>]*><f>SUMIFS[^<]*</f><v>([^<]+)</v>', sheet)
        check(m, "no SUMIFS formula in Tổng hợp")
        cell, value = m.group(1), float(m.group(2))
        sheet = sheet[:m.start(2)] + repr(value + 12345) + sheet[m.end(2):]
        with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
            for item in zin.infolist():
                data = zin.read(item.filename)
                if item.filename == "xl/worksheets/sheet1.xml":
                    data = sheet.encode("utf-8")
                zout.writestr(item, data)
    return cell, value


# The sheets an analyst sorts with the filter buttons, and the first row of
# data under their header.
SORTABLE = {"Tổng hợp": 3, "Xếp hạng": 2}
# A cell of Thông tin past its content that reads each headline name.
NAME_PROBE_COL = 30


def sorted_copy(src, dst):
    """A copy of src with the rows of Tổng hợp and Xếp hạng in reverse
    order, as a sort moves them: each row's cells go with it, its formulas
    translated as the spreadsheet moves them (relative references follow
    the row, absolute ones stay).  Thông tin gets a formula reading each
    defined name, far right.  The cached values are dropped: only a
    recalculation gives the figures back.  Returns the names probed, in
    order."""
    import openpyxl
    from openpyxl.formula.translate import Translator
    wb = openpyxl.load_workbook(src)
    for title, first in SORTABLE.items():
        ws = wb[title]
        last = ws.max_row
        rows = [[(c.value, c.number_format) for c in r]
                for r in ws.iter_rows(min_row=first, max_row=last)]
        for k, cells in enumerate(reversed(rows)):
            to = first + k
            frm = last - k
            for col, (v, fmt) in enumerate(cells, start=1):
                if isinstance(v, str) and v.startswith("="):
                    v = Translator(v, origin="%s%d" % (openpyxl.utils.get_column_letter(col), frm)) \
                        .translate_formula("%s%d" % (openpyxl.utils.get_column_letter(col), to))
                cell = ws.cell(row=to, column=col)
                cell.value = v
                cell.number_format = fmt
    names = sorted(d.name for d in wb.defined_names.definedName if not d.name.startswith("_"))
    info = wb["Thông tin"]
    for k, n in enumerate(names):
        info.cell(row=1 + k, column=NAME_PROBE_COL).value = "=" + n
    wb.save(dst)
    return names


# What an analyst's edits of Dữ liệu in the small 2021 workbook do: one
# department's staff (ht.cbcc) up by STAFF_ADDED; the departments'
# incoming documents (tt.vb_den) all 0, the dossiers (gd.ho_so) all 0, and
# the departments' answers on a steering committee (cs.ban_chi_dao)
# removed, so that four figures have nothing to divide by.
STAFF_ADDED = 100
ZEROED = ("tt.vb_den", "gd.ho_so")
UNANSWERED = ("cs.ban_chi_dao", "so")


def edited_copy(src, dst):
    """A copy of src with Dữ liệu edited as above (the cached values are
    dropped: only a recalculation gives the figures).  Returns the unit
    whose staff was raised."""
    import openpyxl
    wb = openpyxl.load_workbook(src)
    ws = wb["Dữ liệu"]
    head = [c.value for c in ws[1]]
    unit, level, code, value = (head.index(h) for h in ("Mã đơn vị", "Cấp", "Mã chỉ tiêu",
                                                         "Giá trị"))
    raised = None
    for r in ws.iter_rows(min_row=2):
        if r[code].value == "ht.cbcc" and r[level].value == "so" and raised is None:
            raised = r[unit].value
            r[value].value += STAFF_ADDED
        elif r[code].value in ZEROED and (r[code].value != "tt.vb_den" or
                                          r[level].value == "so"):
            r[value].value = 0
        elif (r[code].value, r[level].value) == UNANSWERED:
            r[code].value = "xx.removed"
    check(raised, "no department's ht.cbcc in Dữ liệu")
    wb.save(dst)
    return raised


RECALC = {}
RECALCULATED = ("demo", "small", "fallback", "split", "inject", "unit-change", "zero-staff")


def staffed_copy(src, dst):
    """A copy of src where every department's ht.cbcc in Dữ liệu is
    STAFF_ADDED (an analyst's correction)."""
    import openpyxl
    wb = openpyxl.load_workbook(src)
    n = 0
    for r in wb["Dữ liệu"].iter_rows(min_row=2):
        if r[5].value == "ht.cbcc" and r[3].value == "so":
            r[7].value = STAFF_ADDED
            n += 1
    check(n > 0, "no department's ht.cbcc in Dữ liệu")
    wb.save(dst)


def appended_copy(src, dst):
    """A copy of src with two rows added below Dữ liệu's last, as an
    analyst would type in a late department's report: its ht.cbcc of
    STAFF_ADDED, of whom STAFF_ADDED - 1 with a computer."""
    import openpyxl
    wb = openpyxl.load_workbook(src)
    ws = wb["Dữ liệu"]
    for code, value in (("ht.cbcc", STAFF_ADDED), ("ht.cbcc_may_tinh", STAFF_ADDED - 1)):
        model = [r for r in ws.iter_rows(min_row=2, values_only=True)
                 if r[5] == code and r[3] == "so"]
        check(model, "no department's %s in Dữ liệu" % code)
        row = list(model[0])
        row[1], row[2], row[7] = "GL.MOI", "Sở Mới", value
        ws.append(row)
    wb.save(dst)


def unit_sheet_edited_copy(src, dst):
    """A copy of src with the unit sheets edited by hand: on Xã, the first
    commune's computers (the rate's part) blanked and the second's staff
    (its whole) blanked; on Sở ban ngành, the first department without a
    rate of its high schools given both parts (10 schools, 4 teaching
    IT).  Returns {(sheet, cell of the rate): what it must become}."""
    import openpyxl
    wb = openpyxl.load_workbook(src)
    want = {}
    ws = wb["Xã"]
    codes = [c.value for c in ws[1]]
    rate = codes.index("tl.cbcc_may_tinh")
    part, whole = codes.index("ht.cbcc_may_tinh"), codes.index("ht.cbcc")
    rows = list(ws.iter_rows(min_row=3))
    check(isinstance(rows[0][part].value, (int, float)) and
          isinstance(rows[1][whole].value, (int, float)), "the communes' parts")
    rows[0][part].value = None
    rows[1][whole].value = None
    want[("Xã", rows[0][rate].coordinate)] = ""
    want[("Xã", rows[1][rate].coordinate)] = ""
    ws = wb["Sở ban ngành"]
    codes = [c.value for c in ws[1]]
    rate = codes.index("tl.thpt_tin_hoc")
    part, whole = codes.index("nl.thpt_tin_hoc"), codes.index("nl.thpt")
    for r in ws.iter_rows(min_row=3):
        if r[whole].value is None:
            check(str(r[rate].value).startswith("=IF("), "no formula at %s" % r[rate].coordinate)
            r[whole].value, r[part].value = 10, 4
            want[("Sở ban ngành", r[rate].coordinate)] = 0.4
            break
    check(len(want) == 3, "no department without high schools: %s" % want)
    wb.save(dst)
    return want


def recalculated(name):
    """The path of LibreOffice's recalculated copy of a named build; all of
    them (and a tampered copy) are converted in one LibreOffice run."""
    if not RECALC:
        work = tmpdir()
        src, out = os.path.join(work, "in"), os.path.join(work, "out")
        os.makedirs(src)
        os.makedirs(out)
        files = []
        for n in RECALCULATED:
            files.append(os.path.join(src, n + ".xlsx"))
            shutil.copy(built(n)["xlsx"], files[-1])
        files.append(os.path.join(src, "tampered.xlsx"))
        RECALC["tampered-cell"] = tamper(built("small")["xlsx"], files[-1])
        files.append(os.path.join(src, "sorted.xlsx"))
        RECALC["sorted-names"] = sorted_copy(built("demo")["xlsx"], files[-1])
        files.append(os.path.join(src, "edited.xlsx"))
        RECALC["edited-unit"] = edited_copy(built("small")["xlsx"], files[-1])
        files.append(os.path.join(src, "staffed.xlsx"))
        staffed_copy(built("zero-staff")["xlsx"], files[-1])
        files.append(os.path.join(src, "appended.xlsx"))
        appended_copy(built("small")["xlsx"], files[-1])
        files.append(os.path.join(src, "unit-edit.xlsx"))
        RECALC["unit-edit-wanted"] = unit_sheet_edited_copy(built("demo")["xlsx"], files[-1])
        soffice_convert(files, out)
        for f in files:
            RECALC[os.path.basename(f)[:-5]] = os.path.join(out, os.path.basename(f))
    return RECALC[name]


LOADED = {}


def load_formulas(path):
    """The workbook with its formulas (loaded once; tests must not change it)."""
    import openpyxl
    if ("f", path) not in LOADED:
        LOADED[("f", path)] = openpyxl.load_workbook(path)
    return LOADED[("f", path)]


def load_values(path):
    """The workbook's cached values, loaded once, without a warning."""
    if ("v", path) not in LOADED:
        LOADED[("v", path)] = workbook(path)
    return LOADED[("v", path)]


def load_lenient(path):
    """A file LibreOffice wrote: its extensions make openpyxl warn."""
    import openpyxl
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return openpyxl.load_workbook(path, data_only=True)


def same_number(a, b):
    """LibreOffice writes 15 significant digits: equal up to one unit of
    the 15th digit."""
    if isinstance(a, bool) or isinstance(b, bool) or not isinstance(a, (int, float)) or \
            not isinstance(b, (int, float)):
        return a == b
    if a == b:
        return True
    if a == 0 or b == 0:
        return False
    return abs(a - b) <= 10.0 ** (math.floor(math.log10(abs(a))) - 14)


def check_recalculation(name):
    """Every formula cell's cached value equals LibreOffice's recalculated
    one.  Returns {function name: count} over the formulas compared."""
    path = built(name)["xlsx"]
    formulas = load_formulas(path)
    cached = load_values(path)
    rec = load_lenient(recalculated(name))
    check(rec.sheetnames == cached.sheetnames, "LibreOffice changed the sheets: %s" % rec.sheetnames)
    kinds, bad, n = {}, [], 0
    for ws in formulas.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type != "f":
                    continue
                n += 1
                for fn in re.findall(r"([A-Z]+)\(", cell.value):
                    kinds[fn] = kinds.get(fn, 0) + 1
                a = cached[ws.title][cell.coordinate].value
                b = rec[ws.title][cell.coordinate].value
                if a in (None, "") and cell.value.endswith(',"")'):
                    # a share with nothing to divide by: an empty text
                    if b not in (None, ""):
                        bad.append("%s!%s %s: cached no value, LibreOffice %r" % (
                            ws.title, cell.coordinate, cell.value[:80], b))
                    continue
                if not isinstance(a, (int, float)):
                    bad.append("%s!%s %s has no cached number: %r" % (ws.title, cell.coordinate,
                                                                       cell.value[:60], a))
                elif not same_number(a, b):
                    bad.append("%s!%s %s: cached %r, LibreOffice %r" % (
                        ws.title, cell.coordinate, cell.value[:80], a, b))
    check(n > 0, "no formula in the workbook")
    check(not bad, "%d of %d formulas disagree:\n  %s" % (len(bad), n, "\n  ".join(bad[:20])))
    kinds["_cells"] = n
    return kinds


@test
def libreoffice_really_recalculates_on_load():
    recalculated("small")
    cell, value = RECALC["tampered-cell"]
    rec = load_lenient(recalculated("tampered"))
    got = rec["Tổng hợp"][cell].value
    check(same_number(got, value), "Tổng hợp!%s shows %r after LibreOffice opened it, not the "
          "recalculated %r: recalculation on load is not in effect" % (cell, got, value))


@test
def sorting_tong_hop_and_xep_hang_leaves_every_figure_and_rank_as_it_was():
    """An analyst sorts the two sheets with the filter buttons: once
    LibreOffice has recalculated the sorted copy, every figure (Giá trị,
    Tử số, Mẫu số by its code), every rank and total (by level and unit)
    and every defined name read what the workbook cached."""
    cached = load_values(built("demo")["xlsx"])
    rec = load_lenient(recalculated("sorted"))
    bad, n = [], 0

    def keyed(ws, first, key, cols):
        out = {}
        for r in ws.iter_rows(min_row=first, values_only=True):
            if all(r[k] is not None for k in key):
                out[tuple(r[k] for k in key)] = tuple(r[c] for c in cols)
        return out

    for title, first in SORTABLE.items():
        head = [c.value for c in cached[title][first - 1]]
        if title == "Tổng hợp":
            key = [head.index("Mã chỉ tiêu")]
            cols = [head.index(h) for h in ("Giá trị", "Tử số", "Mẫu số")]
        else:
            key = [head.index("Cấp"), head.index("Mã đơn vị")]
            cols = [head.index(h) for h in ("Hạng", "Tổng điểm", "Ghi chú")]
        want = keyed(cached[title], first, key, cols)
        got = keyed(rec[title], first, key, cols)
        check(len(want) > 20 and set(want) == set(got), "%s: rows %d / %d" % (title, len(want),
                                                                             len(got)))
        for k, w in want.items():
            for a, b, h in zip(w, got[k], cols):
                n += 1
                if not same_number(a, b):
                    bad.append("%s %s %s: %r, sorted %r" % (title, k, head[h], a, b))
    names = {d.name: d.attr_text for d in cached.defined_names.definedName}
    figs = summary_figures(cached)
    info = rec["Thông tin"]
    for k, name in enumerate(RECALC["sorted-names"]):
        # what the name read before the sort: its figure found by code,
        # or the cell it named
        code = re.search(r'MATCH\("([^"]+)"', names[name])
        if code:
            want = figs[code.group(1)][0]
        else:
            want = cached["Tổng hợp"][names[name].split("!")[1].replace("$", "")].value
        got = info.cell(row=1 + k, column=NAME_PROBE_COL).value
        if not same_number(want, got):
            bad.append("name %s: %r, sorted %r" % (name, want, got))
    check(len(RECALC["sorted-names"]) >= 5, "names %s" % RECALC["sorted-names"])
    check(not bad, "%d of %d cells changed with the sort:\n  %s" % (len(bad), n,
                                                                    "\n  ".join(bad[:20])))


@test
def an_edit_of_du_lieu_moves_the_figures_and_a_0_to_divide_by_leaves_no_value():
    """An analyst edits Dữ liệu and recalculates: the sums and shares made
    from the edited values follow them.  Where there is nothing left to
    divide by, the share has no value, as the report says of such a
    figure, and neither has the complement made from it: its formula gave
    0 (a ratio, a count of units: "0.00%" in red; of tl.ho_so_tre, 0 %
    late and so tl.ho_so_dung_han 100 % on time, without a dossier)."""
    small = built("small")["xlsx"]
    before = summary_figures(load_values(small))
    rec = load_lenient(recalculated("edited"))
    after = summary_figures(rec)
    unit = RECALC["edited-unit"]
    staff = [r for r in load_values(small)["Dữ liệu"].iter_rows(min_row=2, values_only=True)
             if r[1] == unit and r[5] == "ht.cbcc"]
    check(len(staff) == 1, "%s's ht.cbcc: %r" % (unit, staff))
    value, num, den = after["tl.cbcc_may_tinh"][:3]
    check(den == before["tl.cbcc_may_tinh"][2] + STAFF_ADDED and
          num == before["tl.cbcc_may_tinh"][1] and same_number(value, num / den),
          "tl.cbcc_may_tinh after the edit: %r, before %r" % (after["tl.cbcc_may_tinh"][:3],
                                                            before["tl.cbcc_may_tinh"][:3]))
    check(after["tong.ho_so"][0] == 0, "tong.ho_so: %r" % (after["tong.ho_so"],))
    bad = []
    for code in ("tl.vb_den_xu_ly.so", "dem.ban_chi_dao.so", "tl.ho_so_tre",
                 "tl.ho_so_dung_han"):
        check(isinstance(before[code][0], (int, float)), "%s before: %r" % (code, before[code]))
        got = after[code][0]
        if isinstance(got, (int, float)) and not isinstance(got, bool):
            bad.append("%s: %r (Tử số %r, Mẫu số %r)" % (code, got, after[code][1],
                                                          after[code][2]))
    check(not bad, "a figure with nothing to divide by shows a number:\n  " + "\n  ".join(bad))


@test
def a_row_added_below_du_lieu_is_counted():
    """An analyst types a late department's staff, and those with a
    computer, in rows below the last of Dữ liệu: once recalculated, the
    sums over the departments count them (the formulas read whole columns;
    until 2026-12-05 they read the rows as built, and left such rows out)."""
    before = summary_figures(load_values(built("small")["xlsx"]))
    after = summary_figures(load_lenient(recalculated("appended")))
    value, num, den = after["tl.cbcc_may_tinh"][:3]
    check(den == before["tl.cbcc_may_tinh"][2] + STAFF_ADDED and
          num == before["tl.cbcc_may_tinh"][1] + STAFF_ADDED - 1 and
          same_number(value, num / den),
          "tl.cbcc_may_tinh with the row added: %r, before %r" % (
              after["tl.cbcc_may_tinh"][:3], before["tl.cbcc_may_tinh"][:3]))


@test
def a_share_with_nothing_to_divide_by_is_a_formula_that_follows_an_edit():
    """The departments' staff are all 0: their share with computers has no
    value, and its Giá trị is the formula of every share, with no cached
    number, so that LibreOffice agrees, and once an analyst gives the
    departments their staff in Dữ liệu the share is there (it was a blank,
    which stayed blank)."""
    b = built("zero-staff")
    rows = {r[0].value: r for r in load_formulas(b["xlsx"])["Tổng hợp"].iter_rows(min_row=3)
            if r[0].value}
    cell = rows["tl.cbcc_may_tinh.so"][2]
    want = '=IF(E{0}>0,D{0}/E{0},"")'.format(cell.row)
    check(cell.value == want, "tl.cbcc_may_tinh.so's Giá trị: %r, not %r" % (cell.value, want))
    cached = summary_figures(load_values(b["xlsx"]))["tl.cbcc_may_tinh.so"]
    check(cached[0] is None and cached[2] == 0, "cached: %r" % (cached,))
    check_recalculation("zero-staff")
    value, num, den = summary_figures(load_lenient(recalculated("staffed")))["tl.cbcc_may_tinh.so"]
    check(isinstance(den, (int, float)) and den > 0 and isinstance(value, (int, float)) and
          same_number(value, num / den), "after the edit: %r, %r, %r" % (value, num, den))


@test
def recalculation_of_the_2020_workbook_agrees_with_every_cached_value():
    kinds = check_recalculation("demo")
    for fn in ("SUMIFS", "COUNTIFS", "IF", "INDEX", "MATCH", "ROUND", "SUM"):
        check(kinds.get(fn), "no %s formula was compared: %s" % (fn, kinds))
    # Tổng hợp (~140), Xếp hạng (2 a unit), the units' rates (~1,400)
    check(kinds["_cells"] > 1000, "only %d formula cells" % kinds["_cells"])


@test
def a_units_rate_follows_its_parts_edited_on_its_sheet():
    # A part blanked on the unit's sheet leaves its rate empty, not 0 %
    # (nor #DIV/0! for a whole blanked); a unit given both parts there
    # has its rate, though it had none as built.
    rec = load_lenient(recalculated("unit-edit"))
    for (sheet, cell), want in RECALC["unit-edit-wanted"].items():
        got = rec[sheet][cell].value
        check(got in (None, "") if want == "" else same_number(got, want),
              "%s!%s: %r, not %r" % (sheet, cell, got, want))


@test
def recalculation_of_the_small_2021_workbook_agrees_with_every_cached_value():
    kinds = check_recalculation("small")
    check(kinds.get("SUMIFS") and kinds.get("COUNTIFS") and kinds.get("ROUND"), kinds)


@test
def recalculation_agrees_where_ratio_parts_fall_back_to_values():
    b = built("fallback")
    check_recalculation("fallback")
    ws = load_formulas(b["xlsx"])["Tổng hợp"]
    rows = {r[0].value: r for r in ws.iter_rows(min_row=3) if r[0].value}
    r = rows["tl.cbcc_may_tinh"]
    check(isinstance(r[3].value, (int, float)) and isinstance(r[4].value, (int, float)),
          "tl.cbcc_may_tinh: Tử số and Mẫu số should be values: %r %r" % (r[3].value, r[4].value))
    check(str(r[2].value).startswith("=IF("), "Giá trị is not their quotient: %r" % r[2].value)
    check(str(rows["tong.ho_so"][2].value).startswith("=SUMIFS("), "other figures lost formulas")
    # the value written is the one computed over the units with both parts
    small = summary_figures(load_values(built("small")["xlsx"]))
    got = summary_figures(load_values(b["xlsx"]))["tl.cbcc_may_tinh"]
    check(got[1] < small["tl.cbcc_may_tinh"][1], "the pair did not change: %r" % (got,))
    # Ghi chú names the units it left out; a figure without one says nothing
    head = [c.value for c in ws[2]]
    check(head[-1] == "Ghi chú", "Tổng hợp's header: %s" % head)
    note = r[6].value or ""
    check(re.fullmatch(r"Tính trên các đơn vị báo cáo cả ht\.cbcc_may_tinh và ht\.cbcc; \d+ đơn vị "
                       r"chỉ báo cáo một trong hai không được tính: KT\.[A-Z.]+(, KT\.[A-Z.]+)*",
                       note), "tl.cbcc_may_tinh's note: %r" % note)
    check(rows["tong.ho_so"][6].value is None, "tong.ho_so has a note")


@test
def the_unit_sheets_show_an_option_by_its_label_and_dữ_liệu_by_its_code():
    wb = load_values(built("demo")["xlsx"])
    ws = wb["Huyện"]
    codes = [c.value for c in ws[1]]
    j = codes.index("ht.mo_hinh_mot_cua")
    shown = {r[j] for r in ws.iter_rows(min_row=3, values_only=True) if r[0]}
    check(shown == {"một cửa điện tử liên thông", "một cửa điện tử"}, "Huyện shows %s" % shown)
    data = wb["Dữ liệu"]
    head = [c.value for c in data[1]]
    k, v = head.index("Mã chỉ tiêu"), head.index("Giá trị")
    kept = {r[v] for r in data.iter_rows(min_row=2, values_only=True) if r[k] == "ht.mo_hinh_mot_cua"}
    check(kept and kept <= {"lien_thong", "dien_tu", "chua"}, "Dữ liệu keeps %s" % kept)


@test
def a_share_the_report_does_not_print_says_so_in_tong_hop():
    # 141.000 late dossiers for 141 make a share of 268,65 %: the PDF
    # prints "…"; Tổng hợp keeps the figure and says, beside it, that the
    # report does not print it and why, as it does for its complement
    ws = load_formulas(built("share")["xlsx"])["Tổng hợp"]
    notes = {r[0].value: r[6].value for r in ws.iter_rows(min_row=3) if r[0].value}
    for code in ("tl.ho_so_tre", "tl.ho_so_dung_han"):
        check(notes.get(code) == "Báo cáo không in giá trị này: tỷ lệ ngoài khoảng 0–100%, do "
              "số liệu các đơn vị mâu thuẫn (phần lớn hơn tổng; xem Kiểm tra)",
              "%s: %r" % (code, notes.get(code)))
    check(notes.get("tong.ho_so") is None and notes.get("tl.cbcc_may_tinh") is None,
          "other figures have notes: %s" % {k: v for k, v in notes.items() if v})


@test
def a_change_without_last_years_figure_says_so_in_tong_hop():
    # baseline.csv down to its header: the change on last year cannot be
    # made, and Ghi chú says why (not that no unit sent data)
    work = tmpdir()
    inp = os.path.join(work, "input")
    shutil.copytree(os.path.join(CASES, "small-2021", "input"), inp)
    base = os.path.join(inp, "2021", "baseline.csv")
    head = open(base, encoding="utf-8").readline()
    open(base, "w", encoding="utf-8").write(head)
    out = os.path.join(work, "out")
    rc, _, se = build(inp, 2021, out)
    check(rc in (0, 1), se[-1000:])
    ws = load_formulas(os.path.join(out, "2021", "egov-2021.xlsx"))["Tổng hợp"]
    notes = {r[0].value: r[6].value for r in ws.iter_rows(min_row=3) if r[0].value and r[6].value}
    check(notes == {"tl.ho_may_tinh_internet.tang": "Chưa tính được: baseline.csv không có số "
                    "liệu năm trước của chỉ tiêu này"}, "notes: %s" % notes)


@test
def recalculation_agrees_when_the_data_is_split_over_sheets():
    kinds = check_recalculation("split")
    check(kinds.get("SUMIFS"), kinds)


@test
def recalculation_agrees_with_formula_like_text_in_the_inputs():
    check_recalculation("inject")


# ---- Tổng hợp and the PDF -------------------------------------------------

def parse_vn(s):
    """'1.234,5' -> 1234.5 (Vietnamese marks)."""
    return float(s.replace(".", "").replace(",", "."))


def check_summary_is_the_pdf(name):
    b = built(name)
    ws = load_values(b["xlsx"])["Tổng hợp"]
    defs = layout_figures()
    text = pdf_text(b["pdf"])
    report = open(os.path.join(ROOT, "layouts", "report.txt"), encoding="utf-8").read()
    tables = set(re.findall(r"^\[figures (.+?)\]\s*$", report, re.M))
    bad, seen, in_tables = [], 0, 0
    value_re = r"(…|[+-]?[\d.]+(?:,\d+)?%?)(?: (\d[\d.]*)/(\d[\d.]*))?"
    for row in ws.iter_rows(min_row=3, values_only=True):
        code, label, value, num, den = row[0], row[1], row[2], row[3], row[4]
        if not code:
            continue
        seen += 1
        fmt, kind = defs[code]["format"], defs[code]["kind"]
        if defs[code]["section"] not in tables:
            # not in a table: in a sentence, when the report prints it whole
            if "{%s:int}" % code in report and value is not None and \
                    "{:,}".format(round(value)).replace(",", ".") not in text:
                bad.append("%s: %r is not in the PDF's text" % (code, value))
            continue
        in_tables += 1
        found = {m.groups() for m in re.finditer(re.escape(label) + " " + value_re, text)}
        if len(found) != 1:
            bad.append("%s: %d different rows in the PDF for '%s': %s" % (code, len(found), label,
                                                                          found))
            continue
        shown, pnum, pden = found.pop()
        if value is None:
            if shown != "…":
                bad.append("%s: blank in the workbook, %s in the PDF" % (code, shown))
            continue
        if shown == "…":
            bad.append("%s: %r in the workbook, … in the PDF" % (code, value))
            continue
        # the PDF prints 2 decimals (percentages, points, numbers) or whole
        # numbers: equal at that precision
        sign = -1 if shown.startswith("-") else 1
        digits = sign * parse_vn(re.sub(r"[^\d.,]", "", shown))
        if fmt == "percent":
            want = shown.endswith("%") and abs(value * 100 - digits) <= 0.005 + 1e-9
        elif fmt == "points":
            # a change in points, signed, its unit in the label
            want = shown[0] in "+-0" and not shown.endswith("%") and \
                abs(value * 100 - digits) <= 0.005 + 1e-9
        elif fmt == "number":
            want = abs(value - digits) <= 0.005 + 1e-9
        else:
            want = re.fullmatch(r"[\d.]+", shown) and round(value) == digits
        if not want:
            bad.append("%s: %r in the workbook, %s in the PDF" % (code, value, shown))
        if kind in ("ratio", "count", "quotient", "complement") and num is not None:
            if pnum is None or round(num) != parse_vn(pnum) or round(den) != parse_vn(pden):
                bad.append("%s: %r/%r in the workbook, %s/%s in the PDF" % (code, num, den, pnum,
                                                                            pden))
    check(seen == len(defs), "Tổng hợp has %d figures, figures.csv %d" % (seen, len(defs)))
    check(in_tables == sum(1 for d in defs.values() if d["section"] in tables) and in_tables > 40,
          "only %d figures compared with the PDF's tables" % in_tables)
    check(not bad, "\n  ".join(bad))


@test
def every_figure_of_tong_hop_is_the_pdf_figure_2020():
    check_summary_is_the_pdf("demo")


@test
def every_figure_of_tong_hop_is_the_pdf_figure_small_2021():
    check_summary_is_the_pdf("small")


@test
def every_figure_of_tong_hop_is_the_pdf_figure_with_faulty_data():
    check_summary_is_the_pdf("fallback")


# ---- nothing Excel would repair -------------------------------------------

CELL_REF = re.compile(r"^\$?([A-Z]{1,3})\$?(\d+)$")


def col_number(letters):
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def check_range(ref, what):
    """A1 or A1:B2 within Excel's grid, top-left first."""
    parts = ref.split(":")
    check(1 <= len(parts) <= 2, "%s: bad range %r" % (what, ref))
    cells = []
    for p in parts:
        m = CELL_REF.match(p)
        check(m, "%s: bad cell %r" % (what, p))
        c, r = col_number(m.group(1)), int(m.group(2))
        check(1 <= c <= 16384 and 1 <= r <= 1048576, "%s: %r is outside the grid" % (what, p))
        cells.append((r, c))
    if len(cells) == 2:
        check(cells[0][0] <= cells[1][0] and cells[0][1] <= cells[1][1],
              "%s: range %r is reversed" % (what, ref))
    return cells


def sheet_parts(z):
    """sheet name -> part path, from workbook.xml and its relationships."""
    wbx = ET.fromstring(z.read("xl/workbook.xml"))
    rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    target = {r.get("Id"): r.get("Target") for r in rels}
    return [(s.get("name"), "xl/" + target[s.get("{%s}id" % NS["r"])])
            for s in wbx.find("m:sheets", NS)], wbx


def check_no_repair(path):
    """What makes Excel offer a repair: invalid or dangling names, a table
    whose range or columns do not match its cells, formulas with functions
    it would need _xlfn for or with local names, ranges off the grid."""
    z = zipfile.ZipFile(path)
    sheets, wbx = sheet_parts(z)
    names = [n for n, _ in sheets]
    for n in names:
        check(0 < len(n) <= 31 and not re.search(r"[\[\]:*?/\\]", n) and n[0] != "'",
              "sheet name %r" % n)
    check(len(set(n.lower() for n in names)) == len(names), "duplicate sheet names")
    # defined names: valid, unique, pointing at a sheet that exists
    seen = set()
    for dn in wbx.iter("{%s}definedName" % NS["m"]):
        name, ref = dn.get("name"), dn.text
        key = (name.lower(), dn.get("localSheetId"))
        check(key not in seen, "defined name %s twice" % name)
        seen.add(key)
        if not name.startswith("_xlnm."):
            check(re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.]{0,254}", name) and
                  not re.fullmatch(r"[A-Za-z]{1,3}\d+", name) and
                  not re.fullmatch(r"[RrCc]\d*|[Rr]\d*[Cc]\d*", name), "invalid name %r" % name)
        if re.match(r"[A-Z]+\(", ref):
            # a formula (a headline figure found by its code): only our
            # functions, every range on a sheet that exists and on the grid
            fns = set(re.findall(r"([A-Z][A-Z0-9.]*)\(", ref))
            check(fns <= FUNCTIONS, "name %s: functions %s" % (name, fns - FUNCTIONS))
            refs = re.findall(r"'((?:[^']|'')+)'!(\$?[A-Z]+\$?\d+(?::\$?[A-Z]+\$?\d+)?)", ref)
            check(refs, "name %s -> %r: no range" % (name, ref))
            for sh, part in refs:
                check(sh.replace("''", "'") in names, "name %s -> %r: no such sheet" % (name, ref))
                check_range(part.replace("$", ""), "name " + name)
            continue
        m = re.fullmatch(r"'?(.+?)'?!(.+)", ref)
        check(m and m.group(1).replace("''", "'") in names, "name %s -> %r: no such sheet" % (name, ref))
        for part in m.group(2).split(","):
            if not re.fullmatch(r"\$\d+:\$\d+", part):
                check_range(part.replace("$", ""), "name " + name)
    for sheet, part in sheets:
        x = ET.fromstring(z.read(part))
        dim = x.find("m:dimension", NS)
        # formulas: only our functions, English names, commas, no _xlfn
        for f in x.iter("{%s}f" % NS["m"]):
            check("_xlfn" not in f.text and ";" not in f.text, "%s: %s" % (sheet, f.text[:80]))
            fns = set(re.findall(r"([A-Z][A-Z0-9.]*)\(", f.text))
            check(fns <= FUNCTIONS, "%s: unexpected functions %s in %s" % (sheet, fns - FUNCTIONS,
                                                                          f.text[:80]))
            for q in re.findall(r"'([^']+)'!", f.text):
                check(q in names, "%s: formula refers to a missing sheet %r" % (sheet, q))
        for af in x.iter("{%s}autoFilter" % NS["m"]):
            check_range(af.get("ref"), sheet + " autofilter")
        for cf in x.iter("{%s}conditionalFormatting" % NS["m"]):
            for ref in cf.get("sqref").split():
                check_range(ref, sheet + " conditional format")
            for rule in cf.iter("{%s}formula" % NS["m"]):
                fns = set(re.findall(r"([A-Z][A-Z0-9.]*)\(", rule.text))
                check(fns <= FUNCTIONS, "%s: rule %s" % (sheet, rule.text))
        # tables: the range is the header and the data, the columns are the
        # header cells, the name is valid
        rels_path = part.replace("worksheets/", "worksheets/_rels/") + ".rels"
        if rels_path not in z.namelist():
            continue
        for rel in ET.fromstring(z.read(rels_path)):
            if not rel.get("Type").endswith("/table"):
                continue
            t = ET.fromstring(z.read(os.path.normpath(os.path.join(os.path.dirname(part),
                                                                    rel.get("Target")))))
            check(re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", t.get("name")), "table %s" % t.get("name"))
            (r0, c0), (r1, c1) = check_range(t.get("ref"), "table")
            check(dim is not None and dim.get("ref").split(":")[-1] == t.get("ref").split(":")[-1],
                  "table %s ends at %s, the sheet at %s" % (t.get("name"), t.get("ref"),
                                                            dim.get("ref")))
            cols = [c.get("name") for c in t.find("m:tableColumns", NS)]
            check(len(cols) == c1 - c0 + 1, "table %s: %d columns for %s" % (t.get("name"),
                                                                            len(cols), t.get("ref")))
            check(t.find("m:autoFilter", NS).get("ref") == t.get("ref"), "table autofilter")
    return z, sheets


@test
def the_workbooks_hold_nothing_excel_would_repair():
    for name in ("demo", "small", "split", "stream", "inject"):
        check_no_repair(built(name)["xlsx"])


@test
def the_2020_workbook_has_the_table_dulieu_over_every_value():
    b = built("demo")
    z, sheets = check_no_repair(b["xlsx"])
    tables = [n for n in z.namelist() if n.startswith("xl/tables/")]
    check(len(tables) == 1, "tables: %s" % tables)
    t = ET.fromstring(z.read(tables[0]))
    n = n_values(b)
    check(t.get("name") == "DuLieu" and t.get("ref") == "A1:K%d" % (n + 1),
          "table %s %s for %d values" % (t.get("name"), t.get("ref"), n))
    check([c.get("name") for c in t.find("m:tableColumns", NS)] == DATA_HEAD,
          "table columns %s" % [c.get("name") for c in t.find("m:tableColumns", NS)])


def all_cells(path):
    wb = load_values(path)
    return {ws.title: [[(c.value, c.number_format, c.data_type) for c in row]
                       for row in ws.iter_rows()] for ws in wb.worksheets}, \
        {ws.title: [d.width for _, d in sorted(ws.column_dimensions.items())]
         for ws in wb.worksheets}


@test
def the_rows_we_write_are_the_cells_libxlsxwriter_writes():
    # Dữ liệu's rows are ours, and the units' sheets' rows too (planned
    # cells: in memory written without libxlsxwriter's spans, streamed
    # the bytes libxlsxwriter writes, tests/unit/test_xlsx_write.c).  In memory
    # the strings are shared, streamed they are not: in both, every cell
    # of every sheet (value, format, type, formula's cached result) and
    # every column width is the same with our rows as with libxlsxwriter's.  In memory
    # the table of shared strings is the same, byte for byte, and counts
    # every cell that refers to it (libxlsxwriter counts the 11 headers of
    # the table DuLieu twice: written by the header row, then again by
    # the table).
    with zipfile.ZipFile(built("demo")["xlsx"]) as z, \
            zipfile.ZipFile(built("demo-lxw")["xlsx"]) as zl:
        sst = z.read("xl/sharedStrings.xml").decode("utf-8")
        check(sst == zl.read("xl/sharedStrings.xml").decode("utf-8"),
              "the demo's shared strings differ from libxlsxwriter's")
        refs = sum(len(re.findall(r'<c r="[A-Z]+[0-9]+"[^>]* t="s">', z.read(n).decode("utf-8")))
                   for n in z.namelist() if n.startswith("xl/worksheets/sheet"))
        m = re.search(r'count="([0-9]+)" uniqueCount="([0-9]+)"', sst)
        check(m and int(m.group(1)) == refs + len(DATA_HEAD) and
              int(m.group(2)) == sst.count("<si>"),
              "sharedStrings.xml says %s; the sheets refer to it %d times, it holds %d"
              % (m and m.group(0), refs, sst.count("<si>")))
        data = z.read("xl/worksheets/sheet7.xml").decode("utf-8")
        check("inlineStr" not in data and data.count(' t="s">') > 6360 * 6,
              "Dữ liệu's texts are not shared")
        parts = dict(sheet_parts(z)[0])
        for name in ("Sở ban ngành", "Huyện", "Xã"):
            xml, ref = z.read(parts[name]).decode("utf-8"), zl.read(parts[name]).decode("utf-8")
            check('<row r="3">' in xml and '<row r="3" spans=' in ref and "<f>" in xml,
                  "%s: the rows after the header are not ours" % name)
    for ours, theirs in (("demo", "demo-lxw"), ("split", "split-lxw")):
        a, wa = all_cells(built(ours)["xlsx"])
        b, wb = all_cells(built(theirs)["xlsx"])
        check(list(a) == list(b), "sheets %s / %s" % (list(a), list(b)))
        for name in a:
            check(len(a[name]) == len(b[name]), "%s: %s: %d rows, %d with libxlsxwriter's"
                  % (ours, name, len(a[name]), len(b[name])))
            for i, (ra, rb) in enumerate(zip(a[name], b[name])):
                check(ra == rb, "%s: %s row %d: %s / %s" % (ours, name, i + 1, ra, rb))
        check(wa == wb, "%s: column widths differ" % ours)
    data = a["Dữ liệu"]
    check(len(data) > 100 and data[0][0][0] == "Năm", "Dữ liệu of split: %d rows" % len(data))
    with zipfile.ZipFile(built("demo")["xlsx"]) as z:
        check(z.testzip() is None, "a part of the demo's workbook fails its CRC")


# ---- the sheets and the analyst's comforts --------------------------------

def sheet_xml(path):
    z = zipfile.ZipFile(path)
    sheets, wbx = sheet_parts(z)
    return {n: z.read(p).decode("utf-8") for n, p in sheets}, z.read("xl/workbook.xml").decode(
        "utf-8"), z


def fill_of(cell):
    c = cell.fill.fgColor.rgb if cell.fill and cell.fill.fgColor is not None else None
    return c[-6:] if isinstance(c, str) else None


@test
def a_blank_is_marked_missing_only_where_the_rulebook_expects_a_value():
    # Sở Tư pháp leaves out ht.wan (required of a department), says it has
    # no portal and so leaves out hd.du_thong_tin (asked only of a unit with
    # one), and reports no nl.thpt (a department's indicator the rulebook
    # asks of none): one yellow cell, two plain blanks.
    work = tmpdir()
    inp = os.path.join(work, "input")
    shutil.copytree(os.path.join(CASES, "small-2021", "input"), inp)
    p = os.path.join(inp, "2021", "submissions", "stp.csv")
    lines = open(p, encoding="utf-8").read().split("\n")
    lines = [l.replace("hd.cong_ttdt\tx", "hd.cong_ttdt\tkhông") for l in lines
             if "\tht.wan\t" not in l and "\thd.du_thong_tin\t" not in l]
    open(p, "w", encoding="utf-8").write("\n".join(lines))
    out = os.path.join(work, "output")
    rc, so, se = build(inp, 2021, out)
    check(rc == 0, "exit %d: %s" % (rc, se[-2000:]))
    ws = workbook(os.path.join(out, "2021", "egov-2021.xlsx"))["Sở ban ngành"]
    codes = [c.value for c in ws[1]]
    row = next(r for r in ws.iter_rows(min_row=3) if r[0].value == "KT.STP")
    cell = {code: row[i] for i, code in enumerate(codes) if code}
    check(cell["ht.wan"].value is None and fill_of(cell["ht.wan"]) == "FFF2CC",
          "ht.wan: %r, fill %s" % (cell["ht.wan"].value, fill_of(cell["ht.wan"])))
    for code in ("hd.du_thong_tin", "nl.thpt"):
        check(cell[code].value is None and fill_of(cell[code]) in (None, "000000"),
              "%s is marked missing (%s)" % (code, fill_of(cell[code])))
    marked = sum(1 for r in ws.iter_rows(min_row=3) for c in r if fill_of(c) == "FFF2CC")
    check(marked == 1, "%d cells marked missing" % marked)
    shutil.rmtree(work)


@test
def rows_of_wrapped_text_are_as_tall_as_their_lines():
    # LibreOffice does not fit a row to its wrapped text when it opens a
    # file: the rows that need more than one line say how tall they are.
    xml, _, _ = sheet_xml(built("demo")["xlsx"])
    labels = re.search(r'<row r="2"[^>]*>', xml["Sở ban ngành"]).group(0)
    ht = re.search(r'ht="([0-9.]+)" customHeight="1"', labels)
    check(ht and 45 <= float(ht.group(1)) <= 90, "the labels' row: %s" % labels)
    wb = load_values(built("demo")["xlsx"])
    ws = wb["Tổng hợp"]
    rows = {r[0].value: r[0].row for r in ws.iter_rows(min_row=2) if r[0].value}
    for code, lines in (("tl.ho_may_tinh_internet.tang", 2), ("tl.cbcc_may_tinh", 1),
                        ("dem.pm_chuyen_nganh", 1)):
        row = re.search(r'<row r="%d"[^>]*>' % rows[code], xml["Tổng hợp"]).group(0)
        ht = re.search(r'ht="([0-9.]+)"', row)
        check((float(ht.group(1)) if ht else 15) == 15 * lines, "%s: %s" % (code, row))


@test
def the_sheets_come_in_the_order_of_the_spec_with_their_columns():
    wb = load_values(built("demo")["xlsx"])
    check(wb.sheetnames == SHEETS, "sheets %s" % wb.sheetnames)
    ws = wb["Dữ liệu"]
    check([c.value for c in ws[1]] == DATA_HEAD, "Dữ liệu header %s" % [c.value for c in ws[1]])
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    check(len(rows) == n_values(built("demo")), "Dữ liệu has %d rows" % len(rows))
    levels = {"tinh", "so", "huyen", "xa"}
    for r in rows[:50] + rows[-50:]:
        check(r[0] == 2020 and r[1] and r[2] and r[3] in levels and r[5] and r[6] and
              r[8].startswith("submissions/") and isinstance(r[9], int) and r[9] > 0,
              "a Dữ liệu row: %r" % (r,))
        check((r[4] == "GL") == (r[3] in ("so", "huyen")) and (r[3] != "tinh" or r[4] is None),
              "parent of %s: %r" % (r[1], r[4]))
    ws = wb["Xếp hạng"]
    head = [c.value for c in ws[1]]
    check(head[:4] == ["Cấp", "Hạng", "Mã đơn vị", "Tên đơn vị"] and head[-2:] == ["Tổng điểm",
                                                                                     "Ghi chú"]
          and len(head) == 11, "Xếp hạng header %s" % head)
    info = [tuple(c.value for c in r[:3]) for r in wb["Thông tin"].iter_rows()]
    n_rows = format(len(rows), ",").replace(",", ".")   # 6.360, as Vietnamese text has it
    check(any(r[0] == "Trang dữ liệu" and r[1] == "Dữ liệu: %s giá trị" % n_rows for r in info)
          and any(r[0] == "Cách ghi dữ liệu" and r[1] == "bảng DuLieu" for r in info),
          "no data note")
    check(any(r[0] == "Tô màu cảnh báo" and "80%" in r[1] for r in info), "no threshold note")
    check(sum(1 for r in info if r[2] and re.fullmatch(r"[0-9a-f]{64}", r[2])) > 38,
          "files with SHA-256: too few")
    # the exports the dossier and document figures come from, by the
    # manifest's hashes (the files are 135 MB)
    manifest = open(os.path.join(os.path.dirname(built("demo")["xlsx"]), "egov-2020.manifest")).read()
    for name in ("systems/dossiers.csv", "systems/documents.csv"):
        sha = re.search(r"^input f \d+ ([0-9a-f]{64}) .* %s$" % re.escape(name), manifest, re.M)
        check(sha and any(r[0] == name and r[2] == sha.group(1) for r in info),
              "Thông tin lacks %s with the manifest's SHA-256" % name)
    check(any(r[0] == "Thời điểm ghi trong tệp (UTC)" and "issued_on" in (r[2] or "")
              for r in info), "the time's row does not say what it is")


@test
def every_sheet_freezes_its_header_prints_landscape_fit_to_width_and_repeats_headers():
    xml, wbx, _ = sheet_xml(built("demo")["xlsx"])
    for name, s in xml.items():
        check('state="frozen"' in s, "%s: header not frozen" % name)
        setup = re.search(r"<pageSetup [^>]*>", s)
        # fitToWidth is 1 when absent
        check(setup and 'orientation="landscape"' in setup.group(0) and
              'fitToHeight="0"' in setup.group(0) and 'paperSize="9"' in setup.group(0) and
              re.search(r'fitToWidth="1"|^((?!fitToWidth).)*$', setup.group(0)) and
              '<pageSetUpPr fitToPage="1"/>' in s, "%s: print setup %s" % (name, setup))
        check("<cols>" in s, "%s: no column widths" % name)
        check("<autoFilter" in s or name in ("Thông tin", "Dữ liệu"), "%s: no autofilter" % name)
        check(re.search(r"_xlnm.Print_Titles\" localSheetId=\"%d\"" % SHEETS.index(name), wbx),
              "%s: header rows not repeated" % name)


def cells(ws):
    return {c.coordinate: c for row in ws.iter_rows() for c in row}


@test
def numbers_carry_their_formats_and_widths_fit_the_content():
    wb = load_formulas(built("demo")["xlsx"])
    ws = wb["Tổng hợp"]
    fmt = {}
    for r in ws.iter_rows(min_row=3):
        if r[0].value:
            fmt[r[0].value] = (r[2].number_format, r[3].number_format)
    check(fmt["tl.cbcc_may_tinh"] == ("0.00%", "#,##0"), fmt["tl.cbcc_may_tinh"])
    check(fmt["tong.ho_so"][0] == "#,##0", fmt["tong.ho_so"])
    check(fmt["tl.ho_may_tinh_internet.tang"][0].startswith("+0.00%"), fmt)
    widths = {k: v.width for k, v in ws.column_dimensions.items()}
    check(widths["B"] > 40 and widths["A"] > 15, "Tổng hợp widths %s" % widths)
    ws = wb["Dữ liệu"]
    check(ws.column_dimensions["C"].width > 15 and ws.column_dimensions["G"].width > 30,
          "Dữ liệu widths")
    formats = {c.number_format for c in ws["H"][1:200] if isinstance(c.value, (int, float))}
    check("#,##0" in formats, "Dữ liệu value formats %s" % formats)


@test
def rates_have_data_bars_and_units_under_the_threshold_are_highlighted():
    xml, _, z = sheet_xml(built("demo")["xlsx"])
    for name in ("Tổng hợp", "Sở ban ngành", "Huyện", "Xã"):
        s = xml[name]
        check(re.search(r'<cfRule type="dataBar"[^>]*><dataBar><cfvo type="num" val="0"/>'
                        r'<cfvo type="num" val="1"/>', s), "%s: no data bar from 0 to 1" % name)
        # Tổng hợp's keyed by each row's Đơn vị tính and code (a sort moves rows)
        check(re.search(r"<formula>AND\(ISNUMBER\(([A-Z]+\d+)\),\1&lt;0.8\)</formula>", s) or
              (name == "Tổng hợp" and
               '<formula>AND(ISNUMBER(C3),$F3="%",C3&lt;0.8,$A3&lt;&gt;"tl.ho_so_tre")'
               '</formula>' in s),
              "%s: no highlight under 0.8" % name)
        check("<extLst>" not in s, "%s: Excel 2010 extensions (openpyxl drops them)" % name)
    # a rate where lower is better (figures.csv's better: the late
    # dossiers') has neither: its best values would look the worst
    wb = load_formulas(built("demo")["xlsx"])
    rows = {ws_row[0].value: ws_row[2].coordinate for ws_row in wb["Tổng hợp"].iter_rows()
            if len(ws_row) > 2}
    late, on_time = rows["tl.ho_so_tre"], rows["tl.ho_so_dung_han"]
    refs = " ".join(re.findall(r'<conditionalFormatting sqref="([^"]*)"', xml["Tổng hợp"])).split()

    def covered(cell):
        col, row = re.match(r"([A-Z]+)(\d+)", cell).groups()
        for ref in refs:
            a, _, b = ref.partition(":")
            ca, ra = re.match(r"([A-Z]+)(\d+)", a).groups()
            rb = int(re.match(r"[A-Z]+(\d+)", b).group(1)) if b else int(ra)
            if ca == col and int(ra) <= int(row) <= rb:
                return True
        return False
    bars = re.findall(r'<conditionalFormatting sqref="([^"]*)"><cfRule type="dataBar"',
                      xml["Tổng hợp"])
    refs = " ".join(bars).split()
    check(covered(on_time) and not covered(late),
          "data bars %s: %s (on time) must be in, %s (late) out" % (refs, on_time, late))
    # Xếp hạng: totals under 80% of the ranking's maximum (130 and 155)
    s = xml["Xếp hạng"]
    check("&lt;104)" in s and "&lt;124)" in s, "Xếp hạng: no highlight of low totals")
    # the unit sheets' rates: the unit's own quotient, a formula in every
    # row (an empty text where a part is missing)
    wb = load_formulas(built("demo")["xlsx"])
    data = load_values(built("demo")["xlsx"])
    n = lacking = 0
    for sheet, code, num, den in (("Xã", "tl.cbcc_may_tinh", "ht.cbcc_may_tinh", "ht.cbcc"),
                                  ("Sở ban ngành", "tl.thpt_tin_hoc", "nl.thpt_tin_hoc",
                                   "nl.thpt")):
        ws, wsv = wb[sheet], data[sheet]
        codes = [c.value for c in ws[1]]
        check(sheet != "Xã" or "tl.vb_den_xu_ly.xa" in codes, "rate columns %s" % codes)
        ci, a, b = codes.index(code), codes.index(num), codes.index(den)
        for r, rv in zip(ws.iter_rows(min_row=3), wsv.iter_rows(min_row=3)):
            pa, pb = r[a].coordinate, r[b].coordinate
            check(r[ci].value == '=IF(AND(ISNUMBER(%s),ISNUMBER(%s),%s>0),%s/%s,"")' % (
                pa, pb, pb, pa, pb), "%s!%s: %r" % (sheet, r[ci].coordinate, r[ci].value))
            if rv[a].value is None or rv[b].value in (None, 0):
                check(rv[ci].value in (None, ""), "a rate without its parts: %r" % rv[ci].value)
                lacking += 1
                continue
            check(rv[ci].value == rv[a].value / rv[b].value,
                  "rate of %s: %r" % (rv[0].value, rv[ci].value))
            n += 1
    check(n > 200 and lacking >= 19, "only %d rates, %d lacking" % (n, lacking))


@test
def each_ranking_has_a_bar_chart_of_its_totals():
    z = zipfile.ZipFile(built("demo")["xlsx"])
    charts = sorted(n for n in z.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", n))
    check(len(charts) == 2, "charts: %s" % charts)
    wb = load_values(built("demo")["xlsx"])
    ws = wb["Xếp hạng"]
    total_col = [c.value for c in ws[1]].index("Tổng điểm")
    for part, title, level in zip(charts, ("cấp sở", "cấp huyện"), ("Sở, ban, ngành", "Cấp huyện")):
        c = z.read(part).decode("utf-8")
        check("<c:barChart>" in c and '<c:barDir val="bar"/>' in c, part + " is not a bar chart")
        check(title in c, "%s: title" % part)
        # rank 1 at the top (the categories reversed), the value axis at
        # the foot (it crosses at the last category, which is the lowest)
        cat = re.search(r"<c:catAx>.*?</c:catAx>", c, re.S).group(0)
        val = re.search(r"<c:valAx>.*?</c:valAx>", c, re.S).group(0)
        check('<c:orientation val="maxMin"/>' in cat and '<c:crosses val="max"/>' in val,
              "%s: axes %s / %s" % (part, cat[:300], val[:300]))
        refs = re.findall(r"<c:f>([^<]+)</c:f>", c)
        check(len(refs) == 2, "%s refs %s" % (part, refs))
        m = re.fullmatch(r"'Xếp hạng'!\$D\$(\d+):\$D\$(\d+)", refs[0])
        m2 = re.fullmatch(r"'Xếp hạng'!\$([A-Z])\$(\d+):\$\1\$(\d+)", refs[1])
        check(m and m2 and m.groups() == m2.groups()[1:] and
              col_number(m2.group(1)) == total_col + 1, "%s refs %s" % (part, refs))
        rows = list(ws.iter_rows(min_row=int(m.group(1)), max_row=int(m.group(2)),
                                 values_only=True))
        check(all(r[0] == level and isinstance(r[total_col], (int, float)) for r in rows),
              "%s covers other rows: %s" % (part, rows[:2]))
    check(len(rows) == 17, "the district chart has %d units" % len(rows))


@test
def rank_and_total_are_formulas_that_agree_with_the_ranking():
    wb = load_formulas(built("small")["xlsx"])
    ws = wb["Xếp hạng"]
    head = [c.value for c in ws[1]]
    h, t = head.index("Hạng"), head.index("Tổng điểm")
    ranked = [r for r in ws.iter_rows(min_row=2) if r[h].value is not None]
    check(ranked, "no ranked unit")
    for r in ranked:
        check(re.fullmatch(r'=COUNTIFS\(\$A\$2:\$A\$%d,A%d,\$%s\$2:\$%s\$%d,">"&%s%d\)\+1' % (
            ws.max_row, r[t].row, r[t].column_letter, r[t].column_letter, ws.max_row,
            r[t].column_letter, r[t].row), r[h].value), "rank %r" % r[h].value)
        check(re.fullmatch(r"=ROUND\(SUM\(E%d:[A-Z]+%d\),2\)" % (r[t].row, r[t].row), r[t].value),
              "total %r" % r[t].value)


@test
def the_formulas_of_tong_hop_are_written_as_docs_workbook_md_says():
    """The text of each kind of formula in the 2020 demo's Tổng hợp, as the
    analyst reads it: SUMIFS and COUNTIFS over whole columns of Dữ liệu
    (one term per level, a yes as 1, a listed option by its
    code, a positive amount as ">0"), a pair's quotient of its own row, a
    figure found by its code over the sheet's rows from the first heading
    to the last figure, a complement, a change on last year."""
    ws = load_formulas(built("demo")["xlsx"])["Tổng hợp"]
    rows = {r[0].value: r for r in ws.iter_rows(min_row=3) if r[0].value}
    last = ws.max_row

    def col(c):
        return "'Dữ liệu'!$%s:$%s" % (c, c)

    def sumifs(code, *levels):
        return "=" + "+".join('SUMIFS(%s,%s,"%s",%s,"%s")' % (col("H"), col("F"), code, col("D"), lv)
                              for lv in levels)

    def countifs(code, levels, *crits):
        terms = []
        for crit in crits:
            for lv in levels:
                terms.append('COUNTIFS(%s,"%s",%s,"%s"%s)' % (
                    col("F"), code, col("D"), lv, "" if crit is None else ",%s,%s" % (col("H"), crit)))
        return "=" + "+".join(terms)

    def by_code(c, code):
        return 'INDEX($%s$3:$%s$%d,MATCH("%s",$A$3:$A$%d,0))' % (c, c, last, code, last)

    def own(code):
        r = rows[code][0].row
        return '=IF(E%d>0,D%d/E%d,"")' % (r, r, r)

    want = {
        "tong.ho_so": (sumifs("gd.ho_so", "so", "huyen", "xa"), None, None),
        "gd.dvc_muc_3": (sumifs("gd.dvc_muc_3", "tinh"), None, None),
        "tl.thpt_tin_hoc": (own("tl.thpt_tin_hoc"), sumifs("nl.thpt_tin_hoc", "so"),
                            sumifs("nl.thpt", "so")),
        "dem.lan_internet.so": (own("dem.lan_internet.so"),
                                countifs("ht.lan_internet", ["so"], "1"),
                                countifs("ht.lan_internet", ["so"], None)),
        "dem.mot_cua_dien_tu.huyen": (own("dem.mot_cua_dien_tu.huyen"),
                                      countifs("ht.mo_hinh_mot_cua", ["huyen"], '"lien_thong"',
                                               '"dien_tu"'),
                                      countifs("ht.mo_hinh_mot_cua", ["huyen"], None)),
        "dem.kinh_phi_cntt": (own("dem.kinh_phi_cntt"),
                              countifs("dt.kinh_phi_cntt", ["so", "huyen"], '">0"'),
                              countifs("dt.kinh_phi_cntt", ["so", "huyen"], None)),
        "tl.ho_so_tre": (own("tl.ho_so_tre"), "=" + by_code("C", "tong.ho_so_tre"),
                         "=" + by_code("C", "tong.ho_so")),
        "tl.ho_so_dung_han": ("=1-" + by_code("C", "tl.ho_so_tre"),
                              "=%s-%s" % (by_code("E", "tl.ho_so_tre"), by_code("D", "tl.ho_so_tre")),
                              "=" + by_code("E", "tl.ho_so_tre")),
    }
    for code, cells in want.items():
        got = tuple(c.value for c in rows[code][2:5])
        for name, g, w in zip(("Giá trị", "Tử số", "Mẫu số"), got, cells):
            check(g == w, "%s, %s: %r, expected %r" % (code, name, g, w))
    r = rows["tl.ho_may_tinh_internet.tang"]
    check(r[2].value == "=D%d-E%d" % (r[0].row, r[0].row) and
          r[3].value == "=" + by_code("C", "tl.ho_may_tinh_internet") and
          isinstance(r[4].value, float), "tl.ho_may_tinh_internet.tang: %r" % (
              [c.value for c in r[2:5]],))
    # both years' shares in the share's format, the change in points
    check([c.number_format for c in r[2:5]] == ["+0.00%;-0.00%;0.00%", "0.00%", "0.00%"],
          "tl.ho_may_tinh_internet.tang formats %r" % [c.number_format for c in r[2:5]])
    # small-2021: a department spent 0, which ">0" leaves out, as the figure
    # does: still a formula
    ws = load_formulas(built("small")["xlsx"])["Tổng hợp"]
    r = [r for r in ws.iter_rows(min_row=3) if r[0].value == "dem.kinh_phi_cntt"][0]
    check(isinstance(r[3].value, str) and r[3].value.startswith("=COUNTIFS(") and
          '">0"' in r[3].value, "small-2021 dem.kinh_phi_cntt, Tử số: %r" % r[3].value)


@test
def headline_figures_have_defined_names_and_vietnamese_properties():
    wb = load_values(built("demo")["xlsx"])
    names = {d.name: d.attr_text for d in wb.defined_names.definedName}
    figs = summary_figures(wb)
    check("TongHoSo" in names and "TyLeHoSoTre" in names, "names %s" % sorted(names))
    ws = wb["Tổng hợp"]
    m = re.fullmatch(r"INDEX\('Tổng hợp'!\$C\$3:\$C\$(\d+),MATCH\(\"(tong\.ho_so)\","
                     r"'Tổng hợp'!\$A\$3:\$A\$\1,0\)\)", names["TongHoSo"])
    check(m and int(m.group(1)) == ws.max_row, "TongHoSo is %r" % names["TongHoSo"])
    check(figs["tong.ho_so"][0] == 403086, "tong.ho_so -> %r" % (figs["tong.ho_so"],))
    p = wb.properties
    check("Chính quyền điện tử" in p.title and "2020" in p.title and "Gia Lai" in p.subject and
          p.creator == "Ủy ban nhân dân tỉnh Gia Lai", "properties %r %r %r" % (p.title, p.subject,
                                                                                p.creator))


@test
def the_highlight_threshold_comes_from_the_layouts():
    work = tmpdir()
    for value, rule in (("0.5", "&lt;0.5)"), (None, None), ("0,95", "&lt;0.95)")):
        layouts = os.path.join(work, "layouts-%s" % value)
        shutil.copytree(os.path.join(ROOT, "layouts"), layouts)
        path = os.path.join(layouts, "settings.csv")
        text = open(path, encoding="utf-8").read()
        check("highlight_below,0.8\n" in text, "layouts/settings.csv has no highlight_below,0.8")
        text = text.replace("highlight_below,0.8\n", "" if value is None else
                            'highlight_below,"%s"\n' % value)
        open(path, "w", encoding="utf-8").write(text)
        out = os.path.join(work, "out-%s" % value)
        inp, year = small_input()
        rc, _, se = build(inp, year, out, "--layouts", layouts)
        check(rc == 0, se)
        xml, _, _ = sheet_xml(os.path.join(out, "2021", "egov-2021.xlsx"))
        s = xml["Huyện"]
        if rule:
            check(rule in s, "threshold %s: not in the rule" % value)
        else:
            check("<formula>AND(ISNUMBER" not in s and "dataBar" in s, "no threshold, yet a highlight")


# ---- scale: constant memory, split data -----------------------------------

def all_values(wb, sheets):
    out = []
    for s in sheets:
        ws = wb[s]
        check([c.value for c in ws[1]] == DATA_HEAD, "%s header" % s)
        out += [tuple(r) for r in ws.iter_rows(min_row=2, values_only=True)]
    return out


@test
def data_past_a_sheet_continues_on_numbered_sheets_and_formulas_span_them():
    b, ref = built("split"), built("small")
    n = n_values(ref)
    wb = load_values(b["xlsx"])
    k = (n + 149) // 150
    check(k >= 3, "the small dataset makes only %d sheets of 150" % k)
    data = ["Dữ liệu"] + ["Dữ liệu (%d)" % i for i in range(2, k + 1)]
    check(wb.sheetnames == SHEETS[:6] + data + ["Thông tin"], "sheets %s" % wb.sheetnames)
    sizes = [wb[s].max_row - 1 for s in data]
    check(sizes == [150] * (k - 1) + [n - 150 * (k - 1)], "rows per sheet %s" % sizes)
    # the same values, in the same order, as the one-sheet workbook
    check(all_values(wb, data) == all_values(load_values(ref["xlsx"]), ["Dữ liệu"]),
          "the split data differs from the one-sheet data")
    check(summary_figures(wb) == summary_figures(load_values(ref["xlsx"])),
          "the figures differ from the one-sheet workbook's")
    f = load_formulas(b["xlsx"])["Tổng hợp"]
    sums = [r[2].value for r in f.iter_rows(min_row=3) if r[0].value == "tong.ho_so"]
    for s in data:
        check("'%s'!" % s in sums[0], "tong.ho_so does not read %s: %s" % (s, sums[0][:200]))
    z = zipfile.ZipFile(b["xlsx"])
    check(not [x for x in z.namelist() if x.startswith("xl/tables/")], "a table in streamed mode")
    xml, _, _ = sheet_xml(b["xlsx"])
    for s in data:
        check('<autoFilter ref="A1:K%d"/>' % (wb[s].max_row) in xml[s], "%s: no autofilter" % s)
    check("inlineStr" in xml["Tổng hợp"], "not written in constant-memory mode")
    info = [r[:2] for r in wb["Thông tin"].iter_rows(values_only=True)]
    for s, size in zip(data, sizes):
        check(any(r[1] == "%s: %s giá trị" % (s, format(size, ",").replace(",", "."))
                  for r in info), "Thông tin lacks %s" % s)
    check(any(r[0] == "Cách ghi dữ liệu" and "không có bảng DuLieu" in r[1] for r in info),
          "Thông tin does not say why there is no table")


@test
def a_streamed_workbook_holds_the_same_cells_as_an_in_memory_one():
    a = load_values(built("small")["xlsx"])
    b = load_values(built("stream")["xlsx"])
    check(a.sheetnames == b.sheetnames, "%s != %s" % (a.sheetnames, b.sheetnames))
    fa, fb = load_formulas(built("small")["xlsx"]), load_formulas(built("stream")["xlsx"])
    for s in a.sheetnames:
        for wa, wb_ in ((a, b), (fa, fb)):
            ra = [tuple(r) for r in wa[s].iter_rows(values_only=True)]
            rb = [tuple(r) for r in wb_[s].iter_rows(values_only=True)]
            if s == "Thông tin":
                ra = [r for r in ra if r[0] != "Cách ghi dữ liệu"]
                rb = [r for r in rb if r[0] != "Cách ghi dữ liệu"]
            check(ra == rb, "%s differs: %s" % (s, [(x, y) for x, y in zip(ra, rb) if x != y][:3]))
    z = zipfile.ZipFile(built("stream")["xlsx"])
    check(not [x for x in z.namelist() if x.startswith("xl/tables/")], "a table in streamed mode")


@test
def a_streamed_workbook_is_reproducible_too():
    out = tmpdir()
    inp, year = small_input()
    rc, _, se = build(inp, year, out, env={"EGREPORT_XLSX_ROWS_PER_SHEET": "150"})
    check(rc == 0, se)
    a = open(built("split")["xlsx"], "rb").read()
    b = open(os.path.join(out, "2021", "egov-2021.xlsx"), "rb").read()
    check(a == b, "two streamed builds differ")
    check(not [n for n in os.listdir(os.path.join(out, "2021")) if n.startswith(".") or
               n.startswith("tmp")], "temporary files left")


# ---- formula injection ----------------------------------------------------

INJECTED = ['=HYPERLINK("http://x","y")', "@SUM(A1)", "+1+1", "-2", "=1+1", "=2+16",
            "=cmd|' /C calc'!A0"]


@test
def text_that_looks_like_a_formula_is_written_as_text():
    b = built("inject")
    check(b["rc"] == 1, "exit %d" % b["rc"])
    wb = load_formulas(b["xlsx"])
    found = {}
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.data_type == "f":
                    # only our own formulas, never a text from the inputs
                    check(ws.title in ("Tổng hợp", "Xếp hạng", "Sở ban ngành", "Huyện", "Xã"),
                          "a formula in %s!%s: %s" % (ws.title, c.coordinate, c.value))
                    check(set(re.findall(r"([A-Z][A-Z0-9.]*)\(", c.value)) <= FUNCTIONS and
                          "HYPERLINK" not in c.value and "cmd" not in c.value,
                          "%s!%s: %s" % (ws.title, c.coordinate, c.value))
                elif isinstance(c.value, str):
                    for t in INJECTED:
                        if c.value == t or c.value.startswith(t):
                            check(c.data_type in ("s", "inlineStr"), "%s!%s is %s" % (
                                ws.title, c.coordinate, c.data_type))
                            found.setdefault(t, set()).add(ws.title)
    check(set(found) >= set(INJECTED) - {"=2+16"}, "texts not found: %s" % (set(INJECTED) -
                                                                             set(found)))
    check({"Dữ liệu", "Sở ban ngành", "Xã"} <= found['=HYPERLINK("http://x","y")'] | found["-2"],
          "unit names: %s" % found)
    check("Xếp hạng" in found['=HYPERLINK("http://x","y")'], "ranking: %s" % found)
    # the raw XML: strings, never <f>
    xml, _, z = sheet_xml(b["xlsx"])
    for name, s in xml.items():
        check("HYPERLINK" not in "".join(re.findall(r"<f>([^<]*)</f>", s)), name)
    # the notes are in Dữ liệu, next to their values
    ws = wb["Dữ liệu"]
    notes = {(r[1], r[5]): r[10] for r in ws.iter_rows(min_row=2, values_only=True)}
    check(notes[("KT.STP", "ht.cbcc")] == "=1+1" and notes[("KT.STP", "ht.wan")] == "-2" and
          notes[("KT.STP", "ht.lan_internet")] == "@SUM(A1)", "notes %s" % {
              k: v for k, v in notes.items() if v})
    files = {r[8] for r in ws.iter_rows(min_row=2, values_only=True)}
    check("submissions/=1+1.csv" in files, "file names %s" % files)
    # the bad value is listed in Kiểm tra, as text
    rows = [r for r in wb["Kiểm tra"].iter_rows(min_row=2, values_only=True)]
    check(any(r[1] == "E_VALUE_COUNT" and "=2+16" in r[7] for r in rows), "Kiểm tra %s" % rows)


@test
def the_parts_libxlsxwriter_writes_are_deflated_at_level_1():
    # libxlsxwriter deflates at zlib's level 6 and has no setting for it;
    # the build starts its streams at level 1 (src/write/deflate_level.h).
    # Each part it wrote is what zlib's level 1 makes of the part's bytes,
    # and not what level 6 makes (the rows of Dữ liệu and of the units'
    # sheets are ours, deflated in blocks of their own; parts of a few
    # hundred bytes come out the same at both levels).
    import zlib

    def raw(data, level):
        c = zlib.compressobj(level, zlib.DEFLATED, -15)
        return len(c.compress(data) + c.flush())
    z = zipfile.ZipFile(built("demo")["xlsx"])
    ours = {part for name, part in sheet_parts(z)[0]
            if name.startswith("Dữ liệu") or name in ("Sở ban ngành", "Huyện", "Xã")}
    checked = 0
    for info in z.infolist():
        data = z.read(info.filename)
        if info.filename in ours or len(data) < 2000:
            continue
        check(info.compress_size == raw(data, 1) != raw(data, 6),
              "%s: %d bytes deflated; level 1 makes %d, level 6 %d"
              % (info.filename, info.compress_size, raw(data, 1), raw(data, 6)))
        checked += 1
    check(checked >= 6, "only %d parts checked" % checked)


@test
def kiem_tra_past_a_sheets_rows_says_how_many_more_validation_csv_lists():
    # A file of a million rows repeated makes more problems than a sheet
    # holds (the build failed on the 1,048,576th row); the sheet is cut
    # (here at 2, as the hook says) and its last row says how many more.
    b = built("few-problems")
    with open(os.path.join(b["dir"], "validation.csv"), encoding="utf-8") as f:
        listed = list(csv.DictReader(f))
    check(len(listed) > 3, "the case has %d problems" % len(listed))
    wb = load_values(b["xlsx"])
    rows = [r for r in wb["Kiểm tra"].iter_rows(min_row=2, values_only=True)]
    check(len(rows) == 3, "Kiểm tra has %d rows: %s" % (len(rows), rows))
    check([r[1] for r in rows[:2]] == [p["code"] for p in listed[:2]], "the first two: %s" % rows)
    weights = [int(m.group(1).replace(".", "")) if m else 1
               for m in (re.match(r"còn ([\d.]+) (?:cảnh báo|lỗi) ", p["message"]) for p in listed[2:])]
    check(max(weights) == 200, "no '… 200 more' line: %s" % weights)
    more = format(sum(weights), ",").replace(",", ".")
    check(rows[2][:7] == (None,) * 7 and rows[2][7] ==
          "… và %s vấn đề nữa, quá số dòng một trang tính chứa được: xem validation.csv" % more,
          "the last row: %s" % (rows[2],))


@test
def cached_quotients_are_exact_to_the_last_bit():
    """Every quotient cached in the demo's workbook is the double Python
    gets dividing the two cached parts: Tổng hợp's Giá trị of each pair
    (IF(E>0,D/E,"")) and the units' own rates (F3/E3 within an IF).  %.16G would leave
    some one binary step off (4127/403086)."""
    path = built("demo")["xlsx"]
    formulas, cached = load_formulas(path), load_values(path)
    bad, n, inexact16 = [], 0, 0
    for ws in formulas.worksheets:
        vals = cached[ws.title]
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type != "f":
                    continue
                m = re.fullmatch(r'=IF\(([A-Z]+\d+)>0,([A-Z]+\d+)/\1,""\)', cell.value)
                refs = (m.group(2), m.group(1)) if m else None
                m = re.fullmatch(r'=IF\(AND\(ISNUMBER\(([A-Z]+\d+)\),ISNUMBER\(([A-Z]+\d+)\),'
                                 r'\2>0\),\1/\2,""\)', cell.value)
                refs = (m.group(1), m.group(2)) if m else refs
                if not refs:
                    continue
                num, den = vals[refs[0]].value, vals[refs[1]].value
                if not isinstance(num, (int, float)) or not isinstance(den, (int, float)) or not den:
                    continue
                want = float(num) / float(den)
                got = vals[cell.coordinate].value
                n += 1
                inexact16 += float("%.16G" % want) != want
                if got != want:
                    bad.append("%s!%s: cached %r, %r/%r = %r" % (ws.title, cell.coordinate, got,
                                                                num, den, want))
    check(n > 1000 and inexact16 > 0, "%d quotients compared, %d needing 17 digits" % (n, inexact16))
    check(not bad, "%d of %d quotients are not exact:\n  %s" % (len(bad), n, "\n  ".join(bad[:20])))


@test
def a_change_against_last_year_shows_both_years():
    """A diff_baseline figure: Tử số is this year's figure, found by its
    code; Mẫu số last year's, from baseline.csv; Giá trị their difference,
    a formula."""
    path = built("demo")["xlsx"]
    defs = layout_figures()
    with open(os.path.join(ROOT, "input", "2020", "baseline.csv"), encoding="utf-8") as f:
        base = {r["indicator"]: parse_vn(r["value"]) for r in csv.DictReader(f)}
    figs = summary_figures(load_values(path))
    ws = load_formulas(path)["Tổng hợp"]
    rows = {r[0].value: r for r in ws.iter_rows(min_row=3) if r[0].value}
    seen = 0
    for code, d in defs.items():
        if d["kind"] != "diff_baseline" or d["a"] not in base:
            continue
        seen += 1
        value, num, den = figs[code]
        last = base[d["a"]] / (100 if defs[d["a"]]["format"] == "percent" else 1)
        r = rows[code]
        check(num == figs[d["a"]][0], "%s: Tử số %r, %s is %r" % (code, num, d["a"], figs[d["a"]][0]))
        check(den == last, "%s: Mẫu số %r, baseline %r" % (code, den, last))
        check(value == num - den, "%s: %r != %r - %r" % (code, value, num, den))
        check(r[2].value == "=D%d-E%d" % (r[2].row, r[2].row) and
              r[3].value == '=INDEX($C$3:$C$%d,MATCH("%s",$A$3:$A$%d,0))' % (
                  ws.max_row, d["a"], ws.max_row) and isinstance(r[4].value, float),
              "%s: %r %r %r" % (code, r[2].value, r[3].value, r[4].value))
    check(seen >= 1, "no change against the baseline in the demo")


@test
def a_change_in_a_count_of_units_sets_this_years_count_against_last_years():
    """baseline.csv gives a dem.* figure as its count of units: Tử số is
    this year's count (the figure's own Tử số, found by its code), Mẫu số
    last year's, both counts; Giá trị their difference, and a spreadsheet
    gets the same.  The share in Tử số showed "0.00%" beside last year's 2
    units as "200.00%" (where the share was 0, equal to the count), or
    neither (where it was not)."""
    path = built("unit-change")["xlsx"]
    ws = load_formulas(path)["Tổng hợp"]
    cached = load_values(path)["Tổng hợp"]
    rows = {r[0].value: r[0].row for r in ws.iter_rows(min_row=3) if r[0].value}
    for code, last, _ in UNIT_CHANGES:
        r, k = rows[code + ".tang"], rows[code]
        now = cached["D%d" % k].value
        check(isinstance(now, (int, float)), "%s: no count of units: %r" % (code, now))
        check(ws["D%d" % r].value == '=INDEX($D$3:$D$%d,MATCH("%s",$A$3:$A$%d,0))' % (
            ws.max_row, code, ws.max_row) and cached["D%d" % r].value == now,
              "%s.tang: Tử số %r (%r), this year's count is %r" % (
                  code, ws["D%d" % r].value, cached["D%d" % r].value, now))
        check(cached["E%d" % r].value == last, "%s.tang: Mẫu số %r, last year's count %r" % (
            code, cached["E%d" % r].value, last))
        check(ws["C%d" % r].value == "=D%d-E%d" % (r, r) and cached["C%d" % r].value == now - last,
              "%s.tang: Giá trị %r (%r), expected %r" % (
                  code, ws["C%d" % r].value, cached["C%d" % r].value, now - last))
        # the change signed, as a change in points is: +2, -2
        for col, fmt in (("C", "+#,##0;-#,##0;0"), ("D", "#,##0"), ("E", "#,##0")):
            check(ws["%s%d" % (col, r)].number_format == fmt,
                  "%s.tang: %s%d in %r, not %r" % (code, col, r,
                                                   ws["%s%d" % (col, r)].number_format, fmt))
    check_recalculation("unit-change")


@test
def a_change_on_last_year_in_a_number_is_signed_as_one_in_a_count_is():
    """A change of a count of units declared in format number, which
    figures.csv allows as it does count: '+2.00' as a count's '+2', where
    it read '2.00' beside a count's signed change."""
    inp, year, *opts = unit_change_input()
    figures = os.path.join(opts[1], "figures.csv")
    with open(figures, encoding="utf-8") as f:
        text = f.read()
    code = UNIT_CHANGES[0][0]
    text = re.sub(r"(?m)^(%s\.tang,.*,)count$" % re.escape(code), r"\1number", text)
    with open(figures, "w", encoding="utf-8") as f:
        f.write(text)
    out = tmpdir()
    rc, _, se = build(inp, year, out, *opts)
    check(rc == 0, "exit %d: %s" % (rc, se[-1500:]))
    path = os.path.join(out, str(year), "egov-%d.xlsx" % year)
    ws = load_formulas(path)["Tổng hợp"]
    rows = {r[0].value: r[0].row for r in ws.iter_rows(min_row=3) if r[0].value}
    for c, fmt in ((code + ".tang", "+#,##0.00;-#,##0.00;0.00"),
                   (UNIT_CHANGES[1][0] + ".tang", "+#,##0;-#,##0;0")):
        got = ws["C%d" % rows[c]].number_format
        check(got == fmt, "%s: Giá trị in %r, not %r" % (c, got, fmt))


@test
def a_change_on_last_year_is_in_its_figures_unit():
    """Đơn vị tính of a change: a count of units' in units (đơn vị), a sum's in
    its indicator's unit (hồ sơ), a share's in percentage points; it was
    blank but for the last."""
    path = built("unit-change")["xlsx"]
    ws = load_formulas(path)["Tổng hợp"]
    cached = load_values(path)["Tổng hợp"]
    units = {r[0].value: r[5].value for r in ws.iter_rows(min_row=3) if r[0].value}
    want = {code + ".tang": "đơn vị" for code, _, _ in UNIT_CHANGES}
    want["tong.ho_so.tang"] = units["tong.ho_so"]
    want["tl.ho_may_tinh_internet.tang"] = "điểm phần trăm"
    check(units["tong.ho_so"] == "hồ sơ", "tong.ho_so in %r" % units["tong.ho_so"])
    for code, unit in want.items():
        check(units.get(code) == unit, "%s: Đơn vị tính %r, expected %r" % (code, units.get(code), unit))
    rows = {r[0].value: r[0].row for r in ws.iter_rows(min_row=3) if r[0].value}
    r = rows["tong.ho_so.tang"]
    check(cached["E%d" % r].value == SUM_CHANGE_LAST and
          cached["C%d" % r].value == cached["C%d" % rows["tong.ho_so"]].value - SUM_CHANGE_LAST,
          "tong.ho_so.tang: %r = %r - %r" % (cached["C%d" % r].value, cached["D%d" % r].value,
                                            cached["E%d" % r].value))


def low_total_rules(xml):
    """Xếp hạng's highlight rules: [(the cells, the Cấp it asks for or None,
    the limit)], from the sheet's XML."""
    out = []
    for m in re.finditer(r'<conditionalFormatting sqref="([^"]*)">(.*?)</conditionalFormatting>',
                         xml, re.S):
        cells = set()
        for ref in m.group(1).split():
            a, _, b = ref.partition(":")
            col, ra = re.match(r"([A-Z]+)(\d+)", a).groups()
            rb = int(re.match(r"[A-Z]+(\d+)", b).group(1)) if b else int(ra)
            cells |= {"%s%d" % (col, r) for r in range(int(ra), rb + 1)}
        # the rules of one range come in one element
        for f in re.findall(r"<formula>(.*?)</formula>", m.group(2)):
            f = f.replace("&quot;", '"').replace("&lt;", "<").replace("&amp;", "&")
            level = re.search(r'\$A\d+="([^"]*)"', f)
            out.append((cells, level.group(1) if level else None,
                        float(re.search(r"<([0-9.]+)\)$", f).group(1))))
    return out


@test
def a_figure_that_covers_part_of_its_units_says_so_in_ghi_chu():
    """The small year without its three departments' reports (a monthly
    build before every report is in): a total or share made from the
    units that did send says how many of how many, its quotient names the
    figure that is short; a figure no unit gave stays "Chưa tính được";
    with every report in, no figure says anything."""
    work = tmpdir()
    inp, year = small_input()
    shutil.copytree(os.path.join(inp, str(year)), os.path.join(work, "in", str(year)))
    for name in ("01-sotttt.csv", "BaoCao_SGDDT_2021.csv", "stp.csv"):
        os.remove(os.path.join(work, "in", str(year), "submissions", name))
    for where, out in ((os.path.join(work, "in"), os.path.join(work, "part")),
                       (inp, os.path.join(work, "whole"))):
        rc, _, se = build(where, year, out)
        check(rc == 0, "exit %d: %s" % (rc, se[-1500:]))
    notes = {}
    for which in ("part", "whole"):
        ws = load_values(os.path.join(work, which, str(year), "egov-%d.xlsx" % year))["Tổng hợp"]
        notes[which] = {r[0]: r[6] for r in ws.iter_rows(min_row=3, values_only=True) if r[0]}
    part = notes["part"]
    check(part["tong.ho_so"] == "Chưa đủ: mới có 10/13 đơn vị gửi báo cáo; giá trị chưa phải "
                               "của cả tỉnh", "tong.ho_so: %r" % part["tong.ho_so"])
    check(part["tl.ho_so_tre"] == "Chưa đủ: tong.ho_so_tre mới có 10/13 đơn vị gửi báo cáo; "
                                 "giá trị chưa phải của cả tỉnh", "tl.ho_so_tre: %r" % part["tl.ho_so_tre"])
    check(part["dem.attt_tuong_lua"].startswith("Chưa đủ: mới có 3/6 đơn vị"),
          "dem.attt_tuong_lua: %r" % part["dem.attt_tuong_lua"])
    check(part["dem.qlvb.so"] == "Chưa tính được: không đơn vị nào gửi số liệu cho chỉ tiêu này",
          "dem.qlvb.so: %r" % part["dem.qlvb.so"])
    said = {k: v for k, v in notes["whole"].items() if v and v.startswith("Chưa đủ")}
    check(said == {}, "every report in, yet: %s" % said)
    shutil.rmtree(work)


@test
def a_ranking_of_three_units_has_a_chart_tall_enough_for_their_names():
    """The small year ranks 3 departments and 3 districts: a chart of 90 +
    22 px a unit (156 px) left room for one name of three in LibreOffice.
    Each chart is at least 220 px (11 rows of 20 px) and below the one
    before."""
    import zipfile
    inp, year = small_input()
    work = tmpdir()
    rc, _, se = build(inp, year, work)
    check(rc == 0, "exit %d: %s" % (rc, se[-1500:]))
    with zipfile.ZipFile(os.path.join(work, str(year), "egov-%d.xlsx" % year)) as z:
        xml = z.read("xl/drawings/drawing1.xml").decode("utf-8")
    spans = [(int(a), int(b)) for a, b in re.findall(
        r"<xdr:from><xdr:col>\d+</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>(\d+)</xdr:row>"
        r".*?<xdr:to><xdr:col>\d+</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>(\d+)</xdr:row>",
        xml)]
    check(len(spans) == 2, "charts anchored at %s" % spans)
    check(all(b - a >= 11 for a, b in spans), "a chart under 220 px: rows %s" % spans)
    check(spans[1][0] >= spans[0][1], "the charts overlap: rows %s" % spans)
    shutil.rmtree(work)


def tong_hop_with_and_without_stp(work, year, layouts):
    """Tổng hợp's rows by code, built from work/in with layouts: "all" as
    it is, "part" without stp.csv (a department's report not in yet)."""
    rows = {}
    for which in ("all", "part"):
        if which == "part":
            os.remove(os.path.join(work, "in", str(year), "submissions", "stp.csv"))
        rc, _, se = build(os.path.join(work, "in"), year, os.path.join(work, which),
                          "--layouts", layouts)
        check(rc in (0, 1), "exit %d: %s" % (rc, se[-1500:]))
        ws = load_values(os.path.join(work, which, str(year), "egov-%d.xlsx" % year))["Tổng hợp"]
        rows[which] = {r[0]: r for r in ws.iter_rows(min_row=3, values_only=True) if r[0]}
    return rows


@test
def a_figure_made_from_a_ratio_short_of_one_part_says_so_as_the_ratio_does():
    """A complement of tl.thpt_tin_hoc, whose parts are optional: a
    department other than education's gave the number of schools
    (nl.thpt) without those teaching informatics.  The ratio's note names
    it; the complement's said instead that a value was refused or a
    required indicator left blank, neither of which happened.  With a
    report missing too, the ratio says that as well as the unit it left
    out."""
    work = tmpdir()
    inp, year = small_input()
    ydir = os.path.join(work, "in", str(year))
    shutil.copytree(os.path.join(inp, str(year)), ydir)
    layouts = layouts_with_figures(work, {
        "tl.thpt_tin_hoc,": ["tl.thpt_chua_tin_hoc,Nguồn nhân lực,Tỷ lệ trường THPT chưa giảng "
                             "dạy môn tin học,complement,tl.thpt_tin_hoc,,,,percent"]})
    with open(os.path.join(ydir, "submissions", "01-sotttt.csv"), "a", encoding="utf-8") as f:
        f.write("99,KT.STTTT,nl.thpt,Số trường THPT,Trường,2,\n")
    notes = {which: {code: row[6] for code, row in rows.items()}
             for which, rows in tong_hop_with_and_without_stp(work, year, layouts).items()}
    ratio = ("Tính trên các đơn vị báo cáo cả nl.thpt_tin_hoc và nl.thpt; 1 đơn vị chỉ báo cáo "
             "một trong hai không được tính: KT.STTTT")
    got = notes["all"]
    check(got["tl.thpt_tin_hoc"] == ratio, "tl.thpt_tin_hoc: %r" % got["tl.thpt_tin_hoc"])
    check(got["tl.thpt_chua_tin_hoc"] == "Chưa đủ: tl.thpt_tin_hoc không tính 1 đơn vị chỉ báo "
          "cáo một trong hai số của tỷ lệ (KT.STTTT); giá trị chưa phải của cả tỉnh",
          "tl.thpt_chua_tin_hoc: %r" % got["tl.thpt_chua_tin_hoc"])
    got = notes["part"]
    check(got["tl.thpt_tin_hoc"] == ratio + ". Chưa đủ: mới có 2/3 đơn vị gửi báo cáo; giá trị "
          "chưa phải của cả tỉnh", "tl.thpt_tin_hoc, a report missing: %r" % got["tl.thpt_tin_hoc"])
    check(got["tl.thpt_chua_tin_hoc"] == "Chưa đủ: tl.thpt_tin_hoc mới có 2/3 đơn vị gửi báo "
          "cáo; giá trị chưa phải của cả tỉnh",
          "tl.thpt_chua_tin_hoc, a report missing: %r" % got["tl.thpt_chua_tin_hoc"])
    shutil.rmtree(work)


@test
def each_filter_covers_its_sheets_rows_from_the_header_to_the_last():
    """The filter buttons of the demo's sheets of rows: from the header (the
    second row of Tổng hợp and of the units' sheets) to the last row and
    column, not a row more; Dữ liệu's table DuLieu the same."""
    from openpyxl.utils import get_column_letter
    wb = load_formulas(built("demo")["xlsx"])
    for name in SHEETS:
        ws = wb[name]
        if name == "Thông tin":
            check(ws.auto_filter.ref is None, "Thông tin has a filter %s" % ws.auto_filter.ref)
            continue
        want = "A%d:%s%d" % (2 if name in ("Tổng hợp", "Sở ban ngành", "Huyện", "Xã") else 1,
                             get_column_letter(ws.max_column), ws.max_row)
        got = ws.tables["DuLieu"].ref if name == "Dữ liệu" else ws.auto_filter.ref
        check(got == want, "%s: filter over %s, expected %s" % (name, got, want))


@test
def two_rankings_of_one_level_highlight_each_its_own_block():
    """Two rankings of the departments: the Cấp cannot tell their totals
    apart, so each highlights its low totals over its own rows, not over
    the whole column keyed by Cấp."""
    work = tmpdir()
    layouts = os.path.join(work, "layouts")
    shutil.copytree(os.path.join(ROOT, "layouts"), layouts)
    with open(os.path.join(layouts, "rankings.csv"), "a", encoding="utf-8") as f:
        f.write("xh.so2,so,Xếp hạng thứ hai cấp sở\n")
    inp, year = small_input()
    rc, _, se = build(inp, year, os.path.join(work, "out"), "--layouts", layouts)
    check(rc in (0, 1), "exit %d: %s" % (rc, se[-1500:]))
    xml, _, _ = sheet_xml(os.path.join(work, "out", str(year), "egov-%d.xlsx" % year))
    rules = low_total_rules(xml["Xếp hạng"])
    check(rules, "Xếp hạng: no highlight of low totals")
    check(not any(lv == "Sở, ban, ngành" for _, lv, _ in rules),
          "a departments' rule keyed by Cấp: %s" % rules)
    check(sum(1 for _, lv, _ in rules if lv is None) == 2, "rules %s" % rules)


@test
def xep_hang_columns_are_as_wide_as_their_content_within_bounds():
    """Xếp hạng's widths in the 2020 demo: 1.1 a character of the longest
    cell and 2 more, a header counted up to 18 characters (it wraps), at
    least 8 and at most 45 (the units' names), as libxlsxwriter stores
    them."""
    ws = load_formulas(built("demo")["xlsx"])["Xếp hạng"]
    got = {k: round(v.width, 4) for k, v in ws.column_dimensions.items()}
    want = {"A": 18.1406, "B": 8.7109, "C": 13.7109, "D": 44.5703, "E": 22.5703, "F": 20.2852,
            "G": 20.2852, "H": 20.2852, "I": 21.4258, "J": 12.5703, "K": 10.4258}
    check(got == want, "Xếp hạng widths %s" % got)
    # the charts beside the table, each below the one before: 22 px a unit
    # and 90 more, at least 220 px, 20 px a row, and two rows between
    anchors = [(c.anchor._from.row, c.anchor._from.col) for c in ws._charts]
    check(anchors == [(1, 12), (30, 12)], "charts at %s" % anchors)


@test
def the_unit_sheets_show_each_value_in_its_types_format_and_who_has_not_sent():
    """A yes/no as "có" or "không", a count with thousands' separators, a
    score with two decimals, a unit's rate in percent (the 2020 demo's
    Sở ban ngành); Đã nộp "có", or "chưa nộp" for a department whose
    report is not in (small-2021 without stp.csv)."""
    ws = load_formulas(built("demo")["xlsx"])["Sở ban ngành"]
    codes = [c.value for c in ws[1]]
    want = {"ht.lan_internet": '"có";;"không"', "ht.cbcc": "#,##0", "diem.san_sang": "0.00",
            "tl.cbcc_may_tinh": "0.00%"}
    for code, fmt in want.items():
        got = {c.number_format for r in ws.iter_rows(min_row=3) for c in r
               if c.column == codes.index(code) + 1 and c.value is not None}
        check(got == {fmt}, "Sở ban ngành, %s: formats %s, expected %s" % (code, got, fmt))
    work = tmpdir()
    inp, year = small_input()
    ydir = os.path.join(work, "in", str(year))
    shutil.copytree(os.path.join(inp, str(year)), ydir)
    os.remove(os.path.join(ydir, "submissions", "stp.csv"))
    rc, _, se = build(os.path.join(work, "in"), year, os.path.join(work, "out"))
    check(rc in (0, 1), "exit %d: %s" % (rc, se[-1500:]))
    ws = load_values(os.path.join(work, "out", str(year), "egov-%d.xlsx" % year))["Sở ban ngành"]
    sent = {r[0]: r[3] for r in ws.iter_rows(min_row=3, values_only=True)}
    check(sent.pop("KT.STP") == "chưa nộp" and set(sent.values()) == {"có"}, "Đã nộp %s" % sent)


@test
def the_section_headings_of_tong_hop_are_filled_across_the_row():
    """Each section's heading row of Tổng hợp: its name under Chỉ tiêu, in
    bold, the whole row filled light blue (DDEBF7), column A empty."""
    ws = load_formulas(built("demo")["xlsx"])["Tổng hợp"]
    heads = [r for r in ws.iter_rows(min_row=3) if r[0].value is None and r[1].value]
    check(len(heads) >= 5, "section headings: %d" % len(heads))
    for r in heads:
        check(all(fill_of(c) == "DDEBF7" for c in r[:7]) and r[1].font.b,
              "heading %r: fills %s" % (r[1].value, [fill_of(c) for c in r[:7]]))


@test
def a_units_rate_where_lower_is_better_has_no_bar_and_no_highlight():
    """A ratio figure of figures.csv whose better is lower: its column in the
    units' sheets has neither data bars nor the highlight of low rates (its
    best values would look the worst); the other rates keep theirs."""
    work = tmpdir()
    layouts = layouts_with_figures(work, {
        "tl.cbcc_may_tinh,": ["tl.cbcc_nguoc,Hạ tầng kỹ thuật,Tỷ lệ ngược,ratio,ht.cbcc,"
                              "ht.cbcc_may_tinh,so,,percent,lower"]})
    inp, year = small_input()
    rc, _, se = build(inp, year, os.path.join(work, "out"), "--layouts", layouts)
    check(rc in (0, 1), "exit %d: %s" % (rc, se[-1500:]))
    path = os.path.join(work, "out", str(year), "egov-%d.xlsx" % year)
    ws = load_formulas(path)["Sở ban ngành"]
    codes = [c.value for c in ws[1]]
    check("tl.cbcc_nguoc" in codes and "tl.cbcc_may_tinh" in codes, "columns %s" % codes)
    from openpyxl.utils import get_column_letter
    xml, _, _ = sheet_xml(path)
    refs = re.findall(r'<conditionalFormatting sqref="([A-Z]+)3', xml["Sở ban ngành"])
    check(get_column_letter(codes.index("tl.cbcc_may_tinh") + 1) in refs and
          get_column_letter(codes.index("tl.cbcc_nguoc") + 1) not in refs,
          "conditional formats on %s, columns %s" % (refs, codes))


@test
def xep_hang_heads_each_criterion_by_its_label_capitalised():
    """Xếp hạng's header: a criterion by its label without "Điểm đánh giá: ",
    its first letter capitalised, as the report's ranking tables head it."""
    head = [c.value for c in load_values(built("demo")["xlsx"])["Xếp hạng"][1]]
    check(head == ["Cấp", "Hạng", "Mã đơn vị", "Tên đơn vị", "Điều kiện sẵn sàng",
                   "Mức độ hiện diện", "Mức độ tương tác", "Mức độ giao dịch", "Mức độ chuyển đổi",
                   "Tổng điểm", "Ghi chú"], "Xếp hạng header %s" % head)


@test
def a_sum_of_money_whose_indicator_names_no_unit_is_in_dong():
    """Đơn vị tính of tong.kinh_phi_cntt where indicators.csv gives
    dt.kinh_phi_cntt no unit: a sum of money is in đồng."""
    work = tmpdir()
    layouts = os.path.join(work, "layouts")
    shutil.copytree(os.path.join(ROOT, "layouts"), layouts)
    path = os.path.join(layouts, "indicators.csv")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    old = "dt.kinh_phi_cntt,Kinh phí bố trí cho ứng dụng CNTT trong năm,đồng,money"
    check(old in text, "indicators.csv has no line %r" % old)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.replace(old, old.replace(",đồng,", ",,")))
    inp, year = small_input()
    rc, _, se = build(inp, year, os.path.join(work, "out"), "--layouts", layouts)
    check(rc in (0, 1), "exit %d: %s" % (rc, se[-1500:]))
    ws = load_values(os.path.join(work, "out", str(year), "egov-%d.xlsx" % year))["Tổng hợp"]
    units = {r[0]: r[5] for r in ws.iter_rows(min_row=3, values_only=True) if r[0]}
    check(units["tong.kinh_phi_cntt"] == "đồng", "tong.kinh_phi_cntt in %r" %
          units["tong.kinh_phi_cntt"])


@test
def a_ratio_leaves_out_a_unit_that_gave_its_numerator_alone_and_says_so():
    """A department other than education's gave the schools teaching
    informatics (nl.thpt_tin_hoc, the numerator) without the schools
    (nl.thpt): tl.thpt_tin_hoc leaves it out, its note names it, and its
    Tử số and Mẫu số are values (a SUMIFS over every unit would count
    it)."""
    work = tmpdir()
    inp, year = small_input()
    ydir = os.path.join(work, "in", str(year))
    shutil.copytree(os.path.join(inp, str(year)), ydir)
    with open(os.path.join(ydir, "submissions", "01-sotttt.csv"), "a", encoding="utf-8") as f:
        f.write("99,KT.STTTT,nl.thpt_tin_hoc,Số trường THPT có giảng dạy tin học,Trường,2,\n")
    rc, _, se = build(os.path.join(work, "in"), year, os.path.join(work, "out"))
    check(rc in (0, 1), "exit %d: %s" % (rc, se[-1500:]))
    path = os.path.join(work, "out", str(year), "egov-%d.xlsx" % year)
    ws = load_formulas(path)["Tổng hợp"]
    r = [r for r in ws.iter_rows(min_row=3) if r[0].value == "tl.thpt_tin_hoc"][0]
    check(r[6].value == "Tính trên các đơn vị báo cáo cả nl.thpt_tin_hoc và nl.thpt; 1 đơn vị "
          "chỉ báo cáo một trong hai không được tính: KT.STTTT", "note: %r" % r[6].value)
    check(all(isinstance(c.value, (int, float)) for c in r[3:5]),
          "Tử số, Mẫu số: %r" % ([c.value for c in r[3:5]],))


def zero_departments_staff(ydir):
    """The departments' reports of ydir give 0 staff and 0 with computers
    (ht.cbcc, ht.cbcc_may_tinh): the last number of each such line."""
    for name in ("01-sotttt.csv", "BaoCao_SGDDT_2021.csv", "stp.csv"):
        path = os.path.join(ydir, "submissions", name)
        with open(path, encoding="utf-8-sig") as f:
            lines = f.read().split("\n")
        for k, line in enumerate(lines):
            if re.search(r"(^|[,;\t])ht\.cbcc(_may_tinh)?([,;\t]|$)", line):
                fields = re.split(r"([,;\t])", line)
                last = max(j for j, v in enumerate(fields) if re.fullmatch(r"\d+", v))
                fields[last] = "0"
                lines[k] = "".join(fields)
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(lines))


@test
def a_figure_with_a_denominator_of_0_says_why_it_has_no_value():
    """Every department reports 0 staff: the departments' share of staff
    with computers (a ratio) and the same as a quotient of two totals have
    no value, and neither has the complement made from the ratio.  Their
    Ghi chú said nothing, or "Chưa tính được từ số liệu gửi về"; each now
    names the 0 it cannot divide by, or the figure it is made from.  With
    a report missing, the ratio says that too.  The province-wide ratio
    over every level keeps its value."""
    work = tmpdir()
    inp, year = small_input()
    ydir = os.path.join(work, "in", str(year))
    shutil.copytree(os.path.join(inp, str(year)), ydir)
    zero_departments_staff(ydir)
    section = "Hạ tầng kỹ thuật"
    layouts = layouts_with_figures(work, {"tl.cbcc_may_tinh,": [
        "tl.cbcc_may_tinh.so,%s,CBCC của sở có máy tính,ratio,ht.cbcc_may_tinh,ht.cbcc,so,,"
        "percent" % section,
        "tl.cbcc_khong_may.so,%s,CBCC của sở chưa có máy tính,complement,tl.cbcc_may_tinh.so,,,,"
        "percent" % section,
        "tong.cbcc.so,%s,CBCC của sở,sum,ht.cbcc,,so,,count" % section,
        "tong.cbcc_may_tinh.so,%s,CBCC của sở có máy tính,sum,ht.cbcc_may_tinh,,so,,count" % section,
        "tl.cbcc_may_tinh.so2,%s,CBCC của sở có máy tính (thương),quotient,tong.cbcc_may_tinh.so,"
        "tong.cbcc.so,,,percent" % section]})
    got = {which: {code: (row[2], row[6]) for code, row in rows.items()}
           for which, rows in tong_hop_with_and_without_stp(work, year, layouts).items()}
    ratio = "Chưa tính được: tổng ht.cbcc (mẫu số) của các đơn vị báo cáo bằng 0, không chia được"
    want = {
        "tl.cbcc_may_tinh.so": (None, ratio),
        "tl.cbcc_khong_may.so": (None, "Chưa tính được: tl.cbcc_may_tinh.so chưa có giá trị (xem "
                                       "dòng của chỉ tiêu đó)"),
        "tl.cbcc_may_tinh.so2": (None, "Chưa tính được: tong.cbcc.so bằng 0, không chia được"),
        "tong.cbcc.so": (0, None),
    }
    for code, value in want.items():
        check(got["all"][code] == value, "%s: %r" % (code, got["all"][code]))
    check(got["all"]["tl.cbcc_may_tinh"][0] not in (None, 0), "tl.cbcc_may_tinh: %r"
          % (got["all"]["tl.cbcc_may_tinh"],))
    check(got["part"]["tl.cbcc_may_tinh.so"] == (None, ratio + ". Chưa đủ: mới có 2/3 đơn vị gửi "
                                                  "báo cáo; giá trị chưa phải của cả tỉnh"),
          "a report missing: %r" % (got["part"]["tl.cbcc_may_tinh.so"],))
    shutil.rmtree(work)


@test
def a_low_rate_stays_highlighted_on_its_figure_when_tong_hop_is_sorted():
    """A sort by the filter buttons moves the figures, not the conditional
    formats: each value of Tổng hợp must be highlighted, in the order
    written and reversed, exactly when it is a share where higher is
    better under 80 %.  Over the rows of shares as written, a count sorted
    into one's place was shown red, and a share sorted out of them plain."""
    path = built("demo")["xlsx"]
    xml, _, _ = sheet_xml(path)
    s = xml["Tổng hợp"]
    rules = []
    for m in re.finditer(r'<conditionalFormatting sqref="([^"]*)">(.*?)</conditionalFormatting>',
                         s, re.S):
        for f in re.findall(r"<formula>(.*?)</formula>", m.group(2)):
            f = f.replace("&quot;", '"').replace("&lt;", "<").replace("&gt;", ">")
            rules.append((m.group(1), f))
    check(len(rules) == 1 and rules[0][0] == "C3:C%d" % load_values(path)["Tổng hợp"].max_row,
          "Tổng hợp's highlight: %s" % rules)
    f = rules[0][1]
    limit = float(re.search(r"C3<([0-9.]+)", f).group(1))
    unit = re.search(r'\$F3="([^"]*)"', f).group(1)
    not_codes = set(re.findall(r'\$A3<>"([^"]*)"', f))
    ws = load_values(path)["Tổng hợp"]
    rows = [r for r in ws.iter_rows(min_row=3, values_only=True)]
    lower_better = {"tl.ho_so_tre"}
    n_red = 0
    for order in ("as written", "reversed"):
        placed = rows if order == "as written" else rows[::-1]
        for r in placed:
            code, value, u = r[0], r[2], r[5]
            shown = (isinstance(value, (int, float)) and u == unit and value < limit and
                     code not in not_codes)
            want = (isinstance(value, (int, float)) and u == "%" and value < 0.8 and
                    code not in lower_better)
            n_red += shown
            check(shown == want, "%s: %s %s (%s) highlighted %s, expected %s" % (
                order, code, value, u, shown, want))
    check(n_red > 0, "no value of the demo is highlighted")


@test
def a_figure_in_percent_that_is_no_share_is_not_highlighted_in_tong_hop():
    """An indicator counted in % (indicators.csv's unit) summed into a
    figure, and its change on last year: Đơn vị tính says "%" beside a value
    that is no share, -99.9xx beside last year's.  The rule that asks each
    row's Đơn vị tính showed the change red, where the rule over the shares as
    written had left it plain."""
    work = tmpdir()
    inp, year = small_input()
    ydir = os.path.join(work, "in", str(year))
    shutil.copytree(os.path.join(inp, str(year)), ydir)
    layouts = os.path.join(work, "layouts")
    shutil.copytree(os.path.join(ROOT, "layouts"), layouts)
    for name, edit in (
            ("indicators.csv", lambda line: line.replace(",dịch vụ,count,", ",%,count,")
             if line.startswith("gd.dvc_muc_3,") else line),
            ("figures.csv", lambda line: line + "\ngd.dvc_muc_3.tang,Mức độ giao dịch,Số dịch vụ "
             "công trực tuyến mức độ 3: thay đổi so với năm trước,diff_baseline,gd.dvc_muc_3,,,,"
             "count" if line.startswith("gd.dvc_muc_3,") else line)):
        with open(os.path.join(layouts, name), encoding="utf-8") as f:
            lines = f.read().splitlines()
        with open(os.path.join(layouts, name), "w", encoding="utf-8") as f:
            f.write("\n".join(edit(line) for line in lines) + "\n")
    with open(os.path.join(ydir, "baseline.csv"), "a", encoding="utf-8") as f:
        f.write("gd.dvc_muc_3,100000\n")
    out = os.path.join(work, "out")
    rc, _, se = build(os.path.join(work, "in"), year, out, "--layouts", layouts)
    check(rc == 0, "exit %d: %s" % (rc, se[-1500:]))
    path = os.path.join(out, str(year), "egov-%d.xlsx" % year)
    xml, _, _ = sheet_xml(path)
    m = re.search(r'<conditionalFormatting sqref="C3:C\d+"><cfRule type="expression"[^>]*>'
                  r"<formula>(.*?)</formula>", xml["Tổng hợp"])
    check(m, "Tổng hợp: no highlight keyed by each row")
    f = m.group(1).replace("&quot;", '"').replace("&lt;", "<").replace("&gt;", ">")
    limit = float(re.search(r"C3<([0-9.]+)", f).group(1))
    not_codes = set(re.findall(r'\$A3<>"([^"]*)"', f))
    ws = load_values(path)["Tổng hợp"]
    rows = {r[0]: r for r in ws.iter_rows(min_row=3, values_only=True) if r[0]}
    change = rows["gd.dvc_muc_3.tang"]
    check(change[5] == "%" and isinstance(change[2], (int, float)) and change[2] < 0,
          "gd.dvc_muc_3.tang: %r" % (change,))
    shares = {"tl.cbcc_may_tinh", "tl.hop_thu"}
    for code, r in rows.items():
        shown = (isinstance(r[2], (int, float)) and r[5] == "%" and r[2] < limit and
                 code not in not_codes)
        if code.startswith("gd.dvc_muc_3"):
            check(not shown, "%s (%r, in %s) is highlighted as a low share" % (code, r[2], r[5]))
        elif code in shares:
            check(code not in not_codes, "%s, a share, is left out of the highlight" % code)
    shutil.rmtree(work)


@test
def a_low_total_stays_highlighted_on_its_unit_when_xep_hang_is_sorted():
    """A sort by the filter buttons moves the totals, not the conditional
    formats: each total must be highlighted, in the order written and
    reversed, exactly when it is under 80 % of its own ranking's maximum
    (104 for a department, 124 for a district).  Over each ranking's block
    of rows, a district's 107.01 sorted among the departments was held to
    104 and shown plain."""
    path = built("demo")["xlsx"]
    xml, _, _ = sheet_xml(path)
    rules = low_total_rules(xml["Xếp hạng"])
    ws = load_values(path)["Xếp hạng"]
    head = [c.value for c in ws[1]]
    from openpyxl.utils import get_column_letter
    tc = get_column_letter(head.index("Tổng điểm") + 1)
    rows = [r for r in ws.iter_rows(min_row=2, values_only=True)]
    limits = {"Sở, ban, ngành": 104, "Cấp huyện": 124}
    check(rules, "Xếp hạng: no highlight of low totals")
    for order in ("as written", "reversed"):
        placed = rows if order == "as written" else rows[::-1]
        for i, r in enumerate(placed):
            cell = "%s%d" % (tc, i + 2)
            total = r[head.index("Tổng điểm")]
            shown = any(cell in cells and (lv is None or lv == r[0]) and
                        isinstance(total, (int, float)) and total < lim
                        for cells, lv, lim in rules)
            want = isinstance(total, (int, float)) and total < limits[r[0]]
            check(shown == want, "%s: %s %s (%s) at %s highlighted %s, expected %s" % (
                order, r[2], total, r[0], cell, shown, want))
