"""The rumpk side: one QEMU at a time, cases typed at the NipBox prompt.

A case that hangs gets Ctrl-C; if NipBox's prompt does not come back, or
QEMU ends, the machine is booted again for the next case.
"""
import re

import pexpect

from session import ANY_PROMPT, CTRL_C, DIMENSIONS, Rumpk, clean, play

BOOT_TIMEOUT = 180
RECOVER_TIMEOUT = 60
KERNEL_LINE = re.compile(r"^rumpk: .*$", re.M)


class Machine:
    def __init__(self, initrd, log):
        self.initrd = initrd
        self.logpath = log
        self.m = None
        self.boots = 0

    def _boot(self):
        self.boots += 1
        log = open(self.logpath, "a")
        log.write(f"\n===== boot {self.boots} =====\n")
        # Rumpk opens a log of its own per boot; one file for all boots
        # reads better, so it is handed over after the start.
        m = Rumpk(initrd=self.initrd, log=None)
        m.child.logfile_read = log
        m.log = log
        try:
            m.expect(ANY_PROMPT, timeout=BOOT_TIMEOUT)
        except (pexpect.TIMEOUT, pexpect.EOF):
            last = _last_lines(m.child.before)
            m.close()
            return f"rumpk did not boot to the prompt: {last}"
        # A serial line carries no terminal size: say it as a person at
        # a serial console would, so that full-screen programs draw for
        # the same terminal as the Linux reference's pty.
        rows, cols = DIMENSIONS
        m.run(f"/bin/busybox stty rows {rows} cols {cols}")
        self.m = m
        return None

    def _drop(self):
        if self.m:
            self.m.close()
        self.m = None

    def mark(self, name):
        if self.m and self.m.log:
            self.m.log.write(f"\n===== case {name} =====\n")

    def run(self, case):
        """Returns (output, exit status, why or None)."""
        if self.m is None:
            why = self._boot()
            if why:
                return "", None, why
        self.mark(case.name)
        child = self.m.child
        self.m.type(case.line)
        try:
            self.m.expect_exact(case.line, timeout=RECOVER_TIMEOUT)
        except pexpect.TIMEOUT:
            self._drop()
            return "", None, "NipBox did not take the line"
        except pexpect.EOF:
            return self._ended("")
        text, why = play(child, case, ANY_PROMPT)
        if why == "ended early":
            return self._ended(text)
        if why == "hung":
            return self._interrupt(text)
        status = self._status()
        if status is None:
            return clean(text), None, "NipBox lost after the case"
        return clean(text), status, None

    def _ended(self, text):
        last = _last_lines(text)
        self._drop()
        return clean(text), None, f"kernel ended (QEMU exited): {last}"

    def _interrupt(self, text):
        self.m.child.send(CTRL_C)
        try:
            self.m.expect(ANY_PROMPT, timeout=RECOVER_TIMEOUT)
        except (pexpect.TIMEOUT, pexpect.EOF):
            self._drop()
        return clean(text), None, "hung"

    def _status(self):
        try:
            out = self.m.run("echo $?")
            return int(out.strip().splitlines()[-1])
        except (pexpect.TIMEOUT, pexpect.EOF, ValueError, IndexError):
            self._drop()
            return None

    def close(self):
        self._drop()


def _last_lines(text, n=3):
    lines = [ln for ln in clean(text if isinstance(text, str) else "")
             .split("\n") if ln.strip()]
    return " | ".join(lines[-n:]) or "(nothing printed)"


def kernel_reason(text):
    """The kernel's own lines in a case's output, if any (the first three
    that differ, in order): what a Linux program met that rumpk lacks."""
    lines = []
    for line in KERNEL_LINE.findall(text):
        if line not in lines:
            lines.append(line)
    if not lines:
        return None
    more = f" (and {len(lines) - 3} more)" if len(lines) > 3 else ""
    return "; ".join(lines[:3]) + more
