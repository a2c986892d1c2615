#!/bin/sh
# Runs Frama-C WP on each proof unit of proofs/modules.txt (or those named on
# the command line) and writes reports/proofs.md.  Fails when any goal is
# left unproved or Frama-C reports an error.
#
#   PROOF_CACHE   none | update (default) | replay | offline: the WP cache in
#                 proofs/cache/ (one small JSON per goal, keyed by its digest)
#   PROOF_TIMEOUT seconds per goal and prover (default 60: the slowest goals
#                 take about 8 s alone, and up to 4 times that on a machine
#                 shared with other proof runs)
#   PROOF_REPORT  where the Markdown table goes (default reports/proofs.md)
#   PROOF_PROVERS comma-separated Why3 provers (default cvc4; z3 is weaker on
#                 byte arithmetic here, see proofs/README.md)
#   PROOF_FUNCTIONS  comma-separated functions: prove only these (WP's
#                 -wp-fct; `make mutants` uses it), default all
#   PROOF_SMOKE   1 (default): WP's smoke tests on every unit (-wp-smoke-tests):
#                 a precondition set that is unsatisfiable, or code that is
#                 dead under its contract, makes a smoke goal "prove" \false,
#                 which is reported as a failure.  0 turns them off (only for
#                 experiments: the report says so).
set -u
cd "$(dirname "$0")/.."

cache=${PROOF_CACHE:-update}
timeout=${PROOF_TIMEOUT:-60}
provers=${PROOF_PROVERS:-cvc4}
fcts=${PROOF_FUNCTIONS:-}
smoke=${PROOF_SMOKE:-1}
smoke_flags=""
[ "$smoke" = 1 ] && smoke_flags="-wp-smoke-tests"
par=$(nproc 2>/dev/null || echo 2)
out=build/proofs
mkdir -p "$out" reports

units=$(grep -v '^#' proofs/modules.txt | awk 'NF {print $1}')
[ $# -gt 0 ] && units="$*"

status=0
start=$(date +%s)
for u in $units; do
    files=$(awk -v u="$u" '$1 == u {for (i = 2; i <= NF; i++) print $i}' proofs/modules.txt)
    if [ -z "$files" ]; then
        echo "proofs: unknown unit '$u' (see proofs/modules.txt)" >&2
        exit 2
    fi
    prover_flags=""
    [ -n "$fcts" ] && prover_flags="-wp-fct $fcts"
    for p in $(echo "$provers" | tr ',' ' '); do
        prover_flags="$prover_flags -wp-prover $p"
    done
    echo "proofs: $u ($files), provers $provers, cache $cache, timeout ${timeout}s, par $par, smoke $smoke"
    t0=$(date +%s)
    # shellcheck disable=SC2086
    frama-c -wp -wp-rte $prover_flags -wp-par "$par" -wp-timeout "$timeout" \
        -wp-no-pruning $smoke_flags -wp-cache "$cache" -wp-cache-dir proofs/cache \
        -cpp-extra-args="-Icore -Ispec" -wp-report-json "$out/$u.json" \
        $files >"$out/$u.log" 2>&1
    rc=$?
    t1=$(date +%s)
    echo "$u $((t1 - t0))" >"$out/$u.time"
    if [ $rc -ne 0 ]; then
        echo "proofs: frama-c failed on $u (exit $rc); last lines of $out/$u.log:" >&2
        tail -20 "$out/$u.log" >&2
        status=1
    fi
    grep -E '^\[wp\] Proved goals:' "$out/$u.log" | sed "s/^/proofs: $u: /"
    grep -E 'Goal .* : (Unknown|Timeout|Failed)' "$out/$u.log" | sed "s/^/proofs: UNPROVED: /"
    # A smoke test that fails means WP proved \false from the contract
    # (inconsistent requires) or reached code the contract says is dead.
    grep -E '^\[wp\] \[Failed\] Smoke-test' "$out/$u.log" | sed "s/^/proofs: SMOKE TEST FAILED: /"
done
end=$(date +%s)

python3 proofs/report.py --cache "$cache" --smoke "$smoke" --seconds $((end - start)) \
    --out "${PROOF_REPORT:-reports/proofs.md}" $units || status=1
exit $status
