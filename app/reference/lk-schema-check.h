/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A small JSON Schema (draft 2020-12) validator for the subset that Likeness's own schemas use:
 * type (a name or a list of names), required, properties, additionalProperties (false or a
 * schema), items, enum, const, minLength, maxLength, minItems, maxItems, minimum, maximum,
 * pattern (GRegex, searched anywhere in the string) and $ref to a JSON pointer inside the same
 * schema ("#/$defs/NAME"). Annotations ($schema, $id, $comment, $defs, title, description,
 * format, default, examples) are ignored. Any other keyword is refused, so that a schema never
 * seems to check what it does not. */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Checks @instance against @schema. On the first problem sets LK_ERROR_INVALID_INPUT with a
 * message that starts with the JSON path of the offending value, e.g.
 * "$.components[3].characteristics[0].id: expected a string, found a number". A broken schema
 * fails with LK_ERROR_FAILED. */
gboolean lk_schema_check (JsonNode  *schema,
                          JsonNode  *instance,
                          GError   **error);

G_END_DECLS
