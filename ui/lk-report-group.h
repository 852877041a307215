/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lk-core.h"

G_BEGIN_DECLS

#define LK_TYPE_REPORT_GROUP (lk_report_group_get_type ())
G_DECLARE_FINAL_TYPE (LkReportGroup, lk_report_group, LK, REPORT_GROUP, AdwPreferencesGroup)

/* The case page's "Report and Disclosure" group: the examination report (PDF) and the
 * disclosure bundle of one case, made in the core's worker thread with progress and a Cancel
 * button, then offered to open or to show in its folder. Before every conclusion of the case is
 * countersigned it makes drafts and says why. Actions report.make and report.export ask where
 * to save; report.cancel stops the work in progress. */
void lk_report_group_set_case    (LkReportGroup *self,
                                  LkSession     *session,
                                  const char    *number);
/* Re-reads whether the case is ready for a final report. */
void lk_report_group_reload      (LkReportGroup *self);
/* Writes the report to @file / the bundle into the new folder @folder, as the Save dialogs do. */
void lk_report_group_make_report (LkReportGroup *self,
                                  GFile         *file);
void lk_report_group_export      (LkReportGroup *self,
                                  GFile         *folder);

G_END_DECLS
