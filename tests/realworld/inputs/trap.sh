# Traps: a signal sent to ourselves, a trap on EXIT, the exit status it keeps.
trap 'echo caught USR1' USR1
trap 'echo caught TERM; exit 7' TERM
trap 'echo exiting with $?' EXIT
kill -USR1 $$
echo after USR1
( kill -TERM $$ )
echo not reached
