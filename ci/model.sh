#!/bin/sh
# ci/model.sh - `make model`: checks spec/scheme.pml with spin.  Every
# property must hold on the real model (exhaustive search; a search cut short
# by the depth limit or memory counts as a failure), and every broken
# variant must be caught: spin must find a violation of the property it
# breaks, so that no property holds vacuously.  One PASS/FAIL line per check;
# the table goes to reports/model.md (spec/scheme.md section 9 explains it).
#
#   sh ci/model.sh            MODEL_BUILD=build/model, MODEL_REPORT=reports/model.md
#
# spin exits 0 even when it finds a violation, so the verdict is read from
# pan's "errors: N" line, never from its exit status.
set -u
cd "$(dirname "$0")/.." || exit 2
model=spec/scheme.pml
out=${MODEL_BUILD:-build/model}
report=${MODEL_REPORT:-reports/model.md}
CC=${CC:-cc}
# pan: compressed state vectors, 1 GiB at most, 10000 steps deep at most
PAN_CFLAGS="-O2 -DCOLLAPSE -DMEMLIM=1024 -w"
PAN_DEPTH=10000

for tool in spin "$CC"; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "FAIL model: '$tool' not found (Debian: apt-get install spin gcc)"
        exit 1
    fi
done
mkdir -p "$out" "$(dirname "$report")"

# configuration name | spin -D options
configs='3b|
3b-trusted|-DTRUSTED
3b-no-counter|-DBROKEN_NO_COUNTER
3b-no-once-flag|-DNO_ONCE_FLAG
3a|-DSCHEME_3A
3a-no-observe|-DSCHEME_3A -DNO_OBSERVE
broken-cust-no-receipt|-DBROKEN_CUST_NO_RECEIPT
broken-cust-replay|-DBROKEN_CUST_REPLAY
broken-nonatomic|-DBROKEN_NONATOMIC
broken-index-back|-DBROKEN_INDEX_BACK
broken-brick|-DBROKEN_BRICK
broken-3a-no-counter|-DSCHEME_3A -DBROKEN_NO_COUNTER'

# configuration | claim | expected: hold, caught (a broken variant must
# violate it), finding (a violation the spec documents as a property of the
# scheme, spec/scheme.md 9.3).  3b-no-counter and 3b-no-once-flag are findings
# the other way: checks the 3b properties do not depend on (spec/scheme.md 9.3).
checks='3b|p1_keys|hold
3b|p2_monotone|hold
3b|p2_retired|hold
3b|p3_atomic|hold
3b|p4_receipt|hold
3b|p4_once|hold
3b|p5_exhausted|hold
3b-trusted|p1_keys|hold
3b-trusted|p2_monotone|hold
3b-trusted|p2_retired|hold
3b-trusted|p3_atomic|hold
3b-trusted|p4_receipt|hold
3b-trusted|p4_once|hold
3b-trusted|p5_exhausted|hold
3b-no-counter|p1_keys|hold
3b-no-counter|p2_monotone|hold
3b-no-counter|p3_atomic|hold
3b-no-once-flag|p4_once|hold
3a|a2_order|hold
3a|a1_att|hold
3a|a1_ops|finding
3a|a1_cust|finding
3a-no-observe|a1_ops|hold
3a-no-observe|a1_cust|hold
3a-no-observe|a1_att|hold
3a-no-observe|a2_order|hold
broken-cust-no-receipt|p4_receipt|caught
broken-cust-no-receipt|p1_keys|caught
broken-cust-replay|p4_once|caught
broken-nonatomic|p3_atomic|caught
broken-index-back|p2_monotone|caught
broken-index-back|p2_retired|caught
broken-brick|p5_exhausted|caught
broken-3a-no-counter|a2_order|caught'

passed=0
failed=0
t_start=$(date +%s)
rows=$(mktemp)
trap 'rm -f "$rows"' EXIT

# Build one pan per configuration.
echo "$configs" | while IFS='|' read -r name defs; do
    d="$out/$name"
    mkdir -p "$d"
    cp "$model" "$d/scheme.pml"
    # shellcheck disable=SC2086
    if ! (cd "$d" && spin $defs -a scheme.pml >spin.log 2>&1 && $CC $PAN_CFLAGS -o pan pan.c >cc.log 2>&1); then
        echo "build failed" >"$d/FAILED"
    else
        rm -f "$d/FAILED"
    fi
