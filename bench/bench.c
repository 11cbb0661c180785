/*
 * The benchmark program, driven by bench/run.py from the NipBox prompt.
 *
 *   bench -p time|cycle|instret	read one counter CSR from U-mode and
 *					print it (a trap ends the program)
 *   bench -u|-t|-i ROUNDS		run every benchmark ROUNDS times
 *   bench -x BENCHMARK N		run one benchmark N times, untimed
 *					(for bench/profile.py)
 *   bench -e				echo: copy descriptor 0 to 1 a byte
 *					at a time, until the end (pipe_pingpong's
 *					partner)
 *   bench -s				sink: read descriptor 0 until its end
 *					(pipe_bw's partner)
 *
 * The option says how an interval is measured:
 *   -u	CMD_TIME_UPTIME, nanoseconds (100 ns steps on QEMU virt).  Under
 *	-icount shift=0 one guest instruction is one nanosecond, so this
 *	then counts instructions, in steps of 100.
 *   -t	rdtime from U-mode, converted to nanoseconds
 *   -i	rdinstret from U-mode: retired instructions, exact under -icount
 *
 * The command lines are short on purpose: bench/run.py types one before
 * the kernel has booted, and it must fit the UART's 16-byte FIFO.
 *
 * Each measurement is printed as one line
 *	@ <name> <round> <operations> <interval>
 * and the driver does the arithmetic.  "empty" is an interval with nothing
 * in it: the cost of reading the clock, which the driver subtracts.
 *
 * Provenance tags are computed after the doorbell returns: when the kernel
 * is idle, when the log is read, or before a batch leaves the log's ring
 * of 256 entries.  A benchmark of commands that could run without end
 * would reach the last case and pay for every tag inside its loop, which
 * is not the cost a command sees.  So those run in chunks of fewer
 * commands than the ring frees before it must tag (240): each chunk
 * starts with every tag computed (a receipt asked for, untimed), and the
 * tags of the chunk are then computed by asking again, timed on their
 * own and reported as "<name>_tags" (less what asking costs with nothing
 * to tag).  The two together are all the work the commands cause.
 */
#include <string.h>

#include "libnexus.h"

#define BATCH		64	/* commands per doorbell in batch64 */
#define CHUNK		4096	/* bytes per read */
#define PIPE_CHUNK	65536	/* bytes per pipe write */

static const char *data_path = "/data/4MiB";
static const char *true_path = "/bin/true";
static const char *bench_path = "/bin/bench";

enum clock { CLK_UPTIME, CLK_TIME, CLK_INSTRET };

static enum clock clk;
static uint8_t chunk[CHUNK];
static uint8_t pipe_chunk[PIPE_CHUNK];

static uint64_t
rd_time(void)
{
	uint64_t v;

	__asm__ volatile("rdtime %0" : "=r"(v));
	return v;
}

static uint64_t
rd_cycle(void)
{
	uint64_t v;

	__asm__ volatile("rdcycle %0" : "=r"(v));
	return v;
}

static uint64_t
rd_instret(void)
{
	uint64_t v;

	__asm__ volatile("rdinstret %0" : "=r"(v));
	return v;
}

static uint64_t
now(void)
{
	uint64_t t, hz;

	switch (clk) {
	case CLK_TIME:
		t = rd_time();
		hz = nx_systable()->timebase_hz;
		return t / hz * 1000000000ull + t % hz * 1000000000ull / hz;
	case CLK_INSTRET:
		return rd_instret();
	default:
		return (uint64_t)nx_uptime_ns();
	}
}

/* `what` follows the name: "" for the operations, "_tags" for their
 * tags computed later. */
static void
report(const char *name, const char *what, unsigned round, uint64_t ops,
    uint64_t interval)
{
	nx_printf("@ %s%s %u %lu %lu\n", name, what, round,
	    (unsigned long)ops, (unsigned long)interval);
}

/*
 * The benchmarks.  Each does `n` of its operations and returns how many
 * units it did (doorbells, commands, programs, bytes), or -1.
 */

/* Nothing at all: the interval is the cost of reading the clock. */
static int64_t
empty(unsigned n)
{
	(void)n;
	return 1;
}

