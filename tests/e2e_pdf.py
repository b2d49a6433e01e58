"""End-to-end tests of the PDF report: the published text, the pages and
what is on each, the table of contents, the outline, fonts and properties,
the layouts changing the report without a rebuild, and the data-quality
appendix on faulty data."""
import csv
import html
import io
import json
import os
import re
import shutil
import subprocess

from e2elib import ROOT, CASES, check, test, build, run, tmpdir, read_validation, pdf_text, demo, \
    page_numbers
from e2e_core import PUBLISHED

# Sentences of the published 2020 text without a figure: the 2020 layout
# reproduces them too, word for word.
PUBLISHED_PROSE = [
    "Sau đây là một số kết quả chung đã đạt được Ủy ban nhân dân tỉnh Gia Lai.",
    "Hạ tầng công nghệ thông tin (CNTT) trong các cơ quan hành chính nhà nước của tỉnh tiếp tục "
    "được quan tâm đầu tư.",
    "Hầu hết cán bộ, công chức (CBCC) trong các cơ quan hành chính nhà nước được trang bị máy "
    "tính phục vụ công tác chuyên môn, nghiệp vụ.",
    "Tất cả các cơ quan hành chính nhà nước của tỉnh đã thành lập Bộ phận tiếp nhận và trả kết "
    "quả.",
    "Công tác đảm bảo an toàn thông tin mạng: Hầu hết các cơ quan, đơn vị đã chú trọng công tác "
    "đảm bảo an toàn thông tin, triển khai các biện pháp đảm bảo an toàn thông tin như: Hệ thống "
    "tường lửa, thiết bị sao lưu dự phòng, trang bị phần mềm phòng, chống virus cho các máy "
    "tính...",
    "Công tác đào tạo, tập huấn nâng cao trình độ CNTT cho đội ngũ CBCC, cán bộ chuyên trách "
    "CNTT trong các cơ quan hành chính nhà nước của tỉnh được quan tâm.",
    "Tại hầu hết cơ quan, đơn vị đã bố trí kinh phí và tham mưu cấp có thẩm quyền bố trí kinh "
    "phí cho hoạt động ứng dụng CNTT hằng năm để: Nâng cấp xây dựng hệ thống mạng nội bộ, xây "
    "dựng trang thông tin điện tử, triển khai các phần mềm ứng dụng chuyên ngành, xây dựng các hệ "
    "thống CNTT phục vụ cải cách hành chính, nâng cao năng lực cạnh tranh, xây dựng Chính quyền "
    "điện tử (CQĐT)...",
    "Đây là kênh thông tin quan trọng để người dân, doanh nghiệp có thể tìm kiếm thông tin, giám "
    "sát các hoạt động của cơ quan hành chính nhà nước.",
    "Tuy nhiên đối với cấp xã thì vẫn còn nhiều đơn vị chưa đáp ứng đầy đủ các thông tin cơ bản "
    "theo quy định.",
    "Hệ thống hoạt động ổn định tạo điều kiện thuận lợi cho công dân, tổ chức trong việc nộp hồ "
    "sơ, theo dõi, nhận kết quả giải quyết hồ sơ từ các cơ quan hành chính nhà nước.",
    "Hệ thống hội nghị trực tuyến của tỉnh tiếp tục duy trì hoạt động, tần suất hoạt động của hệ "
    "thống ngày càng nhiều và ngày càng phát huy hiệu quả.",
]

HEADING = re.compile(r"^\d+(\.\d+)*\. \S")


def norm(s):
    return re.sub(r"\s+", " ", s).strip()


def page_count(pdf):
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


def page_texts(pdf):
    """The text of each page in drawing order, as lines; from page 2 on,
    the last is the page's number (drawn last)."""
    pages = []
    for n in range(1, page_count(pdf) + 1):
        p = subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), "-raw", "-enc", "UTF-8", pdf,
                            "-"], capture_output=True, text=True, check=True)
        pages.append([l.strip() for l in p.stdout.splitlines() if l.strip()])
    return pages


A4_W, MM30, MM15, MM20 = 595.276, 30 / 25.4 * 72, 15 / 25.4 * 72, 20 / 25.4 * 72


def top_margin_words(pdf):
    """Per page, the words drawn in the top margin: (text, xMin, xMax)."""
    p = subprocess.run(["pdftotext", "-bbox", pdf, "-"], capture_output=True, text=True,
                       check=True)
    pages = []
    for page in p.stdout.split("<page ")[1:]:
        pages.append([(html.unescape(m.group(5)), float(m.group(1)), float(m.group(3)))
                      for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" '
                                           r'xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', page)
                      if float(m.group(4)) < MM20])
    return pages


def outline(pdf):
    """(title, page, depth) of every bookmark, in order."""
    p = subprocess.run(["qpdf", "--json", "--json-key=outlines", pdf], capture_output=True,
                       text=True, check=True)
    out = []

    def walk(items, depth):
        for o in items:
            out.append((o["title"], o["destpageposfrom1"], depth))
            walk(o["kids"], depth + 1)
    walk(json.loads(p.stdout)["outlines"], 0)
    return out


def contents(pages):
    """The table of contents of page 1: [(entry, page)] up to the first
    line of text that is no entry."""
    lines = pages[0]
    start = lines.index("MỤC LỤC") + 1
    entries = []
    for l in lines[start:]:
        m = re.match(r"^(.*\S) (\d+)$", l)
        if not m or not (HEADING.match(l) or l.startswith("Phụ lục")):
            break
        entries.append((m.group(1), int(m.group(2))))
    return entries


def copy_layouts():
    d = tmpdir()
    shutil.copytree(os.path.join(ROOT, "layouts"), os.path.join(d, "layouts"))
    return d, os.path.join(d, "layouts")


def edit_report(layouts, fn):
    path = os.path.join(layouts, "report.txt")
    text = open(path, encoding="utf-8").read()
    new = fn(text)
    check(new != text, "the edit changed nothing in report.txt")
    open(path, "w", encoding="utf-8").write(new)


def build_with(layouts, base=None, year=2020):
    out = tmpdir()
    rc, so, se = build(base or os.path.join(ROOT, "input"), year, out, "--layouts", layouts)
    return rc, so, se, os.path.join(out, str(year), "egov-%d.pdf" % year), out


DEMO_PDF = lambda: os.path.join(demo()["dir"], "2020", "egov-2020.pdf")


# ---- the published text -----------------------------------------------------

@test
def the_2020_pdf_reproduces_the_published_sentences_without_figures_too():
    text = pdf_text(DEMO_PDF())
    missing = [s for s in PUBLISHED_PROSE if norm(s) not in text]
    check(not missing, "not in the PDF text:\n  " + "\n  ".join(missing))
    check("…" not in text, "a figure of the 2020 report is missing (…)")


# ---- pages ------------------------------------------------------------------

@test
def the_2020_pdf_has_the_pages_a_reader_expects_each_with_what_belongs_there():
    pdf = DEMO_PDF()
    pages = page_texts(pdf)
    n = len(pages)
    check(10 <= n <= 14, "%d pages; the 2020 report takes about 12" % n)
    # the page numbers of Nghị định 30: in the top margin (20 mm), centred
    # over the text, from page 2 on; page 1 none, nor the appendix's first
    # page, the appendix numbering its own pages
    appendix = [p for t, p, _ in outline(pdf) if t.startswith("Phụ lục")]
    check(len(appendix) == 1, "appendix bookmarks: %s" % appendix)
    for i, words in enumerate(top_margin_words(pdf), 1):
        want = i if i < appendix[0] else i - appendix[0] + 1
        if want == 1:
            check(words == [], "page %d shows a number: %s" % (i, words))
            continue
        check(len(words) == 1 and words[0][0] == str(want), "page %d: %s" % (i, words))
        centre = (words[0][1] + words[0][2]) / 2
        check(abs(centre - (MM30 + (A4_W - MM30 - MM15) / 2)) < 1,
              "page %d: its number is centred at %.1f pt" % (i, centre))
    # page 1: the form of Nghị định 30, the title, the contents, the start of the text
    first = " ".join(pages[0])
    for s in ("ỦY BAN NHÂN DÂN", "TỈNH GIA LAI", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
              "Độc lập - Tự do - Hạnh phúc", "Số: 18/BC-UBND", "Gia Lai, ngày 15 tháng 01 năm 2021",
              "BÁO CÁO", "Kết quả xây dựng Chính quyền điện tử năm 2020", "MỤC LỤC",
              "Sau đây là một số kết quả chung"):
        check(s in first, "page 1 lacks %r" % s)
    check(first.index("Độc lập") < first.index("BÁO CÁO") < first.index("MỤC LỤC")
          < first.index("Sau đây là"), "page 1 is not in the order form, title, contents, text")
    # the signature closes the report before the appendix, on one page
    sign = [i for i, p in enumerate(pages) if "Nơi nhận:" in p]
    check(len(sign) == 1, "'Nơi nhận:' on pages %s" % [i + 1 for i in sign])
    s = sign[0]
    # Nghị định 30: for the collective body, its deputy head; each line of
    # "Nơi nhận" ends with ';', the last with '.'
    for t in ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Mai Xuân Cường",
              "- Bộ Thông tin và Truyền thông;", "- Lưu: VT, KGVX."):
        check(t in pages[s], "the signature page lacks %r" % t)
    check("Trên đây là báo cáo" in " ".join(pages[s]),
          "the signature is alone on its page, without the closing sentence")
    # the appendix after it, on a page of its own, to the end
    app = [i for i, p in enumerate(pages) if "PHỤ LỤC" in p]
    check(app and app[0] == s + 1,
          "the appendix does not start on the page after the signature: %s" % app)
    rest = " ".join(" ".join(p) for p in pages[app[0]:])
    for t in ("Chất lượng số liệu các đơn vị gửi về năm 2020",
              "(Kèm theo Báo cáo số 18/BC-UBND ngày 15/01/2021 của Ủy ban nhân dân tỉnh Gia Lai)",
              "1. Tình hình nộp số liệu", "Tổng cộng 258 258 100,0% 0 247",
              "Tất cả các đơn vị trong danh sách đã gửi số liệu.",
              # "no unit late" is said of the units whose day is known alone
              "Hạn nộp số liệu là ngày 31/12/2020; trong 11 đơn vị xác định được ngày nộp, "
              "không có đơn vị nào nộp sau hạn.",
              "Không xác định được ngày nộp của 247 đơn vị",
              "2. Các vấn đề phát hiện khi kiểm tra số liệu", "không có lỗi, có 2 cảnh báo",
              "KongChro_2020.csv", "SNN_PTNT_BC_UDCNTT.csv"):
        check(t in rest, "the appendix lacks %r" % t)
    # the two warnings are about whole files: each goes with the unit whose
    # file it is (the district's file carries its communes too)
    for t in ("2 cảnh báo, thuộc 2 đơn vị", "Huyện Kông Chro (GL.KCH): 1 vấn đề",
              "Sở Nông nghiệp và Phát triển nông thôn (GL.SNNPTNT): 1 vấn đề",
              # as layouts/problems.csv says them, not as validation.csv's
              # messages do
              "Tệp không dùng bảng mã UTF-8, đã được đọc theo bảng mã Windows-1258",
              "Văn bản gõ bằng phông TCVN3 đã được chuyển sang Unicode"):
        check(t in rest, "the appendix lacks %r" % t)
    check("Windows-1258 (CP1258)" not in rest and "TCVN3 (ABC, .VnTime)" not in rest,
          "validation.csv's messages in the appendix")
    check("Không gắn với đơn vị nào" not in rest, "a file's warning is given to no unit")
    # no page but the last body page and the appendix's last is less than a third full
    for i, lines in enumerate(pages[:s]):
        check(len(lines) >= 12, "page %d holds only %d lines" % (i + 1, len(lines)))


