#include <stdarg.h>
#include <stddef.h>

#include "fmt.h"
#include "parse.h"

enum tok { T_END, T_WORD, T_PIPE, T_OR, T_AND, T_SEMI, T_REDIR, T_BAD };

struct token {
	enum tok t;
	const char *s;		/* as typed, for words and error messages */
	size_t len;
	struct nb_redir r;	/* T_REDIR */
};

struct parser {
	const char *p;		/* the next byte to read */
	struct token tok;	/* the token under the cursor */
	struct token last_op;	/* the last operator read, for "near" */
	struct nb_script *sc;
	int words;		/* words so far, targets included */
	char *err;
	size_t errsize;
};

static int
blank(char c)
{
	return c == ' ' || c == '\t';
}

static int
special(char c)
{
	return c == '|' || c == '&' || c == ';' || c == '<' || c == '>';
}

static int
digit(char c)
{
	return c >= '0' && c <= '9';
}

static int
name_start(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static int
name_char(char c)
{
	return name_start(c) || digit(c);
}

static int __attribute__((format(printf, 3, 4)))
fail(struct parser *ps, int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fmt_vsnprintf(ps->err, ps->errsize, fmt, ap);
	va_end(ap);
	return code;
}

/* How much of a long piece of the line a message shows. */
static int
shown(size_t len)
{
	return len > 16 ? 16 : (int)len;
}

static int
syntax(struct parser *ps, const struct token *t)
{
	if (t->t == T_END)
		return fail(ps, NB_ESYNTAX, "syntax error near end of line");
	return fail(ps, NB_ESYNTAX, "syntax error near '%.*s'", (int)t->len,
	    t->s);
}

/* A ${NAME} must be whole: the parser refuses it now, not halfway
 * through running the line. */
static int
dollar_brace(struct parser *ps, const char **rp)
{
	const char *r = *rp + 2, *start = *rp;

	if (name_start(*r)) {
		while (name_char(*r))
			r++;
		if (*r == '}') {
			*rp = r;
			return 0;
		}
	}
	while (*r && *r != '}' && !blank(*r))
		r++;
	return fail(ps, NB_ESYNTAX, "bad substitution '%.*s'",
	    shown((size_t)(r - start) + (*r == '}')), start);
}

/* Reads a word as typed: up to a blank or an operator outside quotes. */
static int
scan_word(struct parser *ps, const char **rp)
{
	const char *r = *rp;
	char quote = 0;

	for (; *r; r++) {
		if (quote == '\'') {
			if (*r == '\'')
				quote = 0;
			continue;
		}
		if (*r == '\\' && !quote && !r[1])
			return fail(ps, NB_ESYNTAX, "a backslash ends the line "
			    "(there is no next line to join)");
		if (*r == '\\' && r[1] && (!quote || r[1] == '"' ||
		    r[1] == '\\' || r[1] == '$')) {
			r++;
			continue;
		}
		if (*r == '$' && r[1] == '{') {
			if (dollar_brace(ps, &r) != 0)
				return NB_ESYNTAX;
			continue;
		}
		if (quote == '"') {
			if (*r == '"')
				quote = 0;
		} else if (*r == '\'' || *r == '"') {
			quote = *r;
		} else if (blank(*r) || special(*r)) {
			break;
		}
	}
	if (quote)
		return fail(ps, NB_ESYNTAX, "unterminated quote");
	*rp = r;
	return 0;
}

/* After n> or n<: '&' and a descriptor (a copy), or nothing (a file). */
static int
scan_redir(struct parser *ps, const char **rp, struct token *t)
{
	const char *r = *rp;
	int out = *r == '>';

	t->t = T_REDIR;
	t->r.op = out ? NB_R_OUT : NB_R_IN;
	r++;
	if (out && *r == '>') {
		t->r.op = NB_R_APPEND;
		r++;
	} else if (*r == '&') {
		t->r.op = NB_R_DUP;
		if (!digit(r[1]) || (r[2] && !blank(r[2]) && !special(r[2]))) {
			t->len = (size_t)(r + 1 - t->s);
			return syntax(ps, t);
		}
		t->r.from = r[1] - '0';
		r += 2;
	}
	*rp = r;
	return 0;
}

/* Reads the next token into ps->tok. */
static int
next(struct parser *ps)
{
	struct token *t = &ps->tok;
	const char *r = ps->p;
	int rc = 0;

	while (blank(*r))
		r++;
	t->s = r;
	t->t = T_END;
	t->r = (struct nb_redir){ .op = NB_R_IN };
	if (!*r || *r == '#') {
		t->len = 0;
		ps->p = r;
		return 0;
	}
	if (digit(*r)) {
		const char *d = r;

		while (digit(*d))
			d++;
		if (*d == '<' || *d == '>') {
			if (d - r > 1)
				return fail(ps, NB_ELIMIT, "descriptor %.*s out of "
				    "range (0 to 9)", shown((size_t)(d - r)), r);
			t->r.fd = *r - '0';
			r = d;
			rc = scan_redir(ps, &r, t);
			goto done;
		}
	}
	switch (*r) {
	case '<':
	case '>':
		t->r.fd = *r == '<' ? 0 : 1;
		rc = scan_redir(ps, &r, t);
		break;
	case '|':
		t->t = r[1] == '|' ? T_OR : T_PIPE;
		r += t->t == T_OR ? 2 : 1;
		break;
	case '&':
		t->t = r[1] == '&' ? T_AND : T_BAD;
		r += t->t == T_AND ? 2 : 1;
		break;
	case ';':
		t->t = T_SEMI;
		r++;
		break;
	default:
		t->t = T_WORD;
		rc = scan_word(ps, &r);
	}
done:
	if (rc != 0)
		return rc;
	t->len = (size_t)(r - t->s);
	ps->p = r;
	if (t->t != T_WORD)
		ps->last_op = *t;
	return t->t == T_BAD ? syntax(ps, t) : 0;
}

static int
count_word(struct parser *ps)
{
	if (++ps->words > NB_MAX_WORDS)
		return fail(ps, NB_ELIMIT, "too many words (at most %d)",
		    NB_MAX_WORDS);
	return 0;
}

static int
redirection(struct parser *ps, struct nb_command *c)
{
	struct nb_redir r = ps->tok.r;
	int rc;

	if (c->nredir == NB_MAX_REDIRS)
		return fail(ps, NB_ELIMIT, "too many redirections (at most "
		    "%d per command)", NB_MAX_REDIRS);
	if ((rc = next(ps)) != 0)
		return rc;
	if (r.op != NB_R_DUP) {
		if (ps->tok.t != T_WORD)
			return syntax(ps, ps->tok.t == T_END ? &ps->last_op :
			    &ps->tok);
		if ((rc = count_word(ps)) != 0)
			return rc;
		r.target.s = ps->tok.s;
		r.target.len = ps->tok.len;
		if ((rc = next(ps)) != 0)
			return rc;
	}
	c->redir[c->nredir++] = r;
	return 0;
}

/* command: (NAME=value | redirection)* [word (word | redirection)*] */
static int
command(struct parser *ps)
{
	struct nb_script *sc = ps->sc;
	struct nb_command *c;
	int rc;

	if (sc->ncmds == NB_MAX_CMDS)
		return fail(ps, NB_ELIMIT, "too many commands (at most %d)",
		    NB_MAX_CMDS);
	c = &sc->cmds[sc->ncmds++];
	c->first_assign = c->first_word = sc->nwords;
	c->nassign = c->nwords = c->nredir = 0;
	for (;;) {
		if (ps->tok.t == T_REDIR)
			rc = redirection(ps, c);
		else if (ps->tok.t == T_WORD) {
			if ((rc = count_word(ps)) != 0)
				return rc;
			sc->words[sc->nwords].s = ps->tok.s;
			sc->words[sc->nwords++].len = ps->tok.len;
			if (c->nwords == 0 &&
			    nb_assign_name(ps->tok.s, ps->tok.len)) {
				c->nassign++;
				c->first_word++;
			} else
				c->nwords++;
			rc = next(ps);
		} else
			break;
		if (rc != 0)
			return rc;
	}
	if (c->nassign + c->nwords + c->nredir == 0)
		return syntax(ps, ps->tok.t == T_END ? &ps->last_op : &ps->tok);
	return 0;
}

/* pipeline: command ('|' command)* */
static int
pipeline(struct parser *ps, enum nb_join join)
{
	struct nb_script *sc = ps->sc;
	struct nb_pipeline *p;
	int rc;

	/* Every pipeline has a command: the commands' limit is theirs. */
	if (sc->npipes == NB_MAX_CMDS)
		return fail(ps, NB_ELIMIT, "too many commands (at most %d)",
		    NB_MAX_CMDS);
	p = &sc->pipes[sc->npipes++];
	p->join = join;
	p->first_cmd = sc->ncmds;
	p->ncmds = 0;
	for (;;) {
		if (p->ncmds == NB_MAX_PIPE)
			return fail(ps, NB_ELIMIT, "pipeline too long (at most "
			    "%d commands)", NB_MAX_PIPE);
		if ((rc = command(ps)) != 0)
			return rc;
		p->ncmds++;
		if (ps->tok.t != T_PIPE)
			return 0;
		if ((rc = next(ps)) != 0)
			return rc;
	}
}

int
nb_parse(const char *line, struct nb_script *sc, char *err, size_t errsize)
{
	struct parser ps = { .p = line, .sc = sc, .err = err,
		.errsize = errsize };
	enum nb_join join = NB_J_SEQ;
	int rc;

	sc->nwords = sc->ncmds = sc->npipes = 0;
	if (errsize)
		err[0] = '\0';
	if ((rc = next(&ps)) != 0)
		return rc;
	/* list: pipeline ((';' | '&&' | '||') pipeline)* [';'] */
	while (ps.tok.t != T_END) {
		if ((rc = pipeline(&ps, join)) != 0)
			return rc;
		if (ps.tok.t == T_END)
			break;
		if (ps.tok.t != T_SEMI && ps.tok.t != T_AND &&
		    ps.tok.t != T_OR)
			return syntax(&ps, &ps.tok);
		join = ps.tok.t == T_AND ? NB_J_AND :
		    ps.tok.t == T_OR ? NB_J_OR : NB_J_SEQ;
		if ((rc = next(&ps)) != 0)
			return rc;
		if (join != NB_J_SEQ && ps.tok.t == T_END)
			return syntax(&ps, &ps.last_op);
	}
	return 0;
}

struct out {
	char *buf;
	size_t size, n;
};

static void
emit(struct out *o, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++, o->n++) {
		if (o->n + 1 < o->size)
			o->buf[o->n] = s[i];
	}
	if (o->size)
		o->buf[o->n < o->size ? o->n : o->size - 1] = '\0';
}

