/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A case: request, status and next step, probes, history. */
#include "config.h"

#include "lk-case-page.h"
#include "lk-probe-import-dialog.h"
#include "lk-report-group.h"
#include "lk-ui-util.h"

struct _LkCasePage
{
  AdwBin                parent_instance;

  LkSession            *session;
  char                 *number;
  char                 *status;
  GPtrArray            *request_rows;
  GPtrArray            *history_rows;
  GQueue                pending_files;
  GtkFileChooserNative *chooser;
  gboolean              importing;

  GtkLabel             *title_label;
  GtkLabel             *subtitle_label;
  GtkLabel             *error_label;
  AdwActionRow         *status_row;
  GtkButton            *approve_button;
  GtkButton            *reject_button;
  GtkButton            *advance_button;
  AdwPreferencesGroup  *probes_group;
  GtkWidget            *import_button;
  GtkWidget            *events_button;
  GtkListBox           *probe_list;
  AdwPreferencesGroup  *request_group;
  AdwPreferencesGroup  *history_group;
  LkReportGroup        *report_group;
};

enum {
  PROBE_ACTIVATED,
  CANDIDATES_ACTIVATED,
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (LkCasePage, lk_case_page, ADW_TYPE_BIN)

static const char * const next_status[][2] = {
  { "open", "analysis" },
  { "analysis", "examination" },
  { "examination", "verification" },
  { "verification", "closed" },
  { "closed", "archived" },
};

static const char *
next_of (const char *status)
{
  for (guint i = 0; i < G_N_ELEMENTS (next_status); i++)
    if (g_strcmp0 (next_status[i][0], status) == 0)
      return next_status[i][1];
  return NULL;
}

const char *
lk_case_page_get_number (LkCasePage *self)
{
  g_return_val_if_fail (LK_IS_CASE_PAGE (self), NULL);
  return self->number;
}

/* ---- filling in ---------------------------------------------------------------------------- */

static GtkWidget *
info_row (const char *title,
          const char *value)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value != NULL ? value : "—");
  gtk_widget_add_css_class (row, "property");
  return row;
}

