#!/usr/bin/python3
"""Writes the seed corpora of the fuzz targets into tests/fuzz/<target>/.

Deterministic: each run writes the same files.  A seed is one input of its
target: the first byte chooses what the target does with the rest (see the
comment at the top of each tests/fuzz/fuzz_*.c).  Files named crash-* are
inputs a fuzzer once crashed on; this script never touches them.

Usage: gen-seeds.py   (from anywhere; writes next to itself)
"""
import os
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
YEAR = os.path.join(ROOT, "tests", "cases", "small-2021", "input", "2021")


def write(target, name, data):
    d = os.path.join(HERE, target)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def read(*parts):
    with open(os.path.join(*parts), "rb") as f:
        return f.read()


def csv_seeds():
    sub = os.path.join(YEAR, "submissions")
    for i, name in enumerate(sorted(os.listdir(sub))):
        data = read(sub, name)
        write("fuzz_csv", "sub-%s" % name, bytes([(0, 1, 5)[i % 3]]) + data)
    header = "Mã đơn vị,Mã chỉ tiêu,Giá trị,Ghi chú\n"
    cases = {
        "bom": b"\xef\xbb\xbf" + header.encode() + b"KT.STP,ht.cbcc,12,\n",
        "utf16": b"\xff\xfe" + header.encode("utf-16-le"),
        "semicolon-crlf": header.replace(",", ";").encode() + b"KT.STP;ht.cbcc;1.234;x\r\n",
        "tab-titles": b"BAO CAO\n\nSo TP\n" + header.replace(",", "\t").encode() + b"a\tb\tc\n",
        "quotes": (header + 'KT.STP,ht.cbcc,"1,5","a ""quoted"" note\nover two lines"\n').encode(),
        "unterminated": (header + 'KT.STP,ht.cbcc,"12\n').encode(),
        "nul": header.encode() + b"KT.STP,ht.c\x00bcc,12,\n",
        "bad-utf8": header.encode() + b"KT.STP,ht.cbcc,\xc3\x28,\xff\n",
        "ragged": (header + "KT.STP\nKT.STP,ht.cbcc\nKT.STP,ht.cbcc,1,2,3,4,5\n").encode(),
        "header-only": header.encode(),
        "empty": b"",
        "cr-only": header.replace("\n", "\r").encode() + b"KT.STP,ht.cbcc,1\r",
        "decomposed": (header + "KT.STP,ht.cbcc,12,Ghi chu\u0301\n").encode(),
    }
    for k, (name, data) in enumerate(sorted(cases.items())):
        write("fuzz_csv", name, bytes([k % 3]) + data)
    stray = (header + 'KT.STP,ht.cbcc,4"5,\nKT.STP,ht.wan,"có"x,ghi\n'
             'KT.STP,ht.cbcc_may_tinh,"1,5\nKT.STP,ht.lan_internet,có,"a\n').encode()
    write("fuzz_csv", "stray-quotes", b"\x00" + stray)
    write("fuzz_csv", "stray-quotes-read", b"\x05" + stray)
    write("fuzz_csv", "units", b"\x03" + read(YEAR, "units.csv"))
    write("fuzz_csv", "units-bad", b"\x03code,name,level,parent\nKT,Tinh,tinh,\nKT.A,A,xa,KT.B\n"
          b"KT.B,B,huyen,KT\nkt.b,b,so,KT\n")
    write("fuzz_csv", "report", b"\x04" + read(YEAR, "report.csv"))
    write("fuzz_csv", "report-bad", b"\x04key,value\nissued_on,2021-02-30\ndeadline,31/12\n")


def values_seeds():
    fields = [
        (0, "403.086"), (0, "403 086"), (0, "1.23.4567"), (0, "999999999999999"),
        (0, "-5"), (1, "116,83"), (1, "1.234,5"), (1, "1.234.567"), (1, "1e5"),
        (2, "96,2%"), (2, "84,04 %"), (2, "101"), (3, "có"), (3, "không đạt"), (3, "x"),
        (5, "2020-12-31"), (5, "31/12/2020"), (5, "29.02.2021"), (5, "1/1/2021"),
        (6, "Mã  đơn_vị\u00a0"), (6, "Nguye\u0302\u0303n"), (6, "\xff\xfe"), (7, "0,005"),
    ]
    for k, (op, text) in enumerate(fields):
        data = text.encode("utf-8", "surrogateescape") if op != 6 or "\xff" not in text \
            else b"\xff\xfe"
        write("fuzz_values", "v%02d" % k, bytes([op, k, k]) + data)
    for k in range(12):
        write("fuzz_values", "ind%02d" % k, bytes([4, k * 7, k]) +
              ["12", "1.234", "có", "lien_thong", "96,2%", "29,5", "abc", "",
               "một cửa điện tử liên thông", "116,83", "-1", "x"][k].encode())


