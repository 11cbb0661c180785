/*
 * mremap of anonymous mappings: shrinking, growing in place and moved,
 * MREMAP_FIXED, contents kept, Linux's errors, realloc of a large block
 * (glibc grows an mmap'd chunk with mremap), and a move of pages a
 * fork's child shares.  Addresses differ between kernels, so only
 * where a mapping went relative to where it was is printed.  The lengths
 * qemu-riscv64 answers differently from Linux are in edges.c.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define PG	4096ul

static void *
map(size_t len, int prot)
{
	void *p = mmap(NULL, len, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED) {
		perror("mmap");
		exit(1);
	}
	return p;
}

/* The result of an mremap that should fail: its errno's name. */
static const char *
err(void *p)
{
	return p == MAP_FAILED ? strerrorname_np(errno) : "succeeded";
}

static void
fill(char *p, size_t len, unsigned seed)
{
	for (size_t i = 0; i < len; i++)
		p[i] = (char)(seed + i * 7 + i / PG);
}

static int
same(const char *p, size_t len, unsigned seed)
{
	for (size_t i = 0; i < len; i++) {
		if (p[i] != (char)(seed + i * 7 + i / PG))
			return 0;
	}
	return 1;
}

static int
zero(const char *p, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (p[i])
			return 0;
	}
	return 1;
}

static void
grow_and_shrink(void)
{
	char *p = map(16 * PG, PROT_READ | PROT_WRITE), *q, *r;

	/* A hole after the first four pages: room to grow there only. */
	munmap(p + 4 * PG, 12 * PG);
	fill(p, 4 * PG, 1);
	q = mremap(p, 4 * PG, 8 * PG, 0);
	printf("grow in place: %s, kept %d, new pages zero %d\n",
	    q == p ? "same address" : err(q), same(p, 4 * PG, 1),
	    zero(p + 4 * PG, 4 * PG));
	p[8 * PG - 1] = 1;
	/* Something right after it: it cannot grow without moving. */
	r = mmap(p + 8 * PG, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS |
	    MAP_FIXED, -1, 0);
	printf("blocked: %s\n", r == p + 8 * PG ? "yes" : "no");
	printf("grow blocked, no MAYMOVE: %s\n",
	    err(mremap(p, 8 * PG, 16 * PG, 0)));
	q = mremap(p, 8 * PG, 16 * PG, MREMAP_MAYMOVE);
	printf("grow with MAYMOVE: %s, kept %d, new pages zero %d\n",
	    q == MAP_FAILED ? err(q) : q == p ? "not moved" : "moved",
	    same(q, 4 * PG, 1), zero(q + 8 * PG, 8 * PG));
	q[16 * PG - 1] = 2;
	printf("old range gone: %s\n", err(mremap(p, PG, 2 * PG, 0)));
	p = mremap(q, 16 * PG, 2 * PG, 0);
	printf("shrink: %s, kept %d\n", p == q ? "same address" : err(p),
	    same(p, 2 * PG, 1));
	printf("shrunk tail gone: %s\n",
	    err(mremap(q + 2 * PG, PG, 2 * PG, 0)));
	printf("same size: %s\n", mremap(p, 2 * PG, 2 * PG, 0) == p ? "same" :
	    "moved");
	munmap(p, 2 * PG);
	munmap(r, PG);
}

