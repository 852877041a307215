/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Internal to app/: acknowledgements as a conclusion stores them. */
#pragma once

#include <json-glib/json-glib.h>

#include "lk-internal.h"
#include "examination/lk-acknowledgement.h"

G_BEGIN_DECLS

/* @node (the stored JSON array of {"id", "message", "acknowledgement"}; anything else for none)
 * as a GListModel of LkAcknowledgement. */
GListModel *lk_acknowledgement_list_from_json (JsonNode *node);

G_END_DECLS
