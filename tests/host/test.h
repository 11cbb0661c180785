/*
 * A minimal harness for the host tests of the pure modules, which run under
 * ASan and UBSan.  A test is a plain function listed in main.c.  CHECK
 * records a failure with its file and line and carries on, so one run shows
 * every broken fact instead of only the first.
 */
#ifndef RUMPK_TEST_H
#define RUMPK_TEST_H

#include <stddef.h>
#include <stdint.h>

#define CHECK(cond) \
	test_check((cond) != 0, __FILE__, __LINE__, #cond)

/* CHECK with both sides shown on failure: numbers, or strings (NULL ok). */
#define CHECK_EQ(a, b) \
	test_check_eq((uint64_t)(a), (uint64_t)(b), __FILE__, __LINE__, \
	    #a " == " #b)
#define CHECK_STREQ(a, b) \
	test_check_streq((a), (b), __FILE__, __LINE__, #a " == " #b)

/* Each returns `ok`, so a test may skip what depends on a failed check. */
int test_check(int ok, const char *file, int line, const char *what);
int test_check_eq(uint64_t a, uint64_t b, const char *file, int line,
    const char *what);
int test_check_streq(const char *a, const char *b, const char *file,
    int line, const char *what);

/* A detail for the next check's failure line (or the test's line). */
void test_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* argv[1] (checked-in data) and argv[2] (the build directory). */
extern const char *test_datadir;
extern const char *test_builddir;

/*
 * Reads a whole file into a buffer of exactly its size, so ASan sees any
 * read past its end.  NULL (and a note) if it cannot be read.
 */
uint8_t *test_read_file(const char *path, size_t *len);

/* Writes "dir/name" to `buf`. */
void test_path(char *buf, size_t size, const char *dir, const char *name);

/* An exactly sized heap copy of `len` bytes of `src` (len may be 0). */
uint8_t *test_copy(const void *src, size_t len);

/* test_ldisc.c */
void test_ldisc_canonical_line(void);
void test_ldisc_erase_kill_werase(void);
void test_ldisc_kill_without_echoke(void);
void test_ldisc_eof(void);
void test_ldisc_input_flags(void);
void test_ldisc_signals(void);
void test_ldisc_raw_vmin_vtime(void);
void test_ldisc_modes_and_flush(void);
void test_ldisc_full(void);
void test_ldisc_output(void);

/* test_fdt.c */
void test_fdt_qemu(void);
void test_fdt_bad_magic(void);
void test_fdt_truncated(void);
void test_fdt_truncated_consistent(void);
void test_fdt_corrupt_bytes(void);
void test_fdt_size_too_big(void);
void test_fdt_minimal(void);
void test_fdt_reserved(void);
void test_fdt_initrd_cells(void);
void test_fdt_cells(void);
void test_fdt_limits(void);
void test_fdt_devices(void);
void test_fdt_isa(void);
void test_fdt_errors(void);
void test_fdt_header_bounds(void);
void test_fdt_rtc(void);
void test_cmdline_words(void);
void test_cmdline_values(void);

/* test_random.c */
void test_chacha20_vectors(void);
void test_rng_construction(void);
void test_rng_rekeys(void);
void test_rng_long_request(void);
void test_random_derive_keys(void);
void test_random_bytes(void);

/* test_tar.c */
void test_tar_gnu_ustar(void);
void test_tar_gnu_gnu(void);
void test_tar_gnu_pax(void);
void test_tar_gnu_v7(void);
void test_tar_python_ustar(void);
void test_tar_python_gnu(void);
void test_tar_python_pax(void);
void test_tar_implied_dirs(void);
void test_tar_duplicates(void);
void test_tar_devices(void);
void test_tar_base256(void);
void test_tar_pax(void);
void test_tar_longlink(void);
void test_tar_types(void);
void test_tar_hardlinks(void);
void test_tar_bad_header(void);
void test_tar_truncated(void);
void test_tar_truncate_every(void);
void test_tar_flips(void);
void test_tar_empty(void);
void test_tar_hops(void);
void test_tar_lookup_limits(void);
void test_tar_child(void);
void test_tar_path(void);
void test_tar_enomem(void);
void test_tar_behaviour(void);

/* test_memfs.c */
void test_memfs_seed(void);
void test_memfs_seed_initrd(void);
void test_memfs_seed_fail(void);
void test_memfs_copy_on_write(void);
void test_memfs_truncate_seeded(void);
void test_memfs_cache_key(void);
void test_memfs_data(void);
void test_memfs_map_page(void);
void test_memfs_enospc(void);
void test_memfs_enomem(void);
void test_memfs_names(void);
void test_memfs_unlink_rmdir(void);
void test_memfs_unlink_open(void);
void test_memfs_rename(void);
void test_memfs_readdir(void);
void test_memfs_times(void);

/* test_elf.c */
void test_elf_real(void);
void test_elf_minimal(void);
void test_elf_ident(void);
void test_elf_header(void);
void test_elf_segments(void);
void test_elf_layout(void);
void test_elf_entry(void);
void test_elf_rumpk_note(void);
void test_elf_read_failure(void);
void test_elf_why_buffer(void);
void test_elf_mutations(void);

/* test_misc.c */
void test_ranges_basic(void);
void test_ranges_edges(void);
void test_ranges_overflow(void);
void test_ranges_model(void);
void test_fmt_integers(void);
void test_fmt_strings(void);
void test_fmt_truncation(void);
void test_string_memset(void);
void test_fmt_like_libc(void);
void test_strerror(void);
void test_abi_layout(void);

/* test_ion.c */
void test_siphash_vectors(void);
void test_slab_ownership(void);

/* test_audit.c */
void test_audit_valid(void);
void test_audit_tampering(void);
void test_audit_tag_layout(void);
void test_audit_removal(void);
void test_audit_anchor(void);
void test_audit_retention(void);
void test_audit_many_subjects(void);
void test_audit_lazy_equals_eager(void);
void test_audit_doorbell_equals_eager(void);
void test_audit_open_batch_cursor(void);
void test_audit_batches_across_doorbells(void);
/* test_audit_ref.c's verdict on a log, written from docs/ABI.md, for a
 * log made with its key (ref_log_init). */
struct audit_log;
void ref_log_init(struct audit_log *l);
int64_t ref_verdict(struct audit_log *l);
void test_audit_receipt(void);
void test_cmd_names(void);

/* test_audit_ref.c */
void test_audit_independent(void);

/* test_ring.c */
void test_ring_forged_indices(void);

/* test_signal.c */
void test_signal_defaults(void);
void test_signal_next(void);
void test_signal_procmask(void);
void test_signal_restart(void);
void test_sigframe_layout(void);
void test_sigframe_restore(void);

/* test_pipebuf.c */
void test_pipebuf_order_and_capacity(void);
void test_pipebuf_failures(void);
/* test_lock.c */
void test_lock_conflicts(void);
void test_lock_split_and_replace(void);
void test_lock_kinds_apart(void);

/* test_fdtable.c */
void test_fdtable_move(void);
void test_fdtable_lowest_free(void);
void test_fdtable_dup(void);
void test_fdtable_cloexec(void);
void test_fdtable_limit(void);
void test_fdtable_inherit_out_of_memory(void);

/* test_path.c */
void test_path_walk(void);
void test_path_links(void);
void test_path_mounts(void);
void test_path_lengths(void);

/* test_pcache.c */
void test_pcache_share(void);
void test_pcache_reclaim(void);
void test_pcache_limits(void);

/* test_linux.c */
void test_linux_call_names(void);
void test_wait_status(void);
void test_script_lines(void);

/* Regressions: bugs found in the pure modules, each kept as a test. */
void test_fdt_regression_name_pad(void);
void test_tar_regression_name_256(void);
void test_tar_regression_dot_slash(void);
void test_ranges_regression_top_wrap(void);
void test_ranges_regression_empty_hole(void);
void test_fmt_regression_null_buffer(void);
void test_fmt_regression_width_overflow(void);
void test_fmt_regression_negative_width(void);

/* test_nipbox.c */
void test_edit_keys(void);
void test_edit_actions(void);
void test_edit_replace_and_redraw(void);
void test_edit_random(void);
void test_complete_matcher(void);
void test_complete_words(void);
void test_sort(void);
void test_parse_limits(void);

/* test_nbsyntax.c */
void test_nbsyntax_parse(void);
void test_nbsyntax_errors(void);
void test_nbsyntax_limits(void);
void test_nbsyntax_expand(void);
void test_nbsyntax_vars(void);
void test_nbsyntax_plan(void);
void test_nbsyntax_roundtrip(void);

/* test_grep.c */
void test_grep_match(void);
void test_grep_limits(void);

#endif
