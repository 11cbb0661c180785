"""Provenance on both SipHash paths: the Zbb assembly against the reference
vectors (under qemu-riscv64), and a kernel on a hart without Zbb, whose
portable tags must chain just the same."""
import re
import shutil
import subprocess

import pytest

from conftest import BUILD, ROOT, TEST_INITRD


def test_zbb_siphash_matches_the_reference_vectors(tmp_path):
    for tool in ("riscv64-linux-gnu-gcc", "qemu-riscv64"):
        if not shutil.which(tool):
            pytest.fail(f"{tool} missing: run tools/deps.sh")
    exe = tmp_path / "siphash_zbb_check"
    subprocess.run(["riscv64-linux-gnu-gcc", "-static", "-O2", "-Wall",
                    "-Werror", "-I", str(ROOT / "libs"), "-o", str(exe),
                    str(ROOT / "tests" / "zbb" / "siphash_zbb_check.c"),
                    str(ROOT / "libs" / "siphash.c"),
                    str(ROOT / "hal" / "riscv64" / "siphash_zbb.S")],
                   check=True)
    out = subprocess.run(["qemu-riscv64", "-cpu", "rv64,zbb=true", str(exe),
                          str(ROOT / "tests" / "data" /
                              "siphash-2-4-vectors.txt")],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stdout + out.stderr
    assert out.stdout.strip() == "zbb: 128 vectors ok"


def audit_ok(m):
    assert m.run("hello one").splitlines()[-1] == "one"
    out = m.run("audit 20")
    assert re.search(r"^audit: \d+ entries, chain ok$", out, re.M), out


def fscheck_batches(m):
    """fscheck runs (all its checks pass), its commands are in the log
    beside NipBox's batches, and the log still verifies.  The kernel's own
    verifier says "chain ok"; tests/host/test_audit_ref.c checks that
    verifier against an independent one."""
    out = m.run("fscheck")
    assert "fscheck: 0 failures" in out, out
    assert out.count(": ok") == 73, out
    log = m.run("audit 200")
    assert re.search(r" \+\d+$", log, re.M), log      # a batch of several
    others = [s for s in re.findall(r"subject (\d+)", log) if s != "1"]
    assert len(others) >= 42, log                      # fscheck's commands
    assert log.splitlines()[-1].endswith("chain ok"), log
    audit_ok(m)


def test_audit_chain_on_a_hart_without_zbb(boot):
    m = boot(initrd=TEST_INITRD, qemu_args=["-cpu", "rv64,zbb=false"])
    m.prompt()
    audit_ok(m)
    fscheck_batches(m)


def test_audit_chain_with_zbb(shell):
    audit_ok(shell)
    fscheck_batches(shell)


def test_a_batch_shares_one_tag(shell):
    """NipBox gives its input packets back several to a doorbell; those
    commands form a batch: the later entries are marked +N and carry the
    tag of the entry before them."""
    shell.run("hello batch")
    lines = shell.run("audit 64").splitlines()[:-1]
    entries = [re.match(r"\s*(\d+) .* tag ([0-9a-f]{16})(?: \+(\d+))?$", l)
               for l in lines]
    assert all(entries), lines
    later = [i for i, e in enumerate(entries) if e.group(3)]
    assert later, lines
    for i in later:
        assert i == 0 or entries[i].group(2) == entries[i - 1].group(2), \
            lines
        assert i == 0 or int(entries[i].group(3)) == \
            int(entries[i - 1].group(3) or 0) + 1, lines


def test_receipts(shell):
    """A program gets the tagged audit entry of each of its commands by
    sequence number (tags are computed after the doorbell returns), the
    same the log shows; and a wrong request is refused, not fatal."""
    out = shell.run("receipt")
    assert "receipt: 0 failures" in out, out
    audit_ok(shell)
