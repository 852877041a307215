/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Probe intake: provenance, limits before decoding, hash and store, metadata, faces, quality. */
#include "config.h"

#include "lk-json.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "imaging/lk-cv.h"
#include "imaging/lk-image-header.h"
#include "imaging/lk-metadata.h"
#include "lk-error.h"
#include "governance/lk-policy.h"
#include "casework/lk-probes.h"
#include "casework/lk-probe-frame-private.h"
#include "casework/lk-probes-private.h"
#include "casework/lk-probe-summary-private.h"
#include "casework/lk-quality.h"
#include "lk-task.h"
#include "lk-util.h"
#include "lk-time.h"
#include "store/lk-image-store.h"
#include "store/lk-store-private.h"
#include "casework/lk-case-status-private.h"
#include "casework/lk-vocabulary.h"
#include "people/lk-session.h"
#include "store/lk-audit.h"
#include "store/lk-store.h"

#define MAX_FACES 20
#define MAX_MEASURED_FACES 5

/* ---- validation before anything is decoded or written ------------------------------------ */

static gboolean
require (const char  *value,
         const char  *label,
         GError     **error)
{
  if (!lk_text_is_blank (value) && g_utf8_validate (value, -1, NULL))
    return TRUE;
  g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "The provenance needs the %s", label);
  return FALSE;
}

static gboolean
in_vocabulary (const char * const *words,
               const char         *word,
               const char         *what,
               GError            **error)
{
  g_autofree char *all = NULL;

  if (word != NULL && g_strv_contains (words, word))
    return TRUE;
  all = g_strjoinv (", ", (char **) words);
  g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "Unknown %s “%s” (one of: %s)", what,
               word ? word : "", all);
  return FALSE;
}

static gboolean
check_kind_allowed (LkStore     *store,
                    const char  *kind,
                    GError     **error)
{
  gboolean refused = FALSE;

  if (!lk_policy_list_contains (store, "refused_probe_kinds", kind, &refused, error))
    return FALSE;
  if (!refused)
    return TRUE;
  g_set_error (error, LK_ERROR, LK_ERROR_REFUSED,
               "Probes of the kind “%s” are refused by policy: a face search needs a photographic "
               "image of the real face. An administrator can change the refused_probe_kinds "
               "policy, with a reason that is audited.", lk_vocabulary_label (kind));
  return FALSE;
}

static gboolean
check_time (const char  *acquired_at,
            GError     **error)
{
  g_autoptr(GDateTime) time = lk_time_parse_past (acquired_at, "time of acquisition", error);

  return time != NULL;
}

static gboolean
check_provenance (LkStore             *store,
                  const LkProvenance  *p,
                  GError             **error)
{
  return in_vocabulary (lk_vocabulary_source_types (), p->source_type, "source type", error) &&
         in_vocabulary (lk_vocabulary_probe_kinds (), p->kind, "probe kind", error) &&
         require (p->acquired_by, "name of who acquired the image", error) &&
         lk_require_name (p->acquired_by, "name of who acquired the image", error) &&
         require (p->acquired_at, "time of acquisition", error) &&
         check_time (p->acquired_at, error) &&
         require (p->authority, "legal authority reference", error) &&
         require (p->custody_note, "chain-of-custody note", error) &&
         check_kind_allowed (store, p->kind, error);
}

static gboolean
check_case_accepts_probes (LkStore     *store,
                           const char  *number,
                           gint64      *case_id,
                           char       **status_out,
                           GError     **error)
{
  g_autofree char *status = NULL;

  *case_id = lk_case_status_lookup (store, number, &status, error);
  if (*case_id == 0)
    return FALSE;
  if (!g_str_equal (status, "open") && !g_str_equal (status, "analysis") &&
      !g_str_equal (status, "examination"))
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                   "Case %s is %s; probes are added while a case is open, in analysis or in "
                   "examination", number, lk_vocabulary_case_status_label (status));
      return FALSE;
    }
  if (status_out != NULL)
    *status_out = g_steal_pointer (&status);
  return TRUE;
}

