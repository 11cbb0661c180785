/*
 * Memory pressure, for the end-to-end tests:
 *   hog N   takes heap until the kernel says no (at most NX_HEAP_MAX), then
 *           runs `hog N-1` while holding it, so the last one finds the
 *           machine out of memory.
 */
#include "libnexus.h"

static unsigned
eat(int64_t *why)
{
	unsigned mib = 0;
	char *p;

	while ((intptr_t)(p = nx_sbrk(1 << 20)) > 0) {
		p[0] = 1;
		mib++;
	}
	*why = (intptr_t)p;
	return mib;
}

int
main(int argc, char **argv)
{
	unsigned n = argc > 1 ? (unsigned)(argv[1][0] - '0') : 1;
	char arg[2] = { (char)('0' + n - 1), '\0' };
	char *child[] = { "/bin/hog", arg, NULL };
	int64_t why;
	unsigned mib = eat(&why);
	NxWaitArgs w;
	long id;

	nx_printf("hog %u: %u MiB, then %s\n", n, mib, nx_strerror(why));
	if (n <= 1 || n > 9)
		return 0;
	id = nx_exec(child[0], child, NULL, 0, NULL, 0);
	if (id < 0 || nx_wait((uint32_t)id, &w) != id) {
		nx_printf("hog %u: %s\n", n, nx_strerror(id));
		return 1;
	}
	return 0;
}
