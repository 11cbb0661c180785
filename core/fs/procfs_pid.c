/*
 * The files of /proc/<pid>, in the layouts of Linux 6.1's
 * fs/proc/array.c and base.c: what ps, top, pidof and killall read.
 * Every generator gets the Subject just looked up by id and is done with
 * it before the text is copied to the reader.  A zombie shows its state,
 * ids and times, with no memory and an empty command line, as Linux's
 * do.  Fields rumpk has nothing for (page faults, nice, wchan) are 0.
 */
#include <string.h>

#include "fiber.h"
#include "fmt.h"
#include "fs/procfs_impl.h"
#include "console.h"
#include "subject.h"
#include "usercopy.h"

#define COMM_LEN	15	/* Linux's TASK_COMM_LEN less its NUL */
#define TTY_CONSOLE	(5 << 8 | 1)	/* /dev/console, as Linux encodes it */

static char
state_of(const struct subject *t)
{
	if (t->state == SUBJECT_ENDED)
		return 'Z';
	if (t->stopped)
		return 'T';
	return t->fiber.state == FIBER_RUNNABLE ? 'R' : 'S';
}

static const char *
state_name(char c)
{
	switch (c) {
	case 'R': return "R (running)";
	case 'T': return "T (stopped)";
	case 'Z': return "Z (zombie)";
	default: return "S (sleeping)";
	}
}

/* Its memory, in bytes: the program and heap, and its mappings.  A
 * zombie's is gone. */
static uint64_t
vm_bytes(const struct subject *t)
{
	uint64_t n;

	if (t->state == SUBJECT_ENDED || t->brk < NX_USER_BASE)
		return 0;
	n = t->brk - NX_USER_BASE;
	for (int i = 0; i < t->nvmas; i++)
		n += t->vmas[i].end - t->vmas[i].start;
	return n;
}

static uint64_t
rss_pages(const struct subject *t)
{
	return t->state == SUBJECT_ENDED ? 0 : t->pages;
}

static void
put_comm(struct pbuf *b, const struct subject *t)
{
	size_t n = strlen(t->name);

	pb_put(b, t->name, n < COMM_LEN ? n : COMM_LEN);
}

/* The signals it ignores and those it catches, one bit each. */
static void
dispositions(const struct subject *t, uint64_t *ign, uint64_t *cgt)
{
	*ign = *cgt = 0;
	for (int sig = 1; sig <= SIG_MAX; sig++) {
		uint64_t h = t->sig.act[sig - 1].handler;

		if (h == SIG_IGN_HANDLER)
			*ign |= 1ull << (sig - 1);
		else if (h != SIG_DFL_HANDLER)
			*cgt |= 1ull << (sig - 1);
	}
}

/* Its terminal (the console, for the console's session) and that
 * terminal's foreground group, or 0 and -1. */
static uint32_t
tty_of(const struct subject *t, long *tpgid)
{
	*tpgid = -1;
	if (t->sid != tty_session())
		return 0;
	*tpgid = tty_fg_pgrp();
	return TTY_CONSOLE;
}

/* pid (comm) state ppid pgrp session tty_nr tpgid flags minflt cminflt
 * majflt cmajflt utime stime cutime cstime priority nice num_threads
 * itrealvalue starttime vsize rss rsslim, then addresses and signals. */
static int
gen_stat(struct pbuf *b, struct subject *t)
{
	char st = state_of(t);
	uint64_t ign, cgt;
	long tpgid;
	uint32_t tty = tty_of(t, &tpgid);
	int live = t->state != SUBJECT_ENDED;

	dispositions(t, &ign, &cgt);
	pb_printf(b, "%u (", t->id);
	put_comm(b, t);
	pb_printf(b, ") %c %u %u %u %u %ld 0 0 0 0 0 ", st, t->parent,
	    t->job, t->sid, tty, tpgid);
	pb_printf(b, "%lu 0 %lu 0 20 0 1 0 %lu %lu %lu 18446744073709551615 ",
	    (unsigned long)procfs_clock_ticks(fiber_ran(&t->fiber)),
	    (unsigned long)procfs_clock_ticks(t->child_ran),
	    (unsigned long)procfs_clock_ticks(t->started),
	    (unsigned long)vm_bytes(t), (unsigned long)rss_pages(t));
	pb_printf(b, "%lu %lu %lu 0 0 %lu %lu %lu %lu 0 0 0 17 0 0 0 0 0 0 ",
	    live ? NX_USER_BASE : 0ul,
	    live ? (unsigned long)t->heap_start : 0ul,
	    live ? NX_STACK_TOP : 0ul,
	    (unsigned long)t->sig.pending, (unsigned long)t->sig.blocked,
	    (unsigned long)ign, (unsigned long)cgt);
	pb_printf(b, "0 0 %lu %lu %lu 0 0 %d\n",
	    live ? (unsigned long)t->heap_start : 0ul,
	    live ? (unsigned long)t->arg_start : 0ul,
	    live ? (unsigned long)t->arg_end : 0ul,
	    live ? 0 : t->end.status);
	return 0;
}

/* size resident shared text lib data dt, in pages. */
static int
gen_statm(struct pbuf *b, struct subject *t)
{
	uint64_t size = vm_bytes(t) / NX_PAGE_SIZE;
	uint64_t text = size ? (t->heap_start - NX_USER_BASE) / NX_PAGE_SIZE :
	    0;

	pb_printf(b, "%lu %lu 0 %lu 0 %lu 0\n", (unsigned long)size,
	    (unsigned long)rss_pages(t), (unsigned long)text,
	    (unsigned long)(size - text));
	return 0;
}

static void
kb(struct pbuf *b, const char *name, uint64_t bytes)
{
	pb_printf(b, "%s\t%8lu kB\n", name, (unsigned long)(bytes / 1024));
}

