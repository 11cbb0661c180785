"""The cases: each one command line typed at the NipBox prompt.

A case is a name, the line, and optionally:
  steps      an interactive session: ("expect", regex) waits for the
             program to print something, ("send", text) types it; the whole
             transcript is compared
  normalise  names of what may legitimately differ (see NORMALISERS)
  timeout    seconds before the case is "hung" (default 60)
  quiet      seconds without output before it is "hung" (default: timeout)

A line is at most NipBox's 1023 characters and runs in the tree of tree.py.
Cases run in this order on one boot, and some read what an earlier one wrote
(said beside them); each writes only below /tmp/<its own directory>.
Shell features run as `sh -c '...'` so that they do not depend on NipBox
having pipes or redirection: the line is the same whatever NipBox grows.
"""
import re

import pyte

BB = "/bin/busybox"


class Case:
    def __init__(self, name, line, steps=None, normalise=(), timeout=60,
                 quiet=None):
        assert len(line) < 1024, name
        self.name = name
        self.line = line
        self.steps = steps
        self.normalise = tuple(normalise)
        self.timeout = timeout
        self.quiet = quiet or timeout


def bb(name, args, **kw):
    return Case("busybox-" + name, f"{BB} {args}", **kw)


def toy(name, args, **kw):
    return Case("toybox-" + name, f"/bin/toybox {args}", **kw)


def sh(name, script, shell=f"{BB} sh", **kw):
    assert "'" not in script, name
    return Case(name, f"{shell} -c '{script}'", **kw)


def lines_sorted(text):
    return "\n".join(sorted(text.split("\n")))


def job_pids(text):
    return re.sub(r"^(\[\d+\]) \d+$", r"\1 PID", text, flags=re.M)


def screen(text):
    """What a terminal of the tests' size shows at the end: a full-screen
    program redraws only what changed since it last looked for pending
    keys, so the escape sequences depend on how typed keys were split
    into reads, while the screen does not."""
    rows, cols = 50, 200
    term = pyte.Screen(cols, rows)
    stream = pyte.Stream(term)
    stream.feed(text.replace("\n", "\r\n"))
    return "\n".join(line.rstrip() for line in term.display).rstrip("\n")


# What may differ between rumpk and Linux without either being wrong.
NORMALISERS = {
    # The order of directory entries is the file system's: a tar archive
    # and the host's ext4 list the same tree in different orders.
    "sorted": lines_sorted,
    # A shell prints "[1] 1234" for a job started with &: process ids
    # are the kernel's to choose.
    "pids": job_pids,
    # A full-screen program's output compared as the screen it leaves.
    "screen": screen,
}

PROMPT = r"[$#] "


def job_control(shell):
    """An interactive shell as a person uses it: a pipeline, a
    substitution, a here-document, a job stopped with Ctrl-Z and resumed
    in the background with bg, then ended with kill, another stopped and
    brought back with fg to finish, and one ended with Ctrl-C.  Each step
    waits for what the one before prints (never for the echo of what was
    typed), and a key is sent only once the job has said it runs, that
    is once it has the terminal: so no key reaches the shell's own group
    and the transcript does not depend on timing."""
    return [
        ("expect", PROMPT),
        ("send", "echo $((6 * 7)) | cat; x=$(echo sub); echo got $x\r"),
        ("expect", "got sub"), ("expect", PROMPT),
        ("send", "cat <<EOF\r"), ("expect", "> "),
        ("send", "here $x\r"), ("expect", "> "),
        ("send", "EOF\r"), ("expect", "here sub"), ("expect", PROMPT),
        ("send", "(echo started; exec sleep 300)\r"),
        ("expect", r"\nstarted"),
        ("send", "\x1a"), ("expect", "Stopped"), ("expect", PROMPT),
        ("send", "bg\r"), ("expect", PROMPT),
        ("send", "(echo ready; exec sleep 3)\r"), ("expect", r"\nready"),
        ("send", "\x1a"), ("expect", "Stopped"), ("expect", PROMPT),
        ("send", "jobs\r"), ("expect", PROMPT),
        ("send", "kill %1; wait %1; echo killed $?\r"),
        ("expect", r"killed \d+"), ("expect", PROMPT),
        ("send", "fg\r"), ("expect", r"exec sleep 3\)"),
        ("expect", PROMPT),
        ("send", "(echo waiting; exec sleep 300)\r"),
        ("expect", r"\nwaiting"),
        ("send", "\x03"), ("expect", PROMPT),
        ("send", "jobs; echo " + shell + " done\r"),
        ("expect", r"\n" + shell + " done"), ("expect", PROMPT),
        ("send", "exit 4\r")]


