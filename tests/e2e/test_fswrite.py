"""The writable root: memfs at "/", seeded from the archive, with the
native name-space commands (tests/programs/fswrite.c does the work)."""
import re
import time

from conftest import TEST_INITRD
from test_subjects import mem_free


def test_native_writes_names_and_errors(shell):
    before = mem_free(shell)
    out = shell.run("fswrite")
    assert "fswrite: 0 failures" in out, out
    assert out.count(": ok") == 73, out
    # Everything written was removed: every page and object came back.
    assert mem_free(shell) == before


def test_full_file_system_gives_enospc_and_a_short_write(boot):
    m = boot(initrd=TEST_INITRD, append="fsmax=1")
    m.expect(r"limit 1024 KiB")
    m.prompt()
    out = m.run("fswrite full")
    assert "fswrite: 0 failures" in out, out
    kib = int(re.search(r"wrote (\d+) KiB", out).group(1))
    assert 900 <= kib < 1024, out
    # The kernel is fine, and the space is there again.
    assert m.run("fswrite full").endswith("fswrite: 0 failures")


def test_rewritten_program_runs_its_new_bytes(shell):
    env = shell.run("showenv")
    assert shell.run("status") == ""          # its pages are cached now
    assert shell.run("cat /etc/motd") == "This is not a program."
    assert shell.run("fswrite copy /bin/showenv /bin/status") == ""
    assert shell.run("status") == env
    # The archive's other programs still run from the cache.
    assert shell.run("showenv") == env
    out = shell.run("fswrite mtime /bin/status")
    secs = int(re.search(r"mtime (\d+)", out).group(1))
    assert abs(secs - time.time()) < 600, out


def test_running_program_keeps_its_pages_while_rewritten(shell):
    out = shell.run("fswrite self")
    assert out == "fswrite: still running after rewriting itself"
    assert shell.run("fswrite") == ""          # it is /bin/status now


def test_a_bad_fsmax_is_said_and_ignored(boot):
    m = boot(initrd=TEST_INITRD, append="fsmax=lots")
    m.expect_exact("rumpk: fsmax= wants a number; ignored")
    m.expect(r"limit (\d+) KiB")
    assert int(m.child.match.group(1)) > 1024
    m.prompt()
