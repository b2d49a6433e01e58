/*
 * pdf_demo.c - writes a sample report with the PDF writer, to look at.
 *
 *   pdf_demo [OUT.pdf [CREATED_EPOCH]]     default /tmp/pdf_demo.pdf, no date
 *
 * Not a unit test (no test_ prefix): it builds an eg_doc with text of the
 * published 2020 report, headings at three levels, bullets, a table long
 * enough to break across pages, two bar charts, signature and recipients.
 * It also checks the two failure paths (missing fonts, unwritable folder):
 * each must return -1 with one F_PDF diagnostic and leave no file.
 * Exit status 0 when all of that held.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/diag.h"
#include "core/mem.h"
#include "core/number.h"
#include "write/doc.h"
#include "write/pdf.h"

static char *sdup(const char *s)
{
    return eg_xstrdup(s);
}

static void text(eg_doc *d, eg_block_kind kind, int level, const char *s)
{
    eg_block *b = eg_doc_add(d, kind);

    b->level = level;
    b->text = sdup(s);
    b->bookmark = kind == EG_BLOCK_HEADING;
}

static void para(eg_doc *d, const char *s)
{
    text(d, EG_BLOCK_PARA, 0, s);
}

static void chart(eg_doc *d, const char *title, const char *const *labels,
                  const double *values, size_t n)
{
    eg_block *b = eg_doc_add(d, EG_BLOCK_BARCHART);

    b->text = sdup(title);
    b->n_bars = n;
    b->labels = eg_xcalloc(n, sizeof *b->labels);
    b->values = eg_xcalloc(n, sizeof *b->values);
    for (size_t i = 0; i < n; i++) {
        b->labels[i] = sdup(labels[i]);
        b->values[i] = values[i];
    }
    b->decimals = 2;
}

/* A table from row-major strings; n_rows counts the header. */
static void table(eg_doc *d, size_t n_cols, size_t n_rows, char **cells,
                  const char *align, const double *widths)
{
    eg_block *b = eg_doc_add(d, EG_BLOCK_TABLE);

    b->n_cols = n_cols;
    b->n_rows = n_rows;
    b->cells = cells;
    b->align = sdup(align);
    b->widths = eg_xcalloc(n_cols, sizeof *b->widths);
    memcpy(b->widths, widths, n_cols * sizeof *widths);
}

static const char *const depts[] = {
    "Sở Thông tin và Truyền thông", "Sở Khoa học và Công nghệ",
    "Văn phòng UBND tỉnh", "Sở Tài chính", "Sở Kế hoạch và Đầu tư",
    "Sở Nội vụ", "Sở Tư pháp", "Sở Công Thương",
    "Sở Nông nghiệp và Phát triển nông thôn", "Sở Giao thông vận tải",
    "Sở Xây dựng", "Sở Tài nguyên và Môi trường",
    "Sở Lao động - Thương binh và Xã hội",
    "Sở Văn hóa, Thể thao và Du lịch", "Sở Giáo dục và Đào tạo", "Sở Y tế",
    "Thanh tra tỉnh", "Ban Dân tộc", "Sở Ngoại vụ",
    "Ban Quản lý Khu Kinh tế",
};
static const double dept_score[] = {
    116.83, 115.62, 115.01, 113.47, 112.90, 111.36, 110.25, 109.80, 108.64,
    107.12, 106.50, 105.93, 104.71, 103.38, 102.66, 101.20, 100.45, 99.87,
    98.60, 97.74,
};
static const char *const districts[] = {
    "Huyện Chư Pưh", "Thành phố Pleiku", "Huyện Chư Sê", "Thị xã An Khê",
    "Huyện Ia Grai", "Huyện Đức Cơ", "Huyện Chư Prông", "Huyện Đak Đoa",
    "Thị xã Ayun Pa", "Huyện Chư Păh", "Huyện Mang Yang", "Huyện Kbang",
    "Huyện Đak Pơ", "Huyện Phú Thiện", "Huyện Kông Chro", "Huyện Ia Pa",
    "Huyện Krông Pa",
};
static const double district_score[] = {
    140.29, 140.28, 136.58, 131.40, 127.95, 124.10, 121.66, 118.32, 115.07,
    112.84, 110.50, 107.26, 105.91, 103.33, 101.75, 99.48, 98.04,
};

