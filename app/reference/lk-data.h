/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The data files that ship inside Likeness: offence categories, the feature list and the
 * conclusion scales, each checked against its JSON Schema (resources/\*.schema.json) at
 * start-up (lk_data_check()) and when first used. */
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

/* The feature list that ships with Likeness (components with characteristics), borrowed. A
 * lab's own edition is installed per database: see lk-feature-lists.h. */
JsonObject      *lk_feature_list       (void);
const char      *lk_feature_list_edition (void);
gboolean         lk_feature_list_has_component (const char *id);
/* The ids of its components in the list's order, NULL-terminated and borrowed; the name of
 * component @id, or NULL for an id the list does not have. */
const char * const *lk_feature_list_component_ids (void);
const char      *lk_feature_list_component_name (const char *id);

/* Parses a feature-list file and checks it against feature-list.schema.json and for what a
 * schema cannot say (unique ids and numbers, characteristic ids under their component). Errors
 * (LK_ERROR_INVALID_INPUT) start with @label and the JSON path of the problem. */
JsonNode        *lk_feature_list_parse (GBytes      *bytes,
                                        const char  *label,
                                        GError     **error);
/* The characteristic @id of @list (borrowed), and @component its component; NULL if absent. */
JsonObject      *lk_feature_list_find  (JsonObject  *list,
                                        const char  *id,
                                        JsonObject **component);
guint            lk_feature_list_count_characteristics (JsonObject *list);

/* ---- conclusion scales ---------------------------------------------------------------------- */

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

/* Parses @bytes and checks them against "schemas/@schema.schema.json" of the data resource. */
JsonNode        *lk_data_parse_checked (GBytes      *bytes,
                                        const char  *schema,
                                        const char  *label,
                                        GError     **error);

/* Checks every data file that ships inside Likeness (the feature list and the scales against
 * their schemas, the offence categories as JSON) without stopping the process, so that a
 * broken build is reported clearly at start-up rather than when a file is first used. */
gboolean         lk_data_check         (GError     **error);

/* Bytes of a file in the data resource, e.g. "demo/grace_hopper.jpg". */
GBytes          *lk_data_lookup        (const char  *name,
                                        GError     **error);

G_END_DECLS
