/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "lk-error.h"
#include "reference/lk-schema-check.h"

/* Deep enough for any sane schema, shallow enough to stop a $ref cycle. */
#define MAX_DEPTH 64

typedef struct
{
  JsonNode *root; /* the whole schema, for $ref */
  GString  *path; /* where in the instance we are, "$.a[2].b" */
  int       depth;
} Checker;

static gboolean check_node (Checker   *c,
                            JsonNode  *schema,
                            JsonNode  *instance,
                            GError   **error);

static const char * const annotations[] = {
  "$schema", "$id", "$comment", "$defs", "title", "description", "format", "default",
  "examples", NULL,
};

static const char * const assertions[] = {
  "$ref", "type", "const", "enum", "minLength", "maxLength", "pattern", "minimum", "maximum",
  "minItems", "maxItems", "items", "required", "properties", "additionalProperties", NULL,
};

/* ---- messages ------------------------------------------------------------------------------ */

static gboolean fail (Checker     *c,
                      GError     **error,
                      const char  *format,
                      ...) G_GNUC_PRINTF (3, 4);

static gboolean
fail (Checker     *c,
      GError     **error,
      const char  *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "%s: %s", c->path->str, message);
  return FALSE;
}

static gboolean broken_schema (Checker     *c,
                               GError     **error,
                               const char  *format,
                               ...) G_GNUC_PRINTF (3, 4);

static gboolean
broken_schema (Checker     *c,
               GError     **error,
               const char  *format,
               ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, LK_ERROR, LK_ERROR_FAILED, "The schema is broken (at %s): %s",
               c->path->str, message);
  return FALSE;
}

static char *
to_text (JsonNode *node)
{
  return json_to_string (node, FALSE);
}

/* ---- kinds of value ------------------------------------------------------------------------ */

static const char *
kind_of (JsonNode *node)
{
  GType type;

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      return "object";
    case JSON_NODE_ARRAY:
      return "array";
    case JSON_NODE_NULL:
      return "null";
    case JSON_NODE_VALUE:
    default:
      break;
    }
  type = json_node_get_value_type (node);
  if (type == G_TYPE_STRING)
    return "string";
  if (type == G_TYPE_BOOLEAN)
    return "boolean";
  if (type == G_TYPE_INT64)
    return "integer";
  return "number";
}

static gboolean
is_number (JsonNode *node)
{
  const char *kind = kind_of (node);

  return g_str_equal (kind, "integer") || g_str_equal (kind, "number");
}

static double
number_of (JsonNode *node)
{
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return (double) json_node_get_int (node);
  return json_node_get_double (node);
}

static gboolean
has_kind (JsonNode   *instance,
          const char *wanted)
{
  const char *kind = kind_of (instance);

  if (g_str_equal (kind, wanted))
    return TRUE;
  if (g_str_equal (wanted, "number"))
    return g_str_equal (kind, "integer");
  if (g_str_equal (wanted, "integer") && g_str_equal (kind, "number"))
    return floor (number_of (instance)) == number_of (instance);
  return FALSE;
}

static const char *
article (const char *kind)
{
  return strchr ("aeiou", kind[0]) != NULL ? "an" : "a";
}

/* ---- paths --------------------------------------------------------------------------------- */

static gboolean
is_plain_name (const char *name)
{
  if (!g_ascii_isalpha (name[0]) && name[0] != '_')
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '_' && *p != '-')
      return FALSE;
  return TRUE;
}

static gsize
push_member (Checker    *c,
             const char *name)
{
  gsize mark = c->path->len;

  if (is_plain_name (name))
    g_string_append_printf (c->path, ".%s", name);
  else
    {
      g_autoptr(JsonNode) quoted = json_node_init_string (json_node_alloc (), name);
      g_autofree char *text = to_text (quoted);

      g_string_append_printf (c->path, "[%s]", text);
    }
  return mark;
}

static gsize
push_index (Checker *c,
            guint    index)
{
  gsize mark = c->path->len;

  g_string_append_printf (c->path, "[%u]", index);
  return mark;
}

static void
pop (Checker *c,
     gsize    mark)
{
  g_string_truncate (c->path, mark);
}

