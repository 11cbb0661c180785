/*
 * The files of /proc about the whole system, in the layouts of Linux
 * 6.1's fs/proc (Documentation/filesystems/proc.rst): memory from the
 * page allocator, times from the fibers' CPU accounting, the mount
 * table.  What rumpk does not have (swap, interrupts counted, load
 * averages) reads as zero; the counts it has are real.
 */
#include <string.h>

#include "fiber.h"
#include "fmt.h"
#include "fs/mount.h"
#include "fs/procfs.h"
#include "fs/procfs_impl.h"
#include "pcache.h"
#include "pmm.h"
#include "subject.h"

#define KB_PER_PAGE	(NX_PAGE_SIZE / 1024)

/* The hart and its ISA, as the device tree names them (main.c). */
static uint64_t cpu_hart;
static char cpu_isa[128] = "rv64imafdc";

void
procfs_set_cpu(uint64_t hart, const char *isa)
{
	cpu_hart = hart;
	if (isa) {
		strncpy(cpu_isa, isa, sizeof(cpu_isa) - 1);
		cpu_isa[sizeof(cpu_isa) - 1] = '\0';
	}
}

/* /proc/self: the caller's own directory. */
static int
self_link(struct subject *t, struct subject *who, char *buf, size_t size)
{
	char num[12];
	int n;

	(void)t;
	if (!who)
		return NX_ENOENT;	/* the kernel itself has no process */
	n = fmt_snprintf(num, sizeof(num), "%u", who->id);
	if ((size_t)n > size)
		n = (int)size;
	memcpy(buf, num, (size_t)n);
	return n;
}

/* /proc/mounts is a link to the caller's, as on Linux. */
static int
mounts_link(struct subject *t, struct subject *who, char *buf, size_t size)
{
	static const char target[] = "self/mounts";
	size_t n = sizeof(target) - 1 < size ? sizeof(target) - 1 : size;

	(void)t;
	(void)who;
	memcpy(buf, target, n);
	return (int)n;
}

/* One "Name:  value kB" line, the name padded to 16 as Linux's are. */
static void
kb_line(struct pbuf *b, const char *name, uint64_t pages)
{
	pb_printf(b, "%-16s%8lu kB\n", name,
	    (unsigned long)(pages * KB_PER_PAGE));
}

/* The root file system's pages in use: tmpfs memory, which Linux counts
 * as Shmem and Cached. */
static uint64_t
rootfs_pages(void)
{
	NxStatfs st;
	struct vnode *r = mount_root();

	if (!r || vn_statfs(r, &st) != 0 || st.blocks < st.blocks_free)
		return 0;
	return (st.blocks - st.blocks_free) * st.block_size / NX_PAGE_SIZE;
}

/* Free pages, and program pages no Subject maps (free on demand, so
 * available, as Linux's reclaimable page cache is). */
static int
gen_meminfo(struct pbuf *b, struct subject *t)
{
	uint64_t cached, idle, shmem = rootfs_pages();

	(void)t;
	pcache_stat(&cached, &idle);
	kb_line(b, "MemTotal:", pages_total());
	kb_line(b, "MemFree:", pages_free());
	kb_line(b, "MemAvailable:", pages_free() + idle);
	kb_line(b, "Buffers:", 0);
	kb_line(b, "Cached:", cached + shmem);
	kb_line(b, "SwapCached:", 0);
	kb_line(b, "Active:", cached - idle + shmem);
	kb_line(b, "Inactive:", idle);
	kb_line(b, "SwapTotal:", 0);
	kb_line(b, "SwapFree:", 0);
	kb_line(b, "Dirty:", 0);
	kb_line(b, "Shmem:", shmem);
	kb_line(b, "SReclaimable:", 0);
	return 0;
}

/* Seconds with two decimals from timebase ticks. */
static void
seconds(struct pbuf *b, uint64_t ticks, const char *end)
{
	uint64_t cs = procfs_clock_ticks(ticks);

	pb_printf(b, "%lu.%02lu%s", (unsigned long)(cs / 100),
	    (unsigned long)(cs % 100), end);
}

/* Timebase ticks since boot, and of them the idle fiber's. */
static uint64_t
ticks_now(void)
{
	return uptime_ns() / 1000 * timebase() / 1000000;
}

static int
gen_uptime(struct pbuf *b, struct subject *t)
{
	(void)t;
	seconds(b, ticks_now(), " ");
	seconds(b, fiber_idle_ran(), "\n");
	return 0;
}

/* Subjects that could run now (Linux's nr_running). */
static unsigned
running(void)
{
	unsigned n = 0;

	for (struct subject *c = subject_first(); c; c = subject_next(c)) {
		if (c->state == SUBJECT_LIVE && !c->stopped &&
		    c->fiber.state == FIBER_RUNNABLE)
			n++;
	}
	return n;
}

/* rumpk keeps no load averages: those read 0.00, the counts are real. */
static int
gen_loadavg(struct pbuf *b, struct subject *t)
{
	(void)t;
	pb_printf(b, "0.00 0.00 0.00 %u/%d %u\n", running(), subject_count(),
	    subject_last_id());
	return 0;
}

/* The CPU's time in clock ticks: all Subjects' is user time (the kernel's
 * share of it is not told apart), the idle fiber's is idle time. */
