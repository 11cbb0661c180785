"""Subjects: exit status, faults, Ctrl-C, preemption, many at once, many in a
row, malformed programs; nothing leaks."""
import re
import shutil
import struct
import tarfile

import pytest

from conftest import BUILD


def mem_stat(shell):
    """(free, cached): pages free, and program pages cached that no Subject
    maps."""
    out = shell.run("mem")
    m = re.fullmatch(r"mem: (\d+) of (\d+) pages free, (\d+) cached", out)
    assert m, out
    return int(m.group(1)), int(m.group(3))


def mem_free(shell):
    """Free pages, counting the program cache's unused pages: page_alloc
    takes those back when nothing else is free.  The sum stays the same
    across any run of programs unless something leaks: a private page, a
    cached page lost, or a cache record still marked in use."""
    free, cached = mem_stat(shell)
    return free + cached


def ion_free(shell):
    out = shell.run("ion")
    m = re.search(r"ion: (\d+) of (\d+) packets free", out)
    assert m, out
    return int(m.group(1))


def _status(shell):
    # `hello $?` prints the status on its second line.
    return int(shell.run("hello $?").splitlines()[1])


def test_exit_status_and_dollar_question(shell):
    shell.run("status 3")
    assert _status(shell) == 3
    shell.run("status 0")
    assert _status(shell) == 0
    shell.run("status 300")
    assert _status(shell) == 300 & 0xff
    assert shell.run("nosuch") == "nipbox: nosuch: command not found"
    assert _status(shell) == 127


def test_fault_status_is_128_plus_cause(shell):
    shell.run("crash null")                  # store page fault: cause 15
    assert _status(shell) == 128 + 15


def test_stack_guard_page(shell):
    out = shell.run("crash stack")
    assert re.search(r"crash: killed: stack overflow \(guard page\) at "
                     r"0x7f5ff[0-9a-f]{3} \(pc 0x[0-9a-f]+\)$", out), out


def test_stack_grows_on_demand(shell):
    # Only the stack's top is mapped at exec; the kernel's write into the
    # untouched pages below maps them too.  They all go back at the end.
    before = mem_free(shell)
    out = shell.run("deepstack")
    assert re.fullmatch(r"deepstack: \d+ bytes, same", out), out
    assert mem_free(shell) == before


def test_misaligned_atomic(shell):
    out = shell.run("crash misaligned")
    assert re.search(r"crash: killed: misaligned (load|store) at 0x[0-9a-f]*"
                     r"[13579bdf] ", out), out


def test_heap_runs_out_cleanly(shell):
    before = mem_free(shell)
    out = shell.run("crash heap")
    assert "crash: heap full after 64 MiB: Out of memory" in out
    assert _status(shell) == 0
    assert mem_free(shell) == before


def test_ctrl_c_ends_the_foreground_program(shell):
    shell.type("crash spin")
    shell.expect_exact("crash: spin")
    shell.child.send("\x03")
    shell.expect_exact("crash: interrupted")
    shell.prompt()
    assert _status(shell) == 130


def test_ctrl_c_at_the_prompt_clears_the_line(shell):
    shell.child.send("hello nope\x03")
    shell.expect_exact("^C")
    shell.prompt()
    # The line was dropped, not run...
    assert shell.child.before.strip() == "", shell.child.before
    # ...and the next one starts empty: no "hello nopehello yes".
    assert shell.run("hello yes").splitlines() == [
        "Hello from a dynamically loaded ELF!", "yes"]


def test_preemption(shell):
    out = shell.run("spawner preempt")
    assert "spawner: parent ran while the child spun" in out
    assert _status(shell) == 0


def test_sixteen_subjects(shell):
    before = mem_free(shell), ion_free(shell)
    out = shell.run("spawner fanout 14")
    assert "spawner: 14 children started, 16 Subjects" in out, out
    assert "spawner: 14 children ended" in out, out
    assert shell.run("ps").count("\n") == 1      # header and nipbox
    assert (mem_free(shell), ion_free(shell)) == before


def test_spawns_past_the_limit_are_refused(shell):
    """No table of 16 any more: 1024 Subjects at once (memory allows it
    here), and the next spawn is refused with EAGAIN; all of them end and
    their memory comes back."""
    shell.run("spawner fanout 2")       # the programs' pages cached
    before = mem_free(shell), ion_free(shell)
    shell.type("spawner fanout 1100")
    shell.expect_exact("spawner: /bin/crash: Try again", timeout=300)
    shell.expect_exact("spawner: 1022 children started", timeout=300)
    shell.expect_exact("spawner: 1022 children ended", timeout=300)
    shell.prompt()
    assert shell.run("ps").count("\n") == 1      # header and nipbox
    assert (mem_free(shell), ion_free(shell)) == before


def test_thousand_spawn_cycles_leak_nothing(shell):
    before = mem_free(shell), ion_free(shell)
    shell.type("spawner cycles 1000")
    shell.expect_exact("spawner: 1000 cycles ok", timeout=300)
    shell.prompt()
    assert (mem_free(shell), ion_free(shell)) == before
    assert shell.run("hello after").splitlines()[-1] == "after"


