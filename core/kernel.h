/* Kernel-wide services: console output, panic, and the entry points the
 * architecture layer calls. */
#ifndef RUMPK_KERNEL_H
#define RUMPK_KERNEL_H

#include <stddef.h>
#include <stdint.h>

#include "hal/hal.h"

#define NORETURN __attribute__((noreturn))
#define PRINTF(f, a) __attribute__((format(printf, f, a)))

/* Console output: kwrite is the C ABI primitive, the others sit on it. */
void kwrite(const char *buf, size_t len);
void kprint(const char *s);
void kprintf(const char *fmt, ...) PRINTF(1, 2);

/* Ends the machine with a report and a non-zero QEMU exit status. */
void panic(const char *fmt, ...) PRINTF(1, 2) NORETURN;
void panic_trap(const char *what, uint64_t scause, uint64_t sepc,
    uint64_t stval, uint64_t fp) NORETURN;

/* Called by the HAL. */
void console_irq(void);
/*
 * How the doorbell returns (ion_doorbell's answer; trap.S keeps only what
 * a call keeps, the s-registers staying in the CPU as the kernel's C code
 * keeps them).  Quiet is an empty doorbell, or one whose commands all ran
 * in a batch (none blocks or switches): then the address space, the FPU,
 * kills and preemption are as they were settled when the Subject last
 * left the kernel, and a kill or a tick can only arrive through a trap of
 * its own.
 */
enum ecall_end {
	ECALL_SETTLE,		/* see to kills, preemption, address space */
	ECALL_QUIET,		/* nothing changed: straight back */
	ECALL_NEW_FRAME,	/* the program was replaced: settle, load all */
};
/* Any other ecall from U-mode, with the whole frame saved. */
void subject_ecall(struct uctx *uc);
/* A fault: ends the Subject with a report, unless it was the stack
 * growing into a page not mapped yet; then maps it and returns, and the
 * instruction runs again. */
void subject_fault(struct uctx *uc, uint64_t cause, const char *what,
    uint64_t addr, uint64_t pc);
/* Before a Subject goes back to user mode: kill requests, preemption. */
void subject_resume(struct uctx *uc);
/* The time slice is over. */
void subject_tick(void);

/* Nanoseconds since boot; the frequency of hal_time(). */
uint64_t uptime_ns(void);
uint64_t timebase(void);
/* The wall clock (nanoseconds since 1970) at boot, from the RTC, or 0
 * when there is none; realtime_ns() is that plus the uptime. */
uint64_t boot_epoch_ns(void);
uint64_t realtime_ns(void);

#endif
