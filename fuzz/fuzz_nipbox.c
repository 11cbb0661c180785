/*
 * libFuzzer target for NipBox's line parser (user/nipbox/parse.c).  The
 * input is a typed line (up to its first NUL).  It is expanded with
 * several statuses into buffers of ample, exact and one-too-small size,
 * then split with word limits from 1 to more than it can hold, the way
 * NipBox does.  Every buffer is allocated to its exact size, so ASan sees
 * any write past it; the results must agree with each other, and words
 * quoted back and split again must come out the same.
 */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "user/nipbox/parse.h"

#define NIPBOX_WORDS	64	/* MAX_WORDS in nipbox.h */
#define NIPBOX_LINE	1024	/* LINE_MAX in nipbox.h */

static char *
xmalloc(size_t n)
{
	char *p = malloc(n ? n : 1);

	if (!p)
		abort();
	return p;
}

static char *
dup_line(const char *s, size_t l)
{
	char *p = xmalloc(l + 1);

	memcpy(p, s, l);
	p[l] = '\0';
	return p;
}

/* Splits a copy of `line` with room for `max` argv slots. */
static int
split(const char *line, int max, char ***argvp, char **bufp,
    const char **err)
{
	size_t l = strlen(line);
	char *buf = dup_line(line, l);
	char **argv = (char **)xmalloc((size_t)max * sizeof(*argv));
	int argc;

	*err = NULL;
	argc = nb_split(buf, argv, max, err);
	if (argc < 0) {
		if (!*err || (strcmp(*err, "unterminated quote") &&
		    strcmp(*err, "too many words")))
			abort();
	} else {
		/* Words in order inside the line, each ended in it. */
		const char *min = buf;

		if (argc > max - 1 || argv[argc] != NULL)
			abort();
		for (int i = 0; i < argc; i++) {
			size_t wl;

			if (argv[i] < min || argv[i] > buf + l)
				abort();
			wl = strnlen(argv[i], (size_t)(buf + l - argv[i]) + 1);
			if (argv[i] + wl > buf + l)
				abort();
			min = argv[i] + wl + 1;
		}
	}
	*argvp = argv;
	*bufp = buf;
	return argc;
}

/* Quotes each word in '...' (a ' as '\'') and joins them with blanks. */
static char *
requote(char **argv, int argc)
{
	size_t n = 1;
	char *line, *w;

	for (int i = 0; i < argc; i++)
		n += 4 * strlen(argv[i]) + 3;
	w = line = xmalloc(n);
	for (int i = 0; i < argc; i++) {
		*w++ = '\'';
		for (const char *s = argv[i]; *s; s++) {
			if (*s == '\'') {
				memcpy(w, "'\\''", 4);
				w += 4;
			} else
				*w++ = *s;
		}
		*w++ = '\'';
		*w++ = ' ';
	}
	*w = '\0';
	return line;
}

static void
check_split(const char *line)
{
	static const int limits[] = { 1, 2, 4, NIPBOX_WORDS };
	size_t l = strlen(line);
	int all = (int)(l / 2 + 2);	/* more words than `line` can hold */
	char **argv, *buf, *again;
	const char *err;
	int argc;

	argc = split(line, all, &argv, &buf, &err);
	if (argc < 0 && strcmp(err, "unterminated quote"))
		abort();
	for (size_t k = 0; k < sizeof(limits) / sizeof(limits[0]); k++) {
		char **av, *b;
		const char *e;
		int ac = split(line, limits[k], &av, &b, &e);

		/* Fewer slots: the same words, or too many of them. */
		if (argc >= 0 && argc < limits[k] &&
		    (ac != argc || memcmp(b, buf, l + 1) != 0))
			abort();
		if (argc >= limits[k] &&
		    (ac >= 0 || strcmp(e, "too many words") != 0))
			abort();
		if (argc < 0 && ac >= 0)
			abort();
		free(av);
		free(b);
	}
	if (argc >= 0) {
		char **av, *b;
		const char *e;
		int ac;

		again = requote(argv, argc);
		ac = split(again, all + argc, &av, &b, &e);
		if (ac != argc)
			abort();
		for (int i = 0; i < argc; i++) {
			if (strcmp(av[i], argv[i]) != 0)
				abort();
		}
		free(av);
		free(b);
		free(again);
	}
	free(argv);
	free(buf);
}

/* Expands `line`; checks the exact and one-short buffers; returns it. */
static char *
check_expand(const char *line, int status)
{
	size_t l = strlen(line), big = 5 * l + 1, n;
	char *out = xmalloc(big), *exact, small[16];
	const char *err = NULL;

	/* "$?" becomes at most 10 digits: 5 bytes for each byte of input. */
	if (nb_expand(line, out, big, status, &err) != 0)
		abort();
	n = strlen(out);
	if (!strstr(line, "$?") && strcmp(out, line) != 0)
		abort();
	exact = xmalloc(n + 1);
	if (nb_expand(line, exact, n + 1, status, &err) != 0 ||
	    strcmp(exact, out) != 0)
		abort();
	free(exact);
	if (n > 0) {
		exact = xmalloc(n);
		err = NULL;
		if (nb_expand(line, exact, n, status, &err) == 0 || !err)
			abort();
		free(exact);
	}
	if ((nb_expand(line, small, sizeof(small), status, &err) == 0) !=
	    (n < sizeof(small)))
		abort();
	return out;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int statuses[] = { 0, INT_MAX, -1 };
	char *line;

	/* NipBox's line editor stops there; longer lines only cost time. */
	if (size > NIPBOX_LINE - 1)
		size = NIPBOX_LINE - 1;
	line = dup_line((const char *)data, size);

	check_split(line);
	for (size_t i = 0; i < sizeof(statuses) / sizeof(statuses[0]); i++) {
		char *out = check_expand(line, statuses[i]);

		check_split(out);
		free(out);
	}
	free(line);
	return 0;
}
