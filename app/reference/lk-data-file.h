/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The data resource: the files that ship inside Likeness (offence categories, the feature list,
 * the conclusion scales, the demo images) and the JSON Schemas that data files are checked
 * against (resources/\*.schema.json). */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Bytes of a file in the data resource, e.g. "demo/grace_hopper.jpg". */
GBytes   *lk_data_file_lookup        (const char  *name,
                                      GError     **error);
/* A shipped JSON file, parsed. The shipped files are part of the build, so a missing or broken
 * one stops the process (a core test checks them all). */
JsonNode *lk_data_file_load          (const char  *name);
/* Parses @bytes and checks them against "schemas/@schema.schema.json" of the data resource. */
JsonNode *lk_data_file_parse_checked (GBytes      *bytes,
                                      const char  *schema,
                                      const char  *label,
                                      GError     **error);
/* Sets @error to LK_ERROR_INVALID_INPUT, "@label: message", and returns FALSE: how the checks of
 * a data file report what a schema cannot say. */
gboolean  lk_data_file_invalid       (GError     **error,
                                      const char  *label,
                                      const char  *format,
                                      ...) G_GNUC_PRINTF (3, 4);

G_END_DECLS
