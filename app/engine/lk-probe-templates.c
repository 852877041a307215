/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Kept probe templates: see lk-probe-templates.h. The vector is stored as little-endian
 * float32, as gallery templates are. */
#include "config.h"

#include <string.h>

#include "engine/lk-probe-templates.h"
#include "store/lk-store-private.h"

void
lk_probe_template_clear (LkProbeTemplate *t)
{
  g_clear_pointer (&t->vector, g_free);
  g_clear_pointer (&t->aligned_by, g_free);
  t->dimension = 0;
}

static void
append_number (GString *s,
               double   v)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_c (s, ' ');
  g_string_append (s, g_ascii_dtostr (buffer, sizeof buffer, v));
}

/* The face as the key names it: everything the template's alignment may depend on, numbers
 * written exactly and independently of the locale. */
static char *
face_key (const LkFace *face)
{
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, "box %d %d %d %d", face->x, face->y, face->width, face->height);
  if (face->has_eyes)
    {
      g_string_append (s, " eyes");
      append_number (s, face->eye_a.x);
      append_number (s, face->eye_a.y);
      append_number (s, face->eye_b.x);
      append_number (s, face->eye_b.y);
    }
  if (face->n_landmarks > 0)
    g_string_append (s, " landmarks");
  for (int i = 0; i < face->n_landmarks; i++)
    {
      append_number (s, face->landmarks[i].x);
      append_number (s, face->landmarks[i].y);
    }
  return g_string_free (s, FALSE);
}

static gboolean
read_vector (LkStmt          *stmt,
             LkProbeTemplate *t)
{
  gsize size = 0;
  const guint8 *le = lk_stmt_blob (stmt, 1, &size);
  guint dimension = (guint) lk_stmt_int (stmt, 0);

  if (le == NULL || dimension == 0 || size != sizeof (float) * dimension)
    return FALSE;
  t->dimension = dimension;
  t->vector = g_new (float, dimension);
  for (guint i = 0; i < dimension; i++)
    {
      guint32 bits;

      memcpy (&bits, le + 4 * i, 4);
      bits = GUINT32_FROM_LE (bits);
      memcpy (&t->vector[i], &bits, 4);
    }
  t->aligned_by = lk_stmt_dup_text (stmt, 2);
  return TRUE;
}

gboolean
lk_probe_template_find (LkStore         *store,
                        const char      *sha256,
                        const LkFace    *face,
                        const char      *engine,
                        const char      *identity,
                        LkProbeTemplate *t,
                        GError         **error)
{
  g_autoptr(LkStoreLock) locker = lk_store_lock (store);
  g_autofree char *key = face_key (face);
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "SELECT dimension, vector, aligned_by FROM probe_templates"
                          " WHERE image_sha256 = ? AND face = ? AND engine = ? AND identity = ?",
                   error);

  g_return_val_if_fail (t->vector == NULL, FALSE);

  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_text (stmt, 1, sha256);
  lk_stmt_bind_text (stmt, 2, key);
  lk_stmt_bind_text (stmt, 3, engine);
  lk_stmt_bind_text (stmt, 4, identity);
  if (!lk_stmt_next (stmt, error))
    return FALSE;
  /* A row that cannot be read is made again, as if none were kept. */
  if (!read_vector (stmt, t))
    {
      lk_probe_template_clear (t);
      return FALSE;
    }
  return TRUE;
}

gboolean
lk_probe_template_keep (LkStore               *store,
                        const char            *sha256,
                        const LkFace          *face,
                        const char            *engine,
                        const char            *identity,
                        const LkProbeTemplate *t,
                        GError               **error)
{
  g_autofree char *key = face_key (face);
  g_autofree char *now = lk_now_utc ();
  g_autofree guint8 *le = g_new (guint8, sizeof (float) * t->dimension + 1);
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "INSERT INTO probe_templates (image_sha256, face, engine, identity,"
                          " aligned_by, dimension, vector, made_at) VALUES (?, ?, ?, ?, ?, ?, ?,"
                          " ?) ON CONFLICT DO NOTHING", error);

  g_return_val_if_fail (lk_store_in_transaction (store), FALSE);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < t->dimension; i++)
    {
      guint32 bits;

      memcpy (&bits, &t->vector[i], 4);
      bits = GUINT32_TO_LE (bits);
      memcpy (le + 4 * i, &bits, 4);
    }
  lk_stmt_bind_text (stmt, 1, sha256);
  lk_stmt_bind_text (stmt, 2, key);
  lk_stmt_bind_text (stmt, 3, engine);
  lk_stmt_bind_text (stmt, 4, identity);
  lk_stmt_bind_text (stmt, 5, t->aligned_by);
  lk_stmt_bind_int (stmt, 6, (int) t->dimension);
  lk_stmt_bind_blob (stmt, 7, le, sizeof (float) * t->dimension);
  lk_stmt_bind_text (stmt, 8, now);
  return lk_stmt_done (stmt, error);
}

gboolean
lk_probe_templates_drop (LkStore     *store,
                         const char  *sha256,
                         GError     **error)
{
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "DELETE FROM probe_templates WHERE image_sha256 = ?", error);

  g_return_val_if_fail (lk_store_in_transaction (store), FALSE);

  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_text (stmt, 1, sha256);
  return lk_stmt_done (stmt, error);
}
