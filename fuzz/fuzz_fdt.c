/*
 * libFuzzer target for core/fdt.c.  The input is the blob as OpenSBI
 * would hand it over.  What fdt_parse() returns points into the blob, and
 * the kernel uses it as it stands, so a successful parse is checked: the
 * command line is a string inside the blob, the seed lies inside it, and
 * the range lists are within their bounds.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fdt.h"

static void
check_info(const uint8_t *blob, size_t size, const struct fdt_info *fi)
{
	const uint8_t *end = blob + fi->total_size;

	if (fi->total_size < 40 || fi->total_size > size)
		abort();
	if (fi->bootargs) {
		const uint8_t *b = (const uint8_t *)fi->bootargs;

		if (b < blob || b >= end || !memchr(b, '\0', (size_t)(end - b)))
			abort();
	}
	if (fi->rng_seed && (fi->rng_seed < blob || fi->rng_seed > end ||
	    fi->rng_seed_len > (size_t)(end - fi->rng_seed)))
		abort();
	if (fi->nmem < 0 || fi->nmem > FDT_MAX_RANGES ||
	    fi->nreserved < 0 || fi->nreserved > FDT_MAX_RANGES)
		abort();
	/* Empty ranges are dropped, not kept. */
	for (int i = 0; i < fi->nmem; i++) {
		if (fi->mem[i].size == 0)
			abort();
	}
	for (int i = 0; i < fi->nreserved; i++) {
		if (fi->reserved[i].size == 0)
			abort();
	}
}

/* Offset of a pointer into the blob, or -1 for none. */
static long
at(const void *blob, const void *p)
{
	return p ? (long)((const uint8_t *)p - (const uint8_t *)blob) : -1;
}

/*
 * The parse must not look past the size the header claims: the same
 * blob in a buffer of exactly that size (so ASan sees any byte beyond it)
 * gives the same answer.
 */
static void
check_exact(const uint8_t *data, uint32_t total, const char *err,
    const struct fdt_info *fi)
{
	struct fdt_info fj;
	uint8_t *copy;
	const char *err2;

	if (!(copy = malloc(total)))
		abort();
	memcpy(copy, data, total);
	err2 = fdt_parse(copy, total, &fj);
	if ((err == NULL) != (err2 == NULL) || (err && strcmp(err, err2)))
		abort();
	if (!err && (at(data, fi->bootargs) != at(copy, fj.bootargs) ||
	    at(data, fi->rng_seed) != at(copy, fj.rng_seed) ||
	    fi->nmem != fj.nmem || fi->nreserved != fj.nreserved ||
	    memcmp(fi->mem, fj.mem, sizeof(fi->mem)) != 0 ||
	    memcmp(fi->reserved, fj.reserved, sizeof(fi->reserved)) != 0 ||
	    fi->uart_base != fj.uart_base || fi->plic_base != fj.plic_base))
		abort();
	free(copy);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fdt_info fi;
	const char *err;
	uint32_t total;

	total = fdt_total_size(data, size);
	err = fdt_parse(data, size, &fi);
	if (err && err[0] == '\0')
		abort();
	if (total >= 40 && total < size)
		check_exact(data, total, err, &fi);
	if (err)
		return 0;
	if (total != fi.total_size)
		abort();
	check_info(data, size, &fi);
	return 0;
}
