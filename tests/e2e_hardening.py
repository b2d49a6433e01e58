"""Hostile and broken inputs: each case starts from a copy of the small 2021
year (tests/cases/small-2021), breaks one thing, builds, and checks the
exit code and the diagnostics it must give.

Binary and large inputs (a 10 MB cell, NUL bytes, an ELF file) are made
here at test time rather than kept in the tree.  A case that needs a file
nobody may read runs the program as the user `nobody` when the tests run as
root (root reads any file), so it tests the same thing everywhere.

Each entry of CASES:
  name       test name suffix
  setup      function(year_dir) that breaks the copy
  exit       the exit code expected
  codes      (code, file) pairs that must be in validation.csv (exit 0 or 1),
             or (code, None) for a fatal one that must be on stderr (exit 3)
  args       more options for the build
  only       for exit 0/1: validation.csv must hold nothing else about `only`
"""
import csv
import os
import re
import shutil
import stat
import subprocess

from e2elib import CASES, ROOT, TESTS, VIETNAMESE, Failure, check, own_words, run, tmpdir

BASE = os.path.join(CASES, "small-2021", "input", "2021")
SUB = "submissions/"
HEADER = "unit_code,indicator,value,note\n"


def put(y, rel, data):
    path = os.path.join(os.fsencode(y), rel) if isinstance(rel, bytes) else os.path.join(y, rel)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(path, "wb") as f:
        f.write(data)


def replace(y, rel, data):
    os.remove(os.path.join(y, rel))
    put(y, rel, data)


def remove(y, rel):
    p = os.path.join(y, rel)
    shutil.rmtree(p) if os.path.isdir(p) and not os.path.islink(p) else os.remove(p)


def to_dir(y, rel):
    remove(y, rel)
    os.mkdir(os.path.join(y, rel))


def to_loop(y, rel):
    remove(y, rel)
    os.symlink(os.path.basename(rel), os.path.join(y, rel))


def stp(y):
    with open(os.path.join(y, SUB + "stp.csv"), "rb") as f:
        return f.read()


def sparse(y, rel, head, size):
    # A file of size bytes, head first, the rest a hole: no disk spent.
    with open(os.path.join(y, rel), "wb") as f:
        f.write(head)
        f.truncate(size)


def unreadable(y, rel):
    os.chmod(os.path.join(y, rel), 0)


def ragged(y):
    # Rows cut short (no value cell) and rows running long: the short ones
    # give no value, the long ones are read up to the columns named.
    lines = stp(y).decode("utf-8").split("\n")
    out = [lines[0]]
    for i, line in enumerate(lines[1:]):
        cells = line.split("\t")
        if i % 3 == 0 and len(cells) > 2:
            cells = cells[:2]
        elif i % 3 == 1 and line:
            cells = cells + ["", "thừa", "x"]
        out.append("\t".join(cells))
    replace(y, SUB + "stp.csv", "\n".join(out))


def elf(y):
    with open("/bin/true" if os.path.exists("/bin/true") else "/usr/bin/true", "rb") as f:
        put(y, SUB + "zz.csv", f.read())


def year_is_a_file(y):
    shutil.rmtree(y)
    put(os.path.dirname(y), "2021", "not a folder")


def year_is_a_loop(y):
    shutil.rmtree(y)
    os.symlink("2021", y)


def to_fifo(y, rel):
    remove(y, rel)
    os.mkfifo(os.path.join(y, rel))


def to_device(y, rel):
    remove(y, rel)
    os.symlink("/dev/zero", os.path.join(y, rel))


def layout_fifo(name):
    """A layout file replaced by a named pipe, which nothing writes to."""
    return lambda layouts: to_fifo(layouts, name)


def layout_edit(name, data):
    """A case on a broken copy of the layouts: setup receives the layouts dir."""
    def edit(layouts):
        p = os.path.join(layouts, name)
        if data is None:
            os.remove(p)
        else:
            put(layouts, name, data)
    return edit


