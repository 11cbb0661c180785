/*
 * Interpreter scripts (pure): a file starting with "#!" names the program
 * that runs it, as Linux's binfmt_script reads it: the interpreter's path
 * and at most one argument (the rest of the line, spaces inside kept),
 * within the first SCRIPT_LINE_MAX bytes.
 */
#ifndef RUMPK_SCRIPT_H
#define RUMPK_SCRIPT_H

#include <stddef.h>

#define SCRIPT_LINE_MAX	256
/* Scripts running scripts: the fifth interpreter in a row is refused. */
#define SCRIPT_DEPTH_MAX	4

/*
 * Reads the first `n` bytes of a file: 1 when it is not a script, 0 with
 * `interp` and `arg` ("" when there is none) filled, or NX_ENOEXEC with
 * the reason in `*why` (no interpreter, a line that does not fit).
 * `interp` and `arg` hold SCRIPT_LINE_MAX bytes.
 */
int script_parse(const char *buf, size_t n, char *interp, char *arg,
    const char **why);

#endif