static gboolean
check_dimensions (LkStore              *store,
                  const LkImageHeader  *header,
                  GError              **error)
{
  double megapixels = (double) header->width * header->height / 1e6;
  double limit = 0;

  if (!lk_policy_get_double (store, "max_image_megapixels", &limit, error))
    return FALSE;
  if (megapixels <= limit)
    return TRUE;
  g_set_error (error, LK_ERROR, LK_ERROR_IMAGE,
               "The image declares %u × %u pixels (%.0f megapixels), over the limit of %.0f "
               "megapixels; it was not decoded", header->width, header->height, megapixels, limit);
  return FALSE;
}

static gboolean
check_file_size (LkStore  *store,
                 goffset   size,
                 GError  **error)
{
  double limit = 0;

  if (!lk_policy_get_double (store, "max_image_megabytes", &limit, error))
    return FALSE;
  if (size == 0)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_IMAGE, "The image file is empty");
      return FALSE;
    }
  if ((double) size <= limit * 1e6)
    return TRUE;
  g_set_error (error, LK_ERROR, LK_ERROR_IMAGE,
               "The image file is %.1f MB, over the limit of %.0f MB", size / 1e6, limit);
  return FALSE;
}

/* Where the entropy-coded data after a JPEG SOS segment ends: the first marker that is not a
 * stuffed byte (FF 00), a restart (FF D0..D7) or fill (FF FF). @length when there is none. */
static gsize
jpeg_scan_end (const guint8 *data,
               gsize         length,
               gsize         pos)
{
  const guint8 *ff;

  while (pos + 1 < length && (ff = memchr (data + pos, 0xff, length - pos - 1)) != NULL)
    {
      guint8 next = ff[1];

      pos = ff - data;
      if (next != 0x00 && next != 0xff && (next < 0xd0 || next > 0xd7))
        return pos;
      pos += next == 0xff ? 1 : 2;
    }
  return length;
}

/* libjpeg fills a JPEG that stops early with grey and OpenCV reports success, so a truncated
 * file would be taken as evidence. Walk the markers to the end-of-image marker instead; bytes
 * after it (padding some cameras write) are allowed. */
static gboolean
check_jpeg_complete (const guint8  *data,
                     gsize          length,
                     GError       **error)
{
  gsize pos = 2;

  while (pos + 1 < length)
    {
      guint8 marker;

      if (data[pos] != 0xff)
        {
          pos++;
          continue;
        }
      marker = data[pos + 1];
      if (marker == 0xff)
        {
          pos++;
          continue;
        }
      if (marker == 0xd9)
        return TRUE;
      if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7))
        {
          pos += 2;
          continue;
        }
      if (pos + 3 >= length)
        break;
      pos += 2 + ((gsize) data[pos + 2] << 8 | data[pos + 3]);
      if (marker == 0xda)
        pos = jpeg_scan_end (data, length, pos);
    }
  g_set_error (error, LK_ERROR, LK_ERROR_IMAGE,
               "The JPEG file is truncated: it ends before its end-of-image marker, so part of "
               "the picture is missing");
  return FALSE;
}

static gboolean
check_complete (const guint8         *data,
                gsize                 length,
                const LkImageHeader  *header,
                GError              **error)
{
  if (g_str_equal (header->media_type, "image/jpeg"))
    return check_jpeg_complete (data, length, error);
  return TRUE;
}

/* ---- analysis of the pixels (outside any transaction) ------------------------------------ */

typedef struct
{
  LkImageHeader  header;
  JsonObject    *metadata;
  JsonArray     *faces;
} Intake;

static void
intake_clear (Intake *intake)
{
  g_clear_pointer (&intake->metadata, json_object_unref);
  g_clear_pointer (&intake->faces, json_array_unref);
}

