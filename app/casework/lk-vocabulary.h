/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The words of casework: NULL-terminated ids and readable labels for them. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char * const *lk_vocabulary_case_statuses     (void);
/* The readable label of a case status; the id itself when unknown. */
const char         *lk_vocabulary_case_status_label (const char *status);
const char * const *lk_vocabulary_source_types      (void);
const char * const *lk_vocabulary_probe_kinds       (void);
const char * const *lk_vocabulary_suitabilities     (void);
const char * const *lk_vocabulary_factors           (void);
/* The readable label of a source type, probe kind, probe status, suitability or factor. */
const char         *lk_vocabulary_label             (const char *id);

G_END_DECLS
