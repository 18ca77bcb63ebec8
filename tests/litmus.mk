# LR/SC litmus guests (tests/litmus/run.sh): each tests/litmus/<name>.c
# becomes $(BUILD)/tests/litmus/<name>; handshake, release and resume
# also link the assembly sequences of handshake's thread A.

LITMUS_SRCS   := $(sort $(wildcard tests/litmus/*.c))
LITMUS_GUESTS := $(LITMUS_SRCS:tests/%.c=$(BUILD)/tests/%)

.PHONY: litmus-guests
all: litmus-guests
litmus-guests: $(LITMUS_GUESTS)

$(BUILD)/tests/litmus/handshake: tests/litmus/handshake_seq.S
$(BUILD)/tests/litmus/release: tests/litmus/handshake_seq.S
$(BUILD)/tests/litmus/resume: tests/litmus/handshake_seq.S

$(BUILD)/tests/litmus/%: tests/litmus/%.c tests/litmus/litmus.h
	@mkdir -p $(dir $@)
	$(RVCC) -static -O2 -Wall -Wextra -o $@ $(filter %.c %.S,$^) -lpthread
