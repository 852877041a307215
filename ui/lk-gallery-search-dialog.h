/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lk-core.h"

G_BEGIN_DECLS

#define LK_TYPE_GALLERY_SEARCH_DIALOG (lk_gallery_search_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LkGallerySearchDialog, lk_gallery_search_dialog, LK, GALLERY_SEARCH_DIALOG,
                      AdwWindow)

/* Searches a gallery held by Likeness with the built-in engine in a worker thread; the result
 * is recorded like an imported list. Emits "done". NULL with @error when the policy it shows
 * (the engine, the number of candidates) cannot be read. */
LkGallerySearchDialog *lk_gallery_search_dialog_new (LkSession  *session,
                                                     gint64      probe_id,
                                                     GError    **error);

G_END_DECLS