static void
clear_group (AdwPreferencesGroup *group,
             GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

static void
add_row (AdwPreferencesGroup *group,
         GPtrArray           *rows,
         GtkWidget           *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (rows, row);
}

static void
fill_request (LkCasePage *self,
              LkCase     *c)
{
  g_autofree char *offence = g_strdup_printf ("%s (%s, seriousness %d)",
                                              lk_case_get_offence_name (c),
                                              lk_case_get_offence_code (c),
                                              lk_case_get_seriousness (c));
  /* Times as people read them; everything else as recorded. */
  g_autofree char *created = lk_format_utc (lk_case_get_created_at (c));
  /* The first five are always shown; the rest only once they are set. */
  const struct { const char *title; const char *value; } fields[] = {
    { "Legal basis", lk_case_get_legal_basis (c) },
    { "Purpose and necessity", lk_case_get_purpose (c) },
    { "Authorising officer", lk_case_get_authorised_by (c) },
    { "Requesting unit", lk_case_get_requested_by (c) },
    { "Examiner", lk_case_get_examiner (c) },
    { "Review date", lk_case_get_review_date (c) },
    { "Created", lk_case_get_created_at (c) != NULL ? created : NULL },
    { "Approval decision", lk_case_get_decision_note (c) },
  };

  clear_group (self->request_group, self->request_rows);
  add_row (self->request_group, self->request_rows, info_row ("Offence category", offence));
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (fields[i].value != NULL || i < 5)
      add_row (self->request_group, self->request_rows,
               info_row (fields[i].title, fields[i].value));
}

/* Newest first, as people look for the latest move. */
static void
fill_history (LkCasePage *self,
              GListModel *history)
{
  clear_group (self->history_group, self->history_rows);
  for (guint i = g_list_model_get_n_items (history); i > 0; i--)
    {
      g_autoptr(LkCaseEvent) event = g_list_model_get_item (history, i - 1);
      g_autofree char *at = lk_format_utc (lk_case_event_get_at (event));
      g_autofree char *subtitle = g_strdup_printf ("%s · %s · %s", at,
                                                   lk_case_event_get_by (event),
                                                   lk_case_event_get_reason (event));
      const char *status = lk_vocabulary_case_status_label (lk_case_event_get_status (event));

      add_row (self->history_group, self->history_rows, info_row (status, subtitle));
    }
}

static GtkWidget *
candidates_button (gint64 probe_id,
                   guint  number)
{
  g_autofree char *label = g_strdup_printf ("Candidates of probe %u", number);
  GtkWidget *button = lk_mnemonic_button_new ("_Candidates", label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "case.candidates");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", probe_id);
  return button;
}

/* "2 examinations, 1 with a signed conclusion", or "" when none has started. */
static char *
examinations_summary (LkProbeSummary *p)
{
  guint n = lk_probe_summary_get_n_examinations (p);

  if (n == 0)
    return g_strdup ("");
  return g_strdup_printf (" · %u examination%s, %u with a signed conclusion", n,
                          n == 1 ? "" : "s", lk_probe_summary_get_n_signed (p));
}

static GtkWidget *
probe_row (LkProbeSummary *p)
{
  GtkWidget *row = adw_action_row_new ();
  gint64 id = lk_probe_summary_get_id (p);
  g_autofree char *short_hash = g_strndup (lk_probe_summary_get_sha256 (p), 12);
  g_autofree char *work = examinations_summary (p);
  g_autofree char *subtitle =
    g_strdup_printf ("%s · %s · %d × %d · SHA-256 %s…%s%s",
                     lk_vocabulary_label (lk_probe_summary_get_status (p)),
                     lk_vocabulary_label (lk_probe_summary_get_source_type (p)),
                     lk_probe_summary_get_width (p), lk_probe_summary_get_height (p),
                     short_hash, lk_probe_summary_get_simulated (p) ? " · simulated" : "",
                     work);
  g_autofree char *title = g_strdup_printf ("Probe %u: %s", lk_probe_summary_get_number (p),
                                            lk_probe_summary_get_file_name (p));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  if (g_strcmp0 (lk_probe_summary_get_status (p), "analysed") == 0)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                               candidates_button (id, lk_probe_summary_get_number (p)));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             g_object_new (GTK_TYPE_IMAGE, "icon-name", "go-next-symbolic",
                                           "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                           NULL));
  g_object_set_data (G_OBJECT (row), "probe-id", GINT_TO_POINTER ((int) id));
  return row;
}

static void
fill_probes (LkCasePage *self,
             GListModel *probes)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->probe_list))) != NULL)
    gtk_list_box_remove (self->probe_list, child);
  for (guint i = 0; i < g_list_model_get_n_items (probes); i++)
    {
      g_autoptr(LkProbeSummary) p = g_list_model_get_item (probes, i);

      gtk_list_box_append (self->probe_list, probe_row (p));
    }
  if (g_list_model_get_n_items (probes) == 0)
    {
      GtkWidget *row = info_row ("No probe yet", "Import the probe image with its provenance.");

      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_append (self->probe_list, row);
    }
}

static const char *
status_explanation (const char *status)
{
  static const char * const text[][2] = {
    { "awaiting-approval", "The offence category needs an administrator's approval first." },
    { "rejected", "An administrator rejected the request; no work may be done on it." },
    { "open", "Import the probe images with their provenance." },
    { "analysis", "Analyse each probe and lock the analysis before any candidate is seen." },
    { "examination", "Compare the probe with its candidates." },
    { "verification", "A second examiner verifies the conclusions." },
    { "closed", "Work has finished; the case is kept under the retention policy." },
    { "archived", "The case is archived." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (text); i++)
    if (g_str_equal (text[i][0], status))
      return text[i][1];
  return "";
}

static void
fill_status (LkCasePage *self)
{
  const char *next = next_of (self->status);
  gboolean admin = lk_session_has_role (self->session, LK_ROLE_ADMINISTRATOR);
  gboolean awaiting = g_str_equal (self->status, "awaiting-approval");
  gboolean examiner = lk_session_has_role (self->session, LK_ROLE_EXAMINER);
  /* The status moves by itself as the work happens; an administrator may move it by hand,
   * with a reason. */
  g_autofree char *advance = next ? g_strdup_printf ("Move to %s…",
                                                     lk_vocabulary_case_status_label (next))
                                  : NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row),
                                 lk_vocabulary_case_status_label (self->status));
  adw_action_row_set_subtitle (self->status_row, status_explanation (self->status));
  gtk_widget_set_visible (GTK_WIDGET (self->approve_button), awaiting && admin);
  gtk_widget_set_visible (GTK_WIDGET (self->reject_button), awaiting && admin);
  gtk_widget_set_visible (GTK_WIDGET (self->advance_button), next != NULL && admin);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.advance", next != NULL && admin);
  if (advance != NULL)
    {
      gtk_button_set_label (self->advance_button, advance);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->import_button), examiner);
  gtk_widget_set_visible (self->events_button, admin);
  adw_preferences_group_set_description (self->probes_group,
                                         examiner
                                         ? "Each probe is analysed and locked before any "
                                           "candidate can be seen. Drop image files here to "
                                           "import them."
                                         : "Each probe is analysed and locked before any "
                                           "candidate can be seen.");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.import",
                                 examiner && (g_str_equal (self->status, "open") ||
                                              g_str_equal (self->status, "analysis")));
}

