"""Unmodified static Linux binaries on rumpk: each program of tests/linux/
is built with riscv64-linux-gnu-gcc -static at test time, run under
qemu-riscv64 on the host and under rumpk from NipBox, and must print the
same thing and end the same way on both."""
import os
import random
import re
import shutil
import signal
import subprocess
import tarfile

import pytest

from conftest import BUILD, ROOT
from test_subjects import ion_free, mem_stat

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
    ("devices", []),
    ("pipes", []),
    ("fileops", []),
    ("poll", []),
    ("creds", []),
    ("owners", []),
    ("mremap", []),
    ("shm", []),
    ("nodes", []),
    ("futexes", []),
    ("fifo", []),
    ("flock", []),
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
    (data / "link").symlink_to("alpha")
    # A FIFO as the archive brings it (fifo.c opens it).
    fifos = root / "fifos"
    fifos.mkdir()
    os.mkfifo(fifos / "archived")
    for prog in ("nipbox", "hello", "head"):
        shutil.copy(BUILD / "rootfs" / "bin" / prog, root / "bin" / prog)
    for prog in ("lockcheck", "orphan", "pipecheck"):
        shutil.copy(BUILD / "testroot" / "bin" / prog, root / "bin" / prog)
    archive = tmp_path_factory.mktemp("linux-tar") / "linux.tar"
    with tarfile.open(archive, "w", format=tarfile.GNU_FORMAT) as t:
        t.add(root / "bin", arcname="bin")
        t.add(data, arcname="data")
        t.add(fifos, arcname="fifos")
    return root, archive


def default_signals():
    """A reference run starts with every signal's default action, as a
    program started from rumpk's shell does: a test run in the background
    of a shell without job control inherits SIGINT and SIGQUIT ignored,
    and a program that raises SIGINT would then carry on."""
    for sig in (signal.SIGINT, signal.SIGQUIT):
        signal.signal(sig, signal.SIG_DFL)


def on_host(root, name, args):
    """The program under qemu-riscv64, run from the tree as / would be."""
    p = subprocess.run(["qemu-riscv64", "-0", name,
                        str(root / "bin" / name), *args],
                       cwd=root, env=ENV, capture_output=True, text=True,
                       timeout=120, preexec_fn=default_signals)
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


def test_record_locks_between_programs(machine):
    """A lock held by one program stops another's F_SETLK (F_GETLK names
    the holder), a third waits in F_SETLKW until the holder is killed,
    and then has it."""
    out = machine.run("lockcheck").splitlines()
    assert out == [
        "hold: locked 0-9",
        "try: F_SETLK: Resource temporarily unavailable",
        "try: F_GETLK: write lock 0-9, by the holder: 1",
        "try: bytes 20-29: locked",
        "locks: interrupted",
        "lockcheck: a killed waiter ends: yes",
        "lockcheck: the waiter is blocked; ending the holder",
        "locks: interrupted",
        "wait: F_SETLKW: locked once the holder ended",
        "lockcheck: waiter ended with 0",
    ], out


def test_descriptors_run_out_at_256(machine):
    # Not compared with qemu-riscv64: the host's limit is its own.
    machine.run("fdlimit")      # the program's pages are cached from now on
    before = mem_stat(machine)
    assert machine.run("fdlimit") == "\n".join([
        "opened 253, the last 255, then Too many open files",
        "dup: Too many open files",
        "after a close: 100"])
    assert mem_stat(machine) == before      # every description freed


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
    told = ["rumpk: nosys: Linux system call vhangup (58) is not supported",
            "rumpk: nosys: Linux system call 1000 is not supported"]
    assert [line for line in got if line.startswith("rumpk: ")] == told
    assert got[0] == told[0] and got[2] == told[1]
    assert [line for line in got if not line.startswith("rumpk: ")] == \
        want.splitlines()
    assert machine.run("hello ok").splitlines()[-1] == "ok"


def test_unsupported_calls_are_told_again_to_the_next_program(machine):
    got = machine.run("nosys").splitlines()
    assert got.count(
        "rumpk: nosys: Linux system call vhangup (58) is not supported") == 1


