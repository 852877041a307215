/* SPDX-License-Identifier: GPL-3.0-or-later */
/* An exercise from a folder: pairs.csv (pair_id,image_a,image_b,mated,difficulty,notes, RFC 4180
 * quoting) and the images beside it. Every line and image is checked before anything is
 * written; the first problem is one error naming the file and the line. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "training/lk-training-private.h"

#include "governance/lk-policy.h"
#include "lk-error.h"
#include "lk-task.h"
#include "lk-util.h"

#define HEADER "pair_id,image_a,image_b,mated,difficulty,notes"

typedef struct
{
  char      *dir;
  char      *name;     /* the CSV's file name, for messages */
  GPtrArray *where;    /* "pairs.csv: line N" per pair */
  GArray    *pairs;    /* LkTrainingPair, strings owned by strings */
  GPtrArray *strings;
  GPtrArray *images;   /* GBytes */
} Import;

static void
import_init (Import *im)
{
  im->where = g_ptr_array_new_with_free_func (g_free);
  im->pairs = g_array_new (FALSE, TRUE, sizeof (LkTrainingPair));
  im->strings = g_ptr_array_new_with_free_func (g_free);
  im->images = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
}

static void
import_clear (Import *im)
{
  g_free (im->dir);
  g_free (im->name);
  g_clear_pointer (&im->where, g_ptr_array_unref);
  g_clear_pointer (&im->pairs, g_array_unref);
  g_clear_pointer (&im->strings, g_ptr_array_unref);
  g_clear_pointer (&im->images, g_ptr_array_unref);
}

static gboolean
fail (GError    **error,
      Import     *im,
      guint       line,
      const char *format,
      ...) G_GNUC_PRINTF (4, 5);

static gboolean
fail (GError    **error,
      Import     *im,
      guint       line,
      const char *format,
      ...)
{
  g_autofree char *reason = NULL;
  va_list args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "%s: line %u: %s", im->name, line,
               reason);
  return FALSE;
}

/* One record of RFC 4180 CSV from *cursor: fields into @fields; *line counts newlines. */
static gboolean
csv_record (const char **cursor,
            const char  *end,
            guint       *line,
            GPtrArray   *fields,
            Import      *im,
            GError     **error)
{
  g_autoptr(GString) field = g_string_new (NULL);
  const char *p = *cursor;
  guint start = *line;
  gboolean quoted = FALSE;

  for (; p < end; p++)
    {
      if (quoted && *p == '"' && p + 1 < end && p[1] == '"')
        g_string_append_c (field, *p++);
      else if (*p == '"' && (quoted || field->len == 0))
        quoted = !quoted;
      else if (*p == '"')
        return fail (error, im, *line, "a quote inside an unquoted field");
      else if (!quoted && *p == ',')
        {
          g_ptr_array_add (fields, g_string_free (g_steal_pointer (&field), FALSE));
          field = g_string_new (NULL);
        }
      else if (!quoted && (*p == '\n' || *p == '\r'))
        break;
      else
        {
          *line += *p == '\n';
          g_string_append_c (field, *p);
        }
    }
  if (quoted)
    return fail (error, im, start, "a quoted field is not closed");
  g_ptr_array_add (fields, g_string_free (g_steal_pointer (&field), FALSE));
  if (p < end && *p == '\r')
    p++;
  if (p < end && *p == '\n')
    p++;
  (*line)++;
  *cursor = p;
  return TRUE;
}

