/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "lk-util.h"

gboolean
lk_text_is_blank (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}
