/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One characteristic of the feature list as the examiner assessed it in an examination: its
 * visibility in each image, the result of the comparison, its significance and a note. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Vocabularies, NULL-terminated. */
const char * const *lk_observation_visibilities  (void); /* visible, partly, not-visible */
const char * const *lk_observation_results       (void); /* similar, dissimilar,
                                                           * not-assessable,
                                                           * explainable-difference */
const char * const *lk_observation_significances (void); /* class, individualising */

#define LK_TYPE_OBSERVATION (lk_observation_get_type ())
G_DECLARE_FINAL_TYPE (LkObservation, lk_observation, LK, OBSERVATION, GObject)

/* The characteristic's id in the feature list, its component's name and its own name (NULL for
 * an id the examination's edition does not know). */
const char *lk_observation_get_characteristic       (LkObservation *self);
const char *lk_observation_get_component            (LkObservation *self);
const char *lk_observation_get_name                 (LkObservation *self);
/* Each NULL while not recorded; the words are those of the vocabularies above. */
const char *lk_observation_get_visibility_probe     (LkObservation *self);
const char *lk_observation_get_visibility_candidate (LkObservation *self);
const char *lk_observation_get_result               (LkObservation *self);
const char *lk_observation_get_significance         (LkObservation *self);
/* "" when there is none. */
const char *lk_observation_get_note                 (LkObservation *self);
const char *lk_observation_get_updated_at           (LkObservation *self);

G_END_DECLS
