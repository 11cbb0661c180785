"""The walking skeleton: boot, run programs, power off, panic."""
import re
import subprocess
import tarfile

from conftest import BUILD, INITRD, KERNEL, PROMPT


def test_boot_reaches_prompt(boot):
    """Boot says what it found, and what it says is right: the RAM QEMU
    gives (128 MiB, all but a few pages free), every entry of the archive,
    no warning, and then NipBox at the root as the only Subject."""
    m = boot()
    m.expect_exact("rumpk: RISC-V 64 kernel, hart 0, 128 MiB RAM")
    m.expect(r"rumpk: (\d+) of (\d+) pages free")
    free, total = int(m.child.match.group(1)), int(m.child.match.group(2))
    # 32768 pages, less the kernel, the archive and OpenSBI's region.
    assert 31000 < total < 32768, (free, total)
    # Used at boot: a few pages, and the page reference counts (two
    # bytes a page, for copy-on-write).
    counts = (total * 2 + 4095) // 4096
    assert counts < total - free < counts + 16, (free, total)
    m.expect(r"rootfs: memfs from a tar archive, (\d+) entries, (\d+) KiB "
             r"in place, limit (\d+) KiB\r")
    with tarfile.open(INITRD) as t:
        entries = len(t.getmembers())
    assert int(m.child.match.group(1)) == entries
    assert int(m.child.match.group(2)) == INITRD.stat().st_size // 1024
    # The root may take half the memory free at boot (no fsmax=).
    assert int(m.child.match.group(3)) == free // 2 * 4
    m.expect_exact(PROMPT)
    assert m.child.before.strip() == "", m.child.before
    ps = m.run("ps").splitlines()
    assert len(ps) == 2 and ps[1].split()[-1] == "nipbox", ps


def test_hello_prints_greeting_and_arguments(boot):
    m = boot()
    m.prompt()
    out = m.run("hello a b")
    assert out.splitlines() == ["Hello from a dynamically loaded ELF!",
                                "a", "b"]


def test_shell_comes_back_after_each_program(shell):
    for i in range(3):
        assert shell.run(f"hello {i}").splitlines()[-1] == str(i)


def test_help_lists_builtins(shell):
    out = shell.run("help")
    assert "help" in out and "poweroff" in out


def test_unknown_command(shell):
    assert shell.run("nosuch") == "nipbox: nosuch: command not found"


def test_missing_path(shell):
    assert shell.run("/bin/nope") == \
        "nipbox: /bin/nope: No such file or directory"


def test_not_a_program(shell):
    assert shell.run("/etc/motd") == \
        "exec: /etc/motd: not an ELF file (bad magic)"


def test_backspace_edits_the_line(shell):
    shell.child.send("hellx\x7fo z\r")
    shell.expect_exact("Hello from a dynamically loaded ELF!")
    shell.expect_exact("z")
    shell.prompt()


def test_poweroff_exits_zero(boot):
    m = boot()
    m.prompt()
    m.type("poweroff")
    assert m.exit_status() == 0


def test_panic_exits_nonzero(boot):
    m = boot(append="panic-test")
    m.expect_exact("rumpk: panic: panic-test requested on the command line")
    m.expect_exact("backtrace:")
    assert m.exit_status() != 0


def kernel_functions():
    """(address, name) of the kernel's functions, as nm sees them."""
    out = subprocess.run(["riscv64-unknown-elf-nm", "--defined-only",
                          str(KERNEL)], capture_output=True, text=True,
                         check=True).stdout
    return {(int(f[0], 16), f[2]) for f in (l.split() for l in
                                            out.splitlines())
            if len(f) == 3 and f[1] in "tT"}


def test_panic_backtrace_names_functions(boot):
    """Each return address is shown with the function holding it, from the
    table built into the image: the first frame is in kmain, which
    panicked, and each name+offset is the address beside it, named after
    the nearest function below it."""
    m = boot(append="panic-test")
    m.expect_exact("backtrace:")
    assert m.exit_status() != 0
    out = m.child.before.replace("\r", "")
    frames = re.findall(r"#(\d+) 0x([0-9a-f]+) ([\w.$]+)\+0x([0-9a-f]+)\n",
                        out)
    assert frames and frames[0][:1] == ("0",), out
    assert frames[0][2] == "kmain", out
    functions = kernel_functions()
    for _, addr, name, off in frames:
        start = int(addr, 16) - int(off, 16)
        assert (start, name) in functions, (addr, name, off)
        assert not [f for f in functions
                    if start < f[0] <= int(addr, 16)], (addr, name, off)


def test_archive_without_shell_says_so(boot, tmp_path):
    (tmp_path / "readme.txt").write_text("no shell here\n")
    archive = tmp_path / "noshell.tar"
    with tarfile.open(archive, "w", format=tarfile.USTAR_FORMAT) as t:
        t.add(tmp_path / "readme.txt", arcname="readme.txt")
    m = boot(initrd=archive)
    m.expect_exact("rumpk: cannot start /bin/nipbox: No such file or "
                   "directory")
    assert m.exit_status() != 0


def test_no_initrd_says_so(boot):
    m = boot(initrd=None)
    m.expect_exact("rootfs: no initrd")
    m.expect_exact("rumpk: cannot start /bin/nipbox")
    assert m.exit_status() != 0
