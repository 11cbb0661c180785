/*
 * The command handlers, one per kind, gathered in ion.c's table.  Each
 * gets the Subject and its (already copied) packet and returns the result.
 */
#ifndef RUMPK_CMDS_H
#define RUMPK_CMDS_H

#include <stdint.h>

#include "nexus/abi.h"

struct subject;

typedef int64_t (*cmd_fn)(struct subject *s, const CmdPacket *p);

/* Audit-stamps the command being run, for handlers that never return. */
void ion_stamp_now(struct subject *s, const CmdPacket *p, int64_t result);

/* ion.c */
int64_t cmd_noop(struct subject *s, const CmdPacket *p);
int64_t cmd_ion_free(struct subject *s, const CmdPacket *p);
int64_t cmd_ion_alloc(struct subject *s, const CmdPacket *p);
int64_t cmd_ion_rx_wait(struct subject *s, const CmdPacket *p);
int64_t cmd_ion_stat(struct subject *s, const CmdPacket *p);

/* cmd_sys.c */
int64_t cmd_exec(struct subject *s, const CmdPacket *p);
int64_t cmd_exit(struct subject *s, const CmdPacket *p);
int64_t cmd_wait(struct subject *s, const CmdPacket *p);
int64_t cmd_kill(struct subject *s, const CmdPacket *p);
int64_t cmd_yield(struct subject *s, const CmdPacket *p);
int64_t cmd_ps(struct subject *s, const CmdPacket *p);
int64_t cmd_brk(struct subject *s, const CmdPacket *p);
int64_t cmd_mem_stat(struct subject *s, const CmdPacket *p);
int64_t cmd_audit(struct subject *s, const CmdPacket *p);
int64_t cmd_poweroff(struct subject *s, const CmdPacket *p);
int64_t cmd_uptime(struct subject *s, const CmdPacket *p);
int64_t cmd_sleep(struct subject *s, const CmdPacket *p);

/* fs/cmd_fs.c: the file services both front doors (commands, Linux) use */
struct file;
int64_t fs_read(struct subject *s, struct file *f, uint64_t ubuf,
    uint64_t len);
int64_t fs_chdir(struct subject *s, uint64_t upath);
int64_t fs_getcwd(struct subject *s, uint64_t ubuf, uint64_t len);
int64_t cmd_fs_open(struct subject *s, const CmdPacket *p);
int64_t cmd_fs_read(struct subject *s, const CmdPacket *p);
int64_t cmd_fs_readdir(struct subject *s, const CmdPacket *p);
int64_t cmd_fs_close(struct subject *s, const CmdPacket *p);
int64_t cmd_fs_seek(struct subject *s, const CmdPacket *p);
int64_t cmd_fs_stat(struct subject *s, const CmdPacket *p);
int64_t cmd_fs_chdir(struct subject *s, const CmdPacket *p);
int64_t cmd_fs_getcwd(struct subject *s, const CmdPacket *p);

#endif
