"""Unmodified static Linux binaries on rumpk: each program of tests/linux/
is built with riscv64-linux-gnu-gcc -static at test time, run under
qemu-riscv64 on the host and under rumpk from NipBox, and must print the
same thing and end the same way on both."""
import os
import random
import shutil
import subprocess
import tarfile

import pytest

from conftest import BUILD, ROOT

SOURCES = ROOT / "tests" / "linux"
# What NipBox gives every program it starts.
ENV = {"PATH": "/bin", "HOME": "/", "TERM": "vt100",
       "SHELL": "/bin/nipbox"}

CASES = [
    ("hello_env", ["one", "two words"]),
    ("numbers", []),
    ("memory", []),
    ("files", []),
    ("listdir", []),
    ("clock", []),
    ("exit7", []),
    ("segv", []),
    ("rodata", []),
]


@pytest.fixture(scope="module")
def staged(tmp_path_factory):
    """The programs built, and a tree with them and their data."""
    if not shutil.which("riscv64-linux-gnu-gcc"):
        pytest.fail("riscv64-linux-gnu-gcc missing: run tools/deps.sh")
    root = tmp_path_factory.mktemp("linux-root")
    (root / "bin").mkdir()
    for prog in sorted(SOURCES.glob("*.c")):
        subprocess.run(["riscv64-linux-gnu-gcc", "-static", "-O2", "-Wall",
                        "-o", str(root / "bin" / prog.stem), str(prog),
                        "-lm"], check=True)
    rng = random.Random(5)
    data = root / "data"
    data.mkdir()
    (data / "lines.txt").write_text(
        "".join(f"{i}: {rng.random()}\n" for i in range(300)))
    for name in ("alpha", "beta", "gamma delta"):
        (data / name).write_text(name + "\n")
    (data / "sub").mkdir()
    for prog in ("nipbox", "hello"):
        shutil.copy(BUILD / "rootfs" / "bin" / prog, root / "bin" / prog)
    archive = tmp_path_factory.mktemp("linux-tar") / "linux.tar"
    with tarfile.open(archive, "w", format=tarfile.GNU_FORMAT) as t:
        t.add(root / "bin", arcname="bin")
        t.add(data, arcname="data")
    return root, archive


def on_host(root, name, args):
    """The program under qemu-riscv64, run from the tree as / would be."""
    p = subprocess.run(["qemu-riscv64", "-0", name,
                        str(root / "bin" / name), *args],
                       cwd=root, env=ENV, capture_output=True, text=True,
                       timeout=120)
    return p.stdout.rstrip("\n"), p.returncode


@pytest.fixture(scope="module")
def machine(staged, tmp_path_factory):
    from conftest import Rumpk
    logdir = BUILD / "e2e"
    logdir.mkdir(parents=True, exist_ok=True)
    m = Rumpk(initrd=staged[1], log=logdir / "test_linux.log")
    try:
        m.prompt()
        yield m
    finally:
        m.close()


def quoted(args):
    return " ".join("'" + a + "'" for a in args)


@pytest.mark.parametrize("name,args", CASES, ids=[c[0] for c in CASES])
def test_same_output_as_qemu_user(staged, machine, name, args):
    root, _ = staged
    want, code = on_host(root, name, args)
    got = machine.run(f"{name} {quoted(args)}".strip())
    status = int(machine.run("echo $?"))
    if code < 0:
        # Killed by a signal on Linux; rumpk reports the fault itself.
        lines = got.splitlines()
        assert lines[-1].startswith(f"{name}: killed: store page fault "
                                    "at 0x0 "), got
        got = "\n".join(lines[:-1])
        assert status == 128 + 15
    else:
        assert status == code
    assert got == want


def test_mprotect_of_shared_rodata_makes_a_copy(machine):
    # The page is the program cache's, mapped in every run of the file.
    want = "before: original\nafter: changed"
    assert machine.run("rodata") == want
    assert machine.run("rodata") == want


def test_glibc_start_up_needs_nothing_unsupported(machine):
    assert "not supported" not in machine.run("hello_env")


def test_unknown_system_call_is_refused_not_fatal(staged, machine):
    want, _ = on_host(staged[0], "nosys", [])
    got = machine.run("nosys").splitlines()
    # Each unsupported call is named once per program, however often it is
    # tried; a number Linux does not use is given as a number.
    told = ["rumpk: nosys: Linux system call pipe2 (59) is not supported",
            "rumpk: nosys: Linux system call 1000 is not supported"]
    assert [line for line in got if line.startswith("rumpk: ")] == told
    assert got[0] == told[0] and got[2] == told[1]
    assert [line for line in got if not line.startswith("rumpk: ")] == \
        want.splitlines()
    assert machine.run("hello ok").splitlines()[-1] == "ok"


def test_unsupported_calls_are_told_again_to_the_next_program(machine):
    got = machine.run("nosys").splitlines()
    assert got.count(
        "rumpk: nosys: Linux system call pipe2 (59) is not supported") == 1
