/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "lk-core.h"

G_BEGIN_DECLS

/* Whether @value is the default of @def (numbers compared as numbers). */
gboolean  lk_policy_value_is_default (const LkPolicyKey *def,
                                      const char        *value);
/* @value of the setting @def as the policy page shows it: a list with spaces after the commas,
 * an empty value as “Not set” or “None”, a severity in words. */
char     *lk_policy_value_format     (const LkPolicyKey *def,
                                      const char        *value);
/* A rule's severity in words ("Refuse: signing is blocked"); other text unchanged. */
const char *lk_policy_severity_label (const char        *severity);

G_END_DECLS
