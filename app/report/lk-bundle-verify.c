/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Checking a disclosure bundle against its SHA256SUMS: every file that changed, went missing or
 * was added, by name. Needs no database, so that a recipient can run it as well. */
#include "config.h"

#include <string.h>

#include "report/lk-bundle-private.h"

#include "lk-error.h"
#include "lk-task.h"

char *
lk_bundle_file_sha256 (const char    *path,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) in = g_file_read (file, cancellable, error);
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  guchar buffer[65536];
  gssize n;

  if (in == NULL)
    return NULL;
  while ((n = g_input_stream_read (G_INPUT_STREAM (in), buffer, sizeof buffer, cancellable,
                                   error)) > 0)
    g_checksum_update (sum, buffer, n);
  if (n < 0)
    return NULL;
  return g_strdup (g_checksum_get_string (sum));
}

static gboolean
list_into (const char  *root,
           const char  *relative,
           GPtrArray   *names,
           GError     **error)
{
  g_autofree char *path = relative ? g_build_filename (root, relative, NULL) : g_strdup (root);
  g_autoptr(GDir) dir = g_dir_open (path, 0, error);
  const char *name;

  if (dir == NULL)
    return FALSE;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = relative ? g_strconcat (relative, "/", name, NULL)
                                        : g_strdup (name);
      g_autofree char *full = g_build_filename (root, child, NULL);

      if (g_file_test (full, G_FILE_TEST_IS_SYMLINK) ||
          g_file_test (full, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (names, g_steal_pointer (&child));
      else if (g_file_test (full, G_FILE_TEST_IS_DIR) && !list_into (root, child, names, error))
        return FALSE;
    }
  return TRUE;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

GPtrArray *
lk_bundle_list_files (const char  *dir,
                      GError     **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  if (!list_into (dir, NULL, names, error))
    return NULL;
  g_ptr_array_sort (names, compare_names);
  return g_steal_pointer (&names);
}

/* ---- SHA256SUMS ---------------------------------------------------------------------------- */

static gboolean
is_sha256 (const char *text)
{
  for (int i = 0; i < 64; i++)
    if (!g_ascii_isxdigit (text[i]) || g_ascii_isupper (text[i]))
      return FALSE;
  return TRUE;
}

/* "HASH  NAME" (text mode) or "HASH *NAME" (binary mode), as sha256sum writes them. */
static gboolean
parse_line (const char  *line,
            guint        number,
            GHashTable  *sums,
            GError     **error)
{
  const char *name = line + 66;

  if (strlen (line) < 67 || !is_sha256 (line) || line[64] != ' ' ||
      (line[65] != ' ' && line[65] != '*') || name[0] == '/' || strstr (name, "..") != NULL)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                   "SHA256SUMS line %u is not “SHA-256, two spaces, file name”", number);
      return FALSE;
    }
  if (!g_hash_table_insert (sums, g_strdup (name), g_strndup (line, 64)))
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                   "SHA256SUMS lists %s twice (line %u)", name, number);
      return FALSE;
    }
  return TRUE;
}

GHashTable *
lk_bundle_parse_sums (const char  *text,
                      gsize        length,
                      GError     **error)
{
  g_autoptr(GHashTable) sums = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *copy = NULL;
  g_auto(GStrv) lines = NULL;

  g_return_val_if_fail (text != NULL || length == 0, NULL);

  /* A NUL byte would end the text early and hide every line after it. */
  if (memchr (text, '\0', length) != NULL)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                   "SHA256SUMS holds a NUL byte; it is not a text file");
      return NULL;
    }
  copy = g_strndup (text, length);
  lines = g_strsplit (copy, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] != '\0' && !parse_line (lines[i], i + 1, sums, error))
      return NULL;
  return g_steal_pointer (&sums);
}

static GHashTable *
read_sums (const char  *dir,
           GError     **error)
{
  g_autofree char *path = g_build_filename (dir, LK_BUNDLE_SUMS, NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) local = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &text, &length, &local))
    {
      g_set_error (error, LK_ERROR, LK_ERROR_NOT_FOUND, "%s is not a disclosure bundle: %s",
                   dir, local->message);
      return NULL;
    }
  return lk_bundle_parse_sums (text, length, error);
}

