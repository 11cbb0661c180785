"""The root tree the real programs run in, and its archive.

The same tree is booted by rumpk (as a tar archive) and copied for the Linux
reference, so both sides see the same files at the same absolute paths:

  /bin        NipBox, the real programs, and BusyBox's applets as symbolic
              links to /bin/busybox (as a BusyBox system installs them)
  /t          test inputs: the files in tests/realworld/inputs/, and data
              made here from a fixed seed (text, numbers, binary, a 4 MiB
              file, a directory tree and a tar archive of it)
  /busybox    BusyBox's own test suite: busybox, its .config and testsuite/
  /tmp        empty: cases write below /tmp/<case>

Nothing depends on the time or on the machine: generated data comes from
random.Random with a fixed seed, and every archive member has mtime 0.
"""
import gzip
import io
import os
import random
import shutil
import subprocess
import tarfile
from pathlib import Path

PROGRAMS = ["busybox", "toybox", "dash", "mksh", "lua", "sqlite3", "gzip",
            "bc"]
WORDS = ("alpha beta gamma delta epsilon zeta eta theta iota kappa lambda "
         "mu nu xi omicron pi rho sigma tau upsilon phi chi psi omega "
         "needle haystack apple banana cherry grape lemon mango").split()


def _text_inputs(t, rng):
    """Text files for the applets: words, numbers, a passwd-like table."""
    lines = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 6)))
             for _ in range(400)]
    (t / "words.txt").write_text("\n".join(lines) + "\n")
    with open(t / "words.txt.gz", "wb") as raw:
        with gzip.GzipFile("words.txt", "wb", 9, raw, mtime=0) as z:
            z.write((t / "words.txt").read_bytes())
    (t / "numbers.txt").write_text(
        "".join(f"{rng.randint(-5000, 5000)}\n" for _ in range(300)))
    rows = [f"user{i}:x:{1000 + rng.randint(0, 999)}:{100 + i % 7}:"
            f"{rng.choice(WORDS).title()} {rng.choice(WORDS)}:/home/user{i}:"
            f"/bin/{rng.choice(['sh', 'dash', 'mksh'])}" for i in range(60)]
    (t / "passwd.txt").write_text("\n".join(rows) + "\n")
    dups = sorted(rng.choice(WORDS[:8]) for _ in range(200))
    (t / "dups.txt").write_text("\n".join(dups) + "\n")
    a = [f"line {i} {rng.choice(WORDS)}" for i in range(120)]
    b = list(a)
    for i in (5, 40, 41, 90):
        b[i] = b[i] + " changed"
    del b[60:63]
    b.insert(100, "an inserted line")
    (t / "a.txt").write_text("\n".join(a) + "\n")
    (t / "b.txt").write_text("\n".join(b) + "\n")


def _binary_inputs(t, rng):
    """Binary data, and a 4 MiB file that compresses (words, not noise)."""
    (t / "bin.dat").write_bytes(bytes(rng.getrandbits(8)
                                      for _ in range(65536)))
    chunk = []
    size = 0
    while size < 4 * 1024 * 1024:
        line = " ".join(rng.choice(WORDS) for _ in range(12)) + "\n"
        chunk.append(line)
        size += len(line)
    (t / "4MiB.dat").write_bytes("".join(chunk).encode()[:4 * 1024 * 1024])


def _tree_inputs(t, rng):
    """A small directory tree, and a ustar archive of it with fixed
    owners and times."""
    tree = t / "tree"
    for d in ("a", "a/b", "a/b/c", "d", "e/f"):
        (tree / d).mkdir(parents=True, exist_ok=True)
    for i in range(14):
        d = rng.choice(["", "a", "a/b", "a/b/c", "d", "e/f"])
        words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 40)))
        (tree / d / f"file{i}.txt").write_text(words + "\n")
    (tree / "a/b/c/needle.txt").write_text("a needle in the tree\n")
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.USTAR_FORMAT) as a:
        for path in sorted(tree.rglob("*")):
            info = a.gettarinfo(str(path), str(path.relative_to(t)))
            info.mtime, info.uid, info.gid = 0, 0, 0
            info.uname = info.gname = "root"
            info.mode = 0o755 if path.is_dir() else 0o644
            if path.is_dir():
                a.addfile(info)
            else:
                with open(path, "rb") as f:
                    a.addfile(info, f)
    (t / "tree.tar").write_bytes(buf.getvalue())


def _applet_links(busybox, bindir):
    """/bin/<applet> -> busybox for each applet BusyBox was built with,
    except where another program of the tree has the name."""
    out = subprocess.run(["qemu-riscv64", str(busybox), "--list"],
                         capture_output=True, text=True, check=True).stdout
    for applet in out.split():
        link = bindir / applet
        if not link.exists() and not link.is_symlink():
            link.symlink_to("busybox")


def stage(root, build, inputs):
    """Writes the tree at root (replacing it) from the build directory and
    the checked-in inputs; returns root."""
    root = Path(root)
    if root.exists():
        shutil.rmtree(root)
    bindir = root / "bin"
    bindir.mkdir(parents=True)
    shutil.copy(build / "rootfs" / "bin" / "nipbox", bindir / "nipbox")
    for prog in PROGRAMS:
        shutil.copy(build / "realworld" / "bin" / prog, bindir / prog)
    _applet_links(bindir / "busybox", bindir)
    t = root / "t"
    shutil.copytree(inputs, t)
    rng = random.Random(15)
    _text_inputs(t, rng)
    _binary_inputs(t, rng)
    _tree_inputs(t, rng)
    bb = root / "busybox"
    bb.mkdir()
    shutil.copy(bindir / "busybox", bb / "busybox")
    suite = build / "realworld" / "busybox-testsuite"
    shutil.copy(suite / ".config", bb / ".config")
    shutil.copytree(suite / "testsuite", bb / "testsuite", symlinks=True)
    (root / "tmp").mkdir()
    for p in sorted(root.rglob("*")):
        if not p.is_symlink():
            os.utime(p, (0, 0))
    return root


def pack(root, archive):
    """The tree as a ustar archive with owner 0 and time 0: the same
    bytes every time."""
    def clean(info):
        info.uid = info.gid = 0
        info.uname = info.gname = "root"
        info.mtime = 0
        return info
    with tarfile.open(archive, "w", format=tarfile.GNU_FORMAT) as a:
        for name in sorted(os.listdir(root)):
            a.add(Path(root) / name, arcname=name, filter=clean)
    return archive