static void
fill (LkCasePage    *self,
      LkCaseDetails *details)
{
  LkCase *c = lk_case_details_get_case (details);
  g_autofree char *title = g_strdup_printf ("%s · %s", lk_case_get_number (c),
                                            lk_case_get_title (c));
  g_autofree char *subtitle =
    g_strdup_printf ("%s%s", lk_case_get_offence_name (c),
                     lk_case_details_get_demo (details)
                     ? " · Demo workspace, not for casework" : "");

  g_free (self->status);
  self->status = g_strdup (lk_case_get_status (c));
  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->subtitle_label, subtitle);
  fill_status (self);
  fill_probes (self, lk_case_details_get_probes (details));
  fill_request (self, c);
  fill_history (self, lk_case_details_get_history (details));
  lk_report_group_reload (self->report_group);
}

void
lk_case_page_reload (LkCasePage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkCaseDetails) details = NULL;

  g_return_if_fail (LK_IS_CASE_PAGE (self));
  details = lk_cases_get_details (self->session, self->number, &error);
  lk_label_set_message (self->error_label, error ? error->message : NULL);
  if (details != NULL)
    fill (self, details);
  lk_fix_button_names (GTK_WIDGET (self));
}

/* ---- probes -------------------------------------------------------------------------------- */

static void
on_probe_activated (LkCasePage    *self,
                    GtkListBoxRow *row)
{
  gint64 id = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "probe-id"));

  if (id > 0)
    g_signal_emit (self, signals[PROBE_ACTIVATED], 0, id);
}

static void import_next (LkCasePage *self);

static void
on_probe_imported (LkCasePage *self,
                   gint64      probe_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = lk_probes_name (self->session, probe_id, NULL, NULL, &error);
  g_autofree char *text = g_strdup_printf ("%s imported", name != NULL ? name : "The probe");

  lk_case_page_reload (self);
  g_signal_emit (self, signals[CHANGED], 0);
  lk_toast (GTK_WIDGET (self), text);
}

static void
on_import_dialog_closed (LkCasePage *self)
{
  self->importing = FALSE;
  import_next (self);
}

static void
import_next (LkCasePage *self)
{
  g_autoptr(GFile) file = NULL;
  LkProbeImportDialog *dialog;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->importing || (file = g_queue_pop_head (&self->pending_files)) == NULL)
    return;
  self->importing = TRUE;
  dialog = lk_probe_import_dialog_new (self->session, self->number, file);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  g_signal_connect_object (dialog, "imported", G_CALLBACK (on_probe_imported), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (on_import_dialog_closed), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
lk_case_page_import (LkCasePage *self,
                     GFile      *file)
{
  g_return_if_fail (LK_IS_CASE_PAGE (self));
  g_queue_push_tail (&self->pending_files, g_object_ref (file));
  import_next (self);
}

static void
on_chooser_response (LkCasePage *self,
                     int         response)
{
  g_autoptr(GListModel) files = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    return;
  files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (self->chooser));
  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);
      lk_case_page_import (self, file);
    }
}

static GtkFileFilter *
image_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();
  static const char * const types[] = {
    "image/jpeg", "image/png", "image/tiff", "image/bmp", "image/webp",
  };

  gtk_file_filter_set_name (filter, "Images (JPEG, PNG, TIFF, BMP, WebP)");
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    gtk_file_filter_add_mime_type (filter, types[i]);
  return filter;
}

