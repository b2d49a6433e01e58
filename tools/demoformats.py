"""demoformats - the file formats units really send, for the demo generators.

Writing (used by gen-demo-2020.py when it makes the demo; needs openpyxl,
and LibreOffice for .xls):

  * XLSX workbooks through openpyxl, made reproducible (fixed zip dates and
    document dates);
  * Excel 97-2003 .xls: such a workbook converted by LibreOffice headless
    (its own profile), whose output is the same bytes for the same input;
  * text in legacy encodings: Windows-1258 (base letters and combining
    tone marks, as Windows writes it), TCVN3 (ABC, the .VnTime fonts) and
    UTF-16 LE with a BOM (Excel's "Unicode text").

Reading (standard library only: the self-check and gen-systems-2020.py run
where openpyxl is not installed):

  * XLSX with zipfile and ElementTree, XLS from its compound file and
    BIFF8 records, both giving every row of the report sheet as text, as
    the contract says a sheet is read (the sheet named BaoCao / Báo cáo,
    else the first visible one; numbers as digits or the shortest decimal;
    booleans as TRUE / FALSE);
  * text bytes in UTF-8, UTF-16, Windows-1258 or TCVN3.

The readers are written from the formats' own specifications, not from
egreport's C code: they are an independent check of what was written.
"""

import datetime
import os
import re
import shutil
import struct
import subprocess
import tempfile
import unicodedata
import zipfile
import xml.etree.ElementTree as ET

# ----------------------------------------------------------------- text

# Windows-1258 has the letters with circumflex, breve and horn, and đ, but
# writes the five tone marks as combining characters after the letter.
TONES = "\u0300\u0301\u0303\u0309\u0323"


def encode_cp1258(text):
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ord(ch) < 0x80:
            out.append(ch.encode("ascii"))
            continue
        d = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in d if c in TONES)
        base = unicodedata.normalize("NFC", "".join(c for c in d if c not in TONES))
        out.append((base + tones).encode("cp1258"))
    return b"".join(out)


# TCVN 5712:1993 VN3, the table of the ABC keyboard and the .VnTime fonts:
# byte 0xA0 + i -> the letter.  VN3 has no capitals with tone marks:
# .VnTimeH fonts draw the small letters' codes as capitals, so such
# capitals are written with the small letter's byte.
TCVN3_HI = [
    None, "Ă", "Â", "Ê", "Ô", "Ơ", "Ư", "Đ", "ă", "â", "ê", "ô", "ơ", "ư", "đ", None,
    None, None, None, None, None, "à", "ả", "ã", "á", "ạ", None, "ằ", "ẳ", "ẵ", "ắ", None,
    None, None, None, None, None, None, "ặ", "ầ", "ẩ", "ẫ", "ấ", "ậ", "è", None, "ẻ", "ẽ",
    "é", "ẹ", "ề", "ể", "ễ", "ế", "ệ", "ì", "ỉ", None, None, None, "ĩ", "í", "ị", "ò",
    None, "ỏ", "õ", "ó", "ọ", "ồ", "ổ", "ỗ", "ố", "ộ", "ờ", "ở", "ỡ", "ớ", "ợ", "ù",
    None, "ủ", "ũ", "ú", "ụ", "ừ", "ử", "ữ", "ứ", "ự", "ỳ", "ỷ", "ỹ", "ý", "ỵ", None,
]
TCVN3_BYTE = {ch: 0xA0 + i for i, ch in enumerate(TCVN3_HI) if ch}


def encode_tcvn3(text):
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        if ord(ch) < 0x80:
            out.append(ord(ch))
        elif ch in TCVN3_BYTE:
            out.append(TCVN3_BYTE[ch])
        elif ch.lower() in TCVN3_BYTE:
            out.append(TCVN3_BYTE[ch.lower()])
        elif ch == "\u00a0":
            out.append(0xA0)
        else:
            raise ValueError("no TCVN3 byte for %r" % ch)
    return bytes(out)


