/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Internal to app/: the record is read from the examination's JSON (lk_examinations_to_json),
 * so the workspace and `examination show --json` say the same. */
#pragma once

#include <json-glib/json-glib.h>

#include "lk-internal.h"
#include "examination/lk-examination.h"

G_BEGIN_DECLS

LkExamination *lk_examination_new_from_json (JsonObject *examination);

G_END_DECLS
