/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lk_json_load: the one way JSON from outside is read. */
#include "config.h"

#include <string.h>

#include "lk-json.h"
#include "reference/lk-feature-list.h"
#include "lk-test-util.h"

static char *
nested (guint       depth,
        const char *inner)
{
  GString *text = g_string_new ("{\"a\":");

  for (guint i = 1; i < depth; i++)
    g_string_append_c (text, '[');
  g_string_append (text, inner);
  for (guint i = 1; i < depth; i++)
    g_string_append_c (text, ']');
  g_string_append_c (text, '}');
  return g_string_free (text, FALSE);
}

static void
assert_refused (const char *text,
                gssize      length,
                gsize       max_size,
                const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = lk_json_load (text, length, max_size, &error);

  g_assert_null (node);
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  if (strstr (error->message, expected) == NULL)
    g_error ("expected “%s” in “%s”", expected, error->message);
  /* The caller names the document; json-glib's own name for it stays out. */
  g_assert_null (strstr (error->message, "<data>"));
}

static JsonNode *
load_ok (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = lk_json_load (text, -1, LK_JSON_MAX_SIZE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

static void
test_depth (void)
{
  g_autofree char *deepest = nested (LK_JSON_MAX_DEPTH, "1");
  g_autofree char *too_deep = nested (LK_JSON_MAX_DEPTH + 1, "1");
  g_autofree char *crash = nested (100000, "");
  g_autoptr(JsonNode) node = load_ok (deepest);

  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  assert_refused (too_deep, -1, LK_JSON_MAX_SIZE, "nested more than 64 levels deep");
  /* Deep enough to overflow json-glib's stack: refused before it gets there. */
  assert_refused (crash, -1, LK_JSON_MAX_SIZE, "line 1: nested more than 64 levels deep");
}

static void
test_strings (void)
{
  g_autofree char *brackets = g_strnfill (1000, '[');
  g_autofree char *in_string = g_strdup_printf ("{\"a\": \"%s\", \"b\": \"\\\"[[\\\\\"}",
                                                brackets);
  g_autoptr(JsonNode) node = load_ok (in_string);
  JsonObject *o = json_node_get_object (node);

  /* Brackets in strings do not nest, escaped quotes do not end a string, and an escaped
   * backslash does not escape the quote after it. */
  g_assert_cmpstr (json_object_get_string_member (o, "a"), ==, brackets);
  g_assert_cmpstr (json_object_get_string_member (o, "b"), ==, "\"[[\\");
}

static void
test_not_strict (void)
{
  g_autofree char *inner = nested (100, "1");
  g_autofree char *hidden = g_strdup_printf ("['\"', %s, '\"']", inner);

  /* json-glib would read single-quoted strings and comments, where brackets hide from a
   * count that only knows double quotes. */
  assert_refused (hidden, -1, LK_JSON_MAX_SIZE, "unexpected “'”");
  assert_refused ("{\"a\": 1 /* [[[ */}", -1, LK_JSON_MAX_SIZE, "unexpected “/”");
  assert_refused ("{\n\"a\": 1 // note\n}", -1, LK_JSON_MAX_SIZE, "line 2: unexpected “/”");
}

static void
test_size (void)
{
  const char *text = "{\"name\": \"value\"}";
  g_autoptr(JsonNode) part = NULL;
  g_autoptr(GError) error = NULL;

  assert_refused (text, -1, 10, "larger than the 10 bytes");
  /* @length bounds the text: the part read here is the first member's name. */
  part = lk_json_load (text, 6, 10, &error);
  g_assert_null (part);
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
}

static void
test_syntax (void)
{
  assert_refused ("{\n  \"a\": [1, 2,\n}", -1, LK_JSON_MAX_SIZE, "not valid JSON: line 3");
}

static void
test_stored (void)
{
  g_autofree char *deeper = nested (2 * LK_JSON_MAX_DEPTH, "1");
  g_autofree char *crash = nested (100000, "");
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) broken = lk_json_parse (crash);
  g_autoptr(GError) error = NULL;

  /* What the core stored may sit a little deeper than what it accepts, but never deep enough
   * to crash whoever reads the file. */
  node = lk_json_load_stored (deeper, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  g_assert_true (JSON_NODE_HOLDS_NULL (broken));
}

/* Found by the json fuzz target: json-glib turned an unpaired surrogate escape into bytes that
 * are not UTF-8, accepted here and then unreadable once written back. Pairs are fine. */
static void
test_surrogates (void)
{
  g_autoptr(JsonNode) pair = load_ok ("[\"\\ud83d\\ude00\"]");

  g_assert_cmpstr (json_array_get_string_element (json_node_get_array (pair), 0), ==, "😀");
  /* json-glib writes a high surrogate followed by anything but its low half as the three bytes
   * of the lone surrogate, which no UTF-8 reader accepts. */
  assert_refused ("[\"\\ud83dx\"]", -1, LK_JSON_MAX_SIZE, "surrogate");
  assert_refused ("{\"\\udbffz\": 1}", -1, LK_JSON_MAX_SIZE, "surrogate");
  /* Found by the enhance-stack fuzz target: json-glib leaks a string when half a pair is
   * followed by an escape that is not the other half. Refused before it sees them. */
  assert_refused ("[\"\\ud800\\u0041\"]", -1, LK_JSON_MAX_SIZE, "line 1: an escaped half");
  assert_refused ("[\"\\ude00\\ud800\"]", -1, LK_JSON_MAX_SIZE, "surrogate");
  assert_refused ("[{\"o5\\ude93\\uee93", -1, LK_JSON_MAX_SIZE, "surrogate");
  assert_refused ("[\"\\ude00\"]", -1, LK_JSON_MAX_SIZE, "surrogate");
  assert_refused ("[\"\\udbff\\udbff\"]", -1, LK_JSON_MAX_SIZE, "surrogate");
  /* The fuzz target's input: a short escape, then a lone low surrogate. The short escape is
   * refused first (test_escapes). */
  assert_refused ("[\"\\ud\\ude00:3d\\ude00\"\", \"Vudc00\"]", -1, LK_JSON_MAX_SIZE,
                  "line 1: a \\u escape without four hexadecimal digits");
}

/* json-glib reads a \u with fewer than four hexadecimal digits as far as the digits go and
 * swallows the character after them, even the closing quote, and reads an unknown escape as the
 * character escaped. Where the nesting count saw a string end, json-glib saw it go on, and the
 * other way round: brackets hidden from the count overflowed json-glib's stack. */
static void
test_escapes (void)
{
  g_autofree char *brackets = g_strnfill (100000, '[');
  g_autofree char *hidden = g_strdup_printf ("[\"\\u1\"\", %s", brackets);
  g_autoptr(JsonNode) stored = NULL;
  g_autoptr(JsonNode) node = load_ok ("[\"\\/\\b\\f\\n\\r\\t\\\"\\\\\\u00e9\\u00E9\\u0041\"]");

  /* Every escape JSON has still reads. */
  g_assert_cmpstr (json_array_get_string_element (json_node_get_array (node), 0), ==,
                   "/\b\f\n\r\t\"\\ééA");
  /* json-glib read this as the one string "\u1000]". */
  assert_refused ("[\"\\u1\"]\"]", -1, LK_JSON_MAX_SIZE,
                  "line 1: a \\u escape without four hexadecimal digits");
  assert_refused ("[\"\\u\"]", -1, LK_JSON_MAX_SIZE, "\\u escape without four");
  assert_refused ("[\"\\u12g4\"]", -1, LK_JSON_MAX_SIZE, "\\u escape without four");
  assert_refused ("{\"a\":\n\"\\u004", -1, LK_JSON_MAX_SIZE, "line 2: a \\u escape");
  assert_refused ("[\"\\uZZZZ\"]", -1, LK_JSON_MAX_SIZE, "\\u escape without four");
  assert_refused ("[\"a\\x\"]", -1, LK_JSON_MAX_SIZE, "“\\x” is not an escape JSON knows");
  assert_refused ("[\"\\U0041\"]", -1, LK_JSON_MAX_SIZE, "“\\U” is not an escape");
  assert_refused ("[\"a\\\x01\"]", -1, LK_JSON_MAX_SIZE, "a backslash that escapes nothing");
  assert_refused ("[\"a\\", -1, LK_JSON_MAX_SIZE, "a backslash that escapes nothing");
  /* Found reading json-glib's scanner: to the count, the string after "\u1" holds the
   * brackets; json-glib nested them and overflowed its stack. */
  assert_refused (hidden, -1, LK_JSON_MAX_SIZE, "line 1: a \\u escape without four");
  /* The same text in the database: read as no JSON, not a crash. */
  stored = lk_json_parse (hidden);
  g_assert_true (JSON_NODE_HOLDS_NULL (stored));
}

/* Found by the json fuzz target (with GLib's slice allocator off, so that LeakSanitizer sees
 * json-glib's nodes): json-glib refuses a second value after the first, but leaks what it built
 * of it when it is an array or an object. One value is all a document holds, with white space
 * around it. */
static void
test_one_value (void)
{
  g_autoptr(JsonNode) spaced = load_ok (" \n[1, [2]]\r\n\t ");
  g_autoptr(JsonNode) word = load_ok ("true\n");
  g_autoptr(JsonNode) text = load_ok ("\"[1] [2]\"  ");

  g_assert_cmpuint (json_array_get_length (json_node_get_array (spaced)), ==, 2);
  g_assert_true (json_node_get_boolean (word));
  g_assert_cmpstr (json_node_get_string (text), ==, "[1] [2]");
  assert_refused ("0[[2]]", -1, LK_JSON_MAX_SIZE, "line 1: more text after the end of the "
                  "document");
  assert_refused ("[[2]] [1]", -1, LK_JSON_MAX_SIZE, "more text after the end");
  assert_refused ("{\"a\": [1]}\n\n{\"b\": 2}", -1, LK_JSON_MAX_SIZE,
                  "line 3: more text after the end");
  assert_refused ("\"s\"[1]", -1, LK_JSON_MAX_SIZE, "more text after the end");
  assert_refused ("true [1]", -1, LK_JSON_MAX_SIZE, "more text after the end");
  assert_refused ("-1.5e3,", -1, LK_JSON_MAX_SIZE, "more text after the end");
  assert_refused ("[1]]", -1, LK_JSON_MAX_SIZE, "more text after the end");
  /* A NUL byte is not white space: nothing hides after it. */
  assert_refused ("[1]\0[2]", 7, LK_JSON_MAX_SIZE, "more text after the end");
}

/* Found by the json fuzz target: json-glib reads ".7e22" as 7e21, which its writer writes back
 * as "7e+21.0"; it also reads ".5", "1.", "01" and "0x10". Numbers are refused unless JSON
 * writes them so. */
static void
test_number_syntax (void)
{
  g_autoptr(JsonNode) fits = load_ok ("[0, -0, 0.5, -0.5e-3, 1E5, 10, 1e+2, 2.50E-07]");
  JsonArray *array = json_node_get_array (fits);
  const char * const refused[] = {
    ".7e22", "[.5]", "[1.]", "[-.5]", "[01]", "[-01]", "[0x10]", "[.e1]", "[+1]", "[1e]",
    "[1e+]", "[1.5.5]", "[--1]", "[-]", "{\"a\": 1x}", NULL
  };

  g_assert_cmpuint (json_array_get_length (array), ==, 8);
  g_assert_cmpfloat (json_array_get_double_element (array, 3), ==, -0.5e-3);
  g_assert_cmpfloat (json_array_get_double_element (array, 7), ==, 2.5e-7);
  for (guint i = 0; refused[i] != NULL; i++)
    assert_refused (refused[i], -1, LK_JSON_MAX_SIZE, "is not a number as JSON writes one");
  assert_refused ("[1,\n 0x10]", -1, LK_JSON_MAX_SIZE, "line 2: 0x10 is not a number");
}

/* Found by the json fuzz target: json-glib reads a number beyond a double's range as infinity
 * (and writes it as "inf", which is not JSON) and a whole number beyond 64 bits as -1, so a
 * score or a value in a list's metadata changed silently. Both are refused; what fits is read
 * as written. */
static void
test_number_range (void)
{
  g_autoptr(JsonNode) fits = load_ok ("[9223372036854775807, -9223372036854775808, 1.5e308, "
                                      "-2.5e-999, 0.125, -0, 1.5e-7]");
  JsonArray *array = json_node_get_array (fits);

  g_assert_cmpint (json_array_get_int_element (array, 0), ==, G_MAXINT64);
  g_assert_cmpint (json_array_get_int_element (array, 1), ==, G_MININT64);
  g_assert_cmpfloat (json_array_get_double_element (array, 2), ==, 1.5e308);
  g_assert_cmpfloat (json_array_get_double_element (array, 4), ==, 0.125);
  assert_refused ("{\"score\": 1e999}", -1, LK_JSON_MAX_SIZE, "line 1: the number 1e999 is out "
                  "of range");
  assert_refused ("[\"a\",\n -1E+400]", -1, LK_JSON_MAX_SIZE, "line 2: the number -1E+400");
  assert_refused ("{\"rank\": 123456789012345678901234567890}", -1, LK_JSON_MAX_SIZE,
                  "out of range");
  assert_refused ("[9223372036854775808]", -1, LK_JSON_MAX_SIZE, "out of range");
  /* Found by the json fuzz target: json-glib writes these back as "7e+51.0" and "1e+308.0",
   * which it cannot read again. */
  assert_refused ("[7e51]", -1, LK_JSON_MAX_SIZE, "the number 7e51 is out of range");
  assert_refused ("{\"x\": 1e308}", -1, LK_JSON_MAX_SIZE, "the number 1e308 is out of range");
  assert_refused ("[100000000000000000.0]", -1, LK_JSON_MAX_SIZE, "out of range");
  /* Numbers inside strings are text. */
  g_clear_pointer (&fits, json_node_unref);
  fits = load_ok ("[\"1e999\", \"123456789012345678901234567890\"]");
}

/* Found by the feature-list fuzz target: an empty GBytes hands over NULL as its data, and an
 * empty feature list was a critical instead of an error. */
static void
test_empty_bytes (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = lk_json_load (NULL, 0, LK_JSON_MAX_SIZE, &error);
  g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);
  g_autoptr(JsonNode) list = NULL;

  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_NULL (node));
  list = lk_feature_list_parse (empty, "edition.json", &error);
  g_assert_null (list);
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  g_assert_true (g_str_has_prefix (error->message, "edition.json"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/likeness/json/depth", test_depth);
  g_test_add_func ("/likeness/json/strings", test_strings);
  g_test_add_func ("/likeness/json/not-strict", test_not_strict);
  g_test_add_func ("/likeness/json/size", test_size);
  g_test_add_func ("/likeness/json/syntax", test_syntax);
  g_test_add_func ("/likeness/json/stored", test_stored);
  g_test_add_func ("/likeness/json/empty-bytes", test_empty_bytes);
  g_test_add_func ("/likeness/json/surrogates", test_surrogates);
  g_test_add_func ("/likeness/json/escapes", test_escapes);
  g_test_add_func ("/likeness/json/one-value", test_one_value);
  g_test_add_func ("/likeness/json/number-syntax", test_number_syntax);
  g_test_add_func ("/likeness/json/number-range", test_number_range);

  return g_test_run ();
}
