/*
 * Flattened device tree parsing: pure, bytes in, facts out.  Everything the
 * kernel needs from the tree QEMU (and OpenSBI) hand over, read in one walk
 * with every offset bounds-checked, so a damaged blob is an error, not a
 * crash.
 */
#ifndef RUMPK_FDT_H
#define RUMPK_FDT_H

#include <stddef.h>
#include <stdint.h>

#define FDT_MAX_RANGES 16

struct fdt_range {
	uint64_t base;
	uint64_t size;
};

struct fdt_info {
	uint32_t total_size;
	struct fdt_range mem[FDT_MAX_RANGES];
	int nmem;
	struct fdt_range reserved[FDT_MAX_RANGES];	/* incl. /memreserve/ */
	int nreserved;
	int has_initrd;
	uint64_t initrd_start;
	uint64_t initrd_end;
	const char *bootargs;		/* points into the blob, or NULL */
	const uint8_t *rng_seed;	/* points into the blob, or NULL */
	uint32_t rng_seed_len;
	uint64_t uart_base;
	uint32_t uart_irq;
	uint64_t plic_base;
	uint64_t test_base;		/* sifive,test0 finisher, or 0 */
	uint64_t rtc_base;		/* google,goldfish-rtc, or 0 */
	uint64_t timebase_hz;
	const char *isa;		/* first cpu's riscv,isa, or NULL */
	const char *isa_ext;		/* its riscv,isa-extensions list */
	uint32_t isa_ext_len;
};

/* Size the header claims, or 0 when `blob` is no FDT.  `avail` bounds what
 * may be read of the header. */
uint32_t fdt_total_size(const void *blob, size_t avail);

/* Parses `blob` of `size` bytes.  Returns NULL or the reason it failed. */
const char *fdt_parse(const void *blob, size_t size, struct fdt_info *out);

/* The first cpu has the multi-letter ISA extension `ext` ("zbb"), by its
 * riscv,isa string or its riscv,isa-extensions list. */
int fdt_isa_has(const struct fdt_info *o, const char *ext);

#endif
