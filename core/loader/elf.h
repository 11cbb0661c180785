/*
 * ELF64 validation: pure and total.  Reads the file only through a callback
 * (so the loader can stream from a file handle) and yields either a load
 * plan or one reason naming what is wrong.
 */
#ifndef RUMPK_ELF_H
#define RUMPK_ELF_H

#include <stddef.h>
#include <stdint.h>

#define ELF_MAX_SEGMENTS	16
#define ELF_MAX_PHNUM		64

#define ELF_PF_X	1u
#define ELF_PF_W	2u
#define ELF_PF_R	4u

/* Reads `len` bytes at `off`; returns 0, or nonzero on failure. */
typedef int (*elf_read_fn)(void *ctx, uint64_t off, void *buf, size_t len);

struct elf_segment {
	uint64_t vaddr;
	uint64_t memsz;
	uint64_t offset;
	uint64_t filesz;
	uint32_t flags;		/* ELF_PF_* */
};

struct elf_plan {
	uint64_t entry;
	uint64_t phdr_vaddr;	/* where the program headers are mapped, or 0 */
	uint16_t phnum;
	uint16_t phentsize;
	int nseg;
	struct elf_segment seg[ELF_MAX_SEGMENTS];	/* by address */
	uint64_t image_end;	/* end of the highest segment */
	int native;		/* carries the rumpk note: a libnexus program */
};

/* The note native programs carry (user/lib/crt0.S): owner "rumpk". */
#define ELF_RUMPK_NOTE_TYPE	0x4e58

/*
 * Validates the ELF file of `file_size` bytes.  Returns NULL and fills
 * `plan`, or writes the reason (e.g. "built for x86-64, not RISC-V",
 * "segment 2 extends past end of file") into `why` and returns it.
 */
const char *elf_validate(elf_read_fn read, void *ctx, uint64_t file_size,
    struct elf_plan *plan, char *why, size_t whylen);

#endif