CASES_LIST = [
    # ---- submissions: files that are not what they claim ----------------
    dict(name="empty_file", setup=lambda y: put(y, SUB + "zz.csv", b""),
         exit=1, codes=[("E_NO_HEADER", SUB + "zz.csv")], only=SUB + "zz.csv"),
    dict(name="binary_file", setup=lambda y: put(y, SUB + "zz.csv", bytes(range(256)) * 64),
         exit=1, codes=[("E_NO_HEADER", SUB + "zz.csv")]),
    dict(name="executable_named_csv", setup=elf,
         exit=1, codes=[("E_NO_HEADER", SUB + "zz.csv")]),
    dict(name="bom_only", setup=lambda y: put(y, SUB + "zz.csv", b"\xef\xbb\xbf"),
         exit=1, codes=[("E_NO_HEADER", SUB + "zz.csv")], only=SUB + "zz.csv"),
    dict(name="blank_lines_only", setup=lambda y: put(y, SUB + "zz.csv", b"\n\r\n\n" * 50),
         exit=1, codes=[("E_NO_HEADER", SUB + "zz.csv")], only=SUB + "zz.csv"),
    dict(name="header_below_row_20",
         setup=lambda y: put(y, SUB + "zz.csv", "Báo cáo\n" * 21 + HEADER + "KT.STP,ht.cbcc,45,\n"),
         exit=1, codes=[("E_NO_HEADER", SUB + "zz.csv")], only=SUB + "zz.csv"),
    dict(name="header_only", setup=lambda y: replace(y, SUB + "stp.csv", stp(y).split(b"\n")[0] + b"\n"),
         exit=0, codes=[("W_NOT_SUBMITTED", "units.csv")], only=SUB + "stp.csv"),
    dict(name="ragged_rows", setup=ragged, exit=0, codes=[("R_THIEU_CHI_TIEU", SUB + "stp.csv")],
         only=SUB + "stp.csv"),
    dict(name="cell_of_10_mb",
         setup=lambda y: put(y, SUB + "zz.csv", HEADER.encode() + b"KT.STP,ht.cbcc,45," +
                             b"x" * (10 << 20) + b"\n"),
         exit=1, codes=[("E_CSV_FIELD_TOO_LONG", SUB + "zz.csv")]),
    dict(name="unterminated_quote",
         setup=lambda y: put(y, SUB + "zz.csv", HEADER + 'KT.STP,ht.cbcc,"45\nKT.STP,ht.wan,có,\n'),
         exit=1, codes=[("E_CSV_SYNTAX", SUB + "zz.csv")], only=SUB + "zz.csv"),
    dict(name="quote_inside_a_bare_field",
         setup=lambda y: put(y, SUB + "zz.csv", HEADER + 'KT.STP,ht.cbcc,4"5,\n'),
         exit=1, codes=[("E_CSV_SYNTAX", SUB + "zz.csv")], only=SUB + "zz.csv"),
    dict(name="nul_bytes",
         setup=lambda y: put(y, SUB + "zz.csv", HEADER.encode() + b"KT.STP,ht.cb\x00cc,45,\n"),
         exit=1, codes=[("E_TEXT_NUL", SUB + "zz.csv")]),
    # a value with a NUL byte is not read (it used to be cut there: 4 for
    # "4\\x005"), and the file is no form sent back blank (W_NO_VALUES)
    dict(name="nul_byte_in_a_value",
         setup=lambda y: put(y, SUB + "zz.csv", HEADER.encode() + b"KT.STP,tt.vb_di,4\x005,\n"),
         exit=1, codes=[("E_TEXT_NUL", SUB + "zz.csv")], only=SUB + "zz.csv"),
    dict(name="invalid_utf8_read_as_windows_1258",
         setup=lambda y: put(y, SUB + "zz.csv", HEADER.encode() + b"KT.STP,ht.cbcc,45,Ghi ch\xfa\n"),
         exit=0, codes=[("W_TEXT_CP1258", SUB + "zz.csv")]),
    dict(name="bytes_neither_utf8_nor_windows_1258",
         setup=lambda y: put(y, SUB + "zz.csv", HEADER.encode() + b"KT.STP,ht.cbcc,45,\x81\x8d\x8f\xff\xfe\n"),
         exit=1, codes=[("E_TEXT_ENCODING", SUB + "zz.csv")]),
    dict(name="utf16_file", setup=lambda y: replace(y, SUB + "stp.csv", stp(y).decode().encode("utf-16")),
         exit=0, codes=[], only=SUB + "stp.csv"),
    dict(name="old_mac_line_endings", setup=lambda y: replace(y, SUB + "stp.csv", stp(y).replace(b"\n", b"\r")),
         exit=0, codes=[], only=SUB + "stp.csv"),
    dict(name="row_of_20000_cells",
         setup=lambda y: put(y, SUB + "zz.csv", HEADER + "KT.STP,ht.cbcc,45" + "," * 20000 + "\n"),
         exit=1, codes=[("E_FILE_TOO_WIDE", SUB + "zz.csv")]),
    dict(name="unit_code_of_100000_characters",
         setup=lambda y: put(y, SUB + "zz.csv", HEADER + "K" * 100000 + ",ht.cbcc,45,\n"),
         exit=1, codes=[("E_UNKNOWN_UNIT", SUB + "zz.csv")]),
    # ---- submissions: caps given on the command line -----------------------
    dict(name="max_cell_option", args=["--max-cell", "40"],
         setup=lambda y: put(y, SUB + "zz.csv", HEADER + "KT.STP,ht.cbcc,45," + "ghi chú " * 10 + "\n"),
         exit=1, codes=[("E_CSV_FIELD_TOO_LONG", SUB + "zz.csv")], only=SUB + "zz.csv"),
    dict(name="max_fields_option", args=["--max-fields", "5"],
         setup=lambda y: put(y, SUB + "zz.csv", HEADER + "KT.STP,ht.cbcc,45,,,,,\n"),
         exit=1, codes=[("E_FILE_TOO_WIDE", SUB + "zz.csv")], only=SUB + "zz.csv"),
    dict(name="max_rows_option", setup=lambda y: None, args=["--max-rows", "5"],
         exit=1, codes=[("E_FILE_TOO_LONG", SUB + "stp.csv")]),
    dict(name="max_file_size_option", setup=lambda y: None, args=["--max-file-size", "5K"],
         exit=1, codes=[("E_FILE_TOO_BIG", SUB + "DakHa-2021.csv")], only=SUB + "DakHa"),
    # an .xls is read whole into memory: past 256 MiB it is refused even
    # where --max-file-size allows more
    dict(name="xls_past_its_own_size_cap", args=["--max-file-size", "1G"],
         setup=lambda y: sparse(y, SUB + "big.xls", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
                                (256 << 20) + 1),
         exit=1, codes=[("E_FILE_TOO_BIG", SUB + "big.xls")], only=SUB + "big.xls"),
    # ---- submissions: what is in the folder ---------------------------------
    dict(name="unreadable_file", setup=lambda y: unreadable(y, SUB + "stp.csv"), nobody=True,
         exit=1, codes=[("E_FILE_READ", SUB + "stp.csv")]),
    dict(name="folder_named_like_a_submission", setup=lambda y: os.mkdir(os.path.join(y, SUB + "zz.csv")),
         exit=0, codes=[("W_FILE_IGNORED", SUB + "zz.csv")], only=SUB + "zz.csv"),
    dict(name="symlink_loop", setup=lambda y: os.symlink("loop.csv", os.path.join(y, SUB + "loop.csv")),
         exit=1, codes=[("E_FILE_READ", SUB + "loop.csv")], only=SUB + "loop.csv"),
    dict(name="dangling_symlink", setup=lambda y: os.symlink("gone.csv", os.path.join(y, SUB + "x.csv")),
         exit=1, codes=[("E_FILE_READ", SUB + "x.csv")], only=SUB + "x.csv"),
    dict(name="symlink_to_its_own_folder", setup=lambda y: os.symlink(".", os.path.join(y, SUB + "again")),
         exit=0, codes=[("W_FILE_IGNORED", SUB + "again")], only=SUB + "again"),
    dict(name="named_pipe_never_hangs", setup=lambda y: os.mkfifo(os.path.join(y, SUB + "pipe.csv")),
         exit=0, codes=[("W_FILE_IGNORED", SUB + "pipe.csv")], only=SUB + "pipe.csv"),
    dict(name="device_never_read", setup=lambda y: os.symlink("/dev/zero", os.path.join(y, SUB + "zero.csv")),
         exit=0, codes=[("W_FILE_IGNORED", SUB + "zero.csv")], only=SUB + "zero.csv"),
    # a name that is no UTF-8, or holds a line break: shown with U+FFFD
    # in every output (validation.csv is read as UTF-8 here)
    dict(name="file_name_not_utf8",
         setup=lambda y: put(y, SUB.encode() + b"s\xf6-tttt.csv",
                             HEADER.encode() + b"KT.STP,ht.cbcc,45,\n"),
         exit=0, codes=[("W_DUPLICATE", SUB + "s\ufffd-tttt.csv")], only=SUB + "s"),
    dict(name="file_name_with_a_line_break",
         setup=lambda y: put(y, SUB + "zz\nb.csv", HEADER + "KT.STP,ht.cbcc,45,\n"),
         exit=0, codes=[("W_DUPLICATE", SUB + "zz\ufffdb.csv")], only=SUB + "zz"),
    dict(name="other_extension", setup=lambda y: put(y, SUB + "notes.docx", b"PK\x03\x04"),
         exit=0, codes=[("W_FILE_IGNORED", SUB + "notes.docx")], only=SUB + "notes.docx"),
    dict(name="hidden_and_excel_lock_files_skipped_silently",
         setup=lambda y: (put(y, SUB + ".hidden.csv", b"\x00garbage"), put(y, SUB + "~$stp.csv", b"\xff")),
         exit=0, codes=[], only=SUB),
    dict(name="xlsx_that_is_no_zip", setup=lambda y: put(y, SUB + "zz.xlsx", b"unit_code,indicator\n"),
         exit=1, codes=[("E_XLSX_NOT_ZIP", SUB + "zz.xlsx")], only=SUB + "zz.xlsx"),
    dict(name="xlsx_damaged", setup=lambda y: put(y, SUB + "zz.xlsx", b"PK\x03\x04" + bytes(range(256)) * 4),
         exit=1, codes=[("E_XLSX_DAMAGED", SUB + "zz.xlsx")], only=SUB + "zz.xlsx"),
    dict(name="xlsx_empty", setup=lambda y: put(y, SUB + "zz.xlsx", b""),
         exit=1, codes=[("E_XLSX_NOT_ZIP", SUB + "zz.xlsx")], only=SUB + "zz.xlsx"),
    # ---- the year folder's own files: fatal, nothing written ---------------
    dict(name="missing_units_csv", setup=lambda y: remove(y, "units.csv"), exit=3, codes=[("F_UNITS", None)]),
    dict(name="units_csv_is_a_folder", setup=lambda y: to_dir(y, "units.csv"), exit=3, codes=[("F_UNITS", None)]),
    dict(name="units_csv_empty", setup=lambda y: replace(y, "units.csv", b""), exit=3, codes=[("F_UNITS", None)]),
    dict(name="units_csv_header_only", setup=lambda y: replace(y, "units.csv", b"code,name,level,parent\n"),
         exit=3, codes=[("F_UNITS", None)]),
    dict(name="units_csv_binary", setup=lambda y: replace(y, "units.csv", bytes(range(256)) * 8),
         exit=3, codes=[("F_UNITS", None)]),
    dict(name="units_csv_symlink_loop", setup=lambda y: to_loop(y, "units.csv"), exit=3, codes=[("F_UNITS", None)]),
    # the CSV reader's own words, in English for the operator (a fatal
    # problem), as they are in Vietnamese for a clerk's submission
    dict(name="units_csv_unclosed_quote",
         setup=lambda y: replace(y, "units.csv", open(os.path.join(y, "units.csv"), "rb").read()
                                 + 'KT.X,"Xã X,xa,KT.DHA\n'.encode()),
         exit=3, codes=[("F_UNITS", None)]),
    dict(name="units_csv_in_windows_1258",
         setup=lambda y: replace(y, "units.csv", open(os.path.join(y, "units.csv"), "rb").read()
                                 .decode("utf-8").encode("cp1258", errors="replace")),
         exit=3, codes=[("F_UNITS", None)]),
    dict(name="layout_file_unclosed_quote",
         layouts=lambda layouts: put(layouts, "problems.csv", open(
             os.path.join(ROOT, "layouts", "problems.csv"), encoding="utf-8").read() + '"E_X,x\n'),
         exit=3, codes=[("F_LAYOUT", None)]),
    dict(name="units_csv_unreadable", setup=lambda y: unreadable(y, "units.csv"), nobody=True,
         exit=3, codes=[("F_UNITS", None)]),
    # a pipe would block the open, a device never end: a build must not hang
    dict(name="units_csv_is_a_named_pipe", setup=lambda y: to_fifo(y, "units.csv"), exit=3,
         codes=[("F_UNITS", None)]),
    dict(name="units_csv_is_a_device", setup=lambda y: to_device(y, "units.csv"), exit=3,
         codes=[("F_UNITS", None)]),
    dict(name="report_csv_is_a_named_pipe", setup=lambda y: to_fifo(y, "report.csv"), exit=3,
         codes=[("F_REPORT", None)]),
    dict(name="missing_report_csv", setup=lambda y: remove(y, "report.csv"), exit=3, codes=[("F_REPORT", None)]),
    dict(name="report_csv_is_a_folder", setup=lambda y: to_dir(y, "report.csv"), exit=3, codes=[("F_REPORT", None)]),
    dict(name="report_csv_empty", setup=lambda y: replace(y, "report.csv", b""), exit=3, codes=[("F_REPORT", None)]),
    dict(name="report_csv_bad_date",
         setup=lambda y: replace(y, "report.csv", open(os.path.join(y, "report.csv"), "rb").read()
                                 .replace(b"2022-01-14", b"14/01/2022x")),
         exit=3, codes=[("F_REPORT", None)]),
    dict(name="missing_submissions_folder", setup=lambda y: remove(y, "submissions"), exit=3,
         codes=[("F_INPUT", None)]),
    dict(name="submissions_is_a_file", setup=lambda y: (remove(y, "submissions"), put(y, "submissions", "x")),
         exit=3, codes=[("F_INPUT", None)]),
    dict(name="year_folder_is_a_file", setup=year_is_a_file, exit=3, codes=[("F_INPUT", None)]),
    dict(name="year_folder_symlink_loop", setup=year_is_a_loop, exit=3, codes=[("F_INPUT", None)]),
    # ---- baseline.csv is optional: broken, it is an error, not fatal --------
    dict(name="baseline_binary", setup=lambda y: replace(y, "baseline.csv", bytes(range(256)) * 8),
         exit=1, codes=[("E_BASELINE", "baseline.csv")]),
    dict(name="baseline_unknown_code",
         setup=lambda y: put(y, "baseline.csv", "indicator,value\ntl.khong_co,3\n"),
         exit=1, codes=[("E_BASELINE", "baseline.csv")]),
    # a code in capitals, with a space: still the figure it names (its
    # change from 45 % to this year's 75.63 % is told)
    dict(name="baseline_code_in_capitals",
         setup=lambda y: put(y, "baseline.csv", "indicator,value\n TL.DUNG_THU ,45\n"),
         exit=0, codes=[("W_BASELINE_CHANGE", "baseline.csv")]),
    dict(name="baseline_is_a_named_pipe", setup=lambda y: to_fifo(y, "baseline.csv"),
         exit=1, codes=[("E_BASELINE", "baseline.csv")]),
    dict(name="baseline_is_a_folder", setup=lambda y: to_dir(y, "baseline.csv"),
         exit=1, codes=[("E_BASELINE", "baseline.csv")]),
    # ---- layouts: fatal ----------------------------------------------------
    dict(name="layout_file_missing", layouts=layout_edit("rules.csv", None), exit=3,
         codes=[("F_LAYOUT", None)]),
    dict(name="layout_file_empty", layouts=layout_edit("indicators.csv", b""), exit=3,
         codes=[("F_LAYOUT", None)]),
    dict(name="layout_file_binary", layouts=layout_edit("figures.csv", bytes(range(256)) * 8), exit=3,
         codes=[("F_LAYOUT", None)]),
    # a comma outside quotes cuts a value: 0,8 read as 0 would highlight nothing
    dict(name="layout_value_cut_by_a_comma",
         layouts=lambda layouts: put(layouts, "settings.csv", open(
             os.path.join(ROOT, "layouts", "settings.csv"), encoding="utf-8").read()
             .replace("highlight_below,0.8", "highlight_below,0,8")),
         exit=3, codes=[("F_LAYOUT", None)]),
    dict(name="report_csv_value_cut_by_a_comma",
         setup=lambda y: replace(y, "report.csv", open(os.path.join(y, "report.csv"), "rb").read()
                                 .replace(b"\nplace,", b"\nplace,Kon Tum, ")),
         exit=3, codes=[("F_REPORT", None)]),
    dict(name="baseline_value_cut_by_a_comma",
         setup=lambda y: put(y, "baseline.csv", "indicator,value\ntl.dung_thu,45,7\n"),
         exit=1, codes=[("E_BASELINE", "baseline.csv")]),
    dict(name="layout_file_is_a_named_pipe", layouts=layout_fifo("rules.csv"), exit=3,
         codes=[("F_LAYOUT", None)]),
    dict(name="report_layout_is_a_named_pipe", layouts=layout_fifo("report.txt"), exit=3,
         codes=[("F_LAYOUT", None)]),
    dict(name="report_layout_not_utf8", layouts=layout_edit("report.txt", b"# \xff\xfe\n\xc3\x28 {tong.ho_so:int}\n"),
         exit=3, codes=[("F_LAYOUT", None)]),
]


