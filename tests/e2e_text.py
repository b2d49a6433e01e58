"""One submission in every text form a clerk's computer writes, and as .xls.

The district file of tests/cases/small-2021 (DakHa-2021.csv: ';'-separated,
a BOM, title rows, a quoted note on two lines, enum labels and yes/no words
in Vietnamese), with one faulty row added, is written as UTF-8, UTF-16 LE
and BE ("Unicode text", tab-separated), Windows-1258 (by iconv, which
writes tone marks as combining characters), TCVN3 and VNI (by the tables
below, written here from the code charts, not taken from the program), and
as an Excel 97-2003 workbook (openpyxl, then LibreOffice's "save as .xls").
Each build must give the same values in the workbook's Dữ liệu sheet (by
unit and indicator: value, row, note) and the same validation.csv, but for
the file's name and the one warning that says a legacy encoding was
converted.
"""
import csv
import io
import os
import shutil
import subprocess
import unicodedata

from e2elib import CASES, Failure, build, check, read_validation, test, tmpdir, workbook

SMALL = os.path.join(CASES, "small-2021", "input")
NAME = "DakHa-2021.csv"
# A value that cannot be read, with Vietnamese in it (the message quotes
# it), and a note on two lines: put after the header, it makes every later
# row's number differ from its line number.
FAULTY = 'KT.DHA.02;Ghi chú thêm;ht.wan;Có/Không;có lẽ;"dòng thêm\r\nđể kiểm tra"\r\n'


LETTERS = ("à ả ã á ạ ă ằ ẳ ẵ ắ ặ â ầ ẩ ẫ ấ ậ đ è ẻ ẽ é ẹ ê ề ể ễ ế ệ ì ỉ ĩ í ị "
           "ò ỏ õ ó ọ ô ồ ổ ỗ ố ộ ơ ờ ở ỡ ớ ợ ù ủ ũ ú ụ ư ừ ử ữ ứ ự ỳ ỷ ỹ ý ỵ "
           "Đ Ă Â Ê Ô Ơ Ư - Nguyễn Thị Hường")

# ---- legacy encoders -------------------------------------------------------

# TCVN3 (TCVN 5712:1993 VN3, the .VnTime fonts): byte -> letter.
TCVN3 = {
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
    0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ",
    0xB5: "à", 0xB6: "ả", 0xB7: "ã", 0xB8: "á", 0xB9: "ạ",
    0xBB: "ằ", 0xBC: "ẳ", 0xBD: "ẵ", 0xBE: "ắ", 0xC6: "ặ",
    0xC7: "ầ", 0xC8: "ẩ", 0xC9: "ẫ", 0xCA: "ấ", 0xCB: "ậ",
    0xCC: "è", 0xCE: "ẻ", 0xCF: "ẽ", 0xD0: "é", 0xD1: "ẹ",
    0xD2: "ề", 0xD3: "ể", 0xD4: "ễ", 0xD5: "ế", 0xD6: "ệ",
    0xD7: "ì", 0xD8: "ỉ", 0xDC: "ĩ", 0xDD: "í", 0xDE: "ị",
    0xDF: "ò", 0xE1: "ỏ", 0xE2: "õ", 0xE3: "ó", 0xE4: "ọ",
    0xE5: "ồ", 0xE6: "ổ", 0xE7: "ỗ", 0xE8: "ố", 0xE9: "ộ",
    0xEA: "ờ", 0xEB: "ở", 0xEC: "ỡ", 0xED: "ớ", 0xEE: "ợ",
    0xEF: "ù", 0xF1: "ủ", 0xF2: "ũ", 0xF3: "ú", 0xF4: "ụ",
    0xF5: "ừ", 0xF6: "ử", 0xF7: "ữ", 0xF8: "ứ", 0xF9: "ự",
    0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ", 0xFD: "ý", 0xFE: "ỵ",
}
TCVN3_OF = {ch: bytes([b]) for b, ch in TCVN3.items()}


def tcvn3(text):
    """VN3 has no capitals with tone marks: .VnTimeH users type the small
    letter's code, and the font draws it as a capital."""
    out = bytearray()
    for ch in text:
        if ord(ch) < 0x80:
            out += ch.encode("ascii")
        elif ch in TCVN3_OF:
            out += TCVN3_OF[ch]
        elif ch.lower() in TCVN3_OF:
            out += TCVN3_OF[ch.lower()]
        else:
            raise Failure("no TCVN3 for %r" % ch)
    return bytes(out)


# VNI Windows: the tone, or the shape and tone, in one byte after the vowel.
VNI_TONE = {"\u0301": 0xF9, "\u0300": 0xF8, "\u0309": 0xFB, "\u0303": 0xF5, "\u0323": 0xEF}
VNI_CIRC = {None: 0xE2, "\u0301": 0xE1, "\u0300": 0xE0, "\u0309": 0xE5, "\u0303": 0xE3,
            "\u0323": 0xE4}
