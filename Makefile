# rumpk: `make` builds the kernel and the root archive, `make run` boots
# them, `make test` runs every test.  See README.md.

CROSS	?= riscv64-unknown-elf-
CC	:= $(CROSS)gcc
HOSTCC	?= cc
PYTHON	?= /usr/bin/python3
BUILD	:= build
KERNEL	:= $(BUILD)/kernel.elf
INITRD	?= $(BUILD)/initrd.tar
APPEND	?=
export APPEND

WARN	:= -Wall -Wextra -Werror
# core/ by quotes only: its signal.h must not stand in for the host's
# <signal.h> (host tests, fuzz replay, ring stress).
INCS	:= -I. -Iinclude -Ilibs -iquote core
HOSTINCS := $(INCS)
FREE	:= -Ilibs/freestanding

KCFLAGS	:= -std=c11 $(WARN) -O2 -g -ffreestanding -nostdlib \
	   -march=rv64imac_zicsr_zifencei -mabi=lp64 -mcmodel=medany \
	   -fno-omit-frame-pointer -fno-stack-protector -fno-pic -flto \
	   $(INCS) $(FREE) -MMD -MP
KLDFLAGS := -nostdlib -static -T hal/riscv64/kernel.ld \
	   -Wl,-z,max-page-size=4096 -Wl,--build-id=none

UCFLAGS	:= -std=c11 $(WARN) -O2 -g -ffreestanding -nostdlib \
	   -march=rv64imafdc_zicsr_zifencei -mabi=lp64d -mcmodel=medany \
	   -fno-stack-protector -fno-pic -Iinclude -Ilibs -Iuser/include \
	   $(FREE) -MMD -MP
ULDFLAGS := -nostdlib -static -T user/user.ld -Wl,-z,max-page-size=4096 \
	   -Wl,--build-id=none

# The host's <string.h> declares strnlen() only for POSIX.
HOSTCFLAGS := -std=c11 $(WARN) -O1 -g -fsanitize=address,undefined \
	   -fno-omit-frame-pointer -fno-sanitize-recover=all \
	   -D_POSIX_C_SOURCE=200809L $(HOSTINCS) -MMD -MP

