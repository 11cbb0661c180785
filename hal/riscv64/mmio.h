#ifndef RUMPK_MMIO_H
#define RUMPK_MMIO_H

#include <stdint.h>

/*
 * Devices are reached physically until paging is on, then through a 1 GiB
 * window in the upper half: user space owns the low 2 GiB, where the
 * devices of QEMU's virt machine sit.
 */
#define MMIO_WINDOW	0xffffffc000000000ul

extern uint64_t mmio_offset;

static inline volatile void *
mmio(uint64_t pa)
{
	return (volatile void *)(uintptr_t)(pa + mmio_offset);
}

#endif