def decode_tcvn3(data):
    return "".join(TCVN3_HI[b - 0xA0] if b >= 0xA0 and TCVN3_HI[b - 0xA0] else
                   bytes([b]).decode("cp1252", errors="replace") for b in data)


def decode_text(raw):
    """(text in NFC, encoding name) of a text file's bytes."""
    if raw.startswith(b"\xef\xbb\xbf"):
        text, enc = raw[3:].decode("utf-8"), "utf-8-bom"
    elif raw.startswith(b"\xff\xfe") or raw.startswith(b"\xfe\xff"):
        text, enc = raw.decode("utf-16"), "utf-16"
    else:
        try:
            text, enc = raw.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            # A single-byte file: TCVN3 puts ă â ê ô ơ ư đ, which nearly
            # every Vietnamese line has, at A1-AE, where Windows-1258 has
            # symbols (¡ ¢ £ ... ®) that Vietnamese text never uses.
            if any(0xA1 <= b <= 0xAE for b in raw):
                text, enc = decode_tcvn3(raw), "tcvn3"
            else:
                text, enc = raw.decode("cp1258"), "cp1258"
    return unicodedata.normalize("NFC", text), enc


# -------------------------------------------------------------- writing XLSX

FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def _fixed_dates(xml, when):
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    for tag in ("dcterms:created", "dcterms:modified"):
        xml = re.sub(r"(<%s[^>]*>)[^<]*(</%s>)" % (tag, tag), r"\g<1>%s\g<2>" % stamp, xml)
    return xml


def make_reproducible(path, when):
    """Rewrites the zip at path with fixed entry dates and fixed document
    dates (openpyxl stamps both with the current time)."""
    with zipfile.ZipFile(path) as z:
        entries = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            if name == "docProps/core.xml":
                data = _fixed_dates(data.decode("utf-8"), when).encode("utf-8")
            info = zipfile.ZipInfo(name, FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            z.writestr(info, data)


def write_xlsx(path, sheets, when, title=""):
    """Writes a workbook with openpyxl.

    sheets: dicts with name, rows (lists of cell values: str, int, float,
    bool, datetime.date, None; a str starting with '=' is a formula),
    optional state ('visible', 'hidden'), merges ([(r1, c1, r2, c2)],
    1-based), formats ({(row, col): number format}), widths ({col: width}),
    bold_rows (set of row numbers).  when: the time written into it."""
    import openpyxl
    from openpyxl.styles import Alignment, Font
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for sh in sheets:
        ws = wb.create_sheet(sh["name"])
        for r, row in enumerate(sh["rows"], 1):
            for c, v in enumerate(row, 1):
                if v is None or v == "":
                    continue
                cell = ws.cell(row=r, column=c, value=v)
                fmt = sh.get("formats", {}).get((r, c))
                if fmt:
                    cell.number_format = fmt
                if r in sh.get("bold_rows", ()):
                    cell.font = Font(bold=True)
        for r1, c1, r2, c2 in sh.get("merges", []):
            ws.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)
            ws.cell(row=r1, column=c1).alignment = Alignment(horizontal="center")
        for c, w in sh.get("widths", {}).items():
            ws.column_dimensions[openpyxl.utils.get_column_letter(c)].width = w
        ws.sheet_state = sh.get("state", "visible")
    # The first visible sheet opens.
    wb.active = next(i for i, sh in enumerate(sheets) if sh.get("state", "visible") == "visible")
    wb.properties.creator = "egreport demo"
    wb.properties.title = title
    wb.properties.created = when
    wb.properties.modified = when
    wb.properties.lastModifiedBy = "egreport demo"
    os.makedirs(os.path.dirname(path), exist_ok=True)
    wb.save(path)
    make_reproducible(path, when)


