/* NipBox's file builtins: ls, cat, cd, pwd. */
#include <string.h>

#include "fmt.h"
#include "nipbox.h"
#include "sort.h"

static char
type_char(uint32_t type)
{
	switch (type) {
	case NX_DT_FILE: return '-';
	case NX_DT_DIR: return 'd';
	case NX_DT_SYMLINK: return 'l';
	case NX_DT_CHAR: return 'c';
	case NX_DT_BLOCK: return 'b';
	case NX_DT_FIFO: return 'p';
	default: return '?';
	}
}

/* "/" after a directory and "@" after a symbolic link, as ls -F does. */
static const char *
mark(uint32_t type)
{
	return type == NX_DT_DIR ? "/" : type == NX_DT_SYMLINK ? "@" : "";
}

/*
 * One line of a listing.  `dir` is where `name` lives ("" for a name given
 * as it is); ls -l shows a link's target, and its size is the target's
 * length, as lstat gives it.
 */
static void
show(const char *dir, const char *name, uint32_t type, uint64_t size,
    int longform)
{
	char path[NX_PATH_MAX], target[NX_PATH_MAX];
	long n = 0;

	if (!longform) {
		nx_printf("%s%s\n", name, mark(type));
		return;
	}
	if (type == NX_DT_SYMLINK &&
	    fmt_snprintf(path, sizeof(path), "%s%s%s", dir,
	    *dir && dir[strlen(dir) - 1] != '/' ? "/" : "", name) <
	    (int)sizeof(path)) {
		n = nx_readlink(path, target, sizeof(target) - 1);
		if (n > 0) {
			target[n] = '\0';
			size = (uint64_t)n;
		}
	}
	if (n > 0)
		nx_printf("%c %10lu %s -> %s\n", type_char(type),
		    (unsigned long)size, name, target);
	else
		nx_printf("%c %10lu %s%s\n", type_char(type),
		    (unsigned long)size, name, mark(type));
}

/*
 * A directory's entries are gathered on the heap, sorted and shown, and
 * the heap is given back: as many entries as memory holds, in one order
 * whatever the order of the archive.
 */
struct entry {
	uint64_t size;
	uint32_t type;
	uint32_t len;
	char name[];
};

#define ARENA_STEP	16384

/* An entry's bytes in the arena, its name included, 8-byte aligned. */
static size_t
entry_bytes(size_t len)
{
	return (sizeof(struct entry) + len + 1 + 7) & ~(size_t)7;
}

static char *arena;		/* the heap's start, once known */
static size_t arena_used, arena_cap;

/* `n` bytes of heap (n a multiple of 8), or NULL when memory runs out. */
static void *
arena_alloc(size_t n)
{
	void *p;

	if (!arena) {
		arena = nx_sbrk(0);
		if ((intptr_t)arena < 0)
			return arena = NULL;
	}
	if (n > arena_cap - arena_used) {
		size_t grow = n > ARENA_STEP ? n : ARENA_STEP;

		if ((intptr_t)nx_sbrk((int64_t)grow) < 0)
			return NULL;
		arena_cap += grow;
	}
	p = arena + arena_used;
	arena_used += n;
	return p;
}

static void
arena_release(void)
{
	if (arena)
		nx_brk((uint64_t)(uintptr_t)arena);
	arena_used = arena_cap = 0;
}

static int
by_name(const void *a, const void *b)
{
	const struct entry *x = *(const struct entry *const *)a;
	const struct entry *y = *(const struct entry *const *)b;

	return strcmp(x->name, y->name);
}

/* Reads every entry of `fd` into the arena, one after another from
 * `*first`; how many, or NX_ENOMEM. */
static long
gather(long fd, const char *path, struct entry **first)
{
	NxDirent d;
	long r, n = 0;

	while ((r = nx_readdir(fd, &d)) != 0) {
		struct entry *e;
		size_t len;

		if (r < 0) {
			complain("ls", path, r);
			if (r == NX_ENAMETOOLONG)
				continue;	/* that entry only */
			break;		/* the directory refuses: it would
					 * refuse every entry after */
		}
		len = strnlen(d.name, sizeof(d.name) - 1);
		e = arena_alloc(entry_bytes(len));
		if (!e)
			return NX_ENOMEM;
		if (n == 0)
			*first = e;
		e->size = d.size;
		e->type = d.type;
		e->len = (uint32_t)len;
		memcpy(e->name, d.name, len);
		e->name[len] = '\0';
		n++;
	}
	return n;
}