CASES = [
    # --- BusyBox applets over text and binary files ---
    bb("sort", "sort /t/words.txt"),
    bb("sort-n", "sort -n /t/numbers.txt"),
    bb("sort-keys", "sort -t : -k 4,4n -k 1,1r /t/passwd.txt"),
    bb("sort-ur", "sort -u -r /t/dups.txt"),
    bb("uniq-c", "uniq -c /t/dups.txt"),
    bb("grep-n", "grep -n needle /t/words.txt"),
    bb("grep-E", "grep -c -E \"^(alpha|beta) \" /t/words.txt"),
    bb("grep-vi", "grep -v -i -c A /t/words.txt"),
    bb("grep-r", "grep -r -l needle /t/tree", normalise=["sorted"]),
    bb("sed-swap", "sed -n \"s/\\(alpha\\) \\(beta\\)/\\2 \\1/p\" "
       "/t/words.txt"),
    bb("sed-script", "sed -f /t/edit.sed /t/passwd.txt"),
    bb("sed-range", "sed -n \"10,20p;25q\" /t/words.txt"),
    bb("awk-sum", "awk -F: '{ s += $3; n[$7]++ } END { print s, NR; "
       "for (k in n) print k, n[k] }' /t/passwd.txt"),
    bb("awk-printf", "awk 'BEGIN { for (i = 1; i <= 12; i++) printf "
       "\"%2d %8.4f %s\\n\", i, sqrt(i), substr(\"abcdefghijkl\", i) }'"),
    bb("awk-fields", "awk -F: '$4 == 103 { print toupper($5), length($1) }' "
       "/t/passwd.txt"),
    bb("md5sum", "md5sum /t/bin.dat /t/words.txt /t/4MiB.dat"),
    bb("sha256sum", "sha256sum /t/bin.dat /t/4MiB.dat"),
    bb("sha512sum", "sha512sum /t/words.txt"),
    bb("cksum", "cksum /t/passwd.txt /t/bin.dat"),
    bb("wc", "wc /t/words.txt /t/passwd.txt /t/bin.dat"),
    bb("head", "head -n 7 /t/words.txt"),
    bb("tail", "tail -n 7 /t/words.txt"),
    bb("cut", "cut -d : -f 1,5 /t/passwd.txt"),
    bb("od", "od -A x -t x1 -N 96 /t/bin.dat"),
    bb("hexdump", "hexdump -C -n 96 -s 1000 /t/bin.dat"),
    bb("diff", "diff -u /t/a.txt /t/b.txt"),
    bb("cmp", "cmp /t/a.txt /t/b.txt"),
    bb("tar-tv", "tar -tvf /t/tree.tar"),
    bb("ls-R", "ls -1 -R /t/tree"),
    bb("find", "find /t/tree -name \"*.txt\" -size -1k",
       normalise=["sorted"]),
    bb("gunzip-c", "gunzip -c /t/words.txt.gz"),
    bb("seq", "seq 1 7 100"),
    bb("printf", "printf \"%05d|%-6s|%x|%s\\n\" 42 ab 255 end"),
    bb("base64", "base64 /t/passwd.txt"),
    bb("expr", "expr 7 \\* 6 + 1"),
    sh("busybox-gzip-roundtrip", "mkdir -p /tmp/bbgz && cp /t/words.txt "
       "/tmp/bbgz/ && gzip -9 /tmp/bbgz/words.txt && ls /tmp/bbgz && "
       "gunzip /tmp/bbgz/words.txt.gz && cmp /t/words.txt "
       "/tmp/bbgz/words.txt && echo same"),
    sh("busybox-tar-roundtrip", "mkdir -p /tmp/bbtar && cd /tmp/bbtar && "
       "tar -xf /t/tree.tar && tar -cf ../bb.tar tree && "
       "tar -tf ../bb.tar | sort && md5sum tree/a/b/c/needle.txt"),
    sh("busybox-cp-mv-rm", "mkdir -p /tmp/fo/a/b && cp /t/passwd.txt "
       "/tmp/fo/a/p && mv /tmp/fo/a/p /tmp/fo/a/b/q && ls -R /tmp/fo && "
       "cmp /t/passwd.txt /tmp/fo/a/b/q && rm -rf /tmp/fo/a && ls /tmp/fo && "
       "rmdir /tmp/fo && echo gone && ls /tmp/fo"),
    sh("busybox-ln", "mkdir -p /tmp/ln && ln -s /t/words.txt /tmp/ln/w && "
       "readlink /tmp/ln/w && head -n 2 /tmp/ln/w && ln /tmp/ln/w "
       "/tmp/ln/hard 2>&1; rm /tmp/ln/w && ls /tmp/ln"),
    sh("busybox-dd", "dd if=/t/bin.dat bs=1024 count=4 skip=2 "
       "2>/dev/null | md5sum"),
    sh("busybox-xargs", "find /t/tree -name \"*.txt\" | sort | "
       "xargs wc -l"),

    # --- /proc: the Linux reference runs under proot and sees the host's
    # /proc, so only what is the same on both is compared (headers, the
    # shell's own pid found, exit statuses) ---
    sh("busybox-proc-ps", "ps | head -n 1; ps -o pid,comm | grep -c \"^ *$$ \"; "
       "ps > /dev/null && echo listed"),
    sh("busybox-proc-free", "free | head -n 1; free -m > /dev/null && echo read"),
    sh("busybox-proc-df", "df / | head -n 1; df / > /dev/null && echo found"),
    sh("busybox-proc-self", "cat /proc/self/cmdline | tr \"\\\\0\" _; echo; "
       "read p c rest < /proc/self/stat; echo $c; "
       "[ $p = $$ ] && echo self"),
    # The background child is "sleep" only once it has exec'd: wait for
    # that (a loop, not a sleep), then ask for its pid.
    sh("busybox-proc-pidof", "sleep 5 & until pidof sleep >/dev/null; do :; "
       "done; pidof sleep | grep -c -w $!; kill $!"),

    # --- toybox ---
    toy("sort-n", "sort -n /t/numbers.txt"),
    toy("sed", "sed -n \"/needle/{=;p}\" /t/words.txt"),
    toy("md5sum", "md5sum /t/bin.dat /t/4MiB.dat"),
    toy("wc", "wc -l -w -c /t/words.txt /t/passwd.txt"),
    toy("seq", "seq -s , 1 3 40"),
    toy("grep", "grep -c -w -e gamma -e delta /t/words.txt"),
    toy("od", "od -t x2 -N 64 /t/bin.dat"),
    toy("tar-tv", "tar -tvf /t/tree.tar"),
    toy("printf", "printf \"%s=%d\\n\" a 1 b 2"),

    # --- shells ---
    sh("sh-exit-status", "exit 42"),
    sh("sh-arith", "i=0; s=0; while [ $i -lt 100 ]; do s=$((s + i * i)); "
       "i=$((i + 1)); done; echo $s"),
    sh("sh-params", "set -- a \"b c\" d; for x in \"$@\"; do echo \"[$x]\"; "
       "done; echo $# ${2%c} ${#1}"),
    sh("sh-string-ops", "v=/a/b/c.tar.gz; echo ${v##*/} ${v%.*} ${v#/a} "
       "${#v} ${v%%.*}"),
    sh("sh-pipeline", "sort /t/dups.txt | uniq -c | sort -rn | head -n 3"),
    sh("sh-redirect", "mkdir -p /tmp/rd && echo one > /tmp/rd/f && "
       "echo two >> /tmp/rd/f && cat < /tmp/rd/f && wc -l < /tmp/rd/f && "
       "ls /tmp/rd/nothing 2> /tmp/rd/err; cat /tmp/rd/err"),
    sh("sh-subst", "n=$(wc -l < /t/words.txt); echo \"lines: $n\"; "
       "echo \"upper: $(echo abc | tr a-z A-Z)\" `echo back`"),
    sh("sh-read-ifs", "while IFS=: read -r u x id g rest; do "
       "[ $id -gt 1900 ] && echo $u; done < /t/passwd.txt; echo end"),
    sh("sh-glob", "cd /t/tree && echo */*.txt a/*/* && pwd"),
    sh("sh-subshell", "cd /t; (cd tree/a && pwd; exit 3); echo $? $(pwd)"),
    # Named pipes: a writer in the background, then a reader in the
    # background; the node stays after each pipe is done with.
    sh("sh-mkfifo", "mkdir -p /tmp/ff && cd /tmp/ff && mkfifo f && "
       "ls -l f | cut -c1; (echo hi > f &); cat f; cat f > out & "
       "echo two > f; wait; cat out; rm -f f && echo gone"),
    # flock(2): the lock is held while the command runs, so a second
    # description's LOCK_NB fails then, and succeeds once it is let go.
    # flock -c runs $SHELL, which NipBox sets to itself.
    sh("busybox-flock", "export SHELL=/bin/sh; mkdir -p /tmp/flk && "
       "flock /tmp/flk/lk -c \"echo locked\" && flock -s /tmp/flk/lk "
       "echo shared"),
    sh("sh-flock", "export SHELL=/bin/sh; mkdir -p /tmp/flk2 && "
       "cd /tmp/flk2 && flock -n lk -c \"flock -n lk -c true || echo "
       "busy\" && flock -n lk -c \"echo free\""),
    Case("sh-script", f"{BB} sh /t/funcs.sh one \"two words\""),
    Case("sh-heredoc", f"{BB} sh /t/heredoc.sh"),
    Case("sh-trap", f"{BB} sh /t/trap.sh"),
    Case("sh-jobs", f"{BB} sh /t/jobs.sh"),
    # A script run by its name: the kernel reads "#!/bin/sh".
    Case("sh-shebang", "/t/shebang.sh one \"two words\""),
    sh("dash-arith", "printf \"%s\\n\" a b; echo $((6 * 7)) $((1 << 10))",
       shell="/bin/dash"),
    Case("dash-script", "/bin/dash /t/funcs.sh one \"two words\""),
    Case("dash-heredoc", "/bin/dash /t/heredoc.sh"),
    Case("dash-trap", "/bin/dash /t/trap.sh"),
    sh("dash-pipeline", "grep -c needle /t/words.txt | tr 0-9 a-j; "
       "echo ${PATH}:$HOME", shell="/bin/dash"),
    sh("mksh-arith", "typeset -i n=10 f=1; while ((n > 1)); do "
       "((f *= n--)); done; echo $f", shell="/bin/mksh"),
    sh("mksh-arrays", "set -A a x y z; echo ${#a[*]} ${a[1]} ${a[*]}; "
       "typeset -u up=shout; echo $up", shell="/bin/mksh"),
    Case("mksh-script", "/bin/mksh /t/funcs.sh one \"two words\""),
    sh("mksh-pipeline", "print -r -- $(sort -n /t/numbers.txt | tail -n 1) "
       "| wc -c", shell="/bin/mksh"),

    # --- Lua ---
    Case("lua-e", "/bin/lua -e \"print(_VERSION, 2^10, #arg)\""),
    Case("lua-strings", "/bin/lua /t/strings.lua"),
    Case("lua-tables", "/bin/lua /t/tables.lua"),
    Case("lua-coroutines", "/bin/lua /t/coroutines.lua"),
    Case("lua-misc", "/bin/lua /t/misc.lua"),
    Case("lua-io", "/bin/lua /t/io.lua"),
    Case("lua-os", "/bin/lua /t/os.lua"),
    Case("lua-exec", "/bin/lua /t/exec.lua"),

    # --- SQLite ---
    Case("sqlite-memory", "/bin/sqlite3 :memory: \".read /t/basic.sql\""),
    Case("sqlite-transactions", "/bin/sqlite3 :memory: "
         "\".read /t/txn.sql\""),
    Case("sqlite-indexes", "/bin/sqlite3 :memory: \".read /t/index.sql\""),
    Case("sqlite-json-window-fts", "/bin/sqlite3 :memory: "
         "\".read /t/window.sql\""),
    Case("sqlite-csv", "/bin/sqlite3 :memory: \".read /t/csv.sql\""),
    Case("sqlite-file-10000-rows", "/bin/sqlite3 /tmp/bulk.db "
         "\".read /t/bulk.sql\"", timeout=180),
    # Reads the database the case before wrote.
    Case("sqlite-file-reopen", "/bin/sqlite3 /tmp/bulk.db \"SELECT count(*), "
         "sum(v) FROM bulk WHERE v > 5000; PRAGMA integrity_check;\""),
    Case("sqlite-wal", "/bin/sqlite3 /tmp/wal.db \"PRAGMA journal_mode=WAL; "
         "CREATE TABLE IF NOT EXISTS w(x); INSERT INTO w VALUES (1), (2); "
         "SELECT sum(x) FROM w;\""),

    # --- gzip ---
    Case("gzip-test", "/bin/gzip -t -v /t/words.txt.gz"),
    Case("gzip-list", "/bin/gzip -l /t/words.txt.gz"),
    Case("gzip-dc", "/bin/gzip -d -c /t/words.txt.gz"),
    sh("gzip-4MiB-roundtrip", "mkdir -p /tmp/gz && /bin/gzip -c -n "
       "/t/4MiB.dat > /tmp/gz/d.gz && wc -c < /tmp/gz/d.gz && "
       "/bin/gzip -d -c /tmp/gz/d.gz | md5sum && md5sum < /t/4MiB.dat",
       timeout=240),
    sh("gzip-levels", "for l in 1 6 9; do /bin/gzip -$l -c -n /t/words.txt "
       "| wc -c; done"),
    sh("gzip-in-place", "mkdir -p /tmp/gk && cp /t/bin.dat /tmp/gk/ && "
       "/bin/gzip -v /tmp/gk/bin.dat 2>&1; ls /tmp/gk; /bin/gzip -d "
       "/tmp/gk/bin.dat.gz && cmp /tmp/gk/bin.dat /t/bin.dat && echo ok"),
    sh("gzip-busybox-gunzip", "/bin/gzip -c /t/passwd.txt | "
       "/bin/busybox gunzip | md5sum; md5sum < /t/passwd.txt"),

    # --- bc ---
    Case("bc-l-file", "/bin/bc -l -q /t/funcs.bc"),
    sh("bc-l-pipe", "echo \"scale=30; sqrt(2); e(2); a(1)*4\" | /bin/bc -l"),
    sh("bc-pipe", "echo \"2^100; 10/3; scale=5; 10/3; obase=2; 255\" "
       "| /bin/bc"),

    # --- interactive sessions ---
    Case("lua-prompt", "/bin/lua", steps=[
        ("expect", "> "), ("send", "x = 6 * 7\r"),
        ("expect", "> "), ("send", "print(x, ('ab'):rep(3))\r"),
        ("expect", "> "), ("send", "for i = 1, 3 do\r"),
        ("expect", ">> "), ("send", "io.write(i, ' ') end print()\r"),
        ("expect", "> "), ("send", "os.exit(3)\r")]),
    Case("sqlite-prompt", "/bin/sqlite3", steps=[
        ("expect", "sqlite> "), ("send", "CREATE TABLE t(a);\r"),
        ("expect", "sqlite> "), ("send", "INSERT INTO t VALUES (1), (2),\r"),
        ("expect", r"\.\.\.> "), ("send", "(39);\r"),
        ("expect", "sqlite> "), ("send", "SELECT sum(a), count(*) FROM t;\r"),
        ("expect", "sqlite> "), ("send", ".quit\r")]),
    Case("dash-prompt", "/bin/dash -i", steps=[
        ("expect", r"[$#] "), ("send", "echo hello $((1 + 2))\r"),
        ("expect", r"[$#] "), ("send", "cd /t/tree; pwd\r"),
        ("expect", r"[$#] "), ("send", "exit 5\r")]),
    Case("ash-prompt-jobs", f"{BB} sh -i", normalise=("pids",),
         steps=job_control("ash")),
    Case("dash-prompt-jobs", "/bin/dash -i", normalise=("pids",),
         steps=job_control("dash")),
    Case("bc-prompt", "/bin/bc -l", steps=[
        ("expect", "warranty'\\.\\s+"), ("send", "scale = 10; 1 / 3\r"),
        ("expect", r"3333\s+"), ("send", "quit\r")]),
    # vi reads an ESC followed at once by more keys as an escape sequence;
    # a person waits for the status line to show command mode ("-").
    Case("vi-edit-save", f"{BB} vi /tmp/vi.txt", normalise=("screen",),
         steps=[
        ("expect", "vi.txt"), ("send", "iHello from vi\rsecond line\x1b"),
        ("expect", r"- /tmp/vi.txt \[Modified\]"), ("send", ":wq\r")]),
    # Reads the file the case before saved.
    bb("vi-saved", "cat /tmp/vi.txt"),
]
