# Background jobs: wait for each, their statuses, kill and jobs.  Without
# `set -m`: whether a job control shell has already reported a job that
# ended (and forgotten it, so that `wait` answers 127) depends on when
# SIGCHLD came, on Linux too; the prompt-jobs sessions cover job control.
(exit 3) &
first=$!
sleep 30 &
second=$!
wait $first
echo "first exited $?"
kill $second
wait $second 2>/dev/null
echo "second ended $?"
jobs
echo done
