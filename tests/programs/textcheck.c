/*
 * Shared program pages, for the end-to-end tests.  Every Subject running
 * this file maps the same physical pages for its read-only segments.
 *   textcheck          sums its read-only segments, asks the kernel to
 *                      write into them (a file read, a stat: each must
 *                      fail with NX_EFAULT), runs a copy of itself that
 *                      writes to its own text (it must be killed), then
 *                      one that must find the same sum, and sums again
 *   textcheck poke     writes to its own text
 *   textcheck same S   exits 0 if its read-only segments sum to S
 */
#include <string.h>

#include "libnexus.h"

/* user/user.ld puts the ELF header and program headers at the start of
 * the text segment. */
#define IMAGE	0x10000ul
#define PT_LOAD	1u
#define PF_W	2u

struct phdr {
	uint32_t type, flags;
	uint64_t offset, vaddr, paddr, filesz, memsz, align;
};

/* FNV-1a over every byte of the segments without W. */
static uint32_t
text_sum(void)
{
	uint64_t phoff = *(const uint64_t *)(IMAGE + 32);
	uint16_t phnum = *(const uint16_t *)(IMAGE + 56);
	const struct phdr *ph = (const struct phdr *)(IMAGE + phoff);
	uint32_t h = 2166136261u;

	for (unsigned i = 0; i < phnum; i++) {
		const uint8_t *p = (const uint8_t *)ph[i].vaddr;

		if (ph[i].type != PT_LOAD || (ph[i].flags & PF_W))
			continue;
		for (uint64_t j = 0; j < ph[i].memsz; j++)
			h = (h ^ p[j]) * 16777619u;
	}
	return h;
}

/* Never run: its bytes are only a target the kernel must not write. */
static void __attribute__((noinline))
text_target(void)
{
	nx_print("textcheck: text_target ran\n");
}

static const char rodata_target[64] = "the kernel must not write here";

/* How one request to write into read-only memory ended: 0 if refused. */
static int
refused(const char *what, long r)
{
	if (r == NX_EFAULT) {
		nx_printf("textcheck: %s: %s\n", what, nx_strerror(r));
		return 0;
	}
	nx_printf("textcheck: %s: got %ld, want %ld\n", what, r,
	    (long)NX_EFAULT);
	return 1;
}

/*
 * The kernel writes into the program's memory only where the program may
 * write: never into its text or rodata, whose pages every Subject running
 * this file shares.  0 if every request is refused.
 */
static int
kernel_writes(void)
{
	long fd = nx_open("/bin/textcheck", 0);
	int bad = 0;

	if (fd < 0) {
		nx_printf("textcheck: open: %s\n", nx_strerror(fd));
		return 1;
	}
	bad += refused("read into its text", nx_fread(fd,
	    (void *)(uintptr_t)text_target, 16));
	bad += refused("read into its rodata", nx_fread(fd,
	    (void *)(uintptr_t)rodata_target, sizeof(rodata_target)));
	bad += refused("stat into its text", nx_ion_stat(
	    (NxIonStat *)(uintptr_t)text_target));
	nx_close(fd);
	return bad;
}

static unsigned
hex(const char *s)
{
	unsigned v = 0;

	for (; *s; s++)
		v = v * 16 + (unsigned)(*s <= '9' ? *s - '0' : *s - 'a' + 10);
	return v;
}

/* Runs this program with `argv`; how it ended, or 0 if it did not start. */
static uint32_t
run(char **argv, NxWaitArgs *w)
{
	char why[128];
	long id = nx_exec("/bin/textcheck", argv, NULL, 0, why, sizeof(why));

	if (id < 0) {
		nx_printf("textcheck: %s\n", nx_strerror(id));
		return 0;
	}
	if (nx_wait((uint32_t)id, w) != id)
		return 0;
	return w->how;
}

static int
check(void)
{
	uint32_t sum = text_sum();
	char arg[9], *poke[] = { "/bin/textcheck", "poke", NULL };
	char *same[] = { "/bin/textcheck", "same", arg, NULL };
	NxWaitArgs w;
	int bad;

	for (int i = 0; i < 8; i++)
		arg[i] = "0123456789abcdef"[(sum >> (28 - 4 * i)) & 15];
	arg[8] = '\0';
	/* On: whatever the kernel wrote, the sums below must catch it too. */
	bad = kernel_writes();
	if (run(poke, &w) != NX_WAIT_FAULTED) {
		nx_print("textcheck: the write to text was not stopped\n");
		return 1;
	}
	if (run(same, &w) != NX_WAIT_EXITED || w.status != 0) {
		nx_print("textcheck: the copy saw other text\n");
		return 1;
	}
	if (text_sum() != sum) {
		nx_print("textcheck: the text changed\n");
		return 1;
	}
	nx_printf("textcheck: text unchanged, sum %s\n", arg);
	return bad;
}

int
main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "poke") == 0) {
		*(volatile uint32_t *)(uintptr_t)main = 0;
		return 1;
	}
	if (argc > 2 && strcmp(argv[1], "same") == 0)
		return text_sum() == hex(argv[2]) ? 0 : 1;
	return check();
}
