/*
 * core/loader/elf.c against the real user programs, against ELF headers
 * built here with one field wrong at a time (every reason elf.c can give,
 * compared word for word), and against byte flips of a real program.
 */
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nexus/abi.h"
#include "loader/elf.h"
#include "test.h"

/* The made-up program: headers, then code, in two pages. */
#define IMG_LEN		0x2000ul
#define IMG_VADDR	0x10000ul
#define IMG_ENTRY	0x10100ul
#define IMG_MAXPH	((0x1000 - sizeof(Elf64_Ehdr)) / sizeof(Elf64_Phdr))

/* Reads from a buffer; offsets at or past `fail_from` fail. */
struct mem {
	const uint8_t *p;
	uint64_t len;
	uint64_t fail_from;
};

static int
mem_read(void *ctx, uint64_t off, void *buf, size_t len)
{
	const struct mem *m = ctx;

	if (off > m->len || len > m->len - off || off + len > m->fail_from)
		return -1;
	memcpy(buf, m->p + off, len);
	return 0;
}

static char why[160];

static const char *
validate(const uint8_t *p, uint64_t len, struct elf_plan *plan)
{
	struct mem m = { p, len, UINT64_MAX };

	return elf_validate(mem_read, &m, len, plan, why, sizeof(why));
}

static Elf64_Ehdr *
eh(uint8_t *b)
{
	return (Elf64_Ehdr *)b;
}

static Elf64_Phdr *
ph(uint8_t *b, int i)
{
	return (Elf64_Phdr *)(b + sizeof(Elf64_Ehdr)) + i;
}

/* Adds a program header; returns its index. */
static int
add_ph(uint8_t *b, uint32_t type, uint32_t flags, uint64_t offset,
    uint64_t vaddr, uint64_t size)
{
	int i = eh(b)->e_phnum++;
	Elf64_Phdr *p = ph(b, i);

	p->p_type = type;
	p->p_flags = flags;
	p->p_offset = offset;
	p->p_vaddr = vaddr;
	p->p_paddr = vaddr;
	p->p_filesz = size;
	p->p_memsz = size;
	p->p_align = 0x1000;
	return i;
}

/*
 * The smallest program elf.c accepts: a RISC-V ET_EXEC whose one R+X
 * PT_LOAD maps the first page (headers included) at IMG_VADDR.
 */
static void
reset(uint8_t *b)
{
	Elf64_Ehdr *h = eh(b);

	memset(b, 0, IMG_LEN);
	memcpy(h->e_ident, ELFMAG, SELFMAG);
	h->e_ident[EI_CLASS] = ELFCLASS64;
	h->e_ident[EI_DATA] = ELFDATA2LSB;
	h->e_ident[EI_VERSION] = EV_CURRENT;
	h->e_ident[EI_OSABI] = ELFOSABI_SYSV;
	h->e_type = ET_EXEC;
	h->e_machine = EM_RISCV;
	h->e_version = EV_CURRENT;
	h->e_entry = IMG_ENTRY;
	h->e_phoff = sizeof(Elf64_Ehdr);
	h->e_flags = EF_RISCV_RVC | EF_RISCV_FLOAT_ABI_DOUBLE;
	h->e_ehsize = sizeof(Elf64_Ehdr);
	h->e_phentsize = sizeof(Elf64_Phdr);
	h->e_phnum = 0;
	add_ph(b, PT_LOAD, PF_R | PF_X, 0, IMG_VADDR, 0x1000);
}

static uint8_t *
new_image(void)
{
	uint8_t *b = malloc(IMG_LEN);

	if (!b) {
		perror("malloc");
		exit(2);
	}
	reset(b);
	return b;
}

/* 1 if the first `len` bytes of `b` are refused with exactly `want`. */
static int
rejects_len(const uint8_t *b, uint64_t len, const char *want)
{
	struct elf_plan plan;
	const char *got = validate(b, len, &plan);

	if (got && strcmp(got, want) == 0)
		return 1;
	test_note("got \"%s\", want \"%s\"", got ? got : "(accepted)", want);
	return 0;
}

static int
rejects(const uint8_t *b, const char *want)
{
	return rejects_len(b, IMG_LEN, want);
}

