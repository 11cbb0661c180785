/*
 * Subjects: isolated user programs.  Each has its own Sv39 address space,
 * a kernel fiber with its own stack, and a command and completion ring.
 */
#ifndef RUMPK_SUBJECT_H
#define RUMPK_SUBJECT_H

#include <stdint.h>

#include "cred.h"
#include "fiber.h"
#include "kernel.h"
#include "fs/fdtable.h"
#include "fs/uio.h"
#include "hal/hal.h"
#include "loader/load.h"
#include "ring.h"
#include "signal.h"
#include "siphash.h"
#include "slab.h"

struct spawn_actions;
struct vnode;

/* Subjects there may be at once (the first Subject's replacement may
 * pass it); a spawn or fork also leaves SUBJECT_RESERVE pages free, so
 * a fork bomb leaves the shell room to work. */
#define MAX_SUBJECTS	1024
#define SUBJECT_RESERVE	512
#define KSTACK_SIZE	16384
#define INIT_PROGRAM	"/bin/nipbox"

enum subject_state {
	SUBJECT_FREE,
	SUBJECT_LIVE,
	SUBJECT_ENDED,		/* gone, but its parent has not waited yet */
};

/* Linux calls a Subject was told are not supported, one bit per number;
 * numbers past the last share the last bit. */
#define LINUX_TOLD_BITS	512

/* A mapping made with Linux's mmap. */
#define MAX_VMAS	32
#define MMAP_BASE	0x0000000050000000ul	/* up to NX_HEAP_TOP */

/* vma flags.  A mapping of a file, or of shared memory, has its pages
 * from mmap on: a page it lacks (past the file's end, or dropped by
 * mprotect(PROT_NONE)) is never made afresh, and it does not grow. */
#define VMA_FIXED_PAGES	1u
#define VMA_NO_WRITE	2u	/* shared, of a file not open for writing */

struct vma {
	uint64_t start;
	uint64_t end;
	uint32_t flags;		/* VMA_* */
};

/* A stop or a continue not yet reported to the parent (jc_report). */
#define JC_STOPPED	1
#define JC_CONTINUED	2

/* How a Subject ended, kept for its parent's CMD_SYS_WAIT.  Ended by a
 * signal: how NX_WAIT_KILLED, status 128 + the signal. */
struct ending {
	uint32_t how;		/* NX_WAIT_* */
	int32_t status;
	uint32_t cause;
	uint64_t addr;
	uint64_t pc;
};

