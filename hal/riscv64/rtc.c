/*
 * The Goldfish real-time clock of QEMU's virt machine: nanoseconds since
 * 1970 (UTC), following the host's clock.  The kernel reads it once at
 * boot and counts from there with the timer.
 */
#include "hal/hal.h"
#include "mmio.h"

#define TIME_LOW	0x00	/* reading it latches TIME_HIGH */
#define TIME_HIGH	0x04

uint64_t
rtc_read_ns(uint64_t pa)
{
	volatile uint32_t *r;
	uint32_t lo;

	if (!pa)
		return 0;
	r = mmio(pa);
	lo = r[TIME_LOW / 4];
	return (uint64_t)r[TIME_HIGH / 4] << 32 | lo;
}
