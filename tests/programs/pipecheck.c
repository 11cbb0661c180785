/*
 * Pipes and spawn actions from a native program, for the end-to-end
 * tests (tests/e2e/test_pipes.py).  Each mode prints one line per check:
 *   pipecheck epipe      a write with no reader left: EPIPE
 *   pipecheck eof        a reader whose writer is killed: EOF
 *   pipecheck big N      N bytes from a child through a pipe, checksummed
 *   pipecheck atomic     two writers of 4096-byte blocks: never mixed
 *   pipecheck nonblock   O_NONBLOCK: EAGAIN empty and full, 64 KiB held
 *   pipecheck actions    garbage descriptor actions: each refused
 *   pipecheck foreground fg|plain
 *                        starts `tty fg` (a Linux program asking whether
 *                        it has the terminal) with NX_EXEC_FOREGROUND or
 *                        without, and reads its answer before waiting
 *   pipecheck produce N  (child) N bytes of the pattern to descriptor 1
 *   pipecheck block C    (child) 16 blocks of 4096 bytes of C
 *   pipecheck sleep      (child) sleeps until killed
 *   pipecheck spin       spins until killed
 *   pipecheck keyspin    waits for a line (so for being the foreground),
 *                        says so on descriptor 2 and spins
 */
#include <string.h>

#include "libnexus.h"

#define SELF	"/bin/pipecheck"
#define BLOCK	4096
#define CHUNK	65536

static unsigned char buf[CHUNK];

static unsigned long
number(const char *s)
{
	unsigned long n = 0;

	while (*s >= '0' && *s <= '9')
		n = n * 10 + (unsigned long)(*s++ - '0');
	return n;
}

static void
utoa(char *out, unsigned long n)
{
	char tmp[24];
	int k = 0;

	do
		tmp[k++] = (char)('0' + n % 10);
	while ((n /= 10) != 0);
	while (k)
		*out++ = tmp[--k];
	*out = '\0';
}

static unsigned char
pattern(unsigned long i)
{
	return (unsigned char)(i * 7 + i / 251);
}

/* Starts `pipecheck <mode> <arg>` with descriptor 1 the pipe's write
 * end (and the pipe closed otherwise). */
static long
child(int fds[2], const char *mode, const char *arg)
{
	char *argv[] = { "pipecheck", (char *)mode, (char *)arg, NULL };
	NxSpawnAction a[3] = {
		{ .op = NX_SPAWN_DUP2, .fd = 1, .src = fds[1] },
		{ .op = NX_SPAWN_CLOSE, .fd = fds[0] },
		{ .op = NX_SPAWN_CLOSE, .fd = fds[1] },
	};
	char why[128];
	long id = nx_spawn(SELF, argv, NULL, a, 3, 0, 0, why, sizeof(why));

	if (id < 0)
		nx_printf("spawn: %s (%s)\n", nx_strerror(id), why);
	return id;
}

static int
check_epipe(void)
{
	int fds[2];
	long r = nx_pipe(fds, 0);

	if (r < 0)
		return nx_printf("pipe: %s\n", nx_strerror(r)), 1;
	nx_close(fds[0]);
	r = nx_fwrite(fds[1], "x", 1);
	nx_printf("write with no reader: %s\n", nx_strerror(r));
	nx_close(fds[1]);
	return r != NX_EPIPE;
}

static int
check_eof(void)
{
	NxWaitArgs w;
	int fds[2];
	long id, r;

	nx_pipe(fds, 0);
	id = child(fds, "sleep", "");
	nx_close(fds[1]);
	if (id < 0)
		return 1;
	nx_kill((uint32_t)id);
	r = nx_fread(fds[0], buf, 1);
	nx_wait((uint32_t)id, &w);
	nx_printf("read after the writer was killed: %ld\n", r);
	nx_close(fds[0]);
	return r != 0;
}

static int
produce(unsigned long n)
{
	for (unsigned long at = 0; at < n;) {
		unsigned long k = n - at < CHUNK ? n - at : CHUNK;
		long r;

		for (unsigned long i = 0; i < k; i++)
			buf[i] = pattern(at + i);
		r = nx_fwrite(1, buf, k);
		if (r <= 0)
			return 1;
		at += (unsigned long)r;
	}
	return 0;
}

