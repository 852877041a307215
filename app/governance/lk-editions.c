/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Installed editions, alike for the feature list (lk-feature-lists.c) and the self-assessment
 * questionnaire (lk-assessment-editions.c): the file read, the stored content read back, and
 * a new edition kept under its name. */
#include "config.h"

#include <string.h>

#include "governance/lk-editions-private.h"
#include "lk-error.h"
#include "lk-util.h"

char *
lk_editions_sha256 (GBytes *bytes)
{
  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

GBytes *
lk_editions_read_file (const LkEditionKind  *kind,
                       const char           *path,
                       GError              **error)
{
  g_autoptr(GError) local = NULL;
  char *data = NULL;
  gsize size = 0;

  if (!g_file_get_contents (path, &data, &size, &local))
    {
      g_set_error (error, LK_ERROR, LK_ERROR_NOT_FOUND, "Cannot read the %s %s: %s", kind->what,
                   path, local->message);
      return NULL;
    }
  if (kind->max_size > 0 && size > kind->max_size)
    {
      g_free (data);
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "%s: a %s is not larger than %"
                   G_GSIZE_FORMAT " MB", path, kind->what, kind->max_size / (1024 * 1024));
      return NULL;
    }
  return g_bytes_new_take (data, size);
}

/* The content and hash of installed edition @edition; FALSE without an error when absent. */
static gboolean
read_installed (LkStore              *store,
                const LkEditionKind  *kind,
                const char           *edition,
                char                **content,
                char                **sha256,
                GError              **error)
{
  g_autoptr(LkStoreLock) locker = lk_store_lock (store);
  g_autofree char *sql = g_strdup_printf ("SELECT content, sha256 FROM %s WHERE edition = ?",
                                          kind->table);
  g_autoptr(LkStmt) stmt = lk_store_stmt (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_text (stmt, 1, edition);
  if (!lk_stmt_next (stmt, error))
    return FALSE;
  if (content != NULL)
    *content = lk_stmt_dup_text (stmt, 0);
  if (sha256 != NULL)
    *sha256 = lk_stmt_dup_text (stmt, 1);
  return TRUE;
}

GBytes *
lk_editions_read_content (LkStore              *store,
                          const LkEditionKind  *kind,
                          const char           *edition,
                          GError              **error)
{
  g_autoptr(GError) local = NULL;
  char *content = NULL;

  if (!read_installed (store, kind, edition, &content, NULL, &local))
    {
      if (local == NULL)
        g_set_error (&local, LK_ERROR, LK_ERROR_NOT_FOUND, "The %s edition “%s” is not "
                     "installed in this database", kind->what, edition);
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  return g_bytes_new_take (content, strlen (content));
}

/* An edition name is bound to its content: the shipped edition to the shipped file, an
 * installed one to what was installed first. Sets @is_new when the name is not known yet. */
static gboolean
check_edition_free (LkStore              *store,
                    const LkEditionKind  *kind,
                    const char           *edition,
                    const char           *sha256,
                    const char           *shipped_sha256,
                    gboolean             *is_new,
                    GError              **error)
{
  g_autofree char *known = g_strdup (shipped_sha256);
  g_autoptr(GError) local = NULL;

  *is_new = FALSE;
  if (known == NULL && !read_installed (store, kind, edition, NULL, &known, &local))
    {
      if (local != NULL)
        return g_propagate_error (error, g_steal_pointer (&local)), FALSE;
      *is_new = TRUE;
      return TRUE;
    }
  if (g_str_equal (known, sha256))
    return TRUE;
  g_set_error (error, LK_ERROR, LK_ERROR_EXISTS, "The %s “%s” already exists with different "
               "content; %s", kind->edition_noun, edition, kind->advice);
  return FALSE;
}

static gboolean
insert_edition (LkStore              *store,
                const LkEditionKind  *kind,
                gint64                user_id,
                const char           *edition,
                GBytes               *bytes,
                const char           *sha256,
                GError              **error)
{
  g_autofree char *sql = g_strdup_printf ("INSERT INTO %s (edition, content, sha256, installed_by,"
                                          " installed_at) VALUES (?, ?, ?, ?, ?)", kind->table);
  g_autoptr(LkStmt) stmt = lk_store_stmt (store, sql, error);
  g_autofree char *now = lk_now_utc ();
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_text (stmt, 1, edition);
  lk_stmt_bind_text_len (stmt, 2, data, size);
  lk_stmt_bind_text (stmt, 3, sha256);
  lk_stmt_bind_int64 (stmt, 4, user_id);
  lk_stmt_bind_text (stmt, 5, now);
  return lk_stmt_done (stmt, error);
}

gboolean
lk_editions_install (LkStore              *store,
                     const LkEditionKind  *kind,
                     gint64                user_id,
                     const char           *edition,
                     GBytes               *bytes,
                     const char           *sha256,
                     const char           *shipped_sha256,
                     gboolean             *is_new,
                     GError              **error)
{
  return check_edition_free (store, kind, edition, sha256, shipped_sha256, is_new, error) &&
         (!*is_new || insert_edition (store, kind, user_id, edition, bytes, sha256, error)) &&
         lk_store_set_setting (store, kind->setting, edition, error);
}
