#!/usr/bin/python3
"""Where the instructions of one benchmark go, function by function.

    bench/profile.py BENCHMARK [N] [--annotate FUNCTION ...]

BENCHMARK is one of bench's: doorbell, null_cmd, batch64, spawn_wait,
read, pipe_pingpong.  `make bench` builds what this needs (build/bench-initrd.tar).

QEMU runs with -singlestep (one instruction per translation block) under
-icount shift=0 (so the timer, and everything else, happens at the same
instruction every time), and logs every block it executes (-d
exec,nochain) only while one command runs: logging is switched on and off
through the QEMU monitor (Ctrl-A c).  The command is run twice, as
`bench -x BENCHMARK 0` and `bench -x BENCHMARK N`, padded to the same
length; the difference of the two, divided by the units done (doorbells,
commands, programs, bytes), is the cost of one operation, with the shell,
the loading of bench and its exit taken out.

Program counters are attributed to functions through the symbols of
build/kernel.elf and build/user/elf/bench/bench; inlined functions count as
their caller.  Addresses below 0x80000000 are user code (for spawn_wait
also /bin/true's, so left unnamed there); addresses below the kernel are
OpenSBI, in M-mode.  After the functions comes a count of the kernel's
instructions by kind (calls and returns, loads, stores, CSR accesses...);
--annotate prints the disassembly of a kernel function with the count of
each of its instructions.

sleep=on, not sleep=off, because the shell waits for input in between
(see docs/PERFORMANCE.md); the counts are the same.
"""
import argparse
import bisect
import collections
import os
import subprocess
from pathlib import Path

import pexpect

ROOT = Path(__file__).resolve().parents[1]
PROMPT = "nipbox:/$ "
CROSS = os.environ.get("CROSS", "riscv64-unknown-elf-")
KERNEL_BASE = 0x80200000
USER_TOP = 0x80000000

# Default N, and the units one run of `bench -x NAME N` does.
DEFAULTS = {
    "doorbell": (2000, lambda n: n, "doorbell"),
    "null_cmd": (500, lambda n: n, "command"),
    "batch64": (20, lambda n: 64 * n, "command"),
    "spawn_wait": (10, lambda n: n, "spawn+wait"),
    "read": (1024, lambda n: n, "4 KiB read"),
    "pipe_pingpong": (200, lambda n: n, "round trip"),
}


def symbols(elf):
    """Sorted (address, name) of the functions in `elf`."""
    out = subprocess.run([CROSS + "nm", "-n", "--defined-only", str(elf)],
                         check=True, capture_output=True, text=True).stdout
    syms = []
    for line in out.splitlines():
        addr, kind, name = line.split()[:3]
        if kind in "tTwW" and not name.startswith("."):
            syms.append((int(addr, 16), name))
    return syms


class Machine:
    def __init__(self, kernel, initrd, logdir):
        env = dict(os.environ)
        env.pop("APPEND", None)
        self.child = pexpect.spawn(
            str(ROOT / "tools" / "qemu.sh"),
            [str(kernel), str(initrd), "-singlestep",
             "-icount", "shift=0,sleep=on"],
            env=env, encoding="utf-8", codec_errors="replace", timeout=600)
        self.log = open(logdir / "profile-console.log", "w")
        self.child.logfile_read = self.log
        self.child.expect_exact(PROMPT)

    def monitor(self, command):
        self.child.send("\x01c")
        self.child.expect_exact("(qemu)")
        self.child.send(command + "\r")
        self.child.expect_exact("(qemu)")
        self.child.send("\x01c")

    def traced(self, line, path):
        """Runs `line` at the prompt with every executed block logged."""
        self.child.send(line)
        self.child.expect_exact(line)
        self.monitor(f"logfile {path}")
        self.monitor("log exec,nochain")
        self.child.send("\r")
        self.child.expect_exact(PROMPT)
        self.monitor("log none")
        out = self.child.before.replace("\r", "")
        if "bench:" in out or "killed" in out:
            raise SystemExit(f"profile: {line}: {out.strip()}")

    def untraced(self, line):
        self.child.send(line + "\r")
        self.child.expect_exact(line)
        self.child.expect_exact(PROMPT)

    def close(self):
        if self.child.isalive():
            self.child.terminate(force=True)
        self.child.close()
        self.log.close()


