"""Running a case: on rumpk at the NipBox prompt, and on Linux under
qemu-riscv64, both on a pty of the same size with the same environment and
current directory, and both giving (transcript, exit status, why).

`why` is None when the case ran to its end; otherwise it says what went
wrong on that side ("hung", or that the kernel ended with its last lines).
"""
import sys
import time
from pathlib import Path

import pexpect

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "e2e"))
# rumpk.py takes these from here, with the path set up.
from conftest import ANY_PROMPT, Rumpk  # noqa: E402,F401

# What NipBox gives every program it starts (user/nipbox/nipbox.c), and the
# terminal size of the e2e tests.
ENV = {"PATH": "/bin", "HOME": "/", "TERM": "vt100", "SHELL": "/bin/nipbox"}
DIMENSIONS = (50, 200)
CWD = "/"
CTRL_C = "\x03"


def nipbox_words(line):
    """Splits a line into words as NipBox does (user/nipbox/parse.c):
    single quotes literal, double quotes with \\" and \\\\, a backslash
    outside quotes takes the next character; $? becomes 0."""
    line = _expand_status(line)
    words, w, quote, i, inword = [], [], None, 0, False
    while i < len(line):
        c = line[i]
        if quote == "'":
            if c == "'":
                quote = None
            else:
                w.append(c)
        elif quote == '"':
            if c == '"':
                quote = None
            elif c == "\\" and i + 1 < len(line) and line[i + 1] in '"\\':
                i += 1
                w.append(line[i])
            else:
                w.append(c)
        elif c in "'\"":
            quote, inword = c, True
        elif c == "\\" and i + 1 < len(line):
            i += 1
            w.append(line[i])
            inword = True
        elif c in " \t":
            if inword:
                words.append("".join(w))
            w, inword = [], False
        else:
            w.append(c)
            inword = True
        i += 1
    if inword:
        words.append("".join(w))
    return words


def _expand_status(line):
    """$? outside single quotes becomes 0 (user/nipbox/parse.c)."""
    out, squote, dquote, i = [], False, False, 0
    while i < len(line):
        c = line[i]
        if c == "'" and not dquote:
            squote = not squote
        elif c == '"' and not squote:
            dquote = not dquote
        if not squote and line.startswith("$?", i):
            out.append("0")
            i += 2
            continue
        out.append(c)
        i += 1
    return "".join(out)


def clean(text):
    """Terminal output as lines: QEMU and the pty both add CRs to LFs."""
    return text.replace("\r", "").strip("\n")


def play(child, case, end):
    """Plays a case on a started child up to `end` (a pattern: the NipBox
    prompt, or EOF); returns (what it printed, why or None)."""
    seen = []
    for op, arg in case.steps or ():
        if op == "send":
            child.send(arg)
            continue
        try:
            child.expect(arg, timeout=case.timeout)
        except pexpect.TIMEOUT:
            return "".join(seen) + _str(child.before), "hung"
        except pexpect.EOF:
            return "".join(seen) + _str(child.before), "ended early"
        seen.append(_str(child.before) + _str(child.after))
    # The end may be far (the test suite); a case is hung when it prints
    # nothing for `quiet` seconds, or runs past its timeout.
    deadline = time.monotonic() + case.timeout
    while True:
        left = deadline - time.monotonic()
        try:
            i = child.expect([end, "\n"], timeout=max(1, min(case.quiet,
                                                             left)))
        except pexpect.TIMEOUT:
            return "".join(seen) + _str(child.before), "hung"
        except pexpect.EOF:
            if end is pexpect.EOF:
                return "".join(seen) + _str(child.before), None
            return "".join(seen) + _str(child.before), "ended early"
        if i == 0:
            return "".join(seen) + _str(child.before), None
        seen.append(_str(child.before) + _str(child.after))


def _str(x):
    return x if isinstance(x, str) else ""


class Linux:
    """The reference: the tree copy as / through proot, which puts
    qemu-riscv64-static in front of the program and of every exec it makes
    (there is no binfmt_misc to do that here).  The host's /dev and /proc
    are bound in: a Linux system has /dev/null and /proc (whose process
    directories are the host's; qemu-riscv64 makes up /proc/self's stat
    and cmdline for the program itself).  proot
    adds PWD=/ to the environment; no case prints the whole environment,
    and the shells set PWD themselves."""

    def __init__(self, root, log):
        self.root = str(root)
        self.log = log
        self.child = None

    def stop(self):
        """Ends a run still going (from another thread)."""
        if self.child is not None and self.child.isalive():
            self.child.terminate(force=True)

    def run(self, case):
        argv = nipbox_words(case.line)
        child = pexpect.spawn(
            "proot", ["-r", self.root, "-b", "/dev", "-b", "/proc",
                      "-w", CWD,
                      "-q", "qemu-riscv64-static",
                      *argv],
            env=ENV, encoding="utf-8", codec_errors="replace",
            dimensions=DIMENSIONS, timeout=case.timeout)
        child.logfile_read = self.log
        self.child = child
        text, why = play(child, case, pexpect.EOF)
        if why == "hung":
            child.sendintr()
        child.close(force=True)
        if why == "ended early":
            why = None
        if why:
            return clean(text), None, why
        if child.signalstatus is not None:
            return clean(text), 128 + child.signalstatus, None
        return clean(text), child.exitstatus, None