static GBytes *
read_image (Import      *im,
            const char  *ref,
            guint        line,
            GError     **error)
{
  g_autofree char *path = NULL, *real_dir = NULL;
  g_autoptr(GError) local_error = NULL;
  char *contents = NULL;
  gsize length;
  GStatBuf st;

  if (*ref == '\0' || g_path_is_absolute (ref) || strchr (ref, '\\') != NULL ||
      g_str_has_prefix (ref, "../") || strstr (ref, "/../") != NULL || g_str_equal (ref, ".."))
    return fail (error, im, line, "image “%s” is not a path inside the exercise folder", ref),
           NULL;
  path = g_build_filename (im->dir, ref, NULL);
  real_dir = realpath (im->dir, NULL);
  {
    g_autofree char *resolved = realpath (path, NULL);

    if (resolved == NULL || real_dir == NULL || !g_str_has_prefix (resolved, real_dir))
      return fail (error, im, line, "image %s is missing or leaves the exercise folder", ref),
             NULL;
  }
  if (g_stat (path, &st) != 0 || !S_ISREG (st.st_mode))
    return fail (error, im, line, "image %s is not a regular file", ref), NULL;
  if (!g_file_get_contents (path, &contents, &length, &local_error))
    return fail (error, im, line, "image %s cannot be read: %s", ref, local_error->message),
           NULL;
  return g_bytes_new_take (contents, length);
}

static const char *
keep (Import *im,
      char   *text)
{
  g_ptr_array_add (im->strings, text);
  return text;
}

static gboolean
parse_pair (Import     *im,
            GPtrArray  *fields,
            guint       line,
            GError    **error)
{
  LkTrainingPair pair = { 0 };
  const char *mated;
  GBytes *a, *b;

  if (fields->len != 6)
    return fail (error, im, line, "expected %s, found %u field%s", HEADER, fields->len,
                 fields->len == 1 ? "" : "s");
  mated = g_ptr_array_index (fields, 3);
  if (!g_str_equal (mated, "0") && !g_str_equal (mated, "1"))
    return fail (error, im, line, "mated is 0 or 1, not “%s”", mated);
  if ((a = read_image (im, g_ptr_array_index (fields, 1), line, error)) == NULL)
    return FALSE;
  g_ptr_array_add (im->images, a);
  if ((b = read_image (im, g_ptr_array_index (fields, 2), line, error)) == NULL)
    return FALSE;
  g_ptr_array_add (im->images, b);
  pair.pair_id = keep (im, g_strdup (g_ptr_array_index (fields, 0)));
  pair.image_a = a;
  pair.image_b = b;
  pair.mated = mated[0] == '1';
  pair.difficulty = keep (im, g_strdup (g_ptr_array_index (fields, 4)));
  pair.notes = keep (im, g_strdup (g_ptr_array_index (fields, 5)));
  g_array_append_val (im->pairs, pair);
  g_ptr_array_add (im->where, g_strdup_printf ("%s: line %u", im->name, line));
  return TRUE;
}

static gboolean
is_header (GPtrArray *fields)
{
  g_auto(GStrv) columns = g_strsplit (HEADER, ",", -1);

  if (fields->len != g_strv_length (columns))
    return FALSE;
  for (guint i = 0; i < fields->len; i++)
    if (!g_str_equal (g_strstrip ((char *) g_ptr_array_index (fields, i)), columns[i]))
      return FALSE;
  return TRUE;
}

static gboolean
parse_csv (Import      *im,
           const char  *text,
           gsize        length,
           GError     **error)
{
  const char *p = text, *end = text + length;
  guint line = 1;
  gboolean header = FALSE;

  if (!g_utf8_validate_len (text, length, NULL))
    return fail (error, im, 1, "the file is not UTF-8 text");
  while (p < end)
    {
      g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
      guint at = line;

      if (!csv_record (&p, end, &line, fields, im, error))
        return FALSE;
      if (fields->len == 1 && lk_text_is_blank (g_ptr_array_index (fields, 0)))
        continue;
      if (!header)
        {
          if (!is_header (fields))
            return fail (error, im, at, "the first line must be %s", HEADER);
          header = TRUE;
          continue;
        }
      if (!parse_pair (im, fields, at, error))
        return FALSE;
    }
  if (im->pairs->len == 0)
    return fail (error, im, line, "no pairs");
  return TRUE;
}

