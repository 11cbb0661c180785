#include <string.h>

#include "console.h"
#include "fs/mount.h"
#include "fs/vfs.h"
#include "kernel.h"
#include "pcache.h"
#include "pmm.h"
#include "pollwait.h"
#include "provenance.h"
#include "signal.h"
#include "spawn_actions.h"
#include "subject.h"

static uint32_t next_id = 1;
static uint32_t init_id;	/* the first Subject, 0 while there is none */

struct subject *
subject_init(void)
{
	return init_id ? subject_by_id(init_id) : NULL;
}

static void
set_name(struct subject *s, const char *path)
{
	const char *base = path;

	for (const char *p = path; *p; p++) {
		if (*p == '/' && p[1])
			base = p + 1;
	}
	strncpy(s->name, base, sizeof(s->name) - 1);
	s->name[sizeof(s->name) - 1] = '\0';
}

/* Points `s` at a freshly loaded image: registers, rings, SysTable. */
void
subject_install(struct subject *s, const struct image *im, const char *path)
{
	memset(&s->uc.tf, 0, sizeof(s->uc.tf));
	s->uc.tf.epc = im->entry;
	s->uc.tf.x[REG_SP] = im->sp;
	s->uc.tf.kernel_sp = (uintptr_t)subject_kstack_top(s);
	s->uc.root = im->root;
	uctx_reset_fpu(&s->uc);
	ring_format(im->cmd_page, NX_CMD_SLOTS, sizeof(CmdPacket));
	ring_format(im->cq_page, NX_CQ_SLOTS, sizeof(NxCompletion));
	ring_format(im->rx_page, NX_PKT_SLOTS, sizeof(NxPacket));
	ring_format(im->tx_page, NX_PKT_SLOTS, sizeof(NxPacket));
	ring_attach(&s->cmd, im->cmd_page, NX_CMD_SLOTS, sizeof(CmdPacket), 0);
	ring_attach(&s->cq, im->cq_page, NX_CQ_SLOTS, sizeof(NxCompletion), 1);
	ring_attach(&s->rx, im->rx_page, NX_PKT_SLOTS, sizeof(NxPacket), 1);
	ring_attach(&s->tx, im->tx_page, NX_PKT_SLOTS, sizeof(NxPacket), 0);
	slab_init(&s->slabs);
	s->tx_warned = 0;
	memcpy(s->slab_page, im->slab_page, sizeof(s->slab_page));
	memcpy(s->identity, im->identity, sizeof(s->identity));
	memcpy(s->exe, im->exe, strlen(im->exe) + 1);
	im->systable->subject_id = s->id;
	im->systable->timebase_hz = timebase();
	im->systable->boot_epoch_ns = boot_epoch_ns();
	set_name(s, path);
}

void
subject_main(void *arg)
{
	struct subject *s = arg;

	uctx_enter(&s->uc);
}

static void
take_image(struct subject *s, const struct image *im)
{
	s->heap_start = s->brk = im->image_end;
	s->arg_start = im->arg_start;
	s->arg_end = im->arg_end;
	s->pages = im->pages;
	s->text = im->text;
	s->native = im->native;
	s->uc.tf.native = im->native;	/* trap.S's doorbell test */
	s->nvmas = 0;
	memset(s->linux_told, 0, sizeof(s->linux_told));
	s->wake_at = 0;
}

/* The child's descriptors: its parent's, then the actions, then the
 * close-on-exec ones close (as posix_spawn: an action may dup2 one into
 * place).  0, or an error with nothing of them left. */
static int
child_fds(struct subject *s, struct subject *parent,
    const struct spawn_actions *acts, char *why, size_t whylen)
{
	int err;

	if (vfs_subject_begin(s, parent)) {
		strncpy(why, "out of memory for its descriptors", whylen);
		return NX_ENOMEM;
	}
	err = acts ? spawn_actions_apply(acts, &s->fds, why, whylen) : 0;
	if (err) {
		vfs_subject_end(s);
		return err;
	}
	fdt_exec(&s->fds);
	return 0;
}

/* Credentials and the creation mask come from the parent. */
void
subject_inherit(struct subject *child, const struct subject *parent)
{
	if (parent) {
		child->cred = parent->cred;
		child->umask = parent->umask;
	} else {
		memset(&child->cred, 0, sizeof(child->cred));
		child->umask = 022;
	}
	child->child_ran = 0;
}

