/*
 * Kernel panics: the message, the trap registers and a backtrace whose
 * return addresses are named from the symbol table the build puts into
 * the image (tools/ksyms.sh, the second link), e.g. `kmain+0x3e`.
 */
#include <stdarg.h>
#include <string.h>

#include "fmt.h"
#include "kernel.h"

#define PANIC_STATUS 1
#define MAX_FRAMES 16
#define FRAME_SPAN 16384	/* at most a kernel stack between two frames */

/* From the linker script: the functions, and the table naming them. */
extern const char _text_start[], _text_end[];
extern const char _ksyms_start[], _ksyms_end[];

struct ksym {
	uint32_t offset;	/* from _text_start */
	uint32_t name;		/* from the first name */
};

/*
 * The function holding `pc`, or NULL (outside the kernel's text, or no
 * table: the first link's image).  The table is sorted by address; the
 * function is the last entry at or below `pc`.
 */
static const char *
ksym_find(uint64_t pc, uint64_t *offset)
{
	uint64_t text = (uintptr_t)_text_start;
	size_t size = (size_t)(_ksyms_end - _ksyms_start);
	const struct ksym *t = (const void *)(_ksyms_start + 4);
	uint32_t n, lo = 0, hi;

	if (pc < text || pc >= (uintptr_t)_text_end || size < 4)
		return NULL;
	memcpy(&n, _ksyms_start, 4);
	if (n == 0 || (size - 4) / sizeof(*t) < n)
		return NULL;
	pc -= text;
	if (pc < t[0].offset)
		return NULL;
	hi = n;
	while (hi - lo > 1) {	/* t[lo].offset <= pc, and t[hi] is past */
		uint32_t mid = lo + (hi - lo) / 2;

		if (t[mid].offset <= pc)
			lo = mid;
		else
			hi = mid;
	}
	*offset = pc - t[lo].offset;
	return _ksyms_start + 4 + (size_t)n * sizeof(*t) + t[lo].name;
}

/* " name+0xoff" for an address in the kernel's text, else nothing. */
static void
print_symbol(uint64_t pc)
{
	uint64_t offset;
	const char *name = ksym_find(pc, &offset);

	if (name)
		kprintf(" %s+0x%lx", name, offset);
}

static void
backtrace(uint64_t fp)
{
	kprint("backtrace:\n");
	for (int i = 0; i < MAX_FRAMES && fp; i++) {
		uint64_t ra = 0;
		uint64_t next = hal_frame_next(fp, &ra);

		if (!ra)
			break;
		kprintf("  #%d %p", i, (void *)ra);
		print_symbol(ra);
		kprint("\n");
		/* Frames lie up one stack: past the first frame of a trap
		 * from user mode, s0 is the program's (trap.S). */
		if (next <= fp || next - fp > FRAME_SPAN)
			break;
		fp = next;
	}
}

static void NORETURN
panic_end(uint64_t scause, uint64_t sepc, uint64_t stval, uint64_t fp)
{
	kprintf("scause 0x%lx sepc %p", scause, (void *)sepc);
	print_symbol(sepc);
	kprintf(" stval %p\n", (void *)stval);
	backtrace(fp);
	hal_poweroff(PANIC_STATUS);
}

void
panic(const char *fmt, ...)
{
	va_list ap;
	char msg[160];
	uint64_t scause, sepc, stval;

	va_start(ap, fmt);
	fmt_vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	kprintf("\nrumpk: panic: %s\n", msg);
	hal_trap_state(&scause, &sepc, &stval);
	panic_end(scause, sepc, stval,
	    (uint64_t)(uintptr_t)__builtin_frame_address(0));
}

void
panic_trap(const char *what, uint64_t scause, uint64_t sepc, uint64_t stval,
    uint64_t fp)
{
	kprintf("\nrumpk: panic: kernel fault: %s\n", what);
	panic_end(scause, sepc, stval, fp);
}
