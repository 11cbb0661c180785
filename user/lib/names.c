/*
 * libnexus: the name space (making, removing and renaming names), file
 * attributes and file-system figures.  Each call is one command; the
 * kernel checks every path and pointer, so these only fill in the
 * argument block.
 */
#include "libnexus.h"

long
nx_open_mode(const char *path, uint32_t flags, uint32_t mode)
{
	NxOpenArgs a = { .path = (uintptr_t)path, .flags = flags,
	    .mode = mode };

	return nx_call(CMD_FS_OPEN, (uintptr_t)&a);
}

long
nx_mkdir(const char *path, uint32_t mode)
{
	NxPathArgs a = { .path = (uintptr_t)path, .mode = mode };

	return nx_call(CMD_PATH_MKDIR, (uintptr_t)&a);
}

static long
unlink_call(const char *path, uint32_t flags)
{
	NxPathArgs a = { .path = (uintptr_t)path, .flags = flags };

	return nx_call(CMD_PATH_UNLINK, (uintptr_t)&a);
}

long
nx_unlink(const char *path)
{
	return unlink_call(path, 0);
}

long
nx_rmdir(const char *path)
{
	return unlink_call(path, NX_UNLINK_DIR);
}

static long
path2_call(uint32_t kind, const char *from, const char *to, uint32_t flags)
{
	NxPath2Args a = { .from = (uintptr_t)from, .to = (uintptr_t)to,
	    .flags = flags };

	return nx_call(kind, (uintptr_t)&a);
}

long
nx_rename(const char *from, const char *to)
{
	return path2_call(CMD_PATH_RENAME, from, to, 0);
}

long
nx_rename2(const char *from, const char *to, uint32_t flags)
{
	return path2_call(CMD_PATH_RENAME, from, to, flags);
}

long
nx_symlink(const char *target, const char *path)
{
	return path2_call(CMD_PATH_SYMLINK, target, path, 0);
}

long
nx_link(const char *old, const char *new)
{
	return path2_call(CMD_PATH_LINK, old, new, 0);
}

long
nx_truncate(long fd, uint64_t length)
{
	NxTruncateArgs a = { .fd = (uint64_t)fd, .length = length };

	return nx_call(CMD_FS_TRUNCATE, (uintptr_t)&a);
}

long
nx_setattr(const NxSetattrArgs *a)
{
	return nx_call(CMD_PATH_SETATTR, (uintptr_t)a);
}

long
nx_chmod(const char *path, uint32_t mode)
{
	NxSetattrArgs a = { .path = (uintptr_t)path, .mask = NX_ATTR_MODE,
	    .mode = mode };

	return nx_setattr(&a);
}

long
nx_utimes(const char *path, uint64_t atime_ns, uint64_t mtime_ns)
{
	NxSetattrArgs a = { .path = (uintptr_t)path,
	    .mask = NX_ATTR_ATIME | NX_ATTR_MTIME,
	    .atime = atime_ns, .mtime = mtime_ns };

	return nx_setattr(&a);
}

long
nx_statfs(const char *path, NxStatfs *st)
{
	NxStatfsArgs a = { .path = (uintptr_t)path, .buf = (uintptr_t)st };

	return nx_call(CMD_PATH_STATFS, (uintptr_t)&a);
}