/* The fields a new Subject starts with, whether spawned or forked. */
uint32_t
subject_last_id(void)
{
	return next_id - 1;
}

void
subject_begin(struct subject *s, const struct subject *parent)
{
	s->state = SUBJECT_LIVE;
	s->id = next_id++;
	s->job = s->id;
	s->sid = parent ? parent->sid : s->id;
	s->parent = parent ? parent->id : 0;
	s->started = hal_time();
	subject_inherit(s, parent);
}

/* subject_spawn, with a limit on the Subjects there are.  The program is
 * loaded before the block is taken, so a failed load leaves nothing. */
static long
spawn(struct subject *parent, const char *path, const struct exec_args *args,
    const struct spawn_actions *acts, int limit, char *why, size_t whylen)
{
	struct subject *s;
	struct image im;
	int err;

	err = load_image(parent ? parent->cwd_vn : mount_root(),
	    parent ? parent->cwd : "/", path, args,
	    &im, why, whylen);
	if (err)
		return err;
	s = subject_slot_alloc(limit);
	if (!s) {
		load_discard(&im);
		strncpy(why, "too many Subjects", whylen);
		return NX_EAGAIN;
	}
	err = child_fds(s, parent, acts, why, whylen);
	if (err) {
		subject_free(s, 0);
		load_discard(&im);
		return err;
	}
	subject_begin(s, parent);
	signal_init(s);
	subject_install(s, &im, path);
	take_image(s, &im);
	fiber_start(&s->fiber, subject_kstack_top(s), subject_main, s);
	return s->id;
}

/* A new Subject is nobody's foreground until its parent waits for it,
 * or hands it the terminal (NX_EXEC_FOREGROUND, cmd_sys.c). */
long
subject_spawn(struct subject *parent, const char *path,
    const struct exec_args *args, const struct spawn_actions *acts,
    uint32_t job, char *why, size_t whylen)
{
	long id = spawn(parent, path, args, acts, MAX_SUBJECTS, why, whylen);

	if (id > 0 && job)
		subject_by_id((uint32_t)id)->job = job;
	return id;
}

/*
 * The descriptors a replaced program gets: without actions, the
 * close-on-exec ones close.  With actions they are applied to a copy
 * (close-on-exec ones included, as posix_spawn), which replaces the
 * table, less its close-on-exec descriptors, only when every action
 * succeeded, while the old program's memory, which the actions' paths
 * are read from, is still there.
 */
static int
replace_fds(struct subject *s, const struct spawn_actions *acts, char *why,
    size_t whylen)
{
	struct fdtable t;
	int err;

	if (!acts) {
		vfs_exec(s);	/* the close-on-exec descriptors */
		return 0;
	}
	if (fdt_copy(&t, &s->fds)) {
		strncpy(why, "out of memory for its descriptors", whylen);
		return NX_ENOMEM;
	}
	err = spawn_actions_apply(acts, &t, why, whylen);
	if (err) {
		fdt_close_all(&t);
		return err;
	}
	fdt_exec(&t);
	/* A descriptor that goes lets the Subject's locks on its file go,
	 * as a close does. */
	for (int64_t fd = 0; fd < NX_FD_MAX; fd++) {
		struct file *f = fdt_get(&s->fds, fd);

		if (f && fdt_get(&t, fd) != f)
			vfs_unlock_file(s, f);
	}
	fdt_close_all(&s->fds);
	fdt_move(&s->fds, &t);
	return 0;
}

int
subject_replace(struct subject *s, const char *path,
    const struct exec_args *args, const struct spawn_actions *acts,
    char *why, size_t whylen)
{
	struct image im;
	pte_t *old = s->uc.root;
	struct pcache_file *old_text = s->text;
	int err = load_image(s->cwd_vn, s->cwd, path, args, &im, why,
	    whylen);

	if (err)
		return err;
	err = replace_fds(s, acts, why, whylen);
	if (err) {
		load_discard(&im);
		return err;
	}
	subject_install(s, &im, path);
	take_image(s, &im);
	if (!s->borrowed) {
		vm_destroy(old);
		pcache_release(old_text);  /* only once nothing maps its pages */
	}
	s->borrowed = 0;
	subject_vfork_done(s);
	signal_exec(s);
	s->replaced = 1;
	s->shell = 0;		/* ^C now ends it, as any program */
	return 0;
}

