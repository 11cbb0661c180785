/*
 * Runs the host tests: one line per failed check, one line per test, and
 * last "N passed, N failed".
 *	build/host/tests DATADIR BUILDDIR [name-substring...]
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"

static const struct test {
	const char *name;
	void (*fn)(void);
} tests[] = {
	{ "fdt_qemu", test_fdt_qemu },
	{ "fdt_bad_magic", test_fdt_bad_magic },
	{ "fdt_truncated", test_fdt_truncated },
	{ "fdt_truncated_consistent", test_fdt_truncated_consistent },
	{ "fdt_corrupt_bytes", test_fdt_corrupt_bytes },
	{ "fdt_size_too_big", test_fdt_size_too_big },
	{ "fdt_minimal", test_fdt_minimal },
	{ "fdt_reserved", test_fdt_reserved },
	{ "fdt_initrd_cells", test_fdt_initrd_cells },
	{ "fdt_cells", test_fdt_cells },
	{ "fdt_limits", test_fdt_limits },
	{ "fdt_devices", test_fdt_devices },
	{ "fdt_isa", test_fdt_isa },
	{ "fdt_errors", test_fdt_errors },
	{ "fdt_header_bounds", test_fdt_header_bounds },
	{ "fdt_rtc", test_fdt_rtc },
	{ "cmdline_words", test_cmdline_words },
	{ "cmdline_values", test_cmdline_values },

	{ "ldisc_canonical_line", test_ldisc_canonical_line },
	{ "ldisc_erase_kill_werase", test_ldisc_erase_kill_werase },
	{ "ldisc_kill_without_echoke", test_ldisc_kill_without_echoke },
	{ "ldisc_eof", test_ldisc_eof },
	{ "ldisc_input_flags", test_ldisc_input_flags },
	{ "ldisc_signals", test_ldisc_signals },
	{ "ldisc_raw_vmin_vtime", test_ldisc_raw_vmin_vtime },
	{ "ldisc_modes_and_flush", test_ldisc_modes_and_flush },
	{ "ldisc_full", test_ldisc_full },
	{ "ldisc_output", test_ldisc_output },

	{ "chacha20_vectors", test_chacha20_vectors },
	{ "rng_construction", test_rng_construction },
	{ "rng_rekeys", test_rng_rekeys },
	{ "rng_long_request", test_rng_long_request },
	{ "random_derive_keys", test_random_derive_keys },
	{ "random_bytes", test_random_bytes },

	{ "tar_gnu_ustar", test_tar_gnu_ustar },
	{ "tar_gnu_gnu", test_tar_gnu_gnu },
	{ "tar_gnu_pax", test_tar_gnu_pax },
	{ "tar_gnu_v7", test_tar_gnu_v7 },
	{ "tar_python_ustar", test_tar_python_ustar },
	{ "tar_python_gnu", test_tar_python_gnu },
	{ "tar_python_pax", test_tar_python_pax },
	{ "tar_implied_dirs", test_tar_implied_dirs },
	{ "tar_duplicates", test_tar_duplicates },
	{ "tar_devices", test_tar_devices },
	{ "tar_base256", test_tar_base256 },
	{ "tar_pax", test_tar_pax },
	{ "tar_longlink", test_tar_longlink },
	{ "tar_types", test_tar_types },
	{ "tar_hardlinks", test_tar_hardlinks },
	{ "tar_bad_header", test_tar_bad_header },
	{ "tar_truncated", test_tar_truncated },
	{ "tar_truncate_every", test_tar_truncate_every },
	{ "tar_flips", test_tar_flips },
	{ "tar_empty", test_tar_empty },
	{ "tar_hops", test_tar_hops },
	{ "tar_lookup_limits", test_tar_lookup_limits },
	{ "tar_child", test_tar_child },
	{ "tar_path", test_tar_path },
	{ "tar_enomem", test_tar_enomem },
	{ "tar_behaviour", test_tar_behaviour },

	{ "memfs_seed", test_memfs_seed },
	{ "memfs_seed_initrd", test_memfs_seed_initrd },
	{ "memfs_seed_fail", test_memfs_seed_fail },
	{ "memfs_copy_on_write", test_memfs_copy_on_write },
	{ "memfs_truncate_seeded", test_memfs_truncate_seeded },
	{ "memfs_cache_key", test_memfs_cache_key },
	{ "memfs_data", test_memfs_data },
	{ "memfs_map_page", test_memfs_map_page },
	{ "memfs_enospc", test_memfs_enospc },
	{ "memfs_enomem", test_memfs_enomem },
	{ "memfs_names", test_memfs_names },
	{ "memfs_unlink_rmdir", test_memfs_unlink_rmdir },
	{ "memfs_unlink_open", test_memfs_unlink_open },
	{ "memfs_rename", test_memfs_rename },
	{ "memfs_readdir", test_memfs_readdir },
	{ "memfs_times", test_memfs_times },

	{ "elf_real", test_elf_real },
	{ "elf_minimal", test_elf_minimal },
	{ "elf_ident", test_elf_ident },
	{ "elf_header", test_elf_header },
	{ "elf_segments", test_elf_segments },
	{ "elf_layout", test_elf_layout },
	{ "elf_entry", test_elf_entry },
	{ "elf_rumpk_note", test_elf_rumpk_note },
	{ "elf_read_failure", test_elf_read_failure },
	{ "elf_why_buffer", test_elf_why_buffer },
	{ "elf_mutations", test_elf_mutations },

	{ "ranges_basic", test_ranges_basic },
	{ "ranges_edges", test_ranges_edges },
	{ "ranges_overflow", test_ranges_overflow },
	{ "ranges_model", test_ranges_model },
	{ "fmt_integers", test_fmt_integers },
	{ "fmt_strings", test_fmt_strings },
	{ "fmt_truncation", test_fmt_truncation },
	{ "string_memset", test_string_memset },
	{ "fmt_like_libc", test_fmt_like_libc },
	{ "strerror", test_strerror },
	{ "abi_layout", test_abi_layout },

	{ "siphash_vectors", test_siphash_vectors },
	{ "audit_valid", test_audit_valid },
	{ "audit_tampering", test_audit_tampering },
	{ "audit_tag_layout", test_audit_tag_layout },
	{ "audit_anchor", test_audit_anchor },
	{ "audit_removal", test_audit_removal },
	{ "audit_retention", test_audit_retention },
	{ "audit_many_subjects", test_audit_many_subjects },
	{ "audit_lazy_equals_eager", test_audit_lazy_equals_eager },
	{ "audit_doorbell_equals_eager", test_audit_doorbell_equals_eager },
	{ "audit_open_batch_cursor", test_audit_open_batch_cursor },
	{ "audit_batches_across_doorbells",
	    test_audit_batches_across_doorbells },
	{ "audit_receipt", test_audit_receipt },
	{ "cmd_names", test_cmd_names },
	{ "slab_ownership", test_slab_ownership },
	{ "audit_independent", test_audit_independent },
	{ "ring_forged_indices", test_ring_forged_indices },
	{ "lock_conflicts", test_lock_conflicts },
	{ "lock_split_and_replace", test_lock_split_and_replace },
	{ "lock_kinds_apart", test_lock_kinds_apart },
	{ "fdtable_lowest_free", test_fdtable_lowest_free },
	{ "fdtable_dup", test_fdtable_dup },
	{ "fdtable_cloexec", test_fdtable_cloexec },
	{ "fdtable_limit", test_fdtable_limit },
	{ "fdtable_inherit_out_of_memory", test_fdtable_inherit_out_of_memory },
	{ "fdtable_move", test_fdtable_move },
	{ "pipebuf_order_and_capacity", test_pipebuf_order_and_capacity },
	{ "pipebuf_failures", test_pipebuf_failures },
	{ "signal_defaults", test_signal_defaults },
	{ "signal_next", test_signal_next },
	{ "signal_procmask", test_signal_procmask },
	{ "signal_restart", test_signal_restart },
	{ "sigframe_layout", test_sigframe_layout },
	{ "sigframe_restore", test_sigframe_restore },
	{ "path_walk", test_path_walk },
	{ "path_links", test_path_links },
	{ "path_mounts", test_path_mounts },
	{ "path_lengths", test_path_lengths },
	{ "pcache_share", test_pcache_share },
	{ "pcache_reclaim", test_pcache_reclaim },
	{ "pcache_limits", test_pcache_limits },
	{ "edit_keys", test_edit_keys },
	{ "edit_actions", test_edit_actions },
	{ "edit_replace_and_redraw", test_edit_replace_and_redraw },
	{ "edit_random", test_edit_random },
	{ "complete_matcher", test_complete_matcher },
	{ "complete_words", test_complete_words },
	{ "nipbox_sort", test_sort },
	{ "nipbox_parse_limits", test_parse_limits },
	{ "nbsyntax_parse", test_nbsyntax_parse },
	{ "nbsyntax_errors", test_nbsyntax_errors },
	{ "nbsyntax_limits", test_nbsyntax_limits },
	{ "nbsyntax_expand", test_nbsyntax_expand },
	{ "nbsyntax_vars", test_nbsyntax_vars },
	{ "nbsyntax_plan", test_nbsyntax_plan },
	{ "nbsyntax_roundtrip", test_nbsyntax_roundtrip },
	{ "grep_match", test_grep_match },
	{ "grep_limits", test_grep_limits },

	{ "linux_call_names", test_linux_call_names },
	{ "wait_status", test_wait_status },
	{ "script_lines", test_script_lines },

	/* Regressions: bugs found in the pure modules. */
	{ "fdt_regression_name_pad", test_fdt_regression_name_pad },
	{ "tar_regression_name_256", test_tar_regression_name_256 },
	{ "tar_regression_dot_slash", test_tar_regression_dot_slash },
	{ "ranges_regression_top_wrap", test_ranges_regression_top_wrap },
	{ "ranges_regression_empty_hole", test_ranges_regression_empty_hole },
	{ "fmt_regression_null_buffer", test_fmt_regression_null_buffer },
	{ "fmt_regression_width_overflow", test_fmt_regression_width_overflow },
	{ "fmt_regression_negative_width", test_fmt_regression_negative_width },
};

