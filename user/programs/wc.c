/* wc: lines, words and bytes of each file (or of standard input). */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

struct counts {
	unsigned long lines, words, bytes;
};

static void
count(FILE *f, struct counts *c)
{
	int ch, in_word = 0;

	while ((ch = getc(f)) != EOF) {
		c->bytes++;
		if (ch == '\n')
			c->lines++;
		if (isspace(ch))
			in_word = 0;
		else if (!in_word) {
			in_word = 1;
			c->words++;
		}
	}
}

static void
show(const struct counts *c, const char *name)
{
	printf("%7lu %7lu %7lu%s%s\n", c->lines, c->words, c->bytes,
	    name ? " " : "", name ? name : "");
}

int
main(int argc, char **argv)
{
	struct counts total = { 0, 0, 0 };
	int status = 0;

	if (argc < 2) {
		count(stdin, &total);
		show(&total, NULL);
		return 0;
	}
	for (int i = 1; i < argc; i++) {
		struct counts c = { 0, 0, 0 };
		FILE *f = fopen(argv[i], "r");

		if (!f) {
			fprintf(stderr, "wc: %s: %s\n", argv[i], strerror(errno));
			status = 1;
			continue;
		}
		count(f, &c);
		fclose(f);
		show(&c, argv[i]);
		total.lines += c.lines;
		total.words += c.words;
		total.bytes += c.bytes;
	}
	if (argc > 2)
		show(&total, "total");
	return status;
}
