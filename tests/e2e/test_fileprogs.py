"""The writable root from the user's side: cp, mv, rm, mkdir, rmdir,
touch, tee, ln and df through NipBox, and fileio (picolibc's stdio and
the membrane's name-space calls) — on an archive with known data."""
import random
import re
import shutil
import tarfile

import pytest

from conftest import BUILD

TEXT = "".join(f"line {i}: {random.Random(i).random()}\n"
               for i in range(700)).encode()         # about 20 KiB
BYTES = bytes(range(256)) * 3 + random.Random(7).randbytes(1000)
BIG = random.Random(8).randbytes(1 << 20)            # 1 MiB
MOTD = "This is not a program."


@pytest.fixture
def fs(boot, tmp_path):
    """rumpk at the prompt, booted from the test programs plus data/
    (text.txt, bytes.bin, big.bin, a link and a subdirectory)."""
    root = tmp_path / "root"
    shutil.copytree(BUILD / "testroot", root)
    data = root / "data"
    (data / "sub").mkdir(parents=True)
    (data / "text.txt").write_bytes(TEXT)
    (data / "bytes.bin").write_bytes(BYTES)
    (data / "big.bin").write_bytes(BIG)
    (data / "sub" / "deep.txt").write_bytes(b"deep\n")
    (data / "link").symlink_to("text.txt")
    archive = tmp_path / "fs.tar"
    with tarfile.open(archive, "w", format=tarfile.USTAR_FORMAT) as t:
        for name in ("bin", "etc", "data"):
            t.add(root / name, arcname=name)
    m = boot(initrd=archive)
    m.prompt()
    return m


def status(m):
    return m.run("echo $?")


def hexdump_bytes(out):
    """The bytes a hexdump listing shows (offset, 16 hex columns, text)."""
    data = bytearray()
    for line in out.splitlines():
        cols = line[10:58].split()
        if re.fullmatch(r"[0-9a-f]{8}", line[:8]) and cols:
            data += bytes(int(c, 16) for c in cols)
    return bytes(data)


def test_cp_copies_byte_exact(fs):
    assert fs.run("cp /data/bytes.bin /b") == ""
    assert hexdump_bytes(fs.run("hexdump /b")) == BYTES
    # More than cp's 16 KiB buffer, read back through cat.
    assert fs.run("cp /data/text.txt /t") == ""
    assert fs.run("cat /t") == TEXT.decode().strip("\n")
    # Onto an existing file: emptied first, not overwritten in place.
    fs.run("cp /data/sub/deep.txt /t")
    assert fs.run("cat /t") == "deep"
    # Into a directory, several at once.
    fs.run("mkdir /d")
    assert fs.run("cp /data/text.txt /data/sub/deep.txt /d") == ""
    assert fs.run("ls /d") == "deep.txt\ntext.txt"
    assert fs.run("cat /d/deep.txt") == "deep"
    # A copied program runs.
    fs.run("cp /bin/hello /d/h")
    assert "Hello" in fs.run("/d/h")


def test_cp_errors(fs):
    assert fs.run("cp /nope /x") == "cp: /nope: No such file or directory"
    assert status(fs) == "1"
    assert fs.run("cp /data /x") == \
        "cp: /data: Is a directory (not copied without -r)"
    assert status(fs) == "1"
    assert fs.run("cp /data/text.txt /data/text.txt") == \
        "cp: /data/text.txt and /data/text.txt are the same file"
    assert fs.run("cat /data/sub/deep.txt") == "deep"
    assert fs.run("cp /data/text.txt /etc/motd /etc/motd") == \
        "cp: /etc/motd: Not a directory"
    assert fs.run("cp /data/text.txt /nodir/x") == \
        "cp: /nodir/x: No such file or directory"
    assert fs.run("cp /data/text.txt") == "usage: cp [-r] src... dst"
    assert status(fs) == "2"


