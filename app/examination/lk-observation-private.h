/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Internal to app/: observations are read from their JSON (lk_observations_json), so the feature
 * panel and `examination observations --json` say the same. */
#pragma once

#include <json-glib/json-glib.h>

#include "lk-internal.h"
#include "examination/lk-observation.h"

G_BEGIN_DECLS

/* @observations (a JSON array of observation objects) as a GListModel of LkObservation. */
GListModel *lk_observation_list_from_json (JsonArray *observations);

G_END_DECLS
