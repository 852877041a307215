/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Internal to app/: annotations are read from the examination's JSON (see
 * lk_examinations_get), so the record and `examination show --json` say the same. */
#pragma once

#include <json-glib/json-glib.h>

#include "lk-internal.h"
#include "examination/lk-annotation.h"

G_BEGIN_DECLS

/* @annotations (a JSON array of annotation objects, or NULL) as a GListModel of LkAnnotation,
 * in the same order. */
GListModel *lk_annotation_list_from_json (JsonArray *annotations);

G_END_DECLS
