#include <string.h>

#include "console.h"
#include "fs/mount.h"
#include "fs/vfs.h"
#include "kernel.h"
#include "pcache.h"
#include "pmm.h"
#include "pollwait.h"
#include "provenance.h"
#include "spawn_actions.h"
#include "subject.h"

/*
 * One slot more than the limit: when the first Subject ends, the shell
 * that replaces it is started while the old one still runs on its kernel
 * stack (and so holds its slot), and it must find a slot even when the
 * others are all taken.  Ordinary spawns stop at MAX_SUBJECTS.
 */
#define SLOTS	SUBJECT_SLOTS

static struct subject subjects[SLOTS];
static uint32_t next_id = 1;
static uint32_t init_id;	/* the first Subject, 0 while there is none */

static struct subject *
taken_from(int i)
{
	for (; i < SLOTS; i++) {
		if (subjects[i].state != SUBJECT_FREE)
			return &subjects[i];
	}
	return NULL;
}

struct subject *
subject_first(void)
{
	return taken_from(0);
}

struct subject *
subject_next(const struct subject *s)
{
	return taken_from((int)(s - subjects) + 1);
}

struct subject *
subject_init(void)
{
	return init_id ? subject_by_id(init_id) : NULL;
}

/* A free slot, if fewer than `limit` are taken. */
static struct subject *
slot_alloc(int limit)
{
	struct subject *free = NULL;
	int used = 0;

	for (int i = 0; i < SLOTS; i++) {
		if (subjects[i].state != SUBJECT_FREE)
			used++;
		else if (!free)
			free = &subjects[i];
	}
	return used < limit ? free : NULL;
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
static void
install(struct subject *s, const struct image *im, const char *path)
{
	memset(&s->uc.tf, 0, sizeof(s->uc.tf));
	s->uc.tf.epc = im->entry;
	s->uc.tf.x[REG_SP] = im->sp;
	s->uc.tf.kernel_sp = (uintptr_t)(s->kstack + KSTACK_SIZE);
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
	provenance_subject(s->identity, s->id, &s->audit_start);
	im->systable->subject_id = s->id;
	im->systable->timebase_hz = timebase();
	im->systable->boot_epoch_ns = boot_epoch_ns();
	set_name(s, path);
}

static void
subject_main(void *arg)
{
	struct subject *s = arg;

	uctx_enter(&s->uc);
}

static void
take_image(struct subject *s, const struct image *im)
{
	s->heap_start = s->brk = im->image_end;
	s->pages = im->pages;
	s->text = im->text;
	s->native = im->native;
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

/* subject_spawn, with a limit on the slots taken. */
static long
spawn(struct subject *parent, const char *path, const struct exec_args *args,
    const struct spawn_actions *acts, int limit, char *why, size_t whylen)
{
	struct subject *s = slot_alloc(limit);
	struct image im;
	int err;

	if (!s) {
		strncpy(why, "too many Subjects", whylen);
		return NX_EAGAIN;
	}
	err = load_image(parent ? parent->cwd_vn : mount_root(), path, args,
	    &im, why, whylen);
	if (err)
		return err;
	err = child_fds(s, parent, acts, why, whylen);
	if (err) {
		load_discard(&im);
		return err;
	}
	s->state = SUBJECT_LIVE;
	s->id = next_id++;
	s->job = s->id;
	s->sid = parent ? parent->sid : s->id;
	s->stopped = s->jc_report = s->jc_sig = 0;
	s->parent = parent ? parent->id : 0;
	s->adopted = 0;
	s->shell = 0;
	s->seq = 0;
	s->kill_pending = 0;
	s->waiting = 0;
	subject_inherit(s, parent);
	install(s, &im, path);
	take_image(s, &im);
	fiber_start(&s->fiber, s->kstack + KSTACK_SIZE, subject_main, s);
	return s->id;
}

/* A new Subject is nobody's foreground until its parent waits for it. */
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
	int err = load_image(s->cwd_vn, path, args, &im, why, whylen);

	if (err)
		return err;
	err = replace_fds(s, acts, why, whylen);
	if (err) {
		load_discard(&im);
		return err;
	}
	install(s, &im, path);
	take_image(s, &im);
	vm_destroy(old);
	pcache_release(old_text);	/* only once nothing maps its pages */
	s->replaced = 1;
	s->shell = 0;		/* ^C now ends it, as any program */
	return 0;
}

struct subject *
subject_by_id(uint32_t id)
{
	for (int i = 0; i < SLOTS; i++) {
		if (subjects[i].state != SUBJECT_FREE && subjects[i].id == id)
			return &subjects[i];
	}
	return NULL;
}

void
subject_slab_totals(uint32_t *free, uint32_t *total)
{
	*free = *total = 0;
	for (int i = 0; i < SLOTS; i++) {
		if (subjects[i].state != SUBJECT_LIVE)
			continue;
		*free += subjects[i].slabs.nfree;
		*total += NX_SLABS;
	}
}

static int
live_count(void)
{
	int n = 0;

	for (int i = 0; i < SLOTS; i++)
		n += subjects[i].state == SUBJECT_LIVE;
	return n;
}

/* The first Subject takes in the live Subjects left without a parent. */
static void
adopt_orphans(struct subject *init)
{
	for (int i = 0; i < SLOTS; i++) {
		struct subject *c = &subjects[i];

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
	struct exec_args *a = page_alloc();
	const char *name = init_path;
	long id;

	if (!a)
		panic("no memory to start %s", init_path);
	for (const char *p = init_path; *p; p++) {
		if (p[0] == '/' && p[1])
			name = p + 1;	/* argv[0] is the file's name */
	}
	exec_args_add(a, 0, name);
	id = spawn(NULL, init_path, a, NULL, SLOTS, why, whylen);
	page_free(a);
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
 * the next one when `s` is the first), and the kernel frees its slot when
 * it ends, since nobody waits for it.
 */
static void
orphan_children(struct subject *s)
{
	for (int i = 0; i < SLOTS; i++) {
		struct subject *c = &subjects[i];

		if (c->state == SUBJECT_FREE || c->parent != s->id)
			continue;
		if (c->state == SUBJECT_ENDED) {
			c->state = SUBJECT_FREE;
			continue;
		}
		c->parent = s->id == init_id ? 0 : init_id;
		c->adopted = 1;
	}
}

void
subject_end(struct subject *s, const struct ending *e)
{
	struct subject *parent = s->parent ? subject_by_id(s->parent) : NULL;

	slab_reclaim(&s->slabs);
	vfs_subject_end(s);
	vm_destroy(s->uc.root);
	s->uc.root = NULL;
	pcache_release(s->text);	/* only once nothing maps its pages */
	s->text = NULL;
	uctx_release(&s->uc);
	s->end = *e;
	orphan_children(s);
	/* Still holding the slot (its stack is in use), so the shell started
	 * next gets another. */
	s->state = SUBJECT_ENDED;
	if (s->id == init_id)
		init_id = 0;
	if (init_id == 0)
		subject_start_init();
	if (parent && parent->state == SUBJECT_LIVE && !s->adopted)
		fiber_wakeup(parent);
	else
		s->state = SUBJECT_FREE;	/* nobody will wait for it */
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

long
subject_wait(struct subject *s, uint32_t id, struct ending *e)
{
	for (;;) {
		int children = 0;

		if (s->kill_pending)
			return NX_EINTR;
		for (int i = 0; i < SLOTS; i++) {
			struct subject *c = &subjects[i];

			if (c->state == SUBJECT_FREE || c->parent != s->id ||
			    c->adopted || (id && c->id != id))
				continue;
			children++;
			if (c->state == SUBJECT_ENDED) {
				*e = c->end;
				return c->id;
			}
		}
		if (!children)
			return NX_ECHILD;
		s->waiting = 1;
		s->wait_id = id;
		console_kick();		/* the child it waits for has it now */
		fiber_sleep(s);
		s->waiting = 0;
	}
}

void
subject_reap(struct subject *s, uint32_t id)
{
	struct subject *c = subject_by_id(id);

	if (c && c->state == SUBJECT_ENDED && c->parent == s->id) {
		s->child_ran += fiber_ran(&c->fiber) + c->child_ran;
		c->state = SUBJECT_FREE;
	}
}

int
subject_list(NxSubjectInfo *out, int max)
{
	int n = 0;

	for (int i = 0; i < SLOTS && n < max; i++) {
		struct subject *c = &subjects[i];

		if (c->state == SUBJECT_FREE)
			continue;
		memset(&out[n], 0, sizeof(out[n]));
		out[n].id = c->id;
		out[n].parent = c->parent;
		out[n].state = c->state == SUBJECT_ENDED ? NX_PS_ENDED :
		    c->waiting || c->fiber.state == FIBER_SLEEPING ?
		    NX_PS_WAITING : NX_PS_RUNNING;
		out[n].pages = c->state == SUBJECT_LIVE ? c->pages : 0;
		memcpy(out[n].identity, c->identity, sizeof(c->identity));
		memcpy(out[n].name, c->name, sizeof(out[n].name));
		n++;
	}
	return n;
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
		if (s->kill_pending)
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

int
subject_grow_stack(pte_t *root, uint64_t va)
{
	for (int i = 0; i < SLOTS; i++) {
		if (subjects[i].state == SUBJECT_LIVE &&
		    subjects[i].uc.root == root)
			return subject_stack_grow(&subjects[i], va);
	}
	return -1;	/* an image still loading: its stack top is mapped */
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

	if (addr >= guard && addr < guard + NX_PAGE_SIZE)
		what = "stack overflow (guard page)";
	kprintf("%s: killed: %s at %p (pc %p)\n", s->name, what,
	    (void *)addr, (void *)pc);
	subject_end(s, &e);
}

/*
 * Quiet is an empty doorbell, or one whose commands all ran in a batch
 * (none blocks or switches): then the address space, the FPU, kills and
 * preemption are as they were settled when the Subject last left the
 * kernel, and a kill or a tick can only arrive through a trap of its own.
 */
enum ecall_end
subject_ecall(struct uctx *uc)
{
	struct subject *s = (struct subject *)uc;
	struct trapframe *tf = &uc->tf;

	if (!s->native) {
		linux_syscall(s, tf);
		return ECALL_SETTLE;
	}
	if (tf->x[REG_A7] != NX_DOORBELL) {
		kprintf("rumpk: %s: unknown ecall 0x%lx\n", s->name,
		    (unsigned long)tf->x[REG_A7]);
		tf->x[REG_A0] = (uint64_t)(int64_t)NX_ENOSYS;
		return ECALL_SETTLE;
	}
	/* a0 asks for completions; every command completes before return. */
	return ion_doorbell(s, &tf->x[REG_A0]);
}

static int resched;

void
subject_tick(void)
{
	resched = 1;
	fiber_wakeup(sleepers);		/* each checks its own deadline */
	poll_tick();
}

void
subject_resume(struct uctx *uc)
{
	struct subject *s = (struct subject *)uc;

	check_killed(s);
	if (resched) {
		resched = 0;
		fiber_yield();
		check_killed(s);
	}
}