static int
gen_stat(struct pbuf *b, struct subject *t)
{
	uint64_t idle = fiber_idle_ran(), now = ticks_now();
	uint64_t user = procfs_clock_ticks(now > idle ? now - idle : 0);

	(void)t;
	idle = procfs_clock_ticks(idle);
	pb_printf(b, "cpu  %lu 0 0 %lu 0 0 0 0 0 0\n", (unsigned long)user,
	    (unsigned long)idle);
	pb_printf(b, "cpu%lu %lu 0 0 %lu 0 0 0 0 0 0\n",
	    (unsigned long)cpu_hart, (unsigned long)user,
	    (unsigned long)idle);
	pb_printf(b, "btime %lu\n",
	    (unsigned long)(boot_epoch_ns() / 1000000000));
	pb_printf(b, "processes %u\n", subject_last_id());
	pb_printf(b, "procs_running %u\n", running());
	pb_printf(b, "procs_blocked 0\n");
	return 0;
}

/* What /proc/mounts calls each file system rumpk mounts. */
static const struct {
	uint32_t dev;
	const char *source;
	const char *type;
} fs_names[] = {
	{ DEV_ROOT, "tmpfs", "tmpfs" },
	{ DEV_DEVICES, "devtmpfs", "devtmpfs" },
	{ DEV_PROC, "proc", "proc" },
};

static void
mount_line(struct pbuf *b, const struct vnode *root, const char *path)
{
	const char *source = "none", *type = "unknown";

	for (unsigned i = 0; i < sizeof(fs_names) / sizeof(fs_names[0]); i++) {
		if (fs_names[i].dev == root->dev) {
			source = fs_names[i].source;
			type = fs_names[i].type;
		}
	}
	pb_printf(b, "%s %s %s %s 0 0\n", source, path, type,
	    root->flags & VN_RDONLY ? "ro" : "rw");
}

/* The path of directory `dir`, a mounted root (mounts sit only in
 * those): "" for "/", so a name can follow a slash.  0 or NX_ENOENT. */
static int
root_path(const struct vnode *dir, char *buf, size_t size, int depth)
{
	const struct vnode *up, *r;
	const char *name;
	size_t len, n;
	int err;

	buf[0] = '\0';
	if (dir == mount_root())
		return 0;
	for (unsigned i = 0; depth < MAX_MOUNTS &&
	    (r = mount_nth(i, &up, &name, &len)); i++) {
		if (r != dir)
			continue;
		err = root_path(up, buf, size, depth + 1);
		n = strlen(buf);
		if (err || n + 1 + len >= size)
			return NX_ENOENT;
		buf[n] = '/';
		memcpy(buf + n + 1, name, len);
		buf[n + 1 + len] = '\0';
		return 0;
	}
	return NX_ENOENT;
}

int
procfs_gen_mounts(struct pbuf *b, struct subject *t)
{
	const struct vnode *dir, *r;
	const char *name;
	char path[NX_PATH_MAX];
	size_t len;

	(void)t;
	if (!mount_root())
		return 0;
	mount_line(b, mount_root(), "/");
	for (unsigned i = 0; (r = mount_nth(i, &dir, &name, &len)); i++) {
		size_t n;

		if (root_path(dir, path, sizeof(path), 0) != 0)
			continue;	/* a directory of no mounted root */
		n = strlen(path);
		if (n + 1 + len >= sizeof(path))
			continue;
		path[n] = '/';
		memcpy(path + n + 1, name, len);
		path[n + 1 + len] = '\0';
		mount_line(b, r, path);
	}
	return 0;
}

/* The release is uname's (core/linux/system.c). */
static int
gen_version(struct pbuf *b, struct subject *t)
{
	(void)t;
	pb_printf(b, "Linux version 6.1.0-rumpk (rumpk@rumpk) (gcc %s) "
	    "rumpk Linux personality\n", __VERSION__);
	return 0;
}

static int
gen_cpuinfo(struct pbuf *b, struct subject *t)
{
	(void)t;
	pb_printf(b, "processor\t: 0\nhart\t\t: %lu\nisa\t\t: %s\n"
	    "mmu\t\t: sv39\n\n", (unsigned long)cpu_hart, cpu_isa);
	return 0;
}

static int
gen_filesystems(struct pbuf *b, struct subject *t)
{
	(void)t;
	for (unsigned i = 0; i < sizeof(fs_names) / sizeof(fs_names[0]); i++)
		pb_printf(b, "nodev\t%s\n", fs_names[i].type);
	return 0;
}

const struct pentry procfs_sys[] = {
	{ "cpuinfo", NX_DT_FILE, gen_cpuinfo, NULL },
	{ "filesystems", NX_DT_FILE, gen_filesystems, NULL },
	{ "loadavg", NX_DT_FILE, gen_loadavg, NULL },
	{ "meminfo", NX_DT_FILE, gen_meminfo, NULL },
	{ "mounts", NX_DT_SYMLINK, NULL, mounts_link },
	{ "self", NX_DT_SYMLINK, NULL, self_link },
	{ "stat", NX_DT_FILE, gen_stat, NULL },
	{ "uptime", NX_DT_FILE, gen_uptime, NULL },
	{ "version", NX_DT_FILE, gen_version, NULL },
};
const unsigned procfs_nsys = sizeof(procfs_sys) / sizeof(procfs_sys[0]);