static int
accepts(const uint8_t *b, struct elf_plan *plan)
{
	const char *got = validate(b, IMG_LEN, plan);

	if (got)
		test_note("refused: %s", got);
	return got == NULL;
}

/* What any accepted plan must promise the loader. */
static int
plan_sound(const struct elf_plan *plan, uint64_t file_size)
{
	int exec_entry = 0;

	if (plan->nseg < 1 || plan->nseg > ELF_MAX_SEGMENTS)
		return 0;
	for (int i = 0; i < plan->nseg; i++) {
		const struct elf_segment *s = &plan->seg[i];

		if (s->vaddr < NX_USER_BASE || s->vaddr >= NX_IMAGE_TOP ||
		    s->memsz > NX_IMAGE_TOP - s->vaddr || s->memsz == 0)
			return 0;
		if (s->filesz > s->memsz || s->offset > file_size ||
		    s->filesz > file_size - s->offset)
			return 0;
		if ((s->flags & ELF_PF_W) && (s->flags & ELF_PF_X))
			return 0;
		/* Sorted, and no two segments share a page. */
		if (i > 0 && (plan->seg[i - 1].vaddr + plan->seg[i - 1].memsz +
		    NX_PAGE_SIZE - 1) / NX_PAGE_SIZE > s->vaddr / NX_PAGE_SIZE)
			return 0;
		if (plan->entry >= s->vaddr && plan->entry - s->vaddr <
		    s->memsz)
			exec_entry = (s->flags & ELF_PF_X) != 0;
		if (plan->image_end < s->vaddr + s->memsz)
			return 0;
	}
	return exec_entry && plan->image_end % NX_PAGE_SIZE == 0 &&
	    plan->image_end <= NX_IMAGE_TOP;
}

/* ---- the real programs -------------------------------------------------- */

static void
check_program(const char *name)
{
	struct elf_plan plan;
	char path[1024];
	size_t len;
	uint64_t need;
	uint8_t *p;
	const char *err;

	test_path(path, sizeof(path), test_builddir, name);
	if (!CHECK((p = test_read_file(path, &len)) != NULL))
		return;
	err = validate(p, len, &plan);
	if (!CHECK_STREQ(err, NULL)) {
		free(p);
		return;
	}
	CHECK(plan.nseg >= 2);
	CHECK(plan_sound(&plan, len));
	CHECK(plan.phdr_vaddr != 0);
	CHECK_EQ(plan.phnum, eh(p)->e_phnum);
	CHECK_EQ(plan.phentsize, sizeof(Elf64_Phdr));
	CHECK_EQ(plan.entry, eh(p)->e_entry);
	/* The headers are mapped where the first segment maps offset 0. */
	CHECK_EQ(plan.phdr_vaddr, plan.seg[0].vaddr + eh(p)->e_phoff);

	/*
	 * Cut short, it is refused until it holds every segment's bytes (the
	 * section headers and symbols after them are not needed).
	 */
	need = eh(p)->e_phoff + (uint64_t)eh(p)->e_phnum * sizeof(Elf64_Phdr);
	for (int i = 0; i < plan.nseg; i++) {
		if (plan.seg[i].offset + plan.seg[i].filesz > need)
			need = plan.seg[i].offset + plan.seg[i].filesz;
	}
	for (size_t n = 0; n < len; n += n < 512 ? 1 : 509) {
		uint8_t *cut = test_copy(p, n);
		int accepted = validate(cut, n, &plan) == NULL;

		if (accepted != (n >= need))
			test_note("%s cut to %zu bytes (needs %lu): %s", name,
			    n, (unsigned long)need, accepted ? "accepted" : why);
		CHECK(accepted == (n >= need));
		free(cut);
	}
	for (uint64_t n = need - 1; n <= need && need <= len; n++) {
		uint8_t *cut = test_copy(p, n);

		test_note("%s cut to %lu bytes", name, (unsigned long)n);
		CHECK((validate(cut, n, &plan) == NULL) == (n == need));
		free(cut);
	}
	free(p);
}

void
test_elf_real(void)
{
	check_program("rootfs/bin/hello");
	check_program("rootfs/bin/nipbox");
}

/* ---- made-up programs --------------------------------------------------- */

