/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Conclusion scales: the ones that ship with Likeness, and the checks of any scale file. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  int   ordinal;  /* > 0 supports the same person, < 0 different persons, 0 neither */
  char *label;    /* the exact wording */
  int   strength; /* the equivalent step of the seven-level scale: 0 (neither) .. 3 (strong) */
} LkScaleLevel;

typedef struct
{
  char      *name;               /* "default-7", "enfsi": the policy's conclusion_scale */
  char      *edition;            /* the scale's version, recorded with each conclusion */
  char      *title;
  char      *source;
  GPtrArray *levels;             /* LkScaleLevel, from the highest ordinal to the lowest */
  char      *not_suitable_label; /* the separate outcome, which has no ordinal */
} LkScale;

void             lk_scale_free         (LkScale     *scale);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkScale, lk_scale_free)

/* Parses a scale file and checks it against scale.schema.json, then that ordinals are unique,
 * 0 is present, the scale is symmetrical and strength never falls away from 0. Errors start
 * with @label and the JSON path. */
LkScale         *lk_scale_parse        (GBytes      *bytes,
                                        const char  *label,
                                        GError     **error);
/* The scales that ship with Likeness, NULL-terminated names. */
const char * const *lk_scale_names     (void);
/* A shipped scale by name (borrowed, valid for the life of the process); NULL with
 * LK_ERROR_NOT_FOUND for another name. */
const LkScale   *lk_scale_lookup       (const char  *name,
                                        GError     **error);
const LkScaleLevel *lk_scale_get_level (const LkScale *scale,
                                        int            ordinal);

G_END_DECLS