done

while IFS='|' read -r name claim expect; do
    d="$out/$name"
    defs=$(echo "$configs" | awk -F'|' -v n="$name" '$1 == n { print $2 }')
    if [ -e "$d/FAILED" ] || [ ! -x "$d/pan" ]; then
        echo "FAIL model $name $claim: spin/cc could not build the verifier (see $d/spin.log, $d/cc.log)"
        failed=$((failed + 1))
        echo "| $name | \`$claim\` | $expect | **build failed** | | | |" >>"$rows"
        continue
    fi
    rm -f "$d/scheme.pml.trail"
    log="$d/$claim.log"
    t0=$(date +%s.%N)
    (cd "$d" && ./pan -a -N "$claim" -m$PAN_DEPTH >"$claim.log" 2>&1)
    t1=$(date +%s.%N)
    [ -e "$d/scheme.pml.trail" ] && mv "$d/scheme.pml.trail" "$d/$claim.trail"
    errors=$(sed -n 's/.*errors: \([0-9][0-9]*\).*/\1/p' "$log" | tail -n 1)
    depth=$(sed -n 's/.*depth reached \([0-9][0-9]*\).*/\1/p' "$log" | tail -n 1)
    states=$(sed -n 's/^ *\([0-9.e+]*\) states, stored.*/\1/p' "$log" | tail -n 1)
    secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
    cut=""
    grep -q 'max search depth too small' "$log" && cut="depth limit $PAN_DEPTH reached"
    grep -qi 'out of memory\|memory limit' "$log" && cut="out of memory"
    [ -n "$errors" ] || cut="${cut:-no result line}"
    verdict=FAIL
    case $expect in
    hold)
        if [ -z "$cut" ] && [ "$errors" = 0 ]; then verdict=PASS; what="holds"; else what="VIOLATED or incomplete${cut:+ ($cut)}"; fi ;;
    caught | finding)
        if [ -n "$errors" ] && [ "$errors" -gt 0 ] && [ -e "$d/$claim.trail" ]; then
            verdict=PASS; what="violated, counterexample $d/$claim.trail"
        else
            what="NOT violated${cut:+ ($cut)}"
        fi ;;
    esac
    echo "$verdict model $name $claim ($expect): $what; depth $depth, $states states, $secs s"
    if [ "$verdict" = PASS ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
    case $expect in
    hold) res="holds" ;;
    *) res="violated" ;;
    esac
    [ "$verdict" = PASS ] || res="**$what**"
    echo "| $name | \`$claim\` | $expect | $res | $depth | $states | $secs |" >>"$rows"
done <<EOF_CHECKS
$checks
EOF_CHECKS

total=$(($(date +%s) - t_start))
{
    echo "# Model-checking report"
    echo
    echo "Generated by \`make model\` (ci/model.sh) from spec/scheme.pml with"
    echo "$(spin -V 2>/dev/null | head -n 1); pan built with \`$PAN_CFLAGS\`, run as"
    echo "\`pan -a -N <property> -m$PAN_DEPTH\` (exhaustive search, no bitstate)."
    echo "The properties and the configurations are explained in spec/scheme.md"
    echo "section 9.  Expected: **hold** = must hold on the model; **caught** = a"
    echo "broken variant, spin must find the violation; **finding** = a violation"
    echo "that the spec documents as a property of the scheme (spec/scheme.md 9.3,"
    echo "F2).  3b-no-counter and 3b-no-once-flag each remove one check and show"
    echo "that the properties listed hold without it (spec/scheme.md 9.3, F1, F7)."
    echo "Depth: the deepest step of the search (for a violation, of the search"
    echo "until the counterexample); states: distinct states stored."
    echo
    echo "| configuration | property | expected | result | depth | states | time (s) |"
    echo "|---|---|---|---|---:|---:|---:|"
    cat "$rows"
    echo
    echo "$passed passed, $failed failed, $total s in all."
} >"$report"
echo "model: $passed passed, $failed failed ($total s); table in $report"
[ "$failed" -eq 0 ]
