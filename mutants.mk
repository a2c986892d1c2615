# mutants.mk - mutation analysis of the core: how much do the checks catch?
# Included at the end of the Makefile.
#
#   make mutants                              every mutant, every layer; reports/mutants.md
#   make mutants MUTANTS='M01 M36'            some (report: build/mutants/mutants.md)
#   make mutants MUTANT_LAYERS=tests,proofs   skip layers (tests,proofs,fuzz,fuzz-empty)
#   make mutants MUTANT_FUZZ_SECONDS=30       fuzz budget per run (default 20 s)
#   make mutants MUTANT_PROOF_TIMEOUT=10      per-goal prover timeout for the mutants
#   make mutants-list                         where each mutant's snippet is found today
#
# The mutants are harness/mutants.tsv: one realistic bug each (off-by-one
# bounds, accepted malformed encodings, wrong constants, skipped wipes, wrong
# index moves, wrong byte order), given as an ORIGINAL snippet of core/ and
# its REPLACEMENT; the snippet is searched in all of core/*.c and core/*.h
# and must be found exactly once (else the mutant is reported "stale"), so
# the list does not depend on file names or lines.  ci/mutants.py applies
# each on its own copy of the tree, build/mutants/<id>/, and records whether
#   tests       `make check` in the copy fails,
#   proofs      proofs/run.sh leaves a goal unproved or a smoke test fails,
#               for the mutated function and its callers in its proof unit
#               (PROOF_FUNCTIONS), on the copy's own WP cache,
#   fuzz        the module's libFuzzer targets crash within the budget,
#               seeded with the committed corpus,
#   fuzz-empty  the same from an empty corpus.
# First each layer runs on the unmutated tree (MUTANT_BASELINE=0 skips this):
# a layer that fails there judges nothing.  Progress is printed one line per
# mutant; logs are kept in build/mutants/<id>/logs/.  Not part of .ci/run.
# Time: tests and fuzzing take 1-2.5 min per mutant on 2 shared cores; the
# proofs of a KILLED mutant cost its false goals times the prover timeout
# (an APDU-parser mutant with 7 false goals took 14 min on a loaded
# machine), so the whole list takes well over the 40 minutes aimed at unless
# MUTANT_PROOF_TIMEOUT is lowered; see reports/mutants.md.

MUTANTS             ?=
MUTANT_LAYERS       ?= tests,proofs,fuzz,fuzz-empty
MUTANT_FUZZ_SECONDS ?= 20
MUTANT_JOBS         ?= $(shell nproc 2>/dev/null || echo 2)
MUTANT_PROOF_TIMEOUT ?=

.PHONY: mutants mutants-list
mutants: deps-build deps-proofs deps-fuzz
	@MUTANTS='$(MUTANTS)' MUTANT_LAYERS='$(MUTANT_LAYERS)' \
	  MUTANT_FUZZ_SECONDS='$(MUTANT_FUZZ_SECONDS)' MUTANT_JOBS='$(MUTANT_JOBS)' \
	  MUTANT_PROOF_TIMEOUT='$(MUTANT_PROOF_TIMEOUT)' \
	  python3 ci/mutants.py

mutants-list:
	@python3 ci/mutants.py --list
