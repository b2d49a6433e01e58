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
    };
    const struct CMUnitTest both[] = {
        cmocka_unit_test(the_extensions_and_the_portable_code_agree),
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
