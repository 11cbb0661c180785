/* fopen, fgets, fseek and ftell over a file of the archive. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

int
main(int argc, char **argv)
{
	char line[256];
	int n = 0;
	FILE *f = fopen(argc > 1 ? argv[1] : "data/lines.txt", "r");

	if (!f)
		return printf("fopen: %s\n", strerror(errno)), 1;
	while (fgets(line, sizeof(line), f))
		if (n++ < 3)
			printf("line %d: %s", n, line);
	printf("%d lines, %ld bytes\n", n, ftell(f));
	fseek(f, -10, SEEK_END);
	printf("last 10: [%s]\n", fgets(line, sizeof(line), f) ? line : "");
	fseek(f, 7, SEEK_SET);
	printf("at 7: %c, ftell %ld\n", fgetc(f), ftell(f));
	fclose(f);
	f = fopen("data/nope", "r");
	printf("missing: %s\n", f ? "opened?!" : strerror(errno));
	return 0;
}