@test
def the_contents_give_the_page_of_every_heading_and_link_to_it():
    pdf = DEMO_PDF()
    pages = page_texts(pdf)
    toc = contents(pages)
    titles = [t for t, _ in toc]
    for want in ("1. Kết quả về điều kiện sẵn sàng Chính quyền điện tử",
                 "1.1. Hạ tầng công nghệ thông tin", "2.4. Mức độ chuyển đổi",
                 "3. Kết quả đánh giá, xếp hạng mức độ Chính quyền điện tử",
                 "Phụ lục: Chất lượng số liệu các đơn vị gửi về năm 2020",
                 "2. Các vấn đề phát hiện khi kiểm tra số liệu"):
        check(want in titles, "the contents lack %r: %s" % (want, titles))
    # the number printed on a page: an appendix numbers its own pages
    printed = [n or 1 for n in page_numbers(pages)]
    phys = []
    for title, page in toc:
        body = title.split(": ", 1)[1] if title.startswith("Phụ lục") else title
        where = [i + 1 for i, p in enumerate(pages) if any(norm(l) == body for l in p)]
        at = [w for w in where if printed[w - 1] == page]
        check(at, "%r: the contents say page %d, the heading is on %s (numbered %s)"
              % (title, page, where, [printed[w - 1] for w in where]))
        phys.append(at[0])
    # one link per line of the contents, each to the page it names
    p = subprocess.run(["qpdf", "--json", "--json-key=pages", "--json-key=qpdf", pdf],
                       capture_output=True, text=True, check=True)
    j = json.loads(p.stdout)
    objs = j["qpdf"][1]
    page_of = {pg["object"]: i + 1 for i, pg in enumerate(j["pages"])}
    annots = [objs["obj:" + a]["value"] for a in
              objs["obj:" + j["pages"][0]["object"]]["value"].get("/Annots", [])]
    dests = [a["/Dest"] for a in annots if a.get("/Subtype") == "/Link"]
    dests = [objs["obj:" + d]["value"] if isinstance(d, str) else d for d in dests]
    links = sorted(page_of[d[0]] for d in dests)
    check(links == sorted(phys),
          "the links of page 1 go to pages %s, the headings are on %s" % (links, phys))


def html_text(t):
    return html.unescape(t)


def read_pgm(path):
    """A binary PGM (pdftoppm -gray): width, height, bytes."""
    with open(path, "rb") as f:
        data = f.read()
    fields = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
    w, h = int(fields.group(1)), int(fields.group(2))
    return w, h, data[fields.end():]


@test
def the_contents_lead_each_entry_to_its_page_with_dots_on_one_grid():
    """Between each entry's last word and its page number, a row of round
    dots 3.6 pt apart, on the same grid from one entry to the next, as the
    page shows them (rendered), not as text."""
    pdf = DEMO_PDF()
    work = tmpdir()
    subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-bbox", pdf, os.path.join(work, "bb.html")],
                   check=True, capture_output=True)
    words = [(float(a), float(b), float(c), float(d), html_text(t)) for a, b, c, d, t in
             re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                        r'([^<]*)</word>', open(os.path.join(work, "bb.html"), encoding="utf-8").read())]
    scale = 4                       # pixels to a point: 288 dpi
    subprocess.run(["pdftoppm", "-f", "1", "-l", "1", "-r", str(72 * scale), "-gray", pdf,
                    os.path.join(work, "p")], check=True, capture_output=True)
    w, h, px = read_pgm(os.path.join(work, [f for f in os.listdir(work) if f.endswith(".pgm")][0]))
    title = min(wd[1] for wd in words if wd[4] == "MỤC")
    numbers = [wd for wd in words if wd[4].isdigit() and len(wd[4]) <= 3 and wd[0] > 480
               and wd[1] > title]
    check(len(numbers) >= 10, "page 1 has %d page numbers at the right" % len(numbers))
    for x0, y0, x1, y1, text in numbers:
        left = [wd for wd in words if abs(wd[3] - y1) < 1 and wd[2] < x0 - 10]
        check(left, "no entry before page number %s at y %.0f" % (text, y1))
        start, end = max(wd[2] for wd in left) + 1, x0 - 1
        dark = [any(px[y * w + x] < 128 for y in range(int(y0 * scale), int(y1 * scale)))
                for x in range(int(start * scale), int(end * scale))]
        runs, at = [], None
        for i, d in enumerate(dark + [False]):
            if d and at is None:
                at = i
            elif not d and at is not None:
                runs.append((at, i))
                at = None
        where = "the entry before page %s at y %.0f" % (text, y1)
        centres = [start + (a + b) / 2 / scale for a, b in runs]
        # from the entry to the widest page number's room ("0000")
        check(len(runs) >= 5 and centres[0] - start < 10 and end - centres[-1] < 30,
              "%s: %d dots from %.0f to %.0f pt, between %.0f and %.0f"
              % (where, len(runs), centres[0] if runs else 0, centres[-1] if runs else 0,
                 start, end))
        widths = [(b - a) / scale for a, b in runs]
        check(all(0.5 <= wd <= 1.5 for wd in widths), "%s: dots %s pt wide" % (where, widths))
        check(all(abs(c / 3.6 - round(c / 3.6)) < 0.1 for c in centres),
              "%s: dots off the 3.6 pt grid at %s" % (where, centres))
        check(all(abs(b - a - 3.6) < 0.3 for a, b in zip(centres, centres[1:])),
              "%s: dots not evenly spaced: %s" % (where, centres))


@test
def no_heading_is_left_alone_at_the_foot_of_a_page():
    # The same report with 0 to 9 filler lines before section 1.2, so that
    # its heading falls at every height near a page's foot.
    filler = ("Đoạn văn chèn thêm để thử ngắt trang, đủ dài để chiếm trọn một dòng của trang "
              "giấy khổ A4 theo lề của Nghị định 30. ")
    base, layouts = copy_layouts()
    path = os.path.join(layouts, "report.txt")
    orig = open(path, encoding="utf-8").read()
    seen = 0
    for k in range(0, 10):
        text = orig.replace("== Nguồn nhân lực ứng dụng CNTT",
                            (filler * k + "\n\n" if k else "") + "== Nguồn nhân lực ứng dụng CNTT", 1)
        open(path, "w", encoding="utf-8").write(text)
        rc, _, se, pdf, out = build_with(layouts)
        check(rc == 0, se)
        for i, lines in enumerate(page_texts(pdf)):
            body = lines[:-1] if i and lines and lines[-1] == str(i + 1) else lines
            check(body and not HEADING.match(body[-1]) or i == 0 and "MỤC LỤC" in body,
                  "filler %d: page %d ends with the heading %r" % (k, i + 1, body[-1]))
            seen += 1
        shutil.rmtree(out)
    shutil.rmtree(base)
    check(seen > 0, "no page looked at")


@test
def no_line_of_the_2020_pdf_ends_with_a_figure_whose_unit_starts_the_next():
    # "… Thành phố Pleiku đạt 140,28" / "điểm; xếp thứ 3 …" was the slip.
    figure = re.compile(r"(?:^|\s)[(+-]?\d[\d.,/]*\d$")
    unit = re.compile(r"^(điểm|đồng|hồ sơ|lượt|đơn vị|cuộc|trường|dịch vụ|chứng thư|văn bản)\b")
    for i, lines in enumerate(page_texts(DEMO_PDF())):
        for a, b in zip(lines, lines[1:]):
            check(not (figure.search(a) and unit.match(b)),
                  "page %d: a figure ends a line, its unit starts the next:\n%s\n%s"
                  % (i + 1, a, b))