static void ranking_table(eg_doc *d)
{
    static const char *const head[] = {
        "STT", "Đơn vị", "Mức độ hiện diện", "Mức độ tương tác",
        "Mức độ giao dịch", "Mức độ chuyển đổi", "Tổng điểm",
    };
    static const double share[] = { 0.18, 0.32, 0.31 };
    static const double widths[] = { 0.55, 3.0, 1.15, 1.15, 1.15, 1.15, 1.05 };
    size_t nc = 7, nr = 21;
    char **cells = eg_xcalloc(nc * nr, sizeof *cells), buf[48];

    for (size_t j = 0; j < nc; j++)
        cells[j] = sdup(head[j]);
    for (size_t r = 1; r < nr; r++) {
        double total = dept_score[r - 1], rest = total;
        char **row = cells + r * nc;

        row[0] = eg_xasprintf("%zu", r);
        row[1] = sdup(depts[r - 1]);
        for (size_t k = 0; k < 3; k++) {
            double v = (double)(long)(total * share[k] * 100 + 0.5) / 100;

            row[2 + k] = sdup(eg_fmt_dec(buf, sizeof buf, v, 2));
            rest -= v;
        }
        row[5] = sdup(eg_fmt_dec(buf, sizeof buf, rest, 2));
        row[6] = sdup(eg_fmt_dec(buf, sizeof buf, total, 2));
    }
    table(d, nc, nr, cells, "clrrrrr", widths);
}

static void figures_table(eg_doc *d)
{
    static const char *const v[] = {
        "Chỉ tiêu", "Giá trị", "Nguồn",
        "Hồ sơ tiếp nhận trên hệ thống", "403.086", "Hệ thống một cửa điện tử",
        "Hồ sơ giải quyết đúng hạn", "98,98%", "Hệ thống một cửa điện tử",
        "Dịch vụ công trực tuyến mức độ 3 / mức độ 4", "178 / 349",
        "https://dichvucong.gialai.gov.vn/thong-ke-dich-vu-cong-truc-tuyen",
        "Văn bản điện tử gửi, nhận qua Trục liên thông", "1.817.077",
        "Trục liên thông văn bản của tỉnh",
    };
    static const double widths[] = { 2.2, 1.0, 2.0 };
    char **cells = eg_xcalloc(15, sizeof *cells);

    for (size_t i = 0; i < 15; i++)
        cells[i] = sdup(v[i]);
    table(d, 3, 5, cells, "lrl", widths);
}