static JsonArray *
point_json (const LkPoint *p)
{
  JsonArray *a = json_array_new ();

  json_array_add_double_element (a, round (p->x * 10) / 10);
  json_array_add_double_element (a, round (p->y * 10) / 10);
  return a;
}

static JsonObject *
figures_json (const LkQualityFigures *f)
{
  JsonObject *o = json_object_new ();

  json_object_set_int_member (o, "face_width", f->face_width);
  json_object_set_int_member (o, "face_height", f->face_height);
  json_object_set_double_member (o, "inter_eye_px", f->has_eyes ? f->inter_eye_px : 0);
  json_object_set_double_member (o, "roll_degrees", f->has_eyes ? f->roll_degrees : 0);
  json_object_set_boolean_member (o, "has_eyes", f->has_eyes);
  json_object_set_double_member (o, "sharpness", f->sharpness);
  json_object_set_double_member (o, "mean_brightness", f->mean_brightness);
  json_object_set_double_member (o, "clipped_dark", f->clipped_dark);
  json_object_set_double_member (o, "clipped_bright", f->clipped_bright);
  json_object_set_double_member (o, "contrast", f->contrast);
  if (f->has_brisque)
    json_object_set_double_member (o, "brisque", f->brisque);
  return o;
}

static JsonObject *
face_json (LkStore      *store,
           LkCvImage    *image,
           const LkFace *face,
           gboolean      measure,
           GError      **error)
{
  JsonObject *o = json_object_new ();
  LkQualityFigures figures = { 0 };
  JsonArray *landmarks = json_array_new ();

  json_object_set_int_member (o, "x", face->x);
  json_object_set_int_member (o, "y", face->y);
  json_object_set_int_member (o, "width", face->width);
  json_object_set_int_member (o, "height", face->height);
  json_object_set_double_member (o, "score", face->score);
  if (face->has_eyes)
    {
      JsonArray *eyes = json_array_new ();

      json_array_add_array_element (eyes, point_json (&face->eye_a));
      json_array_add_array_element (eyes, point_json (&face->eye_b));
      json_object_set_array_member (o, "eyes", eyes);
    }
  for (int i = 0; i < face->n_landmarks; i++)
    json_array_add_array_element (landmarks, point_json (&face->landmarks[i]));
  json_object_set_array_member (o, "landmarks", landmarks);
  if (measure)
    {
      JsonArray *quality;

      if (!lk_cv_image_measure (image, face, &figures, error) ||
          (quality = lk_quality_readout (store, &figures, error)) == NULL)
        {
          json_object_unref (o);
          return NULL;
        }
      json_object_set_object_member (o, "figures", figures_json (&figures));
      json_object_set_array_member (o, "quality", quality);
    }
  return o;
}

static JsonArray *
find_faces (LkStore    *store,
            LkCvImage  *image,
            GError    **error)
{
  g_autofree char *yunet = lk_policy_get_string (store, "yunet_model", error);
  LkDetectorConfig config = { NULL, yunet };
  g_autoptr(GArray) found = NULL;
  g_autoptr(JsonArray) faces = NULL;

  if (yunet == NULL || (found = lk_cv_image_find_faces (image, &config, error)) == NULL)
    return NULL;
  faces = json_array_new ();
  for (guint i = 0; i < found->len && i < MAX_FACES; i++)
    {
      JsonObject *face = face_json (store, image, &g_array_index (found, LkFace, i),
                                    i < MAX_MEASURED_FACES, error);
      if (face == NULL)
        return NULL;
      json_array_add_object_element (faces, face);
    }
  return g_steal_pointer (&faces);
}

/* The size as seen: a turn of 90° in the EXIF orientation swaps the sides the header gives; the
 * probe's size, its face boxes and everything measured on it are upright. */
static void
take_upright_size (Intake    *intake,
                   LkCvImage *image)
{
  intake->header.width = (guint32) lk_cv_image_get_width (image);
  intake->header.height = (guint32) lk_cv_image_get_height (image);
}

