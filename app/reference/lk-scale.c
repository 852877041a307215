/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Conclusion scales: the shipped ones, and the checks of any scale file. */
#include "config.h"

#include "lk-error.h"
#include "reference/lk-data-file.h"
#include "reference/lk-scale.h"

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
    return lk_data_file_invalid (error, label,
                                 "$.levels[%d].ordinal: %" G_GINT64_FORMAT " has no mirror "
                                 "level %" G_GINT64_FORMAT " (a scale is symmetrical)", i,
                                 ordinal, -ordinal);
  if (member_at (levels, mirror, "strength") != strength)
    return lk_data_file_invalid (error, label,
                                 "$.levels[%d].strength: %" G_GINT64_FORMAT " differs from the "
                                 "strength of its mirror level %" G_GINT64_FORMAT, i, strength,
                                 -ordinal);
  if (ordinal == 0 && strength != 0)
    return lk_data_file_invalid (error, label,
                                 "$.levels[%d].strength: the level 0 supports neither "
                                 "proposition; its strength must be 0", i);
  if (ordinal != 0 && inner < 0)
    return lk_data_file_invalid (error, label,
                                 "$.levels[%d].ordinal: %" G_GINT64_FORMAT " leaves a gap (no "
                                 "level between it and 0)", i, ordinal);
  if (ordinal != 0 && member_at (levels, inner, "strength") > strength)
    return lk_data_file_invalid (error, label,
                                 "$.levels[%d].strength: %" G_GINT64_FORMAT " is weaker than "
                                 "the level nearer to 0", i, strength);
  return TRUE;
}

LkScale *
lk_scale_parse (GBytes      *bytes,
                const char  *label,
                GError     **error)
{
  g_autoptr(JsonNode) root = lk_data_file_parse_checked (bytes, "scale", label, error);
  JsonArray *levels;
  LkScale *scale;

  if (root == NULL)
    return NULL;
  levels = json_object_get_array_member (json_node_get_object (root), "levels");
  for (guint i = 0; i < json_array_get_length (levels); i++)
    if (level_index (levels, member_at (levels, (int) i, "ordinal")) != (int) i)
      {
        lk_data_file_invalid (error, label,
                              "$.levels[%u].ordinal: %" G_GINT64_FORMAT " is used twice", i,
                              member_at (levels, (int) i, "ordinal"));
        return NULL;
      }
  if (level_index (levels, 0) < 0)
    {
      lk_data_file_invalid (error, label,
                            "$.levels: no level has the ordinal 0 (support for neither "
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
          g_autoptr(GBytes) bytes = lk_data_file_lookup (file, &error);
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
