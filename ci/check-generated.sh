#!/bin/sh
# ci/check-generated.sh - the drift check of `make check`: every generated
# file of the repository is generated again, into a temporary place, and
# compared with the committed copy.  One PASS/FAIL line per artefact (the
# format of harness/testlib.h, counted by ci/run-tests.sh):
#
#   generated/spec/milenage.acsl   python3 spec/gen_milenage_acsl.py
#   generated/corpus/<target>      the seed files corpus/<target>/seed-*,
#                                  written by harness/fuzz_seeds.c
#                                  ($KILIST_SEEDGEN, built by fuzz.mk)
#
# A seed that is missing, extra or different fails its target's line and is
# named.  The fix is to regenerate (`python3 spec/gen_milenage_acsl.py >
# spec/milenage.acsl`, `make fuzz-seeds`) and commit the result with the
# generator change, or to undo a hand edit of the generated file.
#
#   sh ci/check-generated.sh        from anywhere; works in the repository root
#   KILIST_REPO=DIR                 compare DIR's files instead (to show the
#                                   check fails on an edited copy)
set -u
# A relative KILIST_SEEDGEN is taken from the directory the check starts in
# (make's: the repository root); the default is the repository's build/.
seedgen=${KILIST_SEEDGEN:-}
case $seedgen in '' | /*) ;; *) seedgen="$PWD/$seedgen" ;; esac
cd "${KILIST_REPO:-$(dirname "$0")/..}" || exit 2
[ -n "$seedgen" ] || seedgen="$PWD/build/fuzz/fuzz_seeds"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0

fail() { echo "FAIL $*"; failed=1; }

# nseeds DIR: how many seed-* files DIR holds
nseeds() {
    c=0
    for f in "$1"/seed-*; do [ -f "$f" ] && c=$((c + 1)); done
    echo $c
}

# ---- spec/milenage.acsl -------------------------------------------------
name=generated/spec/milenage.acsl
if ! python3 spec/gen_milenage_acsl.py >"$tmp/milenage.acsl" 2>"$tmp/gen.err"; then
    sed 's/^/  /' "$tmp/gen.err"
    fail "$name: spec/gen_milenage_acsl.py failed"
elif [ ! -f spec/milenage.acsl ]; then
    fail "$name: not committed (python3 spec/gen_milenage_acsl.py > spec/milenage.acsl)"
elif cmp -s "$tmp/milenage.acsl" spec/milenage.acsl; then
    echo "PASS $name: equal to the output of spec/gen_milenage_acsl.py"
else
    diff -u --label "spec/milenage.acsl (committed)" --label "generated" \
        spec/milenage.acsl "$tmp/milenage.acsl" | head -n 20 | sed 's/^/  /'
    fail "$name: differs from the output of spec/gen_milenage_acsl.py (diff above, first lines; regenerate it)"
fi

# ---- corpus/<target>/seed-* ---------------------------------------------
if [ ! -x "$seedgen" ]; then
    fail "generated/corpus: seed generator $seedgen not built (make fuzz-seeds)"
    exit 1
fi
mkdir -p "$tmp/corpus"
# The generator reads corpus/vectors/ relative to the working directory.
if ! "$seedgen" "$tmp/corpus" >"$tmp/seedgen.log" 2>&1; then
    sed 's/^/  /' "$tmp/seedgen.log"
    fail "generated/corpus: $seedgen failed"
    exit 1
fi

# Targets: those the generator wrote, and every corpus/<dir>/ holding seeds.
targets=$(
    for d in "$tmp/corpus"/*/ corpus/*/; do
        [ -d "$d" ] || continue
        t=$(basename "$d")
        [ -d "$tmp/corpus/$t" ] || [ "$(nseeds "$d")" -gt 0 ] || continue
        echo "$t"
    done | sort -u
)

for t in $targets; do
    name=generated/corpus/$t
    new="$tmp/corpus/$t"
    old="corpus/$t"
    if [ ! -d "$new" ]; then
        fail "$name: $(nseeds "$old") seed files committed, but the generator writes no target '$t'"
        continue
    fi
    problems=""
    n=0
    for f in "$new"/seed-*; do
        [ -f "$f" ] || continue
        n=$((n + 1))
        s=$(basename "$f")
        if [ ! -f "$old/$s" ]; then
            problems="$problems, $s missing from $old"
        elif ! cmp -s "$f" "$old/$s"; then
            problems="$problems, $s differs"
        fi
    done
    for f in "$old"/seed-*; do
        [ -f "$f" ] || continue
        s=$(basename "$f")
        [ -f "$new/$s" ] || problems="$problems, $s not written by the generator"
    done
    if [ "$n" -eq 0 ]; then
        fail "$name: the generator writes no seed for '$t'"
    elif [ -n "$problems" ]; then
        fail "$name: ${problems#, } (make fuzz-seeds)"
    else
        echo "PASS $name: $n seed files equal to harness/fuzz_seeds.c's output"
    fi
done
exit $failed
