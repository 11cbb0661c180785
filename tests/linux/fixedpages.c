/*
 * A hostile Linux program against the pages rumpk maps at the top of every
 * address space: the packet slabs, the rings and the read-only SysTable.
 * mprotect, munmap and mmap(MAP_FIXED) must all refuse them, and the
 * SysTable must be as it was and still read-only afterwards: the program
 * ends by writing to it ("write") or jumping into a slab ("exec"), and
 * must be killed for it.  Its own pages stay its to change.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#define SLABS		0x7ffe0000ul	/* 4 pages */
#define RINGS		0x7fff0000ul	/* 4 pages */
#define SYSTABLE	0x7ffff000ul
#define PAGE		4096ul

static void
said(const char *what, int failed)
{
	printf("%s: %s\n", what, failed ? strerrorname_np(errno) : "allowed");
}

static void
protect(const char *what, uintptr_t at, size_t len, int prot)
{
	said(what, mprotect((void *)at, len, prot) != 0);
}

static void
unmap(const char *what, uintptr_t at, size_t len)
{
	said(what, munmap((void *)at, len) != 0);
}

static void
map_over(const char *what, uintptr_t at, size_t len, int prot)
{
	void *p = mmap((void *)at, len, prot,
	    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);

	said(what, p == MAP_FAILED);
}

static uint32_t
magic(void)
{
	return *(volatile uint32_t *)SYSTABLE;
}

int
main(int argc, char **argv)
{
	uint32_t before = magic();
	char *own;

	protect("mprotect systable rw", SYSTABLE, PAGE, PROT_READ | PROT_WRITE);
	protect("mprotect systable none", SYSTABLE, PAGE, PROT_NONE);
	protect("mprotect rings rx", RINGS, 4 * PAGE, PROT_READ | PROT_EXEC);
	protect("mprotect rings r", RINGS, PAGE, PROT_READ);
	protect("mprotect slabs rx", SLABS, 4 * PAGE, PROT_READ | PROT_EXEC);
	protect("mprotect stack to systable", 0x7fdff000ul,
	    SYSTABLE + PAGE - 0x7fdff000ul, PROT_READ | PROT_WRITE);
	unmap("munmap systable", SYSTABLE, PAGE);
	unmap("munmap rings", RINGS, 4 * PAGE);
	unmap("munmap slabs", SLABS, PAGE);
	unmap("munmap heap top to user top", 0x70000000ul, 0x10000000ul);
	map_over("mmap fixed systable", SYSTABLE, PAGE, PROT_READ | PROT_WRITE);
	/* PROT_NONE maps nothing yet: only the address check can refuse. */
	map_over("mmap fixed systable none", SYSTABLE, PAGE, PROT_NONE);
	map_over("mmap fixed rings", RINGS, PAGE, PROT_READ);
	map_over("mmap fixed slabs", SLABS, 4 * PAGE, PROT_READ | PROT_WRITE);

	own = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	said("mmap own", own == MAP_FAILED);
	own[0] = 1;
	protect("mprotect own r", (uintptr_t)own, PAGE, PROT_READ);
	protect("mprotect own rx", (uintptr_t)own, PAGE, PROT_READ | PROT_EXEC);
	unmap("munmap own", (uintptr_t)own, 2 * PAGE);

	printf("systable magic %s\n", magic() == before && before ==
	    0x4E585553u ? "unchanged" : "CHANGED");
	fflush(stdout);
	if (argc > 1 && strcmp(argv[1], "write") == 0)
		*(volatile uint32_t *)SYSTABLE = 0;
	if (argc > 1 && strcmp(argv[1], "exec") == 0)
		((void (*)(void))SLABS)();
	printf("still here\n");
	return 0;
}