@test
def a_table_split_by_a_page_keeps_three_rows_on_either_side():
    # The ranking tables (20 departments, 17 districts) moved by 0 to 39
    # filler lines before section 3, so that a page's foot falls at every
    # row of them: every part of a table under its (repeated) header holds
    # at least three rows, never the header and a row or two alone.
    filler = ("Đoạn văn chèn thêm để thử ngắt trang, đủ dài để chiếm trọn một dòng của trang "
              "giấy khổ A4 theo lề. ")
    row = re.compile(r"(\d+,\d\d ){5}\d+,\d\d$")
    base, layouts = copy_layouts()
    path = os.path.join(layouts, "report.txt")
    orig = open(path, encoding="utf-8").read()
    anchor = "= Kết quả đánh giá, xếp hạng mức độ Chính quyền điện tử"
    check(anchor in orig, "no section 3 in report.txt")
    splits = 0
    for k in range(0, 40):
        text = orig.replace(anchor, (filler + "\n\n") * k + anchor, 1)
        open(path, "w", encoding="utf-8").write(text)
        rc, _, se, pdf, out = build_with(layouts)
        check(rc == 0, se)
        p = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", pdf, "-"], capture_output=True,
                           text=True, check=True)
        parts = []                          # rows under each header drawn
        for page in p.stdout.split("\f"):
            for line in page.splitlines():
                if line.strip() == "Hạng Đơn vị":
                    parts.append(0)
                elif parts and row.search(line.strip()):
                    parts[-1] += 1
            if parts:
                parts.append(None)          # a page ends
        runs, cur = [], []
        for n in parts:                     # the parts of each table, by page
            if n is None:
                continue
            cur.append(n)
            if len(runs) < 2 and sum(cur) == (20, 17)[len(runs)]:
                runs.append(cur)
                cur = []
        check(not cur and [sum(r) for r in runs] == [20, 17],
              "filler %d: the rankings' rows by part: %s" % (k, parts))
        for r in runs:
            check(min(r) >= 3, "filler %d: a table split as %s" % (k, r))
            splits += len(r) > 1
        shutil.rmtree(out)
    check(splits >= 20, "only %d of the tables were split by a page" % splits)

    # A table taller than a page: Chư Sê's 25 problems listed in the
    # appendix, moved by 0 to 24 filler lines before [problems].  Its
    # heading and header row never stand at a page's foot with one or two
    # of its rows: they move to the next page.
    work = tmpdir()
    ydir = os.path.join(work, "input", "2020")
    shutil.copytree(os.path.join(ROOT, "input", "2020"), ydir,
                    ignore=shutil.ignore_patterns("systems"))
    sub = os.path.join(ydir, "submissions", "chuse_2020.csv")
    lines = open(sub, encoding="utf-8").read().split("\n")
    lines = [re.sub(r"^(GL\.CSE,[^,]+,)\d+$", r"\1mười", l) for l in lines]
    open(sub, "w", encoding="utf-8").write("\n".join(lines))
    open(path, "w", encoding="utf-8").write(orig)
    starts = set()
    for k in range(0, 25):
        text = orig.replace("\n[problems]\n", "\n" + (filler + "\n\n") * k + "[problems]\n", 1)
        open(path, "w", encoding="utf-8").write(text)
        rc, _, se, pdf, out = build_with(layouts, base=os.path.join(work, "input"))
        check(rc == 1, se)
        p = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", pdf, "-"], capture_output=True,
                           text=True, check=True)
        parts = []
        for page in p.stdout.split("\f"):
            n = sum(1 for l in page.splitlines() if l.startswith("chuse_2020.csv "))
            if n:
                parts.append(n)
        check(sum(parts) == 25 and len(parts) >= 2, "filler %d: Chư Sê's rows by page: %s"
              % (k, parts))
        check(min(parts) >= 3, "filler %d: Chư Sê's table split as %s" % (k, parts))
        starts.add(parts[0])
        shutil.rmtree(out)
    shutil.rmtree(work)
    shutil.rmtree(base)
    check(len(starts) >= 5, "the table started at too few heights: %s" % sorted(starts))


