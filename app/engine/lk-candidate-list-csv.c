/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The CSV form of a candidate list: rank,score,subject_ref,image and optional key=value
 * metadata fields, one candidate a line (RFC 4180 quoting; an optional header line). Its header
 * fields come from the sidecar JSON, read by lk-candidate-list.c. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "lk-util.h"
#include "engine/lk-candidate-list-private.h"
#include "engine/lk-candidate-list.h"

#define CSV_COLUMNS "rank,score,subject_ref,image"

static gboolean
is_record_end (const char *p,
               const char *end)
{
  return p >= end || *p == '\n' || *p == '\r';
}

static gboolean
csv_quoted (const char  **cursor,
            const char   *end,
            guint        *line,
            GString      *out,
            const char   *name,
            GError      **error)
{
  const char *p = *cursor + 1;
  guint start = *line;

  for (;;)
    {
      if (p >= end)
        return lk_candidate_list_fail (error, name, "line %u: a quoted field is not closed",
                                       start);
      if (*p == '"' && p + 1 < end && p[1] == '"')
        {
          g_string_append_c (out, '"');
          p += 2;
          continue;
        }
      if (*p == '"')
        break;
      if (*p == '\n')
        (*line)++;
      g_string_append_c (out, *p++);
    }
  p++;
  if (!is_record_end (p, end) && *p != ',')
    return lk_candidate_list_fail (error, name, "line %u: text after the closing quote of a "
                                   "field", *line);
  *cursor = p;
  return TRUE;
}

/* One field, quoted ("a, b" and "say ""hi""") or not; stops at the comma or the line end. */
static gboolean
csv_field (const char  **cursor,
           const char   *end,
           guint        *line,
           GString      *out,
           const char   *name,
           GError      **error)
{
  const char *p = *cursor;

  if (p < end && *p == '"')
    return csv_quoted (cursor, end, line, out, name, error);
  for (; !is_record_end (p, end) && *p != ','; p++)
    {
      if (*p == '"')
        return lk_candidate_list_fail (error, name, "line %u: a quote inside an unquoted field "
                                       "(quote the whole field and double the quote)", *line);
      g_string_append_c (out, *p);
    }
  *cursor = p;
  return TRUE;
}

static gboolean
csv_record (const char  **cursor,
            const char   *end,
            guint        *line,
            GPtrArray    *fields,
            const char   *name,
            GError      **error)
{
  for (;;)
    {
      g_autoptr(GString) field = g_string_new (NULL);

      if (!csv_field (cursor, end, line, field, name, error))
        return FALSE;
      g_ptr_array_add (fields, g_string_free (g_steal_pointer (&field), FALSE));
      if (*cursor >= end || **cursor != ',')
        break;
      (*cursor)++;
    }
  if (*cursor < end && **cursor == '\r')
    (*cursor)++;
  if (*cursor < end && **cursor == '\n')
    (*cursor)++;
  (*line)++;
  return TRUE;
}

static gboolean
is_blank_record (GPtrArray *fields)
{
  return fields->len == 1 && lk_text_is_blank (g_ptr_array_index (fields, 0));
}

static gboolean
is_header (GPtrArray *fields)
{
  g_auto(GStrv) columns = g_strsplit (CSV_COLUMNS, ",", -1);

  if (fields->len < 4)
    return FALSE;
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *field = g_strstrip (g_strdup (g_ptr_array_index (fields, i)));

      if (g_ascii_strcasecmp (field, columns[i]) != 0)
        return FALSE;
    }
  return TRUE;
}

/* Plain decimal notation only: strtod would also take "nan", "inf", hexadecimal, a leading
 * "+" and white space. */
static gboolean
parse_decimal (const char *text,
               double     *value)
{
  char *end = NULL;

  if (*text == '\0' || *text == '+')
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && strchr ("+-.eE", *p) == NULL)
      return FALSE;
  *value = g_ascii_strtod (text, &end);
  return end != NULL && *end == '\0' && isfinite (*value);
}