VNI_BREVE = {None: 0xEA, "\u0301": 0xE9, "\u0300": 0xE8, "\u0309": 0xFA, "\u0303": 0xFC,
             "\u0323": 0xEB}
VNI_I = {"\u0301": 0xED, "\u0300": 0xEC, "\u0309": 0xE6, "\u0303": 0xF3, "\u0323": 0xF2}


def vni(text):
    out = bytearray()
    for ch in text:
        if ord(ch) < 0x80:
            out += ch.encode("ascii")
            continue
        if ch in "đĐ":
            out.append(0xF1 if ch == "đ" else 0xD1)
            continue
        base, *marks = unicodedata.normalize("NFD", ch)
        cap = base.isupper()
        low = base.lower()
        tone = next((m for m in marks if m in VNI_TONE), None)
        shift = 0x20 if cap else 0
        if low not in "aeiouy":
            raise Failure("no VNI for %r" % ch)
        if "\u031B" in marks:                       # horn: ơ ư are one byte
            out.append((0xF4 if low == "o" else 0xF6) - shift)
            if tone:
                out.append(VNI_TONE[tone] - shift)
        elif low == "i" and tone:
            out.append(VNI_I[tone] - shift)
        elif low == "y" and tone == "\u0323":
            out.append(0xEE - shift)
        elif "\u0302" in marks:
            out += base.encode("ascii") + bytes([VNI_CIRC[tone] - shift])
        elif "\u0306" in marks:
            out += base.encode("ascii") + bytes([VNI_BREVE[tone] - shift])
        else:
            out += base.encode("ascii") + bytes([VNI_TONE[tone] - shift])
    return bytes(out)


def test_vni_encoder_samples():
    for text, want in (("Việt Nam", b"Vie\xe4t Nam"), ("đơn vị", b"\xf1\xf4n v\xf2"),
                       ("người", b"ng\xf6\xf4\xf8i"), ("Mỵ", b"M\xee")):
        check(vni(text) == want, "vni(%r) = %r" % (text, vni(text)))


# ---- the variants ------------------------------------------------------------

def source_text():
    with open(os.path.join(SMALL, "2021", "submissions", NAME), encoding="utf-8-sig",
              newline="") as f:
        text = f.read()
    head = text.index("Mã đơn vị;")
    head = text.index("\n", head) + 1
    # every Vietnamese letter the legacy tables hold, in a note that the
    # Dữ liệu sheet shows
    first = "KT.DHA;Tổng số cán bộ, công chức;ht.cbcc;Người;94;"
    check(first in text, "%s changed: no %r" % (NAME, first))
    text = text.replace(first, first + LETTERS, 1)
    return text[:head] + FAULTY + text[head:]


def records(text):
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def as_tabs(text):
    out = io.StringIO(newline="")
    w = csv.writer(out, delimiter="\t", lineterminator="\r\n")
    for r in records(text):
        w.writerow(r)
    return out.getvalue()


def cp1258(text):
    p = subprocess.run(["iconv", "-f", "UTF-8", "-t", "CP1258"], input=text.encode("utf-8"),
                       capture_output=True, check=True)
    return p.stdout


def xls(text, work):
    """Numbers as number cells (whole ones; the Vietnamese "1.105" stays
    text), the rest as text cells, then LibreOffice saves it as .xls."""
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Báo cáo"
    for r in records(text):
        ws.append([int(c) if c.isdigit() and len(c) < 10 else (c if c else None) for c in r])
    xlsx = os.path.join(work, "DakHa-2021.xlsx")
    wb.save(xlsx)
    p = subprocess.run(["soffice", "-env:UserInstallation=file://%s/lo-profile" % work,
                        "--headless", "--convert-to", "xls", "--outdir", work, xlsx],
                       capture_output=True, text=True, timeout=240)
    out = os.path.join(work, "DakHa-2021.xls")
    check(p.returncode == 0 and os.path.exists(out), "soffice failed: %s" % p.stderr[-2000:])
    with open(out, "rb") as f:
        return f.read()