KSRC	:= $(wildcard hal/riscv64/*.S hal/riscv64/*.c core/*.c core/loader/*.c \
	   core/fs/*.c core/linux/*.c) libs/string.c libs/fmt.c libs/errors.c libs/siphash.c
KOBJ	:= $(patsubst %,$(BUILD)/kernel/%.o,$(KSRC))

ULIBSRC	:= user/lib/nexus.c user/lib/queue.c user/lib/names.c libs/fmt.c libs/errors.c libs/cmdnames.c
ULIBOBJ	:= $(patsubst %,$(BUILD)/user/%.o,$(ULIBSRC))
STRING_OBJ := $(BUILD)/user/libs/string.c.o

# A program is native when every <...> header it includes is one rumpk has
# without a libc: C11's freestanding headers (the compiler's), <string.h>
# (libs/freestanding/) and <nexus/...>.  Any other <...> header makes it a
# libc program, built against picolibc and linked with the membrane
# (user/membrane/): a header picolibc ships is then found, and one nobody
# ships fails with the compiler's "No such file or directory".
PICOLIBC := /usr/lib/picolibc/riscv64-unknown-elf
PICOLIBC_LIB := $(PICOLIBC)/lib/release/rv64imafdc/lp64d
NATIVE_HEADERS := (float|iso646|limits|stdalign|stdarg|stdbool|stddef|stdint|stdnoreturn|string)\.h|nexus/[^>]+
SYS_INCLUDE := \s*\#\s*include\s*<
# grep -H prints "file:line"; a file with a line left after the second grep
# includes a header that is not native.
LIBC_SRC := $(shell grep -HE '^$(SYS_INCLUDE)' user/programs/*.c \
	   tests/programs/*.c 2>/dev/null | \
	   grep -vE ':$(SYS_INCLUDE)($(NATIVE_HEADERS))>' | \
	   cut -d: -f1 | sort -u)
# rumpk has POSIX clocks (the membrane's clock_gettime); picolibc only
# declares them where the platform says so.
LCFLAGS	:= $(filter-out $(FREE),$(UCFLAGS)) -isystem $(PICOLIBC)/include \
	   -ftls-model=local-exec -D_POSIX_TIMERS=1 -D_POSIX_MONOTONIC_CLOCK=1
MEMBRANE_OBJ := $(patsubst %,$(BUILD)/ulibc/%.o,$(wildcard user/membrane/*.c))
CRT0	:= $(BUILD)/user/user/lib/crt0.S.o
PROGRAMS := $(patsubst user/programs/%.c,%,$(wildcard user/programs/*.c))
ROOTFS_BIN := $(addprefix $(BUILD)/rootfs/bin/,$(PROGRAMS) nipbox)
TESTBIN	:= $(patsubst tests/programs/%.c,$(BUILD)/testroot/bin/%,\
	   $(wildcard tests/programs/*.c))

# The pure modules, also compiled for the host and tested there.
PURE	:= core/cmdline.c core/fdt.c core/fs/tar.c core/fs/fdtable.c core/fs/path.c \
	   core/fs/mount.c core/fs/vnode.c core/fs/pipebuf.c core/fs/ldisc.c core/fs/lock.c core/fs/memfs.c core/fs/memfs_dir.c \
	   core/fs/memfs_data.c core/fs/memfs_seed.c core/loader/elf.c core/loader/script.c core/linux/wstatus.c core/ranges.c \
	   core/audit.c core/audit_verify.c core/slab.c core/pcache.c core/random.c core/linux/names.c \
	   core/sigrules.c hal/riscv64/sigframe.c \
	   libs/fmt.c libs/errors.c libs/cmdnames.c libs/siphash.c \
	   user/nipbox/edit.c user/nipbox/complete.c user/nipbox/sort.c user/nipbox/parse.c \
	   user/nipbox/expand.c user/nipbox/vars.c user/nipbox/plan.c
HOSTSRC	:= $(wildcard tests/host/*.c) $(PURE)
# Objects go under obj/: tests/host/*.c would otherwise need a directory
# build/host/tests/, where the test binary lives.
HOSTOBJ	:= $(patsubst %,$(BUILD)/host/obj/%.o,$(HOSTSRC))

.PHONY: all run debug gdb test test-host test-e2e deps bench bench-peers \
	fuzz realworld clean
.DEFAULT_GOAL := all
# Keep intermediate objects: rebuilds stay incremental.
.SECONDARY:

all: $(KERNEL) $(BUILD)/initrd.tar

deps-%:
	@tools/deps.sh $*

# --- kernel ------------------------------------------------------------
$(BUILD)/kernel/%.S.o: %.S | deps-build
	@mkdir -p $(dir $@)
	$(CC) $(KCFLAGS) -c $< -o $@

$(BUILD)/kernel/%.c.o: %.c | deps-build
	@mkdir -p $(dir $@)
	$(CC) $(KCFLAGS) -c $< -o $@

# The string functions stay out of link-time optimisation: the compiler's
# own calls to memcpy and memset must find them after it.
$(BUILD)/kernel/libs/string.c.o: KCFLAGS := $(filter-out -flto,$(KCFLAGS))

# Two links: the first without a symbol table, whose functions
# tools/ksyms.sh lists; the second with that list in .ksyms, which the
# linker script puts after everything else (panics print function names).
# The functions must not have moved: their lists are compared.
KSYMS	:= $(BUILD)/kernel/ksyms
ktext	= $(CROSS)nm -n --defined-only $(1) | awk '$$2 ~ /^[tT]$$/'

$(KSYMS).pass1.elf: $(KOBJ) hal/riscv64/kernel.ld
	$(CC) $(KCFLAGS) $(KLDFLAGS) $(KOBJ) -lgcc -o $@

$(KSYMS).S: $(KSYMS).pass1.elf tools/ksyms.sh
	tools/ksyms.sh $(CROSS)nm $< > $@

$(KSYMS).o: $(KSYMS).S
	$(CC) $(KCFLAGS) -c $< -o $@

$(KERNEL): $(KOBJ) $(KSYMS).o hal/riscv64/kernel.ld
	$(CC) $(KCFLAGS) $(KLDFLAGS) $(KOBJ) $(KSYMS).o -lgcc -o $@
	@$(call ktext,$(KSYMS).pass1.elf) > $(KSYMS).pass1.txt
	@$(call ktext,$@) | cmp -s - $(KSYMS).pass1.txt || { \
	    echo "$@: the symbol table moved the functions it lists" >&2; \
	    rm -f $@; exit 1; }

# --- user programs and the root archive -----------------------------------
$(BUILD)/user/%.S.o: %.S | deps-build
	@mkdir -p $(dir $@)
	$(CC) $(UCFLAGS) -c $< -o $@

$(BUILD)/user/%.c.o: %.c | deps-build
	@mkdir -p $(dir $@)
	$(CC) $(UCFLAGS) -c $< -o $@

$(BUILD)/ulibc/%.c.o: %.c | deps-build
	@mkdir -p $(dir $@)
	$(CC) $(LCFLAGS) -c $< -o $@

# user/programs/ is where anyone drops a program: a warning there is shown
# but does not stop `make run` for the whole system.  The rest (kernel,
# libnexus, membrane, NipBox, tests/programs, bench) keeps -Werror, and
# `make test` builds the programs committed in user/programs/ with
# PROGRAM_WERROR=-Werror (tests/e2e/test_build_rules.py).
PROGRAM_WERROR ?=
$(BUILD)/user/user/programs/%.c.o: UCFLAGS := \
	$(filter-out -Werror,$(UCFLAGS)) $(PROGRAM_WERROR)
$(BUILD)/ulibc/user/programs/%.c.o: LCFLAGS := \
	$(filter-out -Werror,$(LCFLAGS)) $(PROGRAM_WERROR)

# libnexus for programs without a libc carries its own string functions.
$(BUILD)/user/libnexus.a: $(ULIBOBJ) $(STRING_OBJ)
	rm -f $@
	$(CROSS)ar rcs $@ $^

$(BUILD)/user/libnexus-core.a: $(ULIBOBJ)
	rm -f $@
	$(CROSS)ar rcs $@ $^

# Programs are linked with symbols under build/user/elf/ (for gdb) and go
# into the archives stripped.
ULINK = @mkdir -p $(dir $@); \
	$(CC) $(UCFLAGS) $(ULDFLAGS) $(CRT0) $(filter-out $(CRT0),$(filter %.o,$^)) \
	    $(BUILD)/user/libnexus.a -lgcc -o $@
UDEPS := $(BUILD)/user/libnexus.a $(CRT0) user/user.ld
NIPBOX_OBJ := $(patsubst %,$(BUILD)/user/%.o,$(wildcard user/nipbox/*.c))

$(BUILD)/user/elf/bin/nipbox: $(NIPBOX_OBJ) $(UDEPS)
	$(ULINK)

$(BUILD)/user/elf/bin/%: $(BUILD)/user/user/programs/%.c.o $(UDEPS)
	$(ULINK)

# Hostile and test-only programs go into a separate archive for the tests.
$(BUILD)/user/elf/test/%: $(BUILD)/user/tests/programs/%.c.o $(UDEPS)
	$(ULINK)

# The same program with picolibc and the membrane.
elf_of = $(if $(filter user/programs/%,$(1)),$(BUILD)/user/elf/bin/$(basename $(notdir $(1))),$(BUILD)/user/elf/test/$(basename $(notdir $(1))))

define LIBC_PROGRAM
$(call elf_of,$(1)): $(BUILD)/ulibc/$(1).o $(MEMBRANE_OBJ) $(BUILD)/user/libnexus-core.a $(CRT0) user/user.ld
	@mkdir -p $$(dir $$@)
	$$(CC) $$(UCFLAGS) $$(ULDFLAGS) $$(CRT0) $$(filter %.c.o,$$^) \
	    -Wl,--start-group $$(BUILD)/user/libnexus-core.a \
	    $$(PICOLIBC_LIB)/libc.a $$(PICOLIBC_LIB)/libm.a -lgcc \
	    -Wl,--end-group -o $$@
endef
$(foreach src,$(LIBC_SRC),$(eval $(call LIBC_PROGRAM,$(src))))

$(BUILD)/rootfs/bin/%: $(BUILD)/user/elf/bin/%
	@mkdir -p $(dir $@)
	$(CROSS)strip -o $@ $<

$(BUILD)/testroot/bin/%: $(BUILD)/user/elf/test/%
	@mkdir -p $(dir $@)
	$(CROSS)strip -o $@ $<

# An empty /tmp too: where a user writes first.
$(BUILD)/initrd.tar: $(ROOTFS_BIN)
	@mkdir -p $(BUILD)/rootfs/tmp
	tar --format=ustar --owner=0 --group=0 --numeric-owner --mtime=@0 \
	    --sort=name -C $(BUILD)/rootfs -cf $@ bin tmp

$(BUILD)/test-initrd.tar: $(ROOTFS_BIN) $(TESTBIN)
	@mkdir -p $(BUILD)/testroot/bin $(BUILD)/testroot/etc
	cp $(ROOTFS_BIN) $(BUILD)/testroot/bin/
	printf 'This is not a program.\n' > $(BUILD)/testroot/etc/motd
	tar --format=ustar --owner=0 --group=0 --numeric-owner --mtime=@0 \
	    --sort=name -C $(BUILD)/testroot -cf $@ bin etc

# --- running ---------------------------------------------------------------
run: all | deps-run
	@tools/qemu.sh $(KERNEL) $(INITRD)

debug: all | deps-debug
	@echo "QEMU is halted with its gdb stub on :1234.  In another terminal:"
	@echo "    make gdb"
	@echo "or: gdb-multiarch $(KERNEL) -ex 'target remote :1234'"
	@tools/qemu.sh $(KERNEL) $(INITRD) -s -S

gdb: | deps-debug
	gdb-multiarch $(KERNEL) -ex 'set architecture riscv:rv64' \
	    -ex 'target remote :1234'

# --- tests -------------------------------------------------------------------
$(BUILD)/host/obj/%.c.o: %.c | deps-test
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOSTCFLAGS) -c $< -o $@

$(BUILD)/host/tests: $(HOSTOBJ)
	$(HOSTCC) $(HOSTCFLAGS) $^ -o $@

# QEMU's own device tree for the virt machine, with an initrd and bootargs.
$(BUILD)/virt.dtb: $(KERNEL) $(BUILD)/initrd.tar | deps-run
	qemu-system-riscv64 -machine virt,dumpdtb=$@ -m 128M -smp 1 \
	    -nographic -bios default -kernel $(KERNEL) \
	    -initrd $(BUILD)/initrd.tar -append "console=ttyS0 hello" >/dev/null

# The shared ring under ThreadSanitizer (which cannot be mixed with ASan).
# Without -Icore: core/signal.h would hide the C library's <signal.h>.
$(BUILD)/host/ring_stress: tests/stress/ring_stress.c libs/ring.h | deps-test
	@mkdir -p $(dir $@)
	$(HOSTCC) -std=c11 $(WARN) -O2 -g -fsanitize=thread $(HOSTINCS) $< \
	    -o $@ -lpthread

# Every fuzz target's regression inputs (fuzz/regressions/<target>/),
# replayed through the entry the fuzzer calls, with the target's own
# checks, under ASan and UBSan: tests/fuzz/replay.c stands in for
# libFuzzer, so gcc does.  A directory without a target fails the build.
REPLAY_DIRS := $(wildcard fuzz/regressions/*)
REPLAY_BIN := $(patsubst fuzz/regressions/%,$(BUILD)/host/replay_%,$(REPLAY_DIRS))

# core/ only for "..." includes: its signal.h would hide the C library's
# <signal.h>, which replay.c needs.
define REPLAY_TARGET
$(BUILD)/host/replay_$(1): tests/fuzz/replay.c fuzz/fuzz_$(1).c $$(FUZZSRC_$(1)) | deps-test
	@mkdir -p $$(dir $$@)
	$$(HOSTCC) $$(patsubst -Icore,-iquote core,$$(filter-out -MMD -MP,$$(HOSTCFLAGS))) -DNO_LIBFUZZER $$(filter %.c,$$^) -o $$@
endef

test-host: $(BUILD)/host/tests $(BUILD)/virt.dtb $(BUILD)/host/ring_stress \
	    $(REPLAY_BIN)
	$(BUILD)/host/ring_stress
	$(BUILD)/host/tests tests/data $(BUILD)
	@set -e; for d in $(REPLAY_DIRS); do \
	    t=$${d##*/}; echo "$(BUILD)/host/replay_$$t fuzz_$$t $$d"; \
	    $(BUILD)/host/replay_$$t fuzz_$$t $$d; \
	done

