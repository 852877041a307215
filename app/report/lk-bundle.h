/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The disclosure bundle: what leaves the lab with the report. A new folder with the original
 * images byte for byte as imported (images/probe-ID-SHA256.EXT, images/candidate-ID-SHA256.EXT),
 * the report (report.pdf), the complete structured record (case.json, documented by
 * resources/case-bundle.schema.json), the case's audit events with their chain hashes and the
 * chain head (audit.jsonl), and SHA256SUMS over every other file, in the format sha256sum -c
 * reads. Biometric templates are never part of it. Before every conclusion of the case is
 * countersigned only a draft can be made: its folder name ends in -DRAFT, case.json says
 * "draft": true and the report carries the draft watermark. */
#pragma once

#include <gio/gio.h>

#include "lk-progress.h"
#include "people/lk-session.h"
#include "report/lk-report.h"

G_BEGIN_DECLS

typedef struct
{
  char     *path;        /* the bundle's folder: DIR, or DIR-DRAFT for a draft */
  char     *sums_sha256; /* SHA-256 of its SHA256SUMS */
  guint     n_files;     /* the files SHA256SUMS lists */
  gboolean  draft;
} LkBundle;

void      lk_bundle_free          (LkBundle *bundle);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkBundle, lk_bundle_free)

/* Writes the bundle of case @number to the folder @dir (a draft to @dir-DRAFT), which must not
 * exist or be empty. Written into a temporary sibling folder and renamed at the end: a failed
 * or cancelled export leaves nothing behind. The same people and rules as lk_report_write();
 * @options->draft asks for a draft. Audited as export.created with the hash of SHA256SUMS. */
LkBundle *lk_bundle_export        (LkSession              *session,
                                   const char             *number,
                                   const char             *dir,
                                   const LkReportOptions  *options,
                                   LkProgress             *progress,
                                   GCancellable           *cancellable,
                                   GError                **error);
/* The same in a worker thread. */
void      lk_bundle_export_async  (LkSession              *session,
                                   const char             *number,
                                   const char             *dir,
                                   const LkReportOptions  *options,
                                   LkProgress             *progress,
                                   GCancellable           *cancellable,
                                   GAsyncReadyCallback     callback,
                                   gpointer                user_data);
LkBundle *lk_bundle_export_finish (GAsyncResult           *result,
                                   GError                **error);

typedef enum
{
  LK_BUNDLE_FILE_CHANGED,
  LK_BUNDLE_FILE_MISSING,
  LK_BUNDLE_FILE_ADDED,
} LkBundleProblemKind;

typedef struct
{
  LkBundleProblemKind  kind;
  char                *file; /* relative to the bundle's folder */
} LkBundleProblem;

void      lk_bundle_problem_free  (LkBundleProblem *problem);
const char *lk_bundle_problem_kind_to_string (LkBundleProblemKind kind);

/* Checks the bundle in @dir against its SHA256SUMS (no database needed: a recipient checks it
 * too). Returns the problems found, oldest name first (an empty array when the bundle is
 * intact), and the number of files SHA256SUMS lists in @n_files; NULL with @error when there
 * is no readable SHA256SUMS or it is malformed. */
GPtrArray *lk_bundle_verify       (const char             *dir,
                                   guint                  *n_files,
                                   GCancellable           *cancellable,
                                   GError                **error);
void       lk_bundle_verify_async (const char             *dir,
                                   GCancellable           *cancellable,
                                   GAsyncReadyCallback     callback,
                                   gpointer                user_data);
GPtrArray *lk_bundle_verify_finish (GAsyncResult          *result,
                                    GError               **error);

G_END_DECLS
