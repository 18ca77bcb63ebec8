# Differential instruction fuzzer (tests/fuzz/run.sh): native helpers
# that write guest programs and compare their outputs.
#   gen    random RV64GC sequences from a seed (tests/fuzz/gen.c)
#   edges  the F/D edge-operand matrix (tests/fuzz/edges.c)

FUZZ_TOOLS := $(BUILD)/tests/fuzz/gen $(BUILD)/tests/fuzz/edges

.PHONY: fuzz-tools
all: fuzz-tools
fuzz-tools: $(FUZZ_TOOLS)

$(BUILD)/tests/fuzz/%: tests/fuzz/%.c
	@mkdir -p $(dir $@)
	$(CC) -std=gnu11 -O2 -Wall -Wextra -o $@ $<
