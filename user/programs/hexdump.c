/* hexdump file...: offset, 16 bytes in hex, and the printable ones. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

static void
line(unsigned long off, const unsigned char *b, size_t n)
{
	printf("%08lx ", off);
	for (size_t i = 0; i < 16; i++) {
		if (i == 8)
			putchar(' ');
		if (i < n)
			printf(" %02x", b[i]);
		else
			printf("   ");
	}
	printf("  |");
	for (size_t i = 0; i < n; i++)
		putchar(isprint(b[i]) ? b[i] : '.');
	printf("|\n");
}

static void
dump(FILE *f)
{
	unsigned char b[16];
	unsigned long off = 0;
	size_t n;

	while ((n = fread(b, 1, sizeof(b), f)) > 0) {
		line(off, b, n);
		off += n;
	}
	printf("%08lx\n", off);
}

int
main(int argc, char **argv)
{
	int status = 0;

	if (argc < 2)
		dump(stdin);
	for (int i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "r");

		if (!f) {
			fprintf(stderr, "hexdump: %s: %s\n", argv[i],
			    strerror(errno));
			status = 1;
			continue;
		}
		dump(f);
		fclose(f);
	}
	return status;
}
