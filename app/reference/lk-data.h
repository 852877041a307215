/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The data files that ship inside Likeness: offence categories, the feature list and the
 * conclusion scales, each checked against its JSON Schema (resources/\*.schema.json) at
 * start-up (lk_data_check()) and when first used. Including this header includes each of
 * them. */
#pragma once

#include "reference/lk-data-file.h"
#include "reference/lk-feature-list.h"
#include "reference/lk-offences.h"
#include "reference/lk-scale.h"

G_BEGIN_DECLS

/* Checks every data file that ships inside Likeness (the feature list and the scales against
 * their schemas, the offence categories as JSON) without stopping the process, so that a
 * broken build is reported clearly at start-up rather than when a file is first used. */
gboolean lk_data_check (GError **error);

G_END_DECLS
