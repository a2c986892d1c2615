#!/bin/sh
# ci/fuzz.sh - runs the fuzz targets, merges what they find into the corpora
# and writes reports/fuzz.md.  Called by `make fuzz` (fuzz.mk), from the
# repository root, after the binaries are built.
#
#   sh ci/fuzz.sh TARGET...                  fuzz TARGETs (names: apdu, ...)
#   sh ci/fuzz.sh --one ENGINE TARGET SECS   one target (the job unit)
#   sh ci/fuzz.sh --report                   rewrite reports/fuzz.md only
#   sh ci/fuzz.sh --check-out OUT TARGET...  check an OSS-Fuzz style $OUT
#
# Environment: ENGINE (libfuzzer | afl), FUZZ_SECONDS (per target; empty:
# until interrupted, in rounds of FUZZ_SLICE seconds per target), FUZZ_JOBS
# (targets fuzzed at once, default: the core count), BUILD (build dir).
#
# Per target: the corpus is first replayed (a known crash in the corpus is
# reported, and the target is not fuzzed until it is fixed); then the engine
# runs for the time given; new inputs are merged into corpus/<name>/ with
# libFuzzer's -merge=1 under both engines (see merge_into_corpus); crashes
# are minimised and kept as corpus/<name>/crash-<sha1> (so that `make check`
# replays them); the figures go to BUILD/fuzz/run/ENGINE/TARGET/stats.
# Exit status: 1 when any target crashed.
set -u

BUILD=${BUILD:-build}
ENGINE=${ENGINE:-libfuzzer}
FUZZ_SECONDS=${FUZZ_SECONDS:-}
FUZZ_SLICE=${FUZZ_SLICE:-600}
FUZZ_JOBS=${FUZZ_JOBS:-$(nproc 2>/dev/null || echo 2)}
RUNS="$BUILD/fuzz/run"
REPORT=reports/fuzz.md

die() { echo "fuzz: $*" >&2; exit 2; }

count_files() { find "$1" -maxdepth 1 -type f ! -name '.*' 2>/dev/null | wc -l | tr -d ' '; }

# option NAME TARGET: a value from corpus/TARGET.options ([libfuzzer] key = v)
option() {
    sed -n "s/^[[:space:]]*$1[[:space:]]*=[[:space:]]*\([^[:space:]]*\).*/\1/p" \
        "corpus/$2.options" 2>/dev/null | head -n 1
}

sha() { sha1sum "$1" | cut -c1-40; }

# keep_crash TARGET FILE: FILE becomes corpus/TARGET/crash-<sha1>
keep_crash() {
    h=$(sha "$2")
    if [ ! -e "corpus/$1/crash-$h" ]; then
        cp "$2" "corpus/$1/crash-$h"
    fi
    echo "corpus/$1/crash-$h"
}

