/*
 * Host-code disassembly for --trace, through capstone loaded on demand.
 *
 * Linking libcapstone made every run pay for its start-up (tens of
 * thousands of relocations, about 2 ms here) although only --trace uses
 * it, so it is dlopen()ed the first time a block is printed.
 *
 * Concurrency: the first caller loads the library under a pthread_once;
 * after that the function pointers are read-only.
 */
#ifndef TANDEM_X86_DISAS_H
#define TANDEM_X86_DISAS_H

#include <stdint.h>
#include <stdio.h>

#include "backend/x86/x86_codegen.h"

/* Print code[0, size) one instruction a line, with a "-- guest PC" line
 * before the first host instruction of each guest instruction (map). */
void x86_disas_print(FILE *f, const uint8_t *code, uint32_t size, const struct x86_pc_map *map,
                     unsigned n_map);

#endif
