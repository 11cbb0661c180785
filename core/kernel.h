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
void subject_ecall(struct uctx *uc);
void subject_fault(struct uctx *uc, const char *cause, uint64_t addr,
    uint64_t pc) NORETURN;

/* Nanoseconds since boot; the frequency of hal_time(). */
uint64_t uptime_ns(void);
uint64_t timebase(void);

#endif
