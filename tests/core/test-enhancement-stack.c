/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The typed enhancement stack: the catalogue lists every operation with its parameter ranges,
 * JSON read into a typed stack and written back is the same text, a value out of range is
 * refused with the message the JSON check gives, and editing a stack tells its listeners. */
#include "config.h"

#include <string.h>

#include "lk-test-util.h"
#include "imaging/lk-cv.h"
#include "imaging/lk-enhancement.h"

static JsonArray *
parse (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_array_ref (json_node_get_array (json_parser_get_root (parser)));
}

static char *
array_text (JsonArray *array)
{
  g_autoptr(JsonNode) node = json_node_init_array (json_node_alloc (), array);

  return json_to_string (node, FALSE);
}

/* Every operation with its ranges, as lk-cv.h documents them. */
static void
test_catalogue (void)
{
  static const struct
  {
    const char *op;
    const char *label;
    const char *params;   /* name:min:max:default, or name:choice,choice */
  } expected[] = {
    { "brightness", "Brightness", "amount:-100:100:0" },
    { "contrast", "Contrast", "amount:-100:100:0" },
    { "gamma", "Gamma", "gamma:0.1:5:1" },
    { "levels", "Levels", "black:0:254:0 white:1:255:255 gamma:0.1:5:1" },
    { "equalize", "Histogram Equalisation", "" },
    { "clahe", "CLAHE", "clip:0.5:10:2 tiles:2:16:8" },
    { "unsharp", "Unsharp Mask", "radius:0.5:10:2 amount:0:5:1 threshold:0:255:0" },
    { "denoise", "Denoise", "method:bilateral,median strength:1:10:3" },
    { "greyscale", "Greyscale", "" },
    { "invert", "Invert", "" },
    { "channel", "Single Channel", "channel:red,green,blue" },
  };
  GListModel *catalogue = lk_enhancement_catalogue ();
  g_autoptr(LkEnhancementStack) stack = lk_enhancement_stack_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (g_list_model_get_item_type (catalogue) == LK_TYPE_ENHANCEMENT_OPERATION);
  g_assert_cmpuint (g_list_model_get_n_items (catalogue), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(LkEnhancementOperation) op = g_list_model_get_item (catalogue, i);
      g_autoptr(LkEnhancementStep) step = lk_enhancement_step_new (expected[i].op);
      GString *params = g_string_new (NULL);
      g_autofree char *text = NULL;

      g_assert_cmpstr (lk_enhancement_operation_get_id (op), ==, expected[i].op);
      g_assert_cmpstr (lk_enhancement_operation_get_label (op), ==, expected[i].label);
      g_assert_true (lk_enhancement_catalogue_find (expected[i].op) == op);
      for (guint j = 0; j < lk_enhancement_operation_get_n_params (op); j++)
        {
          LkEnhancementParam *p = lk_enhancement_operation_get_param (op, j);
          const char *const *choices = lk_enhancement_param_get_choices (p);

          g_assert_nonnull (lk_enhancement_param_get_label (p));
          g_string_append_printf (params, "%s%s:", j > 0 ? " " : "",
                                  lk_enhancement_param_get_name (p));
          if (choices != NULL)
            {
              g_autofree char *joined = g_strjoinv (",", (char **) choices);

              g_assert_cmpint (lk_enhancement_param_get_kind (p), ==,
                               LK_ENHANCEMENT_PARAM_CHOICE);
              g_string_append (params, joined);
            }
          else
            g_string_append_printf (params, "%g:%g:%g", lk_enhancement_param_get_minimum (p),
                                    lk_enhancement_param_get_maximum (p),
                                    lk_enhancement_param_get_default_value (p));
          g_assert_cmpfloat (lk_enhancement_step_get_value (step, j), ==,
                             lk_enhancement_param_get_default_value (p));
        }
      text = g_string_free (params, FALSE);
      g_assert_cmpstr (text, ==, expected[i].params);
      g_assert_true (lk_enhancement_step_get_operation (step) == op);
      g_assert_true (lk_enhancement_stack_append (stack, step));
    }
  g_assert_null (lk_enhancement_catalogue_find ("paint"));
  g_assert_null (lk_enhancement_step_new ("paint"));
  /* Every default validates: a user interface may start from them. */
  g_assert_true (lk_enhancement_stack_validate (stack, &error));
  g_assert_no_error (error);
}

