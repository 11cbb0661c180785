#include <stdarg.h>

#include "fmt.h"
#include "kernel.h"

#define PANIC_STATUS 1
#define MAX_FRAMES 16

static void
backtrace(uint64_t fp)
{
	kprint("backtrace:\n");
	for (int i = 0; i < MAX_FRAMES && fp; i++) {
		uint64_t ra = 0;
		uint64_t next = hal_frame_next(fp, &ra);

		if (!ra)
			break;
		kprintf("  #%d %p\n", i, (void *)ra);
		fp = next;
	}
}

static void NORETURN
panic_end(uint64_t scause, uint64_t sepc, uint64_t stval, uint64_t fp)
{
	kprintf("scause 0x%lx sepc %p stval %p\n", scause, (void *)sepc,
	    (void *)stval);
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