const char *test_datadir;
const char *test_builddir;

static int failed_checks;	/* in the running test */
static char notes[1024];	/* test_note()s since the last check */

/*
 * Ends a check: a failure is one line, with the values compared (if any)
 * and the notes taken since the previous check.
 */
static int
end_check(int ok, const char *file, int line, const char *what,
    const char *values)
{
	if (!ok) {
		printf("  %s:%d: check failed: %s%s%s%s\n", file, line, what,
		    values, notes[0] ? " -- " : "", notes);
		failed_checks++;
	}
	notes[0] = '\0';
	return ok;
}

int
test_check(int ok, const char *file, int line, const char *what)
{
	return end_check(ok, file, line, what, "");
}

int
test_check_eq(uint64_t a, uint64_t b, const char *file, int line,
    const char *what)
{
	char values[128] = "";

	if (a != b)
		snprintf(values, sizeof(values), " (%#" PRIx64 " != %#" PRIx64
		    ", %" PRId64 " != %" PRId64 ")", a, b, (int64_t)a,
		    (int64_t)b);
	return end_check(a == b, file, line, what, values);
}

int
test_check_streq(const char *a, const char *b, const char *file, int line,
    const char *what)
{
	char values[512] = "";
	int ok = (!a && !b) || (a && b && strcmp(a, b) == 0);

	if (!ok)
		snprintf(values, sizeof(values), " (\"%s\" != \"%s\")",
		    a ? a : "(NULL)", b ? b : "(NULL)");
	return end_check(ok, file, line, what, values);
}

