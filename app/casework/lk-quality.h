/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The automatic quality readout: figures with a traffic light and a one-line explanation. */
#pragma once

#include <json-glib/json-glib.h>

#include "imaging/lk-cv.h"
#include "store/lk-store.h"

G_BEGIN_DECLS

/* A JSON array of {metric, label, value, unit, light ("green", "amber", "red" or "unknown"),
 * explanation}, against the policy's thresholds; NULL with @error when they cannot be read. */
JsonArray *lk_quality_readout (LkStore                 *store,
                               const LkQualityFigures  *figures,
                               GError                 **error);

G_END_DECLS