# What each refusal of the fixed pages answers (docs/ARCHITECTURE.md), and
# that the program's own pages stay its to change.
FIXED_PAGES = """\
mprotect systable rw: EACCES
mprotect systable none: EACCES
mprotect rings rx: EACCES
mprotect rings r: EACCES
mprotect slabs rx: EACCES
mprotect stack to systable: EACCES
munmap systable: EINVAL
munmap rings: EINVAL
munmap slabs: EINVAL
munmap heap top to user top: EINVAL
mmap fixed systable: ENOMEM
mmap fixed systable none: ENOMEM
mmap fixed rings: ENOMEM
mmap fixed slabs: ENOMEM
mmap own: allowed
mprotect own r: allowed
mprotect own rx: allowed
munmap own: allowed
systable magic unchanged"""


# A fault's exit status is 128 + its cause (scause).
@pytest.mark.parametrize("how,fault,cause", [
    ("write", "store page fault at 0x7ffff000 ", 15),
    ("exec", "instruction page fault at 0x7ffe0000 ", 12),
])
def test_fixed_pages_cannot_be_remapped(machine, how, fault, cause):
    got = machine.run(f"fixedpages {how}").splitlines()
    assert "\n".join(got[:-1]) == FIXED_PAGES
    assert got[-1].startswith(f"fixedpages: killed: {fault}"), got[-1]
    assert machine.run("echo $?") == str(128 + cause)
    assert machine.run("hello ok").splitlines()[-1] == "ok"


# Linux's answers (mm/mmap.c, mm/mprotect.c, mm/mremap.c, fs/stat.c).
# qemu-riscv64 differs on some lines, so it is not the reference here: it
# checks a negative readlinkat size against the buffer first (EFAULT),
# answers mprotect of length 0 with ENOMEM, and mremap to no pages with
# ENOMEM where Linux says EINVAL.
EDGES = """\
readlinkat size 0: EINVAL
readlinkat size -1: EINVAL
readlinkat size -4096: EINVAL
readlinkat size 3: 3
munmap len -1: EINVAL
munmap len -4095: EINVAL
munmap len 0: EINVAL
mprotect len -1: ENOMEM
mprotect len 0: 0
mmap len -1: ENOMEM
mmap len -4095: ENOMEM
mmap len 0: EINVAL
mmap fixed wrapping: ENOMEM
mremap new size 0: EINVAL
mremap new size -1: EINVAL
mremap old size 0: EINVAL
brk -1 keeps the break: yes
brk -4095 keeps the break: yes
munmap: 0"""


def test_lengths_at_their_edges(machine):
    assert machine.run("edges") == EDGES
    assert machine.run("echo $?") == "0"


def test_heap_and_mappings_share_one_limit(machine):
    machine.run("aslimit")      # the program's pages are cached from now on
    before = mem_stat(machine)
    got = machine.run("aslimit")
    assert got == "\n".join([
        "RLIMIT_AS 64 MiB, max 64 MiB",
        "RLIMIT_DATA 64 MiB, max 64 MiB",
        "mappings stopped by ENOMEM",
        "within one mapping of the limit: yes",
        "heap growing past the limit: ENOMEM",
        "mapping past the heap: ENOMEM",
        "mapping beside the heap: allowed"])
    assert machine.run("echo $?") == "0"
    assert mem_stat(machine) == before


def test_mremap_gives_back_every_page(machine):
    machine.run("mremap")       # the program's pages are cached from now on
    before = mem_stat(machine)
    machine.run("mremap")
    assert machine.run("echo $?") == "0"
    assert mem_stat(machine) == before


def test_shared_mappings_give_back_every_page(machine):
    """File pages mapped shared, shared anonymous memory, a truncation and
    an unlink under a mapping: every page comes back once the program
    and its children end."""
    machine.run("shm")
    before = mem_stat(machine)
    machine.run("shm")
    assert machine.run("echo $?") == "0"
    assert mem_stat(machine) == before


def test_the_environment_nipbox_builds(staged, machine):
    """export and VAR=value reach a glibc program's environ and getenv
    as they reach it on Linux."""
    root, _ = staged
    env = dict(ENV, TERM="dumb", FOO="bar")
    p = subprocess.run(["qemu-riscv64", "-0", "hello_env",
                        str(root / "bin" / "hello_env")],
                       cwd=root, env=env, capture_output=True, text=True,
                       timeout=120, preexec_fn=default_signals)
    try:
        got = machine.run("export TERM=dumb; FOO=bar hello_env")
    finally:
        machine.run("export TERM=vt100")
    assert got == p.stdout.rstrip("\n")
    assert "5 environment strings" in got


