/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Writing a disclosure bundle (see lk-bundle.h): the rules first, then every file into a
 * temporary sibling folder, SHA256SUMS last, and one rename. */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>

#include "report/lk-bundle-private.h"
#include "report/lk-report-private.h"

#include "governance/lk-audit-log-private.h"
#include "lk-build-id.h"
#include "lk-error.h"
#include "lk-task.h"
#include "people/lk-roles.h"
#include "store/lk-image-store.h"
#include "store/lk-store-private.h"
#include "verification/lk-verification-gate-private.h"

#define DRAFT_SUFFIX "-DRAFT"

typedef struct
{
  LkStore      *store;
  LkActor       actor;
  const char   *number;
  LkReportData  data;
  gboolean      draft;
  LkPaper       paper;
  char         *tmp;        /* the temporary folder, removed unless renamed */
  JsonArray    *images;     /* what images/ holds, for case.json */
  JsonArray    *purged;     /* images purged under the retention policy: records only */
  char         *report_sha256;
  int           pages;
  guint         n_events;
  LkProgress   *progress;
  guint         done;
  guint         total;
  GCancellable *cancellable;
} Export;

void
lk_bundle_free (LkBundle *bundle)
{
  g_free (bundle->path);
  g_free (bundle->sums_sha256);
  g_free (bundle);
}

static void
remove_tree (const char *path)
{
  /* Clearing away a partial export is best effort: the export's own error is the news. */
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
export_clear (Export *ex)
{
  lk_report_data_clear (&ex->data);
  if (ex->tmp != NULL)
    remove_tree (ex->tmp);
  g_clear_pointer (&ex->tmp, g_free);
  g_clear_pointer (&ex->images, json_array_unref);
  g_clear_pointer (&ex->purged, json_array_unref);
  g_clear_pointer (&ex->report_sha256, g_free);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Export, export_clear)

static void
step (Export     *ex,
      const char *text)
{
  if (ex->progress != NULL)
    lk_progress_report (ex->progress, ex->done, ex->total, text);
  ex->done++;
}

/* ---- rules and the folder ------------------------------------------------------------------ */

/* A bundle leaves only after countersigning; before, a draft on request. */
static gboolean
decide_draft (Export                 *ex,
              const LkReportOptions  *options,
              GError                **error)
{
  g_autoptr(GError) unverified = NULL;

  ex->draft = options->draft;
  if (lk_verification_check_case_verified (ex->store, ex->data.case_id, &unverified))
    return TRUE;
  if (!g_error_matches (unverified, LK_ERROR, LK_ERROR_REFUSED))
    {
      g_propagate_error (error, g_steal_pointer (&unverified));
      return FALSE;
    }
  ex->draft = TRUE;
  if (options->draft)
    return TRUE;
  g_set_error (error, LK_ERROR, LK_ERROR_REFUSED, "A bundle leaves only after countersigning "
               "(%s); only a draft bundle can be made yet, marked as such in its name, its "
               "case.json and its report", unverified->message);
  return FALSE;
}

static char *
target_of (const char *dir,
           gboolean    draft)
{
  g_autofree char *path = g_canonicalize_filename (dir, NULL);

  if (draft && !g_str_has_suffix (path, DRAFT_SUFFIX))
    return g_strconcat (path, DRAFT_SUFFIX, NULL);
  return g_steal_pointer (&path);
}

/* A new folder, or an empty one: a bundle never mixes with other files. */
static gboolean
check_target (const char  *target,
              GError     **error)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) local = NULL;

  if (!g_file_test (target, G_FILE_TEST_EXISTS))
    return TRUE;
  if (g_file_test (target, G_FILE_TEST_IS_DIR) && (dir = g_dir_open (target, 0, &local)) == NULL)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_UNWRITABLE, "Cannot look into %s: %s", target,
                   local->message);
      return FALSE;
    }
  if (dir == NULL || g_dir_read_name (dir) != NULL)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_EXISTS, "%s already exists and is not an empty "
                   "folder; a bundle goes into a new folder", target);
      return FALSE;
    }
  return TRUE;
}