static gboolean
examine_pixels (LkStore  *store,
                GBytes   *bytes,
                Intake   *intake,
                GError  **error)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  g_autoptr(LkCvImage) image = NULL;

  if (!check_file_size (store, (goffset) size, error) ||
      !lk_image_header_read (data, size, &intake->header, error) ||
      !check_dimensions (store, &intake->header, error) ||
      !check_complete (data, size, &intake->header, error) ||
      (image = lk_cv_image_decode (bytes, error)) == NULL)
    return FALSE;
  take_upright_size (intake, image);
  intake->metadata = lk_metadata_read (bytes, error);
  if (intake->metadata == NULL)
    return FALSE;
  intake->faces = find_faces (store, image, error);
  return intake->faces != NULL;
}

/* ---- the transaction --------------------------------------------------------------------- */

static gint64
insert_probe (LkStore             *store,
              gint64               case_id,
              const char          *sha256,
              const char          *file_name,
              const LkProvenance  *p,
              const Intake        *intake,
              gint64               user_id,
              GError             **error)
{
  g_autofree char *now = lk_now_utc ();
  g_autofree char *metadata = lk_json_object_text (intake->metadata);
  g_autofree char *faces = lk_json_array_text (intake->faces);
  const char *texts[] = { sha256, file_name, intake->header.media_type };
  const char *prov[] = { p->source_type, p->kind, p->acquired_by, p->acquired_at, p->authority,
                         p->custody_note };
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "INSERT INTO probes (case_id, image_sha256, file_name, media_type, width,"
                          " height, source_type, kind, acquired_by, acquired_at, authority,"
                          " custody_note, simulated, metadata, faces, face_index, status,"
                          " imported_by, imported_at, faces_frame) VALUES (?, ?, ?, ?, ?, ?, ?, ?,"
                          " ?, ?, ?, ?, ?, ?, ?, ?, 'awaiting-analysis', ?, ?, 'upright')", error);

  if (stmt == NULL)
    return 0;
  lk_stmt_bind_int64 (stmt, 1, case_id);
  for (int i = 0; i < 3; i++)
    lk_stmt_bind_text (stmt, 2 + i, texts[i]);
  lk_stmt_bind_int64 (stmt, 5, intake->header.width);
  lk_stmt_bind_int64 (stmt, 6, intake->header.height);
  for (int i = 0; i < 6; i++)
    lk_stmt_bind_text (stmt, 7 + i, prov[i]);
  lk_stmt_bind_int (stmt, 13, p->simulated ? 1 : 0);
  lk_stmt_bind_text (stmt, 14, metadata);
  lk_stmt_bind_text (stmt, 15, faces);
  if (json_array_get_length (intake->faces) > 0)
    lk_stmt_bind_int (stmt, 16, 0);
  lk_stmt_bind_int64 (stmt, 17, user_id);
  lk_stmt_bind_text (stmt, 18, now);
  return lk_stmt_insert (stmt, error);
}

static JsonObject *
import_details (const char         *number,
                const char         *file_name,
                const LkProvenance *p,
                const Intake       *intake)
{
  JsonObject *d = json_object_new ();

  json_object_set_string_member (d, "case", number);
  json_object_set_string_member (d, "file_name", file_name);
  json_object_set_string_member (d, "media_type", intake->header.media_type);
  json_object_set_int_member (d, "width", intake->header.width);
  json_object_set_int_member (d, "height", intake->header.height);
  json_object_set_string_member (d, "source_type", p->source_type);
  json_object_set_string_member (d, "kind", p->kind);
  json_object_set_string_member (d, "authority", p->authority);
  json_object_set_boolean_member (d, "simulated", p->simulated);
  json_object_set_int_member (d, "faces", json_array_get_length (intake->faces));
  return d;
}

