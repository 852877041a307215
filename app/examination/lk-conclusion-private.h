/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Internal to app/: conclusions are read from their JSON (lk-conclusions-json.c), so the
 * workspace and `conclusion list --json` say the same. */
#pragma once

#include <json-glib/json-glib.h>

#include "lk-internal.h"
#include "examination/lk-conclusion.h"

G_BEGIN_DECLS

/* @conclusions (a JSON array of conclusion objects) as a GListModel of LkConclusion. */
GListModel *lk_conclusion_list_from_json (JsonArray *conclusions);

G_END_DECLS