def convert_to_xls(xlsx_path, xls_path):
    """LibreOffice headless saves the workbook as Excel 97-2003, with a
    profile of its own (a shared one makes soffice refuse or hang)."""
    work = tempfile.mkdtemp(prefix="egreport-demo-lo-")
    try:
        p = subprocess.run(["soffice", "-env:UserInstallation=file://%s/profile" % work,
                            "--headless", "--convert-to", "xls", "--outdir", work, xlsx_path],
                           capture_output=True, text=True, timeout=300)
        out = os.path.join(work, os.path.splitext(os.path.basename(xlsx_path))[0] + ".xls")
        if p.returncode != 0 or not os.path.exists(out):
            raise RuntimeError("soffice could not convert %s: %s %s"
                               % (xlsx_path, p.stdout, p.stderr))
        shutil.copyfile(out, xls_path)
    finally:
        shutil.rmtree(work, ignore_errors=True)


# -------------------------------------------------------------- reading sheets

def fold(s):
    s = unicodedata.normalize("NFD", s.replace("đ", "d").replace("Đ", "D"))
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return re.sub(r"[\s_]+", "", s.lower())


def number_text(x):
    """A number cell as text: digits when whole, else the shortest decimal
    that gives the same double back."""
    if x == int(x) and abs(x) < 1e15:
        return str(int(x))
    s = repr(x)
    if "e" in s or "E" in s:
        raise ValueError("number %r needs an exponent" % x)
    return s


def pick_sheet(sheets):
    """sheets: [(name, visible)] -> the index the contract reads."""
    for i, (name, _) in enumerate(sheets):
        if fold(name) == "baocao":
            return i
    for i, (_, visible) in enumerate(sheets):
        if visible:
            return i
    return 0


def _cell_ref(ref):
    m = re.match(r"([A-Z]+)(\d+)$", ref)
    col = 0
    for ch in m.group(1):
        col = col * 26 + ord(ch) - 64
    return int(m.group(2)), col


NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
      "rel": "http://schemas.openxmlformats.org/package/2006/relationships"}


def read_xlsx_rows(path):
    """The report sheet's rows: [(row number, [text, ...])], rows with no
    cell left out."""
    m, r = "{%s}" % NS["m"], "{%s}" % NS["r"]
    with zipfile.ZipFile(path) as z:
        wbx = ET.fromstring(z.read("xl/workbook.xml"))
        rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
        target = {e.get("Id"): e.get("Target") for e in rels}
        sheets = [(s.get("name"), s.get("state", "visible") == "visible", target[s.get(r + "id")])
                  for s in wbx.iter(m + "sheet")]
        name, _, part = sheets[pick_sheet([(n, v) for n, v, _ in sheets])]
        part = part.lstrip("/")
        if not part.startswith("xl/"):
            part = "xl/" + part
        strings = []
        if "xl/sharedStrings.xml" in z.namelist():
            for si in ET.fromstring(z.read("xl/sharedStrings.xml")).iter(m + "si"):
                # every run's text, not the phonetic guides
                strings.append("".join(t.text or "" for t in si.iter(m + "t")
                                       if not _under_rph(si, t, m)))
        sheet = ET.fromstring(z.read(part))
    rows = []
    for row in sheet.iter(m + "row"):
        cells = {}
        for c in row.iter(m + "c"):
            rn, cn = _cell_ref(c.get("r"))
            t = c.get("t", "n")
            v = c.find(m + "v")
            if t == "inlineStr":
                text = "".join(x.text or "" for x in c.iter(m + "t"))
            elif v is None or v.text is None:
                continue
            elif t == "s":
                text = strings[int(v.text)]
            elif t == "b":
                text = "TRUE" if v.text.strip() == "1" else "FALSE"
            elif t in ("str", "e"):
                text = v.text if t == "str" else ""
            else:
                text = number_text(float(v.text))
            cells[cn] = unicodedata.normalize("NFC", text).strip()
        if cells:
            rows.append((rn, [cells.get(i, "") for i in range(1, max(cells) + 1)]))
    return rows


def _under_rph(si, t, m):
    for rph in si.iter(m + "rPh"):
        if any(x is t for x in rph.iter(m + "t")):
            return True
    return False


# -------------------------------------------------------------- reading XLS

