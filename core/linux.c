/*
 * The Linux personality: static Linux binaries (glibc, built with
 * riscv64-linux-gnu-gcc -static) make Linux system calls, `ecall` with the
 * number in a7 and arguments in a0..a5.  Each call is a thin translation
 * into the services the command ring uses (VFS, heap, Subjects, console,
 * time): one implementation of each service, two front doors.
 *
 * Descriptors 0, 1 and 2 are the console; a file the VFS opens as
 * descriptor k is k + 3 here.  Anything not listed returns ENOSYS with one
 * log line.
 */
#include <string.h>

#include "cmds.h"
#include "console.h"
#include "fs/vfs.h"
#include "kernel.h"
#include "pcache.h"
#include "pmm.h"
#include "random.h"
#include "subject.h"
#include "usercopy.h"

#define FIRST_FILE	3
#define AT_FDCWD	(-100)
#define AT_SYMLINK_NOFOLLOW 0x100
#define AT_EMPTY_PATH	0x1000
#define MAP_SHARED	0x01
#define MAP_PRIVATE	0x02
#define MAP_FIXED	0x10
#define MAP_ANONYMOUS	0x20
#define PROT_READ	1
#define PROT_WRITE	2
#define PROT_EXEC	4
#define TCGETS		0x5401
#define TIOCGWINSZ	0x5413
#define F_GETFD		1
#define F_SETFD		2
#define F_GETFL		3
#define RLIMIT_STACK	3
#define S_IFCHR		0020000

enum {
	SYS_getcwd = 17, SYS_fcntl = 25, SYS_ioctl = 29, SYS_faccessat = 48,
	SYS_chdir = 49, SYS_openat = 56, SYS_close = 57, SYS_getdents64 = 61,
	SYS_lseek = 62, SYS_read = 63, SYS_write = 64, SYS_readv = 65,
	SYS_writev = 66, SYS_pread64 = 67, SYS_readlinkat = 78,
	SYS_newfstatat = 79, SYS_fstat = 80, SYS_exit = 93,
	SYS_exit_group = 94, SYS_set_tid_address = 96,
	SYS_set_robust_list = 99, SYS_nanosleep = 101,
	SYS_clock_gettime = 113, SYS_clock_getres = 114,
	SYS_clock_nanosleep = 115, SYS_sched_yield = 124, SYS_kill = 129,
	SYS_tkill = 130, SYS_tgkill = 131, SYS_rt_sigprocmask = 135,
	SYS_uname = 160, SYS_gettimeofday = 169, SYS_getpid = 172,
	SYS_getppid = 173, SYS_getuid = 174, SYS_geteuid = 175,
	SYS_getgid = 176, SYS_getegid = 177, SYS_gettid = 178,
	SYS_sysinfo = 179,
	SYS_brk = 214, SYS_munmap = 215, SYS_mmap = 222, SYS_mprotect = 226,
	SYS_prlimit64 = 261, SYS_getrandom = 278, SYS_rseq = 293,
};

/* struct stat of asm-generic (riscv64). */
struct linux_stat {
	uint64_t dev, ino;
	uint32_t mode, nlink, uid, gid;
	uint64_t rdev, pad1;
	int64_t size;
	int32_t blksize, pad2;
	int64_t blocks;
	int64_t atime, atime_ns, mtime, mtime_ns, ctime, ctime_ns;
	uint32_t unused[2];
};

_Static_assert(sizeof(struct linux_stat) == 128, "Linux struct stat");

struct linux_timespec {
	int64_t sec, nsec;
};

struct linux_iovec {
	uint64_t base, len;
};

struct linux_utsname {
	char sysname[65], nodename[65], release[65], version[65];
	char machine[65], domainname[65];
};

