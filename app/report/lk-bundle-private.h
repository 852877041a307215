/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Internal to app/report: what writing and checking a bundle share. */
#pragma once

#include "lk-internal.h"
#include "report/lk-bundle.h"

G_BEGIN_DECLS

#define LK_BUNDLE_SUMS "SHA256SUMS"

/* The SHA-256 of a file's bytes, read in blocks. */
char      *lk_bundle_file_sha256 (const char    *path,
                                  GCancellable  *cancellable,
                                  GError       **error);
/* Every regular file under @dir, as sorted paths relative to it with '/' between folders. */
GPtrArray *lk_bundle_list_files  (const char    *dir,
                                  GError       **error);

/* The text of a SHA256SUMS file, @length bytes: file name to SHA-256, both strings. */
GHashTable *lk_bundle_parse_sums (const char    *text,
                                  gsize          length,
                                  GError       **error);

G_END_DECLS
