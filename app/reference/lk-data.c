/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdarg.h>

#include "likeness-data-resources.h"
#include "reference/lk-data.h"
#include "lk-error.h"
#include "lk-json.h"
#include "reference/lk-schema-check.h"

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
  JsonNode *root;
  gsize size;
  const char *data;

  if (bytes == NULL)
    g_error ("Missing data file %s: %s", name, error->message);
  data = g_bytes_get_data (bytes, &size);
  if ((root = lk_json_load (data, (gssize) size, LK_JSON_MAX_SIZE, &error)) == NULL)
    g_error ("Broken data file %s: %s", name, error->message);
  return root;
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

/* ---- schema checks ------------------------------------------------------------------------ */

static JsonNode *
parse_bytes (GBytes      *bytes,
             const char  *label,
             GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  JsonNode *root = lk_json_load (data, (gssize) size, LK_JSON_MAX_SIZE, &local_error);

  if (root == NULL)
    g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "%s is %s", label, local_error->message);
  return root;
}

/* The schemas are part of the build: a missing or broken one is a bug. */
static JsonNode *
schema (const char *name)
{
  g_autofree char *file = g_strdup_printf ("schemas/%s.schema.json", name);

  return load_json (file);
}

JsonNode *
lk_data_parse_checked (GBytes      *bytes,
                       const char  *schema_name,
                       const char  *label,
                       GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) rules = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (bytes != NULL && schema_name != NULL && label != NULL, NULL);

  if ((root = parse_bytes (bytes, label, error)) == NULL)
    return NULL;
  rules = schema (schema_name);
  if (!lk_schema_check (rules, root, &local_error))
    {
      g_set_error (error, LK_ERROR, local_error->code, "%s does not follow %s.schema.json: %s",
                   label, schema_name, local_error->message);
      return NULL;
    }
  return g_steal_pointer (&root);
}

static gboolean invalid (GError     **error,
                         const char  *label,
                         const char  *format,
                         ...) G_GNUC_PRINTF (3, 4);

static gboolean
invalid (GError     **error,
         const char  *label,
         const char  *format,
         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "%s: %s", label, message);
  return FALSE;
}