void
test_elf_minimal(void)
{
	struct elf_plan plan;
	uint8_t *b = new_image();

	if (CHECK(accepts(b, &plan))) {
		CHECK_EQ(plan.entry, IMG_ENTRY);
		CHECK_EQ(plan.nseg, 1);
		CHECK_EQ(plan.seg[0].vaddr, IMG_VADDR);
		CHECK_EQ(plan.seg[0].memsz, 0x1000);
		CHECK_EQ(plan.seg[0].flags, ELF_PF_R | ELF_PF_X);
		CHECK_EQ(plan.phdr_vaddr, IMG_VADDR + sizeof(Elf64_Ehdr));
		CHECK_EQ(plan.image_end, IMG_VADDR + 0x1000);
		CHECK_EQ(plan.phnum, 1);
		CHECK(plan_sound(&plan, IMG_LEN));
	}

	/* Linux's OS ABI, a soft-float ABI and a PT_PHDR are all fine. */
	eh(b)->e_ident[EI_OSABI] = ELFOSABI_LINUX;
	eh(b)->e_flags = 0;
	add_ph(b, PT_PHDR, PF_R, 0x40, 0x20040, 0x38);
	add_ph(b, PT_GNU_STACK, PF_R | PF_W, 0, 0, 0);
	add_ph(b, PT_NOTE, PF_R, 0, 0, 0);
	if (CHECK(accepts(b, &plan)))
		CHECK_EQ(plan.phdr_vaddr, 0x20040);	/* PT_PHDR's word */

	/* As many program headers as allowed, the extra ones PT_NULL. */
	reset(b);
	eh(b)->e_phnum = ELF_MAX_PHNUM;
	CHECK(accepts(b, &plan));

	/* Segments given out of order come out sorted. */
	reset(b);
	eh(b)->e_phnum = 0;
	add_ph(b, PT_LOAD, PF_R | PF_W, 0x1000, 0x31000, 0x1000);
	add_ph(b, PT_LOAD, PF_R, 0x1000, 0x21000, 0x1000);
	add_ph(b, PT_LOAD, PF_R | PF_X, 0, IMG_VADDR, 0x1000);
	ph(b, 0)->p_memsz = 0x5000;		/* .bss */
	if (CHECK(accepts(b, &plan)) && CHECK_EQ(plan.nseg, 3)) {
		CHECK_EQ(plan.seg[0].vaddr, IMG_VADDR);
		CHECK_EQ(plan.seg[1].vaddr, 0x21000);
		CHECK_EQ(plan.seg[2].vaddr, 0x31000);
		CHECK_EQ(plan.seg[2].memsz, 0x5000);
		CHECK_EQ(plan.image_end, 0x36000);
		CHECK(plan_sound(&plan, IMG_LEN));
	}
	free(b);
}

void
test_elf_ident(void)
{
	uint8_t *b = new_image();

	CHECK(rejects_len(b, 0, "not an ELF file (too short)"));
	CHECK(rejects_len(b, 3, "not an ELF file (too short)"));
	CHECK(rejects_len(b, 4, "truncated ELF header"));
	CHECK(rejects_len(b, 63, "truncated ELF header"));
	b[0] = 'E';
	CHECK(rejects(b, "not an ELF file (bad magic)"));
	CHECK(rejects_len(b, 10, "not an ELF file (bad magic)"));
	reset(b);
	b[3] = 'f';
	CHECK(rejects(b, "not an ELF file (bad magic)"));

	reset(b);
	eh(b)->e_ident[EI_CLASS] = ELFCLASS32;
	CHECK(rejects(b, "32-bit ELF file, not 64-bit"));
	eh(b)->e_ident[EI_CLASS] = ELFCLASSNONE;
	CHECK(rejects(b, "bad ELF class"));
	reset(b);
	eh(b)->e_ident[EI_DATA] = ELFDATA2MSB;
	CHECK(rejects(b, "big-endian ELF file, not little-endian"));
	eh(b)->e_ident[EI_DATA] = 3;
	CHECK(rejects(b, "bad ELF data encoding"));
	reset(b);
	eh(b)->e_ident[EI_VERSION] = 0;
	CHECK(rejects(b, "unsupported ELF identity version"));
	reset(b);
	eh(b)->e_ident[EI_OSABI] = ELFOSABI_FREEBSD;
	CHECK(rejects(b, "unsupported OS ABI"));
	free(b);
}