void
subject_slab_totals(uint32_t *free, uint32_t *total)
{
	*free = *total = 0;
	for (struct subject *c = subject_first(); c; c = subject_next(c)) {
		if (c->state != SUBJECT_LIVE || c->borrowed)
			continue;
		*free += c->slabs.nfree;
		*total += NX_SLABS;
	}
}

static int
live_count(void)
{
	int n = 0;

	for (struct subject *c = subject_first(); c; c = subject_next(c))
		n += c->state == SUBJECT_LIVE;
	return n;
}

/* The first Subject takes in the live Subjects left without a parent. */
static void
adopt_orphans(struct subject *init)
{
	for (struct subject *c = subject_first(); c; c = subject_next(c)) {
		if (c != init && c->state == SUBJECT_LIVE && c->parent == 0) {
			c->parent = init->id;
			c->adopted = 1;
		}
	}
}

static char init_path[NX_PATH_MAX] = INIT_PROGRAM;

void
subject_init_program(const char *path)
{
	strncpy(init_path, path, sizeof(init_path) - 1);
}

/* Starts init_path as the first Subject: its id, or an error (`why`). */
static long
spawn_init(char *why, size_t whylen)
{
	struct exec_args *a = exec_args_alloc();
	const char *name = init_path;
	long id;

	if (!a)
		panic("no memory to start %s", init_path);
	for (const char *p = init_path; *p; p++) {
		if (p[0] == '/' && p[1])
			name = p + 1;	/* argv[0] is the file's name */
	}
	exec_args_add(a, 0, name);
	/* No limit: the old first Subject may still be ending. */
	id = spawn(NULL, init_path, a, NULL, INT32_MAX, why, whylen);
	exec_args_free(a);
	return id;
}

void
subject_start_init(void)
{
	char why[128];
	long id = spawn_init(why, sizeof(why));

	if (id <= 0 && strcmp(init_path, INIT_PROGRAM) != 0) {
		kprintf("rumpk: cannot start init=%s: %s; starting %s\n",
		    init_path, why, INIT_PROGRAM);
		strcpy(init_path, INIT_PROGRAM);
		id = spawn_init(why, sizeof(why));
	}
	if (id > 0) {
		struct subject *init = subject_by_id((uint32_t)id);

		init_id = init->id;
		init->shell = 1;
		adopt_orphans(init);
		console_kick();		/* the console has a foreground again */
		return;
	}
	kprintf("rumpk: cannot start %s: %s\n", INIT_PROGRAM, why);
	if (live_count() > 0)
		return;		/* tried again when the next Subject ends */
	kprint("rumpk: nothing left to run; powering off\n");
	hal_poweroff(2);
}

/*
 * Its children have no parent to wait for them any more: one that has
 * ended is freed at once, a live one is adopted by the first Subject (by
 * the next one when `s` is the first), and the kernel frees it when it
 * ends, since nobody waits for it.
 */
static void
orphan_children(struct subject *s)
{
	struct subject *c = subject_first(), *next;

	for (; c; c = next) {
		next = subject_next(c);
		if (c->state == SUBJECT_FREE || c->parent != s->id)
			continue;
		if (c->state == SUBJECT_ENDED) {
			subject_free(c, 0);
			continue;
		}
		c->parent = s->id == init_id ? 0 : init_id;
		c->adopted = 1;
	}
}

/* What it holds goes back; a borrowed address space is its parent's. */
static void
release_memory(struct subject *s)
{
	if (!s->borrowed) {
		vm_destroy(s->uc.root);
		pcache_release(s->text);  /* only once nothing maps its pages */
	}
	s->uc.root = NULL;
	s->text = NULL;
	s->borrowed = 0;
}

void
subject_end(struct subject *s, const struct ending *e)
{
	struct subject *parent = s->parent ? subject_by_id(s->parent) : NULL;

	if (!s->borrowed)
		slab_reclaim(&s->slabs);
	subject_clear_tid(s);
	vfs_subject_end(s);
	release_memory(s);
	uctx_release(&s->uc);
	s->end = *e;
	subject_vfork_done(s);
	orphan_children(s);
	/* Still on its own stack, so it stays in the list until it is
	 * freed; the shell started next gets a block of its own. */
	s->state = SUBJECT_ENDED;
	if (s->id == init_id)
		init_id = 0;
	if (init_id == 0)
		subject_start_init();
	if (parent && parent->state == SUBJECT_LIVE && !s->adopted) {
		signal_send(parent, SIGCHLD);
		fiber_wakeup(parent);
	} else {
		subject_free(s, 1);	/* nobody will wait for it */
	}
	console_kick();		/* another Subject may own the console now */
	fiber_exit();
}