def count_pcs(path, spans=()):
    """{pc: times executed} from a -d exec log of one-instruction blocks,
    and for each (start, end) in `spans` (a function that calls nothing)
    {(span, caller pc): instructions run in it from that call site}."""
    pcs = collections.Counter()
    calls = collections.Counter()
    prev, inside = 0, None
    with open(path) as f:
        for line in f:
            if not line.startswith("Trace "):
                continue
            pc = int(line.split("[", 1)[1].split("/", 2)[1], 16)
            pcs[pc] += 1
            if inside and not inside[0][0] <= pc < inside[0][1]:
                inside = None
            if inside is None:
                for span in spans:
                    if pc == span[0]:
                        inside = (span, prev)
            if inside:
                calls[inside] += 1
            prev = pc
    return pcs, calls


def where(syms, addrs, usyms, uaddrs, pc):
    if pc < USER_TOP:
        i = bisect.bisect_right(uaddrs, pc) - 1
        return "user: " + usyms[i][1] if i >= 0 else "(user code)"
    if pc < KERNEL_BASE:
        return "(OpenSBI, M-mode)"
    i = bisect.bisect_right(addrs, pc) - 1
    return syms[i][1] if i >= 0 else hex(pc)


def mnemonics(kernel):
    """{pc: mnemonic} for every instruction of the kernel."""
    out = subprocess.run([CROSS + "objdump", "-d", "--no-show-raw-insn",
                          str(kernel)], check=True, capture_output=True,
                         text=True).stdout
    found = {}
    for line in out.splitlines():
        head, _, rest = line.partition(":\t")
        try:
            pc = int(head.strip(), 16)
        except ValueError:
            continue
        if rest:
            found[pc] = rest.split()[0]
    return found


# What costs QEMU more than an ordinary instruction: an indirect jump
# (jalr, and so ret and every call the kernel makes, since it is built
# with -mno-relax: auipc+jalr) ends the translated block and looks the
# next one up; a CSR access is a helper call; sfence.vma and satp writes
# flush QEMU's TLB.
CLASSES = [
    ("jalr (calls, returns)", lambda m: m in ("jalr", "jr", "ret")),
    ("jal", lambda m: m in ("jal", "j")),
    ("loads", lambda m: m[0] == "l" and m not in ("li", "lui")
     or m.startswith("c.l")),
    ("stores", lambda m: m in ("sb", "sh", "sw", "sd")),
    ("CSR accesses", lambda m: m.startswith("csr")),
    ("fences, atomics", lambda m: m.startswith("fence") or
     m.startswith("amo") or m.startswith("lr.") or m.startswith("sc.")),
    ("sfence.vma", lambda m: m == "sfence.vma"),
    ("sret, ecall", lambda m: m in ("sret", "ecall")),
]


def classes(kernel, per_pc):
    names = mnemonics(kernel)
    kernel_total = sum(c for pc, c in per_pc.items() if pc >= KERNEL_BASE)
    print(f"\nkernel instructions by kind ({kernel_total:.1f} in the "
          f"kernel):")
    for label, test in CLASSES:
        n = sum(c for pc, c in per_pc.items()
                if pc in names and test(names[pc]))
        print(f"{n:10.1f}  {label}")