void
test_elf_header(void)
{
	static const struct {
		uint16_t machine;
		const char *want;
	} machines[] = {
		{ EM_X86_64, "built for x86-64, not RISC-V" },
		{ EM_386, "built for x86 (i386), not RISC-V" },
		{ EM_AARCH64, "built for AArch64, not RISC-V" },
		{ EM_ARM, "built for ARM, not RISC-V" },
		{ EM_MIPS, "built for MIPS, not RISC-V" },
		{ EM_PPC, "built for PowerPC, not RISC-V" },
		{ EM_PPC64, "built for PowerPC64, not RISC-V" },
		{ EM_NONE, "built for another machine, not RISC-V" },
		{ EM_RISCV + 1, "built for another machine, not RISC-V" },
	};
	uint8_t *b = new_image();

	eh(b)->e_type = ET_DYN;
	CHECK(rejects(b, "position-independent executables are not "
	    "supported yet"));
	eh(b)->e_type = ET_REL;
	CHECK(rejects(b, "relocatable object file, not an executable"));
	eh(b)->e_type = ET_CORE;
	CHECK(rejects(b, "core dump, not an executable"));
	eh(b)->e_type = ET_NONE;
	CHECK(rejects(b, "not an executable (bad ELF type)"));
	eh(b)->e_type = 0xfe00;
	CHECK(rejects(b, "not an executable (bad ELF type)"));

	for (size_t i = 0; i < sizeof(machines) / sizeof(machines[0]); i++) {
		reset(b);
		eh(b)->e_machine = machines[i].machine;
		CHECK(rejects(b, machines[i].want));
	}

	reset(b);
	eh(b)->e_version = 2;
	CHECK(rejects(b, "unsupported ELF version"));
	reset(b);
	eh(b)->e_ehsize = 52;
	CHECK(rejects(b, "bad ELF header size"));
	reset(b);
	eh(b)->e_phentsize = 32;
	CHECK(rejects(b, "bad program header entry size"));
	reset(b);
	eh(b)->e_phnum = 0;
	CHECK(rejects(b, "no program headers"));
	eh(b)->e_phnum = ELF_MAX_PHNUM + 1;
	CHECK(rejects(b, "too many program headers"));
	eh(b)->e_phnum = 0xffff;
	CHECK(rejects(b, "too many program headers"));

	reset(b);
	eh(b)->e_phoff = IMG_LEN - sizeof(Elf64_Phdr) + 1;
	CHECK(rejects(b, "program header table extends past end of file"));
	eh(b)->e_phoff = IMG_LEN + 1;
	CHECK(rejects(b, "program header table extends past end of file"));
	eh(b)->e_phoff = UINT64_MAX - 8;	/* offset + size wraps */
	CHECK(rejects(b, "program header table extends past end of file"));
	reset(b);
	eh(b)->e_phnum = 2;
	CHECK(rejects_len(b, sizeof(Elf64_Ehdr) + sizeof(Elf64_Phdr) + 55,
	    "program header table extends past end of file"));

	reset(b);
	eh(b)->e_flags |= EF_RISCV_RVE;
	CHECK(rejects(b, "built for the RV64E base, which this kernel does "
	    "not run"));
	reset(b);
	eh(b)->e_flags = EF_RISCV_FLOAT_ABI_QUAD;
	CHECK(rejects(b, "quad-precision float ABI is not supported"));
	free(b);
}

