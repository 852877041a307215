/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The JSON Schema validator, the shipped data files (feature list, conclusion scales) against
 * their schemas, broken files with errors that name the problem and the JSON path, and a lab's
 * own edition of the feature list. */
#include "config.h"

#include <string.h>

#include "lk-test-util.h"
#include "governance/lk-feature-lists.h"
#include "people/lk-session.h"
#include "people/lk-users.h"
#include "reference/lk-data.h"
#include "reference/lk-schema-check.h"
#include "store/lk-audit.h"
#include "store/lk-store.h"

#define ADMIN "admin"
#define ADMIN_PASSWORD "correct horse"
#define EXAMINER "erin"
#define EXAMINER_PASSWORD "battery staple"

static JsonNode *
parse (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static void
assert_message (GError     *error,
                const char *expected)
{
  g_assert_nonnull (error);
  if (strstr (error->message, expected) == NULL)
    g_error ("Expected “%s” in: %s", expected, error->message);
}

/* ---- the validator ------------------------------------------------------------------------- */

static const char test_schema[] =
  "{\"type\": \"object\", \"required\": [\"name\", \"items\"], \"additionalProperties\": false,"
  " \"properties\": {"
  "  \"name\": {\"$ref\": \"#/$defs/text\"},"
  "  \"kind\": {\"enum\": [\"a\", \"b\"]},"
  "  \"format\": {\"const\": \"x\"},"
  "  \"count\": {\"type\": \"integer\", \"minimum\": 1, \"maximum\": 9},"
  "  \"ratio\": {\"type\": [\"number\", \"null\"]},"
  "  \"code\": {\"type\": \"string\", \"pattern\": \"^[A-Z]{3}$\", \"maxLength\": 3},"
  "  \"items\": {\"type\": \"array\", \"minItems\": 1, \"maxItems\": 3,"
  "             \"items\": {\"type\": \"object\", \"required\": [\"id\"],"
  "                        \"properties\": {\"id\": {\"type\": \"string\"}}}},"
  "  \"any\": true"
  " },"
  " \"$defs\": {\"text\": {\"type\": \"string\", \"minLength\": 2, \"pattern\": \"\\\\S\"}}}";

static const struct
{
  const char *instance;
  const char *expected; /* NULL: valid */
} cases[] = {
  { "{\"name\": \"ok\", \"items\": [{\"id\": \"x\"}]}", NULL },
  { "{\"name\": \"ok\", \"items\": [{\"id\": \"x\"}], \"kind\": \"b\", \"format\": \"x\","
    " \"count\": 9, \"ratio\": null, \"code\": \"ROB\", \"any\": [1]}", NULL },
  { "{\"name\": \"ok\", \"items\": [{\"id\": \"x\"}], \"ratio\": 0.5, \"count\": 2.0}", NULL },
  { "[]", "$: expected an object, found an array" },
  { "{\"items\": []}", "$: the member “name” is missing" },
  { "{\"name\": 3, \"items\": []}", "$.name: expected a string, found an integer" },
  { "{\"name\": \"x\", \"items\": [{\"id\": \"x\"}]}", "$.name: must be at least 2 character" },
  { "{\"name\": \"  \", \"items\": [{\"id\": \"x\"}]}", "$.name: “  ” does not match the pattern" },
  { "{\"name\": \"ok\", \"items\": []}", "$.items: needs at least 1 item(s), has 0" },
  { "{\"name\": \"ok\", \"items\": [{}, {}, {}, {}]}", "$.items: may have at most 3" },
  { "{\"name\": \"ok\", \"items\": [{\"id\": \"x\"}, {\"id\": 4}]}",
    "$.items[1].id: expected a string, found an integer" },
  { "{\"name\": \"ok\", \"items\": [{\"id\": \"x\"}, {}]}",
    "$.items[1]: the member “id” is missing" },
  { "{\"name\": \"ok\", \"items\": [{\"id\": \"x\"}], \"kind\": \"c\"}",
    "$.kind: \"c\" is not one of: \"a\", \"b\"" },
  { "{\"name\": \"ok\", \"items\": [{\"id\": \"x\"}], \"format\": \"y\"}",
    "$.format: must be \"x\"" },
  { "{\"name\": \"ok\", \"items\": [{\"id\": \"x\"}], \"count\": 0}",
    "$.count: 0 is below the minimum 1" },
  { "{\"name\": \"ok\", \"items\": [{\"id\": \"x\"}], \"count\": 10}",
    "$.count: 10 is above the maximum 9" },
  { "{\"name\": \"ok\", \"items\": [{\"id\": \"x\"}], \"count\": 1.5}",
    "$.count: expected an integer, found a number" },
  { "{\"name\": \"ok\", \"items\": [{\"id\": \"x\"}], \"ratio\": \"1\"}",
    "$.ratio: expected a number or a null, found a string" },
  { "{\"name\": \"ok\", \"items\": [{\"id\": \"x\"}], \"code\": \"rob\"}",
    "$.code: “rob” does not match the pattern ^[A-Z]{3}$" },
  { "{\"name\": \"ok\", \"items\": [{\"id\": \"x\"}], \"code\": \"ROBB\"}",
    "$.code: must be at most 3 character" },
  { "{\"name\": \"ok\", \"items\": [{\"id\": \"x\"}], \"extra\": 1}",
    "$.extra: unexpected member" },
  { "{\"name\": \"ok\", \"items\": [{\"id\": \"x\"}], \"odd key\": 1}",
    "$[\"odd key\"]: unexpected member" },
};

static void
test_keywords (void)
{
  g_autoptr(JsonNode) schema = parse (test_schema);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) instance = parse (cases[i].instance);
      g_autoptr(GError) error = NULL;
      gboolean ok = lk_schema_check (schema, instance, &error);

      if (cases[i].expected == NULL)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          continue;
        }
      g_assert_false (ok);
      g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
      if (!g_str_has_prefix (error->message, cases[i].expected))
        g_error ("Case %u: expected “%s”, got: %s", i, cases[i].expected, error->message);
    }
}

