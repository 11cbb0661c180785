/* readdir of a directory, names sorted (file systems order them freely). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int
cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
main(int argc, char **argv)
{
	char *names[256];
	int n = 0;
	struct dirent *e;
	DIR *d = opendir(argc > 1 ? argv[1] : "data");

	if (!d)
		return perror("opendir"), 1;
	while ((e = readdir(d)) && n < 256)
		names[n++] = strdup(e->d_name);
	closedir(d);
	qsort(names, (size_t)n, sizeof(names[0]), cmp);
	for (int i = 0; i < n; i++)
		printf("%s\n", names[i]);
	return 0;
}