/* Points `index` at the `n` entries laid one after another from `first`. */
static void
index_entries(struct entry *first, struct entry **index, long n)
{
	char *p = (char *)first;

	for (long i = 0; i < n; i++) {
		struct entry *e = (struct entry *)p;

		index[i] = e;
		p += entry_bytes(e->len);
	}
}

static int
list_dir(const char *path, int longform)
{
	long fd = nx_open(path, NX_O_RDONLY | NX_O_DIRECTORY), n;
	struct entry **index, *first = NULL;

	if (fd < 0) {
		complain("ls", path, fd);
		return 1;
	}
	n = gather(fd, path, &first);
	nx_close(fd);
	index = n > 0 ? arena_alloc((size_t)n * sizeof(*index)) : NULL;
	if (n < 0 || (n > 0 && !index)) {
		complain("ls", path, NX_ENOMEM);
		arena_release();
		return 1;
	}
	index_entries(first, index, n);
	nb_sort(index, (size_t)n, sizeof(*index), by_name);
	for (long i = 0; i < n; i++)
		show(path, index[i]->name, index[i]->type, index[i]->size,
		    longform);
	arena_release();
	return 0;
}

static int
list(const char *path, int longform, int heading)
{
	NxStat st;
	long r;

	/* ls -l shows a link itself, as does ls on a dangling one. */
	if (nx_lstat(path, &st) == 0 && st.type == NX_DT_SYMLINK &&
	    (longform || nx_stat(path, &st) == NX_ENOENT)) {
		show("", path, NX_DT_SYMLINK, st.size, longform);
		return 0;
	}
	r = nx_stat(path, &st);
	if (r < 0) {
		complain("ls", path, r);
		return 1;
	}
	if (st.type != NX_DT_DIR) {
		show("", path, st.type, st.size, longform);
		return 0;
	}
	if (heading)
		nx_printf("%s:\n", path);
	return list_dir(path, longform);
}

int
cmd_ls(int argc, char **argv)
{
	int longform = 0, first = 1, status = 0, npaths;

	if (argc > 1 && strcmp(argv[1], "-l") == 0) {
		longform = 1;
		first = 2;
	}
	npaths = argc - first;
	if (npaths == 0)
		return list(".", longform, 0);
	for (int i = first; i < argc; i++) {
		if (npaths > 1 && i > first)
			nx_print("\n");
		status |= list(argv[i], longform, npaths > 1);
	}
	return status;
}

/* cat's status when a signal key interrupted it (the kernel ends the
 * read or write it is in): the rest is not printed, as a program ended
 * by SIGINT. */
#define INTERRUPTED	130

static int
cat_one(const char *path)
{
	static char buf[4096];
	long fd = nx_open(path, NX_O_RDONLY), n;

	if (fd < 0) {
		complain("cat", path, fd);
		return 1;
	}
	/* Through descriptor 1, not the tx ring: a reader that went away
	 * (a pipeline's next program ended) is an error that stops cat, or
	 * the shell would copy an endless file into nothing forever. */
	while ((n = nx_fread(fd, buf, sizeof(buf))) > 0) {
		long w = nx_fwrite(1, buf, (size_t)n);

		if (w < 0) {
			nx_close(fd);
			if (w == NX_EINTR)
				return INTERRUPTED;
			complain("cat", "write", w);
			return 1;
		}
	}
	nx_close(fd);
	if (n == NX_EINTR)
		return INTERRUPTED;
	if (n < 0) {
		complain("cat", path, n);
		return 1;
	}
	return 0;
}

int
cmd_cat(int argc, char **argv)
{
	int status = 0;

	if (argc < 2) {
		nx_print("usage: cat file...\n");
		return 2;
	}
	for (int i = 1; i < argc; i++) {
		int r = cat_one(argv[i]);

		if (r == INTERRUPTED)
			return r;
		status |= r;
	}
	return status;
}

int
cmd_cd(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : "/";
	long r;

	if (argc > 2) {
		nx_print("usage: cd [directory]\n");
		return 2;
	}
	r = nx_chdir(path);
	if (r < 0) {
		complain("cd", path, r);
		return 1;
	}
	return 0;
}

int
cmd_pwd(int argc, char **argv)
{
	char cwd[NX_PATH_MAX];

	(void)argc;
	(void)argv;
	if (nx_getcwd(cwd, sizeof(cwd)) < 0)
		return 1;
	nx_printf("%s\n", cwd);
	return 0;
}
