#include <string.h>

#include "errors.h"
#include "fmt.h"
#include "fs/path.h"
#include "fs/vnode.h"
#include "kernel.h"
#include "loader/elf.h"
#include "loader/load.h"
#include "loader/script.h"
#include "pcache.h"
#include "pmm.h"
#include "provenance.h"
#include "random.h"
#include "usercopy.h"

#define PAGE NX_PAGE_SIZE
#define MAX_AUXV 16
/* Stack pages mapped at exec at least; build_stack maps as many more as
 * the arguments need (the rest come as the stack grows). */
#define STACK_EAGER 2

/* Every read of the program goes through its vnode, into kernel memory:
 * 0 when all `len` bytes came. */
static int
read_at(struct vnode *vn, uint64_t off, void *buf, size_t len)
{
	struct uio u;

	if (off > INT64_MAX)
		return -1;
	uio_kernel(&u, NULL, buf, len);
	return vn_read(vn, off, &u) == (int64_t)len ? 0 : -1;
}

static int
read_image(void *ctx, uint64_t off, void *buf, size_t len)
{
	return read_at(ctx, off, buf, len);
}

/* Maps one fresh zeroed page; returns its kernel view or NULL. */
static void *
map_page(pte_t *root, uint64_t va, unsigned prot)
{
	void *page = page_alloc();

	if (!page)
		return NULL;
	if (vm_map(root, va, page, prot) != 0) {
		page_free(page);
		return NULL;
	}
	return page;
}

/* map_page for an image, counting what it holds. */
static void *
image_page(struct image *im, uint64_t va, unsigned prot)
{
	void *page = map_page(im->root, va, prot);

	if (page)
		im->pages++;
	return page;
}

static unsigned
seg_prot(uint32_t flags)
{
	return ((flags & ELF_PF_R) ? VM_R : 0) |
	    ((flags & ELF_PF_W) ? VM_W : 0) | ((flags & ELF_PF_X) ? VM_X : 0);
}

/* Reads the bytes of segment `sg` that belong in its page at `va`; the
 * rest of the page (BSS, the tail of the last file page) stays zero. */
static int
fill_page(uint8_t *page, uint64_t va, const struct elf_segment *sg,
    struct vnode *file)
{
	uint64_t file_end = sg->vaddr + sg->filesz;
	uint64_t lo = va > sg->vaddr ? va : sg->vaddr;
	uint64_t hi = va + PAGE < file_end ? va + PAGE : file_end;

	if (lo < hi && read_at(file, sg->offset + (lo - sg->vaddr),
	    page + (lo - va), hi - lo) != 0)
		return NX_EIO;
	return 0;
}

/* A page of the Subject's own, filled from the file. */
static int
private_page(struct image *im, uint64_t va, const struct elf_segment *sg,
    struct vnode *file)
{
	uint8_t *page = image_page(im, va, seg_prot(sg->flags));

	if (!page)
		return NX_ENOMEM;
	return fill_page(page, va, sg, file);
}

/*
 * A page of a read-only segment comes from the program cache: filled from
 * the file the first time, then the same physical page in every Subject
 * running the file, so nothing is zeroed or copied and QEMU keeps its
 * translations.  Sharing is safe because the page's whole content is the
 * file's (the validator lets no other segment share a page, and the bytes
 * past filesz are zeros in every copy) and nobody can write it: it is
 * mapped without W, the kernel writes user memory only through W
 * mappings, and mprotect makes a private copy first (subject_unshare).
 */
static int
shared_page(struct image *im, uint64_t va, const struct elf_segment *sg,
    struct vnode *file)
{
	unsigned prot = seg_prot(sg->flags) | VM_SHARED;
	void *page = pcache_find(im->text, va);
	int err;

	if (page)
		return vm_map(im->root, va, page, prot);
	page = page_alloc();
	if (!page)
		return NX_ENOMEM;
	err = fill_page(page, va, sg, file);
	if (!err && pcache_add(im->text, va, page) == 0)
		return vm_map(im->root, va, page, prot);
	page_free(page);
	return err ? err : private_page(im, va, sg, file);	/* cache full */
}

static int
load_segment(struct image *im, const struct elf_segment *sg,
    struct vnode *file)
{
	int share = im->text && !(sg->flags & ELF_PF_W);

	for (uint64_t va = sg->vaddr & ~(PAGE - 1); va < sg->vaddr + sg->memsz;
	    va += PAGE) {
		int err = share ? shared_page(im, va, sg, file) :
		    private_page(im, va, sg, file);

		if (err)
			return err;
	}
	return 0;
}

static int
push_bytes(pte_t *root, uint64_t *sp, const void *p, size_t len)
{
	*sp -= len;
	return copy_to_user(root, *sp, p, len);
}