struct subject {
	struct uctx uc;		/* first: the HAL hands it back to us */
	struct fiber fiber;
	enum subject_state state;
	uint32_t id;
	uint32_t parent;	/* id of the parent, 0 when it has none */
	uint32_t job;		/* its job, Unix's process group: the id of
				 * the Subject leading it (its own, unless it
				 * joined a sibling's or called setpgid) */
	uint32_t sid;		/* its session: the id of its leader */
	int stopped;		/* stopped by a signal until SIGCONT */
	int jc_report;		/* JC_STOPPED or JC_CONTINUED, for a parent's
				 * wait with WUNTRACED or WCONTINUED; 0 once
				 * reported */
	int jc_sig;		/* the signal that stopped it */
	int adopted;		/* its parent ended; the first Subject has it */
	int shell;		/* the first Subject, still the shell started */
	int kill_pending;	/* Ctrl-C or CMD_SYS_KILL: end at next chance */
	int intr_key;		/* the native shell's own command was
				 * interrupted by a signal key: its next read
				 * or write, or the wait it is in, ends with
				 * NX_EINTR (cleared then, and at its prompt) */
	int waiting;		/* blocked in subject_wait (foreground, ps) */
	uint32_t wait_id;	/* the child it waits for, 0 for any */
	uint32_t fg_spawn;	/* a child started with NX_EXEC_FOREGROUND,
				 * in the chain of waits until it waits */
	struct ending end;
	uint64_t heap_start;	/* first byte after the program image */
	uint64_t brk;		/* end of the heap */
	uint32_t pages;		/* user pages it owns (not shared ones) */
	struct pcache_file *text;	/* its file's shared pages, or NULL */
	int native;		/* libnexus program; else Linux system calls */
	struct vma vmas[MAX_VMAS];	/* mappings (Linux mmap) */
	int nvmas;
	uint64_t linux_told[LINUX_TOLD_BITS / 64];
	uint64_t wake_at;	/* sleeping until this time, or 0 */
	char name[32];
	uint8_t identity[16] __attribute__((aligned(8)));	/* copy16 */
	struct ring cmd;	/* we consume */
	struct ring cq;		/* we produce */
	struct ring rx;		/* we produce: console input */
	struct ring tx;		/* we consume: output */
	/* The doorbell's: near the start, one instruction to address. */
	uint32_t seq;		/* commands accepted so far */
	int batching;		/* running a batched command: it must not wait */
	int replaced;		/* set when exec replaced the program */
	struct slab_pool slabs;
	uint8_t *slab_page[SLAB_PAGES];
	struct fdtable fds;	/* descriptors (core/fs/fdtable.h) */
	struct vnode *cwd_vn;	/* the current directory, held */
	char cwd[NX_PATH_MAX];	/* its canonical absolute path */
	char exe[NX_PATH_MAX];	/* its program's (/proc/<pid>/exe), or "" */
	int tx_warned;		/* said once that its tx ring is corrupt */
	/* Processes (core/fork.c, core/subject_wait.c). */
	struct subject *link;	/* the list of Subjects (subject.c) */
	int borrowed;		/* a vfork child: runs in its parent's
				 * address space, never frees it */
	uint32_t vfork_child;	/* asleep until this child execs or ends */
	uint64_t clear_tid;	/* zeroed when it ends (CLONE_CHILD_CLEARTID,
				 * set_tid_address) */
	/* Its signals (core/signal.h): 2.6 KiB, so after the fields the
	 * doorbell reads, which stay within a 12-bit offset of the start. */
	struct sigstate sig;
	/* Unix credentials, the file-mode creation mask and the CPU time
	 * of the children waited for: a child (spawn or fork) gets the
	 * first two from its parent (subject_inherit). */
	struct cred cred;
	uint32_t umask;
	uint64_t child_ran;	/* timebase ticks */
	/* What /proc shows (core/fs/procfs*.c): when it started (timebase
	 * ticks), and where its argv strings lie in its memory, as Linux
	 * reads /proc/<pid>/cmdline from the process itself. */
	uint64_t started;
	uint64_t arg_start, arg_end;
	uint8_t kstack[KSTACK_SIZE] __attribute__((aligned(16)));
};

/*
 * The top of the Subject's kernel stack, where its fiber starts and each
 * trap starts again (trapframe.kernel_sp): below one word that holds
 * the Subject's address, the doorbell's way back to its frame
 * (trap.S).
 */
static inline void *
subject_kstack_top(struct subject *s)
{
	uint64_t *top = (uint64_t *)(void *)(s->kstack + KSTACK_SIZE) - 2;

	top[0] = (uintptr_t)s;
	return top;
}

/* A new Subject's credentials and umask: its parent's, or root's and
 * 022 for the first. */
void subject_inherit(struct subject *child, const struct subject *parent);

/* Starts a program as a new Subject, child of `parent` (NULL: none),
 * its descriptors the parent's changed by `acts` (NULL: none), in job
 * `job` (0: a job of its own; else subject_job_ok's): its id, or an
 * NX_E* error (reason in `why`) leaving nothing behind. */
long subject_spawn(struct subject *parent, const char *path,
    const struct exec_args *args, const struct spawn_actions *acts,
    uint32_t job, char *why, size_t whylen);
/* Replaces the program of `s`, applying `acts` (NULL: none) to its
 * descriptors once the new program is loaded: 0, or an error leaving
 * `s` as it was. */
int subject_replace(struct subject *s, const char *path,
    const struct exec_args *args, const struct spawn_actions *acts,
    char *why, size_t whylen);
/* Copies a NULL-terminated user array of strings (argv, or envp when
 * `env`) into `a` (cmd_sys.c): 0, NX_EFAULT or NX_E2BIG. */
int exec_args_from_user(struct subject *s, struct exec_args *a, uint64_t uv,
    int env);
/* Whether `s` may start a Subject in job `job`: one led by a child of
 * its own (not waited for yet), as a shell puts every program of a
 * pipeline in the first one's job.  0 or NX_ESRCH. */
