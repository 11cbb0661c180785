"""Processes for Linux programs: fork with copy-on-write, vfork and
posix_spawn, execve (scripts, native programs, and what must fail), wait4
and waitid, and a fork bomb that ends in EAGAIN and leaves the machine as
it was.  The programs are tests/linux/*.c, built with riscv64-linux-gnu-gcc
-static at test time."""
import shutil
import subprocess
import tarfile

import pytest

from conftest import BUILD, ROOT, Rumpk
from test_subjects import ion_free, mem_free

SOURCES = ROOT / "tests" / "linux"
PROGRAMS = ("forks", "spawns", "execs", "exit7", "forkbomb", "orphans",
            "bigargs")
DATA = {
    "script.sh": b"#!/bin/execs args\necho never read\n",
    "garbage": b"\x7fELF, but nothing more\n",
    "nointerp.sh": b"#!/bin/not-here\n",
    "loop.sh": b"#!/data/loop.sh\n",
}


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    if not shutil.which("riscv64-linux-gnu-gcc"):
        pytest.fail("riscv64-linux-gnu-gcc missing: run tools/deps.sh")
    root = tmp_path_factory.mktemp("fork-root")
    (root / "bin").mkdir()
    (root / "data").mkdir()
    for prog in PROGRAMS:
        subprocess.run(["riscv64-linux-gnu-gcc", "-static", "-O2", "-Wall",
                        "-o", str(root / "bin" / prog),
                        str(SOURCES / (prog + ".c"))], check=True)
    for prog in ("nipbox", "hello"):
        shutil.copy(BUILD / "rootfs" / "bin" / prog, root / "bin" / prog)
    for name, data in DATA.items():
        (root / "data" / name).write_bytes(data)
        (root / "data" / name).chmod(0o755)
    tar = tmp_path_factory.mktemp("fork-tar") / "fork.tar"
    with tarfile.open(tar, "w", format=tarfile.GNU_FORMAT) as t:
        t.add(root / "bin", arcname="bin")
        t.add(root / "data", arcname="data")
    return root, tar


@pytest.fixture(scope="module")
def machine(archive):
    logdir = BUILD / "e2e"
    logdir.mkdir(parents=True, exist_ok=True)
    m = Rumpk(initrd=archive[1], log=logdir / "test_fork.log")
    try:
        m.prompt()
        yield m
    finally:
        m.close()


def test_fork_and_wait_as_on_linux(archive, machine):
    """Exit and signal statuses, each process its own copy of the data,
    bss, heap and stack it writes, WNOHANG, getppid, waitid's siginfo,
    wait(-1), waitpid(0), and ECHILD: the same as under qemu-riscv64."""
    root, _ = archive
    want = subprocess.run(["qemu-riscv64", str(root / "bin" / "forks")],
                          capture_output=True, text=True, timeout=120)
    assert machine.run("forks") == want.stdout.rstrip("\n")
    assert machine.run("echo $?") == "0"


def test_vfork_and_posix_spawn(machine):
    """A vfork child writes the parent's memory (it is the parent's);
    posix_spawn runs a program, and reports an exec that failed (glibc
    reads the child's errno from memory the two share).  A clone for a
    thread is refused with EINVAL, said once."""
    assert machine.run("spawns").splitlines() == [
        "vfork: exited 5, parent sees 1",
        "leaving with 7",
        "posix_spawn /bin/exit7: exited 7",
        "posix_spawn /bin/no-such-program: No such file or directory",
        "posix_spawn /data/garbage: Exec format error",
        "rumpk: spawns: clone with flags 0x10900 (threads) is not supported",
        "clone a thread: -1 Invalid argument",
    ]


def test_execve(machine):
    """A #! script runs its interpreter with the interpreter's argument
    and the script's path; a native program replaces a Linux one; what
    cannot run fails with Linux's errors and leaves the caller running."""
    assert machine.run("execs").splitlines() == [
        "argv[0] = /bin/execs",
        "argv[1] = args",
        "argv[2] = /data/script.sh",
        "argv[3] = one",
        "argv[4] = two",
        "-- /data/script.sh: exited 3",
        "Hello from a dynamically loaded ELF!",
        "one",
        "two",
        "-- /bin/hello: exited 0",
        "leaving with 7",
        "-- ./x: exited 7",
        "execve /data/garbage: Exec format error",
        "-- /data/garbage: exited 99",
        "execve /data/missing: No such file or directory",
        "-- /data/missing: exited 99",
        "execve /data/nointerp.sh: No such file or directory",
        "-- /data/nointerp.sh: exited 99",
        "execve /data/loop.sh: Too many levels of symbolic links",
        "-- /data/loop.sh: exited 99",
        "execve /data/script.sh: Bad address",
        "-- /data/script.sh: exited 99",
        "execve /data/script.sh: Bad address",
        "-- /data/script.sh: exited 99",
    ]


def test_nipbox_runs_a_script(machine):
    assert machine.run("/data/script.sh a").splitlines() == [
        "argv[0] = /bin/execs", "argv[1] = args",
        "argv[2] = /data/script.sh", "argv[3] = a"]
    assert machine.run("echo $?") == "3"


def test_the_foreground_follows_a_linux_wait(machine):
    """NipBox waits for a Linux program that waits for its child: the
    child gets the terminal's input, and Ctrl-C ends both."""
    machine.type("orphans chain")
    machine.expect_exact("orphans chain")
    machine.child.send("typed\r")
    machine.expect_exact("child read typed")
    machine.expect_exact("parent: child exited 0")
    machine.prompt()
    machine.type("orphans chain")
    machine.expect_exact("orphans chain")
    machine.child.send("\x03")
    machine.prompt()
    assert machine.run("ps").count("\n") == 1      # header and nipbox


def test_an_orphan_is_adopted_and_reaped(machine):
    """A child whose parent ended is the first Subject's (getppid says
    1), and is freed when it ends."""
    machine.type("orphans orphan")
    machine.expect_exact("orphan: adopted by 1")
    machine.run("echo in step")     # the prompt may have come first
    for _ in range(100):        # it may still be ending: ask again
        if machine.run("ps").count("\n") == 1:
            break
    assert machine.run("ps").count("\n") == 1


def test_fork_bomb(machine):
    """Forks until the kernel says EAGAIN; Ctrl-C ends every process of
    it; the shell comes back and memory and packets are as before."""
    machine.run("forks")            # every program's pages cached
    before = mem_free(machine), ion_free(machine)
    for _ in range(2):
        machine.type("forkbomb")
        machine.expect_exact("forkbomb: 256 or more processes, then fork: "
                             "Resource temporarily unavailable", timeout=300)
        machine.child.send("\x03")
        machine.prompt()
        assert machine.run("ps").count("\n") == 1      # header and nipbox
        assert (mem_free(machine), ion_free(machine)) == before


def test_long_argument_lists(machine):
    out = machine.run("bigargs")
    assert out.splitlines() == [
        "execve of a 200 KiB argument: Argument list too long",
        "execve of 20000 arguments: Argument list too long",
        "6000 arguments, the last a5999"], out
