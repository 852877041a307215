/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lk-core.h"

G_BEGIN_DECLS

#define LK_TYPE_GALLERIES_PAGE (lk_galleries_page_get_type ())
G_DECLARE_FINAL_TYPE (LkGalleriesPage, lk_galleries_page, LK, GALLERIES_PAGE, AdwBin)

/* Administration > Reference Databases: register databases with their legal basis, enrol
 * images into galleries of the built-in engine (a folder with one sub-folder per subject, or a
 * CSV list of image,subject_ref) with progress and cancellation. Actions: galleries.register,
 * galleries.enrol and galleries.enrol-csv (s: database name; they open a chooser),
 * galleries.cancel. */
void lk_galleries_page_set_session (LkGalleriesPage *self,
                                    LkSession       *session);
/* Starts enrolling @folder (or a CSV list) into @database (what the choosers do). */
void lk_galleries_page_enrol       (LkGalleriesPage *self,
                                    const char      *database,
                                    GFile           *folder);
gboolean lk_galleries_page_is_busy (LkGalleriesPage *self);

G_END_DECLS
