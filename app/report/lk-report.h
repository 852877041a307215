/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The examination report: a PDF that shows what was done, by whom, on which images and why, for
 * a court, the defence, the requesting investigator and a reviewer. Before every conclusion of
 * the case is countersigned only a draft can be made, watermarked "DRAFT - NOT VERIFIED" on
 * every page; a demo workspace's report says so on every page. Every report made is audited
 * with the file's SHA-256. */
#pragma once

#include <gio/gio.h>

#include "lk-progress.h"
#include "people/lk-session.h"

G_BEGIN_DECLS

typedef enum
{
  LK_PAPER_A4,
  LK_PAPER_LETTER,
} LkPaper;

typedef struct
{
  LkPaper  paper;
  gboolean draft; /* ask for a draft; without it, a case not fully verified is refused */
} LkReportOptions;

/* Parses "a4" or "letter". */
gboolean  lk_paper_parse        (const char            *text,
                                 LkPaper               *paper,
                                 GError               **error);

/* Whether a final report of case @number can be made now: @final is TRUE when every conclusion
 * of the case is countersigned; otherwise FALSE, only a draft can be made and @why (new string,
 * may be NULL) says what is missing. FALSE with @error when @session may not make reports or
 * there is no such case. */
gboolean  lk_report_check_final (LkSession              *session,
                                 const char             *number,
                                 gboolean               *final,
                                 char                  **why,
                                 GError               **error);
/* Writes the report of case @number to @path (replaced atomically). Examiners, reviewers and
 * administrators; never a reviewer whose blind verification in the case waits for their own
 * conclusion. @progress (may be NULL) counts the steps; @cancellable stops it. Fills @sha256
 * and @n_pages when not NULL. Audited as report.generated. */
gboolean  lk_report_write       (LkSession              *session,
                                 const char             *number,
                                 const char             *path,
                                 const LkReportOptions  *options,
                                 LkProgress             *progress,
                                 GCancellable           *cancellable,
                                 char                  **sha256,
                                 int                   *n_pages,
                                 GError               **error);
/* The same in a worker thread. */
void      lk_report_write_async  (LkSession              *session,
                                  const char             *number,
                                  const char             *path,
                                  const LkReportOptions  *options,
                                  LkProgress             *progress,
                                  GCancellable           *cancellable,
                                  GAsyncReadyCallback     callback,
                                  gpointer                user_data);
/* The file's SHA-256 (new string), or NULL with @error. */
char     *lk_report_write_finish (GAsyncResult           *result,
                                  GError                **error);

G_END_DECLS
