#!/bin/sh
# Fetches one Debian source package and unpacks it, once.
#   tools/realworld/fetch.sh PACKAGE DIR
# The package's files are kept in DIR (build/realworld/src); the unpacked
# tree is DIR/PACKAGE, with no version in its name, and DIR/PACKAGE.stamp
# says it is complete.  It is the upstream source (the orig tarball) with
# Debian's debian/ beside it but its patches not applied: they change
# configure.ac and Makefile.am, which then need the autotools to
# regenerate (and mksh's refuse any build but Debian's), and none of them
# matters to what the cases test.  A failure says which package and
# why, and exits non-zero: nothing here waits forever (apt-get has a
# timeout of its own, and the whole fetch one more).
set -eu

pkg=$1
dir=$2
[ -f "$dir/$pkg.stamp" ] && exit 0
tools=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$dir"
cd "$dir"
"$tools/deps.sh" deb-src

if ! ls "${pkg}"_*.dsc >/dev/null 2>&1; then
	echo "realworld: fetching the source package $pkg" >&2
	# Debian's toybox lists a debian.tar that the archive no longer has;
	# its orig tarball does come, and is what we build (below).
	if ! timeout 600 apt-get source -qq --download-only \
	    -o Acquire::http::Timeout=60 -o Acquire::Retries=2 "$pkg" \
	    2>"$pkg.fetch.log"; then
		if ! ls "${pkg}"_*.orig.tar.* >/dev/null 2>&1; then
			echo "realworld: cannot fetch the source package $pkg:" >&2
			grep -E '^(E|W):' "$pkg.fetch.log" | grep -v unsandboxed >&2 || \
			    cat "$pkg.fetch.log" >&2
			exit 1
		fi
		echo "realworld: $pkg: only its orig tarball came; building that" >&2
	fi
fi

rm -rf "$pkg" "$pkg.tmp"
dsc=$(ls "${pkg}"_*.dsc | head -n 1)
if [ -n "$dsc" ] && dpkg-source -x --no-check --skip-patches "$dsc" "$pkg.tmp" \
    >"$pkg.unpack.log" 2>&1; then
	:
else
	# No usable Debian part: the upstream tarball alone.
	rm -rf "$pkg.tmp"
	mkdir "$pkg.tmp"
	tar -xf "$(ls "${pkg}"_*.orig.tar.* | grep -v '\.asc$' | head -n 1)" \
	    -C "$pkg.tmp" --strip-components=1
fi
mv "$pkg.tmp" "$pkg"
touch "$pkg.stamp"