test-e2e: all $(BUILD)/test-initrd.tar | deps-test
	$(PYTHON) -m pytest -v tests/e2e

test: test-host test-e2e

# --- benchmarks ---
# `make bench` measures rumpk against its targets (docs/PERFORMANCE.md):
# bench/*.c become /bin/<name> in build/bench-initrd.tar, beside the normal
# programs and a 4 MiB data file; bench/floor.S is a kernel that powers off
# at once, the floor for boot time, and bench/trapfloor.S times QEMU's own
# cost of a trap and of a call.  The table goes to the terminal, the
# figures to build/bench.json.
BENCH_BIN := $(patsubst bench/%.c,$(BUILD)/benchroot/bin/%,$(wildcard bench/*.c))
BENCH_BARE := $(patsubst bench/%.S,$(BUILD)/bench/%.elf,$(wildcard bench/*.S))
# bench/linux/*.c: static Linux programs (fork, execve, posix_spawn, the
# signal round trip).
BENCH_LINUX := $(patsubst bench/linux/%.c,$(BUILD)/benchroot/bin/%,\
	   $(wildcard bench/linux/*.c))

$(BENCH_LINUX): $(BUILD)/benchroot/bin/%: bench/linux/%.c | deps-test
	@mkdir -p $(dir $@)
	riscv64-linux-gnu-gcc -static -O2 -Wall -Wextra -Werror -s -o $@ $<

$(BUILD)/user/elf/bench/%: $(BUILD)/user/bench/%.c.o $(UDEPS)
	$(ULINK)

$(BUILD)/benchroot/bin/%: $(BUILD)/user/elf/bench/%
	@mkdir -p $(dir $@)
	$(CROSS)strip -o $@ $<

$(BUILD)/benchroot/data/4MiB:
	@mkdir -p $(dir $@)
	head -c 4194304 /dev/zero | tr '\0' 'r' > $@

$(BUILD)/bench-initrd.tar: $(ROOTFS_BIN) $(BENCH_BIN) $(BENCH_LINUX) \
    $(BUILD)/benchroot/data/4MiB
	cp $(ROOTFS_BIN) $(BUILD)/benchroot/bin/
	tar --format=ustar --owner=0 --group=0 --numeric-owner --mtime=@0 \
	    --sort=name -C $(BUILD)/benchroot -cf $@ bin data

# Bare S-mode programs: the boot floor and QEMU's own cost of a trap.
$(BUILD)/bench/%.elf: bench/%.S bench/bare.ld | deps-build
	@mkdir -p $(dir $@)
	$(CC) -march=rv64imac_zicsr -mabi=lp64 -nostdlib -static \
	    -T bench/bare.ld -Wl,--build-id=none $< -o $@

bench: all $(BUILD)/bench-initrd.tar $(BENCH_BARE) | deps-test
	$(PYTHON) bench/run.py --kernel $(KERNEL) --initrd $(BUILD)/initrd.tar \
	    --bench-initrd $(BUILD)/bench-initrd.tar \
	    --floor $(BUILD)/bench/floor.elf \
	    --trapfloor $(BUILD)/bench/trapfloor.elf --json $(BUILD)/bench.json

# --- rumpk beside Linux ---
# `make bench-peers` runs the same static Linux programs (bench/peers/*.c,
# built with Debian's riscv64-linux-gnu-gcc) on rumpk, through its Linux
# personality, and on Linux 6.1 built from Debian's linux-source-6.1 once
# (tools/peers/build-linux.sh: the Image is made only when it is missing
# or its recipe changed), on the same QEMU.  Not part of `make test`;
# docs/PERFORMANCE.md, "rumpk beside Linux".
PEERS	:= $(BUILD)/peers
PEER_BIN := $(addprefix $(PEERS)/bin/,peerbench ptrue init)

$(PEERS)/bin/%: bench/peers/%.c | deps-peers
	@mkdir -p $(dir $@)
	riscv64-linux-gnu-gcc -std=c11 $(WARN) -O2 -static -s $< -o $@

# A newer linux-source-6.1 package is unpacked and built again.
LINUX_TARBALL := /usr/src/linux-source-6.1.tar.xz

$(PEERS)/Image: tools/peers/build-linux.sh tools/peers/linux.config \
	    $(wildcard $(LINUX_TARBALL)) | deps-peers
	tools/peers/build-linux.sh $(BUILD)

# rumpk's archive: the normal bin/ with the two programs, and the file
# the read benchmark reads.
$(PEERS)/rumpk.tar: $(ROOTFS_BIN) $(PEER_BIN) $(BUILD)/benchroot/data/4MiB
	rm -rf $(PEERS)/rumpkroot
	mkdir -p $(PEERS)/rumpkroot/bin $(PEERS)/rumpkroot/data
	cp $(ROOTFS_BIN) $(PEERS)/bin/peerbench $(PEERS)/bin/ptrue \
	    $(PEERS)/rumpkroot/bin/
	cp $(BUILD)/benchroot/data/4MiB $(PEERS)/rumpkroot/data/
	tar --format=ustar --owner=0 --group=0 --numeric-owner --mtime=@0 \
	    --sort=name -C $(PEERS)/rumpkroot -cf $@ bin data

# Linux's: the same two programs and file, the tiny init, and the console
# device init's descriptors are opened on (Linux's own gen_init_cpio makes
# the node without root).
$(PEERS)/linux.cpio: $(PEERS)/Image $(PEER_BIN) $(BUILD)/benchroot/data/4MiB
	printf '%s\n' 'dir /dev 0755 0 0' 'nod /dev/console 0600 0 0 c 5 1' \
	    'dir /bin 0755 0 0' 'dir /data 0755 0 0' \
	    'file /init $(PEERS)/bin/init 0755 0 0' \
	    'file /bin/peerbench $(PEERS)/bin/peerbench 0755 0 0' \
	    'file /bin/ptrue $(PEERS)/bin/ptrue 0755 0 0' \
	    'file /data/4MiB $(BUILD)/benchroot/data/4MiB 0644 0 0' \
	    > $(PEERS)/linux.list
	$(PEERS)/linux-obj/usr/gen_init_cpio $(PEERS)/linux.list > $@

bench-peers: all $(PEERS)/rumpk.tar $(PEERS)/linux.cpio \
	    $(BUILD)/bench/floor.elf | deps-peers
	$(PYTHON) bench/peers/run.py --kernel $(KERNEL) \
	    --initrd $(PEERS)/rumpk.tar --linux $(PEERS)/Image \
	    --linux-initrd $(PEERS)/linux.cpio --floor $(BUILD)/bench/floor.elf \
	    --out $(PEERS)

# --- fuzzing ---
# `make fuzz` runs each libFuzzer target (fuzz/fuzz_*.c) on its checked-in
# regression inputs, then for FUZZ_SECONDS (or FUZZ_RUNS inputs) from a
# seed corpus of real inputs, and fails if any input crashes; the input is
# kept in build/fuzz/crashes/.  Each run's seed (FUZZ_SEED, or a random
# one), corpus size and executions are printed and added to
# build/fuzz/runs.log, with the log and the starting corpus kept in
# build/fuzz/logs/ (fuzz/run.sh).  Not part of `make test`; docs/TESTING.md.
FUZZCC		?= clang
FUZZ_SECONDS	?= 60
FUZZ_RUNS	?=
FUZZ_SEED	?=
FUZZ_TARGETS	?= elf tar fdt nipbox memfs
FUZZDIR		:= $(BUILD)/fuzz
# The host tests' flags, built for libFuzzer (clang only).
FUZZCFLAGS	:= -std=c11 $(WARN) -g -O1 \
		   -fsanitize=fuzzer,address,undefined \
		   -fno-sanitize-recover=all -fno-omit-frame-pointer \
		   -D_POSIX_C_SOURCE=200809L $(HOSTINCS) -MMD -MP
fuzzobj = $(patsubst %,$(FUZZDIR)/obj/%.o,$(1))

$(FUZZDIR)/obj/%.c.o: %.c | deps-fuzz
	@mkdir -p $(dir $@)
	$(FUZZCC) $(FUZZCFLAGS) -c $< -o $@

# The module each target tests (also used by the replay in test-host).
FUZZSRC_elf	:= core/loader/elf.c libs/fmt.c
FUZZSRC_tar	:= core/fs/tar.c
FUZZSRC_fdt	:= core/fdt.c
FUZZSRC_nipbox	:= user/nipbox/parse.c user/nipbox/expand.c libs/fmt.c
FUZZSRC_memfs	:= core/fs/memfs.c core/fs/memfs_dir.c core/fs/memfs_data.c \
		   core/fs/memfs_seed.c core/fs/tar.c
$(foreach t,elf tar fdt nipbox memfs,$(eval $(FUZZDIR)/fuzz_$(t): \
	    $(call fuzzobj,fuzz/fuzz_$(t).c $(FUZZSRC_$(t)))))
$(foreach t,elf tar fdt nipbox memfs,$(eval $(call REPLAY_TARGET,$(t))))
$(FUZZDIR)/fuzz_%: | deps-fuzz
	$(FUZZCC) $(FUZZCFLAGS) $^ -o $@

# Seeds: the programs and kernel, archives from GNU tar and the build,
# QEMU's device trees, command lines.  What the fuzzer adds stays.
$(FUZZDIR)/corpus-elf.stamp: $(ROOTFS_BIN) $(KERNEL)
$(FUZZDIR)/corpus-tar.stamp: $(BUILD)/initrd.tar
$(FUZZDIR)/corpus-fdt.stamp: $(BUILD)/virt.dtb
$(FUZZDIR)/corpus-%.stamp: fuzz/seeds.sh | deps-fuzz
	sh fuzz/seeds.sh $* $(FUZZDIR)/corpus-$* $(BUILD)
	@touch $@

fuzz: $(foreach t,$(FUZZ_TARGETS),$(FUZZDIR)/fuzz_$(t) \
	    $(FUZZDIR)/corpus-$(t).stamp) | deps-fuzz
	@st=0; for t in $(FUZZ_TARGETS); do \
	    sh fuzz/run.sh $(FUZZDIR)/fuzz_$$t $(FUZZDIR)/corpus-$$t \
		fuzz/regressions/$$t $(FUZZDIR)/crashes $(FUZZ_SECONDS) \
		"$(FUZZ_RUNS)" "$(FUZZ_SEED)" || st=1; \
	done; exit $$st

# --- real programs ---
# `make realworld` builds BusyBox, toybox, dash, mksh, Lua, SQLite, gzip
# and bc from Debian's source packages for riscv64 Linux (tools/realworld/),
# runs tests/realworld/'s cases on rumpk and under qemu-riscv64, and
# compares them (docs/TESTING.md).  A program is built once: its recipe is
# its only prerequisite.  The builds run one at a time, each with -j2.
RW_PROGRAMS := busybox toybox dash mksh lua sqlite3 gzip bc
RW_BIN	:= $(addprefix $(BUILD)/realworld/bin/,$(RW_PROGRAMS))

$(BUILD)/realworld/bin/%: tools/realworld/build.sh tools/realworld/fetch.sh \
	    | deps-realworld
	nice -n 19 tools/realworld/build.sh $* $(BUILD)

realworld: all | deps-realworld
	@$(MAKE) -j1 --no-print-directory $(RW_BIN)
	$(PYTHON) tests/realworld/run.py --build $(BUILD)

clean:
	rm -rf $(BUILD)

# build/realworld/ and build/peers/ hold other projects' sources and
# builds: not ours.
-include $(shell find $(BUILD) \( -path $(BUILD)/realworld -o \
	    -path $(BUILD)/peers \) -prune -o -name '*.d' -type f -print \
	    2>/dev/null)
