/*
 * SipHash's compression loop with the Zbb rotate (rori): a SipRound is 14
 * instructions instead of 26, and the provenance tags are most of what a
 * command costs.  The kernel uses it only when the device tree says the
 * hart has Zbb, and after checking it against the portable loop in
 * libs/siphash.c (hal_cpu_features in cpu.c).
 *
 * void siphash_compress_zbb(uint64_t v[4], const uint64_t *m, size_t n)
 * absorbs n words: v3 ^= m, two SipRounds, v0 ^= m, for each.
 */
	.option push
	.option arch, +zbb

/* v0..v3 in t0..t3; rotl(x, b) is rori(x, 64 - b). */
.macro sipround
	add	t0, t0, t1
	rori	t1, t1, 51
	xor	t1, t1, t0
	rori	t0, t0, 32
	add	t2, t2, t3
	rori	t3, t3, 48
	xor	t3, t3, t2
	add	t0, t0, t3
	rori	t3, t3, 43
	xor	t3, t3, t0
	add	t2, t2, t1
	rori	t1, t1, 47
	xor	t1, t1, t2
	rori	t2, t2, 32
.endm

/* Absorbs the word in \m: v3 ^= m, two SipRounds, v0 ^= m. */
.macro absorb m
	xor	t3, t3, \m
	sipround
	sipround
	xor	t0, t0, \m
.endm

	.section .text
	.balign 4
	.globl siphash_compress_zbb
siphash_compress_zbb:
	ld	t0, 0(a0)
	ld	t1, 8(a0)
	ld	t2, 16(a0)
	ld	t3, 24(a0)
	srli	t6, a2, 1		/* pairs of words, two a turn */
	beqz	t6, 2f
1:	ld	t4, 0(a1)
	ld	t5, 8(a1)
	absorb	t4
	absorb	t5
	addi	a1, a1, 16
	addi	t6, t6, -1
	bnez	t6, 1b
2:	andi	a2, a2, 1		/* and the odd one */
	beqz	a2, 3f
	ld	t4, 0(a1)
	absorb	t4
3:	sd	t0, 0(a0)
	sd	t1, 8(a0)
	sd	t2, 16(a0)
	sd	t3, 24(a0)
	ret

	.option pop
