/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Progress of slow core work, reported from a worker thread and read on the main loop. Reports
 * are coalesced: however often a worker reports, the owner's main context sees at most one
 * pending update, carrying the newest figures (the pattern of Sysprof's document loader). */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define LK_TYPE_PROGRESS (lk_progress_get_type ())
G_DECLARE_FINAL_TYPE (LkProgress, lk_progress, LK, PROGRESS, GObject)

/* Notifications ("done", "total", "fraction", "text") arrive on the thread-default main
 * context of the thread that creates the object. */
LkProgress *lk_progress_new          (void);
/* Any thread: @done of @total steps, @text what is being done (may be NULL). */
void        lk_progress_report       (LkProgress  *self,
                                      guint        done,
                                      guint        total,
                                      const char  *text);
guint       lk_progress_get_done     (LkProgress  *self);
guint       lk_progress_get_total    (LkProgress  *self);
/* done / total, 0 while the total is unknown. */
double      lk_progress_get_fraction (LkProgress  *self);
const char *lk_progress_get_text     (LkProgress  *self);

G_END_DECLS
