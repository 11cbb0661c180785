/*
 * The registers a call must keep (s0-s11, and gp and tp) survive the
 * doorbell on each of the kernel's ways back: an empty doorbell, a batch,
 * a yield, a sleep, and a wait while a child (holding other values in the
 * same registers) runs.  The doorbell is rung from assembly with the
 * values in place, since C code around it would save and restore them.
 *   regcheck        every case, one line each: "regcheck: CASE: N changed"
 *   regcheck child  the same registers held across its own doorbells
 */
#include <string.h>

#include "libnexus.h"

uint64_t ring_holding(uint64_t want, uint64_t seed);

/*
 * ring_holding(want, seed): s0..s11 = seed + 0..11, gp = seed + 12,
 * tp = seed + 13, then the doorbell asking for `want`; returns how many
 * of them changed.  Saves and restores all of them for its caller.
 */
__asm__(
    "	.text\n"
    "	.globl ring_holding\n"
    "ring_holding:\n"
    "	addi sp, sp, -128\n"
    "	sd ra, 0(sp)\n	sd gp, 8(sp)\n	sd tp, 16(sp)\n"
    "	sd s0, 24(sp)\n	sd s1, 32(sp)\n	sd s2, 40(sp)\n	sd s3, 48(sp)\n"
    "	sd s4, 56(sp)\n	sd s5, 64(sp)\n	sd s6, 72(sp)\n	sd s7, 80(sp)\n"
    "	sd s8, 88(sp)\n	sd s9, 96(sp)\n	sd s10, 104(sp)\n	sd s11, 112(sp)\n"
    "	addi s0, a1, 0\n	addi s1, a1, 1\n	addi s2, a1, 2\n"
    "	addi s3, a1, 3\n	addi s4, a1, 4\n	addi s5, a1, 5\n"
    "	addi s6, a1, 6\n	addi s7, a1, 7\n	addi s8, a1, 8\n"
    "	addi s9, a1, 9\n	addi s10, a1, 10\n	addi s11, a1, 11\n"
    "	addi gp, a1, 12\n	addi tp, a1, 13\n"
    "	li a7, 0x4e58\n"
    "	ecall\n"
    "	li a0, 0\n"
    "	addi t0, a1, 0\n	beq s0, t0, 1f\n	addi a0, a0, 1\n"
    "1:	addi t0, a1, 1\n	beq s1, t0, 1f\n	addi a0, a0, 1\n"
    "1:	addi t0, a1, 2\n	beq s2, t0, 1f\n	addi a0, a0, 1\n"
    "1:	addi t0, a1, 3\n	beq s3, t0, 1f\n	addi a0, a0, 1\n"
    "1:	addi t0, a1, 4\n	beq s4, t0, 1f\n	addi a0, a0, 1\n"
    "1:	addi t0, a1, 5\n	beq s5, t0, 1f\n	addi a0, a0, 1\n"
    "1:	addi t0, a1, 6\n	beq s6, t0, 1f\n	addi a0, a0, 1\n"
    "1:	addi t0, a1, 7\n	beq s7, t0, 1f\n	addi a0, a0, 1\n"
    "1:	addi t0, a1, 8\n	beq s8, t0, 1f\n	addi a0, a0, 1\n"
    "1:	addi t0, a1, 9\n	beq s9, t0, 1f\n	addi a0, a0, 1\n"
    "1:	addi t0, a1, 10\n	beq s10, t0, 1f\n	addi a0, a0, 1\n"
    "1:	addi t0, a1, 11\n	beq s11, t0, 1f\n	addi a0, a0, 1\n"
    "1:	addi t0, a1, 12\n	beq gp, t0, 1f\n	addi a0, a0, 1\n"
    "1:	addi t0, a1, 13\n	beq tp, t0, 1f\n	addi a0, a0, 1\n"
    "1:	ld ra, 0(sp)\n	ld gp, 8(sp)\n	ld tp, 16(sp)\n"
    "	ld s0, 24(sp)\n	ld s1, 32(sp)\n	ld s2, 40(sp)\n	ld s3, 48(sp)\n"
    "	ld s4, 56(sp)\n	ld s5, 64(sp)\n	ld s6, 72(sp)\n	ld s7, 80(sp)\n"
    "	ld s8, 88(sp)\n	ld s9, 96(sp)\n	ld s10, 104(sp)\n	ld s11, 112(sp)\n"
    "	addi sp, sp, 128\n"
    "	ret\n");

/* Rings with the commands queued so far, then collects them; returns
 * how many registers changed. */
static uint64_t
ring(uint64_t want, uint64_t seed)
{
	uint64_t changed;

	nx_publish();
	changed = ring_holding(want, seed);
	nx_flush();
	return changed;
}

static void
check(const char *name, uint64_t want, uint64_t seed)
{
	nx_printf("regcheck: %s: %lu changed\n", name,
	    (unsigned long)ring(want, seed));
}

int
main(int argc, char **argv)
{
	char *child[] = { "/bin/regcheck", "child", NULL };
	NxWaitArgs w;
	long id;

	if (argc > 1 && strcmp(argv[1], "child") == 0) {
		uint64_t changed = 0;

		for (int i = 0; i < 50; i++) {
			nx_submit(CMD_SYS_YIELD, 0);
			changed += ring(1, 0x5000 + (uint64_t)i);
		}
		nx_printf("regcheck: child: %lu changed\n",
		    (unsigned long)changed);
		return 0;
	}
	check("empty doorbell", 0, 0x1000);
	for (int i = 0; i < 5; i++)
		nx_submit(CMD_SYS_NOOP, 0);
	check("batch", 5, 0x2000);
	nx_submit(CMD_SYS_YIELD, 0);
	check("yield", 1, 0x3000);
	nx_submit(CMD_TIME_SLEEP, 20 * 1000 * 1000);
	check("sleep", 1, 0x4000);
	id = nx_exec("/bin/regcheck", child, NULL, 0, NULL, 0);
	if (id < 0) {
		nx_printf("regcheck: cannot start a child: %s\n",
		    nx_strerror(id));
		return 1;
	}
	memset(&w, 0, sizeof(w));
	w.id = (uint32_t)id;
	nx_submit(CMD_SYS_WAIT, (uintptr_t)&w);
	check("wait", 1, 0x6000);
	return 0;
}
