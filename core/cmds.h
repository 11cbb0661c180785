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

/* Audit-stamps the command being run, for handlers that never return. */
void ion_stamp_now(struct subject *s, uint32_t kind, uint64_t arg,
    int64_t result);

/* ion.c */
int64_t cmd_noop(struct subject *s, uint64_t arg);
int64_t cmd_ion_free(struct subject *s, uint64_t arg);
int64_t cmd_ion_alloc(struct subject *s, uint64_t arg);
int64_t cmd_ion_rx_wait(struct subject *s, uint64_t arg);
int64_t cmd_ion_stat(struct subject *s, uint64_t arg);

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
int64_t cmd_poweroff(struct subject *s, uint64_t arg);
int64_t cmd_uptime(struct subject *s, uint64_t arg);
int64_t cmd_sleep(struct subject *s, uint64_t arg);

/* fs/cmd_fs.c: the file services both front doors (commands, Linux) use */
struct file;
int64_t fs_read(struct subject *s, struct file *f, uint64_t ubuf,
    uint64_t len);
int64_t fs_chdir(struct subject *s, uint64_t upath);
int64_t fs_getcwd(struct subject *s, uint64_t ubuf, uint64_t len);
int64_t fs_readlink(struct subject *s, const char *dir, const char *path,
    uint64_t ubuf, uint64_t len);
int64_t cmd_fs_open(struct subject *s, uint64_t arg);
int64_t cmd_fs_read(struct subject *s, uint64_t arg);
int64_t cmd_fs_readdir(struct subject *s, uint64_t arg);
int64_t cmd_fs_close(struct subject *s, uint64_t arg);
int64_t cmd_fs_seek(struct subject *s, uint64_t arg);
int64_t cmd_fs_stat(struct subject *s, uint64_t arg);
int64_t cmd_fs_chdir(struct subject *s, uint64_t arg);
int64_t cmd_fs_getcwd(struct subject *s, uint64_t arg);
int64_t cmd_fs_readlink(struct subject *s, uint64_t arg);

#endif
