#include <string.h>

#include "fs/fdtable.h"
#include "fs/file.h"
#include "fs/vfs.h"
#include "errors.h"
#include "fmt.h"
#include "spawn_actions.h"
#include "subject.h"
#include "usercopy.h"

static const char *
op_name(uint32_t op)
{
	switch (op) {
	case NX_SPAWN_DUP2: return "dup2";
	case NX_SPAWN_CLOSE: return "close";
	case NX_SPAWN_OPEN: return "open";
	default: return "unknown";
	}
}

static int
fd_ok(int32_t fd)
{
	return fd >= 0 && fd < NX_FD_MAX;
}

/* Why action `i` is refused before anything runs, or NULL. */
static const char *
refusal(const NxSpawnAction *a)
{
	if (a->op != NX_SPAWN_DUP2 && a->op != NX_SPAWN_CLOSE &&
	    a->op != NX_SPAWN_OPEN)
		return "unknown operation";
	if (a->reserved)
		return "reserved field set";
	if (!fd_ok(a->fd))
		return "descriptor out of range";
	if (a->op == NX_SPAWN_DUP2 && !fd_ok(a->src))
		return "source descriptor out of range";
	return NULL;
}

int
spawn_actions_copy(struct subject *s, uint64_t uacts, uint32_t n,
    struct spawn_actions *out, char *why, size_t whylen)
{
	out->from = s;
	out->n = 0;
	if (n == 0)
		return 0;
	if (n > NX_SPAWN_MAX_ACTIONS) {
		fmt_snprintf(why, whylen, "%u descriptor actions (at most %d)", n,
		    NX_SPAWN_MAX_ACTIONS);
		return NX_EINVAL;
	}
	if (copy_from_user(s->uc.root, out->act, uacts,
	    n * sizeof(NxSpawnAction))) {
		fmt_snprintf(why, whylen, "descriptor actions at a bad address");
		return NX_EFAULT;
	}
	for (uint32_t i = 0; i < n; i++) {
		const char *no = refusal(&out->act[i]);

		if (no) {
			fmt_snprintf(why, whylen, "descriptor action %u: %s", i, no);
			return NX_EINVAL;
		}
	}
	out->n = n;
	return 0;
}

/* NX_SPAWN_OPEN: the file, at exactly `a->fd`. */
static int
open_at(const struct spawn_actions *sa, const NxSpawnAction *a,
    struct fdtable *t)
{
	char path[NX_PATH_MAX];
	struct file *f;
	long len = copy_str_from_user(sa->from->uc.root, path, a->path,
	    sizeof(path));
	int fd;

	if (len < 0)
		return (int)len;
	fd = vfs_open_file(sa->from, VFS_CWD, path, a->flags,
	    a->mode ? a->mode : 0644, &f);
	if (fd)
		return fd;
	fdt_close(t, a->fd);	/* it is free then: the lowest from itself */
	fd = fdt_install(t, f, a->fd, (a->flags & NX_O_CLOEXEC) != 0);
	if (fd < 0)
		file_unref(f);
	return fd < 0 ? fd : 0;
}

static int
apply_one(const struct spawn_actions *sa, const NxSpawnAction *a,
    struct fdtable *t)
{
	int r;

	switch (a->op) {
	case NX_SPAWN_DUP2:
		r = fdt_dup(t, a->src, a->fd, FDT_FIXED);
		if (r < 0)
			return r;
		/* As posix_spawn's dup2, also of a descriptor onto itself:
		 * the child keeps it across the exec. */
		return fdt_set_cloexec(t, a->fd, 0);
	case NX_SPAWN_CLOSE:
		fdt_close(t, a->fd);	/* a closed one is fine */
		return 0;
	default:
		return open_at(sa, a, t);
	}
}

int
spawn_actions_apply(const struct spawn_actions *sa, struct fdtable *t,
    char *why, size_t whylen)
{
	for (uint32_t i = 0; i < sa->n; i++) {
		const NxSpawnAction *a = &sa->act[i];
		int err = apply_one(sa, a, t);

		if (err < 0) {
			fmt_snprintf(why, whylen, "descriptor action %u (%s %d): "
			    "%s", i, op_name(a->op), a->fd, nx_strerror(err));
			return err;
		}
	}
	return 0;
}