static gint64
store_probe (LkSession           *session,
             const LkActor       *actor,
             const char          *number,
             GBytes              *bytes,
             const char          *file_name,
             const LkProvenance  *p,
             const Intake        *intake,
             char               **sha256,
             GError             **error)
{
  LkStore *store = lk_session_get_store (session);
  g_autoptr(LkTxn) txn = lk_txn_begin (store, error);
  g_autofree char *digest = NULL;
  g_autoptr(JsonObject) details = NULL;
  g_autofree char *object = NULL;
  g_autofree char *status = NULL;
  gint64 case_id, probe_id;

  /* The case may have moved while the pixels were examined: check again inside. */
  if (txn == NULL || !check_case_accepts_probes (store, number, &case_id, &status, error) ||
      !lk_image_store_put (store, bytes, intake->header.media_type, &digest, error) ||
      (probe_id = insert_probe (store, case_id, digest, file_name, p, intake,
                                lk_session_get_user_id (session), error)) == 0)
    return 0;
  details = import_details (number, file_name, p, intake);
  json_object_set_string_member (details, "sha256", digest);
  object = g_strdup_printf ("probe:%" G_GINT64_FORMAT, probe_id);
  if (!lk_audit_append (store, actor, "probe.imported", object, details, error) ||
      (!g_str_equal (status, "analysis") &&
       !lk_case_status_set (store, actor, lk_session_get_user_id (session), case_id, number,
                             "analysis", g_str_equal (status, "open")
                             ? "first probe imported" : "a new probe awaits its analysis",
                             error)) ||
      !lk_txn_commit (txn, error))
    return 0;
  if (sha256 != NULL)
    *sha256 = g_steal_pointer (&digest);
  return probe_id;
}

/* A refused probe counts in the transparency statistics: recorded with why, never the image. */
static void
record_refusal (LkStore             *store,
                const LkActor       *actor,
                const char          *case_number,
                const LkProvenance  *provenance,
                GError             **error)
{
  g_autoptr(JsonObject) details = json_object_new ();
  const char *why = "image";

  if (error == NULL || *error == NULL)
    return;
  if (g_error_matches (*error, LK_ERROR, LK_ERROR_REFUSED))
    why = "refused kind";
  else if (g_error_matches (*error, LK_ERROR, LK_ERROR_INVALID_INPUT))
    why = "provenance";
  json_object_set_string_member (details, "why", why);
  json_object_set_string_member (details, "kind", provenance->kind ? provenance->kind : "");
  json_object_set_string_member (details, "message", (*error)->message);
  /* The refusal stands even if it cannot be recorded; say so with it. */
  if (!lk_audit_record (store, actor, "probe.refused", case_number, details, NULL))
    g_prefix_error (error, "(the refusal could not be recorded in the audit log) ");
}

gint64
lk_probes_import (LkSession           *session,
                  const char          *case_number,
                  GBytes              *bytes,
                  const char          *file_name,
                  const LkProvenance  *provenance,
                  char               **sha256,
                  GError             **error)
{
  LkStore *store = lk_session_get_store (session);
  Intake intake = { { 0 } };
  gint64 case_id, probe_id = 0;
  LkActor actor;

  g_return_val_if_fail (bytes != NULL && provenance != NULL, 0);

  if (!lk_session_require (session, LK_ROLE_EXAMINER, &actor, error) ||
      !check_case_accepts_probes (store, case_number, &case_id, NULL, error))
    return 0;
  if (!check_provenance (store, provenance, error) ||
      !examine_pixels (store, bytes, &intake, error))
    record_refusal (store, &actor, case_number, provenance, error);
  else
    probe_id = store_probe (session, &actor, case_number, bytes,
                            file_name ? file_name : "probe", provenance, &intake, sha256, error);
  intake_clear (&intake);
  return probe_id;
}

