/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What changed between two enhancement stacks, in words for the audit trail. */
#include "config.h"

#include "examination/lk-stack-diff.h"

static char *
number_text (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  for (int digits = 6; digits <= 17; digits++)
    {
      g_autofree char *format = g_strdup_printf ("%%.%dg", digits);

      g_ascii_formatd (buffer, sizeof buffer, format, value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }
  return g_strdup (buffer);
}

static gboolean
values_equal (JsonNode *a,
              JsonNode *b)
{
  GType ta, tb;

  if (a == NULL || b == NULL || !JSON_NODE_HOLDS_VALUE (a) || !JSON_NODE_HOLDS_VALUE (b))
    return FALSE;
  ta = json_node_get_value_type (a);
  tb = json_node_get_value_type (b);
  if ((ta == G_TYPE_INT64 || ta == G_TYPE_DOUBLE) && (tb == G_TYPE_INT64 || tb == G_TYPE_DOUBLE))
    return json_node_get_double (a) == json_node_get_double (b);
  return ta == G_TYPE_STRING && tb == G_TYPE_STRING &&
         g_str_equal (json_node_get_string (a), json_node_get_string (b));
}

static JsonObject *
step_at (JsonArray *stack,
         guint      i)
{
  return json_array_get_object_element (stack, i);
}

static const char *
step_op (JsonArray *stack,
         guint      i)
{
  return json_object_get_string_member (step_at (stack, i), "op");
}

static gboolean
steps_equal (JsonObject *a,
             JsonObject *b)
{
  g_autoptr(GList) names = json_object_get_members (a);

  if (json_object_get_size (a) != json_object_get_size (b))
    return FALSE;
  for (GList *l = names; l != NULL; l = l->next)
    if (!values_equal (json_object_get_member (a, l->data), json_object_get_member (b, l->data)))
      return FALSE;
  return TRUE;
}

static char *
value_text (JsonNode *node)
{
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  return number_text (json_node_get_double (node));
}

/* "clahe (clip 2, tiles 8)", or just "invert". */
static char *
step_text (JsonObject *step)
{
  g_autoptr(GList) names = json_object_get_members (step);
  GString *s = g_string_new (json_object_get_string_member (step, "op"));
  gboolean first = TRUE;

  for (GList *l = names; l != NULL; l = l->next)
    {
      g_autofree char *value = NULL;

      if (g_str_equal (l->data, "op"))
        continue;
      value = value_text (json_object_get_member (step, l->data));
      g_string_append_printf (s, "%s%s %s", first ? " (" : ", ", (char *) l->data, value);
      first = FALSE;
    }
  if (!first)
    g_string_append_c (s, ')');
  return g_string_free (s, FALSE);
}

/* "amount 1 → 1.5, threshold 0 → 4" */
static char *
params_change_text (JsonObject *before,
                    JsonObject *after)
{
  g_autoptr(GList) names = json_object_get_members (after);
  GString *s = g_string_new (NULL);

  for (GList *l = names; l != NULL; l = l->next)
    {
      JsonNode *old = json_object_get_member (before, l->data);
      JsonNode *new = json_object_get_member (after, l->data);
      g_autofree char *from = NULL;
      g_autofree char *to = NULL;

      if (old == NULL || values_equal (old, new))
        continue;
      from = value_text (old);
      to = value_text (new);
      g_string_append_printf (s, "%s%s %s → %s", s->len > 0 ? ", " : "", (char *) l->data, from,
                              to);
    }
  return g_string_free (s, FALSE);
}

/* For each new step, the old step it continues (-1: added): identical steps first, then
 * steps of the same operation (changed). */
static void
match_steps (JsonArray *before,
             JsonArray *after,
             int       *match,
             gboolean  *same)
{
  guint n_old = json_array_get_length (before), n_new = json_array_get_length (after);
  g_autofree gboolean *used = g_new0 (gboolean, n_old + 1);

  for (guint j = 0; j < n_new; j++)
    {
      match[j] = -1;
      same[j] = FALSE;
      for (guint i = 0; i < n_old && match[j] < 0; i++)
        if (!used[i] && steps_equal (step_at (before, i), step_at (after, j)))
          {
            used[i] = same[j] = TRUE;
            match[j] = (int) i;
          }
    }
  for (guint j = 0; j < n_new; j++)
    for (guint i = 0; i < n_old && match[j] < 0; i++)
      if (!used[i] && g_strcmp0 (step_op (before, i), step_op (after, j)) == 0)
        {
          used[i] = TRUE;
          match[j] = (int) i;
        }
}

/* Marks the matched steps that kept their relative order (a longest increasing run of old
 * positions); the others moved. */
static void
find_unmoved (const int *match,
              guint      n,
              gboolean  *kept)
{
  g_autofree int *length = g_new0 (int, n + 1);
  g_autofree int *previous = g_new0 (int, n + 1);
  int best = -1;

  for (guint j = 0; j < n; j++)
    {
      kept[j] = FALSE;
      previous[j] = -1;
      length[j] = match[j] < 0 ? 0 : 1;
      for (guint k = 0; k < j && match[j] >= 0; k++)
        if (match[k] >= 0 && match[k] < match[j] && length[k] + 1 > length[j])
          {
            length[j] = length[k] + 1;
            previous[j] = (int) k;
          }
      if (length[j] > 0 && (best < 0 || length[j] > length[best]))
        best = (int) j;
    }
  for (int j = best; j >= 0; j = previous[j])
    kept[j] = TRUE;
}

static void
add_change (JsonArray  *changes,
            const char *format,
            ...) G_GNUC_PRINTF (2, 3);

static void
add_change (JsonArray  *changes,
            const char *format,
            ...)
{
  va_list args;
  g_autofree char *text = NULL;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  json_array_add_string_element (changes, text);
}

static void
describe_new_step (JsonArray *changes,
                   JsonArray *before,
                   JsonArray *after,
                   guint      j,
                   int        i,
                   gboolean   same,
                   gboolean   kept)
{
  g_autofree char *text = step_text (step_at (after, j));
  g_autofree char *params = NULL;

  if (i < 0)
    {
      add_change (changes, "added step %u: %s", j + 1, text);
      return;
    }
  if (!kept)
    add_change (changes, "moved %s from step %d to step %u", step_op (after, j), i + 1, j + 1);
  if (same)
    return;
  params = params_change_text (step_at (before, (guint) i), step_at (after, j));
  add_change (changes, "changed step %u: %s, %s", j + 1, step_op (after, j), params);
}

JsonArray *
lk_enhancement_stack_changes (JsonArray *before,
                              JsonArray *after)
{
  guint n_old = json_array_get_length (before), n_new = json_array_get_length (after);
  g_autofree int *match = g_new0 (int, n_new + 1);
  g_autofree gboolean *same = g_new0 (gboolean, n_new + 1);
  g_autofree gboolean *kept = g_new0 (gboolean, n_new + 1);
  g_autofree gboolean *used = g_new0 (gboolean, n_old + 1);
  JsonArray *changes = json_array_new ();

  match_steps (before, after, match, same);
  find_unmoved (match, n_new, kept);
  for (guint i = 0; i < n_new; i++)
    if (match[i] >= 0)
      used[match[i]] = TRUE;
  for (guint i = 0; i < n_old; i++)
    if (!used[i])
      {
        g_autofree char *text = step_text (step_at (before, i));

        add_change (changes, "removed step %u: %s", i + 1, text);
      }
  for (guint j = 0; j < n_new; j++)
    describe_new_step (changes, before, after, j, match[j], same[j], kept[j] || match[j] < 0);
  return changes;
}
