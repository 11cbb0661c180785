/*
 * The limit on what a Linux program's heap and mappings hold together.
 * prlimit64 reports it as RLIMIT_AS and RLIMIT_DATA; mappings of 4 MiB,
 * each touched, must fail with ENOMEM within one mapping of it (the heap
 * holds a little too); the mappings count: the heap cannot grow past the
 * limit then; and the heap counts: once it has grown close to the limit, a
 * mapping that would pass it fails.  Run on rumpk only: under
 * Linux the limit is whatever the shell set.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

#define CHUNK	(4ul << 20)

static void *maps[64];

int
main(void)
{
	struct rlimit as, data;
	size_t n = 0, mapped;
	char *heap;

	if (getrlimit(RLIMIT_AS, &as) || getrlimit(RLIMIT_DATA, &data))
		return perror("getrlimit"), 1;
	printf("RLIMIT_AS %lu MiB, max %lu MiB\n", as.rlim_cur >> 20,
	    as.rlim_max >> 20);
	printf("RLIMIT_DATA %lu MiB, max %lu MiB\n", data.rlim_cur >> 20,
	    data.rlim_max >> 20);
	while (n < sizeof(maps) / sizeof(maps[0])) {
		char *p = mmap(NULL, CHUNK, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (p == MAP_FAILED)
			break;
		memset(p, 0x5a, CHUNK);
		maps[n++] = p;
	}
	mapped = n * CHUNK;
	printf("mappings stopped by %s\n", n == 64 ? "nothing" :
	    strerrorname_np(errno));
	printf("within one mapping of the limit: %s\n", mapped <= as.rlim_cur &&
	    mapped + CHUNK > as.rlim_cur - (1ul << 20) ? "yes" : "no");
	printf("heap growing past the limit: %s\n",
	    sbrk((intptr_t)CHUNK) == (void *)-1 ? strerrorname_np(errno) :
	    "allowed");
	while (n > 0)
		munmap(maps[--n], CHUNK);

	/* The heap and the mappings share the limit. */
	heap = sbrk((intptr_t)(as.rlim_cur - CHUNK / 2));
	if (heap == (void *)-1)
		return perror("sbrk"), 1;
	heap[0] = 1;
	printf("mapping past the heap: %s\n", mmap(NULL, CHUNK, PROT_READ,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED ?
	    strerrorname_np(errno) : "allowed");
	printf("mapping beside the heap: %s\n", mmap(NULL, CHUNK / 4,
	    PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED ?
	    strerrorname_np(errno) : "allowed");
	return 0;
}