void
test_note(const char *fmt, ...)
{
	size_t l = strlen(notes);
	va_list ap;

	if (l > 0 && l + 2 < sizeof(notes)) {
		strcpy(notes + l, "; ");
		l += 2;
	}
	va_start(ap, fmt);
	vsnprintf(notes + l, sizeof(notes) - l, fmt, ap);
	va_end(ap);
	/* A failure stays on one line, whatever the note quotes. */
	for (char *c = notes + l; *c; c++) {
		if (*c == '\n' || *c == '\r')
			*c = ' ';
	}
}

void
test_path(char *buf, size_t size, const char *dir, const char *name)
{
	snprintf(buf, size, "%s/%s", dir, name);
}

uint8_t *
test_copy(const void *src, size_t len)
{
	/* malloc(0) may return NULL; one spare byte is never read. */
	uint8_t *p = malloc(len ? len : 1);

	if (!p) {
		perror("malloc");
		exit(2);
	}
	if (len)
		memcpy(p, src, len);
	return p;
}

uint8_t *
test_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *p;
	long n;

	*len = 0;
	if (!f) {
		test_note("cannot open %s", path);
		return NULL;
	}
	if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0) {
		test_note("cannot size %s", path);
		fclose(f);
		return NULL;
	}
	p = malloc(n ? (size_t)n : 1);
	if (!p || fread(p, 1, (size_t)n, f) != (size_t)n) {
		test_note("cannot read %s", path);
		free(p);
		fclose(f);
		return NULL;
	}
	fclose(f);
	*len = (size_t)n;
	return p;
}

/* With no filters every test runs; otherwise those naming a filter. */
static int
selected(const char *name, int nfilter, char **filter)
{
	if (nfilter == 0)
		return 1;
	for (int i = 0; i < nfilter; i++) {
		if (strstr(name, filter[i]))
			return 1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	int passed = 0, failed = 0;

	if (argc < 3) {
		fprintf(stderr, "usage: %s DATADIR BUILDDIR [name...]\n",
		    argv[0]);
		return 2;
	}
	test_datadir = argv[1];
	test_builddir = argv[2];
	/* Keep our lines in order with a sanitizer's report on stderr. */
	setvbuf(stdout, NULL, _IOLBF, 0);
	for (size_t i = 0; i < sizeof(tests) / sizeof(tests[0]); i++) {
		if (!selected(tests[i].name, argc - 3, argv + 3))
			continue;
		failed_checks = 0;
		notes[0] = '\0';
		tests[i].fn();
		/* Notes no check took are shown on the test's line. */
		printf("%s - %s%s%s\n", failed_checks ? "not ok" : "ok",
		    tests[i].name, notes[0] ? " # " : "", notes);
		if (failed_checks)
			failed++;
		else
			passed++;
	}
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
