/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The feature list that ships inside Likeness, and the checks of any feature-list file. */
#include "config.h"

#include "lk-error.h"
#include "reference/lk-data-file.h"
#include "reference/lk-feature-list.h"

/* Remembers @key at @path; fails when it was seen before. */
static gboolean
check_unique (GHashTable  *seen,
              const char  *key,
              const char  *path,
              const char  *label,
              GError     **error)
{
  const char *first = g_hash_table_lookup (seen, key);

  if (first != NULL)
    return lk_data_file_invalid (error, label, "%s: “%s” is used twice (first at %s)", path,
                                 key, first);
  g_hash_table_insert (seen, g_strdup (key), g_strdup (path));
  return TRUE;
}

static gboolean
check_characteristics (JsonObject  *component,
                       guint        index,
                       GHashTable  *seen,
                       const char  *label,
                       GError     **error)
{
  JsonArray *list = json_object_get_array_member (component, "characteristics");
  const char *component_id = json_object_get_string_member (component, "id");
  g_autofree char *prefix = g_strconcat (component_id, ".", NULL);

  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      const char *id = json_object_get_string_member (json_array_get_object_element (list, i),
                                                      "id");
      g_autofree char *path = g_strdup_printf ("$.components[%u].characteristics[%u].id",
                                               index, i);

      if (!g_str_has_prefix (id, prefix))
        return lk_data_file_invalid (error, label,
                                     "%s: “%s” does not belong to its component “%s” (it "
                                     "must start with “%s”)", path, id, component_id, prefix);
      if (!check_unique (seen, id, path, label, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
check_feature_list (JsonObject  *list,
                    const char  *label,
                    GError     **error)
{
  JsonArray *components = json_object_get_array_member (list, "components");
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < json_array_get_length (components); i++)
    {
      JsonObject *component = json_array_get_object_element (components, i);
      g_autofree char *id_path = g_strdup_printf ("$.components[%u].id", i);
      g_autofree char *number_path = g_strdup_printf ("$.components[%u].number", i);
      g_autofree char *number = g_strdup_printf ("number %" G_GINT64_FORMAT,
                                                 json_object_get_int_member (component,
                                                                             "number"));

      if (!check_unique (seen, json_object_get_string_member (component, "id"), id_path, label,
                         error) ||
          !check_unique (seen, number, number_path, label, error) ||
          !check_characteristics (component, i, seen, label, error))
        return FALSE;
    }
  return TRUE;
}

JsonNode *
lk_feature_list_parse (GBytes      *bytes,
                       const char  *label,
                       GError     **error)
{
  g_autoptr(JsonNode) root = lk_data_file_parse_checked (bytes, "feature-list", label, error);

  if (root == NULL || !check_feature_list (json_node_get_object (root), label, error))
    return NULL;
  return g_steal_pointer (&root);
}

/* The shipped list is part of the build: failing its own schema is a bug, not a user error
 * (a core test checks every shipped file). */
JsonObject *
lk_feature_list (void)
{
  static JsonNode *root;

  if (g_once_init_enter (&root))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = lk_data_file_lookup ("data/feature-list.json", &error);
      JsonNode *checked = bytes ? lk_feature_list_parse (bytes, "data/feature-list.json", &error)
                                : NULL;

      if (checked == NULL)
        g_error ("Broken shipped feature list: %s", error->message);
      g_once_init_leave (&root, checked);
    }
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

const char * const *
lk_feature_list_component_ids (void)
{
  static GStrv ids;

  if (g_once_init_enter (&ids))
    {
      JsonArray *components = json_object_get_array_member (lk_feature_list (), "components");
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

      for (guint i = 0; i < json_array_get_length (components); i++)
        g_strv_builder_add (builder,
                            json_object_get_string_member (
                              json_array_get_object_element (components, i), "id"));
      g_once_init_leave (&ids, g_strv_builder_end (builder));
    }
  return (const char * const *) ids;
}

const char *
lk_feature_list_component_name (const char *id)
{
  JsonArray *components = json_object_get_array_member (lk_feature_list (), "components");

  for (guint i = 0; id != NULL && i < json_array_get_length (components); i++)
    {
      JsonObject *c = json_array_get_object_element (components, i);

      if (g_strcmp0 (json_object_get_string_member (c, "id"), id) == 0)
        return json_object_get_string_member (c, "name");
    }
  return NULL;
}

JsonObject *
lk_feature_list_find (JsonObject  *list,
                      const char  *id,
                      JsonObject **component)
{
  JsonArray *components = json_object_get_array_member (list, "components");

  for (guint i = 0; id != NULL && i < json_array_get_length (components); i++)
    {
      JsonObject *c = json_array_get_object_element (components, i);
      JsonArray *characteristics = json_object_get_array_member (c, "characteristics");

      for (guint j = 0; j < json_array_get_length (characteristics); j++)
        {
          JsonObject *ch = json_array_get_object_element (characteristics, j);

          if (g_strcmp0 (json_object_get_string_member (ch, "id"), id) != 0)
            continue;
          if (component != NULL)
            *component = c;
          return ch;
        }
    }
  return NULL;
}

guint
lk_feature_list_count_characteristics (JsonObject *list)
{
  JsonArray *components = json_object_get_array_member (list, "components");
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (components); i++)
    n += json_array_get_length (json_object_get_array_member (
                                  json_array_get_object_element (components, i),
                                  "characteristics"));
  return n;
}
