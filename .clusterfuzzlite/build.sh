#!/bin/bash -eu
# .clusterfuzzlite/build.sh - builds every fuzz target the OSS-Fuzz /
# ClusterFuzzLite way: one binary per harness/fuzz_<name>.c in $OUT, linked
# with $LIB_FUZZING_ENGINE (libFuzzer, AFL++ or honggfuzz, chosen by the
# infrastructure), with its seeds as $OUT/fuzz_<name>_seed_corpus.zip, its
# dictionary as $OUT/fuzz_<name>.dict and its options as
# $OUT/fuzz_<name>.options.
#
# Inputs (set by the infrastructure; `make clusterfuzzlite-check` sets them
# for a local run): CC, CXX, CFLAGS, CXXFLAGS, LIB_FUZZING_ENGINE, OUT, and
# the working directory is the repository (the Dockerfile's WORKDIR);
# KILIST_SRC overrides it.  KILIST_WERROR= drops -Werror for a newer clang.

cd "${KILIST_SRC:-$PWD}"
[ -f core/aes128.h ] && [ -d harness ] || { echo "build.sh: run from the kilist repository" >&2; exit 1; }
: "${OUT:?}" "${CC:?}" "${LIB_FUZZING_ENGINE:?}"
CFLAGS=${CFLAGS:-}
CXX=${CXX:-$CC}
CXXFLAGS=${CXXFLAGS:-$CFLAGS}
WERROR=${KILIST_WERROR--Werror}
WARN="-Wall -Wextra $WERROR -Wshadow -Wstrict-prototypes -Wvla"

# The same source sets as the Makefile: the core, and the reference code
# of harness/ (everything but tests, fuzz targets, benchmark, replay main).
CORE_SRCS=$(ls core/*.c)
REF_SRCS=$(ls harness/*.c | grep -v -E '^harness/(test_|fuzz_|bench\.c$|replay_)')

OBJ=${WORK:-/tmp}/kilist-obj
rm -rf "$OBJ"
mkdir -p "$OBJ" "$OUT"
for src in $CORE_SRCS $REF_SRCS; do
    # shellcheck disable=SC2086
    $CC $CFLAGS -std=c11 $WARN -Icore -Iharness -c "$src" -o "$OBJ/$(basename "$src" .c).o"
done

zip_dir() { # zip_dir ZIP DIR: the files of DIR, flat
    if command -v zip >/dev/null 2>&1; then
        (cd "$2" && zip -q -X -r "$1" .)
    else
        python3 - "$1" "$2" <<'PY'
import os, sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    for n in sorted(os.listdir(sys.argv[2])):
        p = os.path.join(sys.argv[2], n)
        if os.path.isfile(p):
            z.write(p, n)
PY
    fi
}

for src in harness/fuzz_*.c; do
    name=$(basename "$src" .c)
    case $name in fuzz_afl_main | fuzz_seeds) continue ;; esac
    t=${name#fuzz_}
    # shellcheck disable=SC2086
    $CC $CFLAGS -std=c11 $WARN -Icore -Iharness -c "$src" -o "$OBJ/$name.o"
    # Linked by the C++ driver, as OSS-Fuzz asks (some engines are C++).
    # shellcheck disable=SC2086
    $CXX $CXXFLAGS "$OBJ/$name.o" $(ls "$OBJ"/*.o | grep -v '/fuzz_') \
        $LIB_FUZZING_ENGINE -lcrypto -o "$OUT/$name"
    rm -f "$OUT/${name}_seed_corpus.zip"
    zip_dir "$(cd "$OUT" && pwd)/${name}_seed_corpus.zip" "corpus/$t"
    cp "corpus/$t.dict" "$OUT/$name.dict"
    cp "corpus/$t.options" "$OUT/$name.options"
    echo "build.sh: $OUT/$name ($(ls "corpus/$t" | wc -l) seeds)"
done
