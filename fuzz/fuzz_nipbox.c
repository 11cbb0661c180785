/*
 * libFuzzer target for NipBox's command language (user/nipbox/parse.c and
 * expand.c).  The input is a typed line (up to its first NUL).  It is
 * parsed with error buffers of several sizes, which must agree; a script
 * must hold together (every count within its limit, every word inside
 * the line, pipelines covering the commands in order); written back with
 * nb_unparse into a buffer of exactly the size it asks for, it must come
 * out the same when parsed again; and every command must expand within
 * its buffer, its words ended inside it.  Buffers are allocated to their
 * exact sizes, so ASan sees any access past them.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "user/nipbox/expand.h"
#include "user/nipbox/parse.h"

#define NIPBOX_LINE	1024	/* LINE_MAX in nipbox.h */

static char *
xmalloc(size_t n)
{
	char *p = malloc(n ? n : 1);

	if (!p)
		abort();
	return p;
}

static void
check_word(const struct nb_word *w, const char *line, size_t len)
{
	if (w->len == 0 || w->s < line || w->s + w->len > line + len)
		abort();
}

/* Every count within its limit, every word inside `line`. */
static void
check_script(const struct nb_script *sc, const char *line, size_t len)
{
	int next_cmd = 0, next_word = 0;

	if (sc->npipes > NB_MAX_CMDS || sc->ncmds > NB_MAX_CMDS ||
	    sc->nwords > NB_MAX_WORDS || sc->npipes > sc->ncmds)
		abort();
	for (int i = 0; i < sc->nwords; i++)
		check_word(&sc->words[i], line, len);
	for (int p = 0; p < sc->npipes; p++) {
		const struct nb_pipeline *pl = &sc->pipes[p];

		if (pl->first_cmd != next_cmd || pl->ncmds < 1 ||
		    pl->ncmds > NB_MAX_PIPE || (p == 0 && pl->join != NB_J_SEQ))
			abort();
		next_cmd += pl->ncmds;
	}
	if (next_cmd != sc->ncmds)
		abort();
	for (int i = 0; i < sc->ncmds; i++) {
		const struct nb_command *c = &sc->cmds[i];

		if (c->first_assign != next_word ||
		    c->first_word != next_word + c->nassign ||
		    c->nassign + c->nwords + c->nredir == 0 ||
		    c->nredir > NB_MAX_REDIRS)
			abort();
		next_word += c->nassign + c->nwords;
		for (int r = 0; r < c->nredir; r++) {
			const struct nb_redir *rd = &c->redir[r];

			if (rd->fd < 0 || rd->fd > 9)
				abort();
			if (rd->op == NB_R_DUP && (rd->from < 0 || rd->from > 9))
				abort();
			if (rd->op != NB_R_DUP)
				check_word(&rd->target, line, len);
		}
	}
	if (next_word != sc->nwords)
		abort();
}

/* Parses with error buffers of 0, 1, 9 and 96 bytes: the same answer. */
static int
parse(const char *line, struct nb_script *sc)
{
	static const size_t sizes[] = { 0, 1, 9, 96 };
	char full[96];
	int r = nb_parse(line, sc, full, sizeof(full));

	if (r != 0 && (r != NB_ESYNTAX && r != NB_ELIMIT))
		abort();
	if (r != 0 && (full[0] == '\0' || strlen(full) >= sizeof(full) - 1))
		abort();
	if (r == 0 && full[0] != '\0')
		abort();
	for (size_t i = 0; i + 1 < sizeof(sizes) / sizeof(sizes[0]); i++) {
		char *err = sizes[i] ? xmalloc(sizes[i]) : NULL;
		int again = nb_parse(line, sc, err, sizes[i]);

		if (again != r || (sizes[i] && (strlen(err) >= sizes[i] ||
		    strncmp(err, full, strlen(err)) != 0)))
			abort();
		free(err);
	}
	return nb_parse(line, sc, full, sizeof(full));
}

/* Writes `sc` back; the exact buffer it asks for, filled. */
static char *
unparse(const struct nb_script *sc, size_t bound)
{
	size_t need = nb_unparse(sc, NULL, 0), n;
	char *out;

	if (need > bound)
		abort();
	out = xmalloc(need + 1);
	n = nb_unparse(sc, out, need + 1);
	if (n != need || strlen(out) != need)
		abort();
	return out;
}

static const char *
lookup(void *ctx, const char *name, size_t len)
{
	(void)ctx;
	if (len == 1 && name[0] == 'L') {
		static char big[700];

		memset(big, 'x', sizeof(big) - 1);
		return big;
	}
	return len % 3 == 0 ? NULL : len % 3 == 1 ? "" : "a b";
}

static void
check_expand(const struct nb_script *sc)
{
	static struct nb_expanded ex;
	struct nb_vars_view v = { lookup, NULL, -5 };

	for (int i = 0; i < sc->ncmds; i++) {
		const struct nb_command *c = &sc->cmds[i];
		const char *end = ex.text + sizeof(ex.text);

		if (nb_expand_command(sc, i, &v, &ex) != 0)
			continue;
		if (ex.argc > c->nwords || ex.nassign != c->nassign ||
		    ex.argv[ex.argc] != NULL)
			abort();
		for (int w = 0; w < ex.argc; w++) {
			if (ex.argv[w] < ex.text || ex.argv[w] >= end ||
			    !memchr(ex.argv[w], '\0', (size_t)(end - ex.argv[w])))
				abort();
		}
		for (int w = 0; w < ex.nassign; w++) {
			if (ex.assign[w] < ex.text || ex.assign[w] >= end ||
			    !memchr(ex.assign[w], '=', (size_t)(end -
			    ex.assign[w])))
				abort();
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct nb_script sc, again;
	char *line, *first, *second;
	size_t len;

	/* NipBox's line editor stops there; longer lines only cost time. */
	if (size > NIPBOX_LINE - 1)
		size = NIPBOX_LINE - 1;
	line = xmalloc(size + 1);
	memcpy(line, data, size);
	line[size] = '\0';
	len = strlen(line);
	if (parse(line, &sc) == 0) {
		check_script(&sc, line, len);
		check_expand(&sc);
		/* A token grows at most from ">f" to " 1> f". */
		first = unparse(&sc, 3 * len);
		if (parse(first, &again) != 0)
			abort();
		check_script(&again, first, strlen(first));
		second = unparse(&again, 3 * strlen(first));
		if (strcmp(first, second) != 0)
			abort();
		free(first);
		free(second);
	}
	free(line);
	return 0;
}
