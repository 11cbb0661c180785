/*
 * The doorbell is a call: the registers a call must keep (s0-s11, and gp
 * and tp) survive it on each of the kernel's ways back (an empty
 * doorbell, a batch, a yield, a sleep, and a wait while a child, holding
 * other values in the same registers, runs), and those it may change
 * (a1-a7, t0-t6) come back zero, holding nothing of the kernel's.  The
 * doorbell is rung from assembly with the values in place, since C code
 * around it would save and restore them.
 *   regcheck        every case, one line each:
 *                   "regcheck: CASE: N changed, M leaked"
 *   regcheck child  the same registers held across its own doorbells
 */
#include <string.h>

#include "libnexus.h"

uint64_t ring_holding(uint64_t want, uint64_t seed);

/*
 * ring_holding(want, seed): s0..s11 = seed + 0..11, gp = seed + 12,
 * tp = seed + 13, a1-a6 and t0-t6 = seed + 14..26, then the doorbell
 * asking for `want`; returns how many of s0-s11, gp and tp changed, plus
 * 256 times how many of a1-a7 and t0-t6 came back other than zero.
 * Saves and restores what it must for its caller.
 */
__asm__(
    "	.text\n"
    "	.globl ring_holding\n"
    "ring_holding:\n"
    "	addi sp, sp, -144\n"
    "	sd ra, 0(sp)\n	sd gp, 8(sp)\n	sd tp, 16(sp)\n"
    "	sd s0, 24(sp)\n	sd s1, 32(sp)\n	sd s2, 40(sp)\n	sd s3, 48(sp)\n"
    "	sd s4, 56(sp)\n	sd s5, 64(sp)\n	sd s6, 72(sp)\n	sd s7, 80(sp)\n"
    "	sd s8, 88(sp)\n	sd s9, 96(sp)\n	sd s10, 104(sp)\n	sd s11, 112(sp)\n"
    "	sd a1, 120(sp)\n"
    "	addi s0, a1, 0\n	addi s1, a1, 1\n	addi s2, a1, 2\n"
    "	addi s3, a1, 3\n	addi s4, a1, 4\n	addi s5, a1, 5\n"
    "	addi s6, a1, 6\n	addi s7, a1, 7\n	addi s8, a1, 8\n"
    "	addi s9, a1, 9\n	addi s10, a1, 10\n	addi s11, a1, 11\n"
    "	addi gp, a1, 12\n	addi tp, a1, 13\n"
    "	addi a2, a1, 15\n	addi a3, a1, 16\n	addi a4, a1, 17\n"
    "	addi a5, a1, 18\n	addi a6, a1, 19\n	addi t0, a1, 20\n"
    "	addi t1, a1, 21\n	addi t2, a1, 22\n	addi t3, a1, 23\n"
    "	addi t4, a1, 24\n	addi t5, a1, 25\n	addi t6, a1, 26\n"
    "	addi a1, a1, 14\n"
    "	li a7, 0x4e58\n"
    "	ecall\n"
    "	li a0, 0\n"
    "	snez a1, a1\n	add a0, a0, a1\n"
    "	snez a2, a2\n	add a0, a0, a2\n"
    "	snez a3, a3\n	add a0, a0, a3\n"
    "	snez a4, a4\n	add a0, a0, a4\n"
    "	snez a5, a5\n	add a0, a0, a5\n"
    "	snez a6, a6\n	add a0, a0, a6\n"
    "	snez a7, a7\n	add a0, a0, a7\n"
    "	snez t0, t0\n	add a0, a0, t0\n"
    "	snez t1, t1\n	add a0, a0, t1\n"
    "	snez t2, t2\n	add a0, a0, t2\n"
    "	snez t3, t3\n	add a0, a0, t3\n"
    "	snez t4, t4\n	add a0, a0, t4\n"
    "	snez t5, t5\n	add a0, a0, t5\n"
    "	snez t6, t6\n	add a0, a0, t6\n"
    "	sd a0, 128(sp)\n"
    "	ld a1, 120(sp)\n"
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
    "1:	ld t0, 128(sp)\n	slli t0, t0, 8\n	add a0, a0, t0\n"
    "	ld ra, 0(sp)\n	ld gp, 8(sp)\n	ld tp, 16(sp)\n"
    "	ld s0, 24(sp)\n	ld s1, 32(sp)\n	ld s2, 40(sp)\n	ld s3, 48(sp)\n"
    "	ld s4, 56(sp)\n	ld s5, 64(sp)\n	ld s6, 72(sp)\n	ld s7, 80(sp)\n"
    "	ld s8, 88(sp)\n	ld s9, 96(sp)\n	ld s10, 104(sp)\n	ld s11, 112(sp)\n"
    "	addi sp, sp, 144\n"
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
	uint64_t r = ring(want, seed);

	nx_printf("regcheck: %s: %lu changed, %lu leaked\n", name,
	    (unsigned long)(r & 0xff), (unsigned long)(r >> 8));
}

int
main(int argc, char **argv)
{
	char *child[] = { "/bin/regcheck", "child", NULL };
	NxWaitArgs w;
	long id;

	if (argc > 1 && strcmp(argv[1], "child") == 0) {
		uint64_t changed = 0, leaked = 0;

		for (int i = 0; i < 50; i++) {
			uint64_t r;

			nx_submit(CMD_SYS_YIELD, 0);
			r = ring(1, 0x5000 + (uint64_t)i);
			changed += r & 0xff;
			leaked += r >> 8;
		}
		nx_printf("regcheck: child: %lu changed, %lu leaked\n",
		    (unsigned long)changed, (unsigned long)leaked);
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
