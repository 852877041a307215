/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Internal to app/: quality figures are read from what intake stored with each face. */
#pragma once

#include <json-glib/json-glib.h>

#include "lk-internal.h"
#include "casework/lk-quality-measure.h"

G_BEGIN_DECLS

/* A figure from one item of a stored readout (see lk_quality_readout ()). */
LkQualityMeasure *lk_quality_measure_new_from_json (JsonObject *item);
/* The stored readout @node (a JSON array, or anything else for none) as a GListModel of
 * LkQualityMeasure. */
GListModel       *lk_quality_measure_list_from_json (JsonNode  *node);

G_END_DECLS