static int
check_big(unsigned long n)
{
	unsigned long got = 0, bad = 0;
	NxWaitArgs w;
	int fds[2];
	long id, r;
	char arg[24];

	nx_pipe(fds, 0);
	utoa(arg, n);
	id = child(fds, "produce", arg);
	nx_close(fds[1]);
	while ((r = nx_fread(fds[0], buf, sizeof(buf))) > 0) {
		for (long i = 0; i < r; i++)
			bad += buf[i] != pattern(got + (unsigned long)i);
		got += (unsigned long)r;
	}
	nx_close(fds[0]);
	nx_wait((uint32_t)id, &w);
	nx_printf("big: %lu bytes, %lu wrong, writer status %d\n", got, bad,
	    w.status);
	return got != n || bad || w.status;
}

static int
check_atomic(void)
{
	unsigned long got = 0, mixed = 0, count[2] = { 0, 0 };
	NxWaitArgs w;
	int fds[2];
	long a, b, r;

	nx_pipe(fds, 0);
	a = child(fds, "block", "A");
	b = child(fds, "block", "B");
	nx_close(fds[1]);
	/* Whole blocks: a write is whole, so every block is one letter. */
	for (;;) {
		unsigned long have = 0;

		/* Reads of 1000 bytes, so a writer meets a pipe whose
		 * room is no whole number of blocks. */
		while (have < BLOCK && (r = nx_fread(fds[0], buf + have,
		    BLOCK - have < 1000 ? BLOCK - have : 1000)) > 0) {
			have += (unsigned long)r;
			nx_yield();	/* the writers find that room */
		}
		if (have == 0)
			break;
		for (unsigned long i = 0; i < have; i++)
			mixed += buf[i] != buf[0];
		count[buf[0] == 'B']++;
		got += have;
	}
	nx_close(fds[0]);
	nx_wait((uint32_t)a, &w);
	nx_wait((uint32_t)b, &w);
	nx_printf("atomic: %lu bytes, %lu A blocks, %lu B blocks, %lu mixed\n",
	    got, count[0], count[1], mixed);
	return got != 32ul * BLOCK || mixed;
}

static int
blocks(const char *letter)
{
	memset(buf, letter[0], BLOCK);
	for (int i = 0; i < 16; i++) {
		if (nx_fwrite(1, buf, BLOCK) != BLOCK)
			return 1;
		nx_yield();	/* let the other writer in between */
	}
	return 0;
}

static int
check_nonblock(void)
{
	unsigned long held = 0;
	int fds[2];
	long r, empty;

	nx_pipe(fds, NX_O_NONBLOCK);
	empty = nx_fread(fds[0], buf, 1);
	while ((r = nx_fwrite(fds[1], buf, BLOCK)) == BLOCK)
		held += BLOCK;
	nx_printf("nonblock: empty read %s, %lu bytes held, then %s\n",
	    nx_strerror(empty), held, nx_strerror(r));
	nx_close(fds[0]);
	nx_close(fds[1]);
	return empty != NX_EAGAIN || r != NX_EAGAIN || held < CHUNK;
}

/* One hostile spawn: the answer it got, and whether it was `want`. */
static int
refused(const char *what, const NxSpawnAction *a, uint32_t n, uint32_t job,
    long want)
{
	char *argv[] = { "hello", NULL };
	char why[128];
	long r = nx_spawn("/bin/hello", argv, NULL, a, n, job, 0, why,
	    sizeof(why));

	nx_printf("%s: %s (%s)\n", what, nx_strerror(r), why);
	if (r > 0) {
		NxWaitArgs w;

		nx_wait((uint32_t)r, &w);
	}
	return r != want;
}