def test_exec_replaces_the_shell_and_it_comes_back(shell):
    shell.type("cd /bin")
    shell.prompt()
    out = shell.run("exec hello replaced")
    assert out.splitlines() == ["Hello from a dynamically loaded ELF!",
                                "replaced"]
    # The kernel started a fresh NipBox, in /.
    assert shell.run("pwd") == "/"


def test_ps_lists_the_shell(shell):
    lines = shell.run("ps").splitlines()
    assert lines[0].split() == ["ID", "PARENT", "STATE", "PAGES", "IDENTITY",
                                "NAME"]
    assert re.fullmatch(r"\s*\d+\s+0\s+run\s+\d+\s+[0-9a-f]{16}\s+nipbox",
                        lines[1]), lines


# --- malformed programs -------------------------------------------------

PHDR = struct.Struct("<IIQQQQQQ")


def phdrs(elf):
    phoff, = struct.unpack_from("<Q", elf, 32)
    phnum, = struct.unpack_from("<H", elf, 56)
    return [(phoff + i * 56, list(PHDR.unpack_from(elf, phoff + i * 56)))
            for i in range(phnum)]


def patched(elf, index, field, value):
    out = bytearray(elf)
    off, ph = phdrs(elf)[index]
    ph[field] = value
    PHDR.pack_into(out, off, *ph)
    return bytes(out)


TYPE, FLAGS, OFFSET, VADDR, PADDR, FILESZ, MEMSZ, ALIGN = range(8)


def bad_programs(hello):
    first = phdrs(hello)[0][1]
    return {
        "short": (hello[:30], "truncated ELF header"),
        "text": (b"echo hi\n", "not an ELF file (bad magic)"),
        "elf32": (hello[:4] + b"\x01" + hello[5:],
                  "32-bit ELF file, not 64-bit"),
        "bigendian": (hello[:5] + b"\x02" + hello[6:],
                      "big-endian ELF file, not little-endian"),
        "x86": (hello[:18] + struct.pack("<H", 62) + hello[20:],
                "built for x86-64, not RISC-V"),
        "pastend": (patched(hello, 0, OFFSET, 1 << 20),
                    "segment 0 extends past end of file"),
        "overlap": (patched(hello, 1, VADDR, first[VADDR]),
                    "segment 1 overlaps another segment"),
        "kernel": (patched(hello, 0, VADDR, 0x80200000),
                   "segment 0 lies outside the user address range"),
        "wx": (patched(hello, 0, FLAGS, 7),
               "segment 0 is writable and executable"),
        "interp": (patched(hello, 2, TYPE, 3),
                   "dynamically linked programs are not supported"),
        "pie": (hello[:16] + struct.pack("<H", 3) + hello[18:],
                "position-independent executables are not supported yet"),
    }


def test_malformed_programs_are_refused(boot, tmp_path):
    hello = (BUILD / "rootfs" / "bin" / "hello").read_bytes()
    cases = bad_programs(hello)
    archive = tmp_path / "bad.tar"
    with tarfile.open(archive, "w", format=tarfile.USTAR_FORMAT) as t:
        for prog in ("nipbox", "hello"):
            t.add(BUILD / "testroot" / "bin" / prog, arcname="bin/" + prog)
        for name, (data, _) in cases.items():
            path = tmp_path / name
            path.write_bytes(data)
            t.add(path, arcname="t/" + name)
    m = boot(initrd=archive)
    m.prompt()
    before = mem_free(m)
    for name, (_, reason) in cases.items():
        assert m.run(f"/t/{name}") == f"exec: /t/{name}: {reason}", name
    assert m.run("/t") == "nipbox: /t: Is a directory"
    assert mem_free(m) == before
    assert m.run("hello ok").splitlines()[-1] == "ok"


def test_fpu_registers_survive_switches(shell):
    assert shell.run("fpu") == "fpu: parent 0 changed, child 0 changed"


def test_call_saved_registers_survive_every_way_back(shell):
    """s0-s11, gp and tp across the doorbell: empty, batched, yielding,
    sleeping and waiting while a child holds other values in them; and
    a1-a7, t0-t6 come back zero, holding nothing of the kernel's."""
    out = shell.run("regcheck")
    cases = re.findall(r"^regcheck: ([a-z ]+): (\d+) changed, (\d+) leaked$",
                       out, re.M)
    assert [c[0] for c in cases] == ["empty doorbell", "batch", "yield",
                                     "sleep", "child", "wait"], out
    assert all(c[1:] == ("0", "0") for c in cases), out
    assert shell.run("echo $?").splitlines()[-1] == "0"


def test_scheduling_while_a_sleeper_has_the_timer(shell):
    """A sleeper 20 s out must neither keep a killed child alive until its
    deadline nor stop a busy program's time slices."""
    out = shell.run("slicecheck")
    lines = [l for l in out.splitlines() if l.startswith("slicecheck:")]
    assert lines == ["slicecheck: killed child ended: yes"] * 3 + [
        "slicecheck: sleeper still asleep: yes",
        "slicecheck: child ran",
        "slicecheck: parent spun",
        "slicecheck: interrupted",      # the sleeper, killed at the end
        "slicecheck: done"], out
