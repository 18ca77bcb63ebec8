# Native unit tests: every tests/unit/<name>.c becomes $(BUILD)/tests/unit/<name>,
# linked with the objects it tests.  tests/run-tests.sh runs each binary
# (exit status 0 = pass).

UNIT_SRCS := $(sort $(wildcard tests/unit/*.c))
UNITS     := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/unit/%)

.PHONY: unit
all: unit
unit: $(UNITS)

# which objects each test needs
$(BUILD)/tests/unit/x86_encoder_test: $(BUILD)/src/backend/x86/x86_emit.o
$(BUILD)/tests/unit/jit_opt_test: $(BUILD)/src/ir/ir_opt.o $(BUILD)/src/ir/ir.o $(BUILD)/src/util/diag.o
# x86_sse_encoder_test #includes the encoder it checks
$(BUILD)/tests/unit/x86_sse_encoder_test: src/backend/x86/x86_emit.c src/backend/x86/x86_emit.h
# rv_fpu_fast_test #includes the FP cores it compares, so it depends on their sources
$(BUILD)/tests/unit/rv_fpu_fast_test: $(wildcard src/frontend/riscv/rv_fpu_*.c src/frontend/riscv/rv_fpu*.h)
$(BUILD)/tests/unit/rv_frontend_test: $(filter $(BUILD)/src/frontend/riscv/%.o,$(OBJS)) $(BUILD)/src/ir/ir.o $(BUILD)/src/util/diag.o

$(BUILD)/tests/unit/%: tests/unit/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $< $(filter %.o,$^) $(LDFLAGS)
