/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Policy values as the policy page and its dialog show them. */
#include "config.h"

#include "lk-policy-value.h"

const char *
lk_policy_severity_label (const char *severity)
{
  if (g_strcmp0 (severity, LK_SEVERITY_REFUSE) == 0)
    return "Refuse: signing is blocked";
  if (g_strcmp0 (severity, LK_SEVERITY_WARN) == 0)
    return "Warn: a written acknowledgement lets it pass";
  return severity;
}

char *
lk_policy_value_format (const LkPolicyKey *def,
                        const char        *value)
{
  g_auto(GStrv) words = NULL;

  g_return_val_if_fail (def != NULL, NULL);

  if (value == NULL || *value == '\0')
    return g_strdup (def->type == LK_POLICY_LIST ? "None" : "Not set");
  if (def->type == LK_POLICY_SEVERITY)
    return g_strdup (lk_policy_severity_label (value));
  if (def->type != LK_POLICY_LIST)
    return g_strdup (value);
  words = g_strsplit (value, ",", -1);
  for (guint i = 0; words[i] != NULL; i++)
    g_strstrip (words[i]);
  return g_strjoinv (", ", words);
}

gboolean
lk_policy_value_is_default (const LkPolicyKey *def,
                            const char        *value)
{
  g_return_val_if_fail (def != NULL, FALSE);

  if (value == NULL)
    return FALSE;
  if (def->type == LK_POLICY_INT || def->type == LK_POLICY_DOUBLE)
    return g_ascii_strtod (value, NULL) == g_ascii_strtod (def->fallback, NULL);
  return g_str_equal (value, def->fallback);
}
