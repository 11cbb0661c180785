"""Userland: NipBox's builtins and editing, picolibc programs, the tools."""
import random
import re
import tarfile

import pytest

from conftest import BUILD

BUILTINS = ["help", "echo", "ls", "cat", "cd", "pwd", "exec", "export",
            "unset", "env", "true", "false", "ps", "kill", "exit", "mem",
            "ion", "audit", "uptime", "poweroff"]


def test_help_lists_every_builtin(shell):
    out = shell.run("help")
    listed = [line.split()[0] for line in out.splitlines()[1:]
              if line.startswith("  ")]
    assert sorted(listed) == sorted(BUILTINS)


def test_echo_and_quoting(shell):
    assert shell.run("echo a  b   c") == "a b c"
    assert shell.run("echo 'a  b' \"c  d\"") == "a  b c  d"
    assert shell.run("echo") == ""


def test_uptime(shell):
    assert re.fullmatch(r"up \d+\.\d{3} s", shell.run("uptime"))


def test_dollar_question(shell):
    shell.run("status 42")
    assert shell.run("echo $? '$?' \"$?\"") == "42 $? 42"
    assert shell.run("echo $?") == "0"          # echo itself succeeded
    shell.run("cat /nope")
    assert shell.run("echo $?") == "1"


def keys_then_output(shell, keys):
    """Types `keys` (ending in Enter) and returns the last line printed
    before the next prompt: the command's output.  The line editor's own
    echo and redraws come before it, so they cannot pass for it."""
    shell.child.send(keys)
    shell.prompt()
    lines = shell.child.before.replace("\r", "").split("\n")
    return lines[-2] if len(lines) >= 2 else None


UP, DOWN = "\x1b[A", "\x1b[B"


def test_history_arrows(shell):
    for word in ("one", "two", "three"):
        shell.run(f"echo {word}")
    # Each key moves one line: up, up, down is the newest again (with
    # down ignored it would be "two", with up ignored an empty line).
    assert keys_then_output(shell, UP + UP + DOWN + "\r") == "three"
    assert keys_then_output(shell, UP + UP + UP + "\r") == "one"
    # "echo one" is now the newest line, then "three".
    assert keys_then_output(shell, UP + UP + "\r") == "three"


def test_ctrl_u_erases_the_line(shell):
    # Ignored, Ctrl-U would leave "echo wrongecho right".
    assert keys_then_output(shell, "echo wrong\x15echo right\r") == "right"


def test_libc_program(shell):
    out = shell.run('libctest a "b c" 3').splitlines()
    assert out == [
        "libctest: pi 3.141593, 3.142, 3.141593e+06, 0.00314159",
        "libctest: 3 args: [a] [b c] [3]",
        "libctest: malloc 6 MiB ok, sum 10752",
        "libctest: motd says: This is not a program.",
        "libctest: motd is 23 bytes; from 5: is",
        "libctest: fopen for writing: opened",
        "libctest: clock moves on",
        "libctest: to stderr",
    ]
    assert shell.run("echo $?") == "3"
    assert shell.run("cat /etc/motd") == "This is not a program."


def hexdump(data):
    lines = []
    for off in range(0, len(data), 16):
        chunk = data[off:off + 16]
        hexes = " ".join(f"{b:02x}" for b in chunk[:8])
        if len(chunk) > 8:
            hexes += "  " + " ".join(f"{b:02x}" for b in chunk[8:])
        text = "".join(chr(b) if 32 <= b < 127 else "." for b in chunk)
        lines.append(f"{off:08x}  {hexes:<48}  |{text}|")
    lines.append(f"{len(data):08x}")
    return lines