def nobody_preexec():
    """Drops root to the user nobody, so that file permissions apply."""
    def drop():
        os.setgroups([])
        os.setgid(65534)
        os.setuid(65534)
    return drop


def open_up(path):
    """Lets nobody read and write a scratch tree made by root."""
    for d, dirs, files in os.walk(path):
        os.chown(d, 65534, 65534, follow_symlinks=False)
        os.chmod(d, 0o755)
        for f in files:
            p = os.path.join(d, f)
            if not os.path.islink(p):
                os.chown(p, 65534, 65534)


def run_hardening_case(c):
    work = tmpdir()
    try:
        os.chmod(work, 0o755)
        ydir = os.path.join(work, "input", "2021")
        shutil.copytree(BASE, ydir)
        layouts = os.path.join(ROOT, "layouts")
        if c.get("layouts"):
            layouts = os.path.join(work, "layouts")
            shutil.copytree(os.path.join(ROOT, "layouts"), layouts)
            c["layouts"](layouts)
        else:
            c["setup"](ydir)
        out = os.path.join(work, "output")
        preexec = None
        if c.get("nobody") and os.geteuid() == 0:
            open_up(work)
            preexec = nobody_preexec()
        args = ["build", "2021", "--input", os.path.join(work, "input"), "--output", out,
                "--layouts", layouts, "--wait", "0"] + c.get("args", [])
        if preexec:
            e = dict(os.environ)
            e.pop("SOURCE_DATE_EPOCH", None)
            e["EGREPORT_LAYOUTS"] = layouts
            p = subprocess.run([os.environ.get("EGREPORT_BIN_RUN") or BIN_PATH()] + args,
                               env=e, capture_output=True, text=True, errors="replace",
                               timeout=600, preexec_fn=preexec)
            rc, se = p.returncode, p.stderr
        else:
            rc, _, se = run(args)
        short = se if len(se) < 3000 else se[:1500] + "\n...\n" + se[-1500:]
        check(rc == c["exit"], "exit %d, expected %d; stderr:\n%s" % (rc, c["exit"], short))
        ydir_out = os.path.join(out, "2021")
        if c["exit"] == 3:
            written = os.listdir(ydir_out) if os.path.exists(ydir_out) else []
            check(not written, "something was written: %s" % written)
            for code, _ in c["codes"]:
                check("[%s]" % code in se, "stderr lacks [%s]:\n%s" % (code, short))
            check("nothing was written" in se, "stderr does not say nothing was written")
            for line in se.splitlines():
                m = re.search(r": fatal: (.*) \[F_[A-Z]+\]$", line)
                check(not m or not VIETNAMESE.search(own_words(m.group(1))),
                      "a fatal message not in English: %s" % line)
            return
        with open(os.path.join(ydir_out, "validation.csv"), encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        got = [(r["code"], r["file"]) for r in rows]
        for want in c["codes"]:
            check(want in got, "validation.csv lacks %s; it has %s" % (want, sorted(set(got))[:30]))
        for r in rows:
            check(r["message"].strip(), "a row without a message: %s" % r)
            check(VIETNAMESE.search(own_words(r["message"])),
                  "a message not in Vietnamese: %s" % r)
            if r["file"].startswith(SUB) and r["row"]:
                check(int(r["row"]) >= 1, "row %s" % r["row"])
        if "only" in c:
            about = [(r["code"], r["file"]) for r in rows if r["file"].startswith(c["only"])]
            extra = [g for g in about if g not in c["codes"]]
            check(not extra, "unexpected diagnostics about %s: %s" % (c["only"], extra))
    finally:
        for d, dirs, files in os.walk(work):
            for x in dirs + files:
                p = os.path.join(d, x)
                if not os.path.islink(p):
                    try:
                        os.chmod(p, 0o755)
                    except OSError:
                        pass
        shutil.rmtree(work, ignore_errors=True)


def BIN_PATH():
    from e2elib import BIN
    return BIN


def make_hardening_test(c):
    def t():
        run_hardening_case(c)
    t.__name__ = "hostile_input_" + c["name"]
    return t


for _c in CASES_LIST:
    TESTS.append(make_hardening_test(_c))
