/* Strategy registry for --atomics=NAME. */
#include <stddef.h>
#include <string.h>

#include "monitor/monitor.h"

extern const struct monitor_ops monitor_cas;
/* Exact strategies live in their own files; weak so a build without one still links. */
extern const struct monitor_ops monitor_excl __attribute__((weak));
extern const struct monitor_ops monitor_hst __attribute__((weak));
extern const struct monitor_ops monitor_stw __attribute__((weak));

const struct monitor_ops *monitor = &monitor_cas;

static const struct monitor_ops *const *strategies(void)
{
    static const struct monitor_ops *list[5];
    if (!list[0]) {
        size_t n = 0;
        if (&monitor_excl) list[n++] = &monitor_excl;
        if (&monitor_hst) list[n++] = &monitor_hst;
        if (&monitor_stw) list[n++] = &monitor_stw;
        list[n++] = &monitor_cas;
    }
    return list;
}

bool monitor_select(const char *name)
{
    for (const struct monitor_ops *const *s = strategies(); *s; s++) {
        if (strcmp((*s)->name, name) == 0) {
            monitor = *s;
            return true;
        }
    }
    return false;
}

const char *monitor_names(void)
{
    static char buf[128];
    if (!buf[0]) {
        for (const struct monitor_ops *const *s = strategies(); *s; s++) {
            if (buf[0])
                strcat(buf, ", ");
            strcat(buf, (*s)->name);
        }
    }
    return buf;
}

const struct monitor_ops *monitor_default(void)
{
    return &monitor_excl ? &monitor_excl : &monitor_cas;
}
