/*
 * The kernel command line (the device tree's /chosen/bootargs): words
 * separated by spaces, each a flag ("panic-test") or a key and a value
 * ("init=/bin/sh", "fsmax=8").  Pure: the host tests call it too.
 */
#ifndef RUMPK_CMDLINE_H
#define RUMPK_CMDLINE_H

#include <stddef.h>

/* Whether `word` is one of the words of `args` (NULL: no words). */
int cmdline_has(const char *args, const char *word);
/* The value of the last word starting with `key` (e.g. "init="), copied
 * with its NUL into `buf` of `size` bytes: its length, -1 when no word
 * has the key, -2 when the value does not fit. */
long cmdline_value(const char *args, const char *key, char *buf,
    size_t size);

#endif