/* ---- the check ----------------------------------------------------------------------------- */

void
lk_bundle_problem_free (LkBundleProblem *problem)
{
  g_free (problem->file);
  g_free (problem);
}

const char *
lk_bundle_problem_kind_to_string (LkBundleProblemKind kind)
{
  switch (kind)
    {
    case LK_BUNDLE_FILE_CHANGED:
      return "changed";
    case LK_BUNDLE_FILE_MISSING:
      return "missing";
    case LK_BUNDLE_FILE_ADDED:
      return "added";
    default:
      g_assert_not_reached ();
    }
}

static void
add_problem (GPtrArray           *problems,
             LkBundleProblemKind  kind,
             const char          *file)
{
  LkBundleProblem *problem = g_new0 (LkBundleProblem, 1);

  problem->kind = kind;
  problem->file = g_strdup (file);
  g_ptr_array_add (problems, problem);
}

static int
compare_problems (gconstpointer a,
                  gconstpointer b)
{
  const LkBundleProblem *pa = *(LkBundleProblem * const *) a;
  const LkBundleProblem *pb = *(LkBundleProblem * const *) b;

  return strcmp (pa->file, pb->file);
}

/* Compares each file on disk with its listed hash; marks what was seen in @seen. */
static gboolean
check_present (const char    *dir,
               GPtrArray     *files,
               GHashTable    *sums,
               GHashTable    *seen,
               GPtrArray     *problems,
               GCancellable  *cancellable,
               GError       **error)
{
  for (guint i = 0; i < files->len; i++)
    {
      const char *name = g_ptr_array_index (files, i);
      const char *expected = g_hash_table_lookup (sums, name);
      g_autofree char *path = NULL, *actual = NULL;

      if (g_str_equal (name, LK_BUNDLE_SUMS))
        continue;
      if (expected == NULL)
        {
          add_problem (problems, LK_BUNDLE_FILE_ADDED, name);
          continue;
        }
      g_hash_table_add (seen, (gpointer) name);
      path = g_build_filename (dir, name, NULL);
      if ((actual = lk_bundle_file_sha256 (path, cancellable, error)) == NULL)
        return FALSE;
      if (!g_str_equal (actual, expected))
        add_problem (problems, LK_BUNDLE_FILE_CHANGED, name);
    }
  return TRUE;
}

GPtrArray *
lk_bundle_verify (const char    *dir,
                  guint         *n_files,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(GHashTable) sums = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GPtrArray) problems =
    g_ptr_array_new_with_free_func ((GDestroyNotify) lk_bundle_problem_free);
  GHashTableIter iter;
  gpointer name;

  g_return_val_if_fail (dir != NULL, NULL);

  if ((sums = read_sums (dir, error)) == NULL ||
      (files = lk_bundle_list_files (dir, error)) == NULL ||
      !check_present (dir, files, sums, seen, problems, cancellable, error))
    return NULL;
  g_hash_table_iter_init (&iter, sums);
  while (g_hash_table_iter_next (&iter, &name, NULL))
    if (!g_hash_table_contains (seen, name))
      add_problem (problems, LK_BUNDLE_FILE_MISSING, name);
  g_ptr_array_sort (problems, compare_problems);
  if (n_files != NULL)
    *n_files = g_hash_table_size (sums);
  return g_steal_pointer (&problems);
}

/* ---- in a worker thread -------------------------------------------------------------------- */

static gpointer
verify_job (gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  return lk_bundle_verify (data, NULL, cancellable, error);
}

void
lk_bundle_verify_async (const char          *dir,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_return_if_fail (dir != NULL);

  lk_task_run (NULL, cancellable, callback, user_data, lk_bundle_verify_async, verify_job,
               g_strdup (dir), g_free, (GDestroyNotify) g_ptr_array_unref);
}

GPtrArray *
lk_bundle_verify_finish (GAsyncResult  *result,
                         GError       **error)
{
  return lk_task_finish (result, lk_bundle_verify_async, error);
}
