/*
 * Diagnostics and tandem's own exit statuses.  Guest-caused deaths
 * (SIGSEGV, SIGILL, ...) instead follow the signal's default action, so
 * the shell sees 128 + signal, like on real hardware.
 */
#ifndef TANDEM_DIAG_H
#define TANDEM_DIAG_H

enum {
    TANDEM_EXIT_USAGE      = 64,  /* bad command-line options */
    TANDEM_EXIT_NO_FILE    = 65,  /* cannot open or read the program */
    TANDEM_EXIT_NOT_ELF    = 66,  /* not an ELF file, or truncated */
    TANDEM_EXIT_WRONG_ARCH = 67,  /* ELF for another machine or class */
    TANDEM_EXIT_DYNAMIC    = 68,  /* dynamically linked, unsupported */
    TANDEM_EXIT_NO_MEMORY  = 69,  /* cannot reserve guest memory */
    TANDEM_EXIT_INTERNAL   = 70,  /* a bug in tandem */
};

/* Print "tandem: <message>" on stderr. */
void diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print "tandem: <message>" and exit with status. */
_Noreturn void die(int status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
