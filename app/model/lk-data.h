/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The data files that ship inside Likeness: offence categories and the feature list. */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct
{
  char     *code;
  char     *name;
  int       seriousness; /* 1 (least) .. 5 (most serious) */
  gboolean  approval;    /* needs an administrator's approval */
} LkOffence;

/* Borrowed, valid for the life of the process. */
const GPtrArray *lk_offences           (void);
const LkOffence *lk_offence_lookup     (const char  *code);

/* The feature list (components with characteristics), borrowed. */
JsonObject      *lk_feature_list       (void);
const char      *lk_feature_list_edition (void);
gboolean         lk_feature_list_has_component (const char *id);

/* Bytes of a file in the data resource, e.g. "demo/grace_hopper.jpg". */
GBytes          *lk_data_lookup        (const char  *name,
                                        GError     **error);

G_END_DECLS
