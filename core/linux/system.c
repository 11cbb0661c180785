/* What a Linux program asks about the system: name, memory, limits,
 * random bytes. */
#include <string.h>

#include "linux.h"
#include "pcache.h"
#include "pmm.h"
#include "random.h"
#include "usercopy.h"

#define RLIMIT_DATA	2
#define RLIMIT_STACK	3
#define RLIMIT_AS	9

struct linux_utsname {
	char sysname[65], nodename[65], release[65], version[65];
	char machine[65], domainname[65];
};

struct linux_sysinfo {
	int64_t uptime;
	uint64_t loads[3];
	uint64_t totalram, freeram, sharedram, bufferram, totalswap, freeswap;
	uint16_t procs, pad;
	uint64_t totalhigh, freehigh;
	uint32_t mem_unit;
	char reserved[4];
};

_Static_assert(sizeof(struct linux_sysinfo) == 112, "Linux struct sysinfo");

struct linux_rlimit {
	uint64_t cur, max;
};

static void
set_field(char *f, const char *v)
{
	strncpy(f, v, 64);
	f[64] = '\0';
}

int64_t
sys_uname(struct subject *s, const uint64_t *a)
{
	struct linux_utsname u;

	memset(&u, 0, sizeof(u));
	set_field(u.sysname, "Linux");
	set_field(u.nodename, "rumpk");
	set_field(u.release, "6.1.0-rumpk");
	set_field(u.version, "rumpk Linux personality");
	set_field(u.machine, "riscv64");
	return copy_to_user(s->uc.root, a[0], &u, sizeof(u));
}

int64_t
sys_sysinfo(struct subject *s, const uint64_t *a)
{
	struct linux_sysinfo si;
	uint64_t cached, idle;

	memset(&si, 0, sizeof(si));
	si.uptime = (int64_t)(uptime_ns() / 1000000000);
	si.totalram = pages_total();
	si.freeram = pages_free();
	/* Program pages no Subject maps are free on demand: Linux's nearest
	 * is the buffer memory a program adds to free memory. */
	pcache_stat(&cached, &idle);
	si.bufferram = idle;
	si.procs = (uint16_t)subject_count();
	si.mem_unit = NX_PAGE_SIZE;
	return copy_to_user(s->uc.root, a[0], &si, sizeof(si));
}

int64_t
sys_prlimit64(struct subject *s, const uint64_t *a)
{
	struct linux_rlimit r = { UINT64_MAX, UINT64_MAX };

	if (a[0] != 0 && a[0] != s->id)
		return NX_ESRCH;
	if (a[2])
		return NX_EPERM;	/* limits are the kernel's */
	if (a[1] == RLIMIT_STACK)
		r.cur = r.max = NX_STACK_SIZE;
	if (a[1] == RLIMIT_AS || a[1] == RLIMIT_DATA)
		r.cur = r.max = LINUX_AS_MAX;
	if (!a[3])
		return 0;
	return copy_to_user(s->uc.root, a[3], &r, sizeof(r));
}

int64_t
sys_getrandom(struct subject *s, const uint64_t *a)
{
	uint8_t buf[256];
	uint64_t len = a[1] < sizeof(buf) ? a[1] : sizeof(buf);

	random_bytes(buf, len);
	if (copy_to_user(s->uc.root, a[0], buf, len))
		return NX_EFAULT;
	return (int64_t)len;
}

/*
 * rumpk has no network and no local sockets: every address family is
 * one it does not support.  That is an answer a program can act on (glibc
 * looking for nscd's socket falls back to the files), so it is given
 * quietly, not reported as a missing call.
 */
int64_t
sys_socket(struct subject *s, const uint64_t *a)
{
	(void)s;
	(void)a;
	return NX_EAFNOSUPPORT;
}
