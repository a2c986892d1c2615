# model.mk - `make model`: the operator-change scheme (spec/scheme.pml)
# model-checked with spin; every property must hold and every broken variant
# must be caught (ci/model.sh); table in reports/model.md.  Needs spin and a
# C compiler (Debian: spin, gcc).  Included at the end of the Makefile.
.PHONY: model
model: deps-model
	@MODEL_BUILD=$(BUILD)/model sh ci/model.sh
