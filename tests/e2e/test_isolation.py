"""Hostile programs and garbage commands: the kernel survives them all."""
import pytest


@pytest.mark.parametrize("how,report", [
    ("null", "store page fault at 0x0 "),
    ("kernel-write", "store page fault at 0x80200000 "),
    ("kernel-read", "load page fault at 0x80200000 "),
    ("text", "store page fault at 0x"),
    ("jump0", "instruction page fault at 0x0 (pc 0x0)"),
    ("illegal", "illegal instruction at "),
    ("satp", "illegal instruction at "),
    ("systable", "store page fault at 0x7ffff000 "),
])
def test_fault_ends_only_the_program(shell, how, report):
    out = shell.run(f"crash {how}")
    lines = out.splitlines()
    assert lines[0] == f"crash: {how}"
    assert lines[-1].startswith(f"crash: killed: {report}")
    assert "(pc 0x" in lines[-1]
    assert "still alive" not in out
    # The kernel carries on and the next program runs normally.
    assert shell.run("hello ok").splitlines()[-1] == "ok"


