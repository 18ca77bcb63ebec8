# Code-size guests (tests/codesize/run.sh): each tests/codesize/<name>.S,
# a tiny static program without libc, becomes $(BUILD)/tests/codesize/<name>.

CODESIZE_SRCS   := $(sort $(wildcard tests/codesize/*.S))
CODESIZE_GUESTS := $(CODESIZE_SRCS:tests/%.S=$(BUILD)/tests/%)

.PHONY: codesize-guests
all: codesize-guests
codesize-guests: $(CODESIZE_GUESTS)

$(BUILD)/tests/codesize/%: tests/codesize/%.S
	@mkdir -p $(dir $@)
	$(RVCC) $(RVASFLAGS) -o $@ $<