/* ---- the feature list ---------------------------------------------------------------------- */

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
    return invalid (error, label, "%s: “%s” is used twice (first at %s)", path, key, first);
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
        return invalid (error, label, "%s: “%s” does not belong to its component “%s” (it "
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
  g_autoptr(JsonNode) root = lk_data_parse_checked (bytes, "feature-list", label, error);

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
      g_autoptr(GBytes) bytes = lk_data_lookup ("data/feature-list.json", &error);
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

/* ---- conclusion scales --------------------------------------------------------------------- */

static const char * const scale_names[] = { "default-7", "enfsi", NULL };

static void
scale_level_free (LkScaleLevel *level)
{
  g_free (level->label);
  g_free (level);
}

void
lk_scale_free (LkScale *scale)
{
  if (scale == NULL)
    return;
  g_free (scale->name);
  g_free (scale->edition);
  g_free (scale->title);
  g_free (scale->source);
  g_clear_pointer (&scale->levels, g_ptr_array_unref);
  g_free (scale->not_suitable_label);
  g_free (scale);
}

static const char *
optional_string (JsonObject *o,
                 const char *name)
{
  return json_object_has_member (o, name) ? json_object_get_string_member (o, name) : NULL;
}

static int
compare_levels (gconstpointer a,
                gconstpointer b)
{
  const LkScaleLevel *x = *(LkScaleLevel * const *) a;
  const LkScaleLevel *y = *(LkScaleLevel * const *) b;

  return y->ordinal - x->ordinal;
}

static LkScale *
scale_from_json (JsonObject *o)
{
  LkScale *scale = g_new0 (LkScale, 1);
  JsonArray *levels = json_object_get_array_member (o, "levels");

  scale->name = g_strdup (json_object_get_string_member (o, "name"));
  scale->edition = g_strdup (json_object_get_string_member (o, "edition"));
  scale->title = g_strdup (json_object_get_string_member (o, "title"));
  scale->source = g_strdup (optional_string (o, "source"));
  scale->not_suitable_label =
    g_strdup (json_object_get_string_member (json_object_get_object_member (o, "not_suitable"),
                                             "label"));
  scale->levels = g_ptr_array_new_with_free_func ((GDestroyNotify) scale_level_free);
  for (guint i = 0; i < json_array_get_length (levels); i++)
    {
      JsonObject *l = json_array_get_object_element (levels, i);
      LkScaleLevel *level = g_new0 (LkScaleLevel, 1);

      level->ordinal = (int) json_object_get_int_member (l, "ordinal");
      level->label = g_strdup (json_object_get_string_member (l, "label"));
      level->strength = (int) json_object_get_int_member (l, "strength");
      g_ptr_array_add (scale->levels, level);
    }
  return scale;
}

/* The index of @ordinal in the file, or -1. */
static int
level_index (JsonArray *levels,
             gint64     ordinal)
{
  for (guint i = 0; i < json_array_get_length (levels); i++)
    if (json_object_get_int_member (json_array_get_object_element (levels, i), "ordinal") ==
        ordinal)
      return (int) i;
  return -1;
}

static gint64
member_at (JsonArray  *levels,
           int         index,
           const char *name)
{
  return json_object_get_int_member (json_array_get_object_element (levels, (guint) index),
                                     name);
}

static gboolean
check_level (JsonArray   *levels,
             int          i,
             const char  *label,
             GError     **error)
{
  gint64 ordinal = member_at (levels, i, "ordinal");
  gint64 strength = member_at (levels, i, "strength");
  int mirror = level_index (levels, -ordinal);
  int inner = level_index (levels, ordinal > 0 ? ordinal - 1 : ordinal + 1);

  if (mirror < 0)
    return invalid (error, label, "$.levels[%d].ordinal: %" G_GINT64_FORMAT " has no mirror "
                    "level %" G_GINT64_FORMAT " (a scale is symmetrical)", i, ordinal, -ordinal);
  if (member_at (levels, mirror, "strength") != strength)
    return invalid (error, label, "$.levels[%d].strength: %" G_GINT64_FORMAT " differs from the "
                    "strength of its mirror level %" G_GINT64_FORMAT, i, strength, -ordinal);
  if (ordinal == 0 && strength != 0)
    return invalid (error, label, "$.levels[%d].strength: the level 0 supports neither "
                    "proposition; its strength must be 0", i);
  if (ordinal != 0 && inner < 0)
    return invalid (error, label, "$.levels[%d].ordinal: %" G_GINT64_FORMAT " leaves a gap (no "
                    "level between it and 0)", i, ordinal);
  if (ordinal != 0 && member_at (levels, inner, "strength") > strength)
    return invalid (error, label, "$.levels[%d].strength: %" G_GINT64_FORMAT " is weaker than "
                    "the level nearer to 0", i, strength);
  return TRUE;
}

LkScale *
lk_scale_parse (GBytes      *bytes,
                const char  *label,
                GError     **error)
{
  g_autoptr(JsonNode) root = lk_data_parse_checked (bytes, "scale", label, error);
  JsonArray *levels;
  LkScale *scale;

  if (root == NULL)
    return NULL;
  levels = json_object_get_array_member (json_node_get_object (root), "levels");
  for (guint i = 0; i < json_array_get_length (levels); i++)
    if (level_index (levels, member_at (levels, (int) i, "ordinal")) != (int) i)
      {
        invalid (error, label, "$.levels[%u].ordinal: %" G_GINT64_FORMAT " is used twice", i,
                 member_at (levels, (int) i, "ordinal"));
        return NULL;
      }
  if (level_index (levels, 0) < 0)
    {
      invalid (error, label, "$.levels: no level has the ordinal 0 (support for neither "
               "proposition)");
      return NULL;
    }
  for (guint i = 0; i < json_array_get_length (levels); i++)
    if (!check_level (levels, (int) i, label, error))
      return NULL;
  scale = scale_from_json (json_node_get_object (root));
  g_ptr_array_sort (scale->levels, compare_levels);
  return scale;
}

const char * const *
lk_scale_names (void)
{
  return scale_names;
}

static GPtrArray *
shipped_scales (void)
{
  static GPtrArray *scales;

  if (g_once_init_enter (&scales))
    {
      GPtrArray *all = g_ptr_array_new ();

      for (guint i = 0; scale_names[i] != NULL; i++)
        {
          g_autoptr(GError) error = NULL;
          g_autofree char *file = g_strdup_printf ("data/scales/%s.json", scale_names[i]);
          g_autoptr(GBytes) bytes = lk_data_lookup (file, &error);
          LkScale *scale = bytes ? lk_scale_parse (bytes, file, &error) : NULL;

          if (scale == NULL)
            g_error ("Broken shipped conclusion scale: %s", error->message);
          g_ptr_array_add (all, scale);
        }
      g_once_init_leave (&scales, all);
    }
  return scales;
}

const LkScale *
lk_scale_lookup (const char  *name,
                 GError     **error)
{
  GPtrArray *scales = shipped_scales ();

  for (guint i = 0; name != NULL && i < scales->len; i++)
    if (g_str_equal (((LkScale *) g_ptr_array_index (scales, i))->name, name))
      return g_ptr_array_index (scales, i);
  g_set_error (error, LK_ERROR, LK_ERROR_NOT_FOUND, "There is no conclusion scale “%s”",
               name != NULL ? name : "");
  return NULL;
}

const LkScaleLevel *
lk_scale_get_level (const LkScale *scale,
                    int            ordinal)
{
  g_return_val_if_fail (scale != NULL, NULL);

  for (guint i = 0; i < scale->levels->len; i++)
    if (((LkScaleLevel *) g_ptr_array_index (scale->levels, i))->ordinal == ordinal)
      return g_ptr_array_index (scale->levels, i);
  return NULL;
}

gboolean
lk_data_check (GError **error)
{
  g_autoptr(GBytes) features = lk_data_lookup ("data/feature-list.json", error);
  g_autoptr(JsonNode) list = NULL;
  g_autoptr(GBytes) offences = NULL;
  g_autoptr(JsonNode) offence_list = NULL;
  gsize size;
  const char *text;

  if (features == NULL ||
      (list = lk_feature_list_parse (features, "data/feature-list.json", error)) == NULL)
    return FALSE;
  for (guint i = 0; scale_names[i] != NULL; i++)
    {
      g_autofree char *file = g_strdup_printf ("data/scales/%s.json", scale_names[i]);
      g_autoptr(GBytes) bytes = lk_data_lookup (file, error);
      g_autoptr(LkScale) scale = bytes ? lk_scale_parse (bytes, file, error) : NULL;

      if (scale == NULL)
        return FALSE;
    }
  if ((offences = lk_data_lookup ("data/offences.json", error)) == NULL)
    return FALSE;
  text = g_bytes_get_data (offences, &size);
  if ((offence_list = lk_json_load (text, (gssize) size, LK_JSON_MAX_SIZE, error)) == NULL)
    {
      g_prefix_error (error, "data/offences.json: ");
      return FALSE;
    }
  return TRUE;
}
