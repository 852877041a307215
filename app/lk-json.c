/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "lk-json.h"

#include <math.h>
#include <string.h>

#include "lk-error.h"

void
lk_json_set_text (JsonObject *object,
                  const char *name,
                  const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, name, value);
  else
    json_object_set_null_member (object, name);
}

const char *
lk_json_string (JsonObject *object,
                const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* Stored text was checked against LK_JSON_MAX_DEPTH when it came in, but the core nests it a
 * few levels deeper in what it writes (audit details, for one). */
#define STORED_MAX_DEPTH (4 * LK_JSON_MAX_DEPTH)

/* Whether json-glib can write @d back so that it reads it again: it writes a double as
 * g_ascii_dtostr() does and appends ".0" when there is no point, so a value written with an
 * exponent but no point ("7e+51", "1e+308") comes out as "7e+51.0", which no parser reads. */
static gboolean
double_round_trips (double d)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (isinf (d) || isnan (d))
    return FALSE;
  g_ascii_dtostr (buffer, sizeof buffer, d);
  return strpbrk (buffer, "eE") == NULL || strchr (buffer, '.') != NULL;
}

/* Whether the @n bytes at @t are a number as JSON writes one: -?(0|[1-9][0-9]*)(.[0-9]+)?
 * ([eE][+-]?[0-9]+)?. json-glib also reads ".5", "1.", "01" and "0x10", some of them into a
 * value its writer cannot write back. */
static gboolean
number_is_json (const char *t,
                gsize       n)
{
  gsize i = 0, digits;

  if (i < n && t[i] == '-')
    i++;
  for (digits = i; i < n && g_ascii_isdigit (t[i]); i++)
    ;
  if (i == digits || (t[digits] == '0' && i - digits > 1))
    return FALSE;
  if (i < n && t[i] == '.')
    {
      for (digits = ++i; i < n && g_ascii_isdigit (t[i]); i++)
        ;
      if (i == digits)
        return FALSE;
    }
  if (i < n && (t[i] == 'e' || t[i] == 'E'))
    {
      if (++i < n && (t[i] == '+' || t[i] == '-'))
        i++;
      for (digits = i; i < n && g_ascii_isdigit (t[i]); i++)
        ;
      if (i == digits)
        return FALSE;
    }
  return i == n;
}

/* json-glib turns a number beyond a double's range into infinity, which it then writes as
 * "inf", a whole number beyond 64 bits into -1, and some large doubles into text it cannot read
 * back (double_round_trips): each would change or lose outside data without a word. The number
 * token at @text (outside any string) must be one JSON allows (number_is_json) and fit. Sets
 * @end past it. */
static gboolean
check_number (const char  *text,
              gsize        length,
              guint        line,
              gsize       *end,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *token = NULL;
  gboolean whole = TRUE, fits;
  gsize n = 0;

  /* The token as json-glib's scanner takes it: letters too, as in 0x10. */
  while (n < length && text[n] != '\0' &&
         (g_ascii_isalnum (text[n]) || strchr ("+-.", text[n]) != NULL))
    {
      if (strchr (".eE", text[n]) != NULL)
        whole = FALSE;
      n++;
    }
  *end = n;
  token = g_strndup (text, n);
  if (!number_is_json (token, n))
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                   "not valid JSON: line %u: %.24s%s is not a number as JSON writes one", line,
                   token, n > 24 ? "…" : "");
      return FALSE;
    }
  if (whole)
    fits = g_ascii_string_to_signed (token, 10, G_MININT64, G_MAXINT64, NULL, &local_error);
  else
    fits = double_round_trips (g_ascii_strtod (token, NULL));
  if (fits)
    return TRUE;
  g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
               "not valid JSON: line %u: the number %.24s%s is out of range", line, token,
               n > 24 ? "…" : "");
  return FALSE;
}

/* The code unit of the \u escape at @text (just after the backslash), or -1 when it does not
 * have four hexadecimal digits. */