/* ---- $ref ---------------------------------------------------------------------------------- */

static char *
unescape_token (const char *token)
{
  GString *out = g_string_new (NULL);

  for (const char *p = token; *p != '\0'; p++)
    {
      if (p[0] == '~' && (p[1] == '0' || p[1] == '1'))
        {
          g_string_append_c (out, p[1] == '1' ? '/' : '~');
          p++;
        }
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static JsonNode *
resolve (JsonNode   *root,
         const char *ref)
{
  g_auto(GStrv) tokens = NULL;
  JsonNode *node = root;

  if (!g_str_has_prefix (ref, "#"))
    return NULL;
  if (ref[1] == '\0')
    return root;
  if (ref[1] != '/')
    return NULL;
  tokens = g_strsplit (ref + 2, "/", -1);
  for (guint i = 0; tokens[i] != NULL; i++)
    {
      g_autofree char *name = unescape_token (tokens[i]);

      if (!JSON_NODE_HOLDS_OBJECT (node) ||
          (node = json_object_get_member (json_node_get_object (node), name)) == NULL)
        return NULL;
    }
  return node;
}

static gboolean
check_ref (Checker    *c,
           JsonNode   *ref,
           JsonNode   *instance,
           GError    **error)
{
  JsonNode *target;

  if (kind_of (ref)[0] != 's' ||
      (target = resolve (c->root, json_node_get_string (ref))) == NULL)
    {
      g_autofree char *text = to_text (ref);

      return broken_schema (c, error, "$ref %s leads nowhere in this schema", text);
    }
  return check_node (c, target, instance, error);
}

/* ---- generic keywords ---------------------------------------------------------------------- */

static char *
type_names (JsonNode *type)
{
  g_autoptr(GString) out = g_string_new (NULL);
  JsonArray *list;

  if (!JSON_NODE_HOLDS_ARRAY (type))
    {
      g_string_append_printf (out, "%s %s", article (json_node_get_string (type)),
                              json_node_get_string (type));
      return g_string_free (g_steal_pointer (&out), FALSE);
    }
  list = json_node_get_array (type);
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      const char *name = json_array_get_string_element (list, i);

      if (i > 0)
        g_string_append (out, i + 1 == json_array_get_length (list) ? " or " : ", ");
      g_string_append_printf (out, "%s %s", article (name), name);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
type_matches (JsonNode *type,
              JsonNode *instance)
{
  JsonArray *list;

  if (!JSON_NODE_HOLDS_ARRAY (type))
    return has_kind (instance, json_node_get_string (type));
  list = json_node_get_array (type);
  for (guint i = 0; i < json_array_get_length (list); i++)
    if (has_kind (instance, json_array_get_string_element (list, i)))
      return TRUE;
  return FALSE;
}

static gboolean
check_type (Checker   *c,
            JsonNode  *type,
            JsonNode  *instance,
            GError   **error)
{
  g_autofree char *wanted = NULL;
  const char *found = kind_of (instance);

  if (type_matches (type, instance))
    return TRUE;
  wanted = type_names (type);
  return fail (c, error, "expected %s, found %s %s", wanted, article (found), found);
}

static gboolean
check_const (Checker   *c,
             JsonNode  *value,
             JsonNode  *instance,
             GError   **error)
{
  g_autofree char *text = NULL;

  if (json_node_equal (value, instance))
    return TRUE;
  text = to_text (value);
  return fail (c, error, "must be %s", text);
}

static gboolean
check_enum (Checker   *c,
            JsonNode  *values,
            JsonNode  *instance,
            GError   **error)
{
  JsonArray *list = json_node_get_array (values);
  g_autoptr(GString) allowed = g_string_new (NULL);
  g_autofree char *found = to_text (instance);

  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      g_autofree char *text = to_text (json_array_get_element (list, i));

      if (json_node_equal (json_array_get_element (list, i), instance))
        return TRUE;
      g_string_append_printf (allowed, "%s%s", i > 0 ? ", " : "", text);
    }
  return fail (c, error, "%s is not one of: %s", found, allowed->str);
}

/* ---- strings and numbers ------------------------------------------------------------------- */

static gboolean
check_pattern (Checker   *c,
               JsonNode  *pattern,
               JsonNode  *instance,
               GError   **error)
{
  g_autoptr(GError) regex_error = NULL;
  g_autoptr(GRegex) regex = g_regex_new (json_node_get_string (pattern), 0, 0, &regex_error);

  if (regex == NULL)
    return broken_schema (c, error, "bad pattern: %s", regex_error->message);
  if (g_regex_match (regex, json_node_get_string (instance), 0, NULL))
    return TRUE;
  return fail (c, error, "“%s” does not match the pattern %s", json_node_get_string (instance),
               json_node_get_string (pattern));
}

static gboolean
check_string (Checker    *c,
              JsonObject *schema,
              JsonNode   *instance,
              GError    **error)
{
  glong length = g_utf8_strlen (json_node_get_string (instance), -1);

  if (json_object_has_member (schema, "minLength") &&
      length < json_object_get_int_member (schema, "minLength"))
    return fail (c, error, "must be at least %" G_GINT64_FORMAT " character(s) long",
                 json_object_get_int_member (schema, "minLength"));
  if (json_object_has_member (schema, "maxLength") &&
      length > json_object_get_int_member (schema, "maxLength"))
    return fail (c, error, "must be at most %" G_GINT64_FORMAT " character(s) long",
                 json_object_get_int_member (schema, "maxLength"));
  if (json_object_has_member (schema, "pattern"))
    return check_pattern (c, json_object_get_member (schema, "pattern"), instance, error);
  return TRUE;
}

static gboolean
check_number (Checker    *c,
              JsonObject *schema,
              JsonNode   *instance,
              GError    **error)
{
  double value = number_of (instance);
  JsonNode *limit;

  if ((limit = json_object_get_member (schema, "minimum")) != NULL && value < number_of (limit))
    return fail (c, error, "%g is below the minimum %g", value, number_of (limit));
  if ((limit = json_object_get_member (schema, "maximum")) != NULL && value > number_of (limit))
    return fail (c, error, "%g is above the maximum %g", value, number_of (limit));
  return TRUE;
}

/* ---- arrays and objects -------------------------------------------------------------------- */

static gboolean
check_array (Checker    *c,
             JsonObject *schema,
             JsonNode   *instance,
             GError    **error)
{
  JsonArray *array = json_node_get_array (instance);
  guint n = json_array_get_length (array);
  JsonNode *items = json_object_get_member (schema, "items");

  if (json_object_has_member (schema, "minItems") &&
      n < json_object_get_int_member (schema, "minItems"))
    return fail (c, error, "needs at least %" G_GINT64_FORMAT " item(s), has %u",
                 json_object_get_int_member (schema, "minItems"), n);
  if (json_object_has_member (schema, "maxItems") &&
      n > json_object_get_int_member (schema, "maxItems"))
    return fail (c, error, "may have at most %" G_GINT64_FORMAT " item(s), has %u",
                 json_object_get_int_member (schema, "maxItems"), n);
  for (guint i = 0; items != NULL && i < n; i++)
    {
      gsize mark = push_index (c, i);

      if (!check_node (c, items, json_array_get_element (array, i), error))
        return FALSE;
      pop (c, mark);
    }
  return TRUE;
}

static gboolean
check_required (Checker    *c,
                JsonArray  *required,
                JsonObject *object,
                GError    **error)
{
  for (guint i = 0; required != NULL && i < json_array_get_length (required); i++)
    {
      const char *name = json_array_get_string_element (required, i);

      if (!json_object_has_member (object, name))
        return fail (c, error, "the member “%s” is missing", name);
    }
  return TRUE;
}

static gboolean
check_member (Checker    *c,
              JsonObject *schema,
              const char *name,
              JsonNode   *value,
              GError    **error)
{
  JsonObject *properties = NULL;
  JsonNode *additional = json_object_get_member (schema, "additionalProperties");
  JsonNode *sub = NULL;
  gsize mark = push_member (c, name);

  if (json_object_has_member (schema, "properties"))
    properties = json_object_get_object_member (schema, "properties");
  if (properties != NULL)
    sub = json_object_get_member (properties, name);
  if (sub == NULL && additional != NULL && JSON_NODE_HOLDS_VALUE (additional) &&
      !json_node_get_boolean (additional))
    return fail (c, error, "unexpected member (this object allows only the members the schema "
                           "names)");
  if (sub == NULL)
    sub = additional;
  if (sub != NULL && !check_node (c, sub, value, error))
    return FALSE;
  pop (c, mark);
  return TRUE;
}

static gboolean
check_object (Checker    *c,
              JsonObject *schema,
              JsonNode   *instance,
              GError    **error)
{
  JsonObject *object = json_node_get_object (instance);
  g_autoptr(GList) names = json_object_get_members (object);
  JsonArray *required = NULL;

  if (json_object_has_member (schema, "required"))
    required = json_object_get_array_member (schema, "required");
  if (!check_required (c, required, object, error))
    return FALSE;
  for (GList *l = names; l != NULL; l = l->next)
    if (!check_member (c, schema, l->data, json_object_get_member (object, l->data), error))
      return FALSE;
  return TRUE;
}

/* ---- one schema, one value ----------------------------------------------------------------- */

static gboolean
check_keywords_known (Checker    *c,
                      JsonObject *schema,
                      GError    **error)
{
  g_autoptr(GList) names = json_object_get_members (schema);

  for (GList *l = names; l != NULL; l = l->next)
    if (!g_strv_contains (annotations, l->data) && !g_strv_contains (assertions, l->data))
      return broken_schema (c, error, "the keyword “%s” is not supported by this validator",
                            (const char *) l->data);
  return TRUE;
}

static gboolean
check_generic (Checker    *c,
               JsonObject *schema,
               JsonNode   *instance,
               GError    **error)
{
  JsonNode *keyword;

  if ((keyword = json_object_get_member (schema, "$ref")) != NULL &&
      !check_ref (c, keyword, instance, error))
    return FALSE;
  if ((keyword = json_object_get_member (schema, "type")) != NULL &&
      !check_type (c, keyword, instance, error))
    return FALSE;
  if ((keyword = json_object_get_member (schema, "const")) != NULL &&
      !check_const (c, keyword, instance, error))
    return FALSE;
  if ((keyword = json_object_get_member (schema, "enum")) != NULL)
    {
      if (!JSON_NODE_HOLDS_ARRAY (keyword))
        return broken_schema (c, error, "enum must be an array");
      return check_enum (c, keyword, instance, error);
    }
  return TRUE;
}

static gboolean
check_node (Checker   *c,
            JsonNode  *schema_node,
            JsonNode  *instance,
            GError   **error)
{
  JsonObject *schema;
  const char *kind = kind_of (instance);
  gboolean ok;

  if (JSON_NODE_HOLDS_VALUE (schema_node) &&
      json_node_get_value_type (schema_node) == G_TYPE_BOOLEAN)
    return json_node_get_boolean (schema_node) || fail (c, error, "no value is allowed here");
  if (!JSON_NODE_HOLDS_OBJECT (schema_node))
    return broken_schema (c, error, "a schema must be an object or a boolean");
  if (++c->depth > MAX_DEPTH)
    return broken_schema (c, error, "nested too deeply (a $ref cycle?)");
  schema = json_node_get_object (schema_node);
  ok = check_keywords_known (c, schema, error) && check_generic (c, schema, instance, error);
  if (ok && g_str_equal (kind, "string"))
    ok = check_string (c, schema, instance, error);
  else if (ok && is_number (instance))
    ok = check_number (c, schema, instance, error);
  else if (ok && g_str_equal (kind, "array"))
    ok = check_array (c, schema, instance, error);
  else if (ok && g_str_equal (kind, "object"))
    ok = check_object (c, schema, instance, error);
  c->depth--;
  return ok;
}

gboolean
lk_schema_check (JsonNode  *schema,
                 JsonNode  *instance,
                 GError   **error)
{
  g_autoptr(GString) path = g_string_new ("$");
  Checker c = { schema, path, 0 };

  g_return_val_if_fail (schema != NULL, FALSE);
  g_return_val_if_fail (instance != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return check_node (&c, schema, instance, error);
}
