/*
 * The command handlers, one per kind, gathered in ion.c's table.  Each
 * gets the Subject and the command's argument (a number, or a user
 * pointer it checks before use) and returns the result.
 */
#ifndef RUMPK_CMDS_H
#define RUMPK_CMDS_H

#include <stdint.h>

#include "nexus/abi.h"

struct subject;

typedef int64_t (*cmd_fn)(struct subject *s, uint64_t arg);

/*
 * What a handler returns, instead of running, when it finds it may have to
 * wait while the doorbell runs it in a batch (s->batching): the doorbell
 * then closes the batch and runs it again on its own.  It must have
 * changed nothing by then.  Outside any errno's range; never reaches a
 * Subject.
 */
#define ION_RUN_ALONE	(-4096)

/* Audit-stamps the command being run, for handlers that never return. */
void ion_stamp_now(struct subject *s, uint32_t kind, uint64_t arg,
    int64_t result);

/* ion.c */
int64_t cmd_noop(struct subject *s, uint64_t arg);
int64_t cmd_ion_free(struct subject *s, uint64_t arg);
int64_t cmd_ion_alloc(struct subject *s, uint64_t arg);
int64_t cmd_ion_rx_wait(struct subject *s, uint64_t arg);
/* Moves the terminal's input into the rx ring of `s` while it has the
 * terminal (ion_rx.c): 0, or tty_may_read's answer.  `told`: SIGTTIN was
 * sent already. */
int rx_pump(struct subject *s, int *told);
int64_t cmd_ion_stat(struct subject *s, uint64_t arg);
/* Sends every packet on the tx ring of `s` (`n` queued, or < 0 for a
 * corrupt head, said once); 1 if one could have waited (ion_tx.c). */
int ion_tx_send(struct subject *s, int64_t n);

/* cmd_sys.c */
int64_t cmd_exec(struct subject *s, uint64_t arg);
int64_t cmd_exit(struct subject *s, uint64_t arg);
int64_t cmd_wait(struct subject *s, uint64_t arg);
int64_t cmd_kill(struct subject *s, uint64_t arg);
int64_t cmd_yield(struct subject *s, uint64_t arg);
int64_t cmd_ps(struct subject *s, uint64_t arg);
int64_t cmd_brk(struct subject *s, uint64_t arg);
int64_t cmd_mem_stat(struct subject *s, uint64_t arg);
int64_t cmd_audit(struct subject *s, uint64_t arg);
int64_t cmd_receipt(struct subject *s, uint64_t arg);
int64_t cmd_poweroff(struct subject *s, uint64_t arg);
int64_t cmd_uptime(struct subject *s, uint64_t arg);
int64_t cmd_sleep(struct subject *s, uint64_t arg);

/* A path from the Subject's memory, at most NX_PATH_MAX with its NUL
 * (fs/cmd_fs.c): its length, or NX_EFAULT / NX_ENAMETOOLONG. */
long user_path(struct subject *s, uint64_t upath, char *path);

/* fs/cmd_fs.c: the file commands, and the two services of the Subject
 * both front doors use (the rest are in fs/vfs.h) */
int64_t fs_chdir(struct subject *s, uint64_t upath);
int64_t fs_getcwd(struct subject *s, uint64_t ubuf, uint64_t len);
int64_t cmd_fs_pipe(struct subject *s, uint64_t arg);
int64_t cmd_fs_tty(struct subject *s, uint64_t arg);
int64_t cmd_fs_open(struct subject *s, uint64_t arg);
int64_t cmd_fs_read(struct subject *s, uint64_t arg);
int64_t cmd_fs_write(struct subject *s, uint64_t arg);
int64_t cmd_fs_readdir(struct subject *s, uint64_t arg);
int64_t cmd_fs_close(struct subject *s, uint64_t arg);
int64_t cmd_fs_dup(struct subject *s, uint64_t arg);
int64_t cmd_fs_fdctl(struct subject *s, uint64_t arg);
int64_t cmd_fs_seek(struct subject *s, uint64_t arg);
int64_t cmd_fs_stat(struct subject *s, uint64_t arg);
int64_t cmd_fs_chdir(struct subject *s, uint64_t arg);
int64_t cmd_fs_getcwd(struct subject *s, uint64_t arg);
int64_t cmd_fs_readlink(struct subject *s, uint64_t arg);
int64_t cmd_fs_truncate(struct subject *s, uint64_t arg);

/* fs/cmd_path.c: the name-space commands (service 0x1). */
int64_t cmd_path_mkdir(struct subject *s, uint64_t arg);
int64_t cmd_path_unlink(struct subject *s, uint64_t arg);
int64_t cmd_path_rename(struct subject *s, uint64_t arg);
int64_t cmd_path_symlink(struct subject *s, uint64_t arg);
int64_t cmd_path_link(struct subject *s, uint64_t arg);
int64_t cmd_path_setattr(struct subject *s, uint64_t arg);
int64_t cmd_path_statfs(struct subject *s, uint64_t arg);

#endif