static gboolean
locate (Import      *im,
        const char  *path,
        char       **csv,
        GError     **error)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    *csv = g_build_filename (path, "pairs.csv", NULL);
  else
    *csv = g_strdup (path);
  im->dir = g_path_get_dirname (*csv);
  im->name = g_path_get_basename (*csv);
  if (g_file_test (*csv, G_FILE_TEST_IS_REGULAR))
    return TRUE;
  g_set_error (error, LK_ERROR, LK_ERROR_NOT_FOUND, "%s: no such file", *csv);
  return FALSE;
}

guint
lk_training_exercise_parse (const char  *dir,
                            const char  *name,
                            const char  *text,
                            gsize        length,
                            GError     **error)
{
  Import im = { g_strdup (dir), g_strdup (name) };
  guint n = 0;

  import_init (&im);
  if (parse_csv (&im, text, length, error))
    n = im.pairs->len;
  import_clear (&im);
  return n;
}

gint64
lk_training_exercise_import (LkSession                    *session,
                             const LkTrainingExerciseSpec *spec,
                             const char                   *path,
                             GError                      **error)
{
  Import im = { 0 };
  g_autofree char *csv = NULL, *text = NULL, *sha256 = NULL;
  g_autoptr(JsonObject) details = json_object_new ();
  gsize length;
  LkActor actor;
  gint64 id = 0;

  g_return_val_if_fail (LK_IS_SESSION (session), 0);
  g_return_val_if_fail (spec != NULL && path != NULL, 0);

  if (!lk_session_require (session, LK_ROLE_TRAINER, &actor, error))
    return 0;
  import_init (&im);
  if (locate (&im, path, &csv, error) && g_file_get_contents (csv, &text, &length, error) &&
      parse_csv (&im, text, length, error))
    {
      g_ptr_array_add (im.where, NULL);
      sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (guchar *) text, length);
      json_object_set_string_member (details, "source", im.name);
      json_object_set_string_member (details, "source_sha256", sha256);
      id = lk_training_exercise_create_from (session, spec, (LkTrainingPair *) im.pairs->data,
                                             im.pairs->len,
                                             (const char * const *) im.where->pdata, details,
                                             error);
    }
  import_clear (&im);
  return id;
}

/* ---- in a worker thread --------------------------------------------------------------------- */

typedef struct
{
  LkSession *session;
  char      *name;
  char      *instructions;
  char      *scale;
  gint64     time_limit;
  char      *path;
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  g_clear_object (&job->session);
  g_free (job->name);
  g_free (job->instructions);
  g_free (job->scale);
  g_free (job->path);
  g_free (job);
}

static gpointer
import_job (gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  ImportJob *job = data;
  LkTrainingExerciseSpec spec = { job->name, job->instructions, job->scale, job->time_limit };
  gint64 id = lk_training_exercise_import (job->session, &spec, job->path, error);

  return id != 0 ? g_memdup2 (&id, sizeof id) : NULL;
}

void
lk_training_exercise_import_async (LkSession                    *session,
                                   const LkTrainingExerciseSpec *spec,
                                   const char                   *path,
                                   GCancellable                 *cancellable,
                                   GAsyncReadyCallback           callback,
                                   gpointer                      user_data)
{
  ImportJob *job = g_new0 (ImportJob, 1);

  g_return_if_fail (LK_IS_SESSION (session));

  job->session = g_object_ref (session);
  job->name = g_strdup (spec->name);
  job->instructions = g_strdup (spec->instructions);
  job->scale = g_strdup (spec->scale);
  job->time_limit = spec->time_limit;
  job->path = g_strdup (path);
  lk_task_run (session, cancellable, callback, user_data, lk_training_exercise_import_async,
               import_job, job, (GDestroyNotify) import_job_free, g_free);
}

gint64
lk_training_exercise_import_finish (GAsyncResult  *result,
                                    GError       **error)
{
  g_autofree gint64 *id = lk_task_finish (result, lk_training_exercise_import_async, error);

  return id != NULL ? *id : 0;
}