int subject_job_ok(const struct subject *s, uint32_t job);
/* Puts `s`'s new child `child` in the chain of waits until `s` waits:
 * its job has the terminal from its start (NX_EXEC_FOREGROUND). */
void subject_hand_terminal(struct subject *s, uint32_t child);
void subject_exit(struct subject *s, int status) __attribute__((noreturn));
/* Ends `s` now with `e` as the reason; frees all it holds. */
void subject_end(struct subject *s, const struct ending *e)
    __attribute__((noreturn));
/* Asks `s` to end as soon as it is back in the kernel. */
void subject_kill(struct subject *s);
/* Waits for a child (`id`, or any when 0) to end: its id with `*e`
 * filled, or NX_ECHILD, NX_EINTR (the caller is being killed).  Adopted
 * Subjects are nobody's to wait for.  The child keeps its slot until
 * subject_reap(), so a status that cannot be delivered is not lost: the
 * next wait finds it again. */
long subject_wait(struct subject *s, uint32_t id, struct ending *e);
/* Frees the slot of `s`'s ended child `id` once its status is delivered. */
void subject_reap(struct subject *s, uint32_t id);
struct subject *subject_by_id(uint32_t id);
/* Fills up to `max` entries about the Subjects there are, from the
 * `skip`th on; the count filled. */
int subject_list(NxSubjectInfo *out, int skip, int max);
/* How many Subjects there are (live or ended, not yet freed). */
int subject_count(void);
/* The id given last (the last pid, as /proc/loadavg says). */
uint32_t subject_last_id(void);
/* The list itself (subject_list.c): a fresh zeroed Subject, not
 * started yet, or NULL (too many, or memory is short): at most `limit`
 * Subjects, or MAX_SUBJECTS. */
struct subject *subject_slot_alloc(int limit);
struct subject *subject_alloc(void);
/* Takes `s` out; `running`: it is the caller, still on its stack. */
void subject_free(struct subject *s, int running);
/* Gives back the Subjects freed while they ran. */
void subject_bury(void);
/* Points `s` at an image: registers, rings, SysTable, name. */
void subject_install(struct subject *s, const struct image *im,
    const char *path);
/* A Subject's fiber: enters user mode with its registers. */
void subject_main(void *arg);
/* Its id, parent, session and job; then it is LIVE. */
void subject_begin(struct subject *s, const struct subject *parent);

/* Processes (core/fork.c).  A copy of `s` (Linux clone, fork semantics,
 * or with `vfork` running in the parent's address space on stack `sp`,
 * 0 for the parent's; subject_vfork_wait then):
 * the child's id, or NX_EAGAIN, NX_ENOMEM. */
#define FORK_VM		1u	/* run in the parent's address space */
long subject_fork(struct subject *s, unsigned how, uint64_t sp);
/* The parent of a vfork child sleeps until the child execs or ends. */
void subject_vfork_wait(struct subject *p, struct subject *c);
/* A vfork child execs or ends: its parent runs again. */
void subject_vfork_done(struct subject *s);
/* The Subject ends: its clear_tid word is zeroed, as Linux does. */
void subject_clear_tid(struct subject *s);

/* Waiting (core/subject_wait.c) for Linux's wait4 and waitid: which
 * children a wait is for, and what it may report. */
struct wait_sel {
	int64_t pid;		/* > 0 one child, -1 any, 0 own group,
				 * < -1 group -pid */
	unsigned flags;		/* WAIT_* */
};
#define WAIT_NOHANG	1u
#define WAIT_STOPPED	2u	/* WUNTRACED */
#define WAIT_CONTINUED	4u
#define WAIT_EXITED	8u	/* children that ended (waitid may omit) */
#define WAIT_NOREAP	16u	/* WNOWAIT: leave it to be waited for */
/* What a wait found: an ended child (`e`), or a stop or continue. */
struct wait_found {
	uint32_t id;
	int jc;			/* 0: ended; else JC_STOPPED, JC_CONTINUED */
	int sig;		/* the stop signal */
	struct ending e;
};
/* A child's id with `*f` filled (an ended one freed unless
 * WAIT_NOREAP), 0 for WAIT_NOHANG with nothing to report, NX_ECHILD,
 * NX_EINTR. */
