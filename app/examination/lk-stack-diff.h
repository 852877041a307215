/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Readable lines, one per change from @before to @after (arrays of steps as
 * lk_cv_enhancement_validate() accepts them): "added step 2: clahe (clip 2, tiles 8)",
 * "removed step 1: invert", "changed step 3: unsharp, amount 1 → 1.5", "moved gamma from step
 * 1 to step 3". A new array. */
JsonArray *lk_enhancement_stack_changes (JsonArray *before,
                                         JsonArray *after);

G_END_DECLS
