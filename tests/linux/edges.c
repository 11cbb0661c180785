/*
 * Lengths and sizes at their edges, where rounding to a page wraps or a
 * signed size is negative.  Linux's answers are the reference: the test
 * compares this program's output under qemu-riscv64 and under rumpk.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

static void
said(const char *what, long r)
{
	if (r < 0)
		printf("%s: %s\n", what, strerrorname_np(errno));
	else
		printf("%s: %ld\n", what, r);
}

int
main(void)
{
	char buf[64];
	char *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	long brk0 = syscall(SYS_brk, 0);

	said("readlinkat size 0", syscall(SYS_readlinkat, AT_FDCWD,
	    "data/link", buf, 0));
	said("readlinkat size -1", syscall(SYS_readlinkat, AT_FDCWD,
	    "data/link", buf, -1));
	said("readlinkat size -4096", syscall(SYS_readlinkat, AT_FDCWD,
	    "data/link", buf, -4096));
	said("readlinkat size 3", syscall(SYS_readlinkat, AT_FDCWD,
	    "data/link", buf, 3));
	said("munmap len -1", syscall(SYS_munmap, p, (size_t)-1));
	said("munmap len -4095", syscall(SYS_munmap, p, (size_t)-4095));
	said("munmap len 0", syscall(SYS_munmap, p, 0));
	p[0] = 1;	/* still mapped after all that */
	said("mprotect len -1", syscall(SYS_mprotect, p, (size_t)-1,
	    PROT_READ));
	said("mprotect len 0", syscall(SYS_mprotect, p, 0, PROT_READ));
	said("mmap len -1", (long)syscall(SYS_mmap, NULL, (size_t)-1,
	    PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
	said("mmap len -4095", (long)syscall(SYS_mmap, NULL, (size_t)-4095,
	    PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
	said("mmap len 0", (long)syscall(SYS_mmap, NULL, 0, PROT_READ,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
	said("mmap fixed wrapping", (long)syscall(SYS_mmap,
	    (void *)-4096l, 8192, PROT_READ,
	    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0));
	said("mremap new size 0", (long)syscall(SYS_mremap, p, 4096, 0,
	    MREMAP_MAYMOVE));
	said("mremap new size -1", (long)syscall(SYS_mremap, p, 4096,
	    (size_t)-1, MREMAP_MAYMOVE));
	said("mremap old size 0", (long)syscall(SYS_mremap, p, 0, 8192,
	    MREMAP_MAYMOVE));
	printf("brk -1 keeps the break: %s\n",
	    syscall(SYS_brk, -1l) == brk0 ? "yes" : "no");
	printf("brk -4095 keeps the break: %s\n",
	    syscall(SYS_brk, -4095l) == brk0 ? "yes" : "no");
	said("munmap", munmap(p, 4096));
	return 0;
}
