/*
 * The parts of /proc (procfs.c: its vnodes; procfs_sys.c: the files about
 * the whole system; procfs_pid.c: the files of each process).
 *
 * A file's text is made afresh on every read into a page (struct pbuf)
 * and the part the reader asked for is copied out, as Linux's seq_file
 * does, so no file holds state between reads.  A process's files name it
 * by id and look it up on every read: a Subject may be freed, and its
 * block reused, while a descriptor on its files stays open, so no
 * pointer to one is kept across a call.
 */
#ifndef RUMPK_PROCFS_IMPL_H
#define RUMPK_PROCFS_IMPL_H

#include <stddef.h>
#include <stdint.h>

struct subject;

/* A file's text as it is made: at most `cap` bytes, the rest cut. */
struct pbuf {
	char *p;
	size_t len;
	size_t cap;
};

void pb_put(struct pbuf *b, const void *s, size_t n);
void pb_printf(struct pbuf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/*
 * An entry of a /proc directory.  A file has `gen`, which writes its
 * text (for the process `t`, NULL in /proc itself): 0 or an NX_E*.  A
 * link has `link`, which writes its target into `buf`: the length or an
 * NX_E*.  `who` is the Subject asking, NULL for the kernel itself.  A
 * directory (a process's fd) has neither: procfs.c lists it.
 */
struct pentry {
	const char *name;
	uint8_t type;		/* NX_DT_FILE or NX_DT_SYMLINK */
	int (*gen)(struct pbuf *b, struct subject *t);
	int (*link)(struct subject *t, struct subject *who, char *buf,
	    size_t size);
};

extern const struct pentry procfs_sys[];
extern const unsigned procfs_nsys;
extern const struct pentry procfs_pid[];
extern const unsigned procfs_npid;

/* /proc/<pid>/fd (procfs_fd.c): the target of `t`'s descriptor `fd`
 * link into `buf` (the length, NX_ENOENT, NX_ENOMEM), a search that
 * leaves out the file system numbered `procdev`; and the number of its
 * `index`th open descriptor, -1 past the last. */
int procfs_fd_link(struct subject *t, int32_t fd, uint32_t procdev,
    char *buf, size_t size);
int procfs_nth_fd(struct subject *t, uint64_t index);
/* Whether `who` (NULL: the kernel) may see `t`'s descriptors and program
 * file, as Linux's ptrace read check allows: root, or `t`'s own user
 * (real, effective and saved all its file-system uid). */
int procfs_may_inspect(const struct subject *who, const struct subject *t);

/* /proc/mounts and /proc/<pid>/mounts: the mount table. */
int procfs_gen_mounts(struct pbuf *b, struct subject *t);
/* The Subject the kernel runs for now, or NULL (the idle fiber). */
struct subject *procfs_caller(void);
/* The `index`th process id in increasing order, or 0 past the last. */
uint32_t procfs_nth_pid(uint64_t index);
/* Timebase ticks as Linux's clock ticks (USER_HZ, 100 a second). */
uint64_t procfs_clock_ticks(uint64_t ticks);

#endif
