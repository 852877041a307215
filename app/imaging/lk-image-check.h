/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Whether an image file's data is all there: a JPEG or PNG whose data ends early, or fails a
 * checksum, would otherwise decode to an image padded with grey, with the decoder's complaint
 * printed on standard error. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE when @bytes hold a JPEG or PNG that decodes without a complaint, or another format (left
 * to its decoder); otherwise FALSE with an %LK_ERROR_IMAGE error that says what the decoder
 * found. Nothing is printed. */
gboolean lk_image_check_intact (GBytes  *bytes,
                                GError **error);

G_END_DECLS