/* The doorbell with nothing queued: trap in, nothing to do, trap out. */
static int64_t
doorbell(unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		nx_doorbell(0);
	return n;
}

/* One no-op command: queue it, ring, read its completion. */
static int64_t
null_cmd(unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		if (nx_call(CMD_SYS_NOOP, 0) != 0) {
			nx_print("bench: CMD_SYS_NOOP failed\n");
			return -1;
		}
	}
	return n;
}

/* A full command ring per doorbell. */
static int64_t
batch64(unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		for (unsigned j = 0; j < BATCH; j++)
			nx_submit(CMD_SYS_NOOP, 0);
		if (nx_flush() != 0) {
			nx_print("bench: batch of no-ops failed\n");
			return -1;
		}
	}
	return (int64_t)n * BATCH;
}

/* Start a program that exits at once, and wait for it. */
static int64_t
spawn_wait(unsigned n)
{
	char *argv[] = { "true", NULL };
	char why[128];

	for (unsigned i = 0; i < n; i++) {
		NxWaitArgs w;
		long id = nx_exec(true_path, argv, NULL, 0, why, sizeof(why));

		if (id < 0) {
			nx_printf("bench: %s: %s %s\n", true_path,
			    nx_strerror(id), why);
			return -1;
		}
		if (nx_wait((uint32_t)id, &w) != id ||
		    w.how != NX_WAIT_EXITED || w.status != 0) {
			nx_printf("bench: %s did not exit cleanly\n",
			    true_path);
			return -1;
		}
	}
	return n;
}

/* `n` reads of 4 KiB from the data file, kept open from one call to the
 * next and read again from the start at its end (a seek, once in 1024
 * reads). */
static int64_t
read_file(unsigned n)
{
	static long fd = -1;
	int64_t bytes = 0;
	long r;

	if (fd < 0 && (fd = nx_open(data_path, NX_O_RDONLY)) < 0) {
		nx_printf("bench: %s: %s\n", data_path, nx_strerror(fd));
		return -1;
	}
	while (n > 0) {
		r = nx_fread(fd, chunk, sizeof(chunk));
		if (r < 0) {
			nx_printf("bench: %s: %s\n", data_path,
			    nx_strerror(r));
			return -1;
		}
		if (r == 0 && nx_seek(fd, 0, NX_SEEK_SET) != 0)
			return -1;
		bytes += r;
		n -= r > 0;
	}
	return bytes;
}

/*
 * Starts `bench <mode>` with descriptor 0 reading `in` and descriptor 1
 * writing `out` (-1: its own), and closes both ends here.  Its id, or -1.
 */
static long
partner(const char *mode, int in, int out)
{
	char *argv[] = { "bench", (char *)mode, NULL };
	NxSpawnAction act[2];
	uint32_t n = 0;
	char why[128];
	long id;

	act[n++] = (NxSpawnAction){ .op = NX_SPAWN_DUP2, .fd = 0, .src = in };
	if (out >= 0)
		act[n++] = (NxSpawnAction){ .op = NX_SPAWN_DUP2, .fd = 1,
		    .src = out };
	id = nx_spawn(bench_path, argv, NULL, act, n, 0, 0, why, sizeof(why));
	nx_close(in);
	if (out >= 0)
		nx_close(out);
	if (id < 0)
		nx_printf("bench: %s %s: %s %s\n", bench_path, mode,
		    nx_strerror(id), why);
	return id;
}

/* Waits for partner `id`, which must end with status 0. */
static int
partner_done(long id)
{
	NxWaitArgs w;

	if (nx_wait((uint32_t)id, &w) != id || w.how != NX_WAIT_EXITED ||
	    w.status != 0) {
		nx_print("bench: the partner did not exit cleanly\n");
		return -1;
	}
	return 0;
}

/* One byte to another Subject through a pipe and one back, `n` times;
 * the partner's start and end included (as spawn_wait shows, small). */
