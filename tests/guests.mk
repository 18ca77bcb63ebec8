# Guest programs for tests and the demo, cross-compiled for riscv64.
# Every tests/<kind>/*.{c,S} becomes $(BUILD)/tests/<kind>/<name>.

RVCFLAGS  ?= -O2 -static
RVASFLAGS ?= -static -nostdlib -nostartfiles -march=rv64gc -mabi=lp64d

INSN_SRCS  := $(sort $(wildcard tests/insn/*.S))
GUEST_SRCS := $(sort $(wildcard tests/guest/*.c))
GUESTS := $(INSN_SRCS:tests/%.S=$(BUILD)/tests/%) \
          $(GUEST_SRCS:tests/%.c=$(BUILD)/tests/%)

guests: $(GUESTS)

$(BUILD)/tests/insn/%: tests/insn/%.S tests/insn/insn_test.h
	@mkdir -p $(dir $@)
	$(RVCC) $(RVASFLAGS) -Itests/insn -o $@ $<

$(BUILD)/tests/guest/%: tests/guest/%.c
	@mkdir -p $(dir $@)
	$(RVCC) $(RVCFLAGS) -o $@ $< -lpthread -lm -latomic

# Bad-input guests (tests/bad/run.sh): tiny assembly programs that fault,
# and a dynamically linked executable that tandem must refuse.
BAD_SRCS := $(sort $(wildcard tests/bad/*.S))
BAD_GUESTS := $(BAD_SRCS:tests/%.S=$(BUILD)/tests/%) $(BUILD)/tests/bad/dynamic

guests: $(BAD_GUESTS)

$(BUILD)/tests/bad/%: tests/bad/%.S
	@mkdir -p $(dir $@)
	$(RVCC) $(RVASFLAGS) -o $@ $<

$(BUILD)/tests/bad/dynamic: tests/bad/dynamic.c
	@mkdir -p $(dir $@)
	$(RVCC) -O2 -o $@ $<
