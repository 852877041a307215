/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One component of a feature-list edition (skin, face outline, ...), with its characteristics
 * in the list's order. */
#pragma once

#include <gio/gio.h>

#include "reference/lk-feature-characteristic.h"

G_BEGIN_DECLS

#define LK_TYPE_FEATURE_COMPONENT (lk_feature_component_get_type ())
G_DECLARE_FINAL_TYPE (LkFeatureComponent, lk_feature_component, LK, FEATURE_COMPONENT, GObject)

const char *lk_feature_component_get_id              (LkFeatureComponent *self);
/* Its number in the list (FISWG's section number). */
int         lk_feature_component_get_number          (LkFeatureComponent *self);
const char *lk_feature_component_get_name            (LkFeatureComponent *self);
/* A GListModel of LkFeatureCharacteristic. */
GListModel *lk_feature_component_get_characteristics (LkFeatureComponent *self);

G_END_DECLS
