#include <stddef.h>

#include "parse.h"

static int
blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Copies one word from *rp to *wp (wp never passes rp), unquoting. */
static int
word(char **rp, char **wp, const char **err)
{
	char *r = *rp, *w = *wp;
	char quote = 0;

	for (; *r; r++) {
		if (quote == '\'') {
			if (*r == '\'')
				quote = 0;
			else
				*w++ = *r;
		} else if (quote == '"') {
			if (*r == '"')
				quote = 0;
			else if (*r == '\\' && (r[1] == '"' || r[1] == '\\'))
				*w++ = *++r;
			else
				*w++ = *r;
		} else if (*r == '\'' || *r == '"') {
			quote = *r;
		} else if (*r == '\\' && r[1]) {
			*w++ = *++r;
		} else if (blank(*r)) {
			break;
		} else {
			*w++ = *r;
		}
	}
	if (quote) {
		*err = "unterminated quote";
		return -1;
	}
	*rp = r;
	*wp = w;
	return 0;
}

int
nb_split(char *line, char **argv, int max, const char **err)
{
	char *r = line, *w = line;
	int argc = 0;

	for (;;) {
		while (blank(*r))
			r++;
		if (!*r)
			break;
		if (argc >= max - 1) {
			*err = "too many words";
			return NB_EWORDS;
		}
		argv[argc++] = w;
		if (word(&r, &w, err) != 0)
			return NB_EQUOTE;
		/* The terminator may overwrite the blank we stopped at. */
		if (*r)
			r++;
		*w++ = '\0';
	}
	argv[argc] = NULL;
	return argc;
}

static int
put(char *out, size_t size, size_t *n, char c)
{
	if (*n + 1 >= size)
		return -1;
	out[(*n)++] = c;
	return 0;
}

int
nb_expand(const char *in, char *out, size_t size, int status,
    const char **err)
{
	size_t n = 0;
	int squote = 0, dquote = 0;

	for (; *in; in++) {
		if (*in == '\'' && !dquote)
			squote = !squote;
		else if (*in == '"' && !squote)
			dquote = !dquote;
		if (!squote && in[0] == '$' && in[1] == '?') {
			char digits[12];
			int d = 0;
			unsigned v = status < 0 ? 0 : (unsigned)status;

			do {
				digits[d++] = (char)('0' + v % 10);
				v /= 10;
			} while (v);
			while (d > 0) {
				if (put(out, size, &n, digits[--d]) != 0)
					goto too_long;
			}
			in++;
			continue;
		}
		if (put(out, size, &n, *in) != 0)
			goto too_long;
	}
	out[n] = '\0';
	return 0;
too_long:
	*err = "line too long";
	return -1;
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
