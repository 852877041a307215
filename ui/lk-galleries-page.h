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
 * galleries.cancel; and the built-in engine's embedding model, shown with its SHA-256 and
 * input convention, installed with its descriptor by galleries.install-model (two choosers:
 * the model, then its descriptor). */
void lk_galleries_page_set_session (LkGalleriesPage *self,
                                    LkSession       *session);
/* Starts enrolling @folder (or a CSV list) into @database (what the choosers do). */
void lk_galleries_page_enrol       (LkGalleriesPage *self,
                                    const char      *database,
                                    GFile           *folder);
gboolean lk_galleries_page_is_busy (LkGalleriesPage *self);
/* Installs @model with @descriptor in a worker thread (what the choosers do); the model row
 * shows the result, an error dialog the core's refusal. */
void lk_galleries_page_install_model (LkGalleriesPage *self,
                                      GFile           *model,
                                      GFile           *descriptor);

G_END_DECLS
