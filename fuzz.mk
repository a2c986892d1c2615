# fuzz.mk - fuzzing: one source per target (harness/fuzz_<name>.c), three
# builds (libFuzzer, AFL++ with its CmpLog twin, and a replay main that makes
# every corpus file a `make check` test), the fuzzing runner, coverage, and
# the ClusterFuzzLite build check.  Included at the end of the Makefile;
# harness/README.md is the guide.
#
#   make fuzz [FUZZ_SECONDS=n] [ENGINE=libfuzzer|afl] [FUZZ_TARGETS='apdu ...'] [FUZZ_JOBS=2]
#   make coverage              corpora replayed under clang source coverage
#   make fuzz-seeds            regenerate the seed files corpus/<name>/seed-*
#   make fuzz-build            all three builds of every target
#   make clusterfuzzlite-check .clusterfuzzlite/build.sh the OSS-Fuzz way, into build/

# Every harness/fuzz_<name>.c is a target, except the AFL++ driver and the
# seed generator.
FUZZ_NOT_TARGETS := harness/fuzz_afl_main.c harness/fuzz_seeds.c
FUZZ_ALL_TARGETS := $(sort $(patsubst harness/fuzz_%.c,%,\
                      $(filter-out $(FUZZ_NOT_TARGETS),$(wildcard harness/fuzz_*.c))))
FUZZ_TARGETS ?= $(FUZZ_ALL_TARGETS)

FUZZ_CC   ?= clang
AFL_CC    ?= afl-clang-fast
ENGINE    ?= libfuzzer
FUZZ_JOBS ?= $(shell nproc 2>/dev/null || echo 2)
# FUZZ_SECONDS: per target; unset = run until interrupted (rounds of
# FUZZ_SLICE seconds per target, corpora merged and report rewritten after
# every round).
FUZZ_SECONDS ?=
FUZZ_SLICE   ?= 600

FUZZ_DEPS   := $(REF_SRCS) $(REF_HDRS) $(UICC_SRCS) $(UICC_HDRS) $(CORE_SRCS) $(CORE_HDRS) fuzz.mk
FUZZ_CFLAGS := $(CSTD) $(WARN) -O1 -g -fno-omit-frame-pointer -Icore -Iuicc -Iharness
FUZZ_LIBS   := -lcrypto
FUZZ_SAN    := -fsanitize=address,undefined -fno-sanitize-recover=all

FUZZ_LIBFUZZER := $(patsubst %,$(BUILD)/fuzz/libfuzzer/fuzz_%,$(FUZZ_ALL_TARGETS))
FUZZ_AFL       := $(patsubst %,$(BUILD)/fuzz/afl/fuzz_%,$(FUZZ_ALL_TARGETS))
FUZZ_CMPLOG    := $(patsubst %,$(BUILD)/fuzz/afl-cmplog/fuzz_%,$(FUZZ_ALL_TARGETS))
FUZZ_COV       := $(patsubst %,$(BUILD)/fuzz/cov/replay_fuzz_%,$(FUZZ_ALL_TARGETS))
# The replays are tests: `make check` builds and runs them.
FUZZ_REPLAYS   := $(patsubst %,$(BUILD)/test/replay_fuzz_%,$(FUZZ_ALL_TARGETS))
FUZZ_SEEDGEN   := $(BUILD)/fuzz/fuzz_seeds

TESTS += $(FUZZ_REPLAYS)
# The check rule's prerequisite list was expanded before this file was
# included; name the replays again so that they are built first, and the
# seed generator, which the drift check (ci/check-generated.sh) runs.
check test: $(FUZZ_REPLAYS) $(FUZZ_SEEDGEN)

.PHONY: fuzz-build fuzz-libfuzzer fuzz-afl fuzz-replays fuzz-seeds \
        clusterfuzzlite-check

# ---- replay (gcc or clang, ASan + UBSan, no libFuzzer) ----------------------
$(FUZZ_REPLAYS): $(BUILD)/test/replay_fuzz_%: harness/fuzz_%.c harness/replay_main.c $(FUZZ_DEPS)
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) $(WARN) -O1 -g $(SAN) -Icore -Iuicc -Iharness \
	  -DFUZZ_TARGET='"fuzz_$*"' -DFUZZ_CORPUS='"corpus/$*"' \
	  harness/replay_main.c $< $(REF_SRCS) $(UICC_SRCS) $(CORE_SRCS) $(FUZZ_LIBS) -o $@

# ---- libFuzzer -------------------------------------------------------------
$(FUZZ_LIBFUZZER): $(BUILD)/fuzz/libfuzzer/fuzz_%: harness/fuzz_%.c $(FUZZ_DEPS)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
	  $< $(REF_SRCS) $(UICC_SRCS) $(CORE_SRCS) $(FUZZ_LIBS) -o $@