static gint
unicode_escape (const char *text,
                gsize       length)
{
  gint unit = 0;

  if (length < 5 || text[0] != 'u')
    return -1;
  for (gsize n = 1; n <= 4; n++)
    {
      if (!g_ascii_isxdigit (text[n]))
        return -1;
      unit = unit * 16 + g_ascii_xdigit_value (text[n]);
    }
  return unit;
}

/* json-glib reads an escape it does not know as the character after the backslash, and a \u
 * with fewer than four hexadecimal digits as far as the digits go, swallowing the character after
 * them, even a closing quote: "\u1"]" is one string to json-glib, so brackets after it that are
 * in a string here would nest there. It leaks memory on half a surrogate pair followed by
 * another \u escape, and makes a lone half into bytes that are not UTF-8. Only JSON's own
 * escapes pass, surrogates in pairs. Sets @skip to the bytes after the backslash that the
 * escape takes. */
static gboolean
check_escape (const char  *text,
              gsize        length,
              guint        line,
              gsize       *skip,
              GError     **error)
{
  gint unit = unicode_escape (text, length);
  gint next = length > 6 && text[5] == '\\' ? unicode_escape (text + 6, length - 6) : -1;
  const char *problem = NULL;

  *skip = 5;
  if (length > 0 && text[0] != '\0' && strchr ("\"\\/bfnrt", text[0]) != NULL)
    *skip = 1;
  else if (length > 0 && text[0] == 'u' && unit < 0)
    problem = "a \\u escape without four hexadecimal digits";
  else if (unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff)
    *skip = 11;
  else if (unit >= 0xd800 && unit <= 0xdfff)
    problem = "an escaped half of a UTF-16 surrogate pair (\\uD800 to \\uDFFF) without the "
              "other half";
  else if (unit < 0 && length > 0 && g_ascii_isgraph (text[0]))
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                   "not valid JSON: line %u: “\\%c” is not an escape JSON knows", line, text[0]);
      return FALSE;
    }
  else if (unit < 0)
    problem = "a backslash that escapes nothing JSON knows";
  if (problem == NULL)
    return TRUE;
  g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "not valid JSON: line %u: %s", line,
               problem);
  return FALSE;
}

/* After the top-level value, only white space: json-glib refuses a second value but leaks the
 * nodes it built for it when that value is an array or an object ("[1] [2]"). @i is at the
 * first byte after the value. */
static gboolean
check_end (const char  *text,
           gsize        length,
           gsize        i,
           guint        line,
           GError     **error)
{
  for (; i < length; i++)
    {
      if (text[i] == '\n')
        line++;
      else if (!g_ascii_isspace (text[i]))
        {
          g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                       "not valid JSON: line %u: more text after the end of the document", line);
          return FALSE;
        }
    }
  return TRUE;
}

/* json-glib parses recursively, so text nested deeply enough overflows the stack: count the
 * nesting first, check that numbers fit (check_number) and that one value is all there is
 * (check_end). Only strict JSON passes, because json-glib also reads single-quoted strings,
 * comments and loose escapes (check_escape), in which brackets would not count here but would
 * count there. */
static gboolean
check_nesting (const char  *text,
               gsize        length,
               guint        max_depth,
               GError     **error)
{
  gboolean in_string = FALSE;
  gboolean ended = FALSE;   /* the top-level value is complete */
  guint depth = 0;
  guint line = 1;
  gsize i;

  for (i = 0; i < length && !ended; i++)
    {
      char c = text[i];

      if (c == '\n')
        line++;
      if (in_string)
        {
          if (c == '\\')
            {
              gsize n;

              if (!check_escape (text + i + 1, length - i - 1, line, &n, error))
                return FALSE;
              i += n;
            }
          else if (c == '"')
            {
              in_string = FALSE;
              ended = depth == 0;
            }
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > max_depth)
            {
              g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                           "not valid JSON: line %u: nested more than %u levels deep", line,
                           max_depth);
              return FALSE;
            }
        }
      else if ((c == ']' || c == '}') && depth > 0)
        ended = --depth == 0;
      else if (c == '-' || c == '+' || c == '.' || g_ascii_isdigit (c))
        {
          gsize n;

          if (!check_number (text + i, length - i, line, &n, error))
            return FALSE;
          i += n - 1;
          ended = depth == 0;
        }
      else if (c == '\'' || c == '/')
        {
          g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                       "not valid JSON: line %u: unexpected “%c” (JSON has neither single "
                       "quotes nor comments)", line, c);
          return FALSE;
        }
      else if (depth == 0 && g_ascii_isalpha (c))
        {
          /* true, false, null, or a word json-glib refuses. */
          while (i + 1 < length && g_ascii_isalnum (text[i + 1]))
            i++;
          ended = TRUE;
        }
    }
  return check_end (text, length, i, line, error);
}

