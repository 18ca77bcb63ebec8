# Differential instruction fuzzer (tests/fuzz/run.sh): the native program
# generator and dump comparator.

.PHONY: fuzz-tools
all: fuzz-tools
fuzz-tools: $(BUILD)/tests/fuzz/gen

$(BUILD)/tests/fuzz/gen: tests/fuzz/gen.c
	@mkdir -p $(dir $@)
	$(CC) -std=gnu11 -O2 -Wall -Wextra -o $@ $<