void
test_elf_segments(void)
{
	static const uint64_t outside[][2] = {	/* vaddr, memsz */
		{ 0, 0x1000 },
		{ NX_USER_BASE - 0x1000, 0x1000 },
		{ NX_IMAGE_TOP - 0x1000, 0x2000 },	/* ends past the top */
		{ NX_IMAGE_TOP, 0x1000 },
		{ NX_USER_TOP, 0x1000 },
		{ IMG_VADDR, UINT64_MAX - 0x8000 },	/* vaddr + memsz wraps */
		{ UINT64_MAX - 0xfff, 0x1000 },
	};
	uint8_t *b = new_image();
	Elf64_Phdr *p = ph(b, 0);

	p->p_filesz = p->p_memsz + 1;
	CHECK(rejects(b, "segment 0 has a file size larger than its memory "
	    "size"));
	reset(b);
	p->p_offset = IMG_LEN - 0xfff;
	CHECK(rejects(b, "segment 0 extends past end of file"));
	p->p_offset = IMG_LEN + 1;
	p->p_filesz = 0;
	CHECK(rejects(b, "segment 0 extends past end of file"));
	p->p_offset = 0x1000;
	p->p_filesz = UINT64_MAX;		/* offset + filesz wraps */
	p->p_memsz = UINT64_MAX;
	CHECK(rejects(b, "segment 0 extends past end of file"));

	/* The index is the program header's, with %d filled in. */
	reset(b);
	eh(b)->e_phnum = 3;			/* two PT_NULL first */
	memmove(ph(b, 2), p, sizeof(*p));
	memset(p, 0, 2 * sizeof(*p));
	ph(b, 2)->p_offset = IMG_LEN;
	CHECK(rejects(b, "segment 2 extends past end of file"));
	reset(b);
	eh(b)->e_phnum = 0;
	for (int i = 0; i < 12; i++)
		add_ph(b, PT_LOAD, PF_R, 0x1000, 0x21000 + 0x1000 * i, 0x1000);
	ph(b, 11)->p_flags = PF_W | PF_X;
	CHECK(rejects(b, "segment 11 is writable and executable"));

	for (size_t i = 0; i < sizeof(outside) / sizeof(outside[0]); i++) {
		reset(b);
		p->p_vaddr = outside[i][0];
		p->p_memsz = outside[i][1];
		p->p_offset = p->p_vaddr % 0x1000;
		test_note("vaddr %#lx memsz %#lx", (unsigned long)outside[i][0],
		    (unsigned long)outside[i][1]);
		CHECK(rejects(b, "segment 0 lies outside the user address "
		    "range"));
	}
	/* The last page below NX_IMAGE_TOP is still inside. */
	reset(b);
	eh(b)->e_phnum = 0;
	add_ph(b, PT_LOAD, PF_R | PF_X, 0, IMG_VADDR, 0x1000);
	add_ph(b, PT_LOAD, PF_R, 0x1000, NX_IMAGE_TOP - 0x1000, 0x1000);
	CHECK(accepts(b, &(struct elf_plan){ 0 }));

	reset(b);
	p->p_align = 0x1800;
	CHECK(rejects(b, "segment 0 has an alignment that is not a power of "
	    "two"));
	p->p_align = 3;
	CHECK(rejects(b, "segment 0 has an alignment that is not a power of "
	    "two"));
	reset(b);
	p->p_offset = 0x10;
	p->p_filesz = 0x100;
	CHECK(rejects(b, "segment 0: address and file offset disagree"));
	reset(b);
	p->p_vaddr += 0x800;
	eh(b)->e_entry += 0x800;
	CHECK(rejects(b, "segment 0: address and file offset disagree"));
	/* Alignment 0 or 1 asks for nothing. */
	p->p_align = 1;
	CHECK(accepts(b, &(struct elf_plan){ 0 }));
	p->p_align = 0;
	CHECK(accepts(b, &(struct elf_plan){ 0 }));

	reset(b);
	p->p_flags = PF_R | PF_W | PF_X;
	CHECK(rejects(b, "segment 0 is writable and executable"));
	p->p_flags = PF_W | PF_X;
	CHECK(rejects(b, "segment 0 is writable and executable"));
	free(b);
}

/* The minimal program moved up a page, leaving room below it. */
static void
reset_high(uint8_t *b)
{
	reset(b);
	ph(b, 0)->p_vaddr = IMG_VADDR + 0x10000;
	eh(b)->e_entry = IMG_ENTRY + 0x10000;
}

