#include <string.h>

#include "nexus/abi.h"
#include "fmt.h"
#include "elf.h"

#define ET_REL		1
#define ET_EXEC		2
#define ET_DYN		3
#define ET_CORE		4
#define EM_RISCV	243
#define PT_LOAD		1
#define PT_DYNAMIC	2
#define PT_INTERP	3
#define PT_NOTE		4
#define PT_PHDR		6
#define PT_GNU_STACK	0x6474e551u
#define EF_RISCV_RVC		0x1u
#define EF_RISCV_FLOAT_ABI	0x6u
#define EF_RISCV_FLOAT_QUAD	0x6u
#define EF_RISCV_RVE		0x8u

struct ehdr {
	uint8_t ident[16];
	uint16_t type;
	uint16_t machine;
	uint32_t version;
	uint64_t entry;
	uint64_t phoff;
	uint64_t shoff;
	uint32_t flags;
	uint16_t ehsize;
	uint16_t phentsize;
	uint16_t phnum;
	uint16_t shentsize;
	uint16_t shnum;
	uint16_t shstrndx;
};

struct phdr {
	uint32_t type;
	uint32_t flags;
	uint64_t offset;
	uint64_t vaddr;
	uint64_t paddr;
	uint64_t filesz;
	uint64_t memsz;
	uint64_t align;
};

_Static_assert(sizeof(struct ehdr) == 64, "ELF64 header");
_Static_assert(sizeof(struct phdr) == 56, "ELF64 program header");

struct check {
	elf_read_fn read;
	void *ctx;
	uint64_t file_size;
	struct elf_plan *plan;
	int *detail;
};

static const char *
machine_name(uint16_t m)
{
	switch (m) {
	case 3: return "built for x86 (i386), not RISC-V";
	case 8: return "built for MIPS, not RISC-V";
	case 20: return "built for PowerPC, not RISC-V";
	case 21: return "built for PowerPC64, not RISC-V";
	case 40: return "built for ARM, not RISC-V";
	case 62: return "built for x86-64, not RISC-V";
	case 183: return "built for AArch64, not RISC-V";
	default: return "built for another machine, not RISC-V";
	}
}

static const char *
check_ident(const struct ehdr *h)
{
	if (memcmp(h->ident, "\177ELF", 4) != 0)
		return "not an ELF file (bad magic)";
	if (h->ident[4] == 1)
		return "32-bit ELF file, not 64-bit";
	if (h->ident[4] != 2)
		return "bad ELF class";
	if (h->ident[5] == 2)
		return "big-endian ELF file, not little-endian";
	if (h->ident[5] != 1)
		return "bad ELF data encoding";
	if (h->ident[6] != 1)
		return "unsupported ELF identity version";
	if (h->ident[7] != 0 && h->ident[7] != 3)
		return "unsupported OS ABI";
	return NULL;
}

static const char *
check_header(const struct check *c, const struct ehdr *h)
{
	const char *err = check_ident(h);
	uint64_t table;

	if (err)
		return err;
	if (h->type == ET_DYN)
		return "position-independent executables are not supported yet";
	if (h->type == ET_REL)
		return "relocatable object file, not an executable";
	if (h->type == ET_CORE)
		return "core dump, not an executable";
	if (h->type != ET_EXEC)
		return "not an executable (bad ELF type)";
	if (h->machine != EM_RISCV)
		return machine_name(h->machine);
	if (h->version != 1)
		return "unsupported ELF version";
	if (h->ehsize != sizeof(struct ehdr))
		return "bad ELF header size";
	if (h->phentsize != sizeof(struct phdr))
		return "bad program header entry size";
	if (h->phnum == 0)
		return "no program headers";
	if (h->phnum > ELF_MAX_PHNUM)
		return "too many program headers";
	table = (uint64_t)h->phnum * sizeof(struct phdr);
	if (h->phoff > c->file_size || table > c->file_size - h->phoff)
		return "program header table extends past end of file";
	if (h->flags & EF_RISCV_RVE)
		return "built for the RV64E base, which this kernel does not run";
	if ((h->flags & EF_RISCV_FLOAT_ABI) == EF_RISCV_FLOAT_QUAD)
		return "quad-precision float ABI is not supported";
	return NULL;
}

static uint64_t
page_down(uint64_t v)
{
	return v & ~(NX_PAGE_SIZE - 1);
}

/* Page-rounded end; the caller has made sure this cannot overflow. */
static uint64_t
page_up(uint64_t v)
{
	return (v + NX_PAGE_SIZE - 1) & ~(NX_PAGE_SIZE - 1);
}

static const char *
check_load(const struct check *c, const struct phdr *p, int index)
{
	*c->detail = index;
	if (p->filesz > p->memsz)
		return "segment %d has a file size larger than its memory size";
	if (p->offset > c->file_size || p->filesz > c->file_size - p->offset)
		return "segment %d extends past end of file";
	if (p->vaddr < NX_USER_BASE || p->vaddr >= NX_IMAGE_TOP ||
	    p->memsz > NX_IMAGE_TOP - p->vaddr)
		return "segment %d lies outside the user address range";
	if (p->align > 1 && (p->align & (p->align - 1)))
		return "segment %d has an alignment that is not a power of two";
	if (p->align > 1 && (p->vaddr - p->offset) % p->align)
		return "segment %d: address and file offset disagree";
	if ((p->flags & ELF_PF_W) && (p->flags & ELF_PF_X))
		return "segment %d is writable and executable";
	return NULL;
}

