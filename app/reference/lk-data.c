/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The check of every data file that ships inside Likeness. */
#include "config.h"

#include "reference/lk-data.h"
#include "lk-json.h"

gboolean
lk_data_check (GError **error)
{
  g_autoptr(GBytes) features = lk_data_file_lookup ("data/feature-list.json", error);
  g_autoptr(JsonNode) list = NULL;
  g_autoptr(GBytes) offences = NULL;
  g_autoptr(JsonNode) offence_list = NULL;
  gsize size;
  const char *text;

  if (features == NULL ||
      (list = lk_feature_list_parse (features, "data/feature-list.json", error)) == NULL)
    return FALSE;
  for (guint i = 0; lk_scale_names ()[i] != NULL; i++)
    {
      g_autofree char *file = g_strdup_printf ("data/scales/%s.json", lk_scale_names ()[i]);
      g_autoptr(GBytes) bytes = lk_data_file_lookup (file, error);
      g_autoptr(LkScale) scale = bytes ? lk_scale_parse (bytes, file, error) : NULL;

      if (scale == NULL)
        return FALSE;
    }
  if ((offences = lk_data_file_lookup ("data/offences.json", error)) == NULL)
    return FALSE;
  text = g_bytes_get_data (offences, &size);
  if ((offence_list = lk_json_load (text, (gssize) size, LK_JSON_MAX_SIZE, error)) == NULL)
    {
      g_prefix_error (error, "data/offences.json: ");
      return FALSE;
    }
  return TRUE;
}