void
test_elf_layout(void)
{
	const uint64_t v = IMG_VADDR + 0x10000;
	struct elf_plan plan;
	uint8_t *b = new_image();
	int i;

	/* Overlap is by page: sharing one is refused too. */
	reset_high(b);
	add_ph(b, PT_LOAD, PF_R, 0x800, v + 0x800, 0x100);
	CHECK(rejects(b, "segment 1 overlaps another segment"));
	reset_high(b);
	ph(b, 0)->p_memsz = ph(b, 0)->p_filesz = 0x800;
	add_ph(b, PT_LOAD, PF_R, 0xc00, v + 0xc00, 0x100);
	CHECK(rejects(b, "segment 1 overlaps another segment"));
	reset_high(b);
	add_ph(b, PT_LOAD, PF_R, 0, v - 0x1000, 0x1001);
	CHECK(rejects(b, "segment 1 overlaps another segment"));
	reset_high(b);
	add_ph(b, PT_LOAD, PF_R, 0, v - 0x1000, 0x1000);
	add_ph(b, PT_LOAD, PF_R, 0x1000, v + 0x1000, 0x1000);
	if (CHECK(accepts(b, &plan)))
		CHECK(plan_sound(&plan, IMG_LEN));
	i = add_ph(b, PT_LOAD, PF_R, 0, v - 0x1000, 0x4000);
	ph(b, i)->p_filesz = 0x1000;
	CHECK(rejects(b, "segment 3 overlaps another segment"));

	/* More loadable segments than the plan holds. */
	reset(b);
	eh(b)->e_phnum = 0;
	for (i = 0; i <= ELF_MAX_SEGMENTS; i++)
		add_ph(b, PT_LOAD, i ? PF_R : PF_R | PF_X, 0,
		    IMG_VADDR + 0x1000 * i, 0x1000);
	CHECK(rejects(b, "too many loadable segments"));
	eh(b)->e_phnum--;
	CHECK(accepts(b, &plan));

	reset(b);
	add_ph(b, PT_INTERP, PF_R, 0x200, IMG_VADDR + 0x200, 0x10);
	CHECK(rejects(b, "dynamically linked programs are not supported"));
	reset(b);
	add_ph(b, PT_GNU_STACK, PF_R | PF_W | PF_X, 0, 0, 0);
	CHECK(rejects(b, "asks for an executable stack"));
	reset(b);
	add_ph(b, PT_GNU_STACK, PF_X, 0, 0, 0);
	CHECK(rejects(b, "asks for an executable stack"));

	/* No PT_LOAD, or only empty ones. */
	reset(b);
	ph(b, 0)->p_type = PT_NOTE;
	CHECK(rejects(b, "no loadable segments"));
	reset(b);
	ph(b, 0)->p_memsz = ph(b, 0)->p_filesz = 0;
	CHECK(rejects(b, "no loadable segments"));
	reset(b);
	ph(b, 0)->p_type = PT_NULL;
	CHECK(rejects(b, "no loadable segments"));
	free(b);
}

void
test_elf_entry(void)
{
	uint8_t *b = new_image();

	eh(b)->e_entry = IMG_VADDR + 0x1000;	/* just past the segment */
	CHECK(rejects(b, "entry point is outside every segment"));
	eh(b)->e_entry = 0;
	CHECK(rejects(b, "entry point is outside every segment"));
	eh(b)->e_entry = IMG_VADDR - 1;
	CHECK(rejects(b, "entry point is outside every segment"));
	eh(b)->e_entry = UINT64_MAX;
	CHECK(rejects(b, "entry point is outside every segment"));

	reset(b);
	add_ph(b, PT_LOAD, PF_R, 0x1000, 0x20000, 0x1000);
	add_ph(b, PT_LOAD, PF_R | PF_W, 0x1000, 0x30000, 0x1000);
	eh(b)->e_entry = 0x20010;
	CHECK(rejects(b, "entry point is not in an executable segment"));
	eh(b)->e_entry = 0x30ff0;
	CHECK(rejects(b, "entry point is not in an executable segment"));
	/* In .bss beyond the file bytes, but in an R+X segment: fine. */
	reset(b);
	ph(b, 0)->p_memsz = 0x3000;
	eh(b)->e_entry = IMG_VADDR + 0x2ffe;
	CHECK(accepts(b, &(struct elf_plan){ 0 }));
	free(b);
}

void
test_elf_read_failure(void)
{
	struct elf_plan plan;
	uint8_t *b = new_image();
	struct mem m = { b, IMG_LEN, sizeof(Elf64_Ehdr) + 10 };
	char buf[160];
	const char *got;

	got = elf_validate(mem_read, &m, IMG_LEN, &plan, buf, sizeof(buf));
	CHECK_STREQ(got, "cannot read the program headers");
	CHECK(got == buf);
	m.fail_from = 3;
	got = elf_validate(mem_read, &m, IMG_LEN, &plan, buf, sizeof(buf));
	CHECK_STREQ(got, "not an ELF file (too short)");
	m.fail_from = 63;
	got = elf_validate(mem_read, &m, IMG_LEN, &plan, buf, sizeof(buf));
	CHECK_STREQ(got, "truncated ELF header");
	free(b);
}

