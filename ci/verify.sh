#!/bin/sh
# The main job (`make verify`): proofs, conformance, tests, then bounded
# fuzzing when fuzz targets exist; each step's outcome and time go to
# reports/verify.md.  Runs every step even after a failure, then fails if
# any step failed.
set -u
cd "$(dirname "$0")/.."
mkdir -p reports
summary=reports/verify.md
status=0
rows=""

step() {
    name=$1
    shift
    echo "==> verify: $name: $*"
    t0=$(date +%s)
    if "$@"; then res=pass; else res=FAIL; status=1; fi
    t1=$(date +%s)
    rows="$rows| $name | $res | $((t1 - t0)) | \`$*\` |
"
    echo "==> verify: $name: $res ($((t1 - t0)) s)"
}

step proofs make --no-print-directory proofs
step conformance make --no-print-directory conformance
step model make --no-print-directory model
step tests make --no-print-directory check
if [ -f fuzz.mk ] && ls harness/fuzz_*.c >/dev/null 2>&1; then
    step fuzz make --no-print-directory fuzz FUZZ_SECONDS="${FUZZ_SECONDS:-60}"
fi

{
    echo "# make verify"
    echo
    echo "Run $(date -u '+%Y-%m-%d %H:%M:%S UTC') on $(uname -m), $(nproc) cores."
    echo
    echo "| step | result | seconds | command |"
    echo "|---|---|---:|---|"
    printf '%s' "$rows"
    echo
    echo "Details: reports/proofs.md, reports/conformance.md, reports/model.md$(ls reports/fuzz.md >/dev/null 2>&1 && echo ', reports/fuzz.md')."
} >"$summary"
echo "verify: summary in $summary"
[ $status -eq 0 ] && echo "verify: all steps passed" || echo "verify: FAILED"
exit $status
