"""The arithmetic of `make bench-peers`, apart from QEMU so that a host
test can check it: reading peerbench's lines, turning intervals into a
cost per operation, and the `operation | rumpk | Linux | ratio` table.

A benchmark a kernel cannot run has no figure, only the reason: "n/a
(system call X missing)" when the call answered ENOSYS (or rumpk said it
does not support it), never a number made up to fill the cell.
"""
import errno
import os
import re
import statistics

TIMEBASE_HZ = 10000000		# QEMU virt's rdtime counter

# name, label, operations per peerbench operation (a read pass is 1024
# reads of 4 KiB), and the unit wall times are shown in.
BENCHMARKS = [
    ("getpid", "null system call (getpid)", 1, "us"),
    ("spawn", "spawn + wait (posix_spawn)", 1, "us"),
    ("fork_exec", "fork + execve + wait", 1, "us"),
    ("read", "one 4 KiB read (of 4 MiB in 4 KiB reads)", 1024, "us"),
    ("pipe", "pipe ping-pong, 1 byte each way", 1, "us"),
    ("write", "one 4 KiB write (of a 4 MiB file)", 1024, "us"),
    ("signal", "signal round trip (kill self, handler)", 1, "us"),
]

# The floor is timed to QEMU's exit, a boot to its prompt, so the two are
# not subtracted; the kernel's own part is timed inside each boot, from
# OpenSBI's last line to the prompt.
BOOT_ROWS = [
    ("boot", "boot to a shell prompt, ms"),
    ("floor", "the floor: QEMU + OpenSBI + a kernel that powers off, ms"),
    ("kernel", "boot from OpenSBI's hand-off to the prompt, ms"),
]

RESULT = re.compile(r"^@ (\w+) (\d+) (\d+)\s*$", re.M)
FAILED = re.compile(r"^@ (\w+) n/a (\S+) (-?\d+)\s*$", re.M)
# rumpk names a Linux call it lacks, once per program (core/linux/table.c).
UNSUPPORTED = re.compile(
    r"rumpk: [^:\n]*: Linux system call (\w+) \(\d+\) is not supported")


def reason(call, err, unsupported=()):
    """The text for a benchmark that produced no figure."""
    if err == errno.ENOSYS:
        names = list(dict.fromkeys(unsupported)) or [call]
        word = "call" if len(names) == 1 else "calls"
        return f"n/a (system {word} {', '.join(names)} missing)"
    if call == "child-status":
        return f"n/a (child ended with wait status {err})"
    if call == "handler-not-run":
        return "n/a (signal handler not run)"
    return f"n/a ({call}: {os.strerror(err)})"


def parse(name, out):
    """One peerbench run's output: (operations, interval), or the reason
    it has none as a string."""
    out = out.replace("\r", "")
    for bench, ops, interval in RESULT.findall(out):
        if bench == name:
            return int(ops), int(interval)
    unsupported = UNSUPPORTED.findall(out)
    for bench, call, err in FAILED.findall(out):
        if bench == name:
            return reason(call, int(err), unsupported)
    last = [ln.strip() for ln in out.splitlines() if ln.strip()]
    return f"n/a (no result: {last[-1] if last else 'no output'})"


def per_op(result, unit_ops, clock):
    """Instructions ("instret") or microseconds ("time") per operation."""
    ops, interval = result
    per = interval / (ops * unit_ops)
    return per if clock == "instret" else per * 1e6 / TIMEBASE_HZ


def spread(values):
    return {"median": statistics.median(values), "min": min(values),
            "max": max(values)}


def number(v):
    if abs(v) >= 100:
        return f"{v:,.0f}"
    if abs(v) >= 10:
        return f"{v:.1f}"
    return f"{v:.2f}"


def cell(v):
    """A table cell: a count, a median (min-max), or a reason."""
    if isinstance(v, str):
        return v
    if isinstance(v, dict):
        return (f"{number(v['median'])} ({number(v['min'])}-"
                f"{number(v['max'])})")
    return number(v) if isinstance(v, float) else f"{v:,}"


def plain(v):
    if isinstance(v, dict):
        return v["median"]
    return v


def ratio(rumpk, linux):
    """rumpk's cost over Linux's: below 1 is rumpk faster."""
    if isinstance(rumpk, str) or isinstance(linux, str):
        return ""
    return f"{plain(rumpk) / plain(linux):.2f}"


def summarise(runs, clock, unit_ops):
    """One benchmark on one kernel: a single figure from its runs (the
    exact count under icount, median/min/max of wall times), or the first
    reason when any run had none."""
    for r in runs:
        if isinstance(r, str):
            return r
    values = [per_op(r, unit_ops, clock) for r in runs]
    if clock == "instret":
        return round(statistics.median(values))
    return spread(values)


def rows(results):
    """results: {(system, benchmark, clock): [parsed run, ...]} and
    {(system, "boot"|"floor"): [ms, ...]}.  Returns the table's rows."""
    out = [("operation", "rumpk", "Linux 6.1", "ratio")]
    for name, label, unit_ops, _ in BENCHMARKS:
        for clock, what in (("instret", "instructions"), ("time", "µs")):
            key_r, key_l = ("rumpk", name, clock), ("linux", name, clock)
            if key_r not in results and key_l not in results:
                continue
            r = summarise(results.get(key_r, ["n/a (not run)"]), clock,
                          unit_ops)
            lx = summarise(results.get(key_l, ["n/a (not run)"]), clock,
                           unit_ops)
            out.append((f"{label}, {what}", cell(r), cell(lx), ratio(r, lx)))
    for key, label in BOOT_ROWS:
        if ("rumpk", key) in results and ("linux", key) in results:
            r = spread(results[("rumpk", key)])
            lx = spread(results[("linux", key)])
            out.append((label, cell(r), cell(lx), ratio(r, lx)))
    return out


def markdown(table):
    lines = ["| " + " | ".join(table[0]) + " |",
             "| --- | ---: | ---: | ---: |"]
    lines += ["| " + " | ".join(row) + " |" for row in table[1:]]
    return "\n".join(lines)
