#!/bin/sh
# `make bench`: runs build/bench once and writes reports/bench.md with the
# figures, the machine and the commands that produced them.
set -eu
cd "$(dirname "$0")/.."
bin=${1:-build/bench}
mkdir -p reports
out=$(mktemp)
trap 'rm -f "$out"' EXIT
BENCH_SECONDS=${BENCH_SECONDS:-2} "$bin" | tee "$out"
{
    echo "# Benchmark: MILENAGE vectors per second"
    echo
    echo "Run $(date -u '+%Y-%m-%d %H:%M:%S UTC') by \`make bench\` (ci/bench.sh, harness/bench.c)."
    echo
    echo "- machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(nproc) cores, $(uname -sr)"
    echo "- load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "- compiler: $(${CC:-cc} --version | head -1); flags: -O2 -march=native"
    echo "- OpenSSL: $(openssl version 2>/dev/null || echo unknown)"
    echo "- libosmocore: $(pkg-config --modversion libosmogsm 2>/dev/null || echo 'not installed')"
    echo "- each engine: K fixed, OPc precomputed (cached), RAND new every call; best of 3 rounds of ${BENCH_SECONDS:-2} s after a warm-up"
    echo
    echo '```'
    cat "$out"
    echo '```'
    echo
    echo "Engines: \`core\` = kl_milenage_generate (proved core, bitsliced constant-time AES);"
    echo "\`openssl\` = harness/ref_milenage.c on OpenSSL EVP AES-128 (AES-NI where present);"
    echo "\`osmocore\` = libosmocore osmo_auth_gen_vec (table-based AES)."
} >reports/bench.md
echo "bench: figures in reports/bench.md"
