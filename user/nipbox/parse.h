/*
 * NipBox's command language, parsed: a line becomes a list of pipelines
 * joined by ';', '&&' and '||', each pipeline one or more commands joined
 * by '|', each command its assignments, words and redirections.  Words
 * are kept as typed (quotes and $ included): expand.c turns each into its
 * value when the command runs, so `X=1; echo $X` and `false || echo $?`
 * see what the commands before them did.  Pure, so it is tested (and
 * fuzzed) on the host.
 */
#ifndef NIPBOX_PARSE_H
#define NIPBOX_PARSE_H

#include <stddef.h>

/* Limits, each named in its error message. */
#define NB_MAX_WORDS	63	/* words on a line, all commands together */
#define NB_MAX_CMDS	16	/* commands on a line */
#define NB_MAX_PIPE	8	/* commands in one pipeline */
#define NB_MAX_REDIRS	8	/* redirections of one command */

/* A word as typed: `len` bytes at `s`, not NUL-terminated. */
struct nb_word {
	const char *s;
	size_t len;
};

/* Redirection kinds. */
enum nb_redir_op {
	NB_R_IN,	/* n< word   (n is 0 unless given) */
	NB_R_OUT,	/* n> word   (n is 1 unless given) */
	NB_R_APPEND,	/* n>> word */
	NB_R_DUP,	/* n>&m or n<&m: n becomes a copy of m */
};

struct nb_redir {
	enum nb_redir_op op;
	int fd;			/* 0 to 9 */
	int from;		/* NB_R_DUP: the descriptor copied, 0 to 9 */
	struct nb_word target;	/* the file, for the others */
};

/* Words are indices into nb_script.words. */
struct nb_command {
	int first_assign, nassign;	/* NAME=value before the command */
	int first_word, nwords;		/* the command and its arguments */
	int nredir;
	struct nb_redir redir[NB_MAX_REDIRS];
};

/* How a pipeline follows the one before it. */
enum nb_join {
	NB_J_SEQ,	/* ';' (or the first pipeline) */
	NB_J_AND,	/* '&&': runs when the last status was 0 */
	NB_J_OR,	/* '||': runs when it was not */
};

struct nb_pipeline {
	enum nb_join join;
	int first_cmd, ncmds;
};

struct nb_script {
	int nwords, ncmds, npipes;
	struct nb_word words[NB_MAX_WORDS];
	struct nb_command cmds[NB_MAX_CMDS];
	struct nb_pipeline pipes[NB_MAX_CMDS];
};

/* nb_parse's errors; `*err` is the message NipBox prints after "nipbox: ". */
#define NB_ESYNTAX	(-1)	/* "syntax error near '|'" and the like */
#define NB_ELIMIT	(-2)	/* "too many words (at most 63)" and the like */

/*
 * Parses `line` into `sc`; the words point into `line`, which must outlive
 * `sc`.  0, or NB_ESYNTAX or NB_ELIMIT with the message written to `err`
 * (`errsize` bytes, always terminated; `err` may be NULL when `errsize`
 * is 0).  A message shows at most 16 bytes of the line.  An empty line or a comment
 * gives no pipelines.
 */
int nb_parse(const char *line, struct nb_script *sc, char *err,
    size_t errsize);

/*
 * Writes `sc` back as a line: each word as typed, one blank between
 * tokens, every redirection with its descriptor number.  Parsing that line
 * gives the same script.  The length it needed (as snprintf), output cut
 * to `size`.
 */
size_t nb_unparse(const struct nb_script *sc, char *out, size_t size);

/*
 * Whether the `len` bytes at `s` are an assignment, NAME=value with NAME a
 * letter or '_' and then letters, digits and '_': the length of NAME if
 * so, else 0.
 */
size_t nb_assign_name(const char *s, size_t len);

/*
 * Reads a decimal number from 0 to `max` that is the whole of `s` (no
 * sign, no blanks).  0, or -1 when `s` is anything else.
 */
int nb_number(const char *s, unsigned long max, unsigned long *v);

#endif
