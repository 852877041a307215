/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "report/lk-report-private.h"

#include "lk-build-id.h"
#include "lk-error.h"
#include "lk-task.h"
#include "lk-util.h"
#include "people/lk-roles.h"
#include "store/lk-store-private.h"
#include "verification/lk-verification-gate-private.h"

gboolean
lk_paper_parse (const char  *text,
                LkPaper     *paper,
                GError     **error)
{
  if (g_strcmp0 (text, "a4") == 0 || g_strcmp0 (text, "A4") == 0)
    *paper = LK_PAPER_A4;
  else if (g_strcmp0 (text, "letter") == 0)
    *paper = LK_PAPER_LETTER;
  else
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                   "The paper is a4 or letter, not “%s”", text ? text : "");
      return FALSE;
    }
  return TRUE;
}

/* ---- rules --------------------------------------------------------------------------------- */

gboolean
lk_report_check_unblinded (const LkReportData  *data,
                           const char          *what,
                           GError             **error)
{
  JsonArray *probes = json_object_get_array_member (data->record, "probes");

  for (guint i = 0; probes != NULL && i < json_array_get_length (probes); i++)
    if (!lk_verification_require_unblinded (data->store,
                                            lk_session_get_user_id (data->session),
                                            json_object_get_int_member (
                                              json_array_get_object_element (probes, i), "id"),
                                            0, what, error))
      return FALSE;
  return TRUE;
}

/* An examination of the case still open, without a signed conclusion: a report made now would
 * leave out work in progress. Sets @why when there is one. */
static gboolean
check_all_signed (LkStore  *store,
                  gint64    case_id,
                  char    **why,
                  GError  **error)
{
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "SELECT e.id, k.subject_ref FROM examinations e"
                          " JOIN probes p ON p.id = e.probe_id"
                          " JOIN candidates k ON k.id = e.candidate_id"
                          " WHERE p.case_id = ? AND e.purpose = 'examination'"
                          " AND NOT EXISTS (SELECT 1 FROM conclusions c"
                          "                 WHERE c.examination_id = e.id)"
                          " ORDER BY e.id LIMIT 1", error);

  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_int64 (stmt, 1, case_id);
  if (!lk_stmt_next (stmt, error))
    return !lk_stmt_failed (stmt);
  *why = g_strdup_printf ("Examination %" G_GINT64_FORMAT " (candidate %s) has no signed "
                          "conclusion yet", lk_stmt_int64 (stmt, 0), lk_stmt_text (stmt, 1));
  return TRUE;
}

/* Whether every examination of case @case_id has a signed conclusion and every conclusion is
 * countersigned; otherwise FALSE with @why (or with @error when the store fails). */
static gboolean
case_is_final (LkStore  *store,
               gint64    case_id,
               char    **why,
               GError  **error)
{
  g_autoptr(GError) unverified = NULL;

  if (!check_all_signed (store, case_id, why, error) || *why != NULL)
    return FALSE;
  if (lk_verification_check_case_verified (store, case_id, &unverified))
    return TRUE;
  if (!g_error_matches (unverified, LK_ERROR, LK_ERROR_REFUSED))
    {
      g_propagate_error (error, g_steal_pointer (&unverified));
      return FALSE;
    }
  *why = g_strdup (unverified->message);
  return FALSE;
}

/* A final report only when every conclusion is verified; otherwise a draft, on request. */
static gboolean
decide_draft (LkReportData           *data,
              const LkReportOptions  *options,
              GError                **error)
{
  g_autoptr(GError) failure = NULL;
  g_autofree char *why = NULL;

  data->draft = options->draft;
  if (case_is_final (data->store, data->case_id, &why, &failure))
    return TRUE;
  if (why == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&failure));
      return FALSE;
    }
  if (options->draft)
    return TRUE;
  g_set_error (error, LK_ERROR, LK_ERROR_REFUSED, "Only a draft report can be made yet (%s); "
               "ask for a draft, which is watermarked on every page", why);
  return FALSE;
}

gboolean
lk_report_check_final (LkSession   *session,
                       const char  *number,
                       gboolean    *final,
                       char       **why,
                       GError     **error)
{
  g_autoptr(GError) failure = NULL;
  g_autofree char *missing = NULL;
  LkStore *store;
  LkActor actor;
  gint64 case_id;

  g_return_val_if_fail (LK_IS_SESSION (session), FALSE);

  store = lk_session_get_store (session);
  if (!lk_session_require (session, LK_CASEWORK_ROLES, &actor, error) ||
      (case_id = lk_report_case_id (store, number, error)) == 0)
    return FALSE;
  *final = case_is_final (store, case_id, &missing, &failure);
  if (!*final && missing == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&failure));
      return FALSE;
    }
  if (why != NULL)
    *why = g_steal_pointer (&missing);
  return TRUE;
}

/* ---- writing ------------------------------------------------------------------------------- */

static void
page_of (const LkReportOptions *options,
         const LkReportData    *data,
         LkLayoutPage          *page,
         char                 **title,
         char                 **footer)
{
  *title = g_strdup_printf ("Facial image examination report, case %s%s",
                            lk_report_str (data->record, "number"),
                            data->draft ? " (DRAFT - NOT VERIFIED)" : "");
  *footer = g_strdup_printf ("Likeness %s (build %s)", PACKAGE_VERSION, LK_BUILD_ID);
  page->width_pt = options->paper == LK_PAPER_LETTER ? 612 : 595.276;
  page->height_pt = options->paper == LK_PAPER_LETTER ? 792 : 841.89;
  page->case_number = lk_report_str (data->record, "number");
  page->footer = *footer;
  page->draft = data->draft;
  page->demo = data->demo;
  page->title = *title;
  page->author = data->generated_by;
}