/* Words going onto the new stack, a few at a time. */
struct stack_words {
	pte_t *root;
	uint64_t at;		/* where the next word goes */
	uint64_t buf[32];
	int n;
	int err;
};

static void
flush_words(struct stack_words *w)
{
	w->err |= copy_to_user(w->root, w->at, w->buf, (size_t)w->n * 8);
	w->at += (uint64_t)w->n * 8;
	w->n = 0;
}

static void
put_word(struct stack_words *w, uint64_t v)
{
	if (w->n == (int)(sizeof(w->buf) / sizeof(w->buf[0])))
		flush_words(w);
	w->buf[w->n++] = v;
}

/* Maps the stack pages below the eager ones that [sp, top) needs. */
static int
map_stack(struct image *im, uint64_t sp)
{
	uint64_t va = NX_STACK_TOP - STACK_EAGER * PAGE;

	if (sp < NX_STACK_TOP - NX_STACK_SIZE)
		return NX_E2BIG;
	while (va > (sp & ~(PAGE - 1))) {
		va -= PAGE;
		if (!image_page(im, va, VM_R | VM_W))
			return NX_ENOMEM;
	}
	return 0;
}

/* Where the argv strings landed (they are contiguous, envp's after
 * them), for /proc/<pid>/cmdline. */
static void
arg_range(struct image *im, const struct exec_args *a, uint64_t strings)
{
	uint32_t last;

	im->arg_start = im->arg_end = strings;
	if (a->argc == 0)
		return;
	last = exec_arg_at(a, a->argc - 1);
	im->arg_start = strings + exec_arg_at(a, 0);
	im->arg_end = strings + last + strlen(a->area + last) + 1;
}

/*
 * The initial stack of the System V ABI, from the top down: AT_RANDOM
 * bytes, the path, the strings (the exec_args block as it is), then
 * (16-byte aligned) argc, argv[], NULL, envp[], NULL, auxv pairs ending
 * in AT_NULL.
 */
static int
build_stack(struct image *im, const struct exec_args *a, const char *path,
    const struct elf_plan *plan)
{
	uint64_t sp = NX_STACK_TOP, rnd, execfn, strings;
	size_t nwords = 1 + (size_t)a->argc + 1 + (size_t)a->envc + 1 +
	    2 * MAX_AUXV;
	struct stack_words w = { .root = im->root };
	uint8_t random[16];
	int err;

	err = map_stack(im, (NX_STACK_TOP - 16 - strlen(path) - 1 - a->used -
	    nwords * 8 - 16) & ~15ul);
	if (err)
		return err;
	random_bytes(random, sizeof(random));
	err |= push_bytes(im->root, &sp, random, sizeof(random));
	rnd = sp;
	err |= push_bytes(im->root, &sp, path, strlen(path) + 1);
	execfn = sp;
	err |= push_bytes(im->root, &sp, a->area, a->used);
	strings = sp;
	arg_range(im, a, strings);
	sp = (sp - nwords * 8) & ~15ul;
	w.at = sp;
	put_word(&w, (uint64_t)a->argc);
	for (int i = 0; i < a->argc; i++)
		put_word(&w, strings + exec_arg_at(a, i));
	put_word(&w, 0);
	for (int i = 0; i < a->envc; i++)
		put_word(&w, strings + exec_env_at(a, i));
	put_word(&w, 0);
	/* What glibc reads too: a Linux program starts the same way. */
	const uint64_t aux[2 * MAX_AUXV] = {
		NX_AT_PHDR, plan->phdr_vaddr, NX_AT_PHENT, plan->phentsize,
		NX_AT_PHNUM, plan->phnum, NX_AT_PAGESZ, PAGE,
		NX_AT_ENTRY, plan->entry, NX_AT_RANDOM, rnd,
		NX_AT_EXECFN, execfn, NX_AT_HWCAP, NX_HWCAP,
		NX_AT_CLKTCK, 100, NX_AT_UID, 0, NX_AT_EUID, 0,
		NX_AT_GID, 0, NX_AT_EGID, 0, NX_AT_SECURE, 0,
		NX_AT_NULL, 0, NX_AT_NULL, 0,
	};
	for (int i = 0; i < 2 * MAX_AUXV; i++)
		put_word(&w, aux[i]);
	flush_words(&w);
	im->sp = sp;
	return err || w.err ? NX_E2BIG : 0;
}

/* The pages every Subject has at fixed places: stack top, rings, slabs. */
static int
map_fixed_pages(struct image *im)
{
	for (uint64_t va = NX_STACK_TOP - STACK_EAGER * PAGE; va < NX_STACK_TOP;
	    va += PAGE) {
		if (!image_page(im, va, VM_R | VM_W))
			return NX_ENOMEM;
	}
	return load_fixed(im);
}

