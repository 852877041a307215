/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE for NULL, "" and text of white space only. */
gboolean lk_text_is_blank (const char  *text);
/* The audit log's name for a record: "KIND:ID", e.g. "candidate:7". */
char    *lk_object_name   (const char  *kind,
                           gint64       id);
/* TRUE when @value is valid UTF-8 with something other than white space; otherwise FALSE with
 * an %LK_ERROR_INVALID_INPUT error reading @message. */
gboolean lk_require_text  (const char  *value,
                           const char  *message,
                           GError     **error);

G_END_DECLS