static int
check_actions(void)
{
	NxSpawnAction a[NX_SPAWN_MAX_ACTIONS + 1];
	const NxSpawnAction *wild = (const NxSpawnAction *)0x7fffe000;
	NxSubjectInfo ps[16];
	NxMemStat before, after;
	long subjects = nx_ps(ps, 16);
	int bad = 0;

	nx_mem_stat(&before);
	memset(a, 0, sizeof(a));
	for (int i = 0; i <= NX_SPAWN_MAX_ACTIONS; i++)
		a[i] = (NxSpawnAction){ .op = NX_SPAWN_CLOSE, .fd = 9 };
	bad |= refused("17 actions", a, NX_SPAWN_MAX_ACTIONS + 1, 0,
	    NX_EINVAL);
	bad |= refused("4 billion actions", a, 0xffffffffu, 0, NX_EINVAL);
	bad |= refused("actions at a wild pointer", wild, 2, 0, NX_EFAULT);
	bad |= refused("actions at null", NULL, 1, 0, NX_EFAULT);
	a[1] = (NxSpawnAction){ .op = 9, .fd = 1 };
	bad |= refused("unknown op", a, 2, 0, NX_EINVAL);
	a[1] = (NxSpawnAction){ .op = NX_SPAWN_CLOSE, .fd = -1 };
	bad |= refused("negative fd", a, 2, 0, NX_EINVAL);
	a[1] = (NxSpawnAction){ .op = NX_SPAWN_DUP2, .fd = 1, .src = 4096 };
	bad |= refused("source out of range", a, 2, 0, NX_EINVAL);
	a[1] = (NxSpawnAction){ .op = NX_SPAWN_CLOSE, .fd = 1, .reserved = 1 };
	bad |= refused("reserved set", a, 2, 0, NX_EINVAL);
	a[1] = (NxSpawnAction){ .op = NX_SPAWN_DUP2, .fd = 1, .src = 200 };
	bad |= refused("dup2 of a closed descriptor", a, 2, 0, NX_EBADF);
	a[1] = (NxSpawnAction){ .op = NX_SPAWN_OPEN, .fd = 0,
	    .path = 0x7fffe000 };
	bad |= refused("open of a wild path", a, 2, 0, NX_EFAULT);
	a[1].path = (uintptr_t)"/no/such/file";
	bad |= refused("open of a missing file", a, 2, 0, NX_ENOENT);
	a[1] = (NxSpawnAction){ .op = NX_SPAWN_OPEN, .fd = 3,
	    .path = (uintptr_t)"/bin", .flags = NX_O_WRONLY };
	bad |= refused("open of a directory for writing", a, 2, 0, NX_EISDIR);
	bad |= refused("a job that is not a child's", NULL, 0, 1, NX_ESRCH);
	nx_mem_stat(&after);
	nx_printf("actions: %s, %ld Subjects before, %ld after, %ld pages "
	    "not back\n", bad ? "WRONG" : "all refused", subjects,
	    nx_ps(ps, 16), (long)(before.free + before.cached - after.free -
	    after.cached));
	return bad || before.free + before.cached != after.free + after.cached ||
	    nx_ps(ps, 16) != subjects;
}

/* The child answers while this program reads a pipe, not waiting: only
 * NX_EXEC_FOREGROUND gives it the terminal at once. */
static int
check_foreground(const char *how)
{
	char *argv[] = { "tty", "fg", NULL };
	uint32_t flags = strcmp(how, "fg") == 0 ? NX_EXEC_FOREGROUND : 0;
	char why[128], answer[64];
	NxWaitArgs w;
	int fds[2];
	long id, n = 0, r;
	NxSpawnAction a = { .op = NX_SPAWN_DUP2, .fd = 1 };

	/* Close-on-exec: the child keeps only the copy the action makes. */
	if (nx_pipe(fds, NX_O_CLOEXEC) < 0)
		return 1;
	a.src = fds[1];
	id = nx_spawn("/bin/tty", argv, NULL, &a, 1, 0, flags, why,
	    sizeof(why));
	nx_close(fds[1]);
	if (id < 0) {
		nx_printf("spawn: %s (%s)\n", nx_strerror(id), why);
		return 1;
	}
	while (n < (long)sizeof(answer) - 1 &&
	    (r = nx_fread(fds[0], answer + n, sizeof(answer) - 1 - n)) > 0)
		n += r;
	answer[n] = '\0';
	nx_close(fds[0]);
	nx_wait((uint32_t)id, &w);
	nx_printf("%s: %s", how, answer);
	return 0;
}

int
main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";
	const char *arg = argc > 2 ? argv[2] : "";

	if (strcmp(mode, "epipe") == 0)
		return check_epipe();
	if (strcmp(mode, "eof") == 0)
		return check_eof();
	if (strcmp(mode, "big") == 0)
		return check_big(number(arg));
	if (strcmp(mode, "atomic") == 0)
		return check_atomic();
	if (strcmp(mode, "nonblock") == 0)
		return check_nonblock();
	if (strcmp(mode, "actions") == 0)
		return check_actions();
	if (strcmp(mode, "foreground") == 0)
		return check_foreground(arg);
	if (strcmp(mode, "produce") == 0)
		return produce(number(arg));
	if (strcmp(mode, "block") == 0)
		return blocks(arg);
	if (strcmp(mode, "sleep") == 0) {
		for (;;)
			nx_call(CMD_TIME_SLEEP, 1000000000ull);
	}
	if (strcmp(mode, "keyspin") == 0) {
		char c;

		nx_read(&c, 1);
		nx_fwrite(2, "pipecheck: spinning\n", 20);
		mode = "spin";
	}
	if (strcmp(mode, "spin") == 0) {
		for (volatile unsigned long i = 0;; i++)
			;
	}
	nx_print("usage: pipecheck epipe|eof|big N|atomic|nonblock|actions\n");
	return 2;
}