void
subject_exit(struct subject *s, int status)
{
	struct ending e = { NX_WAIT_EXITED, status, 0, 0, 0 };

	subject_end(s, &e);
}

void
subject_kill(struct subject *s)
{
	if (s->state != SUBJECT_LIVE)
		return;
	s->kill_pending = 1;
	fiber_wake(&s->fiber);
}

/* A killed Subject ends when it is next in the kernel on its own fiber. */
static void
check_killed(struct subject *s)
{
	struct ending e = { NX_WAIT_KILLED, 0, 0, 0, 0 };

	if (!s->kill_pending)
		return;
	kprintf("%s: interrupted\n", s->name);
	subject_end(s, &e);
}

static const char sleepers[1];		/* what sleeping Subjects wait on */

int
subject_sleep(struct subject *s, uint64_t ns)
{
	uint64_t hz = timebase();
	uint64_t ticks = ns / 1000000000 * hz + ns % 1000000000 * hz /
	    1000000000;
	uint64_t deadline = hal_time() + ticks;

	while (hal_time() < deadline) {
		if (subject_interrupted(s))
			return NX_EINTR;
		s->wake_at = deadline;
		timer_at(deadline);
		fiber_sleep(sleepers);
	}
	s->wake_at = 0;
	return 0;
}

void
subject_signal(struct subject *s, int sig)
{
	struct ending e = { NX_WAIT_KILLED, 128 + sig, 0, 0, 0 };

	subject_end(s, &e);
}

void
subject_fault(struct uctx *uc, uint64_t cause, const char *what,
    uint64_t addr, uint64_t pc)
{
	struct subject *s = (struct subject *)uc;
	struct ending e = { NX_WAIT_FAULTED, 0, (uint32_t)cause, addr, pc };
	uint64_t guard = NX_STACK_TOP - NX_STACK_SIZE - NX_PAGE_SIZE;

	/* A page fault (instruction, load, store) may be the stack growing;
	 * for other causes addr is no address. */
	if ((cause == 12 || cause == 13 || cause == 15) &&
	    subject_stack_grow(s, addr) == 0)
		return;		/* the instruction runs again */
	/* A store to a page shared since a fork copies it. */
	if (cause == 15) {
		int err = vm_cow_break(s->uc.root, addr & ~(NX_PAGE_SIZE - 1));

		if (err == 0)
			return;
		if (err == NX_ENOMEM)
			what = "out of memory for a copy-on-write page";
	}
	if (signal_fault(s, cause, addr, pc))
		return;		/* its handler runs on the way back */

	if (addr >= guard && addr < guard + NX_PAGE_SIZE)
		what = "stack overflow (guard page)";
	kprintf("%s: killed: %s at %p (pc %p)\n", s->name, what,
	    (void *)addr, (void *)pc);
	subject_end(s, &e);
}

/*
 * An ecall other than a native Subject's doorbell (trap.S sends that to
 * ion_doorbell), with the whole frame saved: a Linux system call, or an
 * ecall a native program should not make.
 */
void
subject_ecall(struct uctx *uc)
{
	struct subject *s = (struct subject *)uc;
	struct trapframe *tf = &uc->tf;

	if (!s->native) {
		linux_syscall(s, tf);
		return;
	}
	kprintf("rumpk: %s: unknown ecall 0x%lx\n", s->name,
	    (unsigned long)tf->x[REG_A7]);
	tf->x[REG_A0] = (uint64_t)(int64_t)NX_ENOSYS;
}

static int resched;

void
subject_tick(void)
{
	resched = 1;
	fiber_wakeup(sleepers);		/* each checks its own deadline */
	console_tick();		/* and readers waiting for VTIME */
	signal_tick();
	poll_tick();
}

void
subject_resume(struct uctx *uc)
{
	struct subject *s = (struct subject *)uc;

	subject_bury();
	check_killed(s);
	if (resched) {
		resched = 0;
		fiber_yield();
		check_killed(s);
	}
	signal_deliver(s);	/* may stop: killed meanwhile? */
	check_killed(s);
}
