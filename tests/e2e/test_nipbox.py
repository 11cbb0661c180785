"""NipBox's line editor, completion, exit, kill, limits and ls order; its
command language: lists, variables, the environment, syntax errors.

Edits are checked by what the edited command prints, not by its echo; the
echo is also replayed on a model terminal (print, backspace) to check that
the line NipBox shows is the line it runs.
"""
import tarfile

from conftest import BUILD, PROMPT

LEFT, RIGHT, HOME, END = "\x1b[D", "\x1b[C", "\x1b[H", "\x1b[F"
DELETE = "\x1b[3~"
CTRL_D, CTRL_W = "\x04", "\x17"


def screen(echo):
    """What a serial console shows after `echo`: one line, cursor moves
    by printing and backspacing."""
    cells, col = [], 0
    for c in echo:
        if c == "\b":
            col = max(col - 1, 0)
        elif c == "\a":
            continue
        else:
            cells[col:col + 1] = [c]
            col += 1
    return "".join(cells).rstrip()


def keys(shell, typed):
    """Types `typed` and Enter; returns (the line as shown, its output)."""
    shell.child.send(typed + "\r")
    shell.prompt()
    lines = shell.child.before.replace("\r", "").split("\n")
    return screen(lines[0]), "\n".join(lines[1:]).strip("\n")


def test_left_arrow_inserts_mid_line(shell):
    shown, out = keys(shell, "echo abcd" + LEFT + LEFT + "X")
    assert out == "abXcd"
    assert shown == "echo abXcd"


def test_home_end_delete(shell):
    shown, out = keys(shell, "cho abc" + HOME + "e" + END + "d")
    assert (shown, out) == ("echo abcd", "abcd")
    # The ESC O variants of Home and End, Right, and Delete mid-line.
    shown, out = keys(shell, "cho ab" + "\x1bOH" + "e" + "\x1bOF" + "c"
                      + LEFT + LEFT + DELETE + RIGHT + "Z")
    assert (shown, out) == ("echo acZ", "acZ")
    # Ctrl-D on a line that is not empty erases under the cursor.
    shown, out = keys(shell, "echo xyz" + LEFT + LEFT + CTRL_D)
    assert (shown, out) == ("echo xz", "xz")


def test_backspace_mid_line(shell):
    shown, out = keys(shell, "echo abcd" + LEFT + "\x7f\x7f")
    assert (shown, out) == ("echo ad", "ad")


def test_ctrl_w_erases_the_last_word(shell):
    shown, out = keys(shell, "echo one two three" + CTRL_W)
    assert (shown, out) == ("echo one two", "one two")
    shown, out = keys(shell, "echo one two three" + LEFT * 5 + CTRL_W)
    assert (shown, out) == ("echo one three", "one three")


def test_tab_completes_a_command(shell):
    shown, out = keys(shell, "hell\tworld")
    assert shown == "hello world"
    assert out.splitlines() == ["Hello from a dynamically loaded ELF!",
                                "world"]


def test_tab_lists_choices_then_completes(shell):
    # "hel": the builtin help and /bin/hello agree no further.
    shell.child.send("hel\t")
    shell.expect_exact("hello  help")
    shell.expect_exact(PROMPT + "hel")
    shown, out = keys(shell, "p")
    assert out.startswith("NipBox builtins:")


def test_tab_completes_paths(shell):
    shown, out = keys(shell, "cat /et\tmo\t")
    assert shown == "cat /etc/motd"
    assert out == "This is not a program."
    shell.run("cd /etc")
    shown, out = keys(shell, "cat m\t")
    assert out == "This is not a program."


def test_line_too_long_is_refused(shell):
    shell.child.send("echo " + "a" * 2000 + "\r")
    shell.expect_exact("nipbox: line too long (at most 1023 characters); "
                       "not run")
    shell.prompt()
    assert shell.run("echo $?") == "2"
    # The limit itself is fine.
    line = "echo " + "b" * 1018
    shell.child.send(line + "\r")
    shell.expect_exact("\n" + "b" * 1018)
    shell.prompt()
    assert shell.run("echo $?") == "0"


