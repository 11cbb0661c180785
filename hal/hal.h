/*
 * What the portable core asks of the architecture.  The RISC-V 64
 * implementation lives in hal/riscv64/; nothing else in the tree knows about
 * CSRs, page table entries or MMIO.
 */
#ifndef RUMPK_HAL_H
#define RUMPK_HAL_H

#include <stdint.h>

#include "riscv64/trapframe.h"

typedef uint64_t pte_t;

/* A Subject's user-mode context: registers, FPU and address space. */
struct uctx {
	struct trapframe tf;	/* first: trap.S finds it through sscratch */
	struct fpstate fp;
	pte_t *root;
};

/* Permissions of a user mapping. */
#define VM_R	1u
#define VM_W	2u
#define VM_X	4u
/* vm_map: the page is shared (the program cache's), not the table's: never
 * writable, and neither freed nor handed back when it is unmapped. */
#define VM_SHARED 8u
/* vm_map: the page is shared memory (MAP_SHARED: a file's own page, or
 * anonymous memory shared with forks).  The table holds a reference the
 * caller took; every table that maps it writes the page itself (a fork
 * shares it, never copies it), and vm_unmap hands it back so that the
 * reference is dropped. */
#define VM_SHMEM 16u

struct kernel_image {
	uint64_t text_start, text_end;
	uint64_t rodata_start, rodata_end;
	uint64_t data_start, end;
};

/* Console UART (ns16550).  Physical address until paging is on. */
void uart_init(uint64_t pa);
void uart_putc(char c);
int uart_getc(void);			/* -1 when nothing is waiting */
void uart_enable_rx_irq(void);
void uart_mask_rx_irq(void);

/* Interrupts: trap vector, PLIC routing, waiting. */
void irq_init(uint64_t plic_pa, uint32_t uart_irq);
void irq_idle_wait(void);		/* sleep until an interrupt, handle it */

uint64_t hal_time(void);		/* ticks of the timebase */
/* The Goldfish RTC at `pa`: nanoseconds since 1970, or 0 without one. */
uint64_t rtc_read_ns(uint64_t pa);
/* The hart has Zbb (by the device tree): SipHash may use its rotates. */
void hal_enable_zbb(void);
void timer_at(uint64_t when);		/* an interrupt at `when` or before */
void hal_kernel_image(struct kernel_image *k);

/* Ends the machine: status 0 reports success to QEMU, others failure. */
void hal_poweroff(int status) __attribute__((noreturn));
void hal_set_test_device(uint64_t pa);

/* Sv39 page tables. */
int vm_init(uint64_t ram_start, uint64_t ram_end);
pte_t *vm_create(void);
int vm_map(pte_t *root, uint64_t va, void *page, unsigned prot);
void *vm_user_page(pte_t *root, uint64_t va, unsigned need);
/* Unmaps `va`: the page if the table held a reference to it (owned or
 * shared memory), else NULL. */
void *vm_unmap(pte_t *root, uint64_t va);
/* New permissions for a mapped user page: 0, NX_EINVAL (no R, W or X),
 * NX_ENOENT (none is mapped) or NX_EACCES (W asked of a program cache page). */
int vm_protect(pte_t *root, uint64_t va, unsigned prot);
void vm_destroy(pte_t *root);
/* What the user page at `va` allows (VM_R, VM_W, VM_X; a copy-on-write
 * page counts as writable), 0 when none is mapped there. */
unsigned vm_page_prot(pte_t *root, uint64_t va);
/* Moves the user page at `from` to `to`, which holds none: the same page,
 * permissions and copy-on-write mark.  0, NX_ENOENT (nothing at `from`),
 * NX_EEXIST (`to` is taken), NX_EINVAL (`to` is not user space) or
 * NX_ENOMEM (no page for a table). */