gint64
lk_probes_import_file (LkSession           *session,
                       const char          *case_number,
                       const char          *path,
                       const LkProvenance  *provenance,
                       char               **sha256,
                       GError             **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                                                 G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                                 G_FILE_QUERY_INFO_NONE, NULL, error);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = g_path_get_basename (path);

  if (info == NULL)
    return 0;
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_IMAGE, "%s is not a regular file", path);
      return 0;
    }
  if (!check_file_size (lk_session_get_store (session), g_file_info_get_size (info), error) ||
      (bytes = g_file_load_bytes (file, NULL, NULL, error)) == NULL)
    return 0;
  return lk_probes_import (session, case_number, bytes, name, provenance, sha256, error);
}

/* ---- worker thread ----------------------------------------------------------------------- */

typedef struct
{
  LkSession *session;
  char      *number;
  char      *path;
  char      *fields[6];
  gboolean   simulated;
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  g_clear_object (&job->session);
  g_free (job->number);
  g_free (job->path);
  for (int i = 0; i < 6; i++)
    g_free (job->fields[i]);
  g_free (job);
}

static gpointer
import_job (gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  ImportJob *job = data;
  LkProvenance p = { job->fields[0], job->fields[1], job->fields[2], job->fields[3],
                     job->fields[4], job->fields[5], job->simulated };
  gint64 id = lk_probes_import_file (job->session, job->number, job->path, &p, NULL, error);
  gint64 *result;

  if (id == 0)
    return NULL;
  result = g_new (gint64, 1);
  *result = id;
  return result;
}

void
lk_probes_import_file_async (LkSession           *session,
                             const char          *case_number,
                             const char          *path,
                             const LkProvenance  *p,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  ImportJob *job = g_new0 (ImportJob, 1);
  const char *fields[] = { p->source_type, p->kind, p->acquired_by, p->acquired_at,
                           p->authority, p->custody_note };

  job->session = g_object_ref (session);
  job->number = g_strdup (case_number);
  job->path = g_strdup (path);
  for (int i = 0; i < 6; i++)
    job->fields[i] = g_strdup (fields[i]);
  job->simulated = p->simulated;
  lk_task_run (session, cancellable, callback, user_data, lk_probes_import_file_async,
               import_job, job, (GDestroyNotify) import_job_free, g_free);
}

gint64
lk_probes_import_file_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_autofree gint64 *id = lk_task_finish (result, lk_probes_import_file_async, error);

  return id != NULL ? *id : 0;
}

/* ---- where a probe stands, and its image ------------------------------------------------ */

void
lk_probe_place_clear (LkProbePlace *place)
{
  g_clear_pointer (&place->case_number, g_free);
  g_clear_pointer (&place->case_status, g_free);
  g_clear_pointer (&place->sha256, g_free);
  g_clear_pointer (&place->status, g_free);
  g_clear_pointer (&place->faces, g_free);
}

#define TEXT(i) g_strdup (lk_stmt_text (stmt, (i)))

gboolean
lk_probes_read_place (LkStore       *store,
                      gint64         probe_id,
                      LkProbePlace  *place,
                      GError       **error)
{
  g_autoptr(LkStoreLock) locker = lk_store_lock (store);
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "SELECT p.id, p.case_id, c.number, c.status, p.image_sha256, p.status,"
                          " p.faces, json_array_length (p.faces), coalesce (p.face_index, -1),"
                          " p.faces_frame, p.metadata, p.width, p.height"
                          " FROM probes p JOIN cases c ON c.id = p.case_id WHERE p.id = ?", error);
  g_autofree char *upright = NULL;
  int width, height;

  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_int64 (stmt, 1, probe_id);
  if (!lk_stmt_row (stmt, error, "There is no probe %" G_GINT64_FORMAT, probe_id))
    return FALSE;
  width = lk_stmt_int (stmt, 11);
  height = lk_stmt_int (stmt, 12);
  /* An old probe's faces, stored unrotated, are searched and examined upright. */
  if (!lk_probe_frame_upright_faces (store, lk_stmt_text (stmt, 4), lk_stmt_text (stmt, 9),
                                     lk_stmt_text (stmt, 10), lk_stmt_text (stmt, 6), &width,
                                     &height, &upright, error))
    return FALSE;
  lk_probe_place_clear (place);
  place->id = lk_stmt_int64 (stmt, 0);
  place->case_id = lk_stmt_int64 (stmt, 1);
  place->case_number = TEXT (2);
  place->case_status = TEXT (3);
  place->sha256 = TEXT (4);
  place->status = TEXT (5);
  place->faces = upright != NULL ? g_steal_pointer (&upright) : TEXT (6);
  place->n_faces = lk_stmt_int (stmt, 7);
  place->face_index = lk_stmt_int (stmt, 8);
  return TRUE;
}

