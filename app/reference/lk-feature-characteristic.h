/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One characteristic of a feature-list edition (FISWG-based): its id, its name and the
 * descriptors the list suggests for it. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define LK_TYPE_FEATURE_CHARACTERISTIC (lk_feature_characteristic_get_type ())
G_DECLARE_FINAL_TYPE (LkFeatureCharacteristic, lk_feature_characteristic, LK,
                      FEATURE_CHARACTERISTIC, GObject)

/* The id, unique in the list and starting with its component's id ("skin.tone"). */
const char         *lk_feature_characteristic_get_id          (LkFeatureCharacteristic *self);
const char         *lk_feature_characteristic_get_name        (LkFeatureCharacteristic *self);
/* NULL-terminated, empty when the list suggests none. */
const char * const *lk_feature_characteristic_get_descriptors (LkFeatureCharacteristic *self);

G_END_DECLS