def layout_seeds():
    names = sorted(n for n in os.listdir(os.path.join(ROOT, "layouts")) if not n.startswith("."))
    for i, name in enumerate(names):
        write("fuzz_layouts", "ship-%s" % name, bytes([i]) + read(ROOT, "layouts", name))
    report = names.index("report.txt")
    write("fuzz_layouts", "report-unknown", bytes([report]) + "{tong.ho_soo:int} {:}\n".encode())
    write("fuzz_layouts", "rules-bad", bytes([names.index("rules.csv")]) +
          b"code,left,op,right,levels,severity,message\nR,a+,<=,sum(,so,error,{left}\n")


CT = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
      '<Default Extension="xml" ContentType="application/xml"/>'
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
      'officedocument.spreadsheetml.sheet.main+xml"/>%s</Types>')
SHEET_CT = ('<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>')
RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
        'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
NS = ('xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
REL_T = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


def xlsx(sheets, strings=None, styles=None, date1904=False, doctype="", merges=()):
    """A minimal workbook, stored (not deflated) so that mutations reach the
    XML, with fixed dates so that the bytes are always the same."""
    import io
    buf = io.BytesIO()
    parts = []
    n = len(sheets)
    parts.append(("[Content_Types].xml", CT % (
        "".join(SHEET_CT % (i + 1) for i in range(n)) +
        ('<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
         'officedocument.spreadsheetml.sharedStrings+xml"/>' if strings is not None else "") +
        ('<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-'
         'officedocument.spreadsheetml.styles+xml"/>' if styles else ""))))
    parts.append(("_rels/.rels", RELS))
    parts.append(("xl/workbook.xml", '<?xml version="1.0" encoding="UTF-8"?><workbook %s>%s<sheets>%s'
                  '</sheets></workbook>' % (NS, '<workbookPr date1904="1"/>' if date1904 else "",
                                            "".join('<sheet name="%s" sheetId="%d" r:id="rId%d"/>' %
                                                    (name, i + 1, i + 1)
                                                    for i, (name, _) in enumerate(sheets)))))
    rels = "".join('<Relationship Id="rId%d" Type="%sworksheet" Target="worksheets/sheet%d.xml"/>' %
                   (i + 1, REL_T, i + 1) for i in range(n))
    if strings is not None:
        rels += '<Relationship Id="rId%d" Type="%ssharedStrings" Target="sharedStrings.xml"/>' % (n + 1, REL_T)
        parts.append(("xl/sharedStrings.xml", '<?xml version="1.0" encoding="UTF-8"?><sst %s count="%d" '
                      'uniqueCount="%d">%s</sst>' % (NS, len(strings), len(strings),
                                                      "".join("<si><t>%s</t></si>" % t for t in strings))))
    if styles:
        rels += '<Relationship Id="rId%d" Type="%sstyles" Target="styles.xml"/>' % (n + 2, REL_T)
        parts.append(("xl/styles.xml", styles))
    parts.append(("xl/_rels/workbook.xml.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships '
                  'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">%s</Relationships>'
                  % rels))
    for i, (_, rows) in enumerate(sheets):
        merged = ('<mergeCells count="%d">%s</mergeCells>'
                  % (len(merges), "".join('<mergeCell ref="%s"/>' % m for m in merges))
                  if merges else "")
        parts.append(("xl/worksheets/sheet%d.xml" % (i + 1), '<?xml version="1.0" encoding="UTF-8"?>%s'
                      '<worksheet %s><sheetData>%s</sheetData>%s</worksheet>'
                      % (doctype, NS, rows, merged)))
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
        for name, data in parts:
            info = zipfile.ZipInfo(name, date_time=(2021, 12, 15, 8, 0, 0))
            z.writestr(info, data.encode("utf-8"))
    return buf.getvalue()


def xlsx_seeds():
    strings = ["Mã đơn vị", "Mã chỉ tiêu", "Giá trị", "KT.STP", "ht.cbcc", "ht.wan", "có"]
    head = ('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>'
            '<c r="C1" t="s"><v>2</v></c></row>')
    body = ('<row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2" t="s"><v>4</v></c><c r="C2"><v>45</v></c></row>'
            '<row r="3"><c r="A3" t="s"><v>3</v></c><c r="B3" t="s"><v>5</v></c><c r="C3" t="s"><v>6</v></c></row>')
    write("fuzz_xlsx", "shared-strings.xlsx", xlsx([("BaoCao", head + body)], strings))
    inline = ('<row r="1"><c t="inlineStr"><is><t>unit_code</t></is></c><c t="inlineStr"><is><t>indicator'
              '</t></is></c><c t="inlineStr"><is><t>value</t></is></c></row><row r="2"><c t="inlineStr">'
              '<is><t>KT.STP</t></is></c><c t="inlineStr"><is><r><t>ht.</t></r><r><t>cbcc</t></r></is></c>'
              '<c t="n"><v>4.5E1</v></c></row>')
    write("fuzz_xlsx", "inline-no-refs.xlsx", xlsx([("Sheet1", inline)]))
    styles = ('<?xml version="1.0" encoding="UTF-8"?><styleSheet %s><numFmts count="1"><numFmt numFmtId="164" '
              'formatCode="0.0%%"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="10"/>'
              '<xf numFmtId="14"/></cellXfs></styleSheet>' % NS)
    typed = head + ('<row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2" t="s"><v>4</v></c><c r="C2" s="1">'
                    '<v>0.962</v></c><c r="D2" s="2"><v>44545</v></c><c r="E2" t="b"><v>1</v></c>'
                    '<c r="F2" t="e"><v>#DIV/0!</v></c><c r="G2"><f>1+1</f><v>2</v></c>'
                    '<c r="H2" t="str"><f>A2</f><v>KT.STP</v></c><c r="I2"><f>B2</f></c></row>')
    write("fuzz_xlsx", "styles-formulas.xlsx", xlsx([("Báo cáo", typed)], strings, styles))
    write("fuzz_xlsx", "date1904.xlsx", xlsx([("S", head + body)], strings, styles, date1904=True))
    # what a style hides: ;;; and a white font on no fill, a palette of
    # the workbook's own, a coloured section (W_VALUE_UNSHOWN)
    colours = ('<?xml version="1.0" encoding="UTF-8"?><styleSheet %s><numFmts count="2"><numFmt '
               'numFmtId="164" formatCode=";;;"/><numFmt numFmtId="165" formatCode="0;[Red]-0"/>'
               '</numFmts><fonts count="3"><font><color theme="1"/></font><font><color '
               'rgb="FFFFFFFF"/></font><font><color indexed="10"/></font></fonts><fills count="2">'
               '<fill><patternFill patternType="none"/></fill><fill><patternFill patternType="solid">'
               '<fgColor indexed="9"/></patternFill></fill></fills><cellXfs count="4"><xf/>'
               '<xf numFmtId="164"/><xf fontId="1" numFmtId="165"/><xf fontId="2" fillId="1"/>'
               '</cellXfs><colors><indexedColors><rgbColor rgb="00000000"/><rgbColor rgb="00FFFFFF"/>'
               '</indexedColors></colors></styleSheet>' % NS)
    hid = head + ('<row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2" t="s"><v>4</v></c><c r="C2" s="1">'
                  '<v>45</v></c></row><row r="3"><c r="A3" t="s"><v>3</v></c><c r="B3" t="s"><v>5</v>'
                  '</c><c r="C3" s="2"><v>-2</v></c><c r="D3" s="3" t="s"><v>6</v></c></row>')
    write("fuzz_xlsx", "colours.xlsx", xlsx([("BaoCao", hid)], strings, colours))
    write("fuzz_xlsx", "second-sheet.xlsx", xlsx([("Ghi chu", '<row r="1"><c r="A1"><v>1</v></c></row>'),
                                                  ("BaoCao", head + body)], strings))
    write("fuzz_xlsx", "far-cells.xlsx", xlsx([("S", head + '<row r="1048576"><c r="XFD1048576"><v>1</v>'
                                                 '</c></row><row r="5"><c r="ZZZZ5"><v>1</v></c></row>')],
                                              strings))
    write("fuzz_xlsx", "empty-sheet.xlsx", xlsx([("S", "")]))
    # a header of two rows merged down, a code merged down its rows, a
    # value merged over two indicators' rows
    two_rows = ('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
                '<row r="2"><c r="C2" t="s"><v>2</v></c></row>'
                '<row r="3"><c r="A3" t="s"><v>3</v></c><c r="B3" t="s"><v>4</v></c><c r="C3"><v>45</v></c></row>'
                '<row r="4"><c r="B4" t="s"><v>5</v></c><c r="C4"><v>1</v></c></row>'
                '<row r="5"><c r="B5" t="s"><v>4</v></c></row>'
                '<row r="6"><c r="B6" t="s"><v>5</v></c></row>')
    write("fuzz_xlsx", "merged.xlsx", xlsx([("BaoCao", two_rows)], strings,
                                           merges=("A1:A2", "B1:B2", "A3:A6", "C5:C6", "D1:E1")))
    write("fuzz_xlsx", "doctype.xlsx", xlsx([("S", head)], strings,
                                            doctype='<!DOCTYPE x [<!ENTITY a "aa">]>'))


def xls_seeds():
    """Workbooks saved as Excel 97-2003 by LibreOffice: the unit tests'
    fixtures (tests/fixtures/xls/make-fixtures.py makes them) and the
    smaller of the demo's two; the input is the file itself."""
    fixtures = os.path.join(ROOT, "tests", "fixtures", "xls")
    for name in sorted(os.listdir(fixtures)):
        if name.endswith(".xls"):
            write("fuzz_xls", name, read(fixtures, name))
    write("fuzz_xls", "demo-sgtvt.xls", read(ROOT, "input", "2020", "submissions", "sgtvt.xls"))


def xml_fast_seeds():
    """The first byte says where the handlers stop (0: never; low 7 bits k:
    at the k-th start or end, or with 0x80 in the first text after k of
    them); the rest is one XML part."""
    demo = os.path.join(ROOT, "input", "2020", "submissions")
    with zipfile.ZipFile(os.path.join(demo, "pleiku.xlsx")) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
    head = sheet[:3000]
    head = head[:head.rindex("</row>") + len("</row>")] + "</sheetData></worksheet>"
    write("fuzz_xml_fast", "openpyxl-sheet", b"\x00" + head.encode())
    with zipfile.ZipFile(os.path.join(demo, "DakDoa-baocao.xlsx")) as z:
        refs = z.read("xl/worksheets/sheet1.xml")
    write("fuzz_xml_fast", "openpyxl-refs-stop-9", b"\x09" + refs)
    excel = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
             '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
             'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
             'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
             'mc:Ignorable="x14ac xr" '
             'xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" '
             'xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision" '
             'xr:uid="{00000000-0001-0000-0000-000000000000}"><dimension ref="A1:C2"/>'
             '<sheetViews><sheetView tabSelected="1" workbookViewId="0"/></sheetViews>'
             '<sheetFormatPr defaultRowHeight="15" x14ac:dyDescent="0.25"/><sheetData>'
             '<row r="1" spans="1:3" x14ac:dyDescent="0.25"><c r="A1" t="s"><v>0</v></c>'
             '<c r="B1" s="1" t="s"><v>1</v></c></row><row r="2" spans="1:3" '
             'x14ac:dyDescent="0.25"><c r="A2"><v>45</v></c><c r="B2"><f>A2*2</f><v>90</v></c>'
             '</row></sheetData><pageSetup orientation="portrait" r:id="rId1"/></worksheet>')
    write("fuzz_xml_fast", "excel-sheet", b"\x00" + excel.encode())
    sst = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
           '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3" '
           'uniqueCount="3"><si><t>Mã đơn vị</t></si><si><t xml:space="preserve"> Giá trị </t>'
           '</si><si><r><rPr><b/><sz val="11"/></rPr><t>Sở Giáo dục</t></r><r><t xml:space='
           '"preserve"> và Đào tạo_x000D_\n</t></r></si></sst>')
    write("fuzz_xml_fast", "excel-shared-strings-stop-in-text-3", b"\x83" + sst.encode())
    prefixed = ('<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                '<x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>unit_code</x:t>'
                '</x:is></x:c></x:row></x:sheetData><p:a xmlns:p="urn:one" p:x="1"><p:b '
                'xmlns:p="urn:two" p:x="2"/><b xmlns="urn:three"><c xmlns=""/></b><p:c/></p:a>'
                '</x:worksheet>')
    write("fuzz_xml_fast", "namespaces", b"\x00" + prefixed.encode())
    entities = ("<t a=\"&lt;&gt;&amp;&quot;&apos;\" b='&#9;&#10;&#13;&#x41;' c='say \"hi\"'>"
                "&lt;b&gt; &amp; &#65;&#x42;&#7899;&#x1F600; a > b ]] c&#13;&#10;</t>")
    write("fuzz_xml_fast", "entities-stop-2", b"\x02" + entities.encode())
    utf8 = ("\ufeff<?xml version='1.0' encoding='utf-8'?>\n<t xml:space=\"preserve\" name=\"Báo cáo\">"
            "Sở Giáo dục và Đào tạo 😀 €\t漢字</t>\n")
    write("fuzz_xml_fast", "utf8-bom", b"\x00" + utf8.encode())
    spaces = '<a \n\tb = "1"\n c\t=\t\'2\' ><b  /><c\t/><d></d>x</a\n>'
    write("fuzz_xml_fast", "whitespace-stop-in-text-1", b"\x81" + spaces.encode())
    declined = ("<a><![CDATA[<x>]]><!-- c --><?pi x?>a\r\nb<b c=\"x\ty\"/>&nbsp;</a>")
    write("fuzz_xml_fast", "declined-cdata-comment", b"\x00" + declined.encode())
    write("fuzz_xml_fast", "declined-doctype", b"\x00" +
          b'<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>')


csv_seeds()
values_seeds()
layout_seeds()
xlsx_seeds()
xls_seeds()
xml_fast_seeds()