@pytest.mark.parametrize("how,woke", [
    ("", "poll: 1 revents 0x1"),
    ("select", "select: 1, stdin 1"),
])
def test_poll_waits_for_typing(machine, how, woke):
    """poll and select on the terminal: nothing is ready before a key is
    typed, and typing ends the wait."""
    machine.type(f"pollin {how}".strip())
    machine.expect(r"pollin: ready now: (\d+)")
    assert machine.child.match.group(1) == "0"
    machine.expect_exact("waiting")
    machine.type("typed")
    machine.expect_exact(woke)
    machine.expect_exact("read: typed")
    machine.prompt()


def test_prctl_name_shows_in_ps(machine):
    out = machine.run("orphan start /bin/pname")
    m = re.fullmatch(r"orphan: child (\d+) started", out)
    assert m, out
    child = m.group(1)
    # The child renames itself when it runs; ps is asked until it has.
    for _ in range(100):
        names = {f[0]: f[5] for f in
                 (line.split() for line in
                  machine.run("ps").splitlines()[1:])}
        if names.get(child) != "pname":
            break
    assert names.get(child) == "renamed-job", names
    machine.run(f"kill {child}")


def test_init_from_the_command_line(staged, boot):
    """init=/path boots a Linux program as the first Subject, with its
    file name as argv[0], and starts it again when it ends."""
    m = boot(initrd=staged[1], append="init=/bin/pollin")
    for line in ("one", "two"):
        m.expect(r"(\S+): ready now: (\d+)")
        assert m.child.match.groups() == ("pollin", "0")
        m.expect_exact("waiting")
        m.type(line)
        m.expect_exact(f"read: {line}")
    m.expect_exact("pollin: ready now: 0")


def test_signal_keys_reach_a_linux_init_that_catches_them(staged, boot):
    """A Linux first Subject gets ^C when it catches SIGINT (a shell as
    init must be able to stop a loop); ^\\ it does not catch leaves it
    running, as Linux's init."""
    m = boot(initrd=staged[1], append="init=/bin/initsig")
    m.expect_exact("spinning")
    m.child.send("\x03")
    m.expect_exact("caught SIGINT")
    m.expect_exact("type a line")
    m.child.send("\x1c")
    m.type("after quit")
    m.expect_exact("still here: after quit")


def test_init_that_cannot_start_falls_back_to_nipbox(staged, boot):
    m = boot(initrd=staged[1], append="init=/bin/nosuch")
    m.expect_exact("rumpk: cannot start init=/bin/nosuch: ")
    m.expect(r"([^\r\n]*); starting /bin/nipbox\r")
    assert "nipbox" not in m.child.match.group(1)
    m.prompt()
    assert m.run("hello fine").splitlines()[-1] == "fine"
    # NipBox ending starts NipBox again, not the missing program.
    m.type("exit")
    m.prompt()
    assert m.run("hello again").splitlines()[-1] == "again"


def test_sockets_are_an_unsupported_family_not_a_missing_call(machine):
    # glibc's user lookups try nscd's socket and fall back to the files:
    # the answer must be one it understands, and nothing else is printed.
    no = "Address family not supported by protocol"
    assert machine.run("nosocket").splitlines() == [
        f"socket unix: -1 {no}", f"socket inet: -1 {no}",
        f"socketpair: -1 {no}"]


def test_proc_as_linux_programs_read_it(machine):
    """tests/linux/procfs.c checks /proc against the system calls; its
    exit status counts the checks that failed."""
    out = machine.run("procfs one 'two words' ''")
    status = int(machine.run("echo $?"))
    lines = out.splitlines()
    assert lines and all(line.endswith(": ok") for line in lines), out
    assert len(lines) == 34 and status == 0, out


def test_pipes_and_flock_leave_nothing(machine):
    """Not compared with qemu-riscv64: a native program's open of a FIFO
    (through the command ring) waits for a Linux writer.  Named pipes and
    flock locks leave memory as they found it."""
    for prog in ("fifo", "flock", "fifo native"):
        machine.run(prog)       # the programs' pages are cached from now on
    before = mem_stat(machine), ion_free(machine)
    assert machine.run("fifo native") == "\n".join([
        "from a Linux writer", "head: exit 0"])
    for prog in ("fifo", "flock", "fifo", "flock"):
        machine.run(prog)
        assert machine.run("echo $?") == "0"
    assert (mem_stat(machine), ion_free(machine)) == before