def test_empty_command_and_too_many_words(shell):
    assert shell.run("''") == "nipbox: empty command name"
    # 705 characters typed, 1056 bytes once each $? is 127.
    assert shell.run("echo " + "$?" * 350) == \
        "nipbox: command too long after expansion (at most 1024 bytes)"
    assert shell.run("echo $?") == "2"
    shell.run("''")
    assert shell.run("echo $?") == "127"
    assert shell.run("echo" + " w" * 62) == " ".join(["w"] * 62)
    assert shell.run("echo" + " w" * 63) == \
        "nipbox: too many words (at most 63)"
    assert shell.run("echo $?") == "2"


def nipbox_ids(shell):
    rows = [line.split() for line in shell.run("ps").splitlines()[1:]]
    return [int(r[0]) for r in rows if r[-1] == "nipbox" and r[2] != "ended"]


def test_exit_status_reaches_the_parent(shell):
    assert shell.run("exit abc") == "usage: exit [status]   (status 0 to 255)"
    assert shell.run("echo $?") == "2"
    shell.run("nipbox")                  # a second shell, waited for
    assert len(nipbox_ids(shell)) == 2
    shell.run("exit 3")
    assert shell.run("echo $?") == "3"
    assert len(nipbox_ids(shell)) == 1


def test_ctrl_d_ends_the_shell(shell):
    (first,) = nipbox_ids(shell)
    shell.run("nipbox")
    shell.run("status 5")
    shell.child.send(CTRL_D)             # the child ends with $?, 5
    shell.expect_exact("exit")
    shell.prompt()
    assert shell.run("echo $?") == "5"
    assert nipbox_ids(shell) == [first]
    # The last shell: the kernel starts another one.
    shell.child.send(CTRL_D)
    shell.expect_exact("exit")
    shell.prompt()
    (again,) = nipbox_ids(shell)
    assert again != first


def test_ctrl_c_interrupts_the_shells_own_cat(shell):
    # cat is NipBox's builtin: the shell itself is in the foreground.
    # An endless file, and a read of the terminal that waits: ^C ends
    # either, NipBox stays, and the next command is not interrupted.
    (first,) = nipbox_ids(shell)
    for endless in ("/dev/zero", "/dev/tty"):
        shell.type(f"cat {endless}")
        shell.expect_exact(f"cat {endless}")
        shell.child.send("\x03")
        shell.prompt()
        assert shell.run("echo $?") == "130"
        assert shell.run("cat /etc/motd") == "This is not a program."
    assert nipbox_ids(shell) == [first]


def test_kill(shell):
    (parent,) = nipbox_ids(shell)
    assert shell.run("kill") == "usage: kill id...   (ids as ps shows them)"
    assert shell.run("kill x") == "kill: x: not a Subject id"
    assert shell.run("kill 999") == "kill: 999: No such Subject"
    assert shell.run("echo $?") == "1"
    shell.run("nipbox")
    child = max(nipbox_ids(shell))
    assert shell.run(f"kill {parent}") == \
        f"kill: {parent}: Operation not permitted"
    shell.run(f"kill {child}")           # the child shell ends itself
    assert shell.run("echo $?") == "130"
    assert nipbox_ids(shell) == [parent]


