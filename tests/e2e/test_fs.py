"""TarFS through NipBox: archives written by GNU tar (every format) and by
Python's tarfile, booted with INITRD=, listed and read back."""
import os
import random
import shutil
import subprocess
import tarfile

import pytest

from conftest import BUILD

LONG = "long-" + "n" * 110                     # > 100 bytes
DEEP = "d1/d2/d3/d4/d5/d6/d7/d8"


def make_tree(root, long_names="all"):
    """A tree of files with known contents; returns {path: bytes}.
    long_names: "all", "ustar" (no single name over 100 bytes) or "none"
    (v7: no path over 100 bytes)."""
    rng = random.Random(42)
    files = {
        "data/hello.txt": b"hello, tar\n",
        "data/empty": b"",
        "data/with space.txt": b"spaces are fine\n",
        f"data/{DEEP}/deep.txt": b"deep down\n",
        "data/lines.txt": "".join(f"line {i} {rng.random()}\n"
                                  for i in range(600)).encode(),
    }
    if long_names == "all":
        files[f"data/{LONG}"] = b"a long name\n"
    if long_names in ("all", "ustar"):
        files[f"data/{'p' * 90}/{'q' * 90}/x.txt"] = b"past 155\n"
    for path, content in files.items():
        full = root / path
        full.parent.mkdir(parents=True, exist_ok=True)
        full.write_bytes(content)
    os.symlink("hello.txt", root / "data/rel-link")
    os.symlink("/data/hello.txt", root / "data/abs-link")
    os.symlink("nowhere", root / "data/dangling")
    os.symlink(DEEP, root / "data/dir-link")
    os.link(root / "data/lines.txt", root / "data/hard-link")
    shutil.copytree(BUILD / "rootfs" / "bin", root / "bin")
    return files


def gnu_tar(fmt, tmp_path, long_names="all"):
    src = tmp_path / "src"
    files = make_tree(src, long_names)
    archive = tmp_path / f"{fmt}.tar"
    subprocess.run(["tar", f"--format={fmt}", "-cf", str(archive), "-C",
                    str(src), "bin", "data"], check=True)
    return archive, files


def python_tar(fmt, tmp_path):
    src = tmp_path / "src"
    files = make_tree(src)
    archive = tmp_path / "python.tar"
    with tarfile.open(archive, "w", format=fmt) as t:
        t.add(src / "bin", arcname="bin")
        t.add(src / "data", arcname="data")
    return archive, files


ARCHIVES = [
    ("ustar", lambda p: gnu_tar("ustar", p, long_names="ustar")),
    ("gnu", lambda p: gnu_tar("gnu", p)),
    ("pax", lambda p: gnu_tar("pax", p)),
    ("v7", lambda p: gnu_tar("v7", p, long_names="none")),
    ("python-pax", lambda p: python_tar(tarfile.PAX_FORMAT, p)),
    ("python-gnu", lambda p: python_tar(tarfile.GNU_FORMAT, p)),
]


def cat(shell, path):
    return shell.run(f"cat '{path}'")


@pytest.mark.parametrize("name,build", ARCHIVES, ids=[a[0] for a in ARCHIVES])
def test_archive_reads_back(boot, tmp_path, name, build):
    archive, files = build(tmp_path)
    m = boot(initrd=archive)
    m.prompt()
    for path, content in files.items():
        assert cat(m, "/" + path) == content.decode().rstrip("\n"), path
    assert cat(m, "/data/rel-link") == "hello, tar"
    assert cat(m, "/data/abs-link") == "hello, tar"
    assert cat(m, "/data/hard-link") == files["data/lines.txt"].decode() \
        .rstrip("\n")
    assert cat(m, "/data/dir-link/deep.txt") == "deep down"
    assert cat(m, "/data/dangling") == \
        "cat: /data/dangling: No such file or directory"
    listing = m.run("ls -l /data").splitlines()
    assert "-          0 empty" in listing
    assert "-         11 hello.txt" in listing
    assert "d          0 d1/" in listing
    # ls -l shows each link's target; its size is the target's length.
    assert "l          9 rel-link -> hello.txt" in listing
    assert "l         15 abs-link -> /data/hello.txt" in listing
    assert "l          7 dangling -> nowhere" in listing
    # A link named on the command line is shown itself, with its target.
    assert m.run("ls -l /data/rel-link") == \
        "l          9 /data/rel-link -> hello.txt"
    assert m.run("ls /data").splitlines().count("rel-link@") == 1
    assert "-         16 with space.txt" in listing
    # The shell and programs come from the same archive.
    assert m.run("hello from-" + name).splitlines()[-1] == "from-" + name