/* JSON -> typed -> JSON gives the text examinations stored before (json-glib's, with whole
 * numbers for integer parameters and reals for the others, as the editor always wrote them),
 * byte for byte, for every operation, defaults or not. */
static void
test_round_trip (void)
{
  static const char *const stacks[] = {
    "[]",
    "[{\"op\":\"brightness\",\"amount\":-12.5}]",
    "[{\"op\":\"contrast\",\"amount\":30.0}]",
    "[{\"op\":\"gamma\",\"gamma\":1.3}]",
    "[{\"op\":\"levels\",\"black\":10,\"white\":240,\"gamma\":0.9}]",
    "[{\"op\":\"equalize\"}]",
    "[{\"op\":\"clahe\",\"clip\":2.5,\"tiles\":6}]",
    "[{\"op\":\"unsharp\",\"radius\":1.7,\"amount\":0.8,\"threshold\":3.0}]",
    "[{\"op\":\"denoise\",\"method\":\"median\",\"strength\":2}]",
    "[{\"op\":\"greyscale\"},{\"op\":\"invert\"}]",
    "[{\"op\":\"channel\",\"channel\":\"blue\"}]",
  };
  GListModel *catalogue = lk_enhancement_catalogue ();
  g_autoptr(LkEnhancementStack) defaults = lk_enhancement_stack_new ();
  g_autoptr(JsonArray) defaults_json = NULL;
  g_autoptr(LkEnhancementStack) again = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (stacks); i++)
    {
      g_autoptr(JsonArray) json = parse (stacks[i]);
      g_autoptr(LkEnhancementStack) stack = lk_enhancement_stack_new_from_json (json, &error);
      g_autoptr(JsonArray) written = NULL;
      g_autofree char *stored = array_text (json);
      g_autofree char *text = NULL;

      g_assert_no_error (error);
      written = lk_enhancement_stack_to_json (stack);
      text = array_text (written);
      g_test_message ("%s", stored);
      g_assert_cmpstr (text, ==, stored);
    }
  /* The defaults of every operation, as the catalogue makes them. */
  for (guint i = 0; i < g_list_model_get_n_items (catalogue); i++)
    {
      g_autoptr(LkEnhancementOperation) op = g_list_model_get_item (catalogue, i);
      g_autoptr(LkEnhancementStep) step =
        lk_enhancement_step_new (lk_enhancement_operation_get_id (op));

      lk_enhancement_stack_append (defaults, step);
    }
  defaults_json = lk_enhancement_stack_to_json (defaults);
  again = lk_enhancement_stack_new_from_json (defaults_json, &error);
  g_assert_no_error (error);
  g_assert_true (lk_enhancement_stack_equal (again, defaults));
  {
    g_autoptr(JsonArray) again_json = lk_enhancement_stack_to_json (again);
    g_autofree char *a = array_text (defaults_json);
    g_autofree char *b = array_text (again_json);

    g_assert_cmpstr (a, ==, b);
  }
}