int
load_fixed(struct image *im)
{
	void **rings[] = { &im->cmd_page, &im->cq_page, &im->rx_page,
	    &im->tx_page };
	NxSysTable *st;

	for (unsigned i = 0; i < 4; i++) {
		*rings[i] = image_page(im, NX_RING_BASE + i * PAGE,
		    VM_R | VM_W);
		if (!*rings[i])
			return NX_ENOMEM;
	}
	for (unsigned i = 0; i < SLAB_PAGES; i++) {
		im->slab_page[i] = image_page(im, NX_SLAB_BASE + i * PAGE,
		    VM_R | VM_W);
		if (!im->slab_page[i])
			return NX_ENOMEM;
	}
	st = im->systable = image_page(im, NX_SYSTABLE_VA, VM_R);
	if (!st)
		return NX_ENOMEM;
	st->magic = NX_SYSTABLE_MAGIC;
	st->abi_version = NX_ABI_VERSION;
	memcpy(st->identity, im->identity, sizeof(st->identity));
	st->cmd_ring = NX_RING_BASE;
	st->cq_ring = NX_RING_BASE + PAGE;
	st->rx_ring = NX_RING_BASE + 2 * PAGE;
	st->tx_ring = NX_RING_BASE + 3 * PAGE;
	st->slab_base = NX_SLAB_BASE;
	st->slab_size = NX_SLAB_SIZE;
	st->slab_count = NX_SLABS;
	return 0;
}

/*
 * A Subject's identity: SipHash-128 of its whole file under the key.  A
 * file whose bytes cannot change (vn_cache_key) keeps its identity: the
 * last few are remembered by that key and a program spawned again is not
 * hashed again.  Any other file is hashed at every exec.
 */
#define IDENTITY_CACHE 16

static struct {
	const void *key;
	uint8_t identity[16];
} identities[IDENTITY_CACHE];
static unsigned identity_next;

static void
identify(struct vnode *file, uint8_t identity[16])
{
	const void *key = vn_cache_key(file);
	struct siphash s;
	uint8_t buf[512];
	uint64_t off = 0;

	for (unsigned i = 0; key && i < IDENTITY_CACHE; i++) {
		if (identities[i].key == key) {
			memcpy(identity, identities[i].identity, 16);
			return;
		}
	}
	provenance_identity_begin(&s);
	for (;;) {
		struct uio u;
		int64_t n;

		uio_kernel(&u, NULL, buf, sizeof(buf));
		n = vn_read(file, off, &u);
		if (n <= 0)
			break;
		siphash_update(&s, buf, (size_t)n);
		off += (uint64_t)n;
	}
	siphash_final(&s, identity);
	if (!key)
		return;
	identities[identity_next].key = key;
	memcpy(identities[identity_next].identity, identity, 16);
	identity_next = (identity_next + 1) % IDENTITY_CACHE;
}

static int
fail(int err, char *why, size_t whylen, const char *reason)
{
	fmt_snprintf(why, whylen, "%s", reason ? reason : nx_strerror(err));
	return err;
}

static int
populate(struct image *im, struct vnode *file,
    const struct elf_plan *plan, const struct exec_args *args,
    const char *path)
{
	int err;

	for (int i = 0; i < plan->nseg; i++) {
		err = load_segment(im, &plan->seg[i], file);
		if (err)
			return err;
	}
	err = map_fixed_pages(im);
	if (err)
		return err;
	im->entry = plan->entry;
	im->image_end = plan->image_end;
	im->native = plan->native;
	return build_stack(im, args, path, plan);
}

void
load_discard(struct image *im)
{
	vm_destroy(im->root);
	pcache_release(im->text);	/* nothing maps its pages now */
	im->root = NULL;
	im->text = NULL;
}

/*
 * A "#!" script runs its interpreter with the script's path after the
 * interpreter's own argument: interpreter [arg] path argv[1]...
 */
static int
script_args(struct exec_args *a, const char *interp, const char *arg,
    const char *path, const struct exec_args *args)
{
	int err;

	a->argc = a->envc = 0;
	a->used = 0;
	err = exec_args_add(a, 0, interp);
	if (!err && arg[0])
		err = exec_args_add(a, 0, arg);
	if (!err)
		err = exec_args_add(a, 0, path);
	for (int i = 1; !err && i < args->argc; i++)
		err = exec_args_add(a, 0, args->area + exec_arg_at(args, i));
	for (int i = 0; !err && i < args->envc; i++)
		err = exec_args_add(a, 1, args->area + exec_env_at(args, i));
	return err;
}

/* The program file at `path`, held, its canonical path in `exe` (an
 * NX_PATH_MAX buffer): 0 or an error said in `why`. */