int vm_move(pte_t *root, uint64_t from, uint64_t to);
/*
 * Copy-on-write (a fork): maps every user page of `src` below `end` into
 * `dst` too.  Pages either table owns become shared: read-only in both,
 * with a reference each, and a mapping the program may write is marked
 * to be copied at its first write (vm_cow_break).  The program cache's
 * pages and shared memory (VM_SHMEM, with a reference more) are shared
 * as they are.  0 or NX_ENOMEM (`dst` then holds what
 * was mapped so far; vm_destroy gives it back).
 */
int vm_fork(pte_t *dst, pte_t *src, uint64_t end);
/* A write to the copy-on-write page at `va`: the table gets a page of
 * its own (the same one when nobody else maps it any more), writable.
 * 0, NX_EFAULT (no such page there) or NX_ENOMEM. */
int vm_cow_break(pte_t *root, uint64_t va);

/* Entering U-mode and leaving a Subject's context for good. */
void uctx_enter(struct uctx *uc) __attribute__((noreturn));
void uctx_release(struct uctx *uc);
void uctx_reset_fpu(struct uctx *uc);
/* A fork's child gets the FPU registers `from` has now. */
void uctx_copy_fpu(struct uctx *to, struct uctx *from);

/* The FP registers of `uc` into uc->fp, from the CPU if they are there;
 * and after uc->fp changed, a return to `uc` loads them (cpu.c). */
void uctx_fpu_sync(struct uctx *uc);
void uctx_fpu_changed(struct uctx *uc);

/*
 * Linux signal frames (hal/riscv64/sigframe.c): what the frame records
 * beside the registers, the frame built from a context, the context
 * pointed at a handler, and the context taken back from a frame.
 */
#define SIGFRAME_SIZE	1088
struct sigframe_args {
	int sig;
	int32_t code;		/* si_code */
	uint32_t pid;		/* si_pid, for a sender */
	uint64_t addr;		/* si_addr, for a fault */
	uint64_t mask;		/* the blocked mask to restore */
	uint64_t ss_sp;		/* the alternate stack (uc_stack) */
	uint64_t ss_size;
	uint32_t ss_flags;
};
/* The two instructions `li a7, 139; ecall` (rt_sigreturn) into `code`. */
void sigframe_trampoline(uint32_t code[2]);
/* Linux's siginfo_t (SIGINFO_SIZE bytes) for `a`: rt_sigtimedwait's. */
#define SIGINFO_SIZE	128
void sigframe_siginfo(void *info, const struct sigframe_args *a);
/* Fills `frame` (SIGFRAME_SIZE bytes) from `uc` (uc->fp synced) and `a`. */
void sigframe_build(void *frame, const struct uctx *uc,
    const struct sigframe_args *a);
/* Enters `handler(sig, &info, &uc)` with the frame at `frame_va` as its
 * stack and `ret` as its return address. */
void sigframe_enter(struct uctx *uc, uint64_t frame_va, uint64_t handler,
    uint64_t ret, int sig);
/* Takes the registers and FP state back from `frame` into `uc`, and the
 * mask and alternate stack into `a`: 0, or NX_EINVAL for a frame that
 * cannot be right (a pc outside user space, reserved bits set), which
 * leaves `uc` as it was. */
int sigframe_restore(struct uctx *uc, const void *frame,
    struct sigframe_args *a);

/* Fibers: callee-saved registers of a suspended kernel fiber. */
/* A fiber's registers across a switch: those a call keeps, and gp and
 * tp, which the kernel never uses: they hold the Subject's, whose
 * doorbell leaves them in the CPU (trap.S). */
struct context {
	uint64_t ra, sp, s[12], gp, tp;
};
void fiber_switch(struct context *from, struct context *to);
void context_init(struct context *c, void *stack_top, void (*fn)(void *),
    void *arg);

/* The trap CSRs as they are now (for panic reports). */
void hal_trap_state(uint64_t *scause, uint64_t *sepc, uint64_t *stval);

/* Frame-pointer walk for backtraces: next frame, or 0. */
uint64_t hal_frame_next(uint64_t fp, uint64_t *ra);

#endif
