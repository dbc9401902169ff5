/* wdilog — expanding directories into the files to read. */
#ifndef WDILOG_WALK_H
#define WDILOG_WALK_H

#include <wdilog/common.h>
#include <wdilog/error.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Called for each file found. @p problem is NULL for a file to read, or
 * says why an entry was passed over (unreadable directory, symlink loop,
 * not a regular file). @p path and @p problem are valid only during the
 * call (copy the path to keep it). A non-zero return stops the walk and
 * is returned from wdilog_walk. */
typedef int (*wdilog_walk_fn)(const char *path, const wdilog_error *problem,
			      void *payload);

/* If @p path is a directory, visit every regular file below it, recursively,
 * in byte order of names (deterministic across machines); symbolic links
 * are followed within the tree, loops are reported and not entered. Each
 * directory and each file is visited once (by device and inode): a second
 * name for one is reported as a problem. Directories on another file system
 * than @p path (mount points) and symbolic links to directories outside
 * @p path are reported, not entered (a link to / must not walk the system).
 * Links to files are followed wherever they lead. Otherwise
 * visit @p path itself. Returns WDILOG_OK, a callback's non-zero value, or
 * a negative status (@p path itself cannot be examined, out of memory). */
WDILOG_API int wdilog_walk(const char *path, wdilog_walk_fn fn, void *payload,
			   wdilog_error *err);

/* Flags for wdilog_walk_flags. */
enum {
	/* enter directories on other file systems too */
	WDILOG_WALK_CROSS_FILE_SYSTEMS = 1u << 0,
	/* follow symbolic links to directories outside the tree too */
	WDILOG_WALK_LINKS_OUT = 1u << 1,
	/* do not open the files found to pass over binary ones (an .etl, a
	 * .zip): wdilog_report_read_paths does it for paths marked
	 * from_directory, when it opens them to read, and tells it to its
	 * input callback instead of @p fn (each file is opened once) */
	WDILOG_WALK_UNOPENED = 1u << 2
};

/* wdilog_walk with @p flags (WDILOG_WALK_*; 0 is wdilog_walk). */
WDILOG_API int wdilog_walk_flags(const char *path, unsigned flags,
				 wdilog_walk_fn fn, void *payload,
				 wdilog_error *err);

#ifdef __cplusplus
}
#endif
#endif
