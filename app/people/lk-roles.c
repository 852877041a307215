/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "lk-error.h"
#include "lk-util.h"
#include "people/lk-roles.h"

static const struct
{
  LkRoles     role;
  const char *name;
  const char *label;
} roles_table[LK_N_ROLES] = {
  { LK_ROLE_ADMINISTRATOR, "administrator", "Administrator" },
  { LK_ROLE_EXAMINER, "examiner", "Examiner" },
  { LK_ROLE_REVIEWER, "reviewer", "Reviewer" },
  { LK_ROLE_TRAINER, "trainer", "Trainer" },
  { LK_ROLE_TRAINEE, "trainee", "Trainee" },
};

LkRoles
lk_role_nth (guint index)
{
  g_return_val_if_fail (index < LK_N_ROLES, 0);
  return roles_table[index].role;
}

const char *
lk_role_name (LkRoles role)
{
  for (guint i = 0; i < LK_N_ROLES; i++)
    if (roles_table[i].role == role)
      return roles_table[i].name;
  g_return_val_if_reached (NULL);
}

const char *
lk_role_label (LkRoles role)
{
  for (guint i = 0; i < LK_N_ROLES; i++)
    if (roles_table[i].role == role)
      return roles_table[i].label;
  g_return_val_if_reached (NULL);
}

static char *
join_roles (LkRoles     roles,
            gboolean    labels,
            const char *separator)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();

  for (guint i = 0; i < LK_N_ROLES; i++)
    if (roles & roles_table[i].role)
      g_ptr_array_add (parts, (gpointer) (labels ? roles_table[i].label : roles_table[i].name));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (separator, (char **) parts->pdata);
}

char *
lk_roles_to_phrase (LkRoles roles)
{
  g_autoptr(GString) phrase = g_string_new (NULL);
  guint n = 0, total = 0;

  for (guint i = 0; i < LK_N_ROLES; i++)
    total += (roles & roles_table[i].role) != 0;
  for (guint i = 0; i < LK_N_ROLES; i++)
    {
      const char *name = roles_table[i].name;

      if (!(roles & roles_table[i].role))
        continue;
      n++;
      if (n > 1)
        g_string_append (phrase, n == total ? " or " : ", ");
      g_string_append_printf (phrase, "%s %s", strchr ("aeiou", name[0]) ? "an" : "a", name);
    }
  return g_string_free (g_steal_pointer (&phrase), FALSE);
}

char *
lk_roles_to_string (LkRoles roles)
{
  return join_roles (roles, FALSE, ",");
}

char *
lk_roles_to_label (LkRoles roles)
{
  return join_roles (roles, TRUE, ", ");
}

static gboolean
parse_one (const char  *word,
           LkRoles     *roles,
           GError     **error)
{
  g_autofree char *quoted = NULL;

  for (guint i = 0; i < LK_N_ROLES; i++)
    if (g_ascii_strcasecmp (word, roles_table[i].name) == 0)
      {
        if (*roles & roles_table[i].role)
          {
            g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                         "The role “%s” is named twice", roles_table[i].name);
            return FALSE;
          }
        *roles |= roles_table[i].role;
        return TRUE;
      }
  quoted = lk_text_escape (word);
  g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
               "Unknown role “%s” (roles: administrator, examiner, reviewer, trainer, trainee)",
               quoted);
  return FALSE;
}

gboolean
lk_roles_parse (const char  *text,
                LkRoles     *roles,
                GError     **error)
{
  g_auto(GStrv) words = g_strsplit (text != NULL ? text : "", ",", -1);
  LkRoles result = 0;

  for (guint i = 0; words[i] != NULL && !lk_text_is_blank (text); i++)
    {
      g_strstrip (words[i]);
      if (words[i][0] == '\0')
        {
          g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                       "The list of roles has an empty item: name roles separated by commas, "
                       "such as examiner,reviewer");
          return FALSE;
        }
      if (!parse_one (words[i], &result, error))
        return FALSE;
    }
  if (result == 0)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "A user needs at least one role");
      return FALSE;
    }
  if ((result & LK_ROLE_TRAINEE) && (result & (LK_ROLE_EXAMINER | LK_ROLE_REVIEWER)))
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                   "A trainee cannot also be an examiner or reviewer: trainees do not touch casework");
      return FALSE;
    }
  *roles = result;
  return TRUE;
}