def _cfb_stream(data, want=("Workbook", "Book")):
    """A stream of an OLE2 compound file (the container of .xls)."""
    if data[:8] != b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise ValueError("not a compound file")
    ssz = 1 << struct.unpack_from("<H", data, 0x1E)[0]
    mssz = 1 << struct.unpack_from("<H", data, 0x20)[0]
    n_fat, dir_start = struct.unpack_from("<II", data, 0x2C)
    cutoff, mfat_start, n_mfat, dif_start, n_dif = struct.unpack_from("<IIIII", data, 0x38)

    def sector(n):
        return data[(n + 1) * ssz:(n + 2) * ssz]

    difat = list(struct.unpack_from("<109I", data, 0x4C))
    d = dif_start
    for _ in range(n_dif):
        s = sector(d)
        difat += struct.unpack_from("<%dI" % (ssz // 4 - 1), s)
        d = struct.unpack_from("<I", s, ssz - 4)[0]
    fat = []
    for s in difat[:n_fat]:
        fat += struct.unpack("<%dI" % (ssz // 4), sector(s))

    def chain(start, table, read, size):
        out, n, seen = [], start, set()
        while n < 0xFFFFFFFA and n not in seen:
            seen.add(n)
            out.append(read(n))
            n = table[n]
        return b"".join(out)[:size] if size is not None else b"".join(out)

    dirs = chain(dir_start, fat, sector, None)
    entries = []
    for i in range(0, len(dirs) - 127, 128):
        e = dirs[i:i + 128]
        nlen = struct.unpack_from("<H", e, 0x40)[0]
        name = e[:max(nlen - 2, 0)].decode("utf-16-le", errors="replace")
        kind = e[0x42]
        start, size = struct.unpack_from("<II", e, 0x74)
        entries.append((name, kind, start, size))
    root = entries[0]
    mini = chain(root[2], fat, sector, root[3])
    mfat = []
    if n_mfat:
        raw = chain(mfat_start, fat, sector, None)
        mfat = list(struct.unpack("<%dI" % (len(raw) // 4), raw))
    for name, kind, start, size in entries:
        if kind == 2 and name in want:
            if size < cutoff:
                return chain(start, mfat, lambda n: mini[n * mssz:(n + 1) * mssz], size)
            return chain(start, fat, sector, size)
    raise ValueError("no workbook stream")


def _records(stream, pos=0):
    while pos + 4 <= len(stream):
        rtype, rlen = struct.unpack_from("<HH", stream, pos)
        yield pos, rtype, stream[pos + 4:pos + 4 + rlen]
        pos += 4 + rlen


class _Pieces:
    """The SST's data and its CONTINUE records, read across their seams."""

    def __init__(self, blocks):
        self.blocks, self.b, self.p = blocks, 0, 0

    def take(self, n):
        out = b""
        while n > 0:
            blk = self.blocks[self.b]
            if self.p >= len(blk):
                self.b, self.p = self.b + 1, 0
                continue
            k = min(n, len(blk) - self.p)
            out += blk[self.p:self.p + k]
            self.p += k
            n -= k
        return out

    def chars(self, n, wide):
        """n characters; a character run cut by a CONTINUE starts again with
        one option byte saying whether the rest is 8- or 16-bit."""
        out = []
        while n > 0:
            blk = self.blocks[self.b]
            if self.p >= len(blk):
                self.b, self.p = self.b + 1, 0
                wide = self.blocks[self.b][0] & 1
                self.p = 1
                continue
            width = 2 if wide else 1
            k = min(n, (len(blk) - self.p) // width)
            raw = blk[self.p:self.p + k * width]
            out.append(raw.decode("utf-16-le") if wide else raw.decode("latin-1"))
            self.p += k * width
            n -= k
        return "".join(out)


def _sst(blocks):
    pc = _Pieces(blocks)
    _, unique = struct.unpack("<II", pc.take(8))
    out = []
    for _ in range(unique):
        cch, flags = struct.unpack("<HB", pc.take(3))
        runs = struct.unpack("<H", pc.take(2))[0] if flags & 0x08 else 0
        ext = struct.unpack("<I", pc.take(4))[0] if flags & 0x04 else 0
        out.append(pc.chars(cch, flags & 1))
        pc.take(4 * runs + ext)
    return out


def _rk(v):
    x = (v >> 2) - (1 << 30) if v & 2 and v & 0x80000000 else v >> 2 if v & 2 else \
        struct.unpack("<d", struct.pack("<Q", (v & 0xFFFFFFFC) << 32))[0]
    return x / 100 if v & 1 else x


def read_xls_rows(path):
    """The report sheet's rows of an Excel 97-2003 (BIFF8) workbook, as
    read_xlsx_rows gives them."""
    wb = _cfb_stream(open(path, "rb").read())
    sheets, sst, blocks = [], [], None
    for pos, rtype, data in _records(wb):
        if blocks is not None:
            if rtype == 0x003C:
                blocks.append(data)
                continue
            sst, blocks = _sst(blocks), None
        if rtype == 0x0085:
            off, vis, _kind, nlen, nflags = struct.unpack_from("<IBBBB", data)
            raw = data[8:8 + nlen * (2 if nflags & 1 else 1)]
            name = raw.decode("utf-16-le" if nflags & 1 else "latin-1")
            sheets.append((name, vis == 0, off))
        elif rtype == 0x00FC:
            blocks = [data]
        elif rtype == 0x000A and sheets:
            break
    if blocks is not None:
        sst = _sst(blocks)
    _, _, off = sheets[pick_sheet([(n, v) for n, v, _ in sheets])]
    cells = {}
    pending = None
    for pos, rtype, data in _records(wb, off):
        if rtype == 0x000A:
            break
        if rtype == 0x00FD:
            r, c, _, i = struct.unpack_from("<HHHI", data)
            cells[(r, c)] = sst[i]
        elif rtype == 0x0203:
            r, c, _, x = struct.unpack_from("<HHHd", data)
            cells[(r, c)] = number_text(x)
        elif rtype == 0x027E:
            r, c, _, v = struct.unpack_from("<HHHI", data)
            cells[(r, c)] = number_text(_rk(v))
        elif rtype == 0x00BD:
            r, c = struct.unpack_from("<HH", data)
            for k in range((len(data) - 6) // 6):
                cells[(r, c + k)] = number_text(_rk(struct.unpack_from("<I", data, 6 + 6 * k)[0]))
        elif rtype == 0x0205:
            r, c, _, v, is_err = struct.unpack_from("<HHHBB", data)
            cells[(r, c)] = "" if is_err else ("TRUE" if v else "FALSE")
        elif rtype == 0x0204:
            r, c, _, n, fl = struct.unpack_from("<HHHHB", data)
            raw = data[9:9 + n * (2 if fl & 1 else 1)]
            cells[(r, c)] = raw.decode("utf-16-le" if fl & 1 else "latin-1")
        elif rtype == 0x0006:
            r, c = struct.unpack_from("<HH", data)
            res = data[6:14]
            if res[6:8] == b"\xff\xff":
                if res[0] == 0:
                    pending = (r, c)
                elif res[0] == 1:
                    cells[(r, c)] = "TRUE" if res[2] else "FALSE"
            else:
                cells[(r, c)] = number_text(struct.unpack("<d", res)[0])
        elif rtype == 0x0207 and pending:
            n, fl = struct.unpack_from("<HB", data)
            raw = data[3:3 + n * (2 if fl & 1 else 1)]
            cells[pending] = raw.decode("utf-16-le" if fl & 1 else "latin-1")
            pending = None
    by_row = {}
    for (r, c), text in cells.items():
        text = unicodedata.normalize("NFC", text).strip()
        if text:
            by_row.setdefault(r, {})[c] = text
    return [(r + 1, [by_row[r].get(i, "") for i in range(max(by_row[r]) + 1)])
            for r in sorted(by_row)]


def read_sheet_rows(path):
    if path.lower().endswith(".xls"):
        return read_xls_rows(path)
    return read_xlsx_rows(path)


def fixed_time(day):
    """A datetime for the documents' dates (naive, UTC)."""
    return datetime.datetime(day.year, day.month, day.day, 8, 0, 0)

