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

/* @text as it may be quoted in a one-line message: control characters, line separators and
 * direction overrides written as escapes (\n, \t, \x1b, \u202e), bytes that are not UTF-8 as
 * \xNN. NULL for NULL. */
char    *lk_text_escape   (const char  *text);
/* TRUE when @value is usable as an identifier or a name (a case number, a gallery name, a
 * subject reference, a user name): valid UTF-8, not blank, and without control characters, line
 * separators or direction overrides; otherwise FALSE with an %LK_ERROR_INVALID_INPUT error
 * naming @label and quoting @value escaped. */
gboolean lk_require_name  (const char  *value,
                           const char  *label,
                           GError     **error);

G_END_DECLS
