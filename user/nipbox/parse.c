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
			return -1;
		}
		argv[argc++] = w;
		if (word(&r, &w, err) != 0)
			return -1;
		/* The terminator may overwrite the blank we stopped at. */
		if (*r)
			r++;
		*w++ = '\0';
	}
	argv[argc] = NULL;
	return argc;
}
