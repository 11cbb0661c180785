/*
 * NipBox's line parser: splits a command line into words, in place.
 * Pure, so it is tested (and fuzzed) on the host.
 */
#ifndef NIPBOX_PARSE_H
#define NIPBOX_PARSE_H

/*
 * Splits `line` into at most `max - 1` words (argv[argc] = NULL) and
 * returns argc, or -1 with `*err` set ("unterminated quote", "too many
 * words").  Blanks separate words; '...' keeps everything literally;
 * "..." keeps everything but lets \" and \\ through; outside quotes a
 * backslash takes the next character literally.
 */
int nb_split(char *line, char **argv, int max, const char **err);

#endif
