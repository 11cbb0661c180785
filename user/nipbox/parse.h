/*
 * NipBox's line parser: splits a command line into words, in place.
 * Pure, so it is tested (and fuzzed) on the host.
 */
#ifndef NIPBOX_PARSE_H
#define NIPBOX_PARSE_H

#include <stddef.h>

/*
 * Splits `line` into at most `max - 1` words (argv[argc] = NULL) and
 * returns argc, or -1 with `*err` set ("unterminated quote", "too many
 * words").  Blanks separate words; '...' keeps everything literally;
 * "..." keeps everything but lets \" and \\ through; outside quotes a
 * backslash takes the next character literally.
 */
int nb_split(char *line, char **argv, int max, const char **err);

/*
 * Copies `in` to `out` with every $? outside single quotes replaced by
 * `status`.  0, or -1 with `*err` ("line too long").
 */
int nb_expand(const char *in, char *out, size_t size, int status,
    const char **err);

#endif
