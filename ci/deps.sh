#!/bin/sh
# Installs the Debian 12 packages kilist needs.  Idempotent and fast when all
# are present (one dpkg-query); needs root (or sudo) only when something is
# missing, and then says exactly what to install.
set -eu

PKGS="gcc make pkg-config python3 libssl-dev libsqlite3-dev
      frama-c-base why3 z3 cvc4 cvc5
      clang libclang-rt-14-dev llvm afl++
      libosmocore-dev libosmocore-utils"

missing=""
for p in $PKGS; do
    st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    case "$st" in
        *"install ok installed"*) ;;
        *) missing="$missing $p" ;;
    esac
done

if [ -n "$missing" ]; then
    if [ "$(id -u)" -eq 0 ]; then
        echo "deps: installing:$missing"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        # shellcheck disable=SC2086
        apt-get install -y -qq --no-install-recommends $missing
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        echo "deps: installing with sudo:$missing"
        sudo DEBIAN_FRONTEND=noninteractive apt-get update -qq
        # shellcheck disable=SC2086
        sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
    else
        echo "deps: missing Debian packages:$missing" >&2
        echo "deps: run as root: apt-get install -y$missing" >&2
        exit 1
    fi
fi

# Why3 must know the provers WP is told to use (CVC4, Z3).
conf="${WHY3CONFIG:-$HOME/.why3.conf}"
if ! grep -qi 'name = "CVC4"' "$conf" 2>/dev/null ||
   ! grep -qi 'name = "Z3"' "$conf" 2>/dev/null; then
    echo "deps: why3 config detect"
    why3 config detect >/dev/null
fi
