/*
 * grep's matcher, kept apart from its input and output so the host tests
 * can reach it.  A pattern is a fixed string (-F) or a simple regular
 * expression: '.', '*', '^' at the start, '$' at the end, [...] with
 * ranges and ^, and '\' taking the next character literally.  It is
 * compiled into a row of atoms, each a set of bytes maybe followed by
 * '*', and run as a set of states over the line: time in proportion to
 * the line's length times the pattern's, whatever the pattern.
 */
#ifndef GREP_MATCH_H
#define GREP_MATCH_H

#include <stddef.h>
#include <string.h>

#define GM_MAX	256		/* atoms in a pattern */

struct gm_atom {
	unsigned char set[32];	/* the bytes it matches, one bit each */
	int star;		/* followed by '*': any number of them */
};

struct gm_pattern {
	int n;
	int bol, eol;		/* anchored at the start, at the end */
	struct gm_atom a[GM_MAX];
};

static void
gm_add(struct gm_atom *a, unsigned c, int icase)
{
	a->set[c >> 3] |= (unsigned char)(1u << (c & 7));
	if (icase && c >= 'a' && c <= 'z')
		gm_add(a, c - 'a' + 'A', 0);
	else if (icase && c >= 'A' && c <= 'Z')
		gm_add(a, c - 'A' + 'a', 0);
}

static int
gm_has(const struct gm_atom *a, unsigned char c)
{
	return (a->set[c >> 3] >> (c & 7)) & 1;
}

/* Reads [...] starting after its '['; the index after its ']', or -1. */
static int
gm_class(struct gm_atom *a, const char *pat, int i, int icase,
    const char **err)
{
	int neg = pat[i] == '^', first;

	if (neg)
		i++;
	first = i;
	for (; pat[i] && (pat[i] != ']' || i == first); i++) {
		unsigned lo = (unsigned char)pat[i], hi = lo;

		if (pat[i + 1] == '-' && pat[i + 2] && pat[i + 2] != ']') {
			hi = (unsigned char)pat[i + 2];
			i += 2;
			if (hi < lo) {
				*err = "invalid range in [...]";
				return -1;
			}
		}
		for (unsigned c = lo; c <= hi; c++)
			gm_add(a, c, icase);
	}
	if (!pat[i]) {
		*err = "unmatched [";
		return -1;
	}
	if (neg) {
		for (int b = 0; b < 32; b++)
			a->set[b] = (unsigned char)~a->set[b];
	}
	return i + 1;
}

/* 0, or -1 with `*err` set. */
static int
gm_compile(struct gm_pattern *p, const char *pat, int fixed, int icase,
    const char **err)
{
	int i = 0;

	memset(p, 0, sizeof(*p));
	if (!fixed && pat[0] == '^') {
		p->bol = 1;
		i++;
	}
	while (pat[i]) {
		struct gm_atom *a;

		if (!fixed && pat[i] == '$' && !pat[i + 1]) {
			p->eol = 1;
			break;
		}
		/* A '*' with nothing before it stands for itself. */
		if (!fixed && pat[i] == '*' && p->n > 0) {
			p->a[p->n - 1].star = 1;
			i++;
			continue;
		}
		if (p->n == GM_MAX) {
			*err = "pattern too long (at most 256 elements)";
			return -1;
		}
		a = &p->a[p->n++];
		if (fixed) {
			gm_add(a, (unsigned char)pat[i++], icase);
		} else if (pat[i] == '.') {
			memset(a->set, 0xff, sizeof(a->set));
			i++;
		} else if (pat[i] == '[') {
			i = gm_class(a, pat, i + 1, icase, err);
			if (i < 0)
				return -1;
		} else if (pat[i] == '\\') {
			if (!pat[i + 1]) {
				*err = "trailing backslash";
				return -1;
			}
			gm_add(a, (unsigned char)pat[i + 1], icase);
			i += 2;
		} else {
			gm_add(a, (unsigned char)pat[i++], icase);
		}
	}
	return 0;
}

/* Marks state `i` and those a starred atom lets it skip to. */
static void
gm_enter(const struct gm_pattern *p, unsigned char *on, int i)
{
	for (;;) {
		on[i] = 1;
		if (i == p->n || !p->a[i].star)
			return;
		i++;
	}
}

/* Whether the pattern matches somewhere in `len` bytes at `s`. */
static int
gm_match(const struct gm_pattern *p, const char *s, size_t len)
{
	unsigned char now[GM_MAX + 1], next[GM_MAX + 1];

	memset(now, 0, sizeof(now));
	gm_enter(p, now, 0);
	for (size_t pos = 0;; pos++) {
		if (now[p->n] && (!p->eol || pos == len))
			return 1;
		if (pos == len)
			return 0;
		memset(next, 0, sizeof(next));
		for (int i = 0; i < p->n; i++) {
			if (now[i] && gm_has(&p->a[i], (unsigned char)s[pos]))
				gm_enter(p, next, p->a[i].star ? i : i + 1);
		}
		if (!p->bol)
			gm_enter(p, next, 0);
		memcpy(now, next, sizeof(now));
	}
}

#endif