/* The reason is cut to the caller's buffer, and the plan cleared. */
void
test_elf_why_buffer(void)
{
	struct elf_plan plan;
	uint8_t *b = new_image();
	struct mem m = { b, IMG_LEN, UINT64_MAX };
	char small[8];
	char one[1] = { 'x' };

	ph(b, 0)->p_offset = IMG_LEN;
	memset(small, 'x', sizeof(small));
	CHECK(elf_validate(mem_read, &m, IMG_LEN, &plan, small,
	    sizeof(small)) == small);
	CHECK(memcmp(small, "segment", 8) == 0);	/* NUL included */
	CHECK(elf_validate(mem_read, &m, IMG_LEN, &plan, one, 1) == one);
	CHECK_EQ(one[0], '\0');

	/* The plan is cleared first: a failure leaves no stale fields. */
	memset(&plan, 0xa5, sizeof(plan));
	reset(b);
	eh(b)->e_entry = 0;
	CHECK(validate(b, IMG_LEN, &plan) != NULL);
	CHECK_EQ(plan.nseg, 1);		/* what was checked before failing */
	memset(&plan, 0xa5, sizeof(plan));
	eh(b)->e_machine = EM_X86_64;
	CHECK(validate(b, IMG_LEN, &plan) != NULL);
	CHECK_EQ(plan.nseg, 0);
	CHECK_EQ(plan.entry, 0);
	free(b);
}

/*
 * Every byte of the first 4 KiB of hello, flipped in turn: elf.c must
 * answer without a fault, and whatever it accepts must still be sound.
 */
void
test_elf_mutations(void)
{
	static const uint8_t flips[] = { 0xff, 0x01, 0x80 };
	struct elf_plan plan;
	char path[1024];
	size_t len, unsound = 0, refused = 0;
	uint8_t *p;

	test_path(path, sizeof(path), test_builddir, "rootfs/bin/hello");
	if (!CHECK((p = test_read_file(path, &len)) != NULL))
		return;
	for (size_t i = 0; i < 4096 && i < len; i++) {
		for (size_t f = 0; f < sizeof(flips); f++) {
			p[i] ^= flips[f];
			if (validate(p, len, &plan) != NULL)
				refused++;
			else if (!plan_sound(&plan, len) && unsound++ == 0)
				test_note("unsound plan: byte %zu ^ %#x", i,
				    flips[f]);
			p[i] ^= flips[f];
		}
	}
	CHECK_EQ(unsound, 0);
	CHECK(refused > 0);
	CHECK_STREQ(validate(p, len, &plan), NULL);
	free(p);
}

/* Puts a note of owner `name` (6 bytes with its NUL), type `type` and a
 * 4-byte descriptor `desc` at offset 0x1800, and a PT_NOTE for it. */
static void
add_note(uint8_t *b, const char *name, uint32_t type, uint32_t desc)
{
	uint32_t h[3] = { 6, 4, type };

	memcpy(b + 0x1800, h, sizeof(h));
	memcpy(b + 0x180c, name, 6);
	memcpy(b + 0x1814, &desc, 4);
	add_ph(b, PT_NOTE, PF_R, 0x1800, 0, 0x18);
}

/*
 * The rumpk note makes a native program, and names the ABI it was built
 * for: one built for another is refused with a reason (its rings would be
 * read wrongly), and another owner's note is none of our business.
 */
void
test_elf_rumpk_note(void)
{
	uint8_t *b = new_image();
	struct elf_plan plan;

	CHECK(accepts(b, &plan) && !plan.native);
	add_note(b, "rumpk", ELF_RUMPK_NOTE_TYPE, NX_ABI_VERSION);
	CHECK(accepts(b, &plan) && plan.native);
	reset(b);
	add_note(b, "rumpk", ELF_RUMPK_NOTE_TYPE, NX_ABI_VERSION - 1);
	CHECK(rejects(b, "built for another rumpk ABI: rebuild it with this "
	    "tree's libnexus"));
	reset(b);
	add_note(b, "GNU\0\0", ELF_RUMPK_NOTE_TYPE, 2);
	CHECK(accepts(b, &plan) && !plan.native);
	free(b);
}
