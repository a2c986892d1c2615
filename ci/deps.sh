#!/bin/sh
# Installs the Debian 12 packages of one or more groups (the make targets
# deps-build, deps-proofs, deps-fuzz, deps-bench, deps-model, and deps for
# all of them):
#
#   sh ci/deps.sh GROUP...      GROUP: build | proofs | fuzz | bench | model | all
#
#   build   compiler, make, pkg-config, python3, OpenSSL and SQLite headers,
#           and the tools the card's tests use (PC/SC daemon, virtual card
#           reader, pyscard, tshark, sqlite3, osmo-auc-gen from
#           libosmocore-utils): `make`, `make check`,
#           `make conformance`, `make fuzz-seeds`
#   proofs  Frama-C, Why3, Z3, CVC4 and cvc5, then `why3 config detect`:
#           `make proofs`
#   fuzz    clang with libFuzzer and the sanitizer runtimes, LLVM tools,
#           AFL++: `make fuzz`, `make coverage`, the fuzz builds
#   bench   libosmocore (the comparison engine) and valgrind: `make bench`
#   model   spin (and the build group's C compiler): `make model`
#
# Idempotent, and fast when every package is present (one dpkg-query per
# package, no network).  When something is missing it runs `apt-get update`
# once and one `apt-get install`, non-interactively, as root (or through
# password-less sudo); otherwise it prints the exact command to run.
set -eu

pkgs() {
    case $1 in
    build) echo "gcc make pkg-config python3 libssl-dev libsqlite3-dev
                 pcscd vsmartcard-vpcd python3-pyscard tshark sqlite3
                 libosmocore-utils" ;;
    proofs) echo "frama-c-base why3 z3 cvc4 cvc5" ;;
    fuzz) echo "clang libclang-rt-14-dev llvm afl++" ;;
    bench) echo "libosmocore-dev valgrind" ;;
    model) echo "spin" ;;
    esac
}

[ $# -gt 0 ] || { echo "usage: $0 build|proofs|fuzz|bench|model|all ..." >&2; exit 2; }

groups=""
for g in "$@"; do
    case $g in
    build | proofs | fuzz | bench | model) groups="$groups $g" ;;
    all) groups="$groups build proofs fuzz bench model" ;;
    *) echo "deps: unknown group '$g' (build, proofs, fuzz, bench, model, all)" >&2; exit 2 ;;
    esac
done

want=""
for g in $groups; do
    want="$want $(pkgs "$g")"
done

missing_pkgs() {
    m=""
    for p in $want; do
        case " $m " in *" $p "*) continue ;; esac
        st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
        case "$st" in
        *"install ok installed"*) ;;
        *) m="$m $p" ;;
        esac
    done
    echo "$m"
}

missing=$(missing_pkgs)

if [ -n "$missing" ]; then
    if [ "$(id -u)" -eq 0 ]; then
        sudo=""
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        sudo="sudo"
    else
        echo "deps: missing Debian packages:$missing" >&2
        echo "deps: run as root: apt-get update && apt-get install -y$missing" >&2
        exit 1
    fi
    # Two installs at once (make -j, two checkouts) would fight over the
    # dpkg lock: take a lock of our own, then look again, since the other
    # run may have installed what was missing.
    lock="${TMPDIR:-/tmp}/kilist-deps.lock"
    if command -v flock >/dev/null 2>&1 && [ -z "${KILIST_DEPS_LOCKED:-}" ]; then
        KILIST_DEPS_LOCKED=1 exec flock "$lock" sh "$0" "$@"
    fi
    missing=$(missing_pkgs)
fi

if [ -n "$missing" ]; then
    echo "deps: installing:$missing"
    apt="$sudo env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600"
    $apt update -qq
    # shellcheck disable=SC2086
    $apt install -y -qq --no-install-recommends $missing </dev/null
fi

# Why3 must know the provers WP is told to use (CVC4, Z3).
case " $groups " in
*" proofs "*)
    conf="${WHY3CONFIG:-${HOME:-/root}/.why3.conf}"
    if ! grep -qi 'name = "CVC4"' "$conf" 2>/dev/null ||
       ! grep -qi 'name = "Z3"' "$conf" 2>/dev/null; then
        echo "deps: why3 config detect"
        why3 config detect >/dev/null
    fi
    ;;
esac
exit 0
