#include <string.h>

#include "console.h"
#include "kernel.h"
#include "pmm.h"
#include "subject.h"

static struct subject subjects[MAX_SUBJECTS];
static uint32_t next_id = 1;

static struct subject *
slot_alloc(void)
{
	for (int i = 0; i < MAX_SUBJECTS; i++) {
		if (subjects[i].state == SUBJECT_FREE)
			return &subjects[i];
	}
	return NULL;
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
	im->systable->subject_id = s->id;
	im->systable->timebase_hz = timebase();
	set_name(s, path);
}

static void
subject_main(void *arg)
{
	struct subject *s = arg;

	uctx_enter(&s->uc);
}

long
subject_spawn(const char *cwd, const char *path,
    const struct exec_args *args, char *why, size_t whylen)
{
	struct subject *s = slot_alloc();
	struct image im;
	int err;

	if (!s) {
		strncpy(why, "too many Subjects", whylen);
		return NX_EAGAIN;
	}
	err = load_image(cwd, path, args, &im, why, whylen);
	if (err)
		return err;
	s->state = SUBJECT_LIVE;
	strcpy(s->cwd, cwd);
	vfs_close_all(&s->files);
	s->id = next_id++;
	s->seq = 0;
	install(s, &im, path);
	fiber_start(&s->fiber, s->kstack + KSTACK_SIZE, subject_main, s);
	return s->id;
}

int
subject_replace(struct subject *s, const char *path,
    const struct exec_args *args, char *why, size_t whylen)
{
	struct image im;
	pte_t *old = s->uc.root;
	int err = load_image(s->cwd, path, args, &im, why, whylen);

	if (err)
		return err;
	install(s, &im, path);
	vm_destroy(old);
	s->replaced = 1;
	return 0;
}

struct subject *
subject_foreground(void)
{
	struct subject *fg = NULL;

	for (int i = 0; i < MAX_SUBJECTS; i++) {
		if (subjects[i].state == SUBJECT_LIVE &&
		    (!fg || subjects[i].id > fg->id))
			fg = &subjects[i];
	}
	return fg;
}

void
subject_slab_totals(uint32_t *free, uint32_t *total)
{
	*free = *total = 0;
	for (int i = 0; i < MAX_SUBJECTS; i++) {
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

	for (int i = 0; i < MAX_SUBJECTS; i++)
		n += subjects[i].state == SUBJECT_LIVE;
	return n;
}

void
subject_start_init(void)
{
	char why[128];
	struct exec_args *a = page_alloc();
	long id;

	if (!a)
		panic("no memory to start %s", INIT_PROGRAM);
	exec_args_add(a, 0, "nipbox");
	id = subject_spawn("/", INIT_PROGRAM, a, why, sizeof(why));
	page_free(a);
	if (id > 0)
		return;
	kprintf("rumpk: cannot start %s: %s\n", INIT_PROGRAM, why);
	kprint("rumpk: nothing left to run; powering off\n");
	hal_poweroff(2);
}

void
subject_exit(struct subject *s, int status)
{
	(void)status;
	slab_reclaim(&s->slabs);
	vfs_close_all(&s->files);
	vm_destroy(s->uc.root);
	s->uc.root = NULL;
	uctx_release(&s->uc);
	/* The last one out starts the shell again, so there's always a prompt. */
	if (live_count() == 1)
		subject_start_init();
	s->state = SUBJECT_FREE;
	console_kick();		/* another Subject may own the console now */
	fiber_exit();
}

void
subject_fault(struct uctx *uc, const char *cause, uint64_t addr, uint64_t pc)
{
	struct subject *s = (struct subject *)uc;

	kprintf("%s: killed: %s at %p (pc %p)\n", s->name, cause,
	    (void *)addr, (void *)pc);
	subject_exit(s, -1);
}

void
subject_ecall(struct uctx *uc)
{
	struct subject *s = (struct subject *)uc;
	struct trapframe *tf = &uc->tf;
	int64_t r;

	if (tf->x[REG_A7] != NX_DOORBELL) {
		kprintf("rumpk: %s: unknown ecall 0x%lx\n", s->name,
		    (unsigned long)tf->x[REG_A7]);
		tf->x[REG_A0] = (uint64_t)(int64_t)NX_ENOSYS;
		return;
	}
	s->replaced = 0;
	r = ion_doorbell(s, tf->x[REG_A0]);
	if (!s->replaced)
		tf->x[REG_A0] = (uint64_t)r;
}
