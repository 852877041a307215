/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "examination/lk-observation-summary.h"

#include "examination/lk-conclusions-private.h"
#include "governance/lk-feature-lists.h"
#include "lk-json.h"

void
lk_observation_summary_clear (LkObservationSummary *summary)
{
  g_clear_pointer (&summary->not_compared, g_strfreev);
  *summary = (LkObservationSummary) { 0 };
}

/* Counts one observation; TRUE when it was compared. */
static gboolean
count (LkObservationSummary *summary,
       JsonObject           *o)
{
  const char *result = lk_json_string (o, "result");
  const char *significance = lk_json_string (o, "significance");

  if (g_strcmp0 (result, "not-assessable") == 0)
    summary->not_assessable++;
  if (g_strcmp0 (result, "similar") == 0)
    summary->similar++;
  else if (g_strcmp0 (result, "dissimilar") == 0)
    summary->dissimilar++;
  else if (g_strcmp0 (result, "explainable-difference") == 0)
    summary->explainable++;
  else
    return FALSE;
  if (g_strcmp0 (significance, "class") == 0)
    summary->class_level++;
  else if (g_strcmp0 (significance, "individualising") == 0)
    summary->individualising++;
  return TRUE;
}

static char **
components_not_compared (JsonObject *list,
                         GHashTable *compared)
{
  JsonArray *components = json_object_get_array_member (list, "components");
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

  for (guint i = 0; components != NULL && i < json_array_get_length (components); i++)
    {
      JsonObject *component = json_array_get_object_element (components, i);
      const char *name = json_object_get_string_member (component, "name");

      if (!g_hash_table_contains (compared, name))
        g_strv_builder_add (names, name);
    }
  return g_strv_builder_end (names);
}

gboolean
lk_observations_summarise (LkSession            *session,
                           gint64                examination_id,
                           LkObservationSummary *summary,
                           GError              **error)
{
  LkStore *store = lk_session_get_store (session);
  g_auto(LkExamRow) row = { 0 };
  g_autoptr(JsonObject) list = NULL;
  g_autoptr(JsonArray) observations = NULL;
  g_autoptr(GHashTable) compared = g_hash_table_new (g_str_hash, g_str_equal);
  LkActor actor;

  g_return_val_if_fail (summary != NULL, FALSE);

  *summary = (LkObservationSummary) { 0 };
  if (!lk_exam_require_reader (session, examination_id, &actor, &row, error) ||
      (list = lk_feature_lists_for_edition (store, row.feature_list, error)) == NULL ||
      (observations = lk_observations_json (store, examination_id, list, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (observations); i++)
    {
      JsonObject *o = json_array_get_object_element (observations, i);
      const char *component = lk_json_string (o, "component");

      if (count (summary, o) && component != NULL)
        g_hash_table_add (compared, (gpointer) component);
    }
  summary->total = lk_feature_list_count_characteristics (list);
  summary->not_compared = components_not_compared (list, compared);
  return TRUE;
}