@test
def bullets_hang_their_lines_under_the_text_not_the_mark():
    base, layouts = copy_layouts()
    long_text = ("Alpha " + "mục một gồm nhiều chữ để xuống dòng " * 6 + "Omega")
    edit_report(layouts, lambda t: t.replace(
        "== Nguồn nhân lực ứng dụng CNTT",
        "- " + long_text + "\n+ Beta " + "mục hai cũng dài để xuống dòng " * 6 + "Gamma\n\n"
        "== Nguồn nhân lực ứng dụng CNTT", 1))
    rc, _, se, pdf, out = build_with(layouts)
    check(rc == 0, se)
    p = subprocess.run(["pdftotext", "-bbox", "-enc", "UTF-8", pdf, "-"], capture_output=True,
                       text=True, check=True)
    words = [(float(m.group(1)), float(m.group(2)), m.group(3)) for m in
             re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>', p.stdout)]

    def lines_from(first, last):
        """Where each line of the text from the words first to last starts."""
        n = len(first)
        i = next(k for k in range(len(words)) if [w[2] for w in words[k:k + n]] == first)
        j = next(k for k, w in enumerate(words) if w[2] == last and k > i)
        rows = {}
        for x, y, t in words[i:j + 1]:
            rows.setdefault(round(y), []).append(x)
        return [min(v) for _, v in sorted(rows.items())], words[i - 1]
    for first, last, mark in (("Alpha", "Omega", "-"), ("Beta", "Gamma", "+")):
        starts, before = lines_from([first], last)
        check(len(starts) >= 3, "the %s bullet is not long enough: %s" % (first, starts))
        check(all(abs(x - starts[0]) < 0.6 for x in starts),
              "%s: its lines start at %s, not under its first word" % (first, starts))
        check(before[2] == mark and before[0] < starts[0] - 5,
              "%s: no '%s' mark at its left (%r)" % (first, mark, before))
    # a paragraph's first line is indented, its others start at the margin,
    # left of the bullets' text
    starts, _ = lines_from(["Tại", "hầu", "hết", "cơ"], "(CQĐT)...")
    check(len(starts) >= 3 and starts[0] > starts[1] + 20 and
          all(abs(x - starts[1]) < 0.6 for x in starts[1:]),
          "the paragraph's lines start at %s" % starts)
    check(starts[1] < lines_from(["Alpha"], "Omega")[0][1] - 20,
          "a bullet's lines do not hang right of the margin")
    shutil.rmtree(out)
    shutil.rmtree(base)


# ---- the layouts change the report, no rebuild ---------------------------------

@test
def changing_a_sentence_in_a_copy_of_the_layouts_changes_the_pdf():
    base, layouts = copy_layouts()
    edit_report(layouts, lambda t: t.replace(
        "Công tác đào tạo, tập huấn nâng cao trình độ CNTT",
        "Công tác bồi dưỡng, tập huấn nâng cao kỹ năng số ({nl.thcs:int} trường THCS)", 1))
    rc, _, se, pdf, out = build_with(layouts)
    check(rc == 0, se)
    text = pdf_text(pdf)
    check("Công tác bồi dưỡng, tập huấn nâng cao kỹ năng số (188 trường THCS) cho đội ngũ CBCC"
          in text, "the changed sentence is not in the PDF")
    check("Công tác đào tạo, tập huấn" not in text, "the old sentence is still there")
    shutil.rmtree(out)
    shutil.rmtree(base)


@test
def a_pagebreak_in_a_copy_of_the_layouts_starts_a_page_and_two_start_one():
    # docs/layouts.md: [pagebreak] is a new page; one at the top of a page
    # (the second of two) adds no empty page
    base, layouts = copy_layouts()
    edit_report(layouts, lambda t: t.replace("== Đầu tư cho CNTT", "[pagebreak]\n== Đầu tư cho CNTT", 1)
                .replace("= Kết quả Chính quyền điện tử", "[pagebreak]\n[pagebreak]\n"
                         "= Kết quả Chính quyền điện tử", 1))
    rc, _, se, pdf, out = build_with(layouts)
    check(rc == 0, se)
    pages = page_texts(pdf)
    demo_pages = page_texts(DEMO_PDF())
    for heading in ("1.4. Đầu tư cho CNTT", "2. Kết quả Chính quyền điện tử"):
        starts = [p for p in pages if p and p[0] == heading]
        check(len(starts) == 1, "no page starts with %r: %s" % (heading, [p[:1] for p in pages]))
        check(not any(p and p[0] == heading for p in demo_pages), "the demo's too: %r" % heading)
    check(all(len(p) > 1 for p in pages[1:]), "an empty page: %s" % [p[:2] for p in pages])
    check(len(demo_pages) < len(pages) <= len(demo_pages) + 2,
          "%d pages, the demo's %d" % (len(pages), len(demo_pages)))
    shutil.rmtree(out)
    shutil.rmtree(base)


@test
def reordering_two_sections_in_a_copy_of_the_layouts_reorders_the_pdf():
    base, layouts = copy_layouts()

    def swap(t):
        a = t.index("== Môi trường chính sách")
        b = t.index("== Đầu tư cho CNTT")
        c = t.index("= Kết quả Chính quyền điện tử")
        return t[:a] + t[b:c] + t[a:b] + t[c:]
    edit_report(layouts, swap)
    rc, _, se, pdf, out = build_with(layouts)
    check(rc == 0, se)
    text = pdf_text(pdf)
    i, j = text.find("1.3. Đầu tư cho CNTT"), text.find("1.4. Môi trường chính sách")
    check(i >= 0 and j >= 0, "the sections are not renumbered: %d %d" % (i, j))
    # past the contents, the body has them in the new order with their text
    body = text[text.index("Sau đây là"):]
    k, m = body.find("1.3. Đầu tư cho CNTT"), body.find("1.4. Môi trường chính sách")
    check(0 <= k < body.find("Tại hầu hết cơ quan, đơn vị đã bố trí kinh phí") < m <
          body.find("Trong năm, 100% cơ quan hành chính"), "the body is not reordered")
    toc = [t for t, _ in contents(page_texts(pdf))]
    check(toc.index("1.3. Đầu tư cho CNTT") < toc.index("1.4. Môi trường chính sách"),
          "the contents are not reordered: %s" % toc)
    shutil.rmtree(out)
    shutil.rmtree(base)


@test
def a_mistake_in_a_condition_stops_the_build_with_file_and_line():
    base, layouts = copy_layouts()
    path = os.path.join(layouts, "report.txt")
    text = open(path, encoding="utf-8").read()
    old = "{if tl.cbcc_may_tinh = 100% and"
    check(old in text, "the layout changed: %r is gone" % old)
    line = text[:text.index(old)].count("\n") + 1
    open(path, "w", encoding="utf-8").write(text.replace(old, "{if tl.cbcc_may_tinh =! 100% and", 1))
    rc, _, se, pdf, out = build_with(layouts)
    check(rc == 3, "exit %d, expected 3" % rc)
    check(re.search(r"report\.txt:%d(:\d+)?: fatal: .*condition" % line, se),
          "stderr does not name report.txt:%d:\n%s" % (line, se[-2000:]))
    check(not os.path.exists(pdf), "a PDF was written")
    shutil.rmtree(out)
    shutil.rmtree(base)


@test
def a_figure_the_data_does_not_give_prints_as_an_ellipsis_with_a_warning_at_its_line():
    work = tmpdir()
    shutil.copytree(os.path.join(CASES, "small-2021", "input"), os.path.join(work, "input"))
    subs = os.path.join(work, "input", "2021", "submissions")
    # take the province's own rows out: gd.dvc_muc_3 and the like are gone
    for name in os.listdir(subs):
        path = os.path.join(subs, name)
        rows = open(path, encoding="utf-8-sig").read().splitlines()
        keep = [r for r in rows if not re.search(r"(^|[,;\t])KT([,;\t]|$)", r)]
        if len(keep) != len(rows):
            open(path, "w", encoding="utf-8").write("\n".join(keep) + "\n")
    out = tmpdir()
    rc, _, se = build(os.path.join(work, "input"), 2021, out)
    check(rc in (0, 1), se)
    report = open(os.path.join(ROOT, "layouts", "report.txt"), encoding="utf-8").read()
    line = report[:report.index("{gd.dvc_muc_3:int}")].count("\n") + 1
    rows = read_validation(os.path.join(out, "2021", "validation.csv"))
    table = report[:report.index("[figures Mức độ giao dịch]")].count("\n") + 1
    got = [r for r in rows if r["code"] == "W_FIGURE_MISSING" and r["indicator"] == "gd.dvc_muc_3"]
    # one for the sentence, one for the section's table, which prints "…" too
    check([(r["file"], r["row"]) for r in got] == [("layouts/report.txt", str(line)),
                                                   ("layouts/report.txt", str(table))],
          "no W_FIGURE_MISSING for gd.dvc_muc_3 at report.txt:%d and :%d: %s" % (line, table, got))
    text = pdf_text(os.path.join(out, "2021", "egov-2021.pdf"))
    check("cung cấp … dịch vụ công trực tuyến mức độ 3" in text, "no … where the figure goes")
    shutil.rmtree(out)
    shutil.rmtree(work)


@test
def communes_whose_reports_all_meet_the_minimum_are_not_said_to_fall_short_for_those_missing():
    # Every commune that reported and has a portal meets its minimum, but
    # one commune sent nothing: the report said "vẫn còn một số đơn vị
    # chưa đáp ứng … mới có 5 đơn vị (100,0%)", blaming units that meet it
    # for one whose figures are unknown.
    work = tmpdir()
    inp = os.path.join(work, "input")
    shutil.copytree(os.path.join(CASES, "small-2021", "input"), inp)
    path = os.path.join(inp, "2021", "submissions", "DakHa-2021.csv")
    text = open(path, encoding="utf-8").read()
    met = re.sub(r"(KT\.DHA\.0[12];[^\n]*;hd\.du_thong_tin;Có/Không;)không đạt;[^\n]*", r"\1đạt;", text)
    check(met.count("hd.du_thong_tin;Có/Không;đạt;") == 3, "the case changed")
    open(path, "w", encoding="utf-8").write(met)
    whole = "Đối với cấp xã, các Cổng/Trang thông tin điện tử cũng đã đáp ứng đầy đủ"
    part = ("Đối với cấp xã, 5 đơn vị đã gửi số liệu và có trang thông tin điện tử đều đáp ứng "
            "đầy đủ các thông tin cơ bản theo quy định; còn 1 đơn vị cấp xã chưa gửi số liệu.")
    for missing in (0, 1):
        if missing:
            with open(os.path.join(inp, "2021", "units.csv"), "a", encoding="utf-8") as f:
                f.write("KT.DHA.03,Xã Hà Mòn,xa,KT.DHA\n")
        out = tmpdir()
        rc, _, se = build(inp, 2021, out)
        check(rc in (0, 1), se[-400:])
        text = norm(pdf_text(os.path.join(out, "2021", "egov-2021.pdf")))
        check((whole in text) == (not missing) and (part in text) == bool(missing) and
              "chưa đáp ứng đầy đủ các thông tin cơ bản" not in text,
              "missing %d: %s" % (missing, text[text.find("Đối với cấp xã") - 200:][:600]))
        shutil.rmtree(out)
    shutil.rmtree(work)


# ---- the narrative in other states of the data ----------------------------------
#
# small-2021 changed: every sentence of report.txt must stay true when a
# figure is nothing, when a level is all or none, or when units are missing.

VALUE_HEADERS = ("giá trị", "value", "gia_tri", "số liệu")


def set_indicator(inp, indicator, value, units=None):
    """In small-2021's submissions under inp, the value of indicator for the
    given units (every unit that reports it when None), whatever the
    file's layout: the value column is the one its header row names."""
    sub = os.path.join(inp, "2021", "submissions")
    hits = 0
    for name in sorted(os.listdir(sub)):
        path = os.path.join(sub, name)
        lines = open(path, encoding="utf-8-sig").read().split("\n")
        col = delim = None
        for i, line in enumerate(lines):
            core = line.rstrip("\r")
            if col is None:
                for d in ("\t", ";", ","):
                    heads = [h.strip().lower() for h in core.split(d)]
                    if len(heads) > 2 and any(h in VALUE_HEADERS for h in heads):
                        col, delim = [heads.index(h) for h in heads if h in VALUE_HEADERS][0], d
                        break
                continue
            row = next(csv.reader([core], delimiter=delim)) if core else []
            if indicator in row and (units is None or any(u in row for u in units)):
                row[col] = value
                hits += 1
                put = io.StringIO()
                csv.writer(put, delimiter=delim, lineterminator="").writerow(row)
                lines[i] = put.getvalue() + ("\r" if line.endswith("\r") else "")
        open(path, "w", encoding="utf-8").write("\n".join(lines))
    check(hits and (units is None or hits == len(units)), "the case changed: %s" % indicator)


def small_variant_text(change):
    """The PDF's text, spaces normalised, of small-2021 as change(inp) leaves it."""
    work = tmpdir()
    inp = os.path.join(work, "input")
    shutil.copytree(os.path.join(CASES, "small-2021", "input"), inp)
    change(inp)
    out = os.path.join(work, "output")
    rc, _, se = build(inp, 2021, out)
    check(rc in (0, 1), se[-400:])
    text = norm(pdf_text(os.path.join(out, "2021", "egov-2021.pdf")))
    shutil.rmtree(work)
    return text


def around(text, phrase, width=300):
    at = text.rfind(phrase)
    return text[max(at, 0):][:width] if at >= 0 else "(no '%s')" % phrase


@test
def a_year_without_dossiers_says_none_were_received_rather_than_a_share_of_nothing():
    # Every unit received no dossier: the report said "đã tiếp nhận 0 hồ
    # sơ, trong đó: hồ sơ trễ đã xử lý là 0 (chiếm … trên tổng số hồ sơ)
    # tỷ lệ hồ sơ giải quyết đúng hạn đạt …", a share of nothing.
    def none(inp):
        set_indicator(inp, "gd.ho_so", "0")
        set_indicator(inp, "gd.ho_so_tre", "0")
    text = small_variant_text(none)
    check("Trong năm 2021, thống kê trên hệ thống toàn tỉnh chưa tiếp nhận hồ sơ nào." in text
          and "0 hồ sơ, trong đó" not in text and "chiếm …" not in text,
          around(text, "2.3. Mức độ giao dịch"))


@test
def a_year_without_an_online_meeting_is_not_said_to_have_more_and_more_of_them():
    # The province held no online meeting: the report said the system's
    # use was "ngày càng nhiều", that "nhiều cuộc họp" were relayed to the
    # districts, then "Cả năm, hệ thống đã phục vụ 0 cuộc họp trực tuyến".
    text = small_variant_text(lambda inp: set_indicator(inp, "gd.hop_truc_tuyen", "0", ["KT"]))
    check("Trong năm 2021, hệ thống hội nghị trực tuyến của tỉnh chưa phục vụ cuộc họp trực "
          "tuyến nào." in text and "ngày càng nhiều" not in text and "0 cuộc họp" not in text,
          around(text, "Đã tiếp nhận 12.480 hồ sơ"))


@test
def a_year_without_a_document_on_the_exchange_platform_does_not_say_all_documents_went_through_it():
    # No document went through the province's document exchange: the
    # report said "tất cả các loại văn bản (trừ văn bản mật) đều được số
    # hóa và gửi, nhận qua Trục liên thông văn bản của tỉnh; trong năm 2021
    # đã có 0 lượt văn bản điện tử đã gửi, nhận qua hệ thống liên thông".
    text = small_variant_text(lambda inp: set_indicator(inp, "cd.vb_lien_thong", "0", ["KT"]))
    check("Trong năm 2021, chưa có văn bản điện tử nào được gửi, nhận qua Trục liên thông văn "
          "bản của tỉnh." in text and "đều được số hóa và gửi, nhận" not in text and
          "0 lượt" not in text, around(text, "2.4. Mức độ chuyển đổi"))


@test
def districts_and_communes_without_an_online_meeting_room_are_not_said_to_meet_online():
    # No commune has an online meeting room: the report said "năm 2021, hệ
    # thống được đầu tư, nâng cấp để đảm bảo họp trực tuyến đến 0% UBND
    # cấp xã"; nor any district: "Hiện tại 0/3 đơn vị cấp huyện đã được
    # trang bị phòng họp trực tuyến …, phục vụ các cuộc họp trực tuyến từ
    # tỉnh đến huyện".  With a commune missing, the none is of those sent.
    communes = ["KT.KTU.01", "KT.KTU.02", "KT.KTU.03", "KT.DHA.01", "KT.DHA.02", "KT.STH.01",
                "KT.STH.02"]

    def none(inp, level, missing):
        units = communes if level == "xa" else ["KT.KTU", "KT.DHA", "KT.STH"]
        for u in units:
            set_indicator(inp, "ht.phong_hop_truc_tuyen",
                          "không" if u.startswith("KT.KTU") else "0" if u.startswith("KT.STH")
                          else "không đạt", [u])
        if missing:
            with open(os.path.join(inp, "2021", "units.csv"), "a", encoding="utf-8") as f:
                f.write("KT.DHA.03,Xã Hà Mòn,xa,KT.DHA\n")
    for level, missing, said in (
            ("xa", 0, "hệ thống của tỉnh, phục vụ các cuộc họp trực tuyến từ tỉnh đến huyện; chưa "
                      "có UBND cấp xã nào được trang bị phòng họp trực tuyến."),
            ("xa", 1, "từ tỉnh đến huyện; trong 7 UBND cấp xã đã gửi số liệu, chưa có đơn vị nào "
                      "được trang bị phòng họp trực tuyến."),
            ("huyen", 0, "Hiện tại chưa có đơn vị cấp huyện nào được trang bị phòng họp trực tuyến "
                         "kết nối vào hệ thống của tỉnh; năm 2021, hệ thống được đầu tư")):
        text = small_variant_text(lambda inp: none(inp, level, missing))
        check(said in text and "0%" not in around(text, "Hệ thống hội nghị truyền hình") and
              "0/3 đơn vị cấp huyện" not in text,
              "%s, missing %d: %s" % (level, missing,
                                      around(text, "Hệ thống hội nghị truyền hình")))


@test
def communes_short_of_the_portal_minimum_are_counted_in_words_that_fit_how_many():
    # small-2021: of the 5 communes with a portal, 3 meet the minimum (2
    # short, "vẫn còn nhiều đơn vị"); 4 (one short, "vẫn còn một số đơn
    # vị"); none ("mới có 0 đơn vị (0,0%)"); and a single commune that
    # reported, meeting it ("1 đơn vị … đều đáp ứng").  "Nhiều" is kept for
    # a level of 10 or more with under 80% meeting it, as in 2020.
    portals = ["KT.KTU.01", "KT.KTU.02", "KT.DHA.01", "KT.DHA.02", "KT.STH.01"]

    def meeting(n):
        def change(inp):
            for i, u in enumerate(portals):
                yes = i < n
                set_indicator(inp, "hd.du_thong_tin", ("có" if yes else "không") if u.startswith(
                    "KT.KTU") else ("1" if yes else "0") if u.startswith("KT.STH") else
                    ("đạt" if yes else "không đạt"), [u])
        return change

    def alone(inp):
        sub = os.path.join(inp, "2021", "submissions")
        os.remove(os.path.join(sub, "DakHa-2021.csv"))
        os.remove(os.path.join(sub, "TP_KonTum_2021.csv"))
        path = os.path.join(sub, "SaThay_BC.csv")
        lines = open(path, encoding="utf-8").read().split("\n")
        open(path, "w", encoding="utf-8").write("\n".join(l for l in lines
                                                           if "\tKT.STH.02\t" not in l))
    short = "Tuy nhiên đối với cấp xã thì vẫn còn đơn vị chưa đáp ứng đầy đủ các thông tin cơ bản"
    for change, said in (
            (meeting(3), [short, "Trong 5 đơn vị cấp xã có trang thông tin điện tử, mới có 3 "
                                 "đơn vị (60,0%) đáp ứng đủ"]),
            (meeting(4), [short, "mới có 4 đơn vị (80,0%) đáp ứng đủ"]),
            (meeting(0), [short, "Trong 5 đơn vị cấp xã có trang thông tin điện tử, chưa có đơn vị "
                                 "nào đáp ứng đủ các mục thông tin tối thiểu."]),
            (alone, ["Đối với cấp xã, 1 đơn vị đã gửi số liệu và có trang thông tin điện tử đáp "
                     "ứng đầy đủ các thông tin cơ bản theo quy định; còn 6 đơn vị cấp xã chưa gửi "
                     "số liệu."])):
        text = small_variant_text(change)
        check(all(p in text for p in said) and "mới có 0" not in text and "một số đơn vị" not in
              text and "còn nhiều đơn vị" not in text, around(text, "Đây là kênh thông tin", 500))


@test
def funds_no_unit_reported_are_not_said_to_be_set_aside_by_most_units():
    # No department or district gave its IT funds (a monthly build before
    # they are known): the report said "Tại hầu hết cơ quan, đơn vị đã bố
    # trí kinh phí …" of funds no unit reported; it says they are unknown.
    def unknown(inp):
        sub = os.path.join(inp, "2021", "submissions")
        for name in os.listdir(sub):
            path = os.path.join(sub, name)
            lines = open(path, encoding="utf-8-sig").read().split("\n")
            open(path, "w", encoding="utf-8").write("\n".join(l for l in lines
                                                               if "dt.kinh_phi_cntt" not in l))
    text = small_variant_text(unknown)
    check("1.4. Đầu tư cho CNTT Các cơ quan, đơn vị chưa báo cáo số liệu kinh phí bố trí cho ứng "
          "dụng CNTT trong năm 2021." in text and "Tại hầu hết cơ quan, đơn vị đã bố trí kinh phí"
          not in text, around(text, "1.4. Đầu tư cho CNTT"))


@test
def funds_are_said_to_be_set_aside_by_most_units_only_when_most_did():
    # "Tại hầu hết cơ quan, đơn vị đã bố trí kinh phí …" was printed
    # whenever the total was above 0: of small-2021's 6 departments and
    # districts, Sở Tư pháp set none aside (5/6), and of one unit alone.
    # dem.kinh_phi_cntt counts those that gave an amount above 0.
    tail = " đã bố trí kinh phí và tham mưu cấp có thẩm quyền bố trí kinh phí"
    others = ["KT.STTTT", "KT.SGDDT", "KT.DHA", "KT.STH", "KT.KTU"]

    def one_alone(inp):
        set_indicator(inp, "dt.kinh_phi_cntt", "0", others[:-1])

    for change, said in (
            (lambda inp: None, "Có 5/6 cơ quan, đơn vị cấp tỉnh, cấp huyện" + tail),
            (lambda inp: set_indicator(inp, "dt.kinh_phi_cntt", "1000000", ["KT.STP"]),
             "Tại tất cả các cơ quan, đơn vị" + tail),
            (one_alone, "Có 1/6 cơ quan, đơn vị cấp tỉnh, cấp huyện" + tail)):
        text = small_variant_text(change)
        check(said in text and "hầu hết cơ quan" not in text, around(text, "1.4. Đầu tư cho CNTT"))


@test
def a_unit_that_left_a_criterion_out_is_not_counted_in_all_that_meet_it():
    # Every unit sent its report, but Sở Tư pháp left out whether it has a
    # one-stop shop, a backup device and finance software (a warning
    # R_THIEU_CHI_TIEU): the others all have them, and the report said
    # "Tất cả các cơ quan hành chính nhà nước của tỉnh đã thành lập Bộ phận
    # tiếp nhận và trả kết quả", "Tất cả các cơ quan, đơn vị đã chú trọng
    # công tác đảm bảo an toàn thông tin" and "100% các cơ quan quản lý Nhà
    # nước trên địa bàn tỉnh đang sử dụng phần mềm tài chính - kế toán", of
    # a department whose answer is unknown.  With its answers, all of it.
    def left_out(omit):
        def change(inp):
            for ind in ("ht.attt_tuong_lua", "ht.attt_sao_luu", "tt.pm_chuyen_nganh"):
                set_indicator(inp, ind, "1", ["KT.STH"])
                set_indicator(inp, ind, "có", ["KT.STTTT", "KT.KTU"])
                set_indicator(inp, ind, "Có", ["KT.SGDDT"])
                set_indicator(inp, ind, "đạt", ["KT.DHA"])
                set_indicator(inp, ind, "x", ["KT.STP"])
            set_indicator(inp, "tt.pm_chuyen_nganh", "đạt", ["KT.DHA.01", "KT.DHA.02"])
            set_indicator(inp, "tt.pm_chuyen_nganh", "1", ["KT.STH.01", "KT.STH.02"])
            set_indicator(inp, "tt.pm_chuyen_nganh", "có", ["KT.KTU.01", "KT.KTU.02", "KT.KTU.03"])
            if omit:
                path = os.path.join(inp, "2021", "submissions", "stp.csv")
                lines = open(path, encoding="utf-8").read().split("\n")
                open(path, "w", encoding="utf-8").write("\n".join(
                    l for l in lines if not re.search(r"\t(ht\.bo_phan_mot_cua|ht\.attt_sao_luu|"
                                                      r"tt\.pm_chuyen_nganh)\t", l)))
        return change
    for omit in (False, True):
        text = small_variant_text(left_out(omit))
        alls = ["Tất cả các cơ quan hành chính nhà nước của tỉnh đã thành lập Bộ phận",
                "Công tác đảm bảo an toàn thông tin mạng: Tất cả các cơ quan, đơn vị",
                "100% các cơ quan quản lý Nhà nước trên địa bàn tỉnh đang sử dụng"]
        counts = ["12/12 cơ quan, đơn vị đã thành lập Bộ phận tiếp nhận và trả kết quả.",
                  "6/6 sở, ban, ngành và đơn vị cấp huyện có hệ thống tường lửa, 5/5 có thiết bị "
                  "sao lưu dự phòng, 6/6 có phần mềm phòng, chống virus.",
                  "12/12 cơ quan, đơn vị đã gửi số liệu đang sử dụng phần mềm tài chính"]
        said, unsaid = (counts, alls) if omit else (alls, counts)
        check(all(p in text for p in said) and not any(p in text for p in unsaid),
              "omitted %s: %s | %s | %s" % (omit, around(text, "Bộ phận tiếp nhận", 120),
                                            around(text, "an toàn thông tin mạng:", 200),
                                            around(text, "chuyên môn, nghiệp vụ;", 200)))


@test
def a_commune_portal_whose_minimum_is_not_reported_is_not_said_to_meet_it():
    # Every commune sent its report and those that said meet the portal's
    # minimum, but Thị trấn Sa Thầy, which has a portal, left it out (a
    # warning R_THIEU_DU_THONG_TIN): the report said "Đối với cấp xã, các
    # Cổng/Trang thông tin điện tử cũng đã đáp ứng đầy đủ …" of a portal
    # whose answer is unknown.
    def left_out(inp):
        set_indicator(inp, "hd.du_thong_tin", "đạt", ["KT.DHA.01", "KT.DHA.02"])
        path = os.path.join(inp, "2021", "submissions", "SaThay_BC.csv")
        lines = open(path, encoding="utf-8").read().split("\n")
        open(path, "w", encoding="utf-8").write("\n".join(
            l for l in lines if "\tKT.STH.01\thd.du_thong_tin\t" not in l))
    text = small_variant_text(left_out)
    check("Đối với cấp xã, 4 đơn vị đã gửi số liệu và có trang thông tin điện tử đều đáp ứng đầy "
          "đủ các thông tin cơ bản theo quy định; còn đơn vị có trang thông tin điện tử chưa báo "
          "cáo chỉ tiêu này." in text and "cũng đã đáp ứng đầy đủ" not in text and
          "chưa gửi số liệu" not in around(text, "Đây là kênh thông tin", 500),
          around(text, "Đây là kênh thông tin", 500))



def drop_rows(inp, indicator, units):
    """Leaves out of small-2021's submissions under inp the rows of indicator
    for the given units, whatever the file's layout."""
    sub = os.path.join(inp, "2021", "submissions")
    hits = 0
    for name in sorted(os.listdir(sub)):
        path = os.path.join(sub, name)
        lines = open(path, encoding="utf-8-sig").read().split("\n")
        kept = [l for l in lines if not (indicator in l and any(
            re.search(r"(^|[\t;,])%s([\t;,\r]|$)" % re.escape(u), l) for u in units))]
        hits += len(lines) - len(kept)
        open(path, "w", encoding="utf-8").write("\n".join(kept))
    check(hits == len(units), "the case changed: %s %r" % (indicator, units))


@test
def department_and_district_portals_are_said_to_meet_the_minimum_only_when_all_do():
    # small-2021: Sở Tư pháp has a portal that does not meet the minimum;
    # the report said of every department's and district's portal "các mục
    # thông tin tối thiểu … đáp ứng yêu cầu".  It now counts them when one
    # does not, or when a unit with a portal left the answer out.
    said = "đã có Cổng/trang thông tin điện tử; các mục thông tin tối thiểu của Cổng/Trang thông tin điện tử đáp ứng yêu cầu"
    unreported = "; còn đơn vị có Cổng/Trang thông tin điện tử chưa báo cáo chỉ tiêu này."
    departments = ["KT.STTTT", "KT.SGDDT", "KT.STP"]
    districts = ["KT.KTU", "KT.DHA", "KT.STH"]

    def stp_meets(inp):
        set_indicator(inp, "hd.du_thong_tin", "có", ["KT.STP"])

    def sgddt_silent(inp):
        stp_meets(inp)
        drop_rows(inp, "hd.du_thong_tin", ["KT.SGDDT"])

    for change, whole in (
            (lambda inp: None, said + " tại 2/3 đơn vị cấp tỉnh và 3/3 đơn vị cấp huyện. Đây"),
            (stp_meets, said + ". Đây"),
            (sgddt_silent, said + " tại 2/2 đơn vị cấp tỉnh và 3/3 đơn vị cấp huyện" + unreported),
            (lambda inp: drop_rows(inp, "hd.du_thong_tin", departments),
             said + " tại 3/3 đơn vị cấp huyện" + unreported),
            (lambda inp: drop_rows(inp, "hd.du_thong_tin", departments + districts),
             "đã có Cổng/trang thông tin điện tử; các đơn vị chưa báo cáo Cổng/Trang thông tin "
             "điện tử có đáp ứng đủ các mục thông tin tối thiểu hay không. Đây")):
        text = small_variant_text(change)
        check(whole in text, around(text, "Mức độ hiện diện Tất cả", 400))


# ---- the data-quality appendix on faulty data -------------------------------------

def bad_values_build():
    work = tmpdir()
    ydir = os.path.join(work, "input", "2021")
    shutil.copytree(os.path.join(CASES, "small-2021", "input", "2021"), ydir)
    shutil.copytree(os.path.join(CASES, "bad-values", "files"), ydir, dirs_exist_ok=True)
    out = os.path.join(work, "output")
    rc, _, se = build(os.path.join(work, "input"), 2021, out)
    check(rc == 1, "exit %d: %s" % (rc, se[-2000:]))
    return work, os.path.join(out, "2021")


@test
def a_problem_without_a_unit_goes_with_the_unit_whose_file_it_is_in_whatever_its_rows_order():
    # Đăk Hà's file with its communes' rows first, and a row with an
    # indicator but no unit code: the problem is the district's.
    for communes_first in (False, True):
        work = tmpdir()
        ydir = os.path.join(work, "input", "2021")
        shutil.copytree(os.path.join(CASES, "small-2021", "input", "2021"), ydir)
        p = os.path.join(ydir, "submissions", "DakHa-2021.csv")
        lines = open(p, encoding="utf-8-sig").read().split("\n")
        head, rows = lines[:4], [l for l in lines[4:] if l.strip()]
        if communes_first:
            rows.sort(key=lambda l: not l.startswith("KT.DHA.0"))
        rows.append(";Số cán bộ chuyên trách CNTT;nl.cb_cntt;Người;1;")
        open(p, "w", encoding="utf-8").write("\n".join(head + rows) + "\n")
        out = os.path.join(work, "output")
        rc, _, se = build(os.path.join(work, "input"), 2021, out)
        check(rc == 1, "exit %d: %s" % (rc, se[-2000:]))
        text = pdf_text(os.path.join(out, "2021", "egov-2021.pdf"))
        app = text[text.index("Các vấn đề phát hiện khi kiểm tra số liệu", text.index("PHỤ LỤC")):]
        check("Huyện Đăk Hà (KT.DHA): 1 vấn đề" in app and "Không gắn với đơn vị" not in app,
              "communes first: %s; the appendix: %s" % (communes_first, app[:600]))
        shutil.rmtree(work)


@test
def the_appendix_lists_each_problem_under_its_unit():
    work, out = bad_values_build()
    pdf = os.path.join(out, "egov-2021.pdf")
    rows = [r for r in read_validation(os.path.join(out, "validation.csv"))
            if r["code"] != "W_NOT_SUBMITTED"]
    check(len(rows) >= 9, "the faulty case gives %d problems" % len(rows))
    names = {r["code"]: r["name"] for r in
             csv.DictReader(open(os.path.join(work, "input", "2021", "units.csv"), encoding="utf-8"))}
    text = pdf_text(pdf)
    app = text[text.index("Các vấn đề phát hiện khi kiểm tra số liệu", text.index("PHỤ LỤC")):]
    check("có %d lỗi" % sum(r["severity"] == "error" for r in rows) in app,
          "the appendix does not count the errors")
    # each unit's heading, in registry order, with its problems under it
    order = list(names)
    units = sorted({r["unit"] for r in rows}, key=order.index)
    heads = []
    for u in units:
        h = "%s (%s): %d vấn đề" % (names[u], u, sum(r["unit"] == u for r in rows))
        check(h in app, "no heading %r in the appendix" % h)
        heads.append(app.index(h))
    check(heads == sorted(heads), "the units are not in registry order")
    for r in rows:
        k = units.index(r["unit"])
        seg = app[heads[k]:heads[k + 1] if k + 1 < len(heads) else len(app)]
        cell = "%s %s %s %s" % (r["file"].replace("submissions/", ""), r["row"], r["column"],
                                r["indicator"])
        check(cell in seg, "%s row %s (%s) is not under %s" % (r["file"], r["row"],
                                                              r["indicator"], r["unit"]))
    # the outline has an entry for each unit under the appendix
    marks = outline(pdf)
    for u in units:
        check(any(t.startswith(names[u] + " (" + u + ")") and d == 2 for t, _, d in marks),
              "no bookmark for %s under the appendix: %s" % (u, marks))
    shutil.rmtree(work)


@test
def the_appendix_says_each_problems_kind_on_one_line():
    # The column of the kind was as wide as "Cảnh", its longest word, and
    # "Cảnh báo" (a warning) broke in two in every row of the 2020 appendix.
    pages = page_texts(DEMO_PDF())
    app = [l for p in pages[next(i for i, p in enumerate(pages) if "PHỤ LỤC" in p):] for l in p]
    check(app, "no appendix in the 2020 PDF")
    warned = [l for l in app if "Cảnh báo" in l]
    check(len(warned) == 2, "the 2020 appendix does not say 'Cảnh báo' on one line twice: %s"
          % app)
    check(not any(l == "Cảnh" or l.endswith(" Cảnh") or l.startswith("báo ") for l in app),
          "'Cảnh báo' is broken across lines: %s" % app)


@test
def no_paragraph_of_the_2020_report_ends_with_one_word_alone():
    # "… Ủy ban nhân dân tỉnh Gia / Lai." on page 1, "… hệ thống liên /
    # thông." on page 8: a paragraph's last line of one short word takes
    # the word before it down.
    pages = page_texts(DEMO_PDF())
    lines = [l for p in pages for l in p]
    check("Gia Lai." in pages[0] and "Lai." not in pages[0],
          "page 1 ends its paragraph with 'Lai.' alone: %s" % pages[0])
    check("liên thông." in lines and "thông." not in lines,
          "a paragraph ends with 'thông.' alone")


@test
def the_appendix_leaves_out_the_columns_its_problems_leave_empty():
    # The 2020 appendix's two problems (a file's code page) have no row,
    # column or indicator: their three empty columns took a quarter of the
    # table's width from the words. Where problems have them, they stay.
    def headers(pages):
        app = [l for p in pages[next(i for i, p in enumerate(pages) if "PHỤ LỤC" in p):]
               for l in p]
        return [l for l in app if l.startswith(("Tệp ", "Mã đơn vị ")) and "Nội dung" in l]

    demo = headers(page_texts(DEMO_PDF()))
    check(demo == ["Tệp Loại Nội dung"] * 2, "the 2020 appendix's table headers: %s" % demo)
    work, out = bad_values_build()
    bad = headers(page_texts(os.path.join(out, "egov-2021.pdf")))
    check(bad and "Tệp Dòng Cột Chỉ tiêu Loại Nội dung" in bad,
          "the faulty case's table headers: %s" % bad)
    shutil.rmtree(work)


# ---- checks a viewer and a printer make --------------------------------------------

def viewer_checks(pdf):
    q = subprocess.run(["qpdf", "--check", pdf], capture_output=True, text=True)
    check(q.returncode == 0 and "No syntax or stream encoding errors" in q.stdout,
          "qpdf --check: %s %s" % (q.stdout[-500:], q.stderr[-500:]))
    # poppler reads every page without a complaint (libharu's own ToUnicode
    # maps made it say "Invalid 'begincidrange' operator" once a page)
    t = subprocess.run(["pdftotext", "-enc", "UTF-8", pdf, "-"], capture_output=True, text=True)
    check(t.returncode == 0 and t.stderr == "" and "Chính quyền điện tử" in t.stdout,
          "pdftotext: exit %d, %s" % (t.returncode, t.stderr[-500:]))
    fonts = subprocess.run(["pdffonts", pdf], capture_output=True, text=True).stdout
    lines = fonts.splitlines()[2:]
    check(len(lines) == 4, "not the four faces of Noto Serif:\n" + fonts)
    for l in lines:
        cols = l.split()
        check(cols[-5:-2] == ["yes", "yes", "yes"], "a font is not embedded, subset, with "
                                                    "ToUnicode:\n" + fonts)


@test
def the_2020_pdf_passes_qpdf_embeds_its_fonts_and_bookmarks_every_heading():
    pdf = DEMO_PDF()
    viewer_checks(pdf)
    pages = page_texts(pdf)
    marks = outline(pdf)
    toc = contents(pages)
    titles = [t for t, _, _ in marks]
    printed = [n or 1 for n in page_numbers(pages)]     # an appendix numbers its own
    for entry, page in toc:
        hit = [(t, p) for t, p, _ in marks if t == entry]
        check(hit and printed[hit[0][1] - 1] == page,
              "bookmark of %r: %s (contents say page %d)" % (entry, hit, page))
    # the appendix's groups of problems (depth 2) are bookmarked, not listed
    heads = [m for m in marks if m[2] < 2]
    check(len(heads) == len(toc), "%d bookmarks, %d entries in the contents" % (len(heads), len(toc)))
    # the appendix at the top, its sections under it
    app = [d for t, _, d in marks if t.startswith("Phụ lục")]
    check(app == [0], "the appendix is not a top bookmark: %s" % marks)
    check(("1. Tình hình nộp số liệu", 1) in [(t, d) for t, _, d in marks],
          "the appendix's sections are not under it: %s" % titles)


@test
def the_faulty_pdf_passes_the_same_checks():
    work, out = bad_values_build()
    viewer_checks(os.path.join(out, "egov-2021.pdf"))
    shutil.rmtree(work)


@test
def document_properties_are_in_vietnamese():
    info = subprocess.run(["pdfinfo", DEMO_PDF()], capture_output=True, text=True).stdout
    want = {
        "Title": "Báo cáo kết quả xây dựng Chính quyền điện tử năm 2020 - tỉnh Gia Lai",
        "Author": "Ủy ban nhân dân tỉnh Gia Lai",
    }
    for k, v in want.items():
        check(re.search(r"^%s:\s+%s$" % (k, re.escape(v)), info, re.M), "%s is not %r:\n%s"
              % (k, v, info))
    check(re.search(r"^Subject:\s+Kết quả xây dựng Chính quyền điện tử năm 2020", info, re.M),
          "Subject:\n" + info)
    check(re.search(r"^Keywords:.*chính quyền điện tử.*Gia Lai", info, re.M), "Keywords:\n" + info)
    check(re.search(r"^Creator:\s+egreport \d+\.\d+\.\d+ - phần mềm", info, re.M), "Creator:\n" + info)
    check(re.search(r"^CreationDate:.*2021", info, re.M), "no creation date (issued_on):\n" + info)
    # The language of the text, in the catalog (PDF 1.4's /Lang): a screen
    # reader reads the report as Vietnamese.
    trailer = subprocess.run(["qpdf", "--show-object=trailer", DEMO_PDF()], capture_output=True,
                             text=True, check=True).stdout
    root = re.search(r"/Root (\d+) 0 R", trailer)
    check(root, "no /Root in the trailer: " + trailer)
    catalog = subprocess.run(["qpdf", "--show-object=" + root.group(1), DEMO_PDF()],
                             capture_output=True, text=True, check=True).stdout
    check("/Lang (vi-VN)" in catalog, "the catalog names no language: " + catalog)
    check(re.search(r"^PDF version:\s+1\.[4-7]$", info, re.M), "/Lang in a PDF 1.3 file:\n" + info)


@test
def the_rate_charts_show_every_district_and_the_rate_over_all():
    text = pdf_text(DEMO_PDF())
    units = list(csv.DictReader(open(os.path.join(ROOT, "input", "2020", "units.csv"),
                                     encoding="utf-8")))
    districts = [u["name"] for u in units if u["level"] == "huyen"]
    for title, overall in (("Tỷ lệ điểm Bưu điện văn hóa xã có kết nối Internet, theo đơn vị cấp "
                            "huyện, năm 2020", "Chung: 96,2%"),
                           ("Tỷ lệ hộ gia đình có máy tính kết nối Internet, theo đơn vị cấp "
                            "huyện, năm 2020", "Chung: 57,4%")):
        i = text.find(title)
        check(i >= 0, "no chart %r" % title)
        seg = text[i:text.index("Tỷ lệ (%)", i)]
        check(overall in seg, "chart %r lacks %r" % (title, overall))
        missing = [d for d in districts if d not in seg]
        check(not missing, "chart %r lacks %s" % (title, missing))
        values = [float(v.replace(",", ".")) for v in re.findall(r"(\d+,\d)%", seg)]
        check(len(values) >= len(districts) and values[1:len(districts) + 1] ==
              sorted(values[1:len(districts) + 1], reverse=True),
              "chart %r: values not one a district, highest first: %s" % (title, values))


@test
def a_tie_in_a_ranking_is_said_so():
    out = tmpdir()
    rc, _, se = build(os.path.join(CASES, "small-2021", "input"), 2021, out)
    check(rc == 0, se)
    text = pdf_text(os.path.join(out, "2021", "egov-2021.pdf"))
    # the two districts share the first place (expected-ranking.csv: 1, 1, 3)
    # (named together, once: not "Xếp thứ nhất là A…, đồng xếp thứ nhất là B")
    check("cấp huyện: Đồng xếp thứ nhất là Huyện Đăk Hà và Thành phố Kon Tum đạt 121,35 "
          "điểm; xếp thứ 3 là Huyện Sa Thầy đạt 95,60 điểm." in text,
          "the tie is not said: %s" % text[text.find("cấp huyện: "):][:300])
    # three departments: no "xếp cuối cùng" repeating the third
    check("cấp sở: Sở Thông tin và Truyền thông xếp thứ nhất" in text and
          "thứ 3 là Sở Tư pháp đạt 98,75 điểm." in text and
          "cuối cùng là Sở Tư pháp" not in text, "the departments' sentence")
    shutil.rmtree(out)


@test
def the_appendix_names_the_late_units_and_counts_them_by_level():
    work = tmpdir()
    ydir = os.path.join(work, "input", "2021")
    shutil.copytree(os.path.join(CASES, "small-2021", "input", "2021"), ydir)
    shutil.copytree(os.path.join(CASES, "late-submitted-on", "files"), ydir, dirs_exist_ok=True)
    out = os.path.join(work, "output")
    rc, _, se = build(os.path.join(work, "input"), 2021, out)
    check(rc == 0, se)
    rows = read_validation(os.path.join(out, "2021", "validation.csv"))
    check([(r["code"], r["unit"]) for r in rows] == [("W_LATE", "KT.STP")],
          "the case changed: %s" % rows)
    text = pdf_text(os.path.join(out, "2021", "egov-2021.pdf"))
    app = text[text.index("PHỤ LỤC"):]
    for s in ("Sở, ban, ngành 3 3 100,0% 1", "Tổng cộng 14 14 100,0% 1",
              "Hạn nộp số liệu là ngày 31/12/2021; 1 đơn vị nộp sau hạn:",
              "Sở, ban, ngành (1/3 đơn vị nộp muộn): Sở Tư pháp.",
              "Sở Tư pháp (KT.STP): 1 vấn đề", "stp.csv"):
        check(s in app, "the appendix lacks %r:\n%s" % (s, app[:1500]))
    shutil.rmtree(work)


@test
def the_pdf_streams_are_deflated_at_level_1():
    # libharu deflates at zlib's level 6 and has no setting for it; the
    # build starts its streams at level 1 (src/write/deflate_level.h).
    # Each compressed stream of the 2020 PDF (pages, fonts, their maps) is
    # what zlib's level 1 makes of the stream's bytes, and not level 6.
    import zlib
    with open(os.path.join(demo()["dir"], "2020", "egov-2020.pdf"), "rb") as f:
        d = f.read()

    def length(m):
        if not m.group(2):
            return int(m.group(1))
        obj = re.search(rb"\n%d 0 obj\s*(\d+)\s*endobj" % int(m.group(1)), d)
        check(obj is not None, "the length object %s is missing" % m.group(1))
        return int(obj.group(1))
    checked = 0
    for m in re.finditer(rb"/Length (\d+)( 0 R)?\s*/Filter \[ /FlateDecode \]\s*>>\s*stream\r?\n", d):
        data = d[m.end():m.end() + length(m)]
        raw = zlib.decompress(data)
        check(data == zlib.compress(raw, 1) and (len(raw) < 200 or data != zlib.compress(raw, 6)),
              "a stream of %d bytes (%d deflated) is not zlib's level 1" % (len(raw), len(data)))
        checked += 1
    check(checked >= 16, "only %d streams found" % checked)


@test
def libharu_copies_through_the_programs_memmove_not_its_byte_loops():
    # src/write/pdf_bytes.c: libhpdf's own calls to HPDF_MemCpy and
    # HPDF_MemSet go through its PLT; the loader must bind them to the
    # program's (every binding made at once and listed by the loader).
    binary = os.environ.get("EGREPORT_REAL_BIN") or os.environ.get("EGREPORT_BIN") or \
        os.path.join(ROOT, "egreport")
    env = dict(os.environ, LD_BIND_NOW="1", LD_DEBUG="bindings")
    p = subprocess.run([binary, "--version"], env=env, capture_output=True, text=True,
                       timeout=60)
    check(p.returncode == 0, "egreport --version failed: %s" % p.stderr[-500:])
    for sym in ("HPDF_MemCpy", "HPDF_MemSet"):
        bound = [l for l in p.stderr.splitlines()
                 if "binding file" in l and "libhpdf" in l and "`%s'" % sym in l]
        check(bound, "the loader listed no binding of libhpdf's %s" % sym)
        target = bound[0].split(" to ", 1)[1].split(" [", 1)[0]
        check(os.path.basename(target) == os.path.basename(binary),
              "libhpdf's %s is bound to %s, not to the program" % (sym, target))


@test
def the_one_stop_desks_and_the_security_sentence_follow_the_data():
    # Said of every unit in the published text, now from figures of the
    # data (figures.csv: dem.bo_phan_mot_cua, dem.attt_*): the 2020 demo
    # keeps the published words; the small 2021 dataset, where 2 of 6
    # units keep backups, gives the counts; a unit without its one-stop
    # desk turns "Tất cả" into a count.
    sec = "Công tác đảm bảo an toàn thông tin mạng: "
    desks = "Tất cả các cơ quan hành chính nhà nước của tỉnh đã thành lập Bộ phận tiếp nhận và " \
            "trả kết quả."
    text = pdf_text(os.path.join(demo()["dir"], "2020", "egov-2020.pdf"))
    check(desks in text and sec + "Hầu hết các cơ quan, đơn vị đã chú trọng" in text,
          "2020: %s" % text[text.find("Bộ phận tiếp nhận") - 200:][:400])
    work = tmpdir()
    inp = os.path.join(work, "input")
    shutil.copytree(os.path.join(CASES, "small-2021", "input"), inp)
    out = os.path.join(work, "out")
    rc, _, se = build(inp, 2021, out)
    check(rc == 0, se)
    text = pdf_text(os.path.join(out, "2021", "egov-2021.pdf"))
    check(desks in text and sec + "4/6 sở, ban, ngành và đơn vị cấp huyện có hệ thống tường "
          "lửa, 2/6 có thiết bị sao lưu dự phòng, 6/6 có phần mềm phòng, chống virus." in text,
          "2021: %s" % text[text.find(sec):][:300])
    stp = os.path.join(inp, "2021", "submissions", "stp.csv")
    with open(stp, encoding="utf-8") as f:
        data = f.read()
    check("KT.STP\tht.bo_phan_mot_cua\tx\n" in data, "the case changed")
    with open(stp, "w", encoding="utf-8") as f:
        f.write(data.replace("KT.STP\tht.bo_phan_mot_cua\tx\n", "KT.STP\tht.bo_phan_mot_cua\tkhông\n"))
    rc, _, se = build(inp, 2021, out)
    check(rc in (0, 1), se)
    text = pdf_text(os.path.join(out, "2021", "egov-2021.pdf"))
    m = re.search(r"(\d+)/(\d+) cơ quan, đơn vị đã thành lập Bộ phận tiếp nhận và trả kết quả\.",
                  text)
    check(desks not in text and m and int(m.group(1)) == int(m.group(2)) - 1,
          "one desk missing: %s" % text[text.find("Bộ phận tiếp nhận") - 100:][:300])
    shutil.rmtree(work)


@test
def a_level_that_sent_nothing_leaves_its_clauses_out_not_dots():
    # A monthly build before any commune has sent: the sentences that
    # list the levels leave the communes' part out ("5/6 … cấp tỉnh và 4/5
    # … cấp huyện"), where they printed "… đơn vị cấp xã"; and with no
    # department's scores, the ranking sentence says none is ranked. No
    # W_FIGURE_MISSING for any of them: only the tables of figures, whose
    # communes' rows print "…", warn of those, at their lines.
    work = tmpdir()
    ydir = os.path.join(work, "input", "2021")
    shutil.copytree(os.path.join(CASES, "small-2021", "input", "2021"), ydir)
    commune = re.compile(rb"\bKT\.[A-Z]+\.\d\d\b")
    dept_score = re.compile(rb"\bKT\.(STTTT|SGDDT|STP)\b.*\bdiem\.|\bdiem\..*\bKT\.(STTTT|SGDDT|STP)\b")
    sub = os.path.join(ydir, "submissions")
    for name in os.listdir(sub):
        p = os.path.join(sub, name)
        lines = open(p, "rb").read().split(b"\n")
        kept = [l for l in lines if not commune.search(l) and not dept_score.search(l)]
        check(len(kept) < len(lines) or name == "ubnd-tinh-kontum.csv", "nothing cut from " + name)
        open(p, "wb").write(b"\n".join(kept))
    out = os.path.join(work, "output")
    rc, _, se = build(os.path.join(work, "input"), 2021, out)
    check(rc == 0, se[-2000:])
    text = pdf_text(os.path.join(out, "2021", "egov-2021.pdf"))
    body = text[:text.find("PHỤ LỤC")]
    for s in ["100% tất cả các đơn vị cấp tỉnh, cấp huyện đã có mạng nội bộ kết nối Internet cáp "
              "quang",
              "đơn vị cấp huyện đã triển khai hệ thống \"Một cửa điện tử\" theo quy định.",
              "phục vụ các cuộc họp trực tuyến từ tỉnh đến huyện.",
              "đơn vị cấp tỉnh và 3/3 đơn vị cấp huyện triển khai ứng dụng phần mềm quản lý văn bản",
              "Kết quả mức độ chính quyền điện tử cấp sở: chưa có đơn vị nào đủ điểm các tiêu chí để "
              "xếp hạng.",
              "Chưa xếp hạng: Sở Giáo dục và Đào tạo, Sở Tư pháp và Sở Thông tin và Truyền thông "
              "(chưa có điểm)."]:
        check(s in body, "the PDF lacks %r:\n%s" % (s, body[:4000]))
    check("… đơn vị cấp xã" not in body and "… UBND cấp xã" not in body, "a communes' '…' left")
    rows = read_validation(os.path.join(out, "2021", "validation.csv"))
    missing = [r for r in rows if r["code"] == "W_FIGURE_MISSING"]
    report = open(os.path.join(ROOT, "layouts", "report.txt"), encoding="utf-8").read().split("\n")
    tables = {str(i + 1) for i, line in enumerate(report) if line.startswith("[figures ")}
    check(missing and all(r["row"] in tables and r["indicator"].endswith(".xa") for r in missing),
          "W_FIGURE_MISSING: %s" % [(r["row"], r["indicator"]) for r in missing])
    shutil.rmtree(work)