struct linux_termios {
	uint32_t iflag, oflag, cflag, lflag;
	uint8_t line, cc[19];
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

typedef int64_t (*linux_fn)(struct subject *s, const uint64_t *a);

static int64_t
user_path(struct subject *s, uint64_t upath, char *path)
{
	long r = copy_str_from_user(s->uc.root, path, upath, NX_PATH_MAX);

	return r < 0 ? r : 0;
}

static struct file *
file_of(struct subject *s, int64_t fd)
{
	if (fd < FIRST_FILE)
		return NULL;
	return vfs_file(&s->files, (uint64_t)(fd - FIRST_FILE));
}

static int
is_console(int64_t fd)
{
	return fd >= 0 && fd < FIRST_FILE;
}

/* The directory a *at() call starts from, as a path. */
static int64_t
base_dir(struct subject *s, int64_t dirfd, const char *path, char *dir)
{
	struct file *f;

	if (path[0] == '/' || dirfd == AT_FDCWD) {
		strcpy(dir, s->cwd);
		return 0;
	}
	f = file_of(s, dirfd);
	if (!f)
		return NX_EBADF;
	if (f->node->type != TAR_DIR)
		return NX_ENOTDIR;
	return vfs_path(f->node, dir, NX_PATH_MAX);
}

/* --- files ------------------------------------------------------------ */

static int64_t
sys_openat(struct subject *s, const uint64_t *a)
{
	char path[NX_PATH_MAX], dir[NX_PATH_MAX];
	uint32_t keep = NX_O_ACCMODE | NX_O_CREAT | NX_O_TRUNC | NX_O_APPEND |
	    NX_O_DIRECTORY | NX_O_NOFOLLOW;
	int64_t r = user_path(s, a[1], path);

	if (!r)
		r = base_dir(s, (int64_t)a[0], path, dir);
	if (r)
		return r;
	r = vfs_open(&s->files, dir, path, (uint32_t)a[2] & keep);
	return r < 0 ? r : r + FIRST_FILE;
}

static int64_t
sys_close(struct subject *s, const uint64_t *a)
{
	if (is_console((int64_t)a[0]))
		return 0;
	if ((int64_t)a[0] < FIRST_FILE)
		return NX_EBADF;
	return vfs_close(&s->files, a[0] - FIRST_FILE);
}

static int64_t
sys_read(struct subject *s, const uint64_t *a)
{
	struct file *f;

	if (a[0] == 0)
		return ion_console_read(s, a[1], a[2]);
	f = file_of(s, (int64_t)a[0]);
	return f ? fs_read(s, f, a[1], a[2]) : NX_EBADF;
}

static int64_t
console_out(struct subject *s, uint64_t ubuf, uint64_t len)
{
	char buf[256];
	uint64_t done = 0;

	while (done < len) {
		size_t n = len - done < sizeof(buf) ? len - done : sizeof(buf);

		if (copy_from_user(s->uc.root, buf, ubuf + done, n))
			return done ? (int64_t)done : NX_EFAULT;
		console_write(buf, n);
		done += n;
	}
	return (int64_t)done;
}

static int64_t
sys_write(struct subject *s, const uint64_t *a)
{
	int64_t fd = (int64_t)a[0];

	if (fd == 1 || fd == 2)
		return console_out(s, a[1], a[2]);
	return NX_EBADF;	/* the console's input, or a read-only file */
}

/* readv and writev: the plain call once per piece. */
static int64_t
vectored(struct subject *s, const uint64_t *a, linux_fn one)
{
	int64_t total = 0;

	if (a[2] > 1024)
		return NX_EINVAL;
	for (uint64_t i = 0; i < a[2]; i++) {
		struct linux_iovec v;
		uint64_t args[3] = { a[0], 0, 0 };
		int64_t r;

		if (copy_from_user(s->uc.root, &v, a[1] + i * sizeof(v),
		    sizeof(v)))
			return total ? total : NX_EFAULT;
		args[1] = v.base;
		args[2] = v.len;
		r = one(s, args);
		if (r < 0)
			return total ? total : r;
		total += r;
		if ((uint64_t)r < v.len)
			break;
	}
	return total;
}

static int64_t
sys_readv(struct subject *s, const uint64_t *a)
{
	return vectored(s, a, sys_read);
}

static int64_t
sys_writev(struct subject *s, const uint64_t *a)
{
	return vectored(s, a, sys_write);
}

static int64_t
sys_pread64(struct subject *s, const uint64_t *a)
{
	struct file *f = file_of(s, (int64_t)a[0]);
	uint64_t saved;
	int64_t r;

	if (!f)
		return is_console((int64_t)a[0]) ? NX_ESPIPE : NX_EBADF;
	if ((int64_t)a[3] < 0)
		return NX_EINVAL;
	saved = f->offset;
	f->offset = a[3] < f->node->size ? a[3] : f->node->size;
	r = fs_read(s, f, a[1], a[2]);
	f->offset = saved;
	return r;
}

static int64_t
sys_lseek(struct subject *s, const uint64_t *a)
{
	struct file *f = file_of(s, (int64_t)a[0]);

	if (!f)
		return is_console((int64_t)a[0]) ? NX_ESPIPE : NX_EBADF;
	return vfs_seek(f, (int64_t)a[1], (uint32_t)a[2]);
}

static uint8_t
dirent_type(uint32_t type)
{
	static const uint8_t dt[] = {
		[NX_DT_FILE] = 8, [NX_DT_DIR] = 4, [NX_DT_SYMLINK] = 10,
		[NX_DT_CHAR] = 2, [NX_DT_BLOCK] = 6, [NX_DT_FIFO] = 1,
	};

	return type < sizeof(dt) ? dt[type] : 0;
}

/*
 * Entry `pos` of a directory as Linux lists it: "." and ".." first, then
 * the children.  The descriptor's offset counts these positions.
 */
static int
linux_dirent(const struct tar_node *dir, uint64_t pos, NxDirent *d)
{
	if (pos >= 2)
		return vfs_dirent(dir, pos - 2, d);
	memset(d, 0, sizeof(*d));
	d->type = NX_DT_DIR;
	d->name_len = (uint32_t)pos + 1;
	memcpy(d->name, "..", d->name_len);
	return 1;
}

/* struct linux_dirent64 records, as many as fit. */
static int64_t
sys_getdents64(struct subject *s, const uint64_t *a)
{
	struct file *f = file_of(s, (int64_t)a[0]);
	uint64_t used = 0;
	NxDirent d;
	uint8_t rec[24 + NX_NAME_MAX + 1 + 8];

	if (!f)
		return NX_EBADF;
	if (f->node->type != TAR_DIR)
		return NX_ENOTDIR;
	for (;; f->offset++) {
		uint16_t reclen;
		int r = linux_dirent(f->node, f->offset, &d);

		if (r == 0)
			break;
		if (r < 0)
			continue;	/* a name too long for Linux: skip it */
		reclen = (uint16_t)((19 + d.name_len + 1 + 7) & ~7u);
		if (used + reclen > a[2])
			return used ? (int64_t)used : NX_EINVAL;
		memset(rec, 0, reclen);
		*(uint64_t *)(void *)rec = f->offset + 1;		/* d_ino */
		*(int64_t *)(void *)(rec + 8) = (int64_t)f->offset + 1;
		memcpy(rec + 16, &reclen, 2);
		rec[18] = dirent_type(d.type);
		memcpy(rec + 19, d.name, d.name_len);
		if (copy_to_user(s->uc.root, a[1] + used, rec, reclen))
			return NX_EFAULT;
		used += reclen;
	}
	return (int64_t)used;
}

static void
to_linux_stat(const NxStat *n, uint64_t ino, struct linux_stat *st)
{
	static const uint32_t fmt[] = {
		[NX_DT_FILE] = 0100000, [NX_DT_DIR] = 0040000,
		[NX_DT_SYMLINK] = 0120000, [NX_DT_CHAR] = 0020000,
		[NX_DT_BLOCK] = 0060000, [NX_DT_FIFO] = 0010000,
	};

	memset(st, 0, sizeof(*st));
	st->ino = ino;
	st->mode = (n->type < sizeof(fmt) / sizeof(fmt[0]) ? fmt[n->type] :
	    0) | n->mode;
	st->nlink = 1;
	st->size = (int64_t)n->size;
	st->blksize = 4096;
	st->blocks = (int64_t)((n->size + 511) / 512);
}

static int64_t
put_stat(struct subject *s, uint64_t ubuf, const struct tar_node *node)
{
	struct linux_stat st;
	NxStat n;

	vfs_stat(node, &n);
	to_linux_stat(&n, (uintptr_t)node, &st);
	return copy_to_user(s->uc.root, ubuf, &st, sizeof(st));
}

static int64_t
console_stat(struct subject *s, uint64_t ubuf)
{
	struct linux_stat st;

	memset(&st, 0, sizeof(st));
	st.mode = S_IFCHR | 0620;
	st.rdev = 136 << 8;		/* like a pseudo-terminal */
	st.blksize = 1024;
	return copy_to_user(s->uc.root, ubuf, &st, sizeof(st));
}

static int64_t
sys_fstat(struct subject *s, const uint64_t *a)
{
	struct file *f = file_of(s, (int64_t)a[0]);

	if (is_console((int64_t)a[0]))
		return console_stat(s, a[1]);
	return f ? put_stat(s, a[1], f->node) : NX_EBADF;
}

static int64_t
sys_newfstatat(struct subject *s, const uint64_t *a)
{
	char path[NX_PATH_MAX], dir[NX_PATH_MAX];
	const struct tar_node *n;
	int64_t r = user_path(s, a[1], path);
	uint64_t fa[2] = { a[0], a[2] };

	if (r)
		return r;
	if (!path[0] && (a[3] & AT_EMPTY_PATH))
		return sys_fstat(s, fa);
	r = base_dir(s, (int64_t)a[0], path, dir);
	if (!r)
		r = vfs_resolve(dir, path, !(a[3] & AT_SYMLINK_NOFOLLOW), &n);
	return r ? r : put_stat(s, a[2], n);
}

static int64_t
sys_faccessat(struct subject *s, const uint64_t *a)
{
	char path[NX_PATH_MAX], dir[NX_PATH_MAX];
	const struct tar_node *n;
	int64_t r = user_path(s, a[1], path);

	if (!r)
		r = base_dir(s, (int64_t)a[0], path, dir);
	if (!r)
		r = vfs_resolve(dir, path, 1, &n);
	if (r)
		return r;
	return (a[2] & 2) ? NX_EROFS : 0;	/* W_OK */
}

static int64_t
sys_readlinkat(struct subject *s, const uint64_t *a)
{
	char path[NX_PATH_MAX], dir[NX_PATH_MAX];
	const struct tar_node *n;
	int64_t r = user_path(s, a[1], path);
	uint64_t len;

	if (!r)
		r = base_dir(s, (int64_t)a[0], path, dir);
	if (!r)
		r = vfs_resolve(dir, path, 0, &n);
	if (r)
		return r;
	if (n->type != TAR_SYMLINK)
		return NX_EINVAL;
	len = n->link_len < a[3] ? n->link_len : a[3];
	if (copy_to_user(s->uc.root, a[2], n->link, len))
		return NX_EFAULT;
	return (int64_t)len;
}

static int64_t
sys_getcwd(struct subject *s, const uint64_t *a)
{
	int64_t r = fs_getcwd(s, a[0], a[1]);

	return r < 0 ? r : r + 1;	/* Linux counts the NUL */
}

static int64_t
sys_chdir(struct subject *s, const uint64_t *a)
{
	return fs_chdir(s, a[0]);
}

static int64_t
sys_ioctl(struct subject *s, const uint64_t *a)
{
	struct linux_termios t;
	uint16_t winsize[4] = { 24, 80, 0, 0 };

	if (!is_console((int64_t)a[0]))
		return file_of(s, (int64_t)a[0]) ? NX_ENOTTY : NX_EBADF;
	switch (a[1]) {
	case TCGETS:
		/* A terminal in its ordinary cooked mode. */
		memset(&t, 0, sizeof(t));
		t.iflag = 0x500;		/* ICRNL | IXON */
		t.oflag = 0x5;			/* OPOST | ONLCR */
		t.cflag = 0xbf;			/* B38400 | CS8 | CREAD */
		t.lflag = 0x8a3b;		/* ISIG ICANON ECHO ... */
		return copy_to_user(s->uc.root, a[2], &t, sizeof(t));
	case TIOCGWINSZ:
		return copy_to_user(s->uc.root, a[2], winsize, sizeof(winsize));
	default:
		return NX_ENOTTY;
	}
}

static int64_t
sys_fcntl(struct subject *s, const uint64_t *a)
{
	if (!is_console((int64_t)a[0]) && !file_of(s, (int64_t)a[0]))
		return NX_EBADF;
	switch (a[1]) {
	case F_GETFD:
	case F_SETFD:
		return 0;
	case F_GETFL:
		return a[0] == 1 || a[0] == 2 ? 1 : 0;	/* O_WRONLY, O_RDONLY */
	default:
		return NX_EINVAL;
	}
}

/* --- memory ------------------------------------------------------------- */

static int64_t
sys_brk(struct subject *s, const uint64_t *a)
{
	/* Linux's brk answers with the break, moved or not. */
	subject_brk(s, a[0]);
	return (int64_t)s->brk;
}

static unsigned
vm_prot(uint64_t prot)
{
	return ((prot & PROT_READ) ? VM_R : 0) |
	    ((prot & PROT_WRITE) ? VM_W : 0) | ((prot & PROT_EXEC) ? VM_X : 0);
}

/* Where a new mapping of `len` bytes fits, first fit; 0 if nowhere. */
static uint64_t
find_gap(const struct subject *s, uint64_t len)
{
	uint64_t at = MMAP_BASE;

	for (int i = 0; i < s->nvmas; i++) {
		if (s->vmas[i].start - at >= len)
			return at;
		at = s->vmas[i].end;
	}
	return NX_HEAP_TOP - at >= len ? at : 0;
}

static int
add_vma(struct subject *s, uint64_t start, uint64_t end)
{
	int i;

	if (s->nvmas == MAX_VMAS)
		return NX_ENOMEM;
	for (i = s->nvmas; i > 0 && s->vmas[i - 1].start > start; i--)
		s->vmas[i] = s->vmas[i - 1];
	s->vmas[i].start = start;
	s->vmas[i].end = end;
	s->nvmas++;
	return 0;
}

static void
remove_vma(struct subject *s, int i)
{
	memmove(&s->vmas[i], &s->vmas[i + 1],
	    (size_t)(s->nvmas - i - 1) * sizeof(s->vmas[0]));
	s->nvmas--;
}

static int
overlaps(const struct subject *s, uint64_t start, uint64_t end)
{
	for (int i = 0; i < s->nvmas; i++) {
		if (start < s->vmas[i].end && s->vmas[i].start < end)
			return 1;
	}
	return 0;
}

static int64_t
sys_mmap(struct subject *s, const uint64_t *a)
{
	uint64_t len = (a[1] + NX_PAGE_SIZE - 1) & ~(NX_PAGE_SIZE - 1);
	uint64_t start = a[0];
	unsigned prot = vm_prot(a[2]);

	if (len == 0 || len < a[1] || len > NX_HEAP_TOP - MMAP_BASE)
		return NX_EINVAL;
	if (!(a[3] & MAP_ANONYMOUS))
		return NX_ENODEV;	/* no file mappings */
	if ((prot & VM_W) && (prot & VM_X))
		return NX_EACCES;	/* never writable and executable */
	if (a[3] & MAP_FIXED) {
		if ((start & (NX_PAGE_SIZE - 1)) || start < MMAP_BASE ||
		    start > NX_HEAP_TOP - len || overlaps(s, start, start + len))
			return NX_ENOMEM;
	} else if (!(start = find_gap(s, len))) {
		return NX_ENOMEM;
	}
	if (add_vma(s, start, start + len))
		return NX_ENOMEM;
	/* PROT_NONE reserves the addresses; mprotect maps them later. */
	if (prot && subject_map(s, start, start + len, prot) != 0) {
		for (int i = 0; i < s->nvmas; i++) {
			if (s->vmas[i].start == start) {
				remove_vma(s, i);
				break;
			}
		}
		return NX_ENOMEM;
	}
	return (int64_t)start;
}

static int64_t
sys_munmap(struct subject *s, const uint64_t *a)
{
	uint64_t start = a[0];
	uint64_t end = start + ((a[1] + NX_PAGE_SIZE - 1) &
	    ~(NX_PAGE_SIZE - 1));

	if ((start & (NX_PAGE_SIZE - 1)) || a[1] == 0 || end < start)
		return NX_EINVAL;
	for (int i = 0; i < s->nvmas; i++) {
		struct vma *v = &s->vmas[i];
		uint64_t lo = start > v->start ? start : v->start;
		uint64_t hi = end < v->end ? end : v->end;

		if (lo >= hi)
			continue;
		if (lo > v->start && hi < v->end) {
			/* A hole in the middle: the mapping splits in two. */
			if (add_vma(s, hi, v->end))
				return NX_ENOMEM;
			v = &s->vmas[i];
			v->end = lo;
		} else if (lo > v->start) {
			v->end = lo;
		} else if (hi < v->end) {
			v->start = hi;
		} else {
			subject_unmap(s, lo, hi);
			remove_vma(s, i--);
			continue;
		}
		subject_unmap(s, lo, hi);
	}
	return 0;
}

static int64_t
sys_mprotect(struct subject *s, const uint64_t *a)
{
	uint64_t start = a[0], end = a[0] + a[1];
	unsigned prot = vm_prot(a[2]);
	int err;

	if ((start & (NX_PAGE_SIZE - 1)) || end < start || end > NX_USER_TOP)
		return NX_EINVAL;
	if ((prot & VM_W) && (prot & VM_X))
		return NX_EACCES;
	end = (end + NX_PAGE_SIZE - 1) & ~(NX_PAGE_SIZE - 1);
	for (uint64_t va = start; va < end; va += NX_PAGE_SIZE) {
		int in_vma = overlaps(s, va, va + NX_PAGE_SIZE);

		if (!prot) {
			if (in_vma)
				subject_unmap(s, va, va + NX_PAGE_SIZE);
			else if (vm_user_page(s->uc.root, va, 0))
				return NX_EACCES; /* no PROT_NONE holes elsewhere */
			continue;
		}
		err = vm_protect(s->uc.root, va, prot);
		if (err == NX_EACCES)	/* shared text: write to a copy */
			err = subject_unshare(s, va, prot);
		if (err == 0)
			continue;
		if (!in_vma)
			return NX_ENOMEM;
		if (subject_map(s, va, va + NX_PAGE_SIZE, prot))
			return NX_ENOMEM;
	}
	return 0;
}

/* --- Subjects, time, identity -------------------------------------------- */

static int64_t
sys_exit(struct subject *s, const uint64_t *a)
{
	subject_exit(s, (int)(a[0] & 0xff));
}

static int64_t
sys_kill(struct subject *s, const uint64_t *a)
{
	uint64_t sig = a[1];

	if (sig == 0)
		return subject_by_id((uint32_t)a[0]) ? 0 : NX_ESRCH;
	if (a[0] == s->id)
		subject_signal(s, (int)sig);
	return NX_EPERM;
}

static int64_t
sys_tgkill(struct subject *s, const uint64_t *a)
{
	uint64_t k[2] = { a[1], a[2] };

	return sys_kill(s, k);
}

static int64_t
sys_tkill(struct subject *s, const uint64_t *a)
{
	return sys_kill(s, a);
}

static int64_t
sys_getpid(struct subject *s, const uint64_t *a)
{
	(void)a;
	return s->id;
}

static int64_t
sys_getppid(struct subject *s, const uint64_t *a)
{
	(void)a;
	return s->parent;
}

static int64_t
sys_zero(struct subject *s, const uint64_t *a)
{
	(void)s;
	(void)a;
	return 0;
}

static int64_t
sys_enosys_quiet(struct subject *s, const uint64_t *a)
{
	(void)s;
	(void)a;
	return NX_ENOSYS;
}

static int64_t
sys_sched_yield(struct subject *s, const uint64_t *a)
{
	(void)s;
	(void)a;
	fiber_yield();
	return 0;
}

static int64_t
put_time(struct subject *s, uint64_t ubuf, uint64_t ns, int micro)
{
	struct linux_timespec ts = { (int64_t)(ns / 1000000000),
	    (int64_t)(ns % 1000000000) };

	if (micro)
		ts.nsec /= 1000;
	return copy_to_user(s->uc.root, ubuf, &ts, sizeof(ts));
}

static int64_t
sys_clock_gettime(struct subject *s, const uint64_t *a)
{
	/* REALTIME, _COARSE, _ALARM and TAI (no leap seconds are known, so
	 * it is realtime) read the wall clock; the others count from boot. */
	static const uint16_t wall = 1u << 0 | 1u << 5 | 1u << 8 | 1u << 11;

	if (a[0] > 11)
		return NX_EINVAL;
	return put_time(s, a[1], wall >> a[0] & 1 ? realtime_ns() :
	    uptime_ns(), 0);
}

static int64_t
sys_clock_getres(struct subject *s, const uint64_t *a)
{
	struct linux_timespec ts = { 0, 100 };	/* the 10 MHz timebase */

	if (!a[1])
		return 0;
	return copy_to_user(s->uc.root, a[1], &ts, sizeof(ts));
}

static int64_t
sys_gettimeofday(struct subject *s, const uint64_t *a)
{
	return a[0] ? put_time(s, a[0], realtime_ns(), 1) : 0;
}

static int64_t
sleep_for(struct subject *s, uint64_t uts)
{
	struct linux_timespec ts;

	if (copy_from_user(s->uc.root, &ts, uts, sizeof(ts)))
		return NX_EFAULT;
	if (ts.sec < 0 || ts.nsec < 0 || ts.nsec >= 1000000000)
		return NX_EINVAL;
	return subject_sleep(s, (uint64_t)ts.sec * 1000000000 +
	    (uint64_t)ts.nsec);
}

static int64_t
sys_nanosleep(struct subject *s, const uint64_t *a)
{
	return sleep_for(s, a[0]);
}

static int64_t
sys_clock_nanosleep(struct subject *s, const uint64_t *a)
{
	if (a[1] & 1)		/* TIMER_ABSTIME: not for a clock from boot */
		return NX_EINVAL;
	return sleep_for(s, a[2]);
}

static void
set_field(char *f, const char *v)
{
	strncpy(f, v, 64);
	f[64] = '\0';
}

static int64_t
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

static int64_t
sys_sysinfo(struct subject *s, const uint64_t *a)
{
	struct linux_sysinfo si;
	NxSubjectInfo list[MAX_SUBJECTS];
	uint64_t cached, idle;

	memset(&si, 0, sizeof(si));
	si.uptime = (int64_t)(uptime_ns() / 1000000000);
	si.totalram = pages_total();
	si.freeram = pages_free();
	/* Program pages no Subject maps are free on demand: Linux's nearest
	 * is the buffer memory a program adds to free memory. */
	pcache_stat(&cached, &idle);
	si.bufferram = idle;
	si.procs = (uint16_t)subject_list(list, MAX_SUBJECTS);
	si.mem_unit = NX_PAGE_SIZE;
	return copy_to_user(s->uc.root, a[0], &si, sizeof(si));
}

static int64_t
sys_prlimit64(struct subject *s, const uint64_t *a)
{
	struct linux_rlimit r = { UINT64_MAX, UINT64_MAX };

	if (a[0] != 0 && a[0] != s->id)
		return NX_ESRCH;
	if (a[2])
		return NX_EPERM;	/* limits are the kernel's */
	if (a[1] == RLIMIT_STACK)
		r.cur = r.max = NX_STACK_SIZE;
	if (!a[3])
		return 0;
	return copy_to_user(s->uc.root, a[3], &r, sizeof(r));
}

static int64_t
sys_getrandom(struct subject *s, const uint64_t *a)
{
	uint8_t buf[256];
	uint64_t len = a[1] < sizeof(buf) ? a[1] : sizeof(buf);

	random_bytes(buf, len);
	if (copy_to_user(s->uc.root, a[0], buf, len))
		return NX_EFAULT;
	return (int64_t)len;
}

static int64_t
sys_rt_sigprocmask(struct subject *s, const uint64_t *a)
{
	uint64_t none = 0;

	/* No signals are ever delivered, so none is ever blocked either. */
	if (a[2] && copy_to_user(s->uc.root, a[2], &none, sizeof(none)))
		return NX_EFAULT;
	return 0;
}

static const struct {
	uint32_t nr;
	linux_fn fn;
} syscalls[] = {
	{ SYS_getcwd, sys_getcwd }, { SYS_fcntl, sys_fcntl },
	{ SYS_ioctl, sys_ioctl }, { SYS_faccessat, sys_faccessat },
	{ SYS_chdir, sys_chdir }, { SYS_openat, sys_openat },
	{ SYS_close, sys_close }, { SYS_getdents64, sys_getdents64 },
	{ SYS_lseek, sys_lseek }, { SYS_read, sys_read },
	{ SYS_write, sys_write }, { SYS_readv, sys_readv },
	{ SYS_writev, sys_writev }, { SYS_pread64, sys_pread64 },
	{ SYS_readlinkat, sys_readlinkat },
	{ SYS_newfstatat, sys_newfstatat }, { SYS_fstat, sys_fstat },
	{ SYS_exit, sys_exit }, { SYS_exit_group, sys_exit },
	{ SYS_set_tid_address, sys_getpid },
	{ SYS_set_robust_list, sys_zero }, { SYS_nanosleep, sys_nanosleep },
	{ SYS_clock_gettime, sys_clock_gettime },
	{ SYS_clock_getres, sys_clock_getres },
	{ SYS_clock_nanosleep, sys_clock_nanosleep },
	{ SYS_sched_yield, sys_sched_yield }, { SYS_kill, sys_kill },
	{ SYS_tkill, sys_tkill }, { SYS_tgkill, sys_tgkill },
	{ SYS_rt_sigprocmask, sys_rt_sigprocmask },
	{ SYS_uname, sys_uname }, { SYS_gettimeofday, sys_gettimeofday },
	{ SYS_getpid, sys_getpid }, { SYS_getppid, sys_getppid },
	{ SYS_getuid, sys_zero }, { SYS_geteuid, sys_zero },
	{ SYS_getgid, sys_zero }, { SYS_getegid, sys_zero },
	{ SYS_gettid, sys_getpid }, { SYS_sysinfo, sys_sysinfo },
	{ SYS_brk, sys_brk },
	{ SYS_munmap, sys_munmap }, { SYS_mmap, sys_mmap },
	{ SYS_mprotect, sys_mprotect }, { SYS_prlimit64, sys_prlimit64 },
	{ SYS_getrandom, sys_getrandom }, { SYS_rseq, sys_enosys_quiet },
};

void
linux_syscall(struct subject *s, struct trapframe *tf)
{
	uint64_t nr = tf->x[REG_A7];
	const uint64_t *a = &tf->x[REG_A0];
	uint64_t args[6];

	memcpy(args, a, sizeof(args));
	for (unsigned i = 0; i < sizeof(syscalls) / sizeof(syscalls[0]); i++) {
		if (syscalls[i].nr == nr) {
			tf->x[REG_A0] = (uint64_t)syscalls[i].fn(s, args);
			return;
		}
	}
	kprintf("rumpk: %s: Linux system call %lu is not supported\n",
	    s->name, (unsigned long)nr);
	tf->x[REG_A0] = (uint64_t)(int64_t)NX_ENOSYS;
}