#undef TEXT

char *
lk_probes_name (LkSession  *session,
                gint64      probe_id,
                guint      *number,
                char      **case_number,
                GError    **error)
{
  LkStore *store = lk_session_get_store (session);
  g_autoptr(LkStoreLock) locker = NULL;
  g_autoptr(LkStmt) stmt = NULL;
  LkActor actor;
  guint n;

  if (!lk_session_require (session, LK_ROLE_EXAMINER | LK_ROLE_REVIEWER | LK_ROLE_ADMINISTRATOR,
                           &actor, error))
    return NULL;
  locker = lk_store_lock (store);
  stmt = lk_store_stmt (store, "SELECT c.number, " LK_PROBE_NUMBER_IN_CASE " FROM probes p"
                               " JOIN cases c ON c.id = p.case_id WHERE p.id = ?", error);
  if (stmt == NULL)
    return NULL;
  lk_stmt_bind_int64 (stmt, 1, probe_id);
  if (!lk_stmt_row (stmt, error, "There is no probe %" G_GINT64_FORMAT, probe_id))
    return NULL;
  n = (guint) lk_stmt_int (stmt, 1);
  if (number != NULL)
    *number = n;
  if (case_number != NULL)
    *case_number = g_strdup (lk_stmt_text (stmt, 0));
  return g_strdup_printf ("Probe %u of case %s", n, lk_stmt_text (stmt, 0));
}

GBytes *
lk_probes_read_image (LkSession  *session,
                      gint64      probe_id,
                      GError    **error)
{
  LkStore *store = lk_session_get_store (session);
  g_auto(LkProbePlace) row = { 0 };
  g_autofree char *object = lk_object_name ("probe", probe_id);
  LkActor actor;

  /* The role first: a refused user learns nothing, not even whether the probe exists. */
  if (!lk_session_require (session, LK_ROLE_EXAMINER | LK_ROLE_REVIEWER | LK_ROLE_ADMINISTRATOR,
                           &actor, error) ||
      !lk_probes_read_place (store, probe_id, &row, error) ||
      !lk_audit_record (store, &actor, "probe.image-viewed", object, NULL, error))
    return NULL;
  return lk_image_store_get (store, &actor, row.sha256, error);
}

GListModel *
lk_probes_list_for_case (LkStore  *store,
                         gint64    case_id,
                         GError  **error)
{
  g_autoptr(LkStoreLock) locker = lk_store_lock (store);
  g_autoptr(LkStmt) stmt = lk_store_stmt (store, "SELECT " LK_PROBE_SUMMARY_COLUMNS
                                                 " WHERE p.case_id = ? ORDER BY p.id", error);
  g_autoptr(GListStore) probes = g_list_store_new (LK_TYPE_PROBE_SUMMARY);

  if (stmt == NULL)
    return NULL;
  lk_stmt_bind_int64 (stmt, 1, case_id);
  while (lk_stmt_next (stmt, error))
    {
      g_autoptr(LkProbeSummary) probe = lk_probe_summary_new_from_row (stmt);

      g_list_store_append (probes, probe);
    }
  if (lk_stmt_failed (stmt))
    return NULL;
  return G_LIST_MODEL (g_steal_pointer (&probes));
}