static gboolean
make_temp (Export      *ex,
           const char  *target,
           GError     **error)
{
  g_autofree char *parent = g_path_get_dirname (target);
  g_autofree char *name = g_path_get_basename (target);
  g_autofree char *template = g_strdup_printf ("%s/.%s.partial-XXXXXX", parent, name);
  g_autofree char *images = NULL;

  if (g_mkdtemp (template) == NULL)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_UNWRITABLE, "Cannot make a folder in %s: %s",
                   parent, g_strerror (errno));
      return FALSE;
    }
  ex->tmp = g_steal_pointer (&template);
  images = g_build_filename (ex->tmp, "images", NULL);
  if (g_mkdir (images, 0755) != 0)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_UNWRITABLE, "Cannot make %s: %s", images,
                   g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_file (Export      *ex,
            const char  *name,
            const char  *contents,
            gsize        length,
            GError     **error)
{
  g_autofree char *path = g_build_filename (ex->tmp, name, NULL);

  if (g_cancellable_set_error_if_cancelled (ex->cancellable, error))
    return FALSE;
  return g_file_set_contents (path, contents, length, error);
}

/* ---- the original images ------------------------------------------------------------------- */

static const char *
extension_of (const char *media_type)
{
  static const char * const known[][2] = {
    { "image/jpeg", "jpg" }, { "image/png", "png" }, { "image/tiff", "tif" },
    { "image/bmp", "bmp" }, { "image/webp", "webp" }, { "image/gif", "gif" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (g_strcmp0 (media_type, known[i][0]) == 0)
      return known[i][1];
  return "bin";
}

static char *
media_type_of (LkStore     *store,
               const char  *sha256,
               GError     **error)
{
  g_autoptr(LkStmt) stmt = lk_store_stmt (store, "SELECT media_type FROM images WHERE sha256 = ?",
                                          error);

  if (stmt == NULL)
    return NULL;
  lk_stmt_bind_text (stmt, 1, sha256);
  if (!lk_stmt_row (stmt, error, "The image %s is not in the image store", sha256))
    return NULL;
  return lk_stmt_dup_text (stmt, 0);
}

/* An image purged under the retention policy leaves no file, only its record. */
static gboolean
record_purged (Export      *ex,
               const char  *role,
               gint64       id,
               const char  *sha256,
               const char  *media_type,
               GError     **error)
{
  g_auto(LkImagePurge) purge = { 0 };
  JsonObject *entry;

  if (!lk_image_store_purged (ex->store, sha256, &purge, error))
    return FALSE;
  entry = json_object_new ();
  json_object_set_string_member (entry, "role", role);
  json_object_set_int_member (entry, role[0] == 'p' ? "probe" : "candidate", id);
  json_object_set_string_member (entry, "sha256", sha256);
  json_object_set_string_member (entry, "media_type", media_type);
  json_object_set_int_member (entry, "size", purge.size);
  json_object_set_string_member (entry, "purged_at", purge.purged_at);
  json_object_set_string_member (entry, "rule", purge.rule);
  json_array_add_object_element (ex->purged, entry);
  return TRUE;
}

/* Copies one image byte for byte from the image store, which checks its hash on the way. */
static gboolean
export_image (Export      *ex,
              const char  *role,
              gint64       id,
              const char  *sha256,
              GError     **error)
{
  g_autofree char *media_type = media_type_of (ex->store, sha256, error);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = NULL;
  JsonObject *entry;
  g_autoptr(GError) local_error = NULL;
  gsize size;
  gconstpointer data;

  if (media_type == NULL)
    return FALSE;
  if (lk_image_store_purged (ex->store, sha256, NULL, &local_error))
    return record_purged (ex, role, id, sha256, media_type, error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if ((bytes = lk_image_store_get (ex->store, &ex->actor, sha256, error)) == NULL)
    return FALSE;
  name = g_strdup_printf ("images/%s-%" G_GINT64_FORMAT "-%s.%s", role, id, sha256,
                          extension_of (media_type));
  data = g_bytes_get_data (bytes, &size);
  if (!write_file (ex, name, data, size, error))
    return FALSE;
  entry = json_object_new ();
  json_object_set_string_member (entry, "file", name);
  json_object_set_string_member (entry, "role", role);
  json_object_set_int_member (entry, role[0] == 'p' ? "probe" : "candidate", id);
  json_object_set_string_member (entry, "sha256", sha256);
  json_object_set_string_member (entry, "media_type", media_type);
  json_object_set_int_member (entry, "size", size);
  json_array_add_object_element (ex->images, entry);
  return TRUE;
}

static gboolean
export_candidates (Export      *ex,
                   JsonArray   *candidates,
                   GError     **error)
{
  for (guint i = 0; candidates != NULL && i < json_array_get_length (candidates); i++)
    {
      JsonObject *k = json_array_get_object_element (candidates, i);
      const char *sha256 = lk_report_str (k, "image_sha256");

      step (ex, "Copying the candidates' images");
      if (sha256 != NULL &&
          !export_image (ex, "candidate", json_object_get_int_member (k, "id"), sha256, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
export_images (Export  *ex,
               GError **error)
{
  JsonArray *probes = json_object_get_array_member (ex->data.record, "probes");

  ex->images = json_array_new ();
  ex->purged = json_array_new ();
  for (guint i = 0; probes != NULL && i < json_array_get_length (probes); i++)
    {
      JsonObject *p = json_array_get_object_element (probes, i);

      step (ex, "Copying the probe images");
      if (!export_image (ex, "probe", json_object_get_int_member (p, "id"),
                         lk_report_str (p, "sha256"), error))
        return FALSE;
    }
  for (guint i = 0; i < json_array_get_length (ex->data.lists); i++)
    {
      JsonObject *list = json_array_get_object_element (ex->data.lists, i);

      if (!export_candidates (ex, json_object_get_array_member (list, "candidates"), error))
        return FALSE;
    }
  return TRUE;
}

static guint
count_images (const LkReportData *data)
{
  JsonArray *probes = json_object_get_array_member (data->record, "probes");
  guint n = probes != NULL ? json_array_get_length (probes) : 0;

  for (guint i = 0; i < json_array_get_length (data->lists); i++)
    {
      JsonObject *list = json_array_get_object_element (data->lists, i);
      JsonArray *candidates = json_object_get_array_member (list, "candidates");

      n += candidates != NULL ? json_array_get_length (candidates) : 0;
    }
  return n;
}

/* ---- the report, the audit events, the record ---------------------------------------------- */

static gboolean
export_report (Export  *ex,
               GError **error)
{
  g_autofree char *path = g_build_filename (ex->tmp, "report.pdf", NULL);
  LkReportOptions options = { ex->paper, ex->draft };

  step (ex, "Writing the report");
  return lk_report_write (ex->data.session, ex->number, path, &options, NULL, ex->cancellable,
                          &ex->report_sha256, &ex->pages, error);
}

/* Read after the report, so that its report.generated event is among them. */
static gboolean
export_audit (Export  *ex,
              GError **error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) events = NULL;
  gint64 head_seq = 0;
  g_autofree char *head_hash = NULL;

  step (ex, "Writing the audit events");
  events = lk_audit_log_case_events (ex->store, ex->data.case_id, ex->number, &head_seq,
                                     &head_hash, error);
  if (events == NULL)
    return FALSE;
  for (guint i = 0; i < events->len; i++)
    lk_audit_log_format_jsonl (text, g_ptr_array_index (events, i), ex->data.demo);
  g_string_append_printf (text, "{\"chain_head\":{\"seq\":%" G_GINT64_FORMAT ",\"hash\":\"%s\"}}"
                          "\n", head_seq, head_hash ? head_hash : "");
  ex->n_events = events->len;
  ex->data.head_seq = head_seq;
  g_free (ex->data.head_hash);
  ex->data.head_hash = g_steal_pointer (&head_hash);
  return write_file (ex, "audit.jsonl", text->str, text->len, error);
}

static JsonObject *
file_entry (const char *file,
            const char *sha256)
{
  JsonObject *o = json_object_new ();

  json_object_set_string_member (o, "file", file);
  if (sha256 != NULL)
    json_object_set_string_member (o, "sha256", sha256);
  return o;
}

static JsonObject *
case_record (Export *ex)
{
  JsonObject *o = json_object_new ();
  JsonObject *software = json_object_new ();
  JsonObject *report = file_entry ("report.pdf", ex->report_sha256);
  JsonObject *audit = file_entry ("audit.jsonl", NULL);
  JsonObject *head = json_object_new ();

  json_object_set_string_member (o, "format", "likeness-disclosure-bundle");
  json_object_set_int_member (o, "version", 1);
  json_object_set_boolean_member (o, "draft", ex->draft);
  json_object_set_string_member (o, "workspace", ex->data.demo ? "demo" : "casework");
  json_object_set_string_member (o, "generated_by", ex->data.generated_by);
  json_object_set_string_member (o, "generated_at", ex->data.generated_at);
  json_object_set_string_member (software, "name", "Likeness");
  json_object_set_string_member (software, "version", PACKAGE_VERSION);
  json_object_set_string_member (software, "build", LK_BUILD_ID);
  json_object_set_object_member (o, "software", software);
  json_object_set_object_member (o, "case", json_object_ref (ex->data.record));
  json_object_set_array_member (o, "candidate_lists", json_array_ref (ex->data.lists));
  json_object_set_array_member (o, "images", json_array_ref (ex->images));
  if (json_array_get_length (ex->purged) > 0)
    json_object_set_array_member (o, "purged_images", json_array_ref (ex->purged));
  json_object_set_int_member (report, "pages", ex->pages);
  json_object_set_object_member (o, "report", report);
  json_object_set_int_member (audit, "events", ex->n_events);
  json_object_set_int_member (head, "seq", ex->data.head_seq);
  json_object_set_string_member (head, "hash", ex->data.head_hash ? ex->data.head_hash : "");
  json_object_set_object_member (audit, "chain_head", head);
  json_object_set_object_member (o, "audit", audit);
  return o;
}

static gboolean
export_record (Export  *ex,
               GError **error)
{
  g_autoptr(JsonObject) record = case_record (ex);
  g_autoptr(JsonNode) root = json_node_init_object (json_node_alloc (), record);
  g_autofree char *text = json_to_string (root, TRUE);

  step (ex, "Writing case.json");
  return write_file (ex, "case.json", text, strlen (text), error);
}

/* SHA256SUMS over every file written so far; returns its own SHA-256. */
static char *
export_sums (Export  *ex,
             guint   *n_files,
             GError **error)
{
  g_autoptr(GPtrArray) files = lk_bundle_list_files (ex->tmp, error);
  g_autoptr(GString) text = g_string_new (NULL);

  step (ex, "Writing SHA256SUMS");
  if (files == NULL)
    return NULL;
  for (guint i = 0; i < files->len; i++)
    {
      const char *name = g_ptr_array_index (files, i);
      g_autofree char *path = g_build_filename (ex->tmp, name, NULL);
      g_autofree char *sha256 = lk_bundle_file_sha256 (path, ex->cancellable, error);

      if (sha256 == NULL)
        return NULL;
      g_string_append_printf (text, "%s  %s\n", sha256, name);
    }
  if (!write_file (ex, LK_BUNDLE_SUMS, text->str, text->len, error))
    return NULL;
  *n_files = files->len;
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text->str, text->len);
}

/* ---- the whole ----------------------------------------------------------------------------- */

static gboolean
audit_export (Export         *ex,
              const LkBundle *bundle,
              GError        **error)
{
  g_autoptr(JsonObject) details = json_object_new ();
  g_autofree char *name = g_path_get_basename (bundle->path);

  json_object_set_string_member (details, "folder", name);
  json_object_set_string_member (details, "sha256sums", bundle->sums_sha256);
  json_object_set_int_member (details, "files", bundle->n_files);
  json_object_set_boolean_member (details, "draft", bundle->draft);
  json_object_set_string_member (details, "report_sha256", ex->report_sha256);
  return lk_audit_record (ex->store, &ex->actor, "export.created", ex->number, details, error);
}

static gboolean
write_all (Export    *ex,
           LkBundle  *bundle,
           GError   **error)
{
  return export_report (ex, error) && export_images (ex, error) && export_audit (ex, error) &&
         export_record (ex, error) &&
         (bundle->sums_sha256 = export_sums (ex, &bundle->n_files, error)) != NULL;
}

static gboolean
rename_into_place (Export      *ex,
                   const char  *target,
                   GError     **error)
{
  if (g_rename (ex->tmp, target) != 0)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_UNWRITABLE, "Cannot move the bundle to %s: %s",
                   target, g_strerror (errno));
      return FALSE;
    }
  g_clear_pointer (&ex->tmp, g_free);
  return TRUE;
}

LkBundle *
lk_bundle_export (LkSession              *session,
                  const char             *number,
                  const char             *dir,
                  const LkReportOptions  *options,
                  LkProgress             *progress,
                  GCancellable           *cancellable,
                  GError                **error)
{
  g_auto(Export) ex = { 0 };
  g_autoptr(LkBundle) bundle = g_new0 (LkBundle, 1);

  g_return_val_if_fail (LK_IS_SESSION (session), NULL);
  g_return_val_if_fail (number != NULL && dir != NULL && options != NULL, NULL);

  ex.store = lk_session_get_store (session);
  ex.number = number;
  ex.paper = options->paper;
  ex.progress = progress;
  ex.cancellable = cancellable;
  if (!lk_session_require (session, LK_CASEWORK_ROLES, &ex.actor, error) ||
      !lk_report_data_read (session, number, &ex.data, error) ||
      !lk_report_check_unblinded (&ex.data, "the disclosure bundle of this case", error) ||
      !decide_draft (&ex, options, error))
    return NULL;
  bundle->draft = ex.draft;
  bundle->path = target_of (dir, ex.draft);
  ex.total = count_images (&ex.data) + 4;
  if (!check_target (bundle->path, error) || !make_temp (&ex, bundle->path, error) ||
      !write_all (&ex, bundle, error) || !rename_into_place (&ex, bundle->path, error))
    return NULL;
  /* A bundle the audit log does not know of does not leave. */
  if (!audit_export (&ex, bundle, error))
    {
      remove_tree (bundle->path);
      return NULL;
    }
  if (progress != NULL)
    lk_progress_report (progress, ex.total, ex.total, NULL);
  return g_steal_pointer (&bundle);
}

/* ---- in a worker thread -------------------------------------------------------------------- */

typedef struct
{
  LkSession       *session;
  char            *number;
  char            *dir;
  LkReportOptions  options;
  LkProgress      *progress;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_clear_object (&job->session);
  g_clear_object (&job->progress);
  g_free (job->number);
  g_free (job->dir);
  g_free (job);
}

static gpointer
export_job (gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  ExportJob *job = data;

  return lk_bundle_export (job->session, job->number, job->dir, &job->options, job->progress,
                           cancellable, error);
}

void
lk_bundle_export_async (LkSession              *session,
                        const char             *number,
                        const char             *dir,
                        const LkReportOptions  *options,
                        LkProgress             *progress,
                        GCancellable           *cancellable,
                        GAsyncReadyCallback     callback,
                        gpointer                user_data)
{
  ExportJob *job;

  g_return_if_fail (LK_IS_SESSION (session));
  g_return_if_fail (number != NULL && dir != NULL && options != NULL);

  job = g_new0 (ExportJob, 1);
  job->session = g_object_ref (session);
  job->number = g_strdup (number);
  job->dir = g_strdup (dir);
  job->options = *options;
  job->progress = progress ? g_object_ref (progress) : NULL;
  lk_task_run_to_completion (session, cancellable, callback, user_data, lk_bundle_export_async,
                             export_job, job, (GDestroyNotify) export_job_free,
                             (GDestroyNotify) lk_bundle_free);
}

LkBundle *
lk_bundle_export_finish (GAsyncResult  *result,
                         GError       **error)
{
  return lk_task_finish (result, lk_bundle_export_async, error);
}