def test_cp_r_copies_a_tree(fs):
    assert fs.run("cp -r /data /copy") == ""
    assert status(fs) == "0"
    assert fs.run("ls /copy") == \
        "big.bin\nbytes.bin\nlink@\nsub/\ntext.txt"
    assert fs.run("cat /copy/sub/deep.txt") == "deep"
    assert "link -> text.txt" in fs.run("ls -l /copy")   # a link stays one
    assert hexdump_bytes(fs.run("hexdump /copy/bytes.bin")) == BYTES
    # Into an existing directory, the tree goes in under its own name.
    fs.run("mkdir /into")
    fs.run("cp -r /data/sub /into")
    assert fs.run("cat /into/sub/deep.txt") == "deep"
    # A tree into itself: the copy is not copied again.
    out = fs.run("cp -r /data/sub /data/sub/again")
    assert out == "cp: /data/sub/again: cannot copy a directory into itself"
    assert status(fs) == "1"
    assert fs.run("ls /data/sub/again") == "deep.txt"


def test_mv_renames_and_moves_across_directories(fs):
    fs.run("mkdir /a /b")
    fs.run("cp /data/sub/deep.txt /a/f")
    assert fs.run("mv /a/f /b") == ""
    assert fs.run("ls /a") == ""
    assert fs.run("cat /b/f") == "deep"
    assert fs.run("mv /b/f /b/g") == ""
    assert fs.run("ls /b") == "g"
    # A directory moves whole, into another; a file replaces a file.
    assert fs.run("mv /a /b") == ""
    assert fs.run("ls /b") == "a/\ng"
    fs.run("cp /etc/motd /b/a/m")
    assert fs.run("mv /b/a/m /b/g") == ""
    assert fs.run("cat /b/g") == MOTD
    assert fs.run("mv /nope /x") == \
        "mv: /nope -> /x: No such file or directory"
    assert status(fs) == "1"
    assert fs.run("mv /b /b/a") == "mv: /b -> /b/a/b: Invalid argument"
    assert fs.run("mv /b/g /etc/motd /b/nodir") == \
        "mv: /b/nodir: Not a directory"


def test_rm(fs):
    fs.run("cp /etc/motd /f")
    assert fs.run("rm /f") == ""
    assert fs.run("cat /f") == "cat: /f: No such file or directory"
    assert fs.run("rm /f") == "rm: /f: No such file or directory"
    assert status(fs) == "1"
    assert fs.run("rm -f /f") == ""
    assert status(fs) == "0"
    assert fs.run("rm /data") == "rm: /data: Is a directory"
    assert fs.run("rm .") == "rm: .: refusing to remove '.', '..' or '/'"
    # -r removes the tree; a link in it goes, not what it points at.
    fs.run("mkdir /keep")
    fs.run("cp /etc/motd /keep/m")
    fs.run("cp -r /data /tree")
    fs.run("ln -s /keep /tree/sub/tokeep")
    assert fs.run("rm -r /tree") == ""
    assert status(fs) == "0"
    assert fs.run("ls /tree") == "ls: /tree: No such file or directory"
    assert fs.run("cat /keep/m") == MOTD


def test_mkdir_p_and_rmdir(fs):
    assert fs.run("mkdir -p /x/y/z") == ""
    assert fs.run("ls /x/y") == "z/"
    assert fs.run("mkdir /x") == "mkdir: /x: File exists"
    assert status(fs) == "1"
    assert fs.run("mkdir -p /x/y") == ""
    assert status(fs) == "0"
    assert fs.run("mkdir /q/r") == "mkdir: /q/r: No such file or directory"
    assert fs.run("mkdir -p /etc/motd/r") == "mkdir: /etc/motd: File exists"
    assert fs.run("rmdir /x") == "rmdir: /x: Directory not empty"
    assert status(fs) == "1"
    assert fs.run("rmdir /etc/motd") == "rmdir: /etc/motd: Not a directory"
    assert fs.run("rmdir /x/y/z /x/y /x") == ""
    assert fs.run("ls /x") == "ls: /x: No such file or directory"