def test_cd_pwd_and_errors(shell):
    assert shell.run("pwd") == "/"
    shell.type("cd /bin")
    shell.expect_exact("nipbox:/bin$ ")
    assert shell.run("pwd") == "/bin"
    assert shell.run("cd /bin/hello") == "cd: /bin/hello: Not a directory"
    assert shell.run("cd /nope") == "cd: /nope: No such file or directory"
    shell.type("cd ../etc/.//")
    shell.expect_exact("nipbox:/etc$ ")
    assert shell.run("cat motd") == "This is not a program."
    assert shell.run("cat /nope") == "cat: /nope: No such file or directory"
    assert shell.run("cat /bin") == "cat: /bin: Is a directory"
    assert shell.run("ls /nope") == "ls: /nope: No such file or directory"


def test_quoting(shell):
    out = shell.run("""hello "a b" 'c "d"' e\\ f "" 'g'h""")
    assert out.splitlines()[1:] == ["a b", 'c "d"', "e f", "", "gh"]
    assert shell.run("hello 'open") == "nipbox: unterminated quote"


def test_device_entries_are_listed_not_opened(boot, tmp_path):
    # Device nodes in the archive have nothing behind them; its own dev/
    # is hidden by the device file system mounted there.
    archive = tmp_path / "dev.tar"
    with tarfile.open(archive, "w", format=tarfile.GNU_FORMAT) as t:
        t.add(BUILD / "rootfs" / "bin", arcname="bin")
        for name, kind in (("null", tarfile.CHRTYPE),
                           ("fifo", tarfile.FIFOTYPE)):
            for top in ("nodes", "dev"):
                info = tarfile.TarInfo(top + "/" + name)
                info.type = kind
                t.addfile(info)
    m = boot(initrd=archive)
    m.prompt()
    assert m.run("ls -l /nodes").splitlines() == ["p          0 fifo",
                                                  "c          0 null"]
    assert m.run("cat /nodes/null") == \
        "cat: /nodes/null: No such device or address"
    assert m.run("ls /dev").split() == DEVICES
    assert m.run("cat /dev/null") == ""


DEVICES = ["console", "null", "tty", "urandom", "zero"]


def test_dev_is_mounted_over_any_archive(shell):
    # The test archive has no dev/: the mount point need not exist.
    assert shell.run("ls /dev").split() == DEVICES
    assert "dev/" in shell.run("ls /").split()
    assert shell.run("cd /dev/../bin") == ""
    assert shell.run("pwd") == "/bin"


def test_corrupt_archive_keeps_entries_before(boot, tmp_path):
    archive, files = gnu_tar("ustar", tmp_path, long_names="none")
    data = bytearray(archive.read_bytes())
    # Break the checksum of the last header that names something in data/.
    offsets = []
    off = 0
    while off + 512 <= len(data) and any(data[off:off + 512]):
        size = int(data[off + 124:off + 136].strip(b"\0 ") or b"0", 8)
        offsets.append(off)
        off += 512 + (size + 511) // 512 * 512
    victim = offsets[-1]
    data[victim + 148:victim + 156] = b"0000000\0"
    bad = tmp_path / "bad.tar"
    bad.write_bytes(bytes(data))
    m = boot(initrd=bad)
    m.expect(r"rootfs: warning: bad header checksum at offset %d; "
             r"keeping the \d+ entries before it" % victim)
    m.prompt()
    assert m.run("cat /data/hello.txt") == "hello, tar"


def test_file_commands_and_their_errors(shell):
    out = shell.run("fscheck")
    assert "fscheck: 0 failures" in out, out
    assert out.count(": ok") == 73, out
    assert "must not be seen" not in out, out      # went to /dev/null


def test_close_on_exec_across_a_replacing_exec(shell):
    # A failed exec keeps every descriptor; one that replaces the program
    # closes the close-on-exec ones only.
    assert shell.run("cloexec").splitlines() == [
        "cloexec: flags 0 1",
        "cloexec: failed exec (No such file or directory): 3 open, 4 open",
        "cloexec: after exec: 3 open, 4 closed"]