static int64_t
pipe_pingpong(unsigned n)
{
	int there[2], back[2];
	uint8_t b = 'x';
	long id;

	if (nx_pipe(there, NX_O_CLOEXEC) < 0 ||
	    nx_pipe(back, NX_O_CLOEXEC) < 0) {
		nx_print("bench: no pipe\n");
		return -1;
	}
	id = partner("-e", there[0], back[1]);
	if (id < 0)
		return -1;
	for (unsigned i = 0; i < n; i++) {
		if (nx_fwrite(there[1], &b, 1) != 1 ||
		    nx_fread(back[0], &b, 1) != 1) {
			nx_print("bench: the echo broke off\n");
			return -1;
		}
	}
	nx_close(there[1]);
	nx_close(back[0]);
	return partner_done(id) < 0 ? -1 : (int64_t)n;
}

/* `n` writes of 64 KiB into a pipe another Subject drains. */
static int64_t
pipe_bw(unsigned n)
{
	int p[2];
	long id;

	if (nx_pipe(p, NX_O_CLOEXEC) < 0) {
		nx_print("bench: no pipe\n");
		return -1;
	}
	id = partner("-s", p[0], -1);
	if (id < 0)
		return -1;
	for (unsigned i = 0; i < n; i++) {
		if (nx_fwrite(p[1], pipe_chunk, PIPE_CHUNK) != PIPE_CHUNK) {
			nx_print("bench: a pipe write fell short\n");
			return -1;
		}
	}
	nx_close(p[1]);
	return partner_done(id) < 0 ? -1 : (int64_t)n * PIPE_CHUNK;
}

/* The partners: the other end of pipe_pingpong and pipe_bw. */
static int
echo(void)
{
	uint8_t b;
	long r;

	while ((r = nx_fread(0, &b, 1)) == 1) {
		if (nx_fwrite(1, &b, 1) != 1)
			return 1;
	}
	return r == 0 ? 0 : 1;
}

static int
sink(void)
{
	long r;

	while ((r = nx_fread(0, pipe_chunk, PIPE_CHUNK)) > 0)
		;
	return r == 0 ? 0 : 1;
}

/* A 4 MiB file written in 4 KiB writes, `n` times: made, written,
 * closed and removed each time, so every page is taken and given back. */
static int64_t
write_file(unsigned n)
{
	int64_t bytes = 0;
	long fd, r;

	for (unsigned i = 0; i < n; i++) {
		fd = nx_open("/bench.w", NX_O_WRONLY | NX_O_CREAT | NX_O_TRUNC);
		if (fd < 0) {
			nx_printf("bench: /bench.w: %s\n", nx_strerror(fd));
			return -1;
		}
		for (int k = 0; k < 1024; k++) {
			r = nx_fwrite(fd, chunk, sizeof(chunk));
			if (r != (long)sizeof(chunk)) {
				nx_printf("bench: write: %s\n",
				    nx_strerror(r < 0 ? r : NX_ENOSPC));
				return -1;
			}
			bytes += r;
		}
		nx_close(fd);
		nx_unlink("/bench.w");
	}
	return bytes;
}

/* create + write 100 bytes + close + unlink of a small file, `n` times. */
static int64_t
small_file(unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		long fd = nx_open("/bench.s", NX_O_WRONLY | NX_O_CREAT |
		    NX_O_EXCL);

		if (fd < 0 || nx_fwrite(fd, chunk, 100) != 100) {
			nx_printf("bench: /bench.s: %s\n", nx_strerror(fd));
			return -1;
		}
		nx_close(fd);
		if (nx_unlink("/bench.s") != 0)
			return -1;
	}
	return n;
}

static const struct bench {
	const char *name;
	int64_t (*run)(unsigned n);
	unsigned n;		/* operations in one round */
	unsigned chunk;		/* operations between tags (0: no chunks) */
} benches[] = {
	{ "empty", empty, 1, 0 },
	{ "doorbell", doorbell, 20000, 0 },
	{ "null_cmd", null_cmd, 10000, 200 },
	{ "batch64", batch64, 200, 3 },
	{ "spawn_wait", spawn_wait, 50, 10 },
	{ "read", read_file, 1024, 200 },
	{ "pipe_pingpong", pipe_pingpong, 2000, 0 },
	{ "pipe_bw", pipe_bw, 64, 0 },
	{ "write", write_file, 1, 0 },
	{ "small_file", small_file, 200, 0 },
};

