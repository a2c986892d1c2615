# kilist - build, proofs, tests, conformance, fuzzing, benchmarks.
# `make help` lists the targets.  Generated files go to build/ and reports/.

CC       ?= cc
AR       ?= ar
PREFIX   ?= /usr/local
BUILD    := build
CSTD     := -std=c11
WARN     := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wvla
OPT      ?= -O2
CFLAGS   ?= $(OPT) -g
# Host libraries of uicc/ and net/ (none of them reaches the core).
HOST_LIBS ?= -lcrypto -lsqlite3
KL_CFLAGS := $(CSTD) $(WARN) $(CFLAGS) -Icore
SAN      := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
# The core built exactly as a card would: no hosted library at all; only the
# compiler's own <stdint.h>/<stddef.h> are reachable.
FREESTANDING := -ffreestanding -nostdinc -isystem $(shell $(CC) -print-file-name=include)

CORE_SRCS := $(sort $(wildcard core/*.c))
CORE_HDRS := $(sort $(wildcard core/*.h spec/*.acsl))
# The card (uicc/) and the off-card parties (net/): hosted C on the core.
UICC_SRCS := $(sort $(wildcard uicc/*.c))
UICC_HDRS := $(sort $(wildcard uicc/*.h))
NET_SRCS  := $(sort $(wildcard net/*.c))
NET_HDRS  := $(sort $(wildcard net/*.h))
CLI_SRCS  := $(sort $(wildcard cli/*.c))
CLI_HDRS  := $(sort $(wildcard cli/*.h))
# Everything in harness/ but the programs (tests, fuzz targets, benchmark).
REF_SRCS  := $(sort $(filter-out harness/test_% harness/fuzz_% harness/bench.c harness/replay_%,$(wildcard harness/*.c)))
REF_HDRS  := $(sort $(wildcard harness/*.h))
TEST_SRCS := $(sort $(wildcard harness/test_*.c))
TESTS     := $(patsubst harness/%.c,$(BUILD)/test/%,$(TEST_SRCS))
CORE_OBJS := $(patsubst core/%.c,$(BUILD)/obj/%.o,$(CORE_SRCS))
FS_OBJS   := $(patsubst core/%.c,$(BUILD)/freestanding/%.o,$(CORE_SRCS))

LIB   := $(BUILD)/libkilist.a
KILIST := $(BUILD)/kilist
KILIST_SAN := $(BUILD)/san/kilist

.PHONY: all help deps deps-build deps-proofs deps-fuzz deps-bench deps-model check test \
        conformance proofs proofs-replay verify bench fuzz coverage install clean \
        freestanding
all: $(LIB) $(KILIST) freestanding

help:
	@echo "make              build $(LIB), $(KILIST), and the core freestanding"
	@echo "make deps         install every Debian package below (root or sudo; no-op when present)"
	@echo "make deps-build   compiler, make, OpenSSL/SQLite headers, PC/SC + vpcd + pyscard, tshark, sqlite3"
	@echo "make deps-proofs  Frama-C, Why3, Z3, CVC4, cvc5, then why3 config detect"
	@echo "make deps-fuzz    clang + libFuzzer/sanitizer runtimes, LLVM tools, AFL++"
	@echo "make deps-bench   libosmocore, valgrind"
	@echo "make deps-model   spin"
	@echo "make check        all tests (unit, differential, conformance, CLI, corpus replays,"
	@echo "                  generated files up to date) under ASan+UBSan; needs deps-build only"
	@echo "make conformance  3GPP/FIPS test vectors; table in reports/conformance.md"
	@echo "make proofs       Frama-C WP on the core, fails on any unproved goal; reports/proofs.md"
	@echo "                  PROOF_CACHE=update|replay|none (default update), PROOF_MODULES='aes128 ...'"
	@echo "make verify       the main job: deps, proofs, conformance, tests, bounded fuzzing; reports/verify.md"
	@echo "make bench        Milenage vectors/s: core, OpenSSL-AES, libosmocore; reports/bench.md"
	@echo "make fuzz         all fuzz targets in parallel; FUZZ_SECONDS=n (unset: continuous), ENGINE=libfuzzer|afl"
	@echo "make coverage     corpora replayed under clang coverage; reports/coverage.md + reports/coverage/"
	@echo "make fuzz-build   libFuzzer, AFL++ (+CmpLog) and replay builds of every target"
	@echo "make fuzz-seeds   regenerate the seed inputs corpus/<target>/seed-*"
	@echo "make clusterfuzzlite-check  .clusterfuzzlite/build.sh run the OSS-Fuzz way into build/"
	@echo "make model        the scheme (spec/scheme.pml) model-checked with spin; reports/model.md"
	@echo "make mutants      mutation analysis of the core: which seeded bugs the tests, proofs"
	@echo "                  and fuzzers catch; reports/mutants.md (long; not part of .ci/run)"
	@echo "make install      library, headers, kilist (PREFIX=$(PREFIX))"
	@echo "make clean        remove build/"

# Debian packages in four groups (ci/deps.sh says which is which); each rule
# needs only the groups it uses: `make check` no prover and no fuzz toolchain.
# The other groups come after deps-build; ci/deps.sh takes a lock before it
# installs, so that two installs (make -j) never run at once.
deps:
	@sh ci/deps.sh all
deps-build:
	@sh ci/deps.sh build
deps-proofs: deps-build
	@sh ci/deps.sh proofs
deps-fuzz: deps-build
	@sh ci/deps.sh fuzz
deps-bench: deps-build
	@sh ci/deps.sh bench
deps-model: deps-build
	@sh ci/deps.sh model

# ---- library, command, freestanding check -------------------------------
$(BUILD)/obj/%.o: core/%.c $(CORE_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(KL_CFLAGS) -c $< -o $@

$(BUILD)/freestanding/%.o: core/%.c $(CORE_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) $(WARN) $(OPT) $(FREESTANDING) -Icore -c $< -o $@

freestanding: $(FS_OBJS)

$(LIB): $(CORE_OBJS)
	@rm -f $@
	$(AR) rcs $@ $^

$(KILIST): $(CLI_SRCS) $(CLI_HDRS) $(UICC_SRCS) $(UICC_HDRS) $(NET_SRCS) $(NET_HDRS) $(LIB)
	$(CC) $(KL_CFLAGS) -Iuicc -Inet -Icli $(CLI_SRCS) $(UICC_SRCS) $(NET_SRCS) $(LIB) $(HOST_LIBS) -o $@

# ---- tests (ASan + UBSan; the core is compiled in, not linked from LIB) ----
$(KILIST_SAN): $(CLI_SRCS) $(CLI_HDRS) $(UICC_SRCS) $(UICC_HDRS) $(NET_SRCS) $(NET_HDRS) $(CORE_SRCS) $(CORE_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) $(WARN) -O1 -g $(SAN) -Icore -Iuicc -Inet -Icli $(CLI_SRCS) $(UICC_SRCS) $(NET_SRCS) $(CORE_SRCS) $(HOST_LIBS) -o $@

$(BUILD)/test/%: harness/%.c $(REF_SRCS) $(REF_HDRS) $(UICC_SRCS) $(UICC_HDRS) $(NET_SRCS) $(NET_HDRS) $(CORE_SRCS) $(CORE_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) $(WARN) -O1 -g $(SAN) -Icore -Iuicc -Inet -Iharness $< $(REF_SRCS) $(UICC_SRCS) $(NET_SRCS) $(CORE_SRCS) -lcrypto $(HOST_LIBS) -o $@

# The last "test" is the drift check (ci/check-generated.sh): spec/milenage.acsl
# and the seed files regenerated into a temporary place and compared.
check test: deps-build $(TESTS) $(KILIST_SAN) $(KILIST)
	@KILIST_SEEDGEN='$(FUZZ_SEEDGEN)' sh ci/run-tests.sh $(TESTS) ci/check-generated.sh

conformance: deps-build $(BUILD)/test/test_conformance
	@mkdir -p reports
	@KILIST_CONFORMANCE_REPORT=reports/conformance.md sh ci/run-tests.sh $(BUILD)/test/test_conformance

# ---- proofs ------------------------------------------------------------
PROOF_CACHE ?= update
proofs: deps-proofs
	@PROOF_CACHE=$(PROOF_CACHE) sh proofs/run.sh $(PROOF_MODULES)

proofs-replay: deps-proofs
	@PROOF_CACHE=replay sh proofs/run.sh $(PROOF_MODULES)

# ---- the main job --------------------------------------------------------
verify: deps
	@sh ci/verify.sh

# ---- benchmark -----------------------------------------------------------
# The libosmocore flags are looked up when the rule runs, after deps-bench.
$(BUILD)/bench: harness/bench.c $(REF_SRCS) $(REF_HDRS) $(CORE_SRCS) $(CORE_HDRS) | deps-bench
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) $(WARN) -O2 -march=native -DNDEBUG -Icore -Iharness \
	  $$(pkg-config --exists libosmogsm && echo -DHAVE_OSMOCORE $$(pkg-config --cflags libosmogsm)) \
	  harness/bench.c $(REF_SRCS) $(CORE_SRCS) -lcrypto \
	  $$(pkg-config --exists libosmogsm && pkg-config --libs libosmogsm libosmocore) -o $@

bench: deps-bench $(BUILD)/bench
	@sh ci/bench.sh $(BUILD)/bench

# ---- install ------------------------------------------------------------
install: $(LIB) $(KILIST)
	install -d $(DESTDIR)$(PREFIX)/lib $(DESTDIR)$(PREFIX)/include/kilist \
	  $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib/pkgconfig
	install -m 644 $(LIB) $(DESTDIR)$(PREFIX)/lib/
	install -m 644 core/*.h $(DESTDIR)$(PREFIX)/include/kilist/
	install -m 755 $(KILIST) $(DESTDIR)$(PREFIX)/bin/
	sed 's|@PREFIX@|$(PREFIX)|' ci/kilist.pc.in > $(DESTDIR)$(PREFIX)/lib/pkgconfig/kilist.pc

clean:
	rm -rf $(BUILD)

# ---- fuzzing (libFuzzer, AFL++, replay, coverage): see fuzz.mk ----------
-include fuzz.mk
# ---- mutation analysis of the core: see mutants.mk ------------------------
-include mutants.mk
# ---- the scheme model-checked with spin: see model.mk ----------------------
-include model.mk