static int
lay_out (const LkReportData  *data,
         const LkLayoutPage  *page,
         const char          *path,
         int                  n_pages,
         GCancellable        *cancellable,
         GError             **error)
{
  g_autoptr(LkLayout) layout = lk_layout_new (path, page, n_pages, error);

  if (layout == NULL)
    return 0;
  lk_report_title (layout, data);
  lk_report_request (layout, data);
  lk_report_items (layout, data);
  lk_report_lists (layout, data);
  if (!lk_report_examinations (layout, data, cancellable, error))
    return 0;
  lk_report_audit (layout, data);
  return lk_layout_finish (layout, error);
}

static gboolean
audit_report (const LkReportData     *data,
              const LkReportOptions  *options,
              const char             *path,
              const char             *sha256,
              int                     n_pages,
              GError                **error)
{
  g_autoptr(JsonObject) details = json_object_new ();
  g_autofree char *name = g_path_get_basename (path);
  LkActor actor;

  if (!lk_session_require (data->session, LK_CASEWORK_ROLES, &actor, error))
    return FALSE;
  json_object_set_string_member (details, "file", name);
  json_object_set_string_member (details, "sha256", sha256);
  json_object_set_int_member (details, "pages", n_pages);
  json_object_set_boolean_member (details, "draft", data->draft);
  json_object_set_string_member (details, "paper",
                                 options->paper == LK_PAPER_LETTER ? "letter" : "a4");
  return lk_audit_record (data->store, &actor, "report.generated",
                          lk_report_str (data->record, "number"), details, error);
}

static char *
file_sha256 (const char  *path,
             GError     **error)
{
  g_autofree char *contents = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static void
step (LkProgress *progress,
      guint       done,
      const char *text)
{
  if (progress != NULL)
    lk_progress_report (progress, done, 4, text);
}

gboolean
lk_report_write (LkSession              *session,
                 const char             *number,
                 const char             *path,
                 const LkReportOptions  *options,
                 LkProgress             *progress,
                 GCancellable           *cancellable,
                 char                  **sha256,
                 int                   *n_pages,
                 GError               **error)
{
  g_auto(LkReportData) data = { 0 };
  g_autofree char *title = NULL, *footer = NULL, *digest = NULL;
  g_autofree char *partial = g_strconcat (path, ".partial", NULL);
  LkLayoutPage page = { 0 };
  LkActor actor;
  int pages;

  g_return_val_if_fail (LK_IS_SESSION (session), FALSE);

  step (progress, 0, "Reading the case");
  if (!lk_session_require (session, LK_CASEWORK_ROLES, &actor, error) ||
      !lk_report_data_read (session, number, &data, error) ||
      !lk_report_check_unblinded (&data, "the report of this case", error) ||
      !decide_draft (&data, options, error))
    return FALSE;
  page_of (options, &data, &page, &title, &footer);
  step (progress, 1, "Laying out the pages");
  if ((pages = lay_out (&data, &page, NULL, 0, cancellable, error)) == 0)
    return FALSE;
  step (progress, 2, "Drawing the pages and plates");
  if (lay_out (&data, &page, partial, pages, cancellable, error) == 0 ||
      (digest = file_sha256 (partial, error)) == NULL)
    {
      g_unlink (partial);
      return FALSE;
    }
  if (g_rename (partial, path) != 0)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_UNWRITABLE, "Cannot write the report to %s: %s",
                   path, g_strerror (errno));
      g_unlink (partial);
      return FALSE;
    }
  step (progress, 3, "Recording the report in the audit log");
  if (!audit_report (&data, options, path, digest, pages, error))
    return FALSE;
  step (progress, 4, NULL);
  if (n_pages != NULL)
    *n_pages = pages;
  if (sha256 != NULL)
    *sha256 = g_steal_pointer (&digest);
  return TRUE;
}

/* ---- in a worker thread -------------------------------------------------------------------- */

typedef struct
{
  LkSession       *session;
  char            *number;
  char            *path;
  LkReportOptions  options;
  LkProgress      *progress;
} ReportJob;

static void
report_job_free (ReportJob *job)
{
  g_clear_object (&job->session);
  g_clear_object (&job->progress);
  g_free (job->number);
  g_free (job->path);
  g_free (job);
}

static gpointer
report_job (gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  ReportJob *job = data;
  char *sha256 = NULL;

  if (!lk_report_write (job->session, job->number, job->path, &job->options, job->progress,
                        cancellable, &sha256, NULL, error))
    return NULL;
  return sha256;
}

void
lk_report_write_async (LkSession              *session,
                       const char             *number,
                       const char             *path,
                       const LkReportOptions  *options,
                       LkProgress             *progress,
                       GCancellable           *cancellable,
                       GAsyncReadyCallback     callback,
                       gpointer                user_data)
{
  ReportJob *job = g_new0 (ReportJob, 1);

  g_return_if_fail (LK_IS_SESSION (session));

  job->session = g_object_ref (session);
  job->number = g_strdup (number);
  job->path = g_strdup (path);
  job->options = *options;
  job->progress = progress ? g_object_ref (progress) : NULL;
  lk_task_run_to_completion (session, cancellable, callback, user_data, lk_report_write_async,
                             report_job, job, (GDestroyNotify) report_job_free, g_free);
}

char *
lk_report_write_finish (GAsyncResult  *result,
                        GError       **error)
{
  return lk_task_finish (result, lk_report_write_async, error);
}
