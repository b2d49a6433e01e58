#!/bin/sh
# run.sh BUILD-DIR SECONDS TARGET... - runs each libFuzzer target for
# SECONDS (`make fuzz`).  Seeds come from tests/fuzz/TARGET/ and are never
# written to; what the fuzzer learns goes to BUILD-DIR/fuzz-corpus/TARGET/.
# A crash, a leak, a hang (10 s on one input) or an out-of-memory (2 GB)
# fails the run and leaves the input in BUILD-DIR/fuzz-crashes/.
set -u
build=$1
secs=$2
shift 2
status=0
for t in "$@"; do
    bin="$build/fuzz/$t"
    work="$build/fuzz-corpus/$t"
    crashes="$build/fuzz-crashes"
    log="$build/fuzz-$t.log"
    mkdir -p "$work" "$crashes"
    if "$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$crashes/$t-" "$work" "tests/fuzz/$t" >"$log" 2>&1; then
        runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
        cov=$(grep -E '^#[0-9]+' "$log" | tail -n 1 | sed -n 's/.*cov: \([0-9]*\).*/\1/p')
        echo "fuzz: $t: ${runs:-?} inputs in $secs s, coverage ${cov:-?}, no failure"
    else
        echo "fuzz: $t FAILED (log: $log)"
        grep -E 'ERROR|SUMMARY|Test unit written|==[0-9]+==' "$log" | head -n 20
        echo "fuzz: copy the input from $crashes/ into tests/fuzz/$t/ (as crash-WHAT) so" \
             "that the unit tests replay it, then fix the bug"
        status=1
    fi
done
exit $status
