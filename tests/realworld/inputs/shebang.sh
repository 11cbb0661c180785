#!/bin/sh
# Run by name: the kernel finds the interpreter on the first line.
echo "$0 has $# arguments: $*"
for word in "$@"; do echo "[$word]"; done
exit 6