static gboolean
read_csv_metadata (LkCandidateEntry  *e,
                   GPtrArray         *fields,
                   const char        *where,
                   GError           **error)
{
  e->metadata = json_object_new ();
  for (guint i = 4; i < fields->len; i++)
    {
      const char *field = g_ptr_array_index (fields, i);
      const char *equals = strchr (field, '=');
      g_autofree char *key = equals ? g_strstrip (g_strndup (field, equals - field)) : NULL;

      if (lk_text_is_blank (field))
        continue;
      if (key == NULL || *key == '\0')
        return lk_candidate_list_fail (error, where, "extra field “%s” is not of the form "
                                       "key=value", field);
      if (json_object_has_member (e->metadata, key))
        return lk_candidate_list_fail (error, where, "metadata key “%s” appears twice", key);
      json_object_set_string_member (e->metadata, key, equals + 1);
    }
  return TRUE;
}

static gboolean
read_csv_entry (LkCandidateListLoader  *l,
                GPtrArray              *fields,
                guint                   line,
                GError                **error)
{
  g_autoptr(LkCandidateEntry) e = g_new0 (LkCandidateEntry, 1);
  g_autofree char *where = g_strdup_printf ("%s: line %u", l->name, line);
  g_autofree char *rank = NULL;
  g_autofree char *score = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 value;

  if (fields->len < 4)
    return lk_candidate_list_fail (error, where, "expected " CSV_COLUMNS " but found %u "
                                   "field(s)", fields->len);
  rank = g_strdup (g_ptr_array_index (fields, 0));
  score = g_strdup (g_ptr_array_index (fields, 1));
  if (!g_ascii_isdigit (*rank) || !g_ascii_string_to_signed (rank, 10, 1, G_MAXINT, &value, NULL))
    return lk_candidate_list_fail (error, where, "rank “%s” is not a whole number of 1 or more "
                                   "(digits only, no “+”, no spaces)", rank);
  e->rank = (int) value;
  g_free (where);
  where = g_strdup_printf ("%s: line %u (rank %d)", l->name, line, e->rank);
  if (!parse_decimal (score, &e->score))
    return lk_candidate_list_fail (error, where, "score “%s” is not a finite number in plain "
                                   "decimal notation, such as 0.93 (no “+”, no spaces)", score);
  e->subject_ref = g_strdup (g_ptr_array_index (fields, 2));
  e->image_ref = g_strdup (g_ptr_array_index (fields, 3));
  if (lk_text_is_blank (e->subject_ref))
    return lk_candidate_list_fail (error, where, "subject_ref is empty");
  if (!lk_require_name (e->subject_ref, "subject_ref", &local_error))
    return lk_candidate_list_fail (error, where, "%s", local_error->message);
  if (lk_text_is_blank (e->image_ref))
    return lk_candidate_list_fail (error, where, "image is empty");
  if (!read_csv_metadata (e, fields, where, error))
    return FALSE;
  lk_candidate_list_add_entry (l, g_steal_pointer (&e),
                               g_strdup_printf ("line %u (rank %d)", line, (int) value));
  return TRUE;
}

gboolean
lk_candidate_list_read_csv (LkCandidateListLoader      *l,
                            const LkCandidateListText  *csv,
                            GError                    **error)
{
  const char *p = csv->text, *end = csv->text + csv->length;
  guint line = 1;
  gboolean first = TRUE;

  while (p < end)
    {
      g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
      guint start = line;

      if (!csv_record (&p, end, &line, fields, l->name, error))
        return FALSE;
      if (is_blank_record (fields) || (first && is_header (fields)))
        continue;
      first = FALSE;
      if (l->list->entries->len >= (guint) l->limits->max_entries)
        return lk_candidate_list_fail (error, l->name, "line %u: more than the %d candidates "
                                       "allowed by policy (max_candidates)", start,
                                       l->limits->max_entries);
      if (!read_csv_entry (l, fields, start, error))
        return FALSE;
    }
  return lk_candidate_list_check_count (l, l->list->entries->len, error);
}
