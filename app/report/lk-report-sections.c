/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The sections of the report, from the data read by lk-report-data.c. */
#include "config.h"

#include "report/lk-report-private.h"

#include "reference/lk-data.h"

static JsonArray *
array_of (JsonObject *o,
          const char *name)
{
  JsonNode *node = o != NULL ? json_object_get_member (o, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static JsonObject *
object_of (JsonObject *o,
           const char *name)
{
  JsonNode *node = o != NULL ? json_object_get_member (o, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static char *
int_text (JsonObject *o,
          const char *name)
{
  JsonNode *node = o != NULL ? json_object_get_member (o, name) : NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("-");
  if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    return g_strdup_printf ("%g", json_node_get_double (node));
  return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
}

/* ---- title --------------------------------------------------------------------------------- */

static gboolean
fully_verified (const LkReportData *data)
{
  return !data->draft;
}

void
lk_report_title (LkLayout           *layout,
                 const LkReportData *data)
{
  JsonObject *c = data->record;
  g_autofree char *title = g_strdup_printf ("Facial image examination report: case %s",
                                            lk_report_str (c, "number"));

  lk_layout_heading (layout, 1, title);
  lk_layout_field (layout, "Case", lk_report_str (c, "title"));
  lk_layout_field (layout, "Status", lk_report_str (c, "status"));
  lk_layout_field (layout, "Examiner of the case", lk_report_str (c, "examiner"));
  lk_layout_field (layout, "Report made by", data->generated_by);
  lk_layout_field (layout, "Report made at", data->generated_at);
  lk_layout_space (layout, 6);
  lk_layout_markup (layout, "<b>Investigative lead only - not an identification.</b> The "
                    "opinions in this report come from a manual comparison by trained "
                    "examiners following ACE-V (analysis, comparison, evaluation, "
                    "verification). A face-recognition engine proposed the candidates; it "
                    "decided nothing. No opinion here is proof of identity.");
  if (fully_verified (data))
    lk_layout_text (layout, "Every conclusion in this report was verified by a second "
                    "competent person and countersigned, or settled by a third reviewer, as "
                    "recorded below.");
  else
    lk_layout_markup (layout, "<b>DRAFT - NOT VERIFIED.</b> At least one conclusion in this "
                      "report is not countersigned by a reviewer. A draft must not leave the "
                      "laboratory as a lead.");
  if (data->demo)
    lk_layout_markup (layout, "<b>Demo workspace - not casework.</b> The images are simulated "
                      "from public-domain portraits; nothing here concerns a real person.");
  if (json_object_has_member (c, "competency_checked") &&
      !json_object_get_boolean_member (c, "competency_checked"))
    lk_layout_markup (layout, "<b>Competency was not checked:</b> the laboratory's policy does "
                      "not require competency records.");
}

/* ---- request ------------------------------------------------------------------------------- */

void
lk_report_request (LkLayout           *layout,
                   const LkReportData *data)
{
  JsonObject *c = data->record;
  JsonArray *history = array_of (c, "history");
  g_autofree char *offence = g_strdup_printf ("%s (%s), seriousness %" G_GINT64_FORMAT,
                                              lk_report_str (c, "offence_name"),
                                              lk_report_str (c, "offence"),
                                              json_object_get_int_member (c, "seriousness"));
  static const double widths[] = { 0.2, 0.18, 0.14, 0.48 };
  static const char * const headers[] = { "Status", "By", "At", "Reason" };

  lk_layout_heading (layout, 1, "1. The request");
  lk_layout_field (layout, "Requesting unit", lk_report_str (c, "requested_by"));
  lk_layout_field (layout, "Offence category", offence);
  lk_layout_field (layout, "Legal basis", lk_report_str (c, "legal_basis"));
  lk_layout_field (layout, "Purpose and necessity", lk_report_str (c, "purpose"));
  lk_layout_field (layout, "Authorised by", lk_report_str (c, "authorised_by"));
  lk_layout_field (layout, "Approval decision", lk_report_str (c, "decision_note"));
  lk_layout_field (layout, "Review date", lk_report_str (c, "review_date"));
  lk_layout_heading (layout, 3, "Status history");
  lk_layout_table_begin (layout, 4, widths, headers);
  for (guint i = 0; history != NULL && i < json_array_get_length (history); i++)
    {
      JsonObject *h = json_array_get_object_element (history, i);
      const char *cells[] = { lk_report_str (h, "status"), lk_report_str (h, "by"),
                              lk_report_str (h, "at"), lk_report_str (h, "reason") };

      lk_layout_table_row (layout, cells, FALSE);
    }
  lk_layout_table_end (layout);
}

/* ---- items and analysis -------------------------------------------------------------------- */

static void
provenance (LkLayout   *layout,
            JsonObject *probe)
{
  JsonObject *p = object_of (probe, "provenance");

  lk_layout_field (layout, "Source", lk_report_str (p, "source_type"));
  lk_layout_field (layout, "Kind", lk_report_str (p, "kind"));
  lk_layout_field (layout, "Acquired by", lk_report_str (p, "acquired_by"));
  lk_layout_field (layout, "Acquired at", lk_report_str (p, "acquired_at"));
  lk_layout_field (layout, "Authority", lk_report_str (p, "authority"));
  lk_layout_field (layout, "Custody note", lk_report_str (p, "custody_note"));
  if (p != NULL && json_object_get_boolean_member_with_default (p, "simulated", FALSE))
    lk_layout_note (layout, "Simulated material: not a real exhibit.");
}

static void
quality (LkLayout   *layout,
         JsonObject *probe)
{
  JsonArray *figures = array_of (probe, "quality");
  static const double widths[] = { 0.22, 0.14, 0.1, 0.54 };
  static const char * const headers[] = { "Measure", "Value", "Light", "Meaning" };

  if (figures == NULL || json_array_get_length (figures) == 0)
    {
      lk_layout_note (layout, "No automatic quality figures (no face was chosen).");
      return;
    }
  lk_layout_heading (layout, 3, "Automatic quality figures (advisory)");
  lk_layout_table_begin (layout, 4, widths, headers);
  for (guint i = 0; i < json_array_get_length (figures); i++)
    {
      JsonObject *q = json_array_get_object_element (figures, i);
      const char *unit = lk_report_str (q, "unit");
      g_autofree char *value =
        g_strdup_printf ("%.1f %s", json_object_get_double_member_with_default (q, "value", 0),
                         unit ? unit : "");
      const char *cells[] = { lk_report_str (q, "label"), value, lk_report_str (q, "light"),
                              lk_report_str (q, "explanation") };

      lk_layout_table_row (layout, cells, g_strcmp0 (cells[2], "red") == 0);
    }
  lk_layout_table_end (layout);
}

static void
analysis (LkLayout   *layout,
          JsonObject *probe)
{
  JsonObject *a = object_of (probe, "analysis");
  g_autofree char *factors = lk_report_words (a, "factors");
  g_autofree char *components = lk_report_words (a, "components");
  g_autofree char *revision = int_text (a, "revision");

  lk_layout_heading (layout, 3, "Analysis, as locked before any candidate was seen");
  if (a == NULL)
    {
      lk_layout_text (layout, "Not analysed.");
      return;
    }
  lk_layout_field (layout, "Suitability", lk_report_str (a, "suitability"));
  lk_layout_field (layout, "Factors", factors);
  lk_layout_field (layout, "Components visible", components);
  lk_layout_field (layout, "Notes", lk_report_str (a, "notes"));
  lk_layout_field (layout, "Feature list", lk_report_str (a, "feature_list"));
  lk_layout_field (layout, "Revision", revision);
  lk_layout_field (layout, "Locked by", lk_report_str (a, "examiner"));
  lk_layout_field (layout, "Locked at", lk_report_str (a, "locked_at"));
}

void
lk_report_items (LkLayout           *layout,
                 const LkReportData *data)
{
  JsonArray *probes = array_of (data->record, "probes");

  lk_layout_heading (layout, 1, "2. Items examined and their analysis");
  for (guint i = 0; probes != NULL && i < json_array_get_length (probes); i++)
    {
      JsonObject *probe = json_array_get_object_element (probes, i);
      g_autofree char *heading = g_strdup_printf ("Probe %" G_GINT64_FORMAT ": %s",
                                                  json_object_get_int_member (probe, "id"),
                                                  lk_report_str (probe, "file_name"));
      g_autofree char *size = g_strdup_printf ("%" G_GINT64_FORMAT " x %" G_GINT64_FORMAT
                                               " pixels, %s",
                                               json_object_get_int_member (probe, "width"),
                                               json_object_get_int_member (probe, "height"),
                                               lk_report_str (probe, "media_type"));

      lk_layout_heading (layout, 2, heading);
      lk_layout_hash (layout, "SHA-256", lk_report_str (probe, "sha256"));
      lk_layout_field (layout, "Image", size);
      lk_layout_field (layout, "Imported by", lk_report_str (probe, "imported_by"));
      lk_layout_field (layout, "Imported at", lk_report_str (probe, "imported_at"));
      provenance (layout, probe);
      analysis (layout, probe);
      quality (layout, probe);
    }
}

/* ---- candidate lists ----------------------------------------------------------------------- */

static void
list_provenance (LkLayout   *layout,
                 JsonObject *list)
{
  g_autofree char *engine = g_strdup_printf ("%s %s", lk_report_str (list, "engine"),
                                             lk_report_str (list, "engine_version"));
  g_autofree char *database = g_strdup_printf ("%s (held by %s)",
                                               lk_report_str (list, "database"),
                                               lk_report_str (list, "held_by"));
  g_autofree char *threshold = int_text (list, "threshold");
  g_autofree char *length = int_text (list, "list_length");
  g_autofree char *search = int_text (list, "search_ms");
  JsonArray *reveals = array_of (list, "reveals");

  lk_layout_field (layout, "Engine", engine);
  lk_layout_field (layout, "Reference database", database);
  lk_layout_field (layout, "Its legal basis", lk_report_str (list, "legal_basis"));
  lk_layout_field (layout, "Threshold", threshold);
  lk_layout_field (layout, "List length", length);
  lk_layout_field (layout, "Search performed", lk_report_str (list, "performed_at"));
  lk_layout_field (layout, "Search time (ms)", search);
  lk_layout_field (layout, "Received as", lk_report_str (list, "source_format"));
  lk_layout_hash (layout, "File SHA-256", lk_report_str (list, "source_sha256"));
  lk_layout_field (layout, "Imported by", lk_report_str (list, "imported_by"));
  lk_layout_field (layout, "Presentation",
                   json_object_get_boolean_member_with_default (list, "shuffled", FALSE)
                   ? "shuffled, scores and ranks hidden" : "in the engine's order");
  if (reveals == NULL || json_array_get_length (reveals) == 0)
    lk_layout_field (layout, "Scores revealed", "never");
  for (guint i = 0; reveals != NULL && i < json_array_get_length (reveals); i++)
    {
      JsonObject *r = json_array_get_object_element (reveals, i);
      g_autofree char *text = g_strdup_printf ("by %s at %s: %s", lk_report_str (r, "by"),
                                               lk_report_str (r, "at"),
                                               lk_report_str (r, "reason"));

      lk_layout_field (layout, "Scores revealed", text);
    }
}

void
lk_report_lists (LkLayout           *layout,
                 const LkReportData *data)
{
  static const double widths[] = { 0.16, 0.14, 0.38, 0.32 };
  static const char * const headers[] = { "Subject", "Triage", "Reason", "By, at" };

  lk_layout_heading (layout, 1, "3. Candidate lists and triage");
  if (json_array_get_length (data->lists) == 0)
    lk_layout_text (layout, "No candidate list was received.");
  for (guint i = 0; i < json_array_get_length (data->lists); i++)
    {
      JsonObject *list = json_array_get_object_element (data->lists, i);
      JsonArray *candidates = array_of (list, "candidates");
      g_autofree char *heading = g_strdup_printf ("List %" G_GINT64_FORMAT " for probe %"
                                                  G_GINT64_FORMAT,
                                                  json_object_get_int_member (list, "id"),
                                                  json_object_get_int_member (list, "probe"));

      lk_layout_heading (layout, 2, heading);
      list_provenance (layout, list);
      lk_layout_table_begin (layout, 4, widths, headers);
      for (guint j = 0; candidates != NULL && j < json_array_get_length (candidates); j++)
        {
          JsonObject *k = json_array_get_object_element (candidates, j);
          g_autofree char *by = lk_report_str (k, "triage_by")
                                ? g_strdup_printf ("%s, %s", lk_report_str (k, "triage_by"),
                                                   lk_report_str (k, "triage_at"))
                                : g_strdup ("-");
          const char *cells[] = { lk_report_str (k, "subject_ref"),
                                  lk_report_str (k, "triage_state"),
                                  lk_report_str (k, "triage_reason"), by };

          lk_layout_table_row (layout, cells, g_strcmp0 (cells[1], "retained") == 0);
        }
      lk_layout_table_end (layout);
      lk_layout_note (layout, "Retained candidates are set in bold. Scores and ranks are not "
                      "reported: the examiners worked without them.");
    }
}

/* ---- the audit appendix -------------------------------------------------------------------- */

void
lk_report_audit (LkLayout           *layout,
                 const LkReportData *data)
{
  static const double widths[] = { 0.07, 0.22, 0.15, 0.12, 0.22, 0.22 };
  static const char * const headers[] = { "Seq", "At", "User", "Role", "Action", "Object" };
  g_autofree char *head = g_strdup_printf ("Event %" G_GINT64_FORMAT ", hash %s",
                                           data->head_seq, data->head_hash);
  g_autofree char *check = g_strdup_printf ("likeness-cli audit verify --anchor %"
                                            G_GINT64_FORMAT ":%s", data->head_seq,
                                            data->head_hash);

  lk_layout_heading (layout, 1, "Appendix: the case's audit events");
  lk_layout_text (layout, "Every event of this case, from the laboratory's append-only, "
                  "hash-chained audit log. Each event's hash covers the one before, so a "
                  "changed, removed or inserted event breaks the chain. To check it, keep the "
                  "chain head below and run the command on the laboratory's database.");
  lk_layout_field (layout, "Chain head", head);
  lk_layout_hash (layout, "Check with", check);
  lk_layout_table_begin (layout, 6, widths, headers);
  for (guint i = 0; i < data->events->len; i++)
    {
      const LkAuditEvent *e = g_ptr_array_index (data->events, i);
      g_autofree char *seq = g_strdup_printf ("%" G_GINT64_FORMAT, e->seq);
      const char *cells[] = { seq, e->at, e->user, e->role, e->action, e->object };

      lk_layout_table_row (layout, cells, FALSE);
    }
  lk_layout_table_end (layout);
}
