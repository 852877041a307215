/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Internal to app/: a characteristic is read from its object in a checked feature list. */
#pragma once

#include <json-glib/json-glib.h>

#include "lk-internal.h"
#include "reference/lk-feature-characteristic.h"

G_BEGIN_DECLS

/* The characteristics of a component (a JSON array of objects, or NULL) as a GListModel of
 * LkFeatureCharacteristic. */
GListModel *lk_feature_characteristic_list_from_json (JsonArray *characteristics);

G_END_DECLS
