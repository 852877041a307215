/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Internal to app/: the components are read from a feature list that passed
 * lk_feature_list_parse (). */
#pragma once

#include <json-glib/json-glib.h>

#include "lk-internal.h"
#include "reference/lk-feature-component.h"

G_BEGIN_DECLS

/* The components of @list as a GListModel of LkFeatureComponent, in the list's order. */
GListModel *lk_feature_component_list_from_json (JsonObject *list);

G_END_DECLS