long subject_wait_sel(struct subject *s, const struct wait_sel *w,
    struct wait_found *f);
/* User memory (subject_mem.c). */
/* Moves the heap's end: the new end, or NX_ENOMEM. */
int64_t subject_brk(struct subject *s, uint64_t brk);
/* Sleeps `ns` nanoseconds: 0, or NX_EINTR when the Subject is killed. */
int subject_sleep(struct subject *s, uint64_t ns);
/* Ends the Subject as if by signal `sig` (Linux kill of itself). */
void subject_signal(struct subject *s, int sig) __attribute__((noreturn));
/* Maps fresh zeroed pages, shared memory a fork shares when `prot` has
 * VM_SHMEM: 0, or NX_ENOMEM (any taken are given back). */
int subject_map(struct subject *s, uint64_t start, uint64_t end,
    unsigned prot);
void subject_unmap(struct subject *s, uint64_t start, uint64_t end);
/* Maps the bytes of `vn` from `off` at [start, end): with `shared`, the
 * file's own pages (stores change the file), else private copies.  Pages
 * wholly past the file's end stay unmapped.  0 or an NX_E* error (any
 * pages taken are given back). */
int subject_map_file(struct subject *s, uint64_t start, uint64_t end,
    struct vnode *vn, uint64_t off, unsigned prot, int shared);
/* Moves the pages of [from, from + len) to `to` (a range holding none),
 * copy-on-write marks and all: 0, or NX_ENOMEM with every page back where
 * it was. */
int subject_move(struct subject *s, uint64_t from, uint64_t to,
    uint64_t len);
/* Maps the stack page at `va` of the Subject with table `root` if it is
 * inside the stack and not mapped yet: 0 if it did. */
int subject_grow_stack(pte_t *root, uint64_t va);
/* The same for Subject `s` (subject_mem.c). */
int subject_stack_grow(struct subject *s, uint64_t va);
/* Gives `s` its own copy of the shared page at `va`, mapped with `prot`
 * (Linux mprotect asking for W): 0, NX_ENOENT or NX_ENOMEM. */
int subject_unshare(struct subject *s, uint64_t va, unsigned prot);

/* The Linux personality (core/linux/). */
void linux_syscall(struct subject *s, struct trapframe *tf);
/* Starts INIT_PROGRAM as the first Subject, which adopts the Subjects
 * without a parent; says why if it cannot, and powers off when nothing
 * is left to run. */
void subject_start_init(void);
/* The first program is `path` (init= on the command line), started with
 * its file name as argv[0]; when it cannot be, that is said once and
 * INIT_PROGRAM is started from then on. */
void subject_init_program(const char *path);

/*
 * The Subject that console input goes to: the first Subject, or the child
 * it is blocked waiting for, or the child that one waits for, and so on.
 * A Subject nobody waits for never has the console.  NULL before the
 * first Subject starts.
 */
struct subject *subject_foreground(void);
/* The Subjects there are, live or ended and not yet freed, in no set
 * order: for (c = subject_first(); c; c = subject_next(c)). */
struct subject *subject_first(void);
struct subject *subject_next(const struct subject *s);
/* The first Subject (the shell the kernel started), or NULL. */
struct subject *subject_init(void);
/* Slab totals over all live Subjects. */
void subject_slab_totals(uint32_t *free, uint32_t *total);

/*
 * The doorbell (ion.c), called by trap.S with the Subject (its frame is
 * the first thing in it, holding only what the doorbell keeps): runs the
 * commands queued and answers, in a0 and a1, the number of completions
 * waiting (or an error) for the Subject's a0, and how to return:
 * ECALL_QUIET when only batched commands ran (nothing blocked, switched
 * Subjects or replaced the program), ECALL_NEW_FRAME when the program was
 * replaced (a0 is then the new program's, in its frame).
 */
struct doorbell_answer {
	uint64_t a0;
	uint64_t end;		/* enum ecall_end */
};
struct doorbell_answer ion_doorbell(struct subject *s);
/* Makes the doorbell's table of commands that may share a batch. */
void ion_init(void);
/* The kernel's view of slab `i` of `s`. */
uint8_t *ion_slab(struct subject *s, uint32_t i);

#endif
