/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The offence categories that ship inside Likeness. */
#include "config.h"

#include "reference/lk-data-file.h"
#include "reference/lk-offences.h"

static LkOffence *
offence_from_json (JsonObject *o)
{
  LkOffence *offence = g_new0 (LkOffence, 1);

  offence->code = g_strdup (json_object_get_string_member (o, "code"));
  offence->name = g_strdup (json_object_get_string_member (o, "name"));
  offence->seriousness = (int) json_object_get_int_member (o, "seriousness");
  offence->approval = json_object_get_boolean_member (o, "approval");
  return offence;
}

const GPtrArray *
lk_offences (void)
{
  static GPtrArray *offences;

  if (g_once_init_enter (&offences))
    {
      g_autoptr(JsonNode) root = lk_data_file_load ("data/offences.json");
      JsonArray *list = json_object_get_array_member (json_node_get_object (root), "categories");
      GPtrArray *result = g_ptr_array_new ();

      for (guint i = 0; i < json_array_get_length (list); i++)
        g_ptr_array_add (result, offence_from_json (json_array_get_object_element (list, i)));
      g_once_init_leave (&offences, result);
    }
  return offences;
}

const LkOffence *
lk_offences_lookup (const char *code)
{
  const GPtrArray *all = lk_offences ();

  for (guint i = 0; code != NULL && i < all->len; i++)
    if (g_ascii_strcasecmp (((LkOffence *) g_ptr_array_index (all, i))->code, code) == 0)
      return g_ptr_array_index (all, i);
  return NULL;
}
