/*
 * test_sha256.c - the FIPS 180-2 example messages (appendix B), whole and
 * fed in pieces, and the digest of a file; each with the portable code and,
 * where the processor has them, with the SHA extensions; and the two on
 * random messages of every length up to a few blocks.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/sha256.h"

#define ABC_448 "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
#define ABC_896 "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn" \
                "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"

static void expect_digest(const char *msg, const char *want)
{
    char hex[65];

    eg_sha256_hex(msg, strlen(msg), hex);
    if (strcmp(hex, want) != 0)
        fail_msg("sha256(\"%s\") = %s; want %s", msg, hex, want);
}

/* Feeds msg in pieces of every size from 1 to 130 bytes. */
static void expect_digest_in_pieces(const char *msg, const char *want)
{
    size_t n = strlen(msg);

    for (size_t step = 1; step <= 130; step++) {
        eg_sha256 c;
        unsigned char d[32];
        char hex[65];

        eg_sha256_init(&c);
        for (size_t at = 0; at < n; at += step)
            eg_sha256_update(&c, msg + at, n - at < step ? n - at : step);
        eg_sha256_final(&c, d);
        for (int i = 0; i < 32; i++)
            snprintf(hex + 2 * i, 3, "%02x", d[i]);
        if (strcmp(hex, want) != 0)
            fail_msg("sha256 of %zu bytes in pieces of %zu = %s; want %s", n, step, hex, want);
    }
}

