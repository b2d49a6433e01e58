#!/bin/sh
# install-deps.sh PACKAGE... - installs the Debian packages that are missing.
# Runs apt-get as root, or through sudo; does nothing when all are there.
set -u
missing=""
for p in "$@"; do
    st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)
    case "$st" in
        *"install ok installed"*) ;;
        *) missing="$missing $p" ;;
    esac
done
[ -z "$missing" ] && exit 0
echo "installing:$missing"
if [ "$(id -u)" = 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
else
    echo "egreport: missing packages:$missing; install them as root (apt-get install$missing)" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
# A fresh machine often runs its own apt-get at boot (unattended upgrades):
# wait up to ten minutes for its locks rather than fail at once.  install
# waits for dpkg's lock by itself (DPkg::Lock::Timeout); update takes the
# package lists' lock, which that option does not cover, so it is tried
# again while another apt-get holds it.
tries=0
while ! out=$($SUDO env LC_ALL=C apt-get -o DPkg::Lock::Timeout=600 update -qq 2>&1); do
    case "$out" in
        *"Could not get lock"*) ;;
        *) printf '%s\n' "$out" >&2; exit 1 ;;
    esac
    tries=$((tries + 1))
    if [ "$tries" -ge 60 ]; then
        printf '%s\n' "$out" >&2
        exit 1
    fi
    [ "$tries" = 1 ] && echo "another apt-get holds its lock: waiting for it (up to ten minutes)" >&2
    sleep 10
done
[ -n "$out" ] && printf '%s\n' "$out"
# shellcheck disable=SC2086
$SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends $missing || exit 1
