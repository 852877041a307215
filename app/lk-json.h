/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Small JSON helpers shared by the core's readers and writers. */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Sets @name to @value, or to null when @value is NULL. */
void       lk_json_set_text    (JsonObject  *object,
                                const char  *name,
                                const char  *value);
/* The string member @name, or NULL when it is absent, null or not a string. */
const char *lk_json_string     (JsonObject  *object,
                                const char  *name);
/* Stored JSON text back to a node; a null node for NULL or text that is not JSON. */
JsonNode  *lk_json_parse       (const char  *text);
/* Stored JSON text back to an array; an empty array for anything that is not one. */
JsonArray *lk_json_parse_array (const char  *text);
/* Compact text for storage. */
char      *lk_json_object_text (JsonObject  *object);
char      *lk_json_array_text  (JsonArray   *array);

G_END_DECLS