# ---- AFL++: persistent mode + deferred init (harness/fuzz_afl_main.c) -------
# The main binary carries ASan + UBSan; the CmpLog twin (afl-fuzz -c) is the
# same code built with AFL_LLVM_CMPLOG=1 and no sanitizer.
$(FUZZ_AFL): $(BUILD)/fuzz/afl/fuzz_%: harness/fuzz_%.c harness/fuzz_afl_main.c $(FUZZ_DEPS)
	@mkdir -p $(dir $@)
	AFL_QUIET=1 $(AFL_CC) $(FUZZ_CFLAGS) $(FUZZ_SAN) \
	  harness/fuzz_afl_main.c $< $(REF_SRCS) $(UICC_SRCS) $(CORE_SRCS) $(FUZZ_LIBS) -o $@

$(FUZZ_CMPLOG): $(BUILD)/fuzz/afl-cmplog/fuzz_%: harness/fuzz_%.c harness/fuzz_afl_main.c $(FUZZ_DEPS)
	@mkdir -p $(dir $@)
	AFL_QUIET=1 AFL_LLVM_CMPLOG=1 $(AFL_CC) $(FUZZ_CFLAGS) \
	  harness/fuzz_afl_main.c $< $(REF_SRCS) $(UICC_SRCS) $(CORE_SRCS) $(FUZZ_LIBS) -o $@

# ---- source-based coverage build of the replay -----------------------------
$(FUZZ_COV): $(BUILD)/fuzz/cov/replay_fuzz_%: harness/fuzz_%.c harness/replay_main.c $(FUZZ_DEPS)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(CSTD) $(WARN) -O0 -g -fprofile-instr-generate -fcoverage-mapping \
	  -Icore -Iuicc -Iharness -DFUZZ_TARGET='"fuzz_$*"' -DFUZZ_CORPUS='"corpus/$*"' \
	  harness/replay_main.c $< $(REF_SRCS) $(UICC_SRCS) $(CORE_SRCS) $(FUZZ_LIBS) -o $@

# ---- seed generator -----------------------------------------------------------
# Built with $(CC), like the replays: `make check` runs it (the drift check),
# and needs no fuzz toolchain.
$(FUZZ_SEEDGEN): harness/fuzz_seeds.c $(FUZZ_DEPS)
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) $(WARN) -O1 -g $(SAN) -Icore -Iuicc -Iharness \
	  $< $(REF_SRCS) $(UICC_SRCS) $(CORE_SRCS) $(FUZZ_LIBS) -o $@

fuzz-seeds: deps-build $(FUZZ_SEEDGEN)
	$(FUZZ_SEEDGEN) corpus

# ---- builds and runs --------------------------------------------------------------
# Every build by clang or afl-clang-fast needs deps-fuzz first (order-only:
# the packages being there does not make a binary out of date).
$(FUZZ_LIBFUZZER) $(FUZZ_AFL) $(FUZZ_CMPLOG) $(FUZZ_COV): | deps-fuzz
fuzz-libfuzzer: $(patsubst %,$(BUILD)/fuzz/libfuzzer/fuzz_%,$(FUZZ_TARGETS))
fuzz-afl: $(patsubst %,$(BUILD)/fuzz/afl/fuzz_%,$(FUZZ_TARGETS)) \
          $(patsubst %,$(BUILD)/fuzz/afl-cmplog/fuzz_%,$(FUZZ_TARGETS))
fuzz-replays: $(FUZZ_REPLAYS)
fuzz-build: fuzz-libfuzzer fuzz-afl fuzz-replays

# New inputs are merged into corpus/<name>/ with libFuzzer's -merge=1 under
# both engines, so the libFuzzer builds are needed for ENGINE=afl too.
fuzz: deps-fuzz fuzz-libfuzzer $(if $(filter afl,$(ENGINE)),fuzz-afl)
	@ENGINE='$(ENGINE)' FUZZ_SECONDS='$(FUZZ_SECONDS)' FUZZ_SLICE='$(FUZZ_SLICE)' \
	  FUZZ_JOBS='$(FUZZ_JOBS)' BUILD='$(BUILD)' sh ci/fuzz.sh $(FUZZ_TARGETS)

coverage: deps-fuzz $(patsubst %,$(BUILD)/fuzz/cov/replay_fuzz_%,$(FUZZ_TARGETS))
	@BUILD='$(BUILD)' sh ci/coverage.sh $(FUZZ_TARGETS)

# ---- ClusterFuzzLite / OSS-Fuzz build, run here ---------------------------------
CFL_OUT := $(BUILD)/cflite/out
clusterfuzzlite-check: deps-fuzz
	@rm -rf $(BUILD)/cflite && mkdir -p $(CFL_OUT) $(BUILD)/cflite/work
	CC=clang CXX=clang++ \
	CFLAGS='-O1 -fno-omit-frame-pointer -gline-tables-only -fsanitize=address,undefined -fsanitize-address-use-after-scope -fsanitize=fuzzer-no-link' \
	LIB_FUZZING_ENGINE=-fsanitize=fuzzer SANITIZER=address FUZZING_ENGINE=libfuzzer \
	SRC='$(CURDIR)' OUT='$(CURDIR)/$(CFL_OUT)' WORK='$(CURDIR)/$(BUILD)/cflite/work' \
	  bash .clusterfuzzlite/build.sh
	@sh ci/fuzz.sh --check-out '$(CFL_OUT)' $(FUZZ_ALL_TARGETS)