static void
fixed(void)
{
	char *p = map(4 * PG, PROT_READ | PROT_WRITE);
	char *dst = map(8 * PG, PROT_READ | PROT_WRITE), *q;

	fill(p, 4 * PG, 9);
	memset(dst, 0x77, 8 * PG);
	q = mremap(p, 4 * PG, 6 * PG, MREMAP_MAYMOVE | MREMAP_FIXED, dst);
	printf("fixed: %s, kept %d, tail zero %d, rest kept %d\n",
	    q == dst ? "at new_addr" : err(q), same(dst, 4 * PG, 9),
	    zero(dst + 4 * PG, 2 * PG), dst[7 * PG] == 0x77);
	printf("fixed overlapping: %s\n", err(mremap(dst, 2 * PG, 2 * PG,
	    MREMAP_MAYMOVE | MREMAP_FIXED, dst + PG)));
	printf("fixed unaligned new_addr: %s\n", err(mremap(dst, PG, PG,
	    MREMAP_MAYMOVE | MREMAP_FIXED, p + 1)));
	printf("fixed without MAYMOVE: %s\n", err(mremap(dst, PG, PG,
	    MREMAP_FIXED, p)));
	q = mremap(dst, 6 * PG, 2 * PG, MREMAP_MAYMOVE | MREMAP_FIXED, p);
	printf("fixed shrinking: %s, kept %d, old gone %s\n",
	    q == p ? "at new_addr" : err(q), same(p, 2 * PG, 9),
	    err(mremap(dst, PG, 2 * PG, 0)));
	munmap(p, 2 * PG);
	munmap(dst, 8 * PG);
}

static void
errors(void)
{
	char *p = map(4 * PG, PROT_READ | PROT_WRITE);

	printf("unaligned old: %s\n", err(mremap(p + 1, PG, 2 * PG,
	    MREMAP_MAYMOVE)));
	printf("bad flags: %s\n", err(mremap(p, PG, 2 * PG, 0x80)));
	printf("not mapped: %s\n", err(mremap(p + 8 * PG, PG, 2 * PG,
	    MREMAP_MAYMOVE)));
	printf("past the mapping: %s\n", err(mremap(p, 5 * PG, 6 * PG,
	    MREMAP_MAYMOVE)));
	munmap(p, 4 * PG);
}

/* glibc serves a large block with its own mapping and grows it with
 * mremap(MREMAP_MAYMOVE). */
static void
realloc_large(void)
{
	size_t from = 1ul << 20, to = 8ul << 20;
	char *p = malloc(from);

	fill(p, from, 5);
	p = realloc(p, to);
	if (!p)
		return (void)printf("realloc: %s\n", strerrorname_np(errno));
	memset(p + from, 0x33, to - from);
	printf("realloc 1 MiB to 8 MiB: kept %d, end %d\n", same(p, from, 5),
	    p[to - 1] == 0x33);
	free(p);
}

/* Moved pages a child shares stay copy-on-write on both sides: each
 * moves its copy and writes to it while the other still maps the pages.
 * The mapping is a page longer than the range moved, so that the range
 * cannot grow where it is. */
static void
shared_with_child(void)
{
	size_t len = 8 * PG;
	char *p = map(len + PG, PROT_READ | PROT_WRITE), *q, c;
	int status, go[2];
	pid_t pid;

	fill(p, len, 3);
	if (pipe(go))
		return perror("pipe");
	pid = fork();
	if (pid == 0) {
		if (read(go[0], &c, 1) != 1 || !same(p, len, 3))
			_exit(1);
		q = mremap(p, len, 2 * len, MREMAP_MAYMOVE);
		if (q == MAP_FAILED || q == p || !same(q, len, 3))
			_exit(2);
		memset(q, 0x11, 2 * len);
		_exit(q[len - 1] == 0x11 ? 0 : 3);
	}
	q = mremap(p, len, 2 * len, MREMAP_MAYMOVE);
	printf("parent moved: %s, kept %d\n", q == MAP_FAILED ? err(q) :
	    q == p ? "not moved" : "moved", same(q, len, 3));
	memset(q, 0x22, len);
	if (write(go[1], "g", 1) != 1)
		return perror("write");
	waitpid(pid, &status, 0);
	printf("child saw its own copy, moved and wrote it: exit %d\n",
	    WEXITSTATUS(status));
	printf("parent's pages its own: %d\n", q[0] == 0x22 &&
	    q[len - 1] == 0x22 && zero(q + len, len));
	munmap(q, 2 * len);
	munmap(p + len, PG);
	close(go[0]);
	close(go[1]);
}

int
main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	grow_and_shrink();
	fixed();
	errors();
	realloc_large();
	shared_with_child();
	return 0;
}