static void the_digest_of_abc_is_the_fips_one(void **state)
{
    (void)state;
    expect_digest("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

static void the_digest_of_nothing_is_the_fips_one(void **state)
{
    (void)state;
    expect_digest("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

static void the_digest_of_the_448_bit_message_is_the_fips_one(void **state)
{
    (void)state;
    expect_digest(ABC_448, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

static void the_digest_of_the_896_bit_message_is_the_fips_one(void **state)
{
    (void)state;
    expect_digest(ABC_896, "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

static void a_message_fed_in_pieces_gives_the_same_digest(void **state)
{
    (void)state;
    expect_digest_in_pieces(ABC_448, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    expect_digest_in_pieces(ABC_896, "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

static void a_million_a_give_the_fips_digest(void **state)
{
    char *msg = malloc(1000001);

    (void)state;
    assert_non_null(msg);
    memset(msg, 'a', 1000000);
    msg[1000000] = '\0';
    expect_digest(msg, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    free(msg);
}

static void a_file_is_digested_as_its_bytes(void **state)
{
    char path[] = "/tmp/eg-sha256-XXXXXX";
    char hex[65];
    int fd = mkstemp(path);

    (void)state;
    assert_true(fd >= 0);
    assert_int_equal(write(fd, ABC_448, strlen(ABC_448)), (ssize_t)strlen(ABC_448));
    close(fd);
    assert_int_equal(eg_sha256_file(path, hex), 0);
    assert_string_equal(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    unlink(path);
}

static void a_missing_file_gives_minus_one_and_no_digest(void **state)
{
    char hex[65] = "x";

    (void)state;
    assert_int_equal(eg_sha256_file("/nonexistent/eg-sha256-none", hex), -1);
    assert_string_equal(hex, "");
}

/* Messages of 'a' whose padding ends on either side of a block's end:
 * 55 bytes leave room for 0x80 and the length, 56 to 63 push the length
 * into a block of its own, 64 start one; the same a block further on.
 * (The digests are those of other SHA-256 implementations.) */
static const struct {
    size_t n;
    const char *hex;
} A_RUNS[] = {
    { 55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318" },
    { 56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a" },
    { 57, "f13b2d724659eb3bf47f2dd6af1accc87b81f09f59f2b75e5c0bed6589dfe8c6" },
    { 63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34" },
    { 64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb" },
    { 65, "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0" },
    { 119, "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb" },
    { 120, "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c" },
    { 127, "c57e9278af78fa3cab38667bef4ce29d783787a2f731d4e12200270f0c32320a" },
    { 128, "6836cf13bac400e9105071cd6af47084dfacad4e5e302c94bfed24e013afb73e" },
};

static void messages_ending_near_a_blocks_end_are_padded_right(void **state)
{
    char msg[129];

    (void)state;
    for (size_t i = 0; i < sizeof A_RUNS / sizeof *A_RUNS; i++) {
        memset(msg, 'a', A_RUNS[i].n);
        msg[A_RUNS[i].n] = '\0';
        expect_digest(msg, A_RUNS[i].hex);
        expect_digest_in_pieces(msg, A_RUNS[i].hex);
    }
}

/* Writes n bytes of 'a' to a new temporary file (its name to path). */
static void write_a_file(char path[], size_t n)
{
    char *a = malloc(n ? n : 1);
    int fd = mkstemp(path);

    assert_non_null(a);
    assert_true(fd >= 0);
    memset(a, 'a', n);
    assert_int_equal(write(fd, a, n), (ssize_t)n);
    close(fd);
    free(a);
}

/* Files read in 64 KiB pieces: one byte short of a piece, a piece, one
 * byte over (a last read of a single byte), two pieces and one byte; and
 * the million a of FIPS 180-2, 15 pieces and some. */
static void a_file_read_in_pieces_is_digested_whole(void **state)
{
    static const struct {
        size_t n;
        const char *hex;
    } files[] = {
        { 65535, "6e1bebca6a8229364a162a72ef064826c4cd7457bf54f190ef782bd9deff3e42" },
        { 65536, "bf718b6f653bebc184e1479f1935b8da974d701b893afcf49e701f3e2f9f9c5a" },
        { 65537, "008ffc88d3c96a9f307524eb361e47c5222a887fc45fa0c1fb8d429c5c23b430" },
        { 131073, "7e009ea4ef882e385b3c0bcbbfa8d009bb0a633bdd764415c09182ee0e75da73" },
        { 1000000, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0" },
    };

    (void)state;
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        char path[] = "/tmp/eg-sha256-XXXXXX";
        char hex[65];

        write_a_file(path, files[i].n);
        assert_int_equal(eg_sha256_file(path, hex), 0);
        unlink(path);
        if (strcmp(hex, files[i].hex) != 0)
            fail_msg("a file of %zu a: %s; want %s", files[i].n, hex, files[i].hex);
    }
}

/* A regular file that cannot be read (/proc/self/mem at offset 0, where
 * nothing is mapped): -1, the read's error, and no digest. */
static void a_file_that_fails_to_read_gives_minus_one_and_no_digest(void **state)
{
    char hex[65] = "x";
    FILE *f = fopen("/proc/self/mem", "rb");

    (void)state;
    if (!f)
        skip();
    fclose(f);
    errno = 0;
    assert_int_equal(eg_sha256_file("/proc/self/mem", hex), -1);
    assert_int_equal(errno, EIO);
    assert_string_equal(hex, "");
}

/* Asked for the portable code, it says so. */
static void the_portable_code_is_used_when_asked_for(void **state)
{
    char hex[65];

    (void)state;
    assert_int_equal(eg_sha256_hardware(0), 0);
    eg_sha256_hex("abc", 3, hex);
    assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

/* Asked for the extensions, they are used where the processor has them
 * (as the compiler's own test of the processor says: under valgrind,
 * which hides them, neither sees them). */
static void the_extensions_are_used_where_the_processor_has_them(void **state)
{
    (void)state;
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
    __builtin_cpu_init();
    assert_int_equal(eg_sha256_hardware(1), __builtin_cpu_supports("sha") != 0);
    eg_sha256_hardware(0);
#else
    skip();
#endif
}

static void the_extensions_and_the_portable_code_agree(void **state)
{
    static unsigned char msg[4096];
    uint64_t x = 0x9E3779B97F4A7C15ULL;

    (void)state;
    if (!eg_sha256_hardware(1)) {
        eg_sha256_hardware(0);
        skip();
    }
    for (size_t i = 0; i < sizeof msg; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        msg[i] = (unsigned char)x;
    }
    for (size_t n = 0; n <= sizeof msg; n += n < 300 ? 1 : 61) {
        char hw[65], sw[65];

        eg_sha256_hardware(1);
        eg_sha256_hex(msg, n, hw);
        eg_sha256_hardware(0);
        eg_sha256_hex(msg, n, sw);
        if (strcmp(hw, sw) != 0)
            fail_msg("%zu bytes: %s with the extensions, %s without", n, hw, sw);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_digest_of_abc_is_the_fips_one),
        cmocka_unit_test(the_digest_of_nothing_is_the_fips_one),
        cmocka_unit_test(the_digest_of_the_448_bit_message_is_the_fips_one),
        cmocka_unit_test(the_digest_of_the_896_bit_message_is_the_fips_one),
        cmocka_unit_test(a_message_fed_in_pieces_gives_the_same_digest),
        cmocka_unit_test(a_million_a_give_the_fips_digest),
        cmocka_unit_test(a_file_is_digested_as_its_bytes),
        cmocka_unit_test(a_missing_file_gives_minus_one_and_no_digest),
        cmocka_unit_test(messages_ending_near_a_blocks_end_are_padded_right),
        cmocka_unit_test(a_file_read_in_pieces_is_digested_whole),
        cmocka_unit_test(a_file_that_fails_to_read_gives_minus_one_and_no_digest),
    };
    const struct CMUnitTest both[] = {
        cmocka_unit_test(the_extensions_are_used_where_the_processor_has_them),
        cmocka_unit_test(the_extensions_and_the_portable_code_agree),
        cmocka_unit_test(the_portable_code_is_used_when_asked_for),
    };
    int failed;

    eg_sha256_hardware(0);
    failed = cmocka_run_group_tests_name("portable", tests, NULL, NULL);
    if (eg_sha256_hardware(1))
        failed += cmocka_run_group_tests_name("SHA extensions", tests, NULL, NULL);
    else
        printf("this processor has no SHA extensions: the portable code alone was tested\n");
    failed += cmocka_run_group_tests_name("both", both, NULL, NULL);
    return failed;
}