static int
open_program(struct vnode *start, const char *start_path, const char *path,
    struct vnode **vn, char *exe, char *why, size_t whylen)
{
	size_t n = strlen(start_path);
	int err = NX_ENOENT;

	if (start && n < NX_PATH_MAX) {
		memcpy(exe, start_path, n + 1);
		err = path_walk(start, path, PATH_FOLLOW, vn, exe);
	}
	if (start && (n >= NX_PATH_MAX || err == NX_ENAMETOOLONG)) {
		/* Only its canonical path may be too long: it runs all the
		 * same, with no /proc/<pid>/exe. */
		exe[0] = '\0';
		err = path_walk(start, path, PATH_FOLLOW, vn, NULL);
	}

	if (err)
		return fail(err, why, whylen, NULL);
	err = (*vn)->type == NX_DT_DIR ? NX_EISDIR :
	    (*vn)->type != NX_DT_FILE ? NX_EACCES : 0;
	if (err) {
		vnode_put(*vn);
		return fail(err, why, whylen, NULL);
	}
	return 0;
}

/* 1 when `vn` is no script; 0 with `next` made the interpreter's
 * arguments (its path first); or an error said in `why`. */
static int
read_script(struct vnode *vn, const char *path,
    const struct exec_args *args, struct exec_args *next, char *why,
    size_t whylen)
{
	char line[SCRIPT_LINE_MAX], interp[SCRIPT_LINE_MAX], arg[SCRIPT_LINE_MAX];
	size_t n = vn->size < sizeof(line) ? (size_t)vn->size : sizeof(line);
	const char *reason = NULL;
	int err;

	if (n < 2 || read_at(vn, 0, line, n) != 0)
		return 1;
	err = script_parse(line, n, interp, arg, &reason);
	if (err)
		return err == 1 ? 1 : fail(err, why, whylen, reason);
	if (!next)
		return fail(NX_ELOOP, why, whylen,
		    "too many interpreters in a row (a #! loop?)");
	err = script_args(next, interp, arg, path, args);
	return err ? fail(err, why, whylen, NULL) : 0;
}

static int load_elf(struct vnode *vn, const char *path,
    const struct exec_args *args, struct image *im, char *why,
    size_t whylen);

/*
 * A script's interpreter is loaded in its place (and its interpreter in
 * turn, SCRIPT_DEPTH_MAX deep): each one's arguments are made in one of
 * two blocks taken in turn, while the other still holds the path and
 * arguments they are made from.
 */
int
load_image(struct vnode *start, const char *start_path, const char *path,
    const struct exec_args *args, struct image *im, char *why, size_t whylen)
{
	struct exec_args *page[2] = { NULL, NULL };
	int err;

	memset(im, 0, offsetof(struct image, exe));	/* exe: a string */
	im->exe[0] = '\0';
	for (int depth = 0;; depth++) {
		struct exec_args *next = NULL;
		struct vnode *vn;

		err = open_program(start, start_path, path, &vn, im->exe, why,
		    whylen);
		if (err) {
			if (err == NX_ENOENT && depth > 0)
				fmt_snprintf(why, whylen,
				    "interpreter %s: not found", path);
			break;
		}
		if (depth < SCRIPT_DEPTH_MAX) {
			if (!page[depth % 2])
				page[depth % 2] = exec_args_alloc();
			next = page[depth % 2];
			if (!next) {
				vnode_put(vn);
				err = fail(NX_ENOMEM, why, whylen, NULL);
				break;
			}
		}
		err = read_script(vn, path, args, next, why, whylen);
		if (err == 1)
			err = load_elf(vn, path, args, im, why, whylen);
		vnode_put(vn);
		if (err != 0 || im->root)
			break;
		/* The interpreter's turn. */
		path = next->area + exec_arg_at(next, 0);
		args = next;
	}
	for (int i = 0; i < 2; i++)
		exec_args_free(page[i]);
	return err;
}

/*
 * The program cache shares pages only of a file whose bytes cannot
 * change (vn_cache_key, the archive's bytes): a file that can be written
 * gets private pages, so no Subject ever runs pages a write made stale.
 */
static int
load_elf(struct vnode *vn, const char *path, const struct exec_args *args,
    struct image *im, char *why, size_t whylen)
{
	struct elf_plan plan;
	int err;

	if (elf_validate(read_image, vn, vn->size, &plan, why, whylen))
		return NX_ENOEXEC;
	identify(vn, im->identity);
	im->root = vm_create();
	if (!im->root)
		return fail(NX_ENOMEM, why, whylen, NULL);
	im->text = pcache_acquire(vn_cache_key(vn));
	err = populate(im, vn, &plan, args, path);
	if (err) {
		load_discard(im);
		return fail(err, why, whylen, NULL);
	}
	return 0;
}