static void build(eg_doc *d, long long created)
{
    static const char *const recipients[] = {
        "Bộ Thông tin và Truyền thông (b/c);", "TT Tỉnh ủy, TT HĐND tỉnh (b/c);",
        "Chủ tịch, các PCT UBND tỉnh;", "Các sở, ban, ngành thuộc tỉnh;",
        "UBND các huyện, thị xã, thành phố;", "Lưu: VT, KGVX.",
    };

    d->issuer_parent = sdup("");
    d->issuer = sdup("Ủy ban nhân dân tỉnh Gia Lai");
    d->number = sdup("Số: 25/BC-UBND");
    d->place_date = sdup("Gia Lai, ngày 15 tháng 01 năm 2021");
    d->title = sdup("BÁO CÁO");
    d->subtitle = sdup("Kết quả xây dựng Chính quyền điện tử năm 2020 trên địa bàn tỉnh Gia Lai");
    d->meta_title = sdup("Báo cáo kết quả xây dựng Chính quyền điện tử năm 2020");
    d->meta_author = sdup("Ủy ban nhân dân tỉnh Gia Lai");
    d->meta_subject = sdup("Chính quyền điện tử tỉnh Gia Lai năm 2020");
    d->meta_keywords = sdup("chính quyền điện tử; Gia Lai; 2020");
    d->meta_creator = sdup("egreport pdf_demo");
    d->created = created;

    para(d, "Sau đây là một số kết quả chung đã đạt được Ủy ban nhân dân tỉnh Gia Lai.");
    text(d, EG_BLOCK_HEADING, 1, "I. KẾT QUẢ ĐẠT ĐƯỢC");
    text(d, EG_BLOCK_HEADING, 2, "1. Kết quả về điều kiện sẵn sàng Chính quyền điện tử");
    text(d, EG_BLOCK_HEADING, 3, "a) Hạ tầng công nghệ thông tin");
    para(d, "Hạ tầng công nghệ thông tin (CNTT) trong các cơ quan hành chính nhà nước của tỉnh tiếp tục được quan tâm đầu tư. Hầu hết cán bộ, công chức (CBCC) trong các cơ quan hành chính nhà nước được trang bị máy tính phục vụ công tác chuyên môn, nghiệp vụ.");
    para(d, "100% tất cả các đơn vị cấp tỉnh, cấp huyện và hầu hết UBND cấp xã đã có mạng nội bộ kết nối Internet cáp quang tốc độ cao đáp ứng được nhu cầu công tác trong hoạt động cơ quan hành chính nhà nước, được kết nối mạng diện rộng của tỉnh (mạng WAN).");
    para(d, "Tất cả các cơ quan hành chính nhà nước của tỉnh đã thành lập Bộ phận tiếp nhận và trả kết quả. Trong đó, 20/20 đơn vị cấp sở, ban, ngành đã được triển khai mô hình \"Một cửa điện tử liên thông\", 100% đơn vị cấp huyện, cấp xã đã triển khai hệ thống \"Một cửa điện tử\" theo quy định.");
    text(d, EG_BLOCK_BULLET, 1, "Hệ thống hội nghị truyền hình: Hiện tại 17/17 đơn vị cấp huyện đã được trang bị phòng họp trực tuyến kết nối vào hệ thống của tỉnh, phục vụ các cuộc họp trực tuyến từ tỉnh đến huyện; năm 2020, hệ thống được đầu tư, nâng cấp để đảm bảo họp trực tuyến đến 100% UBND cấp xã.");
    text(d, EG_BLOCK_BULLET, 1, "Công tác đảm bảo an toàn thông tin mạng: Hầu hết các cơ quan, đơn vị đã chú trọng công tác đảm bảo an toàn thông tin, triển khai các biện pháp đảm bảo an toàn thông tin như:");
    text(d, EG_BLOCK_BULLET, 2, "Hệ thống tường lửa, thiết bị sao lưu dự phòng;");
    text(d, EG_BLOCK_BULLET, 2, "Trang bị phần mềm phòng, chống virus cho các máy tính, cập nhật thường xuyên để kịp thời phát hiện và xử lý các nguy cơ mất an toàn thông tin trên hệ thống.");
    para(d, "Trên địa bàn tỉnh có 96,2% điểm Bưu điện văn hóa xã có kết nối Internet và thực hiện hỗ trợ người dân tiếp cận thông tin về giải quyết TTHC; gần 57,4% hộ gia đình có máy tính kết nối Internet (tăng 11,7% so với năm 2019) và 100% doanh nghiệp trên địa bàn tỉnh có kết Internet.");
    text(d, EG_BLOCK_HEADING, 3, "b) Nguồn nhân lực ứng dụng CNTT");
    para(d, "Trên địa bàn tỉnh 100% (47/47) trường Trung học phổ thông; 84,04% (158/188) trường Trung học cơ sở và 51,1% (144/282) trường tiểu học đã thực hiện giảng dạy môn tin học.");
    para(d, "Công tác đào tạo, tập huấn nâng cao trình độ CNTT cho đội ngũ CBCC, cán bộ chuyên trách CNTT trong các cơ quan hành chính nhà nước của tỉnh được quan tâm.");
    text(d, EG_BLOCK_HEADING, 3, "c) Môi trường chính sách");
    para(d, "Trong năm, 100% cơ quan hành chính nhà nước cấp tỉnh, cấp huyện đã thành lập Ban Chỉ đạo xây dựng Chính quyền điện tử, ban hành kế hoạch ứng dụng CNTT; nhiều đơn vị đã ban hành quy chế khai thác sử dụng hệ thống thông tin và ban hành Quy chế hoạt động của Ban Biên tập cổng/trang thông tin điện tử, quy định về quản lý, vận hành và cung cấp thông tin trên cổng/ trang thông tin điện tử.");
    text(d, EG_BLOCK_HEADING, 3, "d) Đầu tư cho CNTT");
    para(d, "Tại hầu hết cơ quan, đơn vị đã bố trí kinh phí và tham mưu cấp có thẩm quyền bố trí kinh phí cho hoạt động ứng dụng CNTT hằng năm để: Nâng cấp xây dựng hệ thống mạng nội bộ, xây dựng trang thông tin điện tử, triển khai các phần mềm ứng dụng chuyên ngành, xây dựng các hệ thống CNTT phục vụ cải cách hành chính, nâng cao năng lực cạnh tranh, xây dựng Chính quyền điện tử (CQĐT)...");
    text(d, EG_BLOCK_HEADING, 2, "2. Kết quả Chính quyền điện tử");
    text(d, EG_BLOCK_HEADING, 3, "a) Mức độ hiện diện");
    para(d, "Tất cả (100%) các đơn vị cấp tỉnh, cấp huyện đã có Cổng/trang thông tin điện tử; các mục thông tin tối thiểu của Cổng/Trang thông tin điện tử đáp ứng yêu cầu. Đây là kênh thông tin quan trọng để người dân, doanh nghiệp có thể tìm kiếm thông tin, giám sát các hoạt động của cơ quan hành chính nhà nước. Tuy nhiên đối với cấp xã thì vẫn còn nhiều đơn vị chưa đáp ứng đầy đủ các thông tin cơ bản theo quy định.");
    text(d, EG_BLOCK_HEADING, 3, "b) Mức độ tương tác");
    text(d, EG_BLOCK_BULLET, 1, "Ứng dụng phần mềm quản lý văn bản và điều hành: 100% đơn vị cấp tỉnh, cấp huyện, cấp xã triển khai ứng dụng phần mềm quản lý văn bản và điều hành. Tỷ lệ văn bản đi được số hóa, gửi liên thông trên phần mềm đạt gần 100% (trừ văn bản mật). Tỷ lệ văn bản đến được lãnh đạo đơn vị xét duyệt, chỉ đạo, giao việc trên phần mềm đối với các cơ quan cấp tỉnh đạt 100%; đối với cấp huyện là gần 98%, cấp xã đạt khoảng 80%.");
    text(d, EG_BLOCK_BULLET, 1, "Ứng dụng Chữ ký số: Đến nay, 100% đơn vị cấp tỉnh, cấp huyện và 100% đơn vị cấp xã đã được cấp Chữ ký số do Ban Cơ yếu Chính phủ cung cấp. Tổng số chứng thư số được cấp hơn 3.525.");
    text(d, EG_BLOCK_BULLET, 1, "Hệ thống thư điện tử công vụ (gồm hộp thư công vụ của tỉnh ...@gialai.gov.vn và thư điện tử theo ngành dọc): Tỷ lệ CBCC được cấp hộp thư điện tử công vụ trong các cơ quan hành chính nhà nước của tỉnh đạt hơn 95%. Tỷ lệ CBCC thường xuyên sử dụng thư điện tử cho công việc đạt tỷ lệ khoảng 80%.");
    text(d, EG_BLOCK_BULLET, 1, "Ứng dụng phần mềm quản lý quá trình giải quyết TTHC: 20/20 đơn vị cấp tỉnh, 17/17 đơn vị cấp huyện, 220/220 đơn vị cấp xã đã triển khai sử dụng phần mềm một cửa điện tử liên thông tiếp nhận, xử lý, giải quyết hồ sơ, TTHC phục vụ người dân và doanh nghiệp.");
    text(d, EG_BLOCK_HEADING, 3, "c) Mức độ giao dịch");
    para(d, "Trong năm 2020, thống kê trên hệ thống toàn tỉnh đã tiếp nhận 403.086 hồ sơ, trong đó: hồ sơ trễ đã xử lý là 4.127 (chiếm 1,02% trên tổng số hồ sơ) tỷ lệ hồ sơ giải quyết đúng hạn đạt 98,98% trên tổng số hồ sơ đã tiếp nhận trên hệ thống.");
    para(d, "Cổng Dịch vụ công trực tuyến của tỉnh đã được xây dựng và hoạt động tại địa chỉ internet https://dichvucong.gialai.gov.vn; cung cấp 178 dịch vụ công trực tuyến mức độ 3 và 349 dịch vụ công trực tuyến mức độ 4. Hệ thống hoạt động ổn định tạo điều kiện thuận lợi cho công dân, tổ chức trong việc nộp hồ sơ, theo dõi, nhận kết quả giải quyết hồ từ các cơ quan hành chính nhà nước. Đã tiếp nhận 103.758 hồ sơ nộp qua hình thức trực tuyến mức độ 3, 9.842 hồ sơ nộp qua hình thức trực tuyến mức độ 4.");
    figures_table(d);
    text(d, EG_BLOCK_HEADING, 3, "d) Mức độ chuyển đổi");
    para(d, "Trong năm 2020, qua kết quả kiểm tra, đánh giá, tại các cơ quan hành chính nhà nước thuộc tỉnh, tất cả các loại văn bản (trừ văn bản mật) đều được số hóa và gửi, nhận qua Trục liên thông văn bản của tỉnh; trong năm 2020 đã có 1.817.077 lượt văn bản điện tử đã gửi, nhận qua hệ thống liên thông.");
    para(d, "Hiện nay, 100% đơn vị cấp tỉnh, cấp huyện đã ứng dụng các mẫu biểu điện tử trong công việc; các biểu mẫu chủ yếu là mẫu phiếu tiếp nhận và hẹn trả kết quả hồ sơ tại bộ phận một cửa được số hóa và có khả năng kết xuất, in ấn để hẹn trả kết quả cho công dân.");
    text(d, EG_BLOCK_HEADING, 1, "II. XẾP HẠNG MỨC ĐỘ CHÍNH QUYỀN ĐIỆN TỬ");
    text(d, EG_BLOCK_HEADING, 2, "1. Cấp sở, ban, ngành");
    para(d, "Kết quả mức độ chính quyền điện tử cấp sở: Sở TTTT xếp thứ nhất với 116,83 điểm, xếp thứ 2 là Sở Khoa học và Công nghệ đạt 115,62 điểm, thứ 3 là Văn phòng UBND tỉnh đạt 115,01 điểm; xếp cuối cùng là Ban Quản lý Khu Kinh tế với 97,74 điểm.");
    ranking_table(d);
    chart(d, "Biểu đồ 1. Điểm mức độ chính quyền điện tử cấp sở, ban, ngành năm 2020",
          depts, dept_score, sizeof dept_score / sizeof *dept_score);
    text(d, EG_BLOCK_HEADING, 2, "2. Cấp huyện");
    para(d, "Kết quả mức độ chính quyền điện tử cấp huyện: Xếp thứ nhất là Huyện Chư Pưh đạt 140,29 điểm, xếp thứ 2 là Thành phố Pleiku đạt 140,28 điểm; xếp thứ 3 là Huyện Chư Sê đạt 136,58 điểm. Xếp cuối cùng là Huyện Krông Pa đạt 98,04 điểm.");
    chart(d, "Biểu đồ 2. Điểm mức độ chính quyền điện tử cấp huyện năm 2020",
          districts, district_score, sizeof district_score / sizeof *district_score);
    eg_doc_add(d, EG_BLOCK_PAGEBREAK);
    text(d, EG_BLOCK_HEADING, 1, "III. NHIỆM VỤ NĂM 2021");
    para(d, "Tiếp tục triển khai các nhiệm vụ xây dựng Chính quyền điện tử, hướng tới Chính quyền số; nâng cao tỷ lệ hồ sơ trực tuyến mức độ 3, 4; bảo đảm an toàn, an ninh thông tin mạng trong các cơ quan nhà nước. Kiểm tra dấu: ạ ả ầ ẩ ữ ự ỳ ơ ư đ Đ Ỵ Ỹ Ữ Ự Ẳ Ẵ.");

    d->signer_title = sdup("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH");
    d->signer = sdup("Mai Xuân Cường");
    d->n_recipients = sizeof recipients / sizeof *recipients;
    d->recipients = eg_xcalloc(d->n_recipients, sizeof *d->recipients);
    for (size_t i = 0; i < d->n_recipients; i++)
        d->recipients[i] = sdup(recipients[i]);
}

