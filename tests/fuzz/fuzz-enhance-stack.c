/* SPDX-License-Identifier: GPL-3.0-or-later */
/* An enhancement stack as JSON (stored with an examination, given to likeness-cli, carried in a
 * bundle): read and checked; what is accepted writes back to JSON that reads back the same. */
#include "config.h"

#include <math.h>

#include "imaging/lk-cv.h"
#include "imaging/lk-enhance-stack.h"
#include "lk-json.h"
#include "lk-fuzz.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  lk_fuzz_init ();
  return 0;
}

static void
check_round_trip (const LkEnhanceStack *stack)
{
  g_autoptr(JsonArray) array = json_array_new ();
  g_autoptr(GError) error = NULL;
  LkEnhanceStack again;

  for (guint i = 0; i < stack->n_steps; i++)
    json_array_add_object_element (array, lk_enhance_step_to_json (&stack->steps[i]));
  g_assert_true (lk_enhance_stack_read (array, &again, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (again.n_steps, ==, stack->n_steps);
  for (guint i = 0; i < stack->n_steps; i++)
    {
      g_assert_cmpint (again.steps[i].op, ==, stack->steps[i].op);
      for (guint k = 0; k < LK_ENHANCE_MAX_PARAMS; k++)
        g_assert_cmpfloat_with_epsilon (again.steps[i].params[k], stack->steps[i].params[k],
                                        1e-9 * MAX (1.0, fabs (stack->steps[i].params[k])));
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = lk_json_load ((const char *) data, (gssize) size, 65536, &error);
  LkEnhanceStack stack;
  gboolean ok;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return 0;
  ok = lk_enhance_stack_read (json_node_get_array (node), &stack, &error);
  lk_fuzz_check_answer (ok, error);
  if (ok)
    check_round_trip (&stack);
  g_clear_error (&error);
  ok = lk_cv_enhancement_validate (json_node_get_array (node), &error);
  lk_fuzz_check_answer (ok, error);
  return 0;
}
