/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Internal to app/: signatures are read from their JSON (`verify show --json`), so the
 * verification view and the CLI say the same. */
#pragma once

#include <json-glib/json-glib.h>

#include "lk-internal.h"
#include "verification/lk-verification-signature.h"

G_BEGIN_DECLS

/* @node (a JSON array of signature objects; anything else for none) as a GListModel of
 * LkVerificationSignature, in the same order. */
GListModel *lk_verification_signature_list_from_json (JsonNode *node);

G_END_DECLS
