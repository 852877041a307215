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
/* The deepest nesting and the largest size Likeness reads from outside (candidate lists, their
 * CSV headers, feature-list editions): far beyond any real document, far below what overflows
 * the parser's stack. */
#define LK_JSON_MAX_DEPTH 64
#define LK_JSON_MAX_SIZE  (64 * 1024 * 1024)

/* Every JSON text from outside goes through here: @text (@length bytes, or up to its NUL when
 * negative; NULL with a length of 0 is the empty text) parsed after checking its size against @max_size and its nesting against
 * LK_JSON_MAX_DEPTH, and that it is strict JSON. A null node for an empty text; NULL with an
 * %LK_ERROR_INVALID_INPUT error reading "not valid JSON: line ...", "nested more than ..." or
 * "larger than ..." for the rest, for the caller to prefix with the document's name. */
JsonNode  *lk_json_load        (const char  *text,
                                gssize       length,
                                gsize        max_size,
                                GError     **error);
/* The same for JSON text the core stored, which it nests a little deeper than it accepts. */
JsonNode  *lk_json_load_stored (const char  *text,
                                GError     **error);
/* Stored JSON text back to a node; a null node for NULL or text that is not JSON. */
JsonNode  *lk_json_parse       (const char  *text);
/* Stored JSON text back to an array; an empty array for anything that is not one. */
JsonArray *lk_json_parse_array (const char  *text);
/* Compact text for storage. */
char      *lk_json_object_text (JsonObject  *object);
char      *lk_json_array_text  (JsonArray   *array);

G_END_DECLS