static void
emit_str(struct out *o, const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	emit(o, s, n);
}

static void
emit_word(struct out *o, const struct nb_word *w)
{
	if (o->n)
		emit(o, " ", 1);
	emit(o, w->s, w->len);
}

static void
emit_redir(struct out *o, const struct nb_redir *r)
{
	static const char *const ops[] = { "<", ">", ">>", ">&" };
	char fd[2] = { (char)('0' + r->fd), 0 };
	char from[2] = { (char)('0' + r->from), 0 };

	emit_str(o, o->n ? " " : "");
	emit_str(o, fd);
	emit_str(o, ops[r->op]);
	if (r->op == NB_R_DUP)
		emit_str(o, from);
	else
		emit_word(o, &r->target);
}

size_t
nb_unparse(const struct nb_script *sc, char *out, size_t size)
{
	static const char *const joins[] = { " ;", " &&", " ||" };
	struct out o = { out, size, 0 };

	emit(&o, "", 0);
	for (int p = 0; p < sc->npipes; p++) {
		const struct nb_pipeline *pl = &sc->pipes[p];

		if (p > 0)
			emit_str(&o, joins[pl->join]);
		for (int i = 0; i < pl->ncmds; i++) {
			const struct nb_command *c = &sc->cmds[pl->first_cmd + i];
			int n = c->nassign + c->nwords;

			if (i > 0)
				emit_str(&o, " |");
			for (int w = 0; w < n; w++)
				emit_word(&o, &sc->words[c->first_assign + w]);
			for (int r = 0; r < c->nredir; r++)
				emit_redir(&o, &c->redir[r]);
		}
	}
	return o.n;
}

size_t
nb_assign_name(const char *s, size_t len)
{
	size_t n = 0;

	if (len == 0 || !name_start(s[0]))
		return 0;
	while (n < len && name_char(s[n]))
		n++;
	return n < len && s[n] == '=' ? n : 0;
}

int
nb_number(const char *s, unsigned long max, unsigned long *v)
{
	unsigned long n = 0;

	if (!*s)
		return -1;
	for (; *s; s++) {
		unsigned d = (unsigned)(*s - '0');

		if (d > 9 || d > max || n > (max - d) / 10)
			return -1;
		n = n * 10 + d;
	}
	*v = n;
	return 0;
}