/* A schema never seems to check what it does not: an unsupported keyword is an error. */
static void
test_unsupported (void)
{
  g_autoptr(JsonNode) any_of = parse ("{\"anyOf\": [{\"type\": \"string\"}]}");
  g_autoptr(JsonNode) bad_ref = parse ("{\"$ref\": \"#/$defs/nothing\"}");
  g_autoptr(JsonNode) cycle = parse ("{\"$ref\": \"#\"}");
  g_autoptr(JsonNode) instance = parse ("\"text\"");
  g_autoptr(GError) error = NULL;

  g_assert_false (lk_schema_check (any_of, instance, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_FAILED);
  assert_message (error, "“anyOf” is not supported");
  g_clear_error (&error);
  g_assert_false (lk_schema_check (bad_ref, instance, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_FAILED);
  assert_message (error, "leads nowhere");
  g_clear_error (&error);
  g_assert_false (lk_schema_check (cycle, instance, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_FAILED);
  assert_message (error, "nested too deeply");
}

/* ---- the shipped files --------------------------------------------------------------------- */

static void
test_shipped_feature_list (void)
{
  JsonObject *list = lk_feature_list ();
  JsonArray *components = json_object_get_array_member (list, "components");
  JsonObject *component = NULL;
  JsonObject *forehead = lk_feature_list_find (list, "forehead.shape", &component);

  g_assert_cmpstr (json_object_get_string_member (list, "format"), ==, "likeness-feature-list");
  g_assert_cmpuint (json_array_get_length (components), ==, 19);
  g_assert_cmpuint (lk_feature_list_count_characteristics (list), ==, 90);
  g_assert_nonnull (forehead);
  g_assert_cmpstr (json_object_get_string_member (component, "name"), ==, "Forehead");
  g_assert_null (lk_feature_list_find (list, "forehead.nothing", NULL));
}

/* What the application and the command line check before anything else. */
static void
test_start_up_check (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lk_data_check (&error));
  g_assert_no_error (error);
}

static const char * const default_7_labels[] = {
  "The observations strongly support that it is the same person",
  "The observations support that it is the same person",
  "The observations support to some extent that it is the same person",
  "The observations support neither same nor different persons",
  "The observations support to some extent different persons",
  "The observations support different persons",
  "The observations strongly support different persons",
};

static void
test_shipped_scales (void)
{
  g_autoptr(GError) error = NULL;
  const LkScale *seven = lk_scale_lookup ("default-7", &error);
  const LkScale *enfsi = lk_scale_lookup ("enfsi", &error);
  const LkScaleLevel *level;

  g_assert_no_error (error);
  g_assert_cmpuint (seven->levels->len, ==, 7);
  for (guint i = 0; i < 7; i++)
    {
      level = g_ptr_array_index (seven->levels, i);
      g_assert_cmpint (level->ordinal, ==, 3 - (int) i);
      g_assert_cmpstr (level->label, ==, default_7_labels[i]);
      g_assert_cmpint (level->strength, ==, ABS (level->ordinal));
    }
  g_assert_cmpstr (seven->not_suitable_label, ==, "Not suitable for comparison");
  g_assert_cmpuint (enfsi->levels->len, ==, 13);
  g_assert_cmpint (((LkScaleLevel *) g_ptr_array_index (enfsi->levels, 0))->ordinal, ==, 6);
  level = lk_scale_get_level (enfsi, 0);
  g_assert_nonnull (strstr (level->label, "no support"));
  level = lk_scale_get_level (enfsi, -4);
  g_assert_nonnull (strstr (level->label, "strong support for the proposition that they are "
                                          "different persons"));
  g_assert_cmpint (level->strength, ==, 2);
  g_assert_null (lk_scale_get_level (enfsi, 7));
  g_assert_cmpstr (enfsi->not_suitable_label, ==, "Not suitable for comparison");
  g_assert_null (lk_scale_lookup ("nine-level", &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_NOT_FOUND);
}

/* ---- broken scale files -------------------------------------------------------------------- */

#define SCALE_HEAD \
  "{\"format\": \"likeness-conclusion-scale\", \"version\": 1, \"name\": \"three\"," \
  " \"edition\": \"1\", \"title\": \"Three levels\", \"not_suitable\": {\"label\": \"No\"},"

static const struct
{
  const char *text;
  const char *expected;
} broken_scales[] = {
  { SCALE_HEAD " \"levels\": [{\"ordinal\": 1, \"label\": \"S\", \"strength\": 1},"
    " {\"ordinal\": 0, \"label\": \"N\", \"strength\": 0},"
    " {\"ordinal\": -1, \"label\": \"D\", \"strength\": 1}]}", NULL },
  { "{\"format\": ", "three.json is not valid JSON" },
  { SCALE_HEAD " \"levels\": [{\"ordinal\": 1, \"label\": \"S\", \"strength\": 1},"
    " {\"ordinal\": 0, \"label\": \"N\", \"strength\": 0},"
    " {\"ordinal\": -1, \"label\": \"D\", \"strength\": \"1\"}]}",
    "three.json does not follow scale.schema.json: $.levels[2].strength: expected an integer, "
    "found a string" },
  { SCALE_HEAD " \"levels\": [{\"ordinal\": 1, \"label\": \"S\", \"strength\": 1},"
    " {\"ordinal\": 0, \"label\": \"\", \"strength\": 0},"
    " {\"ordinal\": -1, \"label\": \"D\", \"strength\": 1}]}",
    "$.levels[1].label: must be at least 1 character" },
  { SCALE_HEAD " \"levels\": [{\"ordinal\": 1, \"label\": \"S\", \"strength\": 4},"
    " {\"ordinal\": 0, \"label\": \"N\", \"strength\": 0},"
    " {\"ordinal\": -1, \"label\": \"D\", \"strength\": 1}]}",
    "$.levels[0].strength: 4 is above the maximum 3" },
  { SCALE_HEAD " \"levels\": [{\"ordinal\": 1, \"label\": \"S\", \"strength\": 1,"
    " \"colour\": \"red\"}, {\"ordinal\": 0, \"label\": \"N\", \"strength\": 0},"
    " {\"ordinal\": -1, \"label\": \"D\", \"strength\": 1}]}",
    "$.levels[0].colour: unexpected member" },
  { SCALE_HEAD " \"levels\": [{\"ordinal\": 1, \"label\": \"S\", \"strength\": 1},"
    " {\"ordinal\": 0, \"label\": \"N\", \"strength\": 0},"
    " {\"ordinal\": 1, \"label\": \"D\", \"strength\": 1}]}",
    "three.json: $.levels[2].ordinal: 1 is used twice" },
  { SCALE_HEAD " \"levels\": [{\"ordinal\": 2, \"label\": \"S\", \"strength\": 1},"
    " {\"ordinal\": 0, \"label\": \"N\", \"strength\": 0},"
    " {\"ordinal\": -1, \"label\": \"D\", \"strength\": 1}]}",
    "three.json: $.levels[0].ordinal: 2 has no mirror level -2" },
  { SCALE_HEAD " \"levels\": [{\"ordinal\": 1, \"label\": \"S\", \"strength\": 2},"
    " {\"ordinal\": 0, \"label\": \"N\", \"strength\": 0},"
    " {\"ordinal\": -1, \"label\": \"D\", \"strength\": 1}]}",
    "three.json: $.levels[0].strength: 2 differs from the strength of its mirror level -1" },
  { SCALE_HEAD " \"levels\": [{\"ordinal\": 1, \"label\": \"S\", \"strength\": 1},"
    " {\"ordinal\": 0, \"label\": \"N\", \"strength\": 1},"
    " {\"ordinal\": -1, \"label\": \"D\", \"strength\": 1}]}",
    "three.json: $.levels[1].strength: the level 0 supports neither proposition" },
  { SCALE_HEAD " \"levels\": [{\"ordinal\": 2, \"label\": \"S\", \"strength\": 1},"
    " {\"ordinal\": 1, \"label\": \"s\", \"strength\": 2},"
    " {\"ordinal\": 0, \"label\": \"N\", \"strength\": 0},"
    " {\"ordinal\": -1, \"label\": \"d\", \"strength\": 2},"
    " {\"ordinal\": -2, \"label\": \"D\", \"strength\": 1}]}",
    "three.json: $.levels[0].strength: 1 is weaker than the level nearer to 0" },
  { SCALE_HEAD " \"levels\": [{\"ordinal\": 1, \"label\": \"S\", \"strength\": 1},"
    " {\"ordinal\": 0, \"label\": \"N\", \"strength\": 0},"
    " {\"ordinal\": 3, \"label\": \"T\", \"strength\": 1},"
    " {\"ordinal\": -3, \"label\": \"t\", \"strength\": 1},"
    " {\"ordinal\": -1, \"label\": \"D\", \"strength\": 1}]}",
    "three.json: $.levels[2].ordinal: 3 leaves a gap" },
  { SCALE_HEAD " \"levels\": [{\"ordinal\": 1, \"label\": \"S\", \"strength\": 1},"
    " {\"ordinal\": 2, \"label\": \"T\", \"strength\": 1},"
    " {\"ordinal\": -1, \"label\": \"D\", \"strength\": 1}]}",
    "three.json: $.levels: no level has the ordinal 0" },
};

static void
test_broken_scales (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (broken_scales); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (broken_scales[i].text,
                                                    strlen (broken_scales[i].text));
      g_autoptr(GError) error = NULL;
      g_autoptr(LkScale) scale = lk_scale_parse (bytes, "three.json", &error);

      if (broken_scales[i].expected == NULL)
        {
          g_assert_no_error (error);
          g_assert_cmpuint (scale->levels->len, ==, 3);
          continue;
        }
      g_assert_null (scale);
      g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
      assert_message (error, broken_scales[i].expected);
    }
}

/* ---- a lab's own feature list -------------------------------------------------------------- */

typedef struct
{
  LkTestFixture *fixture;
  LkStore       *store;
  LkSession     *admin;
  LkSession     *examiner;
} World;

static void
world_init (World         *w,
            LkTestFixture *fixture)
{
  g_autoptr(GError) error = NULL;

  w->fixture = fixture;
  w->store = lk_test_store_new (fixture->db_path, ADMIN, ADMIN_PASSWORD);
  w->admin = lk_session_login (w->store, ADMIN, ADMIN_PASSWORD, &error);
  g_assert_no_error (error);
  lk_users_add (w->admin, EXAMINER, NULL, LK_ROLE_EXAMINER, EXAMINER_PASSWORD, &error);
  g_assert_no_error (error);
  w->examiner = lk_session_login (w->store, EXAMINER, EXAMINER_PASSWORD, &error);
  g_assert_no_error (error);
}

static void
world_clear (World *w)
{
  g_clear_object (&w->examiner);
  g_clear_object (&w->admin);
  g_clear_object (&w->store);
}

static char *
write_file (World      *w,
            const char *name,
            const char *text)
{
  char *path = lk_test_path (w->fixture, name);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  return path;
}

#define LIST_HEAD "{\"format\": \"likeness-feature-list\", \"version\": 1,"

static const char lab_list[] =
  LIST_HEAD " \"edition\": \"Lab North edition 1\", \"components\": ["
  " {\"id\": \"ears\", \"number\": 1, \"name\": \"Ears\", \"characteristics\": ["
  "  {\"id\": \"ears.helix\", \"name\": \"Helix\"},"
  "  {\"id\": \"ears.lobe\", \"name\": \"Lobe\", \"descriptors\": [\"attached\", \"free\"]}]},"
  " {\"id\": \"nose\", \"number\": 2, \"name\": \"Nose\", \"characteristics\": ["
  "  {\"id\": \"nose.tip\", \"name\": \"Tip\"}]}]}";

static const struct
{
  const char *text;
  const char *expected;
} broken_lists[] = {
  { "{\"format\": \"likeness-feature-list\",", "lab.json is not valid JSON" },
  { LIST_HEAD " \"components\": []}",
    "lab.json does not follow feature-list.schema.json: $: the member “edition” is missing" },
  { LIST_HEAD " \"edition\": \"E\", \"components\": []}",
    "$.components: needs at least 1 item(s), has 0" },
  { LIST_HEAD " \"edition\": \"E\", \"components\": [{\"id\": \"ears\", \"number\": \"1\","
    " \"name\": \"Ears\", \"characteristics\": [{\"id\": \"ears.helix\", \"name\": \"H\"}]}]}",
    "$.components[0].number: expected an integer, found a string" },
  { LIST_HEAD " \"edition\": \"E\", \"components\": [{\"id\": \"Ears\", \"number\": 1,"
    " \"name\": \"Ears\", \"characteristics\": [{\"id\": \"ears.helix\", \"name\": \"H\"}]}]}",
    "$.components[0].id: “Ears” does not match the pattern" },
  { LIST_HEAD " \"edition\": \"E\", \"components\": [{\"id\": \"ears\", \"number\": 1,"
    " \"name\": \"Ears\", \"characteristics\": [{\"id\": \"ears.helix\", \"name\": \"H\","
    " \"rank\": 1}]}]}",
    "$.components[0].characteristics[0].rank: unexpected member" },
  { LIST_HEAD " \"edition\": \"E\", \"components\": [{\"id\": \"ears\", \"number\": 1,"
    " \"name\": \"Ears\", \"characteristics\": [{\"id\": \"nose.tip\", \"name\": \"T\"}]}]}",
    "lab.json: $.components[0].characteristics[0].id: “nose.tip” does not belong to its "
    "component “ears”" },
  { LIST_HEAD " \"edition\": \"E\", \"components\": ["
    " {\"id\": \"ears\", \"number\": 1, \"name\": \"Ears\", \"characteristics\": ["
    "  {\"id\": \"ears.helix\", \"name\": \"H\"}]},"
    " {\"id\": \"ears\", \"number\": 2, \"name\": \"Ears again\", \"characteristics\": ["
    "  {\"id\": \"ears.lobe\", \"name\": \"L\"}]}]}",
    "lab.json: $.components[1].id: “ears” is used twice (first at $.components[0].id)" },
  { LIST_HEAD " \"edition\": \"E\", \"components\": ["
    " {\"id\": \"ears\", \"number\": 1, \"name\": \"Ears\", \"characteristics\": ["
    "  {\"id\": \"ears.helix\", \"name\": \"H\"}, {\"id\": \"ears.helix\", \"name\": \"H\"}]}]}",
    "$.components[0].characteristics[1].id: “ears.helix” is used twice" },
  { LIST_HEAD " \"edition\": \"E\", \"components\": ["
    " {\"id\": \"ears\", \"number\": 1, \"name\": \"Ears\", \"characteristics\": ["
    "  {\"id\": \"ears.helix\", \"name\": \"H\"}]},"
    " {\"id\": \"nose\", \"number\": 1, \"name\": \"Nose\", \"characteristics\": ["
    "  {\"id\": \"nose.tip\", \"name\": \"T\"}]}]}",
    "$.components[1].number: “number 1” is used twice" },
};

static void
test_broken_feature_lists (LkTestFixture *fixture,
                           gconstpointer  data)
{
  World w = { 0 };
  g_autofree char *missing = NULL;
  g_autofree char *before = NULL;
  g_autoptr(GError) error = NULL;

  world_init (&w, fixture);
  for (guint i = 0; i < G_N_ELEMENTS (broken_lists); i++)
    {
      g_autofree char *path = write_file (&w, "lab.json", broken_lists[i].text);
      g_autofree char *edition = lk_feature_lists_install (w.admin, path, &error);

      g_assert_null (edition);
      g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
      assert_message (error, broken_lists[i].expected);
      g_clear_error (&error);
    }
  missing = lk_test_path (fixture, "absent.json");
  g_assert_null (lk_feature_lists_install (w.admin, missing, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_NOT_FOUND);
  /* nothing was installed or audited */
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, "SELECT count(*) FROM feature_lists"), ==,
                   0);
  g_assert_cmpint (lk_test_count_action (w.store, "feature-list.installed"), ==, 0);
  g_clear_error (&error);
  before = lk_feature_lists_current_edition (w.store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (before, ==, lk_feature_list_edition ());
  world_clear (&w);
}

static void
test_install_feature_list (LkTestFixture *fixture,
                           gconstpointer  data)
{
  World w = { 0 };
  g_autofree char *path = NULL;
  g_autofree char *changed = NULL;
  g_autofree char *shipped = NULL;
  g_autofree char *edition = NULL;
  g_autofree char *again = NULL;
  g_autofree char *current = NULL;
  g_autoptr(JsonObject) list = NULL;
  g_autoptr(JsonNode) details_node = NULL;
  g_autoptr(LkAuditEvent) event = NULL;
  JsonObject *details;
  g_autoptr(GError) error = NULL;

  world_init (&w, fixture);
  path = write_file (&w, "lab.json", lab_list);
  /* administrators only */
  g_assert_null (lk_feature_lists_install (w.examiner, path, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);

  edition = lk_feature_lists_install (w.admin, path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (edition, ==, "Lab North edition 1");
  current = lk_feature_lists_current_edition (w.store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (current, ==, "Lab North edition 1");
  event = lk_test_last_event (w.store);
  g_assert_cmpstr (event->action, ==, "feature-list.installed");
  g_assert_cmpstr (event->user, ==, ADMIN);
  details_node = json_from_string (event->details, NULL);
  details = json_node_get_object (details_node);
  g_assert_cmpint (json_object_get_int_member (details, "characteristics"), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (details, "previous_edition"), ==,
                   lk_feature_list_edition ());
  g_assert_true (json_object_get_boolean_member (details, "new_edition"));

  list = lk_feature_lists_for_edition (w.store, "Lab North edition 1", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lk_feature_list_count_characteristics (list), ==, 3);
  g_clear_pointer (&list, json_object_unref);
  list = lk_feature_lists_for_edition (w.store, lk_feature_list_edition (), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lk_feature_list_count_characteristics (list), ==, 90);
  g_assert_null (lk_feature_lists_for_edition (w.store, "Lab South", &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* the same file again only makes it current; other content under that name is refused */
  again = lk_feature_lists_install (w.admin, path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, "SELECT count(*) FROM feature_lists"), ==,
                   1);
  changed = write_file (&w, "lab-changed.json", "{\"format\": \"likeness-feature-list\","
                        " \"version\": 1, \"edition\": \"Lab North edition 1\", \"components\":"
                        " [{\"id\": \"ears\", \"number\": 1, \"name\": \"Ears\","
                        " \"characteristics\": [{\"id\": \"ears.helix\", \"name\": \"H\"}]}]}");
  g_assert_null (lk_feature_lists_install (w.admin, changed, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_EXISTS);
  g_assert_cmpstr (error->message, ==, "The edition “Lab North edition 1” already exists with"
                   " different content; give the corrected list a new edition name (examinations"
                   " refer to editions by name)");
  g_clear_error (&error);
  shipped = write_file (&w, "shipped.json", "{\"format\": \"likeness-feature-list\","
                        " \"version\": 1, \"edition\": \"FISWG-based working draft 2026-1\","
                        " \"components\": [{\"id\": \"ears\", \"number\": 1, \"name\": \"Ears\","
                        " \"characteristics\": [{\"id\": \"ears.helix\", \"name\": \"H\"}]}]}");
  g_assert_null (lk_feature_lists_install (w.admin, shipped, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_EXISTS);
  g_clear_error (&error);

  /* an installed edition never changes, not even through SQL */
  {
    g_autofree char *edited = lk_test_sql_error (fixture->db_path,
                                                 "UPDATE feature_lists SET content = '{}'");
    g_autofree char *deleted = lk_test_sql_error (fixture->db_path, "DELETE FROM feature_lists");

    g_assert_nonnull (edited);
    g_assert_nonnull (strstr (edited, "an installed feature-list edition cannot change"));
    g_assert_nonnull (deleted);
    g_assert_nonnull (strstr (deleted, "an installed feature-list edition cannot be deleted"));
  }
  world_clear (&w);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/likeness/schema-check/keywords", test_keywords);
  g_test_add_func ("/likeness/schema-check/unsupported", test_unsupported);
  g_test_add_func ("/likeness/schema-check/shipped-feature-list", test_shipped_feature_list);
  g_test_add_func ("/likeness/schema-check/shipped-scales", test_shipped_scales);
  g_test_add_func ("/likeness/schema-check/start-up-check", test_start_up_check);
  g_test_add_func ("/likeness/schema-check/broken-scales", test_broken_scales);
  LK_TEST_ADD ("/likeness/schema-check/broken-feature-lists", test_broken_feature_lists);
  LK_TEST_ADD ("/likeness/schema-check/install-feature-list", test_install_feature_list);

  return g_test_run ();
}