def test_touch_makes_a_file_and_sets_times_to_now(fs):
    assert fs.run("touch /new") == ""
    assert fs.run("ls -l /new") == "-          0 /new"
    ago = r"mtime: /new: modified (\d+) s ago, accessed (\d+) s ago"
    # "Near now": the test machine may be slow, so minutes are allowed.
    m = re.fullmatch(ago, fs.run("mtime /new"))
    assert m and int(m[1]) < 300 and int(m[2]) < 300
    fs.run("mtime -set 1000000000 /new")
    m = re.fullmatch(ago, fs.run("mtime /new"))
    assert m and int(m[1]) > 100000000
    assert fs.run("touch /new /etc/motd") == ""
    m = re.fullmatch(ago, fs.run("mtime /new"))
    assert m and int(m[1]) < 300 and int(m[2]) < 300
    assert fs.run("cat /etc/motd") == MOTD                  # kept
    assert fs.run("touch /nodir/x") == \
        "touch: /nodir/x: No such file or directory"
    assert status(fs) == "1"


def tee_session(m, command, lines):
    """Runs `command` with `lines` typed as its input, then Ctrl-D; each
    line must come back twice (the terminal's echo, then tee's copy).
    Returns everything printed after the command line."""
    m.type(command)
    m.expect_exact(command)
    seen = ""
    for line in lines:
        m.child.send(line + "\r")
        for _ in ("echo", "copy"):
            m.expect_exact(line)
            seen += m.child.before + m.child.after
    m.child.send("\x04")
    m.prompt()
    return (seen + m.child.before).replace("\r", "")


def test_tee_copies_input_to_output_and_files(fs):
    tee_session(fs, "tee /o1 /o2", ["one", "two"])
    assert status(fs) == "0"
    assert fs.run("cat /o1") == "one\ntwo"
    assert fs.run("cat /o2") == "one\ntwo"
    tee_session(fs, "tee -a /o1", ["three"])
    assert fs.run("cat /o1") == "one\ntwo\nthree"
    tee_session(fs, "tee /o2", ["new"])
    assert fs.run("cat /o2") == "new"
    out = tee_session(fs, "tee /nodir/x /o2", ["still"])
    assert "tee: /nodir/x: No such file or directory" in out
    assert status(fs) == "1"
    assert fs.run("cat /o2") == "still"


def test_ln(fs):
    assert fs.run("ln -s /etc/motd /m") == ""
    assert fs.run("ls -l /m") == "l          9 /m -> /etc/motd"
    assert fs.run("cat /m") == MOTD
    assert fs.run("ln /etc/motd /hard") == ""
    assert fs.run("cat /hard") == MOTD
    assert fs.run("ln /etc/motd /hard") == \
        "ln: /etc/motd -> /hard: File exists"
    assert status(fs) == "1"
    assert fs.run("ln -s motd /etc") == "ln: motd -> /etc/motd: File exists"
    assert fs.run("ln -s x /data") == ""
    assert fs.run("ls -l /data/x") == "l          1 /data/x -> x"
    assert fs.run("ln /nope /n2") == \
        "ln: /nope -> /n2: No such file or directory"
    assert fs.run("ln a") == "usage: ln [-s] target name"
    assert status(fs) == "2"


def df_used(m):
    lines = m.run("df").splitlines()
    assert lines[0].split() == ["Path", "1K-blocks", "Used", "Available",
                                "Use%"]
    path, size, used, avail, pct = lines[1].split()
    assert path == "/" and int(used) + int(avail) == int(size)
    assert int(pct[:-1]) == -(-int(used) * 100 // int(size))
    return int(used)


def test_df_shows_use_grow_and_come_back(fs):
    before = df_used(fs)
    fs.run("cp /data/big.bin /big")
    during = df_used(fs)
    assert during - before >= 1024, (before, during)
    fs.run("rm /big")
    assert df_used(fs) == before
    header, error = fs.run("df /nope").splitlines()
    assert header.split() == ["Path", "1K-blocks", "Used", "Available",
                              "Use%"]
    assert error == "df: /nope: No such file or directory"
    assert status(fs) == "1"


def test_stdio_and_the_name_space_from_c(fs):
    out = fs.run("fileio")
    assert re.fullmatch(r"fileio: \d+ cases, 0 failures", out), out
    assert status(fs) == "0"
    assert fs.run("ls /fileio") == "ls: /fileio: No such file or directory"
