#ifndef HUASHU_SYSTEM_SHIMS_H
#define HUASHU_SYSTEM_SHIMS_H

/// Swaps two paths (files or directories) in one atomic step: renameat2(2) with
/// RENAME_EXCHANGE, which Glibc's Swift module does not expose (it needs _GNU_SOURCE).
/// Returns 0 on success, else -1 with errno set (EINVAL or ENOSYS where the file system or
/// kernel cannot exchange).
int huashu_exchange_paths(const char *first, const char *second);

#endif
