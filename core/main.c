/*
 * The boot sequence: device tree, console, memory, paging, interrupts, the
 * root file system, then the first Subject.  The boot stack becomes the
 * idle fiber.
 */
#include <string.h>

#include "cmdline.h"
#include "console.h"
#include "fdt.h"
#include "fiber.h"
#include "fs/procfs.h"
#include "fs/vfs.h"
#include "kernel.h"
#include "pmm.h"
#include "provenance.h"
#include "random.h"
#include "ranges.h"
#include "subject.h"

#define DEFAULT_TIMEBASE 10000000ul	/* QEMU virt: 10 MHz */

static struct fdt_info fdt;
static uint64_t timebase_hz = DEFAULT_TIMEBASE;
static uint64_t boot_time;
static uint64_t epoch_ns;	/* the wall clock at boot_time, or 0 */

uint64_t
uptime_ns(void)
{
	uint64_t t = hal_time() - boot_time;

	return t / timebase_hz * 1000000000ull +
	    t % timebase_hz * 1000000000ull / timebase_hz;
}

uint64_t
timebase(void)
{
	return timebase_hz;
}

uint64_t
boot_epoch_ns(void)
{
	return epoch_ns;
}

uint64_t
realtime_ns(void)
{
	return epoch_ns + uptime_ns();
}

/* The RTC is read once; from then on the timer counts, so realtime and
 * uptime move together and neither ever steps. */
static void
clock_init(void)
{
	uint64_t now = rtc_read_ns(fdt.rtc_base), up = uptime_ns();

	if (!now) {
		kprint("rumpk: no RTC in the device tree; the wall clock "
		    "counts from boot (1970)\n");
		return;
	}
	epoch_ns = now > up ? now - up : 0;
}

/*
 * The generator's key and the provenance key, both from the rng-seed,
 * which is then wiped from the tree: with it, anyone who could read the
 * kernel's memory later could work out every key and so every number
 * handed out.  The timer goes in too, though it adds little: it is all
 * there is when the tree has no seed, and then everything is guessable.
 */
static void
keys_init(void)
{
	uint64_t noise[2] = { boot_time, hal_time() };
	uint8_t rng_key[CHACHA20_KEY_SIZE], prov_key[PROVENANCE_KEY_SIZE];

	if (fdt.rng_seed_len < 16)
		kprint("rumpk: no rng-seed in the device tree; random numbers "
		    "and the provenance key come from the timer (weak)\n");
	random_derive_keys(fdt.rng_seed, fdt.rng_seed_len, noise,
	    sizeof(noise), rng_key, prov_key);
	random_init(rng_key);
	provenance_init(prov_key);
	random_wipe((void *)fdt.rng_seed, fdt.rng_seed_len);
	random_wipe(rng_key, sizeof(rng_key));
	random_wipe(prov_key, sizeof(prov_key));
}

/*
 * The value of `key=<number>` on the command line, or `dflt` when it is
 * missing or not a number (which is said).
 */
static uint64_t
arg_number(const char *args, const char *key, uint64_t dflt)
{
	size_t l = strlen(key);

	for (const char *p = args; p && *p; p++) {
		uint64_t v = 0;
		const char *q = p + l;

		if ((p != args && p[-1] != ' ') || strncmp(p, key, l) != 0)
			continue;
		for (; *q >= '0' && *q <= '9' && v < (1ull << 40); q++)
			v = v * 10 + (uint64_t)(*q - '0');
		if (q > p + l && (*q == '\0' || *q == ' '))
			return v;
		kprintf("rumpk: %s wants a number; ignored\n", key);
		return dflt;
	}
	return dflt;
}

/* The root file system's space: fsmax=<MiB> on the command line, else
 * half of the pages free at boot. */
static uint64_t
fs_limit(void)
{
	uint64_t dflt = pages_free() / 2 * NX_PAGE_SIZE;
	uint64_t mib = arg_number(fdt.bootargs, "fsmax=", 0);

	return mib ? mib << 20 : dflt;
}