/* The window shows the case's own events in the audit trail (administrators). */
static void
audit_events_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  LkCasePage *self = LK_CASE_PAGE (widget);

  if (self->number != NULL)
    gtk_widget_activate_action (widget, "win.show-case-events", "s", self->number);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LkCasePage *self = LK_CASE_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) filter = image_filter ();

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new ("Import Probe Images",
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_OPEN, "_Import", "_Cancel");
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         LkCasePage    *self)
{
  GSList *files = g_value_get_boxed (value);

  if (!gtk_widget_is_sensitive (self->import_button) ||
      !gtk_widget_get_visible (self->import_button))
    return FALSE;
  for (GSList *l = files; l != NULL; l = l->next)
    lk_case_page_import (self, l->data);
  return files != NULL;
}

/* ---- status -------------------------------------------------------------------------------- */

static void
changed (LkCasePage *self)
{
  lk_case_page_reload (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_move_response (AdwMessageDialog *dialog,
                  const char       *response,
                  LkCasePage       *self)
{
  GtkEditable *reason = g_object_get_data (G_OBJECT (dialog), "reason");
  const char *to = g_object_get_data (G_OBJECT (dialog), "to");
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "move"))
    return;
  if (!lk_cases_move (self->session, self->number, to, gtk_editable_get_text (reason), &error))
    {
      lk_show_failure (GTK_WIDGET (self), "The Case Cannot Move", error);
      return;
    }
  changed (self);
}

static void
on_move_reason_changed (GtkEditable      *entry,
                        AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "move", text[0] != '\0');
}

/* An administrator's manual move, with a reason for the audit trail. */
static void
advance_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  LkCasePage *self = LK_CASE_PAGE (widget);
  const char *next = next_of (self->status);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *list, *reason;

  if (next == NULL)
    return;
  heading = g_strdup_printf ("Move Case %s to %s?", self->number,
                             lk_vocabulary_case_status_label (next));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
    GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
    "The status normally moves by itself as the work happens. A manual move is recorded in the "
    "audit trail with your reason."));
  list = gtk_list_box_new ();
  reason = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (reason), "Reason (required)");
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_list_box_append (GTK_LIST_BOX (list), reason);
  adw_message_dialog_set_extra_child (dialog, list);
  adw_message_dialog_add_responses (dialog, "cancel", "_Cancel", "move", "_Move", NULL);
  adw_message_dialog_set_response_appearance (dialog, "move", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (dialog, "move", FALSE);
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "reason", reason);
  g_object_set_data (G_OBJECT (dialog), "to", (gpointer) next);
  g_signal_connect_object (reason, "changed", G_CALLBACK (on_move_reason_changed), dialog, 0);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_move_response), self, 0);
  lk_present_dialog (GTK_WINDOW (dialog));
}

static void
on_decision (AdwMessageDialog *dialog,
             const char       *response,
             LkCasePage       *self)
{
  GtkEditable *reason = g_object_get_data (G_OBJECT (dialog), "reason");
  g_autoptr(GError) error = NULL;

  if (g_str_equal (response, "cancel"))
    return;
  if (!lk_cases_decide (self->session, self->number, g_str_equal (response, "approve"),
                        gtk_editable_get_text (reason), &error))
    {
      lk_show_error (GTK_WIDGET (self), "The Decision Was Not Recorded", error->message);
      return;
    }
  changed (self);
}

static void
decide (LkCasePage *self,
        gboolean    approve)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *heading = g_strdup_printf (approve ? "Approve Case %s?" : "Reject Case %s?",
                                              self->number);
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (
    adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                            "Record why, for the audit trail: the decision and its reason are "
                            "kept with the case."));
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *reason = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (reason), "Reason");
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_list_box_append (GTK_LIST_BOX (list), reason);
  adw_message_dialog_set_extra_child (dialog, list);
  adw_message_dialog_add_responses (dialog, "cancel", "_Cancel",
                                    approve ? "approve" : "reject",
                                    approve ? "_Approve" : "_Reject", NULL);
  adw_message_dialog_set_response_appearance (dialog, approve ? "approve" : "reject",
                                              approve ? ADW_RESPONSE_SUGGESTED
                                                      : ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "reason", reason);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_decision), self, 0);
  lk_present_dialog (GTK_WINDOW (dialog));
}