# merge_into_corpus TARGET DIR LOG: the files of DIR join corpus/TARGET,
# and the corpus is minimised again, with libFuzzer's -merge=1: seed-* and
# crash-* files are always kept; of the others (earlier finds and DIR) only
# a set that covers the same edges stays.  FUZZ_MERGE_FEATURES=edges (the
# default) keeps the committed corpus small (-use_counters=0); "all" keeps
# every libFuzzer feature (hit-count buckets too), a larger corpus.
merge_into_corpus() {
    t=$1 dir=$2 log=$3
    bin="$BUILD/fuzz/libfuzzer/fuzz_$t"
    m="$RUNS/merge-$t"
    counters=-use_counters=0
    [ "${FUZZ_MERGE_FEATURES:-edges}" = all ] && counters=
    rm -rf "$m"
    mkdir -p "$m/keep" "$m/others"
    for f in "corpus/$t"/*; do
        [ -f "$f" ] || continue
        case $(basename "$f") in
        seed-* | crash-*) cp "$f" "$m/keep/" ;;
        *) cp "$f" "$m/others/" ;;
        esac
    done
    # shellcheck disable=SC2086
    if "$bin" -merge=1 $counters -max_len="$(option max_len "$t")" \
        "$m/keep" "$m/others" "$dir" >"$log" 2>&1; then
        for f in "corpus/$t"/*; do
            case $(basename "$f") in seed-* | crash-*) ;; *) rm -f "$f" ;; esac
        done
        for f in "$m/keep"/*; do
            case $(basename "$f") in seed-* | crash-*) ;; *) cp "$f" "corpus/$t/" ;; esac
        done
    else
        echo "fuzz: $t: merge failed (corpus left as it was), see $log" >&2
    fi
    rm -rf "$m"
}

# reap_stopped BINARY...: without a PID namespace (not root), end the
# processes of these BINARYs (this build's, by exact path) that are
# orphaned (parent 1) and stopped: what afl-fuzz left behind.
reap_stopped() {
    for b in "$@"; do
        exe=$(readlink -f "$b")
        for d in /proc/[0-9]*; do
            [ "$(readlink "$d/exe" 2>/dev/null)" = "$exe" ] || continue
            # shellcheck disable=SC2046
            set -- $(sed 's/^.*) //' "$d/stat" 2>/dev/null)
            [ "${1:-}" = T ] && [ "${2:-}" = 1 ] && kill -KILL "${d#/proc/}" 2>/dev/null
        done
    done
    return 0
}

run_one() {
    engine=$1 t=$2 secs=$3
    run="$RUNS/$engine/$t"
    lf="$BUILD/fuzz/libfuzzer/fuzz_$t"
    maxlen=$(option max_len "$t")
    dict="corpus/$t.dict"
    [ -x "$lf" ] || die "$lf not built (make fuzz-libfuzzer)"
    [ -d "corpus/$t" ] || die "no corpus/$t"
    rm -rf "$run"
    mkdir -p "$run/new" "$run/crashes"
    corpus_before=$(count_files "corpus/$t")
    execs=0 eps=0 cov= crashes=0 crash_files= status=ok started=$(date -u '+%Y-%m-%d %H:%M:%SZ')

    # 1. A crash already in the corpus: report it, do not fuzz on top of it.
    if ! "$lf" -runs=0 -max_len="${maxlen:-4096}" -artifact_prefix="$run/precheck-" \
        "corpus/$t" >"$run/precheck.log" 2>&1; then
        status=corpus-crash
        crashes=1
        crash_files="$run/precheck.log"
        for a in "$run"/precheck-*; do
            [ -f "$a" ] || continue
            h=$(sha "$a")
            for f in "corpus/$t"/*; do
                [ -f "$f" ] && [ "$(sha "$f")" = "$h" ] && crash_files="$f"
            done
        done
    elif [ "$engine" = libfuzzer ]; then
        "$lf" -max_total_time="$secs" -max_len="${maxlen:-4096}" \
            ${dict:+-dict="$dict"} -timeout=25 -rss_limit_mb=2048 \
            -print_final_stats=1 -artifact_prefix="$run/crashes/" \
            "$run/new" "corpus/$t" >"$run/fuzz.log" 2>&1
        execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$run/fuzz.log" | tail -n 1)
        eps=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$run/fuzz.log" | tail -n 1)
        cov=$(grep -o 'cov: [0-9]* ft: [0-9]*' "$run/fuzz.log" | tail -n 1)
        for c in "$run"/crashes/*; do
            [ -f "$c" ] || continue
            crashes=$((crashes + 1))
            status=crash
            case $(basename "$c") in
            crash-*)
                "$lf" -minimize_crash=1 -runs=20000 -max_len="${maxlen:-4096}" \
                    -exact_artifact_path="$c.min" "$c" >"$run/minimize.log" 2>&1
                [ -s "$c.min" ] || cp "$c" "$c.min" ;;
            *) cp "$c" "$c.min" ;;
            esac
            crash_files="$crash_files $(keep_crash "$t" "$c.min")"
        done
    else
        afl="$BUILD/fuzz/afl/fuzz_$t"
        cmplog="$BUILD/fuzz/afl-cmplog/fuzz_$t"
        [ -x "$afl" ] && [ -x "$cmplog" ] || die "$afl not built (make fuzz-afl)"
        v=
        [ "$secs" -gt 0 ] && v="-V $secs"
        # afl-fuzz sets the sanitizer options it needs (abort_on_error...)
        # itself when they are unset.  AFL++ 4.04c leaves the CmpLog
        # fork server's persistent-mode child stopped (SIGSTOP between two
        # iterations) when it exits; in a PID namespace of its own (root),
        # the kernel ends every process of the run with it.
        ns=
        unshare --pid --fork --kill-child true 2>/dev/null && ns="unshare --pid --fork --kill-child"
        # shellcheck disable=SC2086
        $ns env -u ASAN_OPTIONS -u UBSAN_OPTIONS \
            AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 \
            AFL_NO_UI=1 AFL_NO_AFFINITY=1 AFL_SKIP_CRASHES=1 \
            AFL_CMPLOG_ONLY_NEW=1 AFL_NO_WARN_INSTABILITY=1 \
            afl-fuzz -i "corpus/$t" -o "$run/out" $v -m none \
            ${dict:+-x "$dict"} -c "$cmplog" -- "$afl" >"$run/fuzz.log" 2>&1 </dev/null
        [ -n "$ns" ] || reap_stopped "$afl" "$cmplog"
        st="$run/out/default/fuzzer_stats"
        if [ -f "$st" ]; then
            get() { sed -n "s/^$1 *: *//p" "$st" | head -n 1; }
            execs=$(get execs_done)
            rt=$(get run_time)
            if [ -n "$rt" ] && [ "$rt" -gt 0 ]; then eps=$((execs / rt)); else eps=$(get execs_per_sec); fi
            cov="edges $(get edges_found)/$(get total_edges), bitmap $(get bitmap_cvg)"
        else
            status=afl-failed
            crashes=1
            crash_files="(afl-fuzz did not start, see $run/fuzz.log)"
        fi
        for q in "$run"/out/default/queue/id:*; do
            [ -f "$q" ] || continue
            case $q in *orig:*) continue ;; esac # the seeds themselves
            cp "$q" "$run/new/$(sha "$q")"
        done
        for c in "$run"/out/default/crashes/id:* "$run"/out/default/hangs/id:*; do
            [ -f "$c" ] || continue
            crashes=$((crashes + 1))
            status=crash
            env -u ASAN_OPTIONS AFL_NO_AFFINITY=1 afl-tmin -i "$c" -o "$c.min" -m none \
                -- "$afl" >"$run/minimize.log" 2>&1 </dev/null
            [ -s "$c.min" ] || cp "$c" "$c.min"
            crash_files="$crash_files $(keep_crash "$t" "$c.min")"
        done
    fi

    [ "$status" = corpus-crash ] || merge_into_corpus "$t" "$run/new" "$run/merge.log"
    cat >"$run/stats" <<EOF