/* init=<path> on the command line: the first program instead of
 * NipBox (subject.c says so and falls back when it cannot start). */
static void
init_program(void)
{
	char path[NX_PATH_MAX];
	long n = cmdline_value(fdt.bootargs, "init=", path, sizeof(path));

	if (n == -1)
		return;
	if (n <= 0)
		kprintf("rumpk: init= %s; starting %s\n", n == 0 ?
		    "names no program" : "is too long a path", INIT_PROGRAM);
	else
		subject_init_program(path);
}

/* RAM the allocator may use: memory minus kernel, tree, initrd, reserved. */
static void
memory_init(uint64_t dtb)
{
	struct fdt_range holes[FDT_MAX_RANGES + 3], free[FDT_MAX_RANGES * 4];
	struct kernel_image k;
	int nholes = 0, nfree;

	hal_kernel_image(&k);
	holes[nholes++] = (struct fdt_range){ k.text_start, k.end - k.text_start };
	holes[nholes++] = (struct fdt_range){ dtb, fdt.total_size };
	if (fdt.has_initrd && fdt.initrd_end > fdt.initrd_start)
		holes[nholes++] = (struct fdt_range){ fdt.initrd_start,
		    fdt.initrd_end - fdt.initrd_start };
	for (int i = 0; i < fdt.nreserved; i++)
		holes[nholes++] = fdt.reserved[i];
	nfree = ranges_subtract(fdt.mem, fdt.nmem, holes, nholes, free,
	    FDT_MAX_RANGES * 4);
	pmm_init(free, nfree);
	if (vm_init(fdt.mem[0].base, fdt.mem[0].base + fdt.mem[0].size) != 0)
		panic("cannot build the kernel page table");
}

static void
banner(uint64_t hart)
{
	uint64_t ram = 0;

	for (int i = 0; i < fdt.nmem; i++)
		ram += fdt.mem[i].size;
	kprintf("\nrumpk: RISC-V 64 kernel, hart %lu, %lu MiB RAM\n",
	    (unsigned long)hart, (unsigned long)(ram >> 20));
	if (fdt.bootargs && fdt.bootargs[0])
		kprintf("rumpk: command line: %s\n", fdt.bootargs);
}

void
kmain(uint64_t hart, uint64_t dtb)
{
	const char *err;

	boot_time = hal_time();
	err = fdt_parse((const void *)(uintptr_t)dtb,
	    fdt_total_size((const void *)(uintptr_t)dtb, 40), &fdt);
	uart_init(fdt.uart_base);
	console_init();
	if (err)
		panic("device tree at %p: %s", (void *)(uintptr_t)dtb, err);
	if (fdt.nmem == 0)
		panic("device tree names no memory");
	if (fdt.timebase_hz)
		timebase_hz = fdt.timebase_hz;
	hal_set_test_device(fdt.test_base);
	banner(hart);
	procfs_set_cpu(hart, fdt.isa);
	memory_init(dtb);
	keys_init();
	clock_init();
	fiber_init();
	ion_init();
	irq_init(fdt.plic_base, fdt.uart_irq);
	/* After irq_init: a hart that claims Zbb falsely then panics with
	 * "illegal instruction" instead of hanging in OpenSBI's vector. */
	if (fdt_isa_has(&fdt, "zbb"))
		hal_enable_zbb();
	uart_enable_rx_irq();
	kprintf("rumpk: %lu of %lu pages free\n", (unsigned long)pages_free(),
	    (unsigned long)pages_total());
	if (cmdline_has(fdt.bootargs, "panic-test"))
		panic("panic-test requested on the command line");
	if (fdt.has_initrd && fdt.initrd_end > fdt.initrd_start)
		vfs_boot((const uint8_t *)(uintptr_t)fdt.initrd_start,
		    fdt.initrd_end - fdt.initrd_start, fs_limit());
	else
		vfs_boot(NULL, 0, 0);
	init_program();
	subject_start_init();
	fiber_idle_loop(provenance_idle);
}