/* Inserts a segment, keeping the plan sorted and refusing shared pages. */
static const char *
add_segment(const struct check *c, const struct phdr *p, int index)
{
	struct elf_plan *plan = c->plan;
	uint64_t lo = page_down(p->vaddr), hi = page_up(p->vaddr + p->memsz);
	int i;

	if (plan->nseg == ELF_MAX_SEGMENTS)
		return "too many loadable segments";
	for (i = 0; i < plan->nseg; i++) {
		const struct elf_segment *s = &plan->seg[i];

		if (lo < page_up(s->vaddr + s->memsz) &&
		    page_down(s->vaddr) < hi) {
			*c->detail = index;
			return "segment %d overlaps another segment";
		}
	}
	for (i = plan->nseg; i > 0 && plan->seg[i - 1].vaddr > p->vaddr; i--)
		plan->seg[i] = plan->seg[i - 1];
	plan->seg[i].vaddr = p->vaddr;
	plan->seg[i].memsz = p->memsz;
	plan->seg[i].offset = p->offset;
	plan->seg[i].filesz = p->filesz;
	plan->seg[i].flags = p->flags & (ELF_PF_R | ELF_PF_W | ELF_PF_X);
	plan->nseg++;
	if (hi > plan->image_end)
		plan->image_end = hi;
	return NULL;
}

/*
 * Looks through a PT_NOTE segment for the rumpk note.  Notes are read with
 * bounds checks and a malformed one simply isn't the rumpk note: a Linux
 * program's notes are none of our business.  The note's descriptor is the
 * ABI the program was built for: one built for another would read its
 * rings wrongly, so it is refused with a reason instead.
 */
static const char *
find_note(const struct check *c, const struct phdr *p)
{
	uint64_t off = 0;

	if (p->offset > c->file_size || p->filesz > c->file_size - p->offset ||
	    p->filesz > 4096)
		return NULL;
	while (p->filesz - off >= 12) {
		uint32_t h[3], abi;
		char name[8];
		uint64_t namesz, descsz;

		if (c->read(c->ctx, p->offset + off, h, sizeof(h)))
			return NULL;
		namesz = (h[0] + 3ull) & ~3ull;
		descsz = (h[1] + 3ull) & ~3ull;
		if (namesz + descsz > p->filesz - off - 12)
			return NULL;
		if (h[0] == 6 && h[2] == ELF_RUMPK_NOTE_TYPE &&
		    c->read(c->ctx, p->offset + off + 12, name, 6) == 0 &&
		    memcmp(name, "rumpk", 6) == 0) {
			if (h[1] != 4 || c->read(c->ctx, p->offset + off + 12 +
			    namesz, &abi, 4) != 0 || abi != NX_ABI_VERSION)
				return "built for another rumpk ABI: rebuild it "
				    "with this tree's libnexus";
			c->plan->native = 1;
			return NULL;
		}
		off += 12 + namesz + descsz;
	}
	return NULL;
}

static const char *
check_phdr(const struct check *c, const struct ehdr *h, const struct phdr *p,
    int index)
{
	const char *err;

	switch (p->type) {
	case PT_INTERP:
		return "dynamically linked programs are not supported";
	case PT_GNU_STACK:
		if (p->flags & ELF_PF_X)
			return "asks for an executable stack";
		return NULL;
	case PT_PHDR:
		c->plan->phdr_vaddr = p->vaddr;
		return NULL;
	case PT_NOTE:
		return find_note(c, p);
	case PT_LOAD:
		if (p->memsz == 0)
			return NULL;
		err = check_load(c, p, index);
		if (err)
			return err;
		/* The headers are visible to the program if a segment maps them. */
		if (!c->plan->phdr_vaddr && h->phoff >= p->offset &&
		    h->phoff - p->offset < p->filesz)
			c->plan->phdr_vaddr = p->vaddr + (h->phoff - p->offset);
		return add_segment(c, p, index);
	default:
		return NULL;
	}
}

static const char *
check_entry(const struct elf_plan *plan)
{
	for (int i = 0; i < plan->nseg; i++) {
		const struct elf_segment *s = &plan->seg[i];

		if (plan->entry >= s->vaddr && plan->entry - s->vaddr < s->memsz)
			return (s->flags & ELF_PF_X) ? NULL :
			    "entry point is not in an executable segment";
	}
	return "entry point is outside every segment";
}

static const char *
validate(struct check *c)
{
	struct ehdr h;
	const char *err;

	if (c->file_size < 4 || c->read(c->ctx, 0, &h, 4) != 0)
		return "not an ELF file (too short)";
	if (memcmp(h.ident, "\177ELF", 4) != 0)
		return "not an ELF file (bad magic)";
	if (c->file_size < sizeof(h) || c->read(c->ctx, 0, &h, sizeof(h)) != 0)
		return "truncated ELF header";
	err = check_header(c, &h);
	if (err)
		return err;
	c->plan->entry = h.entry;
	c->plan->phnum = h.phnum;
	c->plan->phentsize = h.phentsize;
	for (int i = 0; i < h.phnum; i++) {
		struct phdr p;

		if (c->read(c->ctx, h.phoff + (uint64_t)i * sizeof(p), &p,
		    sizeof(p)))
			return "cannot read the program headers";
		err = check_phdr(c, &h, &p, i);
		if (err)
			return err;
	}
	if (c->plan->nseg == 0)
		return "no loadable segments";
	return check_entry(c->plan);
}

const char *
elf_validate(elf_read_fn read, void *ctx, uint64_t file_size,
    struct elf_plan *plan, char *why, size_t whylen)
{
	int detail = -1;
	struct check c = { read, ctx, file_size, plan, &detail };
	const char *err;

	memset(plan, 0, sizeof(*plan));
	err = validate(&c);
	if (!err)
		return NULL;
	/* Reasons about one segment carry a %d for its index. */
	fmt_snprintf(why, whylen, err, detail);
	return why;
}