@pytest.fixture
def tools(boot, tmp_path):
    rng = random.Random(3)
    words = ["alpha", "beta", "gamma", "delta", "\tepsilon"]
    text = "".join(" ".join(rng.choice(words) for _ in range(rng.randint(1, 9)))
                   + "\n" for _ in range(40))
    binary = bytes(rng.randrange(256) for _ in range(300)) + b"tail"
    files = {"text.txt": text.encode(), "bin.dat": binary, "empty": b""}
    archive = tmp_path / "tools.tar"
    with tarfile.open(archive, "w", format=tarfile.GNU_FORMAT) as t:
        t.add(BUILD / "rootfs" / "bin", arcname="bin")
        for name, data in files.items():
            (tmp_path / name).write_bytes(data)
            t.add(tmp_path / name, arcname="d/" + name)
    m = boot(initrd=archive)
    m.prompt()
    return m, files


def test_wc(tools):
    m, files = tools
    text = files["text.txt"].decode()
    want = (f"{text.count(chr(10)):7d} {len(text.split()):7d} "
            f"{len(text):7d} /d/text.txt")
    assert m.run("wc /d/text.txt") == want
    assert m.run("wc /d/empty") == "      0       0       0 /d/empty"
    assert m.run("wc /d/nope") == "wc: /d/nope: No such file or directory"


def test_head(tools):
    m, files = tools
    lines = files["text.txt"].decode().splitlines()
    assert m.run("head /d/text.txt").split("\n") == lines[:10]
    assert m.run("head -n 3 /d/text.txt").split("\n") == lines[:3]
    assert m.run("head -n x /d/text.txt") == "head: bad line count: x"


def test_hexdump(tools):
    m, files = tools
    assert m.run("hexdump /d/bin.dat").splitlines() == \
        hexdump(files["bin.dat"])
    assert m.run("hexdump /d/empty") == "00000000"


def grep_lines(lines, pattern, invert=False, icase=False):
    flags = re.I if icase else 0
    return [line for line in lines
            if bool(re.search(pattern, line, flags)) != invert]


def test_grep(tools):
    m, files = tools
    lines = files["text.txt"].decode().splitlines()
    status = lambda: m.run("echo $?")        # noqa: E731
    assert m.run("grep gamma /d/text.txt").splitlines() == \
        grep_lines(lines, "gamma")
    assert m.run("grep -v gamma /d/text.txt").splitlines() == \
        grep_lines(lines, "gamma", invert=True)
    assert m.run("grep -i GAmmA /d/text.txt").splitlines() == \
        grep_lines(lines, "gamma")
    numbered = [f"{i + 1}:{line}" for i, line in enumerate(lines)
                if re.search("^be.*a$", line)]
    assert m.run("grep -n '^be.*a$' /d/text.txt").splitlines() == numbered
    assert m.run("grep -c 'ta[^ ]' /d/text.txt") == \
        str(len(grep_lines(lines, "ta[^ ]")))
    assert m.run("grep -c -v 'a' /d/text.txt /d/empty").splitlines() == \
        [f"/d/text.txt:{len(grep_lines(lines, 'a', invert=True))}",
         "/d/empty:0"]
    assert m.run("grep -q alpha /d/text.txt") == ""
    assert status() == "0"
    assert m.run("grep -q zeta /d/text.txt") == ""
    assert status() == "1"
    assert m.run("grep x /d/nope") == \
        "grep: /d/nope: No such file or directory"
    assert status() == "2"
    assert m.run("grep 'a[' /d/text.txt") == "grep: a[: unmatched ["
    assert status() == "2"
    assert m.run("grep -z a") == "grep: unknown option -z\n" \
        "usage: grep [-cFinqv] pattern [file...]"
    assert status() == "2"


def test_grep_reads_the_console(shell):
    # Once NipBox has echoed the end of its line it reads no more until
    # grep ends: what is typed after that is grep's, up to Ctrl-D.
    shell.type("grep -n b")
    shell.expect(r"grep -n b\r*\n")
    shell.child.send("abc\rxyz\rbb\r\x04")
    shell.prompt()
    lines = shell.child.before.replace("\r", "").split("\n")
    assert [line for line in lines if ":" in line] == ["1:abc", "3:bb"]
    assert shell.run("echo $?") == "0"