#define NBENCH	(sizeof(benches) / sizeof(benches[0]))

/* Has every tag waiting computed: asking for a receipt does (the entry
 * asked for need not exist). */
static void
tag_all(void)
{
	NxAuditEntry e;

	nx_receipt(0, &e);
}

/* The interval of tag_all with nothing to tag. */
static uint64_t
tag_nothing(void)
{
	uint64_t t0, t1;

	tag_all();
	t0 = now();
	tag_all();
	t1 = now();
	return t1 - t0;
}

/*
 * One round of benchmark `b` in chunks (see the top): the commands'
 * interval goes to `*work`, that of computing their tags to `*tags`.
 * The units done, or -1.
 */
static int64_t
chunked(const struct bench *b, uint64_t *work, uint64_t *tags)
{
	uint64_t nothing = tag_nothing(), t0, t1;
	int64_t units = 0, u;

	*work = *tags = 0;
	for (unsigned done = 0; done < b->n; done += b->chunk) {
		unsigned k = b->n - done < b->chunk ? b->n - done : b->chunk;

		tag_all();
		t0 = now();
		u = b->run(k);
		t1 = now();
		if (u < 0)
			return -1;
		units += u;
		*work += t1 - t0;
		t0 = now();
		tag_all();
		t1 = now();
		*tags += t1 - t0 > nothing ? t1 - t0 - nothing : 0;
	}
	return units;
}

static int
run(unsigned rounds)
{
	for (unsigned r = 0; r < rounds; r++) {
		for (const struct bench *b = benches; b < benches + NBENCH;
		    b++) {
			uint64_t t0, work, tags = 0;
			int64_t units;

			if (b->chunk) {
				units = chunked(b, &work, &tags);
			} else {
				t0 = now();
				units = b->run(b->n);
				work = now() - t0;
			}
			if (units < 0)
				return 1;
			report(b->name, "", r, (uint64_t)units, work);
			if (b->chunk)
				report(b->name, "_tags", r, (uint64_t)units,
				    tags);
		}
	}
	nx_print("bench: done\n");
	return 0;
}

/* One benchmark `n` times with no clock at all, for bench/profile.py. */
static int
exercise(const char *name, unsigned n)
{
	for (unsigned i = 0; i < NBENCH; i++) {
		if (strcmp(benches[i].name, name) == 0)
			return benches[i].run(n) < 0;
	}
	nx_printf("bench: no benchmark %s\n", name);
	return 2;
}

static int
probe(const char *what)
{
	uint64_t v;

	if (strcmp(what, "time") == 0)
		v = rd_time();
	else if (strcmp(what, "cycle") == 0)
		v = rd_cycle();
	else if (strcmp(what, "instret") == 0)
		v = rd_instret();
	else {
		nx_printf("bench: no counter %s\n", what);
		return 2;
	}
	nx_printf("bench: probe %s ok %lu\n", what, (unsigned long)v);
	return 0;
}

static unsigned
number(const char *s)
{
	unsigned v = 0;

	while (*s >= '0' && *s <= '9')
		v = v * 10 + (unsigned)(*s++ - '0');
	return v;
}

int
main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "-p") == 0)
		return probe(argv[2]);
	if (argc == 2 && strcmp(argv[1], "-e") == 0)
		return echo();
	if (argc == 2 && strcmp(argv[1], "-s") == 0)
		return sink();
	if (argc == 4 && strcmp(argv[1], "-x") == 0)
		return exercise(argv[2], number(argv[3]));
	if (argc == 3 && strcmp(argv[1], "-u") == 0)
		clk = CLK_UPTIME;
	else if (argc == 3 && strcmp(argv[1], "-t") == 0)
		clk = CLK_TIME;
	else if (argc == 3 && strcmp(argv[1], "-i") == 0)
		clk = CLK_INSTRET;
	else {
		nx_print("usage: bench -p time|cycle|instret\n"
		    "       bench -u|-t|-i ROUNDS\n"
		    "       bench -x BENCHMARK N\n"
		    "       bench -e|-s\n");
		return 2;
	}
	return run(number(argv[2]));
}