engine='$engine'
target='$t'
started='$started'
seconds='$secs'
execs='${execs:-0}'
eps='${eps:-0}'
cov='$cov'
corpus_before='$corpus_before'
corpus_after='$(count_files "corpus/$t")'
crashes='$crashes'
crash_files='$(echo $crash_files)'
status='$status'
EOF
    printf 'fuzz: %-10s %-14s %4ss  %10s execs  %7s/s  %s  corpus %s -> %s  %s\n' \
        "$engine" "$t" "$secs" "${execs:-0}" "${eps:-0}" "${cov:-?}" \
        "$corpus_before" "$(count_files "corpus/$t")" "$status"
    [ "$status" = ok ]
}

report_section() {
    engine=$1
    files=$(ls "$RUNS/$engine"/*/stats 2>/dev/null) || return 0
    [ -n "$files" ] || return 0
    cov_label=$([ "$engine" = afl ] && echo "coverage (AFL++ edges, bitmap)" || echo "coverage (libFuzzer cov/ft)")
    echo "## $engine"
    echo
    echo "| target | started (UTC) | seconds | total execs | execs/s | corpus files before -> after | $cov_label | crashes | status |"
    echo "|---|---|---:|---:|---:|---|---|---:|---|"
    for f in $files; do
        # shellcheck disable=SC1090
        . "$f"
        echo "| fuzz_$target | $started | $seconds | $execs | $eps | $corpus_before -> $corpus_after | $cov | $crashes | $status |"
    done
    echo
    for f in $files; do
        . "$f"
        [ -n "$crash_files" ] && echo "- fuzz_$target: $status: \`$crash_files\`"
    done
    echo
}

write_report() {
    mkdir -p reports
    {
        echo "# Fuzzing report"
        echo
        cat <<'EOF'
Written by `make fuzz` (ci/fuzz.sh): one table per engine, from the latest
run of each (`ENGINE=libfuzzer`, the default, or `ENGINE=afl`).  Corpus
sizes count the files of corpus/<name>/ before the run and after the merge,
which keeps the seeds (seed-*), the crash regressions (crash-*) and an
edge-minimal set of the other inputs found so far.  Coverage is the
engine's own count: libFuzzer `cov` (edges) and `ft` (features) at the end
of the run; AFL++ edges found out of the edges instrumented (the reference
code linked in counts too), and bitmap coverage.  A crash is minimised and
kept as corpus/<name>/crash-<sha1>, a regression input of `make check`;
`make coverage` gives line and branch coverage of the core per file.
EOF
        echo
        echo "Machine: $(nproc 2>/dev/null || echo '?') cores, $FUZZ_JOBS targets at a time."
        echo
        report_section libfuzzer
        report_section afl
    } >"$REPORT.tmp" && mv "$REPORT.tmp" "$REPORT"
}

# One round: every target for secs seconds, FUZZ_JOBS at a time.
round() {
    secs=$1
    shift
    for t in "$@"; do echo "$t"; done |
        xargs -n 1 -P "$FUZZ_JOBS" sh "$0" --one "$ENGINE" "$secs" 2>&1
}

check_out() {
    out=$1
    shift
    fail=0
    for t in "$@"; do
        b="$out/fuzz_$t"
        for f in "$b" "${b}_seed_corpus.zip" "$b.dict" "$b.options"; do
            [ -s "$f" ] || { echo "FAIL clusterfuzzlite/fuzz_$t: missing $f"; fail=1; continue 2; }
        done
        d="$out/../seeds/$t"
        rm -rf "$d" && mkdir -p "$d"
        if ! python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' \
            "${b}_seed_corpus.zip" "$d"; then
            echo "FAIL clusterfuzzlite/fuzz_$t: bad seed zip"; fail=1; continue
        fi
        n=$(count_files "$d")
        if "$b" -runs=0 "$d" >"$out/../fuzz_$t.log" 2>&1 &&
            "$b" -max_total_time=5 -dict="$b.dict" "$d" >>"$out/../fuzz_$t.log" 2>&1; then
            echo "PASS clusterfuzzlite/fuzz_$t: $n seeds replayed, 5 s fuzzed, $(grep -o 'cov: [0-9]*' "$out/../fuzz_$t.log" | tail -n 1)"
        else
            echo "FAIL clusterfuzzlite/fuzz_$t: see $out/../fuzz_$t.log"; fail=1
        fi
    done
    return $fail
}

case ${1:-} in
--one)
    # xargs appends the target: --one ENGINE SECS TARGET
    [ $# -eq 4 ] || die "usage: $0 --one ENGINE SECS TARGET"
    run_one "$2" "$4" "$3"
    exit $?
    ;;
--report)
    write_report
    exit 0
    ;;
--check-out)
    shift
    check_out "$@"
    exit $?
    ;;
esac

[ $# -gt 0 ] || die "usage: $0 TARGET..."
case $ENGINE in libfuzzer | afl) ;; *) die "ENGINE must be libfuzzer or afl" ;; esac
[ "$FUZZ_JOBS" -ge 1 ] 2>/dev/null || FUZZ_JOBS=1

if [ -n "$FUZZ_SECONDS" ]; then
    echo "fuzz: $ENGINE, $# targets, $FUZZ_SECONDS s each, $FUZZ_JOBS at a time"
    round "$FUZZ_SECONDS" "$@"
    rc=$?
    write_report
    echo "fuzz: report in $REPORT"
    [ $rc -eq 0 ] || { echo "fuzz: crashes found, see $REPORT"; exit 1; }
    exit 0
fi

echo "fuzz: $ENGINE, $# targets, continuous (rounds of $FUZZ_SLICE s per target, $FUZZ_JOBS at a time); Ctrl-C to stop"
n=0
while :; do
    n=$((n + 1))
    echo "fuzz: round $n"
    round "$FUZZ_SLICE" "$@"
    write_report
done
