/*
 * The platform interrupt controller.  QEMU's virt machine wires hart 0's
 * S-mode external interrupt to PLIC context 1 (context 0 is M-mode).
 */
#include "plic.h"
#include "mmio.h"

#define PRIORITY(irq)	(4ul * (irq))
#define ENABLE(ctx)	(0x2000ul + 0x80ul * (ctx))
#define THRESHOLD(ctx)	(0x200000ul + 0x1000ul * (ctx))
#define CLAIM(ctx)	(0x200004ul + 0x1000ul * (ctx))
#define S_CONTEXT	1

static uint64_t plic_pa;

static volatile uint32_t *
reg(uint64_t off)
{
	return (volatile uint32_t *)mmio(plic_pa + off);
}

void
plic_init(uint64_t pa, uint32_t irq)
{
	plic_pa = pa;
	*reg(PRIORITY(irq)) = 1;
	*reg(ENABLE(S_CONTEXT) + 4 * (irq / 32)) |= 1u << (irq % 32);
	*reg(THRESHOLD(S_CONTEXT)) = 0;
}

uint32_t
plic_claim(void)
{
	return *reg(CLAIM(S_CONTEXT));
}

void
plic_complete(uint32_t irq)
{
	*reg(CLAIM(S_CONTEXT)) = irq;
}
