/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The feature list: the one that ships with Likeness (components with characteristics), and the
 * checks of any feature-list file, checked against feature-list.schema.json. */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The feature list that ships with Likeness (components with characteristics), borrowed. A
 * lab's own edition is installed per database: see lk-feature-lists.h. */
JsonObject      *lk_feature_list       (void);
const char      *lk_feature_list_edition (void);
gboolean         lk_feature_list_has_component (const char *id);
/* The ids of its components in the list's order, NULL-terminated and borrowed; the name of
 * component @id, or NULL for an id the list does not have. */
const char * const *lk_feature_list_component_ids (void);
const char      *lk_feature_list_component_name (const char *id);

/* Parses a feature-list file and checks it against feature-list.schema.json and for what a
 * schema cannot say (unique ids and numbers, characteristic ids under their component). Errors
 * (LK_ERROR_INVALID_INPUT) start with @label and the JSON path of the problem. */
JsonNode        *lk_feature_list_parse (GBytes      *bytes,
                                        const char  *label,
                                        GError     **error);
/* The characteristic @id of @list (borrowed), and @component its component; NULL if absent. */
JsonObject      *lk_feature_list_find  (JsonObject  *list,
                                        const char  *id,
                                        JsonObject **component);
guint            lk_feature_list_count_characteristics (JsonObject *list);

G_END_DECLS
