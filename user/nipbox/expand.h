/*
 * NipBox's word expansion: a word as typed (quotes, backslashes, $NAME,
 * ${NAME}, $?) becomes its value when its command runs.  A value stays one
 * word whatever it holds (no splitting at blanks, no patterns), and an
 * unquoted word that comes out empty is dropped, so `echo $UNSET` prints
 * an empty line.  Pure, so it is tested (and fuzzed) on the host.
 */
#ifndef NIPBOX_EXPAND_H
#define NIPBOX_EXPAND_H

#include <stddef.h>

#include "parse.h"

/* A variable's value, or NULL when it is not set. */
typedef const char *(*nb_lookup)(void *ctx, const char *name, size_t len);

struct nb_vars_view {
	nb_lookup lookup;
	void *ctx;
	int status;		/* $? */
};

/* Expanded text of a command: at most this many bytes, each word's NUL
 * included. */
#define NB_EXPAND_MAX	1024

/* A command with every word expanded; the strings live in `text`. */
struct nb_expanded {
	int argc, nassign;
	char *argv[NB_MAX_WORDS + 1];		/* argv[argc] = NULL */
	char *assign[NB_MAX_WORDS];		/* "NAME=value" */
	const char *target[NB_MAX_REDIRS];	/* files; NULL for n>&m */
	char text[NB_EXPAND_MAX];
};

/*
 * Expands command `ci` of `sc` into `ex`.  0, or -1 when the text does not
 * fit NB_EXPAND_MAX (the one error: the parser refused everything else).
 */
int nb_expand_command(const struct nb_script *sc, int ci,
    const struct nb_vars_view *v, struct nb_expanded *ex);

#endif