def look_alike(data):
    """Bytes as the characters a .VnTime font shows them with in a
    spreadsheet cell: Windows-1252, and the code point itself where
    Windows-1252 leaves a byte free."""
    out = []
    for b in data:
        try:
            out.append(bytes([b]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(chr(b))
    return "".join(out)


def xlsx_tcvn3(text, work):
    """An XLSX whose text cells were typed with TCVN3 fonts: what Excel
    stores is the look-alike characters of the TCVN3 bytes."""
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Báo cáo"
    for r in records(look_alike(tcvn3(text))):
        ws.append([int(c) if c.isdigit() and len(c) < 10 else (c if c else None) for c in r])
    path = os.path.join(work, "DakHa-2021-tcvn3.xlsx")
    wb.save(path)
    with open(path, "rb") as f:
        return f.read()


def variants(work):
    text = source_text()
    tabs = as_tabs(text)
    return [
        ("utf8", "DakHa-2021.csv", b"\xef\xbb\xbf" + text.encode("utf-8"), None),
        ("utf16le", "DakHa-2021.txt", b"\xff\xfe" + tabs.encode("utf-16-le"), None),
        ("utf16be", "DakHa-2021.txt", b"\xfe\xff" + tabs.encode("utf-16-be"), None),
        ("cp1258", "DakHa-2021.csv", cp1258(text), "W_TEXT_CP1258"),
        ("tcvn3", "DakHa-2021.csv", tcvn3(text), "W_TEXT_TCVN3"),
        ("vni", "DakHa-2021.csv", vni(text), "W_TEXT_VNI"),
        ("xls", "DakHa-2021.xls", xls(text, work), None),
        ("xlsx-tcvn3", "DakHa-2021.xlsx", xlsx_tcvn3(text, work), "W_TEXT_TCVN3"),
    ]


def data_values(path):
    """Dữ liệu (and its continuation sheets): (unit, indicator) ->
    (value, row, note)."""
    wb = workbook(path)
    out = {}
    for ws in wb.worksheets:
        if not ws.title.startswith("Dữ liệu"):
            continue
        rows = ws.iter_rows(values_only=True)
        head = list(next(rows))
        col = {n: i for i, n in enumerate(head)}
        for r in rows:
            if not r[col["Mã đơn vị"]]:
                continue
            out[(r[col["Mã đơn vị"]], r[col["Mã chỉ tiêu"]])] = (
                r[col["Giá trị"]], r[col["Dòng"]], r[col["Ghi chú"]])
    return out


def build_variant(work, name, fname, data):
    inp = os.path.join(work, name, "input")
    shutil.copytree(SMALL, inp)
    os.remove(os.path.join(inp, "2021", "submissions", NAME))
    with open(os.path.join(inp, "2021", "submissions", fname), "wb") as f:
        f.write(data)
    out = os.path.join(work, name, "output")
    rc, so, se = build(inp, 2021, out)
    check(rc == 1, "%s: exit %d (the faulty row makes it 1); stderr:\n%s" % (name, rc, se[-2000:]))
    problems = read_validation(os.path.join(out, "2021", "validation.csv"))
    values = data_values(os.path.join(out, "2021", "egov-2021.xlsx"))
    return problems, values, "submissions/" + fname


@test
def one_submission_as_utf8_utf16_cp1258_tcvn3_vni_xls_and_tcvn3_xlsx_gives_the_same_values():
    test_vni_encoder_samples()
    work = tmpdir()
    results = {}
    for name, fname, data, warning in variants(work):
        problems, values, display = build_variant(work, name, fname, data)
        # the warning of a converted encoding, once, naming the file
        conv = [p for p in problems if p["code"].startswith("W_TEXT_")]
        if warning:
            check([(p["code"], p["file"], p["severity"]) for p in conv] ==
                  [(warning, display, "warning")], "%s: conversion warnings %s" % (name, conv))
        else:
            check(not conv, "%s: unexpected %s" % (name, conv))
        rest = sorted((p["severity"], p["code"], p["row"], p["column"], p["unit"],
                       p["indicator"], p["message"].replace(display, "FILE"))
                      for p in problems if not p["code"].startswith("W_TEXT_"))
        results[name] = (rest, values)

    want_problems, want_values = results["utf8"]
    check(any(p[1] == "E_VALUE_BOOL" and "có lẽ" in p[6] for p in want_problems),
          "the faulty row is not reported: %s" % want_problems)
    check(len(want_values) > 90, "only %d values" % len(want_values))
    check(want_values[("KT.DHA", "ht.cbcc")][2] == LETTERS, "the note of every letter: %r" %
          (want_values[("KT.DHA", "ht.cbcc")],))
    check(any(v[2] and ";" in v[2] for v in want_values.values()),
          "the quoted note with a ';' is not there")
    check(any(p[1] == "E_VALUE_BOOL" and p[2] == "5" for p in want_problems),
          "the faulty row is not row 5: %s" % want_problems)
    check(want_values[("KT.DHA", "ht.cbcc")][1] == 7, "KT.DHA's ht.cbcc is not on row 7: %s" %
          (want_values[("KT.DHA", "ht.cbcc")],))
    for name, (problems, values) in results.items():
        check(problems == want_problems, "%s: validation differs:\n  got  %s\n  want %s" % (
            name, problems, want_problems))
        diff = {k: (values.get(k), want_values.get(k)) for k in set(values) | set(want_values)
                if values.get(k) != want_values.get(k)}
        check(not diff, "%s: %d values differ, e.g. %s" % (name, len(diff),
                                                           sorted(diff.items())[:5]))
