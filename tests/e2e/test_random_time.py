"""Randomness and the wall clock, as programs see them: AT_RANDOM and
getrandom differ from program to program and do not follow the old
splitmix64 stream; the per-boot key differs from boot to boot; time() in a
Linux program and in a picolibc program follows the host's clock (QEMU's
RTC does)."""
import re
import shutil
import subprocess
import tarfile
import time

import pytest

from conftest import BUILD, ROOT, Rumpk

LINUX = ["randbytes", "walltime"]
DAY = 86400
MASK = (1 << 64) - 1
GAMMA = 0x9e3779b97f4a7c15
C1, C2 = 0xbf58476d1ce4e5b9, 0x94d049bb133111eb


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    """The Linux programs above, the shell and the picolibc timecheck."""
    if not shutil.which("riscv64-linux-gnu-gcc"):
        pytest.fail("riscv64-linux-gnu-gcc missing: run tools/deps.sh")
    root = tmp_path_factory.mktemp("random-time-root")
    (root / "bin").mkdir()
    for name in LINUX:
        subprocess.run(["riscv64-linux-gnu-gcc", "-static", "-O2", "-Wall",
                        "-o", str(root / "bin" / name),
                        str(ROOT / "tests" / "linux" / f"{name}.c")],
                       check=True)
    shutil.copy(BUILD / "rootfs" / "bin" / "nipbox", root / "bin")
    shutil.copy(BUILD / "testroot" / "bin" / "timecheck", root / "bin")
    path = tmp_path_factory.mktemp("random-time-tar") / "rt.tar"
    with tarfile.open(path, "w", format=tarfile.GNU_FORMAT) as t:
        t.add(root / "bin", arcname="bin")
    return path


@pytest.fixture(scope="module")
def machine(archive):
    logdir = BUILD / "e2e"
    logdir.mkdir(parents=True, exist_ok=True)
    m = Rumpk(initrd=archive, log=logdir / "test_random_time.log")
    try:
        m.prompt()
        yield m
    finally:
        m.close()


def fields(text):
    """Lines "name value" as a dict."""
    return dict(line.split(" ", 1) for line in text.splitlines()
                if " " in line)


def randbytes(machine):
    out = fields(machine.run("randbytes"))
    assert re.fullmatch(r"[0-9a-f]{32}", out.get("auxv", "")), out
    assert re.fullmatch(r"[0-9a-f]{32}", out.get("getrandom", "")), out
    return out["auxv"], out["getrandom"]


def test_programs_get_different_random_bytes(machine):
    first = randbytes(machine)
    second = randbytes(machine)
    values = [*first, *second]
    assert len(set(values)) == 4, values
    assert "0" * 32 not in values, values


def unxorshift(y, k):
    x = y
    for _ in range(64 // k + 1):
        x = y ^ (x >> k)
    return x


def splitmix_state(z):
    """The splitmix64 state whose output is z: the output function runs
    backwards, which is why it was no good for secrets."""
    z = unxorshift(z, 31)
    z = z * pow(C2, -1, 1 << 64) & MASK
    z = unxorshift(z, 27)
    z = z * pow(C1, -1, 1 << 64) & MASK
    return unxorshift(z, 30)


def splitmix_out(state):
    z = state
    z = (z ^ (z >> 30)) * C1 & MASK
    z = (z ^ (z >> 27)) * C2 & MASK
    return z ^ (z >> 31)


def test_splitmix_inversion_is_right():
    for state in (1, GAMMA, 0x0123456789abcdef, MASK):
        assert splitmix_state(splitmix_out(state)) == state


def test_at_random_is_not_a_splitmix64_stream(machine):
    """With the old generator, AT_RANDOM's second word was the output after
    its first, so one program knew every later program's canary."""
    aux, _ = randbytes(machine)
    w0 = int.from_bytes(bytes.fromhex(aux[:16]), "little")
    w1 = int.from_bytes(bytes.fromhex(aux[16:]), "little")
    state = splitmix_state(w0)
    assert splitmix_out((state + GAMMA) & MASK) != w1, aux


def near_now(value):
    return abs(int(value) - time.time()) < DAY


def test_linux_wall_clock_follows_the_host(machine):
    out = fields(machine.run("walltime"))
    for clock in ("time", "gettimeofday", "realtime", "realtime_coarse"):
        assert near_now(out.get(clock, "0")), out
    # The clock since boot stays since boot.
    assert 0 <= int(out["monotonic"]) < DAY, out


def test_picolibc_wall_clock_follows_the_host(machine):
    out = fields(machine.run("timecheck"))
    for clock in ("time", "gettimeofday", "realtime", "epoch"):
        assert near_now(out.get(clock, "0")), out
    assert 0 <= int(out["monotonic"]) < DAY, out


def shell_identity(m):
    """The identity `ps` shows for the shell, which is the same file in
    every boot."""
    m.prompt()
    match = re.search(r"^\s*\d+\s+\d+\s+\S+\s+\d+\s+([0-9a-f]{16})\s+"
                      r"\S*nipbox$", m.run("ps"), re.M)
    assert match
    return match.group(1)


def test_the_provenance_key_is_new_each_boot(boot):
    """Identities are keyed with the per-boot key; the same program must
    get another identity in another boot."""
    first = shell_identity(boot())
    second = shell_identity(boot())
    assert first != second


def test_without_an_rtc_the_wall_clock_counts_from_boot(boot, archive,
                                                        tmp_path):
    """QEMU's own device tree with the RTC's compatible string changed:
    the kernel says so once and realtime is the uptime."""
    dtb = tmp_path / "virt.dtb"
    subprocess.run(["qemu-system-riscv64", "-machine",
                    f"virt,dumpdtb={dtb}", "-m", "128M", "-smp", "1",
                    "-nographic", "-bios", "default"],
                   check=True, capture_output=True, timeout=120)
    blob = dtb.read_bytes()
    assert blob.count(b"google,goldfish-rtc\0") == 1
    dtb.write_bytes(blob.replace(b"google,goldfish-rtc\0",
                                 b"google,goldfish-xxx\0"))
    m = boot(initrd=archive, qemu_args=["-dtb", str(dtb)])
    m.expect_exact("rumpk: no RTC in the device tree; the wall clock "
                   "counts from boot (1970)")
    m.prompt()
    linux = fields(m.run("walltime"))
    native = fields(m.run("timecheck"))
    assert 0 <= int(linux["time"]) < DAY, linux
    assert 0 <= int(native["time"]) < DAY, native
    assert native["epoch"] == "0", native
