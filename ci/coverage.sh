#!/bin/sh
# ci/coverage.sh - replays the fuzz corpora through clang source-based
# coverage builds of the replay main (fuzz.mk: BUILD/fuzz/cov/replay_fuzz_*)
# and writes the HTML report reports/coverage/index.html and the per-file
# summary reports/coverage.md.  Called by `make coverage` from the
# repository root:  sh ci/coverage.sh TARGET...
set -u

BUILD=${BUILD:-build}
COV="$BUILD/fuzz/cov"
HTML=reports/coverage
MD=reports/coverage.md

pick() {
    for c in "$@"; do
        if command -v "$c" >/dev/null 2>&1; then
            echo "$c"
            return 0
        fi
    done
    return 1
}
PROFDATA=$(pick llvm-profdata-14 llvm-profdata) || { echo "coverage: llvm-profdata not found (make deps)" >&2; exit 2; }
LLVMCOV=$(pick llvm-cov-14 llvm-cov) || { echo "coverage: llvm-cov not found (make deps)" >&2; exit 2; }

[ $# -gt 0 ] || { echo "usage: $0 TARGET..." >&2; exit 2; }

rm -rf "$COV/prof" "$HTML"
mkdir -p "$COV/prof" reports
objects=
first=
status=0
for t in "$@"; do
    bin="$COV/replay_fuzz_$t"
    [ -x "$bin" ] || { echo "coverage: $bin not built" >&2; exit 2; }
    if ! LLVM_PROFILE_FILE="$COV/prof/$t.profraw" "$bin" >"$COV/prof/$t.log" 2>&1; then
        echo "coverage: replay of corpus/$t failed (see $COV/prof/$t.log)" >&2
        status=1
    fi
    grep '^PASS\|^FAIL' "$COV/prof/$t.log"
    if [ -z "$first" ]; then first=$bin; else objects="$objects -object $bin"; fi
done

"$PROFDATA" merge -sparse "$COV"/prof/*.profraw -o "$COV/prof/all.profdata" || exit 2

# The core and the fuzz targets; the reference code, test library and
# system headers are left out.
IGNORE='(^/usr/|harness/(ref_|testlib|tsv|replay_main))'
# shellcheck disable=SC2086
"$LLVMCOV" show "$first" $objects -instr-profile="$COV/prof/all.profdata" \
    -format=html -output-dir="$HTML" -show-line-counts-or-regions \
    -show-branches=count -show-expansions \
    -ignore-filename-regex="$IGNORE" -project-title="kilist: fuzz corpora" || exit 2
# shellcheck disable=SC2086
"$LLVMCOV" export "$first" $objects -instr-profile="$COV/prof/all.profdata" \
    -summary-only -ignore-filename-regex="$IGNORE" >"$COV/prof/summary.json" || exit 2

python3 - "$COV/prof/summary.json" "$MD" "$*" <<'EOF'
import json, os, sys
src, out, targets = sys.argv[1], sys.argv[2], sys.argv[3]
data = json.load(open(src))["data"][0]
root = os.getcwd() + "/"

def pct(s):
    return "%.1f%%" % s["percent"] if s["count"] else "-"

def row(name, s):
    return "| %s | %s (%d/%d) | %s (%d/%d) | %s (%d/%d) | %s (%d/%d) |" % (
        name,
        pct(s["lines"]), s["lines"]["covered"], s["lines"]["count"],
        pct(s["branches"]), s["branches"]["covered"], s["branches"]["count"],
        pct(s["regions"]), s["regions"]["covered"], s["regions"]["count"],
        pct(s["functions"]), s["functions"]["covered"], s["functions"]["count"])

files = sorted(data["files"], key=lambda f: f["filename"])
with open(out, "w") as f:
    f.write("# Coverage of the fuzz corpora\n\n")
    f.write("Written by `make coverage` (ci/coverage.sh): every file of corpus/<name>/ "
            "replayed through a clang source-based coverage build "
            "(`-fprofile-instr-generate -fcoverage-mapping`) of its target; "
            "targets: %s.  The HTML report with line and branch counts is "
            "reports/coverage/index.html.\n\n" % ", ".join("fuzz_" + t for t in targets.split()))
    f.write("| file | lines | branches | regions | functions |\n|---|---|---|---|---|\n")
    for e in files:
        if e["summary"]["lines"]["count"] == 0:
            continue  # headers without code
        name = e["filename"]
        if name.startswith(root):
            name = name[len(root):]
        f.write(row(name, e["summary"]) + "\n")
    f.write(row("**total**", data["totals"]) + "\n")
EOF
cat "$MD"
echo "coverage: HTML in $HTML/index.html, summary in $MD"
exit $status
