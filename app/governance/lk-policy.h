/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Agency policy: named settings with defaults, changed only by administrators, every change
 * audited. */
#pragma once

#include "people/lk-session.h"

G_BEGIN_DECLS

typedef enum
{
  LK_POLICY_INT,
  LK_POLICY_DOUBLE,
  LK_POLICY_STRING,
  LK_POLICY_LIST,     /* comma-separated words */
  LK_POLICY_SEVERITY, /* what breaking a rule does: "warn" or "refuse" */
} LkPolicyType;

/* A rule at "warn" lets a conclusion be signed once the examiner acknowledges it in writing; at
 * "refuse" nothing lets it be signed. */
#define LK_SEVERITY_WARN   "warn"
#define LK_SEVERITY_REFUSE "refuse"

typedef struct
{
  const char   *key;
  LkPolicyType  type;
  const char   *fallback;
  double        min;
  double        max;
  const char   *description;
} LkPolicyKey;

const LkPolicyKey *lk_policy_keys        (guint       *n_keys);
const LkPolicyKey *lk_policy_key_lookup  (const char  *key);

/* Current values: the stored one, else the key's default. A value that cannot be read (the
 * database is broken, closed or busy) is an error, never the default: a broken database must
 * not pass for the default policy. @key must be a known key. */
char      *lk_policy_get_string  (LkStore     *store,
                                  const char  *key,
                                  GError     **error);
gboolean   lk_policy_get_double  (LkStore     *store,
                                  const char  *key,
                                  double      *value,
                                  GError     **error);
gboolean   lk_policy_get_int     (LkStore     *store,
                                  const char  *key,
                                  gint64      *value,
                                  GError     **error);
/* Sets @contains to whether the list @key holds @word. */
gboolean   lk_policy_list_contains (LkStore   *store,
                                    const char *key,
                                    const char *word,
                                    gboolean   *contains,
                                    GError    **error);
/* Sets @refuses to whether the rule @key (an LK_POLICY_SEVERITY key) is set to refuse. */
gboolean   lk_policy_refuses     (LkStore     *store,
                                  const char  *key,
                                  gboolean    *refuses,
                                  GError     **error);

/* The checks of lk_policy_set() without the database: @value for @key (an unknown key or a
 * missing value is refused), and, for a quality threshold, against @other_value, the current
 * value of the other threshold of its pair (ignored for any other key). */
gboolean   lk_policy_check_value (const char  *key,
                                  const char  *value,
                                  const char  *other_value,
                                  GError     **error);
/* For a quality threshold "quality.MEASURE.red|amber", the key of the other one; else NULL. */
char      *lk_policy_pair_key    (const char  *key);

/* Administrators only; validates type and range, audits old and new value with @reason. */
gboolean   lk_policy_set         (LkSession   *session,
                                  const char  *key,
                                  const char  *value,
                                  const char  *reason,
                                  GError     **error);

G_END_DECLS