/* A failing write must say F_PDF once and leave nothing at out. */
static int expect_failure(const eg_doc *d, const char *out, const char *fonts)
{
    eg_diag_list dl = { 0 };
    int rc = eg_pdf_write(d, out, fonts, &dl), ok;

    eg_diag_print(&dl, stdout, EG_WARNING);
    ok = rc == -1 && dl.n_fatal == 1 && strcmp(dl.items[0].code, "F_PDF") == 0 &&
         access(out, F_OK) != 0;
    if (!ok)
        printf("pdf_demo: FAILED: expected a clean failure for %s\n", out);
    eg_diag_free(&dl);
    return ok ? 0 : 1;
}

int main(int argc, char **argv)
{
    const char *out = argc > 1 ? argv[1] : "/tmp/pdf_demo.pdf";
    long long created = argc > 2 ? atoll(argv[2]) : 0;
    eg_doc d = { 0 };
    eg_diag_list dl = { 0 };
    int rc, bad = 0;

    build(&d, created);
    rc = eg_pdf_write(&d, out, NULL, &dl);
    eg_diag_print(&dl, stderr, EG_WARNING);
    if (rc != 0 || dl.n != 0) {
        printf("pdf_demo: FAILED to write %s\n", out);
        bad = 1;
    } else {
        printf("pdf_demo: wrote %s\n", out);
    }
    eg_diag_free(&dl);

    unlink("/tmp/pdf_demo_nofonts.pdf");
    bad |= expect_failure(&d, "/tmp/pdf_demo_nofonts.pdf", "/nonexistent-fonts");
    bad |= expect_failure(&d, "/nonexistent-dir/pdf_demo.pdf", NULL);

    eg_doc_free(&d);
    return bad;
}
