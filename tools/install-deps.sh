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
# wait up to ten minutes for its lock rather than fail at once.
$SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq || exit 1
# shellcheck disable=SC2086
$SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends $missing || exit 1
