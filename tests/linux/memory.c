/* malloc and free of many sizes, qsort of 200 000 integers, and what
 * sysinfo says of memory (only whether it adds up: the numbers differ). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysinfo.h>

static int
cmp(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

int
main(void)
{
	enum { N = 200000 };
	int *v = malloc(N * sizeof(*v));
	unsigned x = 12345, sum = 0;
	void *keep[64];
	struct sysinfo si;

	for (int i = 0; i < N; i++) {
		x = x * 1103515245u + 12345u;
		v[i] = (int)(x >> 4);
	}
	qsort(v, N, sizeof(*v), cmp);
	for (int i = 1; i < N; i++)
		if (v[i - 1] > v[i])
			return printf("not sorted at %d\n", i), 1;
	printf("sorted: first %d, middle %d, last %d\n", v[0], v[N / 2],
	    v[N - 1]);
	free(v);
	for (int round = 0; round < 4; round++) {
		for (int i = 0; i < 64; i++) {
			size_t n = (size_t)1 << (i % 21);

			keep[i] = malloc(n);
			memset(keep[i], i, n);
			sum += ((unsigned char *)keep[i])[n - 1];
		}
		for (int i = 63; i >= 0; i--)
			free(keep[i]);
	}
	printf("many sizes: sum %u\n", sum);
	if (sysinfo(&si) != 0)
		return printf("sysinfo failed\n"), 1;
	printf("sysinfo: %s\n", si.mem_unit > 0 && si.totalram > 0 &&
	    si.freeram + si.bufferram <= si.totalram ? "adds up" : "wrong");
	return 0;
}
