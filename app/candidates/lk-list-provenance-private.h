/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Internal to app/: the record is read from the facts as JSON (lk_candidates_list_json and
 * lk_candidates_preview), so the UI and `candidates show --json` say the same. */
#pragma once

#include <json-glib/json-glib.h>

#include "lk-internal.h"
#include "candidates/lk-list-provenance.h"

G_BEGIN_DECLS

LkListProvenance *lk_list_provenance_new_from_json (JsonObject *facts);

G_END_DECLS
