/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

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

/* Characters that break a line, move the cursor or reorder the text around them. */
static gboolean
is_hostile (gunichar c)
{
  GUnicodeType type = g_unichar_type (c);

  return type == G_UNICODE_CONTROL || type == G_UNICODE_LINE_SEPARATOR ||
         type == G_UNICODE_PARAGRAPH_SEPARATOR ||
         (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

static void
append_escape (GString  *out,
               gunichar  c)
{
  if (c == '\n')
    g_string_append (out, "\\n");
  else if (c == '\r')
    g_string_append (out, "\\r");
  else if (c == '\t')
    g_string_append (out, "\\t");
  else if (c < 0x100)
    g_string_append_printf (out, "\\x%02x", c);
  else
    g_string_append_printf (out, "\\u%04x", c);
}

char *
lk_text_escape (const char *text)
{
  GString *out;
  const char *p = text;
  const char *end;

  if (text == NULL)
    return NULL;
  out = g_string_sized_new (strlen (text));
  end = text + strlen (text);
  while (p < end)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append_printf (out, "\\x%02x", (guchar) *p++);
          continue;
        }
      if (is_hostile (c))
        append_escape (out, c);
      else
        g_string_append_unichar (out, c);
      p = g_utf8_next_char (p);
    }
  return g_string_free (out, FALSE);
}

gboolean
lk_require_name (const char  *value,
                 const char  *label,
                 GError     **error)
{
  g_autofree char *quoted = NULL;

  g_return_val_if_fail (label != NULL, FALSE);

  if (lk_text_is_blank (value))
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "The %s is required", label);
      return FALSE;
    }
  quoted = lk_text_escape (value);
  if (!g_utf8_validate (value, -1, NULL))
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "The %s “%s” is not valid UTF-8",
                   label, quoted);
      return FALSE;
    }
  for (const char *p = value; *p != '\0'; p = g_utf8_next_char (p))
    if (is_hostile (g_utf8_get_char (p)))
      {
        g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                     "The %s “%s” contains a control character; it must be one line of "
                     "printable text", label, quoted);
        return FALSE;
      }
  return TRUE;
}
