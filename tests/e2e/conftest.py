"""Boots rumpk in QEMU over a pty and drives the NipBox console.

Every wait has a generous timeout (CI machines are loaded) and QEMU is
always ended, also when a test fails.  The console transcript of each boot
goes to build/e2e/<test>.log.
"""
import os
import re
from pathlib import Path

import pexpect
import pytest

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / "build"
KERNEL = BUILD / "kernel.elf"
INITRD = BUILD / "initrd.tar"
TEST_INITRD = BUILD / "test-initrd.tar"
TIMEOUT = 60
PROMPT = "nipbox:/$ "
# The prompt shows the current directory: nipbox:<cwd>$
ANY_PROMPT = r"nipbox:[^\r\n]*?\$ "


class Rumpk:
    """One QEMU running rumpk, with helpers for the shell."""

    def __init__(self, initrd=INITRD, append=None, log=None, qemu_args=()):
        env = dict(os.environ)
        env.pop("APPEND", None)
        if append:
            env["APPEND"] = append
        self.log = open(log, "w") if log else None
        self.child = pexpect.spawn(
            str(ROOT / "tools" / "qemu.sh"),
            [str(KERNEL), str(initrd) if initrd else "", *qemu_args],
            env=env, encoding="utf-8", codec_errors="replace",
            timeout=TIMEOUT, dimensions=(50, 200))
        self.child.logfile_read = self.log

    def expect(self, pattern, timeout=TIMEOUT):
        return self.child.expect(pattern, timeout=timeout)

    def expect_exact(self, text, timeout=TIMEOUT):
        return self.child.expect_exact(text, timeout=timeout)

    def prompt(self):
        self.expect(ANY_PROMPT)

    def type(self, line):
        """Types a line as a person would, ending it with Enter."""
        self.child.send(line + "\r")

    def run(self, line):
        """Runs a command and returns what it printed before the next prompt."""
        self.type(line)
        self.expect_exact(line)
        self.prompt()
        # QEMU adds its own CR to every LF on stdio, so lines end in "\r\r\n".
        return self.child.before.replace("\r", "").strip("\n")

    def exit_status(self):
        """Waits for QEMU to end and returns its exit status."""
        self.child.expect(pexpect.EOF, timeout=TIMEOUT)
        self.child.close()
        return self.child.exitstatus

    def close(self):
        if self.child.isalive():
            self.child.terminate(force=True)
        self.child.close()
        if self.log:
            self.log.close()


@pytest.fixture
def boot(request):
    """A factory: boot(initrd=..., append=..., qemu_args=[...]) -> Rumpk;
    all ended at teardown."""
    machines = []
    logdir = BUILD / "e2e"
    logdir.mkdir(parents=True, exist_ok=True)

    def start(**kw):
        name = re.sub(r"[^A-Za-z0-9_.-]", "_", request.node.name)
        m = Rumpk(log=logdir / f"{name}-{len(machines)}.log", **kw)
        machines.append(m)
        return m

    yield start
    for m in machines:
        m.close()


@pytest.fixture
def shell(boot):
    """rumpk booted from the test archive, sitting at the NipBox prompt."""
    m = boot(initrd=TEST_INITRD)
    m.prompt()
    return m
