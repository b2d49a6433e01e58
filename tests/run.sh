#!/bin/sh
# run.sh BUILD-DIR EGREPORT - runs every test: the cmocka unit tests built
# in BUILD-DIR/tests, then the end-to-end tests against EGREPORT.
# Closes with "N passed, N failed, N skipped" (skipped: end-to-end tests
# that cannot run under a sanitizer or valgrind); exits non-zero when
# anything failed.
set -u
build=$1
bin=$2
passed=0
failed=0
skipped=0
export CMOCKA_MESSAGE_OUTPUT=stdout

# EG_TEST_WRAPPER, when set, prefixes every unit test (tests/valgrind.sh).
# A unit test program that has not ended after EG_UNIT_TIMEOUT seconds
# (default 3600: the slowest takes some 4 minutes under valgrind) hangs:
# it is stopped and counted as failed, so that a run never waits forever.
# EG_TEST_JOBS (default 1) programs, and then end-to-end tests, run at once
# (tests/valgrind.sh runs two); their results are said in the same order.
limit=${EG_UNIT_TIMEOUT:-3600}
jobs=${EG_TEST_JOBS:-1}
outs=$(mktemp -d "${TMPDIR:-/tmp}/egreport-units.XXXXXX") || exit 1
trap 'rm -rf "$outs"' EXIT
for t in "$build"/tests/test_*; do
    [ -x "$t" ] && printf '%s\n' "$t"
done | xargs -r -P "$jobs" -I{} sh -c '
    out=$2/$(basename "$1")
    # shellcheck disable=SC2086
    timeout -k 10 "$3" ${EG_TEST_WRAPPER:-} "$1" > "$out" 2>&1
    echo $? > "$out.rc"' sh {} "$outs" "$limit"

for t in "$build"/tests/test_*; do
    [ -x "$t" ] || continue
    out=$(cat "$outs/$(basename "$t")" 2>/dev/null)
    rc=$(cat "$outs/$(basename "$t").rc" 2>/dev/null || echo 127)
    if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
        out="$out
$(basename "$t"): no end after $limit s: stopped, as one that hangs"
    fi
    printf '%s\n' "$out" | grep -E '^\[  (FAILED|ERROR)|^\[  PASSED' | sed "s|^|$(basename "$t"): |"
    # a program may run several groups: each closes with its own counts
    p=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' |
        awk '{ s += $1 } END { if (NR) print s }')
    f=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' |
        awk '{ s += $1 } END { if (NR) print s }')
    passed=$((passed + ${p:-0}))
    failed=$((failed + ${f:-0}))
    if [ "$rc" != 0 ] && [ -z "$f" ]; then
        printf '%s\n' "$out" | tail -n 20
        failed=$((failed + 1))
    fi
done

out=$(/usr/bin/python3 tests/e2e.py -j "$jobs" "$bin" 2>&1)
rc=$?
printf '%s\n' "$out" | grep -v '^e2e: '
summary='^e2e: \([0-9]*\) passed, \([0-9]*\) failed, \([0-9]*\) skipped$'
p=$(printf '%s\n' "$out" | sed -n "s/$summary/\\1/p")
f=$(printf '%s\n' "$out" | sed -n "s/$summary/\\2/p")
s=$(printf '%s\n' "$out" | sed -n "s/$summary/\\3/p")
if [ -z "$p" ]; then
    printf '%s\n' "$out" | tail -n 20
    failed=$((failed + 1))
else
    passed=$((passed + p))
    failed=$((failed + f))
    skipped=$((skipped + s))
fi
[ "$rc" = 0 ] || [ "${f:-1}" != 0 ] || failed=$((failed + 1))

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ]
