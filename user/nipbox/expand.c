#include <stddef.h>

#include "expand.h"

struct buf {
	char *p;
	size_t size, n;
	int full;
};

static void
put(struct buf *b, char c)
{
	if (b->n >= b->size) {
		b->full = 1;
		return;
	}
	b->p[b->n++] = c;
}

static void
put_str(struct buf *b, const char *s)
{
	while (*s)
		put(b, *s++);
}

static void
put_number(struct buf *b, int v)
{
	char digits[12];
	unsigned u = v < 0 ? 0 : (unsigned)v;
	int d = 0;

	do {
		digits[d++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	while (d > 0)
		put(b, digits[--d]);
}

static int
name_char(char c, int first)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
	    (!first && c >= '0' && c <= '9');
}

/* After a '$' at s[0]: puts its value and returns the bytes it used
 * (1 for a lone '$', which stays as it is). */
static size_t
dollar(struct buf *b, const char *s, size_t left,
    const struct nb_vars_view *v)
{
	size_t i = 1, start, end, used;
	const char *val;

	if (left > 1 && s[1] == '?') {
		put_number(b, v->status);
		return 2;
	}
	if (left > 1 && s[1] == '{')
		i = 2;		/* the parser made sure a name and '}' follow */
	start = i;
	while (i < left && name_char(s[i], i == start))
		i++;
	end = i;
	if (end == start) {
		put(b, '$');
		return 1;
	}
	used = start == 2 ? end + 1 : end;
	val = v->lookup(v->ctx, s + start, end - start);
	if (val)
		put_str(b, val);
	return used;
}

/* Expands one word at the end of `b`; whether it is kept (quoted, or not
 * empty). */
static int
word(struct buf *b, const struct nb_word *w, const struct nb_vars_view *v)
{
	size_t at = b->n;
	const char *s = w->s;
	char quote = 0;
	int quoted = 0;

	for (size_t i = 0; i < w->len; i++) {
		char c = s[i];

		if (quote == '\'') {
			if (c == '\'')
				quote = 0;
			else
				put(b, c);
		} else if (c == '\\' && i + 1 < w->len && (!quote ||
		    s[i + 1] == '"' || s[i + 1] == '\\' || s[i + 1] == '$')) {
			put(b, s[++i]);
		} else if (c == '$') {
			i += dollar(b, s + i, w->len - i, v) - 1;
		} else if (quote == '"' && c == '"') {
			quote = 0;
		} else if (!quote && (c == '\'' || c == '"')) {
			quote = c;
			quoted = 1;
		} else {
			put(b, c);
		}
	}
	put(b, '\0');
	return quoted || b->n - at > 1;
}

int
nb_expand_command(const struct nb_script *sc, int ci,
    const struct nb_vars_view *v, struct nb_expanded *ex)
{
	const struct nb_command *c = &sc->cmds[ci];
	struct buf b = { ex->text, sizeof(ex->text), 0, 0 };

	ex->argc = ex->nassign = 0;
	for (int i = 0; i < c->nassign; i++) {
		ex->assign[ex->nassign++] = b.p + b.n;
		word(&b, &sc->words[c->first_assign + i], v);
	}
	for (int i = 0; i < c->nwords; i++) {
		size_t at = b.n;

		if (word(&b, &sc->words[c->first_word + i], v))
			ex->argv[ex->argc++] = b.p + at;
		else
			b.n = at;
	}
	ex->argv[ex->argc] = NULL;
	for (int i = 0; i < c->nredir; i++) {
		ex->target[i] = NULL;
		if (c->redir[i].op != NB_R_DUP) {
			ex->target[i] = b.p + b.n;
			word(&b, &c->redir[i].target, v);
		}
	}
	return b.full ? -1 : 0;
}
