# tandem build.  `make` builds the emulator and every test guest;
# `make check` runs the whole test suite (tests/run-tests.sh).

CC       ?= gcc
RVCC     ?= riscv64-linux-gnu-gcc
BUILD    ?= build
CFLAGS   ?= -O2 -g
CFLAGS   += -std=gnu11 -D_GNU_SOURCE -Wall -Wextra -Wno-unused-parameter -pthread -Isrc -MMD -MP
LDFLAGS  += -pthread -lm

# capstone disassembles host code in --trace; it is dlopen()ed then, not
# linked (src/backend/x86/x86_disas.h), so only its headers are needed here
HAVE_CAPSTONE := $(shell pkg-config --exists capstone 2>/dev/null && echo 1)
ifeq ($(HAVE_CAPSTONE),1)
CAPSTONE_SONAME := $(shell objdump -p $$(pkg-config --variable=libdir capstone)/libcapstone.so 2>/dev/null | awk '/SONAME/ { print $$2 }')
CFLAGS  += -DHAVE_CAPSTONE $(shell pkg-config --cflags capstone)
CFLAGS  += $(if $(CAPSTONE_SONAME),-DCAPSTONE_SONAME='"$(CAPSTONE_SONAME)"')
LDFLAGS += -ldl
endif

SRCS := $(shell find src -name '*.c' | sort)
OBJS := $(SRCS:%.c=$(BUILD)/%.o)

.PHONY: all tandem guests check clean demo
all: tandem guests

tandem: $(BUILD)/tandem

$(BUILD)/tandem: $(OBJS)
	$(CC) -o $@ $(OBJS) $(LDFLAGS)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c -o $@ $<

# Test and demo guests are built by tests/guests.mk
include $(sort $(wildcard tests/*.mk))

check: all
	tests/run-tests.sh

clean:
	rm -rf $(BUILD)

-include $(OBJS:.o=.d)

# A multi-threaded demo guest, run by the README's first command.
demo: all
	$(BUILD)/tandem $(BUILD)/tests/guest/demo_threads
