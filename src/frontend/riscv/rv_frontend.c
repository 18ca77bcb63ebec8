/* The RISC-V front-end as seen by the execution layer (exec/exec.h). */
#include <inttypes.h>
#include <stdio.h>

#include "exec/exec.h"
#include "frontend/riscv/rv.h"
#include "mem/guest_mem.h"

static unsigned rv_describe(char *buf, unsigned size, uint64_t pc)
{
    uint16_t lo, hi = 0;
    if (!guest_fetch16(pc, &lo))
        return 0;
    unsigned len = (lo & 3) == 3 ? 4 : 2;
    if (len == 4 && !guest_fetch16(pc + 2, &hi))
        return 0;
    uint32_t word = lo | (uint32_t)hi << 16;
    char text[96];
    rv_disassemble(text, sizeof(text), word, len);
    if (len == 4)
        snprintf(buf, size, "%08" PRIx32 "  %s", word, text);
    else
        snprintf(buf, size, "%04" PRIx32 "      %s", word, text);
    return len;
}

const struct frontend riscv_frontend = {
    .name = "riscv64",
    .translate = rv_translate_block,
    .disassemble = rv_describe,
};
