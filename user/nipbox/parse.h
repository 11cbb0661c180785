/*
 * NipBox's line parser: splits a command line into words, in place.
 * Pure, so it is tested (and fuzzed) on the host.
 */
#ifndef NIPBOX_PARSE_H
#define NIPBOX_PARSE_H

#include <stddef.h>

/* nb_split's errors. */
#define NB_EQUOTE	(-1)	/* "unterminated quote" */
#define NB_EWORDS	(-2)	/* "too many words" */

/*
 * Splits `line` into at most `max - 1` words (argv[argc] = NULL) and
 * returns argc, or NB_EQUOTE or NB_EWORDS with `*err` set to the words
 * above.  Blanks separate words; '...' keeps everything literally;
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

/*
 * Reads a decimal number from 0 to `max` that is the whole of `s` (no
 * sign, no blanks).  0, or -1 when `s` is anything else.
 */
int nb_number(const char *s, unsigned long max, unsigned long *v);

#endif
