/* SPDX-License-Identifier: GPL-3.0-or-later */
/* For each examined candidate: plates, enhancement steps, the feature table, each signed
 * conclusion with the whole scale, and its verification. */
#include "config.h"

#include "report/lk-report-private.h"

#include "examination/lk-examinations-private.h"
#include "reference/lk-data.h"
#include "store/lk-store-private.h"

static JsonArray *
array_of (JsonObject *o,
          const char *name)
{
  JsonNode *node = o != NULL ? json_object_get_member (o, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* ---- enhancement steps --------------------------------------------------------------------- */

static char *
step_text (JsonObject *step)
{
  g_autoptr(GString) out = g_string_new (lk_report_str (step, "op"));
  g_autoptr(GList) members = json_object_get_members (step);
  gboolean first = TRUE;

  for (GList *m = members; m != NULL; m = m->next)
    {
      JsonNode *v = json_object_get_member (step, m->data);

      if (g_str_equal (m->data, "op") || !JSON_NODE_HOLDS_VALUE (v))
        continue;
      g_string_append (out, first ? " (" : ", ");
      first = FALSE;
      if (json_node_get_value_type (v) == G_TYPE_STRING)
        g_string_append_printf (out, "%s %s", (char *) m->data, json_node_get_string (v));
      else
        g_string_append_printf (out, "%s %g", (char *) m->data, json_node_get_double (v));
    }
  if (!first)
    g_string_append_c (out, ')');
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
enhancements (LkLayout   *layout,
              JsonObject *exam,
              const char *image,
              const char *label)
{
  g_autofree char *member = g_strdup_printf ("%s_enhancements", image);
  JsonArray *steps = array_of (exam, member);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; steps != NULL && i < json_array_get_length (steps); i++)
    {
      g_autofree char *step = step_text (json_array_get_object_element (steps, i));

      g_string_append_printf (text, "%s%u. %s", i ? "; " : "", i + 1, step);
    }
  lk_layout_field (layout, label, text->len ? text->str : "none (the original as imported)");
}

/* ---- features ------------------------------------------------------------------------------ */

static char *
annotation_numbers (JsonObject *observation)
{
  JsonArray *ids = array_of (observation, "annotations");
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; ids != NULL && i < json_array_get_length (ids); i++)
    g_string_append_printf (out, "%s#%" G_GINT64_FORMAT, i ? ", " : "",
                            json_array_get_int_element (ids, i));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
features (LkLayout   *layout,
          JsonObject *exam)
{
  static const double widths[] = { 0.22, 0.16, 0.15, 0.12, 0.25, 0.1 };
  static const char * const headers[] = {
    "Characteristic", "Visible in probe / candidate", "Result", "Significance", "Note",
    "Marks",
  };
  JsonArray *observations = array_of (exam, "observations");
  guint assessed = 0;

  lk_layout_heading (layout, 3, "Feature comparison (FISWG-based list)");
  lk_layout_table_begin (layout, 6, widths, headers);
  for (guint i = 0; observations != NULL && i < json_array_get_length (observations); i++)
    {
      JsonObject *o = json_array_get_object_element (observations, i);
      g_autofree char *name = g_strdup_printf ("%s: %s", lk_report_str (o, "component"),
                                               lk_report_str (o, "name"));
      const char *probe = lk_report_str (o, "visibility_probe");
      const char *candidate = lk_report_str (o, "visibility_candidate");
      g_autofree char *visibility = g_strdup_printf ("%s / %s", probe ? probe : "-",
                                                     candidate ? candidate : "-");
      g_autofree char *links = annotation_numbers (o);
      const char *cells[] = { name, visibility, lk_report_str (o, "result"),
                              lk_report_str (o, "significance"), lk_report_str (o, "note"),
                              links };

      if (lk_report_str (o, "result") == NULL)
        continue;
      assessed++;
      lk_layout_table_row (layout, cells, g_strcmp0 (cells[2], "dissimilar") == 0);
    }
  lk_layout_table_end (layout);
  {
    JsonObject *progress = json_object_get_object_member (exam, "feature_list_progress");
    g_autofree char *note =
      g_strdup_printf ("%u characteristics assessed of %" G_GINT64_FORMAT " in the list; the "
                       "others were not assessed. Dissimilar results are set in bold.", assessed,
                       progress ? json_object_get_int_member (progress, "total") : 0);

    lk_layout_note (layout, note);
  }
}

/* ---- conclusions --------------------------------------------------------------------------- */

static void
scale_table (LkLayout   *layout,
             JsonObject *conclusion)
{
  static const double widths[] = { 0.12, 0.08, 0.8 };
  static const char * const headers[] = { "Chosen", "Level", "Wording of the scale" };
  /* A scale no longer shipped: the level is shown as its words were stored (below). */
  const LkScale *scale = lk_scale_lookup (lk_report_str (conclusion, "scale"), NULL);
  gboolean not_suitable = g_strcmp0 (lk_report_str (conclusion, "outcome"), "not-suitable") == 0;
  gint64 ordinal = not_suitable ? 0 : json_object_get_int_member (conclusion, "ordinal");

  if (scale == NULL)
    {
      lk_layout_field (layout, "Level", lk_report_str (conclusion, "level"));
      return;
    }
  lk_layout_table_begin (layout, 3, widths, headers);
  for (guint i = 0; i < scale->levels->len; i++)
    {
      const LkScaleLevel *level = g_ptr_array_index (scale->levels, i);
      gboolean chosen = !not_suitable && level->ordinal == ordinal;
      g_autofree char *number = level->ordinal ? g_strdup_printf ("%+d", level->ordinal)
                                                : g_strdup ("0");
      const char *cells[] = { chosen ? "» chosen" : "", number, level->label };

      lk_layout_table_row (layout, cells, chosen);
    }
  {
    const char *cells[] = { not_suitable ? "» chosen" : "", "-", scale->not_suitable_label };

    lk_layout_table_row (layout, cells, not_suitable);
  }
  lk_layout_table_end (layout);
}

static void
warnings (LkLayout   *layout,
          JsonObject *conclusion)
{
  JsonArray *list = array_of (conclusion, "warnings");

  if (list == NULL || json_array_get_length (list) == 0)
    {
      lk_layout_field (layout, "Consistency warnings", "none");
      return;
    }
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *w = json_array_get_object_element (list, i);
      g_autofree char *text = g_strdup_printf ("%s Acknowledged: “%s”",
                                               lk_report_str (w, "message"),
                                               lk_report_str (w, "acknowledgement"));

      lk_layout_field (layout, "Consistency warning", text);
    }
}

static void
conclusion_block (LkLayout   *layout,
                  JsonObject *c)
{
  gboolean current = json_object_get_boolean_member_with_default (c, "current", FALSE);
  g_autofree char *heading = g_strdup_printf ("Conclusion, revision %" G_GINT64_FORMAT "%s",
                                              json_object_get_int_member (c, "revision"),
                                              current ? " (current)" : " (amended later)");
  g_autofree char *scale = g_strdup_printf ("%s, version %s", lk_report_str (c, "scale"),
                                            lk_report_str (c, "scale_version"));
  g_autofree char *signature = g_strdup_printf ("%s at %s", lk_report_str (c, "signed_by"),
                                                lk_report_str (c, "signed_at"));

  lk_layout_heading (layout, 3, heading);
  lk_layout_field (layout, "Scale", scale);
  scale_table (layout, c);
  lk_layout_field (layout, "Propositions", lk_report_str (c, "propositions"));
  lk_layout_field (layout, "Reasoning", lk_report_str (c, "reasoning"));
  lk_layout_field (layout, "Limitations", lk_report_str (c, "limitations"));
  warnings (layout, c);
  if (lk_report_str (c, "amendment_reason") != NULL)
    lk_layout_field (layout, "Amended because", lk_report_str (c, "amendment_reason"));
  lk_layout_field (layout, "Signed by", signature);
  lk_layout_hash (layout, "Content SHA-256", lk_report_str (c, "content_sha256"));
  lk_layout_field (layout, "Content intact",
                   json_object_get_boolean_member_with_default (c, "content_intact", FALSE)
                   ? "yes (recomputed now)" : "NO: the stored content does not match its hash");
}

/* ---- verification -------------------------------------------------------------------------- */

/* The latest conclusion of @examination_id among the probe's examinations. */
static JsonObject *
latest_of (JsonObject *probe,
           gint64      examination_id)
{
  JsonArray *exams = array_of (probe, "examinations");

  for (guint i = 0; exams != NULL && i < json_array_get_length (exams); i++)
    {
      JsonObject *e = json_array_get_object_element (exams, i);
      JsonArray *conclusions = array_of (e, "conclusions");

      if (json_object_get_int_member (e, "id") == examination_id && conclusions != NULL &&
          json_array_get_length (conclusions) > 0)
        return json_array_get_object_element (conclusions,
                                              json_array_get_length (conclusions) - 1);
    }
  return NULL;
}

/* The competency records of @user; FALSE with @error when they cannot be read (a report must
 * not say "no record" for records it could not read). */
static gboolean
competencies_of (LkLayout    *layout,
                 LkStore     *store,
                 const char  *user,
                 GError     **error)
{
  g_autoptr(LkStmt) stmt = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  if (user == NULL)
    return TRUE;
  stmt = lk_store_stmt (store, "SELECT c.kind, c.valid_from, c.valid_until, c.evidence,"
                               " c.revoked_at FROM competencies c JOIN users u"
                               " ON u.id = c.user_id WHERE u.name = ? ORDER BY c.id", error);
  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_text (stmt, 1, user);
  while (lk_stmt_next (stmt, error))
    g_string_append_printf (text, "%s%s %s to %s (%s)%s", text->len ? "; " : "",
                            lk_stmt_text (stmt, 0), lk_stmt_text (stmt, 1),
                            lk_stmt_text (stmt, 2), lk_stmt_text (stmt, 3),
                            lk_stmt_is_null (stmt, 4) ? "" : ", revoked");
  if (lk_stmt_failed (stmt))
    return FALSE;
  {
    g_autofree char *label = g_strdup_printf ("Competency of %s", user);

    lk_layout_field (layout, label, text->len ? text->str : "no record");
  }
  return TRUE;
}

static gboolean
verification_block (LkLayout    *layout,
                    LkStore     *store,
                    JsonObject  *probe,
                    JsonObject  *v,
                    GError     **error)
{
  JsonArray *signatures = array_of (v, "signatures");
  JsonNode *review = json_object_get_member (v, "review_examination");
  JsonObject *own = review != NULL && !JSON_NODE_HOLDS_NULL (review)
                    ? latest_of (probe, json_node_get_int (review)) : NULL;
  g_autofree char *heading = g_strdup_printf ("%s %" G_GINT64_FORMAT " (%s)",
                                              g_strcmp0 (lk_report_str (v, "stage"),
                                                         "third-review") == 0
                                              ? "Third review" : "Verification",
                                              json_object_get_int_member (v, "id"),
                                              lk_report_str (v, "review"));

  lk_layout_heading (layout, 3, heading);
  lk_layout_field (layout, "Outcome", lk_report_str (v, "outcome"));
  lk_layout_field (layout, "Reviewer", lk_report_str (v, "reviewer"));
  lk_layout_field (layout, "Submitted", lk_report_str (v, "submitted_at"));
  lk_layout_field (layout, "Of conclusion revision",
                   json_object_get_int_member (v, "conclusion_revision") == 1 ? "1" : "later");
  if (own != NULL)
    {
      g_autofree char *opinion = g_strdup_printf ("%s (signed %s; reasoning: %s)",
                                                  lk_report_str (own, "level"),
                                                  lk_report_str (own, "signed_at"),
                                                  lk_report_str (own, "reasoning"));

      lk_layout_field (layout, "Reviewer's own conclusion", opinion);
    }
  for (guint i = 0; signatures != NULL && i < json_array_get_length (signatures); i++)
    {
      JsonObject *s = json_array_get_object_element (signatures, i);
      g_autofree char *text = g_strdup_printf ("%s%s%s by %s at %s: “%s” (SHA-256 %.16s…)",
                                               lk_report_str (s, "kind"),
                                               lk_report_str (s, "resolution") ? ", " : "",
                                               lk_report_str (s, "resolution") ?: "",
                                               lk_report_str (s, "signed_by"),
                                               lk_report_str (s, "signed_at"),
                                               lk_report_str (s, "note"),
                                               lk_report_str (s, "sha256"));

      lk_layout_field (layout, "Signed record", text);
    }
  return competencies_of (layout, store, lk_report_str (v, "reviewer"), error);
}

/* ---- one examination ----------------------------------------------------------------------- */

static gboolean
examination (LkLayout            *layout,
             const LkReportData  *data,
             JsonObject          *probe,
             JsonObject          *exam,
             GError             **error)
{
  gint64 id = json_object_get_int_member (exam, "id");
  g_autoptr(JsonObject) details = lk_examinations_to_json (data->store, id, error);
  JsonArray *conclusions = array_of (exam, "conclusions");
  JsonArray *verifications = array_of (exam, "verifications");
  g_autofree char *heading = g_strdup_printf ("Examination %" G_GINT64_FORMAT ": candidate %s",
                                              id, lk_report_str (exam, "subject_ref"));
  double seconds = json_object_get_double_member_with_default (exam, "seconds_spent", 0);
  g_autofree char *spent = g_strdup_printf ("%.0f minutes", seconds / 60);

  if (details == NULL)
    return FALSE;
  lk_layout_heading (layout, 2, heading);
  lk_layout_field (layout, "Examiner", lk_report_str (exam, "examiner"));
  lk_layout_hash (layout, "Candidate image SHA-256", lk_report_str (details, "candidate_sha256"));
  lk_layout_field (layout, "Time spent comparing", spent);
  lk_layout_field (layout, "Feature list", lk_report_str (details, "feature_list"));
  if (!lk_report_plates (layout, data, id, error))
    return FALSE;
  enhancements (layout, details, "probe", "Probe enhancement");
  enhancements (layout, details, "candidate", "Candidate enhancement");
  features (layout, exam);
  for (guint i = 0; conclusions != NULL && i < json_array_get_length (conclusions); i++)
    conclusion_block (layout, json_array_get_object_element (conclusions, i));
  if (conclusions == NULL || json_array_get_length (conclusions) == 0)
    lk_layout_text (layout, "No conclusion was signed.");
  if (!competencies_of (layout, data->store, lk_report_str (exam, "examiner"), error))
    return FALSE;
  for (guint i = 0; verifications != NULL && i < json_array_get_length (verifications); i++)
    if (!verification_block (layout, data->store, probe,
                             json_array_get_object_element (verifications, i), error))
      return FALSE;
  if (conclusions != NULL && json_array_get_length (conclusions) > 0 &&
      (verifications == NULL || json_array_get_length (verifications) == 0))
    lk_layout_markup (layout, "<b>Not verified:</b> this conclusion was not submitted for "
                      "verification and cannot be used as a lead.");
  return TRUE;
}

gboolean
lk_report_examinations (LkLayout            *layout,
                        const LkReportData  *data,
                        GCancellable        *cancellable,
                        GError             **error)
{
  JsonArray *probes = array_of (data->record, "probes");
  guint n = 0;

  lk_layout_heading (layout, 1, "4. Comparison, evaluation and verification");
  for (guint i = 0; probes != NULL && i < json_array_get_length (probes); i++)
    {
      JsonObject *probe = json_array_get_object_element (probes, i);
      JsonArray *exams = array_of (probe, "examinations");

      for (guint j = 0; exams != NULL && j < json_array_get_length (exams); j++)
        {
          JsonObject *exam = json_array_get_object_element (exams, j);

          if (g_strcmp0 (lk_report_str (exam, "purpose"), "examination") != 0)
            continue;
          if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
              !examination (layout, data, probe, exam, error))
            return FALSE;
          n++;
        }
    }
  if (n == 0)
    lk_layout_text (layout, "No candidate was examined.");
  return TRUE;
}
