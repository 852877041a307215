/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Internal to app/: metadata are read from the JSON that intake stored (lk_metadata_read ()). */
#pragma once

#include <json-glib/json-glib.h>

#include "lk-internal.h"
#include "casework/lk-probe-metadata.h"

G_BEGIN_DECLS

/* From the stored object; anything else (an old probe without metadata) reads as none. */
LkProbeMetadata *lk_probe_metadata_new_from_json (JsonNode *node);

G_END_DECLS
