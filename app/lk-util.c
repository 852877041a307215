/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "lk-error.h"
#include "lk-util.h"

gboolean
lk_text_is_blank (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

char *
lk_object_name (const char *kind,
                gint64      id)
{
  return g_strdup_printf ("%s:%" G_GINT64_FORMAT, kind, id);
}

gboolean
lk_require_text (const char  *value,
                 const char  *message,
                 GError     **error)
{
  if (!lk_text_is_blank (value) && g_utf8_validate (value, -1, NULL))
    return TRUE;
  g_set_error_literal (error, LK_ERROR, LK_ERROR_INVALID_INPUT, message);
  return FALSE;
}