/* The message for a value out of range is the one the JSON check gives for it. */
static void
assert_same_refusal (const char *json,
                     guint       position,
                     guint       param,
                     double      value)
{
  g_autoptr(JsonArray) array = parse (json);
  g_autoptr(LkEnhancementStack) stack = NULL;
  g_autoptr(JsonArray) bad = NULL;
  g_autoptr(GError) json_error = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *step;
  LkEnhancementParam *p;

  stack = lk_enhancement_stack_new_from_json (array, &error);
  g_assert_no_error (error);
  g_assert_false (lk_enhancement_stack_set_value (stack, position, param, value, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  /* Unchanged after the refusal. */
  g_assert_cmpfloat (lk_enhancement_step_get_value (lk_enhancement_stack_get_step (stack,
                                                                                   position),
                                                    param),
                     !=, value);

  bad = parse (json);
  step = json_array_get_object_element (bad, position);
  p = lk_enhancement_operation_get_param (
        lk_enhancement_step_get_operation (lk_enhancement_stack_get_step (stack, position)),
        param);
  json_object_set_double_member (step, lk_enhancement_param_get_name (p), value);
  g_assert_false (lk_cv_enhancement_validate (bad, &json_error));
  g_test_message ("refused: %s", error->message);
  g_assert_cmpstr (error->message, ==, json_error->message);
}

static void
test_out_of_range (void)
{
  const char *stack = "[{\"op\":\"invert\"},{\"op\":\"clahe\",\"clip\":2,\"tiles\":8},"
                      "{\"op\":\"gamma\",\"gamma\":1}]";

  assert_same_refusal (stack, 1, 0, 12);
  assert_same_refusal (stack, 1, 1, 4.5);
  assert_same_refusal (stack, 1, 1, 1);
  assert_same_refusal (stack, 2, 0, 0.05);
  assert_same_refusal ("[{\"op\":\"brightness\",\"amount\":3}]", 0, 0, 101);
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *count)
{
  (*count)++;
}

/* Editing: each change is one items-changed; black above white is left to validate(), with
 * the JSON check's message; copies share no step. */
static void
test_editing (void)
{
  g_autoptr(LkEnhancementStack) stack = lk_enhancement_stack_new ();
  g_autoptr(LkEnhancementStack) copy = NULL;
  g_autoptr(LkEnhancementStep) levels = lk_enhancement_step_new ("levels");
  g_autoptr(LkEnhancementStep) invert = lk_enhancement_step_new ("invert");
  g_autoptr(JsonArray) json = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) json_error = NULL;
  guint count = 0;

  g_signal_connect (stack, "items-changed", G_CALLBACK (on_items_changed), &count);
  lk_enhancement_stack_append (stack, invert);
  lk_enhancement_stack_append (stack, levels);
  lk_enhancement_stack_swap (stack, 0, 1);
  g_assert_cmpuint (count, ==, 3);
  g_assert_cmpstr (lk_enhancement_step_get_id (lk_enhancement_stack_get_step (stack, 0)), ==,
                   "levels");
  copy = lk_enhancement_stack_copy (stack);
  g_assert_true (lk_enhancement_stack_equal (copy, stack));
  g_assert_true (lk_enhancement_stack_set_value (stack, 0, 0, 250, &error));
  g_assert_true (lk_enhancement_stack_set_value (stack, 0, 1, 100, &error));
  g_assert_no_error (error);
  g_assert_false (lk_enhancement_stack_equal (copy, stack));
  g_assert_cmpfloat (lk_enhancement_step_get_value (lk_enhancement_stack_get_step (copy, 0), 0),
                     ==, 0);
  g_assert_false (lk_enhancement_stack_validate (stack, &error));
  json = lk_enhancement_stack_to_json (stack);
  g_assert_false (lk_cv_enhancement_validate (json, &json_error));
  g_assert_cmpstr (error->message, ==, json_error->message);
  g_assert_true (strstr (error->message, "step 1 (levels)") != NULL);
  lk_enhancement_stack_remove (stack, 0);
  lk_enhancement_stack_remove_all (stack);
  g_assert_cmpuint (count, ==, 5);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (stack)), ==, 0);
  for (guint i = 0; i < LK_ENHANCEMENT_MAX_STEPS; i++)
    g_assert_true (lk_enhancement_stack_append (stack, invert));
  g_assert_false (lk_enhancement_stack_append (stack, invert));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/likeness/enhancement-stack/catalogue", test_catalogue);
  g_test_add_func ("/likeness/enhancement-stack/round-trip", test_round_trip);
  g_test_add_func ("/likeness/enhancement-stack/out-of-range", test_out_of_range);
  g_test_add_func ("/likeness/enhancement-stack/editing", test_editing);
  return g_test_run ();
}