static void
ids(struct pbuf *b, const char *name, const uint32_t id[4])
{
	pb_printf(b, "%s\t%u\t%u\t%u\t%u\n", name, id[CRED_R], id[CRED_E],
	    id[CRED_S], id[CRED_FS]);
}

static void
status_memory(struct pbuf *b, const struct subject *t)
{
	uint64_t vm = vm_bytes(t), rss = rss_pages(t) * NX_PAGE_SIZE;

	if (!vm)
		return;		/* a zombie has none, and Linux says none */
	kb(b, "VmPeak:", vm);
	kb(b, "VmSize:", vm);
	kb(b, "VmLck:", 0);
	kb(b, "VmPin:", 0);
	kb(b, "VmHWM:", rss);
	kb(b, "VmRSS:", rss);
	kb(b, "RssAnon:", rss);
	kb(b, "RssFile:", 0);
	kb(b, "RssShmem:", 0);
	kb(b, "VmData:", vm - (t->heap_start - NX_USER_BASE));
	kb(b, "VmStk:", 0);
	kb(b, "VmExe:", t->heap_start - NX_USER_BASE);
	kb(b, "VmLib:", 0);
	kb(b, "VmPTE:", 0);
	kb(b, "VmSwap:", 0);
}

static int
gen_status(struct pbuf *b, struct subject *t)
{
	uint64_t ign, cgt;
	unsigned m = t->umask & 0777;

	dispositions(t, &ign, &cgt);
	pb_put(b, "Name:\t", 6);
	put_comm(b, t);
	pb_printf(b, "\nUmask:\t0%c%c%c\n", '0' + (m >> 6), '0' + (m >> 3 & 7),
	    '0' + (m & 7));
	pb_printf(b, "State:\t%s\nTgid:\t%u\nNgid:\t0\nPid:\t%u\nPPid:\t%u\n"
	    "TracerPid:\t0\n", state_name(state_of(t)), t->id, t->id,
	    t->parent);
	ids(b, "Uid:", t->cred.uid);
	ids(b, "Gid:", t->cred.gid);
	pb_printf(b, "FDSize:\t%d\nGroups:\t", NX_FD_MAX);
	for (uint32_t i = 0; i < t->cred.ngroups && i < CRED_GROUPS; i++)
		pb_printf(b, "%u ", t->cred.groups[i]);
	pb_printf(b, "\nNStgid:\t%u\nNSpid:\t%u\nNSpgid:\t%u\nNSsid:\t%u\n",
	    t->id, t->id, t->job, t->sid);
	status_memory(b, t);
	pb_printf(b, "Threads:\t1\nSigQ:\t0/0\nSigPnd:\t%016lx\n"
	    "ShdPnd:\t0000000000000000\nSigBlk:\t%016lx\nSigIgn:\t%016lx\n"
	    "SigCgt:\t%016lx\n", (unsigned long)t->sig.pending,
	    (unsigned long)t->sig.blocked, (unsigned long)ign,
	    (unsigned long)cgt);
	pb_printf(b, "Cpus_allowed:\t1\nCpus_allowed_list:\t0\n");
	return 0;
}

/* The argv strings, read from the process's memory where exec put them
 * (a program may rewrite them, as on Linux); empty for a zombie. */
static int
gen_cmdline(struct pbuf *b, struct subject *t)
{
	uint64_t len = t->arg_end - t->arg_start;

	if (t->state == SUBJECT_ENDED || t->arg_end <= t->arg_start)
		return 0;
	if (len > b->cap)
		len = b->cap;
	if (copy_from_user(t->uc.root, b->p, t->arg_start, len) != 0)
		return 0;	/* unmapped since: nothing to show */
	b->len = len;
	return 0;
}

static int
gen_comm(struct pbuf *b, struct subject *t)
{
	put_comm(b, t);
	pb_put(b, "\n", 1);
	return 0;
}

/* A link to `path`, one of the process's own: a zombie has none. */
static int
path_link(const struct subject *t, const char *path, char *buf, size_t size)
{
	size_t n = strlen(path);

	if (t->state == SUBJECT_ENDED || n == 0)
		return NX_ENOENT;
	if (n > size)
		n = size;
	memcpy(buf, path, n);
	return (int)n;
}

/* Its current directory: for those who may inspect it, as exe. */
static int
cwd_link(struct subject *t, struct subject *who, char *buf, size_t size)
{
	if (!procfs_may_inspect(who, t))
		return NX_EACCES;
	return path_link(t, t->cwd, buf, size);
}

/* Its program's file, by the path it was found under: the ELF file it
 * runs (for a script, the interpreter, as on Linux). */
static int
exe_link(struct subject *t, struct subject *who, char *buf, size_t size)
{
	if (!procfs_may_inspect(who, t))
		return NX_EACCES;
	return path_link(t, t->exe, buf, size);
}

const struct pentry procfs_pid[] = {
	{ "cmdline", NX_DT_FILE, gen_cmdline, NULL },
	{ "comm", NX_DT_FILE, gen_comm, NULL },
	{ "cwd", NX_DT_SYMLINK, NULL, cwd_link },
	{ "exe", NX_DT_SYMLINK, NULL, exe_link },
	{ "fd", NX_DT_DIR, NULL, NULL },
	{ "mounts", NX_DT_FILE, procfs_gen_mounts, NULL },
	{ "stat", NX_DT_FILE, gen_stat, NULL },
	{ "statm", NX_DT_FILE, gen_statm, NULL },
	{ "status", NX_DT_FILE, gen_status, NULL },
};
const unsigned procfs_npid = sizeof(procfs_pid) / sizeof(procfs_pid[0]);