static void
approve_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  decide (LK_CASE_PAGE (widget), TRUE);
}

static void
reject_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  decide (LK_CASE_PAGE (widget), FALSE);
}

static void
candidates_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  g_signal_emit (widget, signals[CANDIDATES_ACTIVATED], 0, g_variant_get_int64 (parameter));
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  lk_case_page_reload (LK_CASE_PAGE (widget));
}

/* ---- object -------------------------------------------------------------------------------- */

static void
lk_case_page_dispose (GObject *object)
{
  LkCasePage *self = LK_CASE_PAGE (object);

  if (self->chooser != NULL)
    g_signal_handlers_disconnect_by_data (self->chooser, self);
  g_clear_object (&self->chooser);
  g_queue_clear_full (&self->pending_files, g_object_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), LK_TYPE_CASE_PAGE);
  G_OBJECT_CLASS (lk_case_page_parent_class)->dispose (object);
}

static void
lk_case_page_finalize (GObject *object)
{
  LkCasePage *self = LK_CASE_PAGE (object);

  g_clear_object (&self->session);
  g_free (self->number);
  g_free (self->status);
  g_ptr_array_unref (self->request_rows);
  g_ptr_array_unref (self->history_rows);
  G_OBJECT_CLASS (lk_case_page_parent_class)->finalize (object);
}

static void
lk_case_page_class_init (LkCasePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_case_page_dispose;
  object_class->finalize = lk_case_page_finalize;

  signals[PROBE_ACTIVATED] = g_signal_new ("probe-activated", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE,
                                           1, G_TYPE_INT64);
  signals[CANDIDATES_ACTIVATED] = g_signal_new ("candidates-activated", G_TYPE_FROM_CLASS (klass),
                                                G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, LK_RESOURCE_PATH "/lk-case-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LkCasePage, title_label);
  gtk_widget_class_bind_template_child (widget_class, LkCasePage, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, LkCasePage, error_label);
  gtk_widget_class_bind_template_child (widget_class, LkCasePage, status_row);
  gtk_widget_class_bind_template_child (widget_class, LkCasePage, approve_button);
  gtk_widget_class_bind_template_child (widget_class, LkCasePage, reject_button);
  gtk_widget_class_bind_template_child (widget_class, LkCasePage, advance_button);
  gtk_widget_class_bind_template_child (widget_class, LkCasePage, probes_group);
  gtk_widget_class_bind_template_child (widget_class, LkCasePage, import_button);
  gtk_widget_class_bind_template_child (widget_class, LkCasePage, probe_list);
  gtk_widget_class_bind_template_child (widget_class, LkCasePage, request_group);
  gtk_widget_class_bind_template_child (widget_class, LkCasePage, history_group);
  gtk_widget_class_bind_template_child (widget_class, LkCasePage, report_group);
  gtk_widget_class_bind_template_callback (widget_class, on_probe_activated);

  gtk_widget_class_install_action (widget_class, "case.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "case.audit-events", NULL, audit_events_action);
  gtk_widget_class_bind_template_child (widget_class, LkCasePage, events_button);
  gtk_widget_class_install_action (widget_class, "case.advance", NULL, advance_action);
  gtk_widget_class_install_action (widget_class, "case.approve", NULL, approve_action);
  gtk_widget_class_install_action (widget_class, "case.reject", NULL, reject_action);
  gtk_widget_class_install_action (widget_class, "case.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "case.candidates", "x", candidates_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK,
                                       "case.import", NULL);
}

static void
lk_case_page_init (LkCasePage *self)
{
  GtkDropTarget *drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  g_type_ensure (LK_TYPE_REPORT_GROUP);
  gtk_widget_init_template (GTK_WIDGET (self));
  self->request_rows = g_ptr_array_new ();
  self->history_rows = g_ptr_array_new ();
  g_queue_init (&self->pending_files);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}

LkCasePage *
lk_case_page_new (LkSession  *session,
                  const char *number)
{
  LkCasePage *self = g_object_new (LK_TYPE_CASE_PAGE, NULL);

  self->session = g_object_ref (session);
  self->number = g_strdup (number);
  lk_report_group_set_case (self->report_group, session, number);
  lk_case_page_reload (self);
  return self;
}