def annotate(kernel, name, per_pc, syms):
    """objdump of kernel function `name`, each line with its count per
    operation."""
    start = [a for a, n in syms if n == name]
    if not start:
        print(f"profile: no function {name}")
        return
    addrs = [a for a, _ in syms]
    i = bisect.bisect_right(addrs, start[0])
    end = syms[i][0] if i < len(syms) else start[0] + 4096
    out = subprocess.run([CROSS + "objdump", "-d", "--no-show-raw-insn",
                          f"--start-address={start[0]:#x}",
                          f"--stop-address={end:#x}", str(kernel)],
                         check=True, capture_output=True, text=True).stdout
    print(f"\n{name}, instructions executed per operation:")
    for line in out.splitlines():
        head = line.strip().split(":", 1)[0]
        try:
            pc = int(head, 16)
        except ValueError:
            continue
        if "\t" not in line:
            continue
        n = per_pc.get(pc, 0)
        print(f"{n:9.2f}  {line.strip()}" if n else f"{'':9}  {line.strip()}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("benchmark", choices=sorted(DEFAULTS))
    ap.add_argument("n", type=int, nargs="?")
    ap.add_argument("--annotate", action="append", default=[],
                    metavar="FUNCTION")
    ap.add_argument("--callers", action="append", default=[],
                    metavar="FUNCTION", help="its instructions by call "
                    "site (a function that calls nothing)")
    ap.add_argument("--top", type=int, default=30)
    ap.add_argument("--kernel", default=ROOT / "build/kernel.elf")
    ap.add_argument("--initrd", default=ROOT / "build/bench-initrd.tar")
    ap.add_argument("--user-elf", default=ROOT / "build/user/elf/bench/bench",
                    help="bench with its symbols")
    args = ap.parse_args()
    n_default, units_of, unit = DEFAULTS[args.benchmark]
    n = args.n or n_default
    logdir = ROOT / "build" / "bench"
    logdir.mkdir(parents=True, exist_ok=True)

    syms = symbols(args.kernel)
    spans = []
    for name in args.callers:
        k = [i for i, (_, n) in enumerate(syms) if n == name]
        if k:
            spans.append((syms[k[0]][0], syms[k[0] + 1][0]))
    m = Machine(args.kernel, args.initrd, logdir)
    counts = []
    try:
        # Once untraced first: the kernel hashes a program the first time
        # it runs (its identity is cached), which would count against N=0.
        m.untraced(f"bench -x {args.benchmark} 0")
        for k in (0, n):
            path = logdir / f"profile-{args.benchmark}-{k}.trace"
            m.traced(f"bench -x {args.benchmark} {k:0{len(str(n))}d}",
                     path)
            counts.append(count_pcs(path, spans))
            path.unlink()
    finally:
        m.close()

    units = units_of(n)
    (pcs0, calls0), (pcs1, calls1) = counts
    per_pc = {pc: (pcs1[pc] - pcs0.get(pc, 0)) / units for pc in pcs1}
    addrs = [a for a, _ in syms]
    # User code is bench's, but for spawn_wait also /bin/true's, at the
    # same addresses: leave it unnamed then.
    usyms = [] if args.benchmark == "spawn_wait" else symbols(args.user_elf)
    uaddrs = [a for a, _ in usyms]
    per_fn = collections.Counter()
    for pc, c in per_pc.items():
        per_fn[where(syms, addrs, usyms, uaddrs, pc)] += c
    total = sum(per_fn.values())
    print(f"{args.benchmark}: {total:.1f} instructions per {unit} "
          f"(N = {n}, {units} {unit}s)")
    for name, c in per_fn.most_common(args.top):
        if abs(c) >= 0.05:
            print(f"{c:10.1f}  {100 * c / total:5.1f}%  {name}")
    classes(args.kernel, per_pc)
    if spans:
        print("\ncalls by site, instructions per operation:")
        for key in sorted(calls1, key=lambda k: -calls1[k]):
            c = (calls1[key] - calls0.get(key, 0)) / units
            if abs(c) >= 0.05:
                print(f"{c:10.1f}  {where(syms, addrs, usyms, uaddrs, key[1])}"
                      f" at {key[1]:#x}")
    for name in args.annotate:
        annotate(args.kernel, name, per_pc, syms)


if __name__ == "__main__":
    main()
