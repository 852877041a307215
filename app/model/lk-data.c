/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "likeness-data-resources.h"
#include "lk-data.h"
#include "lk-error.h"

#define DATA_PATH "/io/github/likeness/Likeness/data/"

static void
ensure_registered (void)
{
  static gsize done;

  if (g_once_init_enter (&done))
    {
      likeness_data_register_resource ();
      g_once_init_leave (&done, 1);
    }
}

GBytes *
lk_data_lookup (const char  *name,
                GError     **error)
{
  g_autofree char *path = g_strconcat (DATA_PATH, name, NULL);

  ensure_registered ();
  return g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
}

/* The shipped files are part of the build: a broken one is a bug, not a user error. */
static JsonNode *
load_json (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = lk_data_lookup (name, &error);
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize size;
  const char *data;

  if (bytes == NULL)
    g_error ("Missing data file %s: %s", name, error->message);
  data = g_bytes_get_data (bytes, &size);
  if (!json_parser_load_from_data (parser, data, (gssize) size, &error))
    g_error ("Broken data file %s: %s", name, error->message);
  return json_node_copy (json_parser_get_root (parser));
}

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
      g_autoptr(JsonNode) root = load_json ("data/offences.json");
      JsonArray *list = json_object_get_array_member (json_node_get_object (root), "categories");
      GPtrArray *result = g_ptr_array_new ();

      for (guint i = 0; i < json_array_get_length (list); i++)
        g_ptr_array_add (result, offence_from_json (json_array_get_object_element (list, i)));
      g_once_init_leave (&offences, result);
    }
  return offences;
}

const LkOffence *
lk_offence_lookup (const char *code)
{
  const GPtrArray *all = lk_offences ();

  for (guint i = 0; code != NULL && i < all->len; i++)
    if (g_ascii_strcasecmp (((LkOffence *) g_ptr_array_index (all, i))->code, code) == 0)
      return g_ptr_array_index (all, i);
  return NULL;
}

JsonObject *
lk_feature_list (void)
{
  static JsonNode *root;

  if (g_once_init_enter (&root))
    g_once_init_leave (&root, load_json ("data/feature-list.json"));
  return json_node_get_object (root);
}

const char *
lk_feature_list_edition (void)
{
  return json_object_get_string_member (lk_feature_list (), "edition");
}

gboolean
lk_feature_list_has_component (const char *id)
{
  JsonArray *components = json_object_get_array_member (lk_feature_list (), "components");

  for (guint i = 0; id != NULL && i < json_array_get_length (components); i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (components, i),
                                                  "id"), id) == 0)
      return TRUE;
  return FALSE;
}