/* json-glib turns an unpaired surrogate escape ("\ud800") into bytes that are not UTF-8, which
 * no later reader (GTK, the database, json-glib itself) accepts: every name and string must be
 * valid UTF-8. Recursion is bounded by the nesting already checked. */
static gboolean
strings_valid (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &name, &member))
        if (!g_utf8_validate (name, -1, NULL) || !strings_valid (member))
          return FALSE;
      return TRUE;
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        if (!strings_valid (json_array_get_element (array, i)))
          return FALSE;
      return TRUE;
    }
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return g_utf8_validate (json_node_get_string (node), -1, NULL);
  return TRUE;
}

static JsonNode *
load (const char  *text,
      gssize       length,
      gsize        max_size,
      guint        max_depth,
      GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  gsize size = length < 0 ? strlen (text) : (gsize) length;
  JsonNode *root;

  if (size > max_size)
    {
      g_autofree char *limit = g_format_size_full (max_size, G_FORMAT_SIZE_IEC_UNITS);

      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                   "larger than the %s a JSON document may have", limit);
      return NULL;
    }
  if (!check_nesting (text, size, max_depth, error))
    return NULL;
  if (!json_parser_load_from_data (parser, text, (gssize) size, &local_error))
    {
      const char *message = local_error->message;

      /* json-glib calls in-memory text "<data>"; callers name it. */
      if (g_str_has_prefix (message, "<data>:"))
        message += strlen ("<data>:");
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "not valid JSON: line %s", message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root != NULL && !strings_valid (root))
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "not valid JSON: a string holds an "
                   "escaped half of a UTF-16 surrogate pair (\\uD800 to \\uDFFF) without "
                   "the other half");
      return NULL;
    }
  return root != NULL ? json_node_copy (root) : json_node_init_null (json_node_alloc ());
}

JsonNode *
lk_json_load (const char  *text,
              gssize       length,
              gsize        max_size,
              GError     **error)
{
  /* An empty GBytes may hand over NULL as its data. */
  g_return_val_if_fail (text != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return load (text != NULL ? text : "", length, max_size, LK_JSON_MAX_DEPTH, error);
}

JsonNode *
lk_json_load_stored (const char  *text,
                     GError     **error)
{
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return load (text, -1, G_MAXSIZE, STORED_MAX_DEPTH, error);
}

JsonNode *
lk_json_parse (const char *text)
{
  /* Lenient by contract (lk-json.h): a reader that must notice damage calls the above. */
  JsonNode *node = text != NULL ? lk_json_load_stored (text, NULL) : NULL;

  return node != NULL ? node : json_node_init_null (json_node_alloc ());
}

JsonArray *
lk_json_parse_array (const char *text)
{
  g_autoptr(JsonNode) node = lk_json_parse (text);

  if (JSON_NODE_HOLDS_ARRAY (node))
    return json_array_ref (json_node_get_array (node));
  return json_array_new ();
}

char *
lk_json_object_text (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  return json_to_string (node, FALSE);
}

char *
lk_json_array_text (JsonArray *array)
{
  g_autoptr(JsonNode) node = json_node_init_array (json_node_alloc (), array);

  return json_to_string (node, FALSE);
}
