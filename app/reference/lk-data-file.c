/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The data resource: the files that ship inside Likeness, and their JSON Schema check. */
#include "config.h"

#include <stdarg.h>

#include "likeness-data-resources.h"
#include "lk-error.h"
#include "lk-json.h"
#include "reference/lk-data-file.h"
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
lk_data_file_lookup (const char  *name,
                     GError     **error)
{
  g_autofree char *path = g_strconcat (DATA_PATH, name, NULL);

  ensure_registered ();
  return g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
}

/* The shipped files are part of the build: a broken one is a bug, not a user error. */
JsonNode *
lk_data_file_load (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = lk_data_file_lookup (name, &error);
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

/* The schemas are part of the build: a missing or broken one is a bug. Each is read once and
 * kept, sealed, for the life of the process (a check of a small file would otherwise spend
 * most of its time reading the schema again). */
static JsonNode *
schema (const char *name)
{
  static GMutex lock;
  static GHashTable *loaded;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&lock);
  JsonNode *rules;

  if (loaded == NULL)
    loaded = g_hash_table_new (g_str_hash, g_str_equal);
  rules = g_hash_table_lookup (loaded, name);
  if (rules == NULL)
    {
      g_autofree char *file = g_strdup_printf ("schemas/%s.schema.json", name);

      rules = lk_data_file_load (file);
      json_node_seal (rules);
      g_hash_table_insert (loaded, g_strdup (name), rules);
    }
  return rules;
}

JsonNode *
lk_data_file_parse_checked (GBytes      *bytes,
                            const char  *schema_name,
                            const char  *label,
                            GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  JsonNode *rules;
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

gboolean
lk_data_file_invalid (GError     **error,
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
