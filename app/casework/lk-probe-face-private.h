/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Internal to app/: faces are read from the JSON that intake stored with the probe. */
#pragma once

#include <json-glib/json-glib.h>

#include "lk-internal.h"
#include "casework/lk-probe-face.h"

G_BEGIN_DECLS

/* The stored faces @node (a JSON array of objects; anything else for none) as a GListModel of
 * LkProbeFace, in the detector's order. */
GListModel *lk_probe_face_list_from_json (JsonNode *node);

G_END_DECLS
