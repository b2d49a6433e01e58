#!/bin/sh
# valgrind.sh BUILD-DIR EGREPORT - runs the whole test suite (tests/run.sh)
# with every unit test and every run of EGREPORT under valgrind's memcheck,
# then fails if any run reported a memory error or a leak (definitely or
# indirectly lost).  `make valgrind` calls it.
#
# Each process writes its own log (one file per pid) into a temporary
# folder; a run counts as clean when its log holds no error and no leak.
# Tests that need the program's speed (the "up to date in 50 ms" check)
# relax their bound when EGREPORT_TEST_SLOW is set.
#
# Valgrind runs a process's threads one at a time, on one core: the tests
# run EG_TEST_JOBS at once (by default one a core, `nproc`), which halves
# the hour they took one by one on two cores.
set -u
build=$1
bin=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
here=$(cd "$(dirname "$0")" && pwd)
logs=$(mktemp -d "${TMPDIR:-/tmp}/egreport-valgrind.XXXXXX")
chmod 1777 "$logs"     # runs as nobody (permission tests) log here too

# --vgdb=no: valgrind's gdb server is not wanted, and its pipes in /tmp
# are named by pid and user.  A build killed on purpose leaves its pipes
# behind, and a later run as nobody that gets the same pid cannot replace
# them and stops before the program starts.
supp=""
[ -f "$here/valgrind.supp" ] && supp="--suppressions=$here/valgrind.supp"
VG="valgrind -q --vgdb=no --tool=memcheck --leak-check=full --show-leak-kinds=definite,indirect
    --errors-for-leak-kinds=definite,indirect --error-exitcode=99 --num-callers=30
    --log-file=$logs/vg.%p.log $supp"

# The end-to-end tests run a program file: a wrapper that execs valgrind
# keeps the process id (tests signal it) and the arguments.  A test that
# kills a build with SIGTERM on purpose sets EG_VALGRIND_LEAK_CHECK=no for
# it: memory the build had in hand when it died (a libxlsxwriter temporary
# name between its malloc and its free, say) is no leak; memory errors are
# still checked.
wrapper="$logs/egreport"
cat > "$wrapper" <<WRAP
#!/bin/sh
exec $(echo $VG) \${EG_VALGRIND_LEAK_CHECK:+--leak-check=\$EG_VALGRIND_LEAK_CHECK} "$bin" "\$@"
WRAP
chmod 755 "$wrapper"

EG_TEST_JOBS=${EG_TEST_JOBS:-$(nproc)} EG_TEST_WRAPPER=$(echo $VG) EGREPORT_TEST_SLOW=1 EGREPORT_REAL_BIN="$bin" \
    sh "$here/run.sh" "$build" "$wrapper"
rc=$?

# A log with anything in it is an error report (-q keeps clean runs silent).
bad=0
runs=0
for f in "$logs"/vg.*.log; do
    [ -e "$f" ] || continue
    runs=$((runs + 1))
    if [ -s "$f" ]; then
        bad=$((bad + 1))
        echo "valgrind: $(basename "$f"):"
        head -n 60 "$f"
    fi
done
echo "valgrind: $runs processes checked, $bad with errors or leaks"
rm -rf "$logs"
[ "$rc" = 0 ] && [ "$bad" = 0 ] && [ "$runs" -gt 0 ]
