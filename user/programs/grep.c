/*
 * grep [-c] [-F] [-i] [-n] [-q] [-v] pattern [file...]: the lines that
 * match (or with -v do not), from each file or from standard input.
 * -c counts them instead, -n numbers them, -q prints nothing and stops at
 * the first, -F takes the pattern as a fixed string, -i ignores case.
 * Exit status as POSIX says: 0 a line was selected, 1 none, 2 an error.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grep_match.h"

struct options {
	int count, fixed, icase, number, quiet, invert;
	int names;		/* more than one file: "name:" before lines */
};

static struct gm_pattern pattern;

/* Reads a line of any length into *buf (no '\n'); its length, or -1. */
static long
read_line(FILE *f, char **buf, size_t *cap)
{
	size_t n = 0;
	int ch;

	while ((ch = getc(f)) != EOF && ch != '\n') {
		if (n + 1 >= *cap) {
			size_t bigger = *cap ? 2 * *cap : 256;
			char *p = realloc(*buf, bigger);

			if (!p)
				return -2;
			*buf = p;
			*cap = bigger;
		}
		(*buf)[n++] = (char)ch;
	}
	if (ch == EOF && n == 0)
		return -1;
	return (long)n;
}

/* The lines of one file selected; -1 when it could not all be read. */
static long
grep(FILE *f, const char *name, const struct options *o)
{
	static char *line;
	static size_t cap;
	long len, selected = 0, lineno = 0;

	while ((len = read_line(f, &line, &cap)) >= 0) {
		lineno++;
		if (gm_match(&pattern, line, (size_t)len) == o->invert)
			continue;
		selected++;
		if (o->quiet)
			return selected;
		if (o->count)
			continue;
		if (o->names)
			printf("%s:", name);
		if (o->number)
			printf("%ld:", lineno);
		fwrite(line, 1, (size_t)len, stdout);
		putchar('\n');
	}
	if (len == -2 || ferror(f)) {
		fprintf(stderr, "grep: %s: %s\n", name,
		    len == -2 ? "line too long for memory" : strerror(errno));
		return -1;
	}
	if (o->count) {
		if (o->names)
			printf("%s:", name);
		printf("%ld\n", selected);
	}
	return selected;
}

static int
usage(void)
{
	fprintf(stderr, "usage: grep [-cFinqv] pattern [file...]\n");
	return 2;
}

static int
parse_flags(int argc, char **argv, struct options *o)
{
	int i = 1;

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (strcmp(argv[i], "--") == 0)
			return i + 1;
		for (const char *f = argv[i] + 1; *f; f++) {
			switch (*f) {
			case 'c': o->count = 1; break;
			case 'F': o->fixed = 1; break;
			case 'i': o->icase = 1; break;
			case 'n': o->number = 1; break;
			case 'q': o->quiet = 1; break;
			case 'v': o->invert = 1; break;
			default:
				fprintf(stderr, "grep: unknown option -%c\n", *f);
				return -1;
			}
		}
	}
	return i;
}

int
main(int argc, char **argv)
{
	struct options o = { 0 };
	const char *err;
	int first, status = 1, errors = 0;

	first = parse_flags(argc, argv, &o);
	if (first < 0 || first >= argc)
		return usage();
	if (gm_compile(&pattern, argv[first], o.fixed, o.icase, &err) != 0) {
		fprintf(stderr, "grep: %s: %s\n", argv[first], err);
		return 2;
	}
	first++;
	o.names = argc - first > 1;
	if (first == argc) {
		long r = grep(stdin, "(standard input)", &o);

		return r > 0 ? 0 : r < 0 ? 2 : 1;
	}
	for (int i = first; i < argc; i++) {
		FILE *f = fopen(argv[i], "r");
		long r;

		if (!f) {
			fprintf(stderr, "grep: %s: %s\n", argv[i], strerror(errno));
			errors = 1;
			continue;
		}
		r = grep(f, argv[i], &o);
		fclose(f);
		if (r > 0)
			status = 0;
		if (r > 0 && o.quiet)
			return 0;
		errors |= r < 0;
	}
	return errors ? 2 : status;
}