def test_ls_sorts_and_marks_links(boot, tmp_path):
    archive = tmp_path / "unsorted.tar"
    names = ["zeta", "Alpha", "mid", "beta"]
    with tarfile.open(archive, "w", format=tarfile.GNU_FORMAT) as t:
        t.add(BUILD / "rootfs" / "bin", arcname="bin")
        for name in names:               # not in order in the archive
            (tmp_path / name).write_text(name)
            t.add(tmp_path / name, arcname="d/" + name)
        link = tarfile.TarInfo("d/link")
        link.type, link.linkname = tarfile.SYMTYPE, "mid"
        t.addfile(link)
        sub = tarfile.TarInfo("d/c-dir")
        sub.type = tarfile.DIRTYPE
        t.addfile(sub)
    m = boot(initrd=archive)
    m.prompt()
    assert m.run("ls /d").splitlines() == [
        "Alpha", "beta", "c-dir/", "link@", "mid", "zeta"]
    assert m.run("ls -l /d").splitlines() == [
        "-          5 Alpha", "-          4 beta", "d          0 c-dir/",
        "l          3 link -> mid", "-          3 mid", "-          4 zeta"]
    listing = m.run("ls /bin").splitlines()
    assert listing == sorted(listing) and "hello" in listing
    # Named on the command line: -l shows the link, plain ls its target.
    # -l gives a link's size as the length of its target, as lstat does.
    assert m.run("ls -l /d/link") == "l          3 /d/link -> mid"
    assert m.run("ls /d/link") == "/d/link"


def test_lists_run_by_exit_status(shell):
    assert shell.run("false && echo no || echo yes") == "yes"
    assert shell.run("true && echo a; false || echo b; false && echo c") \
        == "a\nb"
    assert shell.run("true || echo no; echo $?") == "0"
    # $? is read when its command runs, not when the line is read.
    shell.run("status 5")
    assert shell.run("status 3; echo $?") == "3"
    assert shell.run("status 4 || echo $?") == "4"
    assert shell.run("false # echo not run") == ""
    assert shell.run("echo $?") == "1"


def test_variables_and_the_environment(shell):
    assert shell.run("X=1; echo $X") == "1"
    assert shell.run("echo \"${X}y\" '$X' \\$X $NONE.") == "1y $X $X ."
    assert shell.run("unset X; echo \"[$X]\"") == "[]"
    # A shell variable stays in NipBox until exported.
    assert shell.run("W=5; showenv W").splitlines()[0] == "W: (unset)"
    out = shell.run("export W Y=2; showenv W Y").splitlines()
    assert out[:2] == ["W: 5", "Y: 2"]
    assert "environ: W=5" in out and "environ: Y=2" in out
    assert out[-1] == f"{len(out) - 3} strings"
    # VAR=value before a command: that command's environment only.
    assert shell.run("Z=3 W=6 showenv Z W").splitlines()[:2] == \
        ["Z: 3", "W: 6"]
    assert shell.run("echo \"[$Z]\" $W") == "[] 5"
    assert shell.run("showenv Z").splitlines()[0] == "Z: (unset)"
    assert "V=9" in shell.run("V=9 env").splitlines()
    assert "export Y=2" in shell.run("export").splitlines()
    assert shell.run("export 1x") == "export: 1x: not a valid name"
    assert shell.run("echo $?") == "1"
    # A NipBox started from NipBox inherits what was exported.
    shell.run("nipbox")
    assert shell.run("echo $Y$W") == "25"
    shell.run("exit")


def test_syntax_errors_and_redirection_errors(shell):
    for line, near in [("echo a |", "|"), ("| wc", "|"), ("a && ; b", ";"),
                       ("echo a &", "&"), ("cat <", "<")]:
        assert shell.run(line) == f"nipbox: syntax error near '{near}'"
    assert shell.run("echo $?") == "2"
    assert shell.run("echo 'a") == "nipbox: unterminated quote"
    assert shell.run("echo ${A") == "nipbox: bad substitution '${A'"
    assert shell.run("echo a; echo b |") == \
        "nipbox: syntax error near '|'"         # nothing of it runs
    assert shell.run(";".join(["true"] * 17)) == \
        "nipbox: too many commands (at most 16)"
    assert shell.run("|".join(["wc"] * 9)) == \
        "nipbox: pipeline too long (at most 8 commands)"
    # What needed the kernel runs now (tests/e2e/test_pipes.py has more).
    assert shell.run("echo a | wc") == "      1       1       2"
    assert shell.run("echo $?") == "0"
    assert shell.run("echo a >/no/f 2>&1") == \
        "nipbox: /no/f: No such file or directory"
    assert shell.run("echo a > /bin || echo then") == \
        "nipbox: /bin: Is a directory\nthen"
