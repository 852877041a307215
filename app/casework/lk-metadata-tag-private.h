/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Internal to app/: tags are made only from what intake stored. */
#pragma once

#include "lk-internal.h"
#include "casework/lk-metadata-tag.h"

G_BEGIN_DECLS

LkMetadataTag *lk_metadata_tag_new (const char *name,
                                    const char *value);

G_END_DECLS
