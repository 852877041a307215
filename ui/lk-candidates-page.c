/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Triage: every candidate looked at, scores and ranks hidden unless revealed. */
#include "config.h"

#include "lk-candidate-cell.h"
#include "lk-candidate-import-dialog.h"
#include "lk-candidate-item.h"
#include "lk-candidates-page.h"
#include "lk-gallery-search-dialog.h"
#include "lk-texture.h"
#include "lk-triage-probe.h"
#include "lk-ui-util.h"

#define THUMBNAIL_SIZE 256

struct _LkCandidatesPage
{
  AdwBin                parent_instance;

  LkSession            *session;
  gint64                probe_id;
  gint64                shown_candidate; /* beside the probe */
  GListStore           *items;
  GtkSingleSelection   *selection;
  GCancellable         *cancellable;
  GtkFileChooserNative *chooser;

  GtkLabel             *title_label;
  GtkLabel             *progress_label;
  GtkLabel             *facts_label;
  LkTriageProbe        *probe_pane;
  GtkStack             *stack;
  GtkGridView          *grid;
  AdwStatusPage        *status_page;
  GtkActionBar         *action_bar;
  GtkLabel             *selection_label;
  GtkWidget            *import_button;
  GtkWidget            *search_button;
  GtkWidget            *examine_button;
  GtkWidget            *eliminate_button;
  GtkWidget            *retain_button;
};

enum {
  CHANGED,
  EXAMINE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (LkCandidatesPage, lk_candidates_page, ADW_TYPE_BIN)

/* Triage, imports and searches are the examiner's: other roles are not offered them. */
static gboolean
examiner (LkCandidatesPage *self)
{
  return self->session != NULL && lk_session_has_role (self->session, LK_ROLE_EXAMINER);
}

static void
show_roles_controls (LkCandidatesPage *self)
{
  GtkWidget *controls[] = { self->import_button, self->search_button, self->examine_button,
                            self->eliminate_button, self->retain_button };

  for (guint i = 0; i < G_N_ELEMENTS (controls); i++)
    gtk_widget_set_visible (controls[i], examiner (self));
}

GListModel *
lk_candidates_page_get_model (LkCandidatesPage *self)
{
  g_return_val_if_fail (LK_IS_CANDIDATES_PAGE (self), NULL);
  return G_LIST_MODEL (self->items);
}

static LkCandidateItem *
selected_item (LkCandidatesPage *self)
{
  return gtk_single_selection_get_selected_item (self->selection);
}

/* ---- summaries ----------------------------------------------------------------------------- */

static void
update_progress (LkCandidatesPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  guint retained = 0, eliminated = 0;
  g_autofree char *text = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LkCandidateItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);
      const char *state = lk_candidate_get_triage_state (lk_candidate_item_get_candidate (item));

      retained += g_strcmp0 (state, "retained") == 0;
      eliminated += g_strcmp0 (state, "eliminated") == 0;
    }
  text = g_strdup_printf ("%u of %u looked at · %u retained · %u eliminated%s",
                          retained + eliminated, n, retained, eliminated,
                          retained + eliminated == n && n > 0
                          ? " · triage complete" : "");
  gtk_label_set_text (self->progress_label, text);
}

/* The next step is the suggested one: Retain for a candidate not yet retained, Examine for one
 * that is. */
static void
suggest (LkCandidatesPage *self,
         LkCandidate      *c)
{
  gboolean retained = c != NULL && g_strcmp0 (lk_candidate_get_triage_state (c), "retained") == 0;

  if (retained)
    {
      gtk_widget_remove_css_class (self->retain_button, "suggested-action");
      gtk_widget_add_css_class (self->examine_button, "suggested-action");
    }
  else
    {
      gtk_widget_add_css_class (self->retain_button, "suggested-action");
      gtk_widget_remove_css_class (self->examine_button, "suggested-action");
    }
}

/* The selected candidate's face beside the probe's, loaded once per candidate. */
static void
show_beside_probe (LkCandidatesPage *self,
                   LkCandidate      *c)
{
  g_autofree char *title = NULL;
  gint64 id = c != NULL ? lk_candidate_get_id (c) : 0;

  if (id == self->shown_candidate)
    return;
  self->shown_candidate = id;
  if (c != NULL)
    title = g_strdup_printf ("Candidate %d", lk_candidate_get_position (c));
  lk_triage_probe_show_candidate (self->probe_pane, id, title);
}

static void
update_selection_label (LkCandidatesPage *self)
{
  LkCandidateItem *item = selected_item (self);
  LkCandidate *c = item ? lk_candidate_item_get_candidate (item) : NULL;
  const char *reason = c != NULL ? lk_candidate_get_triage_reason (c) : NULL;
  g_autofree char *text = NULL;

  if (c != NULL)
    text = g_strdup_printf ("Candidate %d · %s%s%s", lk_candidate_get_position (c),
                            lk_candidate_get_subject_ref (c), reason ? " · eliminated: " : "",
                            reason ? reason : "");
  gtk_label_set_text (self->selection_label, text ? text : "");
  show_beside_probe (self, c);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "triage.examine",
                                 examiner (self) && c != NULL &&
                                 g_strcmp0 (lk_candidate_get_triage_state (c), "retained") == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "triage.retain", examiner (self) && c != NULL);
  suggest (self, c);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "triage.eliminate",
                                 examiner (self) && c != NULL);
}

static char *
list_facts (LkCandidatesPage *self,
            gint64            list_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkListProvenance) list = lk_candidates_get_list (self->session, list_id, &error);
  g_autofree char *searched = NULL;

  if (list == NULL)
    return g_strdup_printf ("its details cannot be shown: %s", error->message);
  searched = lk_format_utc (lk_list_provenance_get_performed_at (list));
  return g_strdup_printf ("%s %s · reference database %s · %d candidates · searched %s · "
                          "imported by %s", lk_list_provenance_get_engine_name (list),
                          lk_list_provenance_get_engine_version (list),
                          lk_list_provenance_get_reference_database (list),
                          lk_list_provenance_get_list_length (list), searched,
                          lk_list_provenance_get_imported_by (list));
}

static void
update_facts (LkCandidatesPage *self,
              GListModel       *candidates)
{
  g_autoptr(GString) text = g_string_new (NULL);
  gint64 previous = 0;

  /* The candidates come list by list. */
  for (guint i = 0; i < g_list_model_get_n_items (candidates); i++)
    {
      g_autoptr(LkCandidate) c = g_list_model_get_item (candidates, i);
      gint64 list_id = lk_candidate_get_list_id (c);
      g_autofree char *facts = NULL;

      if (list_id == previous)
        continue;
      previous = list_id;
      facts = list_facts (self, list_id);
      g_string_append_printf (text, "%sList %" G_GINT64_FORMAT ": %s", text->len ? "\n" : "",
                              list_id, facts);
    }
  gtk_label_set_text (self->facts_label, text->str);
}

/* ---- loading ------------------------------------------------------------------------------- */

static void
show_status (LkCandidatesPage *self,
             const char       *icon,
             const char       *title,
             const char       *description)
{
  adw_status_page_set_icon_name (self->status_page, icon);
  adw_status_page_set_title (self->status_page, title);
  lk_status_page_set_text (self->status_page, description);
  gtk_stack_set_visible_child_name (self->stack, "status");
  gtk_widget_set_visible (GTK_WIDGET (self->action_bar), FALSE);
}

static void
on_thumbnail (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(LkCandidateItem) item = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = lk_texture_load_candidate_finish (result, &error);

  if (texture != NULL)
    lk_candidate_item_set_thumbnail (item, GDK_PAINTABLE (texture));
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *problem = lk_image_error_text (error);

      lk_candidate_item_set_problem (item, problem);
    }
}

static void
fill (LkCandidatesPage *self,
      GListModel       *candidates)
{
  g_list_store_remove_all (self->items);
  for (guint i = 0; i < g_list_model_get_n_items (candidates); i++)
    {
      g_autoptr(LkCandidate) c = g_list_model_get_item (candidates, i);
      g_autoptr(LkCandidateItem) item = lk_candidate_item_new (c);

      g_list_store_append (self->items, item);
      lk_texture_load_candidate_async (self->session, lk_candidate_get_id (c), THUMBNAIL_SIZE,
                                       self->cancellable, on_thumbnail, g_object_ref (item));
    }
}

void
lk_candidates_page_reload (LkCandidatesPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) candidates = NULL;

  g_return_if_fail (LK_IS_CANDIDATES_PAGE (self));
  candidates = lk_candidates_for_probe (self->session, self->probe_id, &error);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "triage.import",
                                 examiner (self) && candidates != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "triage.search",
                                 examiner (self) && candidates != NULL);
  if (candidates == NULL)
    {
      g_list_store_remove_all (self->items);
      if (g_error_matches (error, LK_ERROR, LK_ERROR_MASKED))
        show_status (self, "system-lock-screen-symbolic", "Candidates Are Masked",
                     error->message);
      else
        show_status (self, "dialog-warning-symbolic", "Candidates Cannot Be Shown",
                     error->message);
      return;
    }
  fill (self, candidates);
  update_facts (self, candidates);
  update_progress (self);
  if (g_list_model_get_n_items (candidates) == 0)
    {
      show_status (self, "system-search-symbolic", "No Candidate List Yet",
                   "Import the candidate list an engine returned for this probe, or search a "
                   "gallery with the built-in engine. Scores and ranks stay hidden during triage.");
      return;
    }
  gtk_stack_set_visible_child_name (self->stack, "grid");
  gtk_widget_set_visible (GTK_WIDGET (self->action_bar), TRUE);
  update_selection_label (self);
}

void
lk_candidates_page_select (LkCandidatesPage *self,
                           guint             position)
{
  g_return_if_fail (LK_IS_CANDIDATES_PAGE (self));
  gtk_single_selection_set_selected (self->selection, position);
}

/* ---- triage -------------------------------------------------------------------------------- */

/* After a decision the selection, and with it the focus, moves to the next candidate not yet
 * looked at in the presented order, going round to the start; with none left it stays. */
static void
select_next_unreviewed (LkCandidatesPage *self,
                        LkCandidateItem  *decided)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  guint start;

  if (!g_list_store_find (self->items, decided, &start))
    start = gtk_single_selection_get_selected (self->selection);
  for (guint k = 1; k <= n; k++)
    {
      guint i = (start + k) % n;
      g_autoptr(LkCandidateItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);
      LkCandidate *c = lk_candidate_item_get_candidate (item);

      if (g_strcmp0 (lk_candidate_get_triage_state (c), "not-reviewed") == 0)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return;
        }
    }
}

/* Records the decision for @item, the candidate the user chose (the selected one when the key
 * or button was used), and shows it on the item. */
static gboolean
triage (LkCandidatesPage *self,
        LkCandidateItem  *item,
        const char       *state,
        const char       *reason)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkCandidate) decided = lk_candidates_triage (self->session,
                                                         lk_candidate_item_get_candidate (item),
                                                         state, reason, &error);

  if (decided == NULL)
    {
      lk_show_error (GTK_WIDGET (self), "Triage Not Recorded", error->message);
      return FALSE;
    }
  lk_candidate_item_set_candidate (item, decided);
  update_progress (self);
  select_next_unreviewed (self, item);
  update_selection_label (self);
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

static void
retain_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LkCandidatesPage *self = LK_CANDIDATES_PAGE (widget);
  LkCandidateItem *item = selected_item (self);

  if (item != NULL)
    triage (self, item, "retained", NULL);
}

static const char * const elimination_reasons[] = {
  "Clear differences in facial features",
  "Clear difference in face shape or proportions",
  "Clear difference in apparent age",
  "Image unusable for comparison",
  "Duplicate of another candidate",
  "Other (describe below)",
  NULL,
};

/* The reason chosen in the elimination dialog, or -1 while none is. */
static int
chosen_reason (AdwMessageDialog *dialog)
{
  GPtrArray *checks = g_object_get_data (G_OBJECT (dialog), "checks");

  for (guint i = 0; i < checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (checks, i)))
      return (int) i;
  return -1;
}

static void
on_eliminate_response (AdwMessageDialog *dialog,
                       const char       *response,
                       LkCandidatesPage *self)
{
  GtkEditable *note = g_object_get_data (G_OBJECT (dialog), "note");
  LkCandidateItem *item = g_object_get_data (G_OBJECT (dialog), "item");
  int i = chosen_reason (dialog);
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (note)));
  g_autofree char *reason = NULL;

  if (!g_str_equal (response, "eliminate") || i < 0)
    return;
  if (elimination_reasons[i + 1] == NULL)
    reason = g_strdup (text);
  else if (*text != '\0')
    reason = g_strdup_printf ("%s: %s", elimination_reasons[i], text);
  else
    reason = g_strdup (elimination_reasons[i]);
  /* The candidate the dialog named, whatever is selected by now. */
  triage (self, item, "eliminated", reason);
}

/* Eliminate is offered once a reason is chosen, and for "Other" once it is described. */
static void
update_eliminate (AdwMessageDialog *dialog)
{
  GtkEditable *note = g_object_get_data (G_OBJECT (dialog), "note");
  int i = chosen_reason (dialog);
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (note)));

  adw_message_dialog_set_response_enabled (dialog, "eliminate",
                                           i >= 0 && (elimination_reasons[i + 1] != NULL ||
                                                      *text != '\0'));
}

/* Every reason in full, as a radio row; none is chosen for the examiner. */
static GtkWidget *
reason_rows (AdwMessageDialog *dialog)
{
  GtkWidget *list = gtk_list_box_new ();
  GPtrArray *checks = g_ptr_array_new ();
  GtkWidget *note = adw_entry_row_new ();

  for (guint i = 0; elimination_reasons[i] != NULL; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), elimination_reasons[i]);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      if (checks->len > 0)
        gtk_check_button_set_group (GTK_CHECK_BUTTON (check), g_ptr_array_index (checks, 0));
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      elimination_reasons[i], -1);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (update_eliminate), dialog);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
      g_ptr_array_add (checks, check);
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (note), "Note");
  g_signal_connect_swapped (note, "changed", G_CALLBACK (update_eliminate), dialog);
  gtk_list_box_append (GTK_LIST_BOX (list), note);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  "Reason for the elimination", -1);
  g_object_set_data_full (G_OBJECT (dialog), "checks", checks,
                          (GDestroyNotify) g_ptr_array_unref);
  g_object_set_data (G_OBJECT (dialog), "note", note);
  return list;
}

static void
eliminate_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  LkCandidatesPage *self = LK_CANDIDATES_PAGE (widget);
  LkCandidateItem *item = selected_item (self);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;

  if (item == NULL)
    return;
  heading = g_strdup_printf ("Eliminate Candidate %d?",
                             lk_candidate_get_position (lk_candidate_item_get_candidate (item)));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
    GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
    "Eliminate only on clear grounds: choose the reason. It is recorded with the candidate and "
    "in the audit trail."));
  adw_message_dialog_set_extra_child (dialog, reason_rows (dialog));
  adw_message_dialog_add_responses (dialog, "cancel", "_Cancel", "eliminate", "_Eliminate", NULL);
  adw_message_dialog_set_response_appearance (dialog, "eliminate", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_enabled (dialog, "eliminate", FALSE);
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "item", g_object_ref (item), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_eliminate_response), self, 0);
  lk_present_dialog (GTK_WINDOW (dialog));
}

/* ---- list-wide actions --------------------------------------------------------------------- */

static GArray *
list_ids (LkCandidatesPage *self)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LkCandidateItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);
      gint64 id = lk_candidate_get_list_id (lk_candidate_item_get_candidate (item));
      gboolean seen = FALSE;

      for (guint j = 0; j < ids->len; j++)
        seen |= g_array_index (ids, gint64, j) == id;
      if (!seen)
        g_array_append_val (ids, id);
    }
  return ids;
}

static void
shuffle_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  LkCandidatesPage *self = LK_CANDIDATES_PAGE (widget);
  g_autoptr(GArray) ids = list_ids (self);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < ids->len; i++)
    if (!lk_candidates_shuffle (self->session, g_array_index (ids, gint64, i), 0, &error))
      {
        lk_show_error (widget, "Order Not Shuffled", error->message);
        return;
      }
  lk_candidates_page_reload (self);
  lk_toast (widget, "Order shuffled; the seed is recorded in the audit trail");
}

static void
on_reveal_response (AdwMessageDialog *dialog,
                    const char       *response,
                    LkCandidatesPage *self)
{
  GtkEditable *reason = g_object_get_data (G_OBJECT (dialog), "reason");
  g_autoptr(GArray) ids = list_ids (self);
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "reveal"))
    return;
  for (guint i = 0; i < ids->len; i++)
    if (!lk_candidates_reveal_scores (self->session, g_array_index (ids, gint64, i),
                                      gtk_editable_get_text (reason), &error))
      {
        lk_show_error (GTK_WIDGET (self), "Scores Not Revealed", error->message);
        return;
      }
  lk_candidates_page_reload (self);
}

/* Revealing needs a reason: the dialog cannot be confirmed without one, rather than refusing
 * after the user confirmed. */
static void
on_reveal_reason_changed (GtkEditable      *reason,
                          AdwMessageDialog *dialog)
{
  adw_message_dialog_set_response_enabled (dialog, "reveal",
                                           !lk_text_is_blank (gtk_editable_get_text (reason)));
}

static void
reveal_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *reason = adw_entry_row_new ();
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
    GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, "Reveal Scores and Ranks?",
    "Engine scores and ranks bias the comparison towards the engine's choice, which is why they "
    "are hidden. Revealing them is recorded in the audit trail with your reason."));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (reason), "Reason");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (list), reason);
  adw_message_dialog_set_extra_child (dialog, list);
  adw_message_dialog_add_responses (dialog, "cancel", "_Cancel", "reveal", "_Reveal", NULL);
  adw_message_dialog_set_response_appearance (dialog, "reveal", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_enabled (dialog, "reveal", FALSE);
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "reason", reason);
  g_signal_connect (reason, "changed", G_CALLBACK (on_reveal_reason_changed), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_reveal_response), widget, 0);
  lk_present_dialog (GTK_WINDOW (dialog));
}

static void
on_list_added (LkCandidatesPage *self)
{
  lk_candidates_page_reload (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
present (LkCandidatesPage *self,
         GtkWindow        *dialog)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (dialog, GTK_WINDOW (root));
  g_signal_connect_object (dialog, "done", G_CALLBACK (on_list_added), self, G_CONNECT_SWAPPED);
  gtk_window_present (dialog);
}

void
lk_candidates_page_import_file (LkCandidatesPage *self,
                                GFile            *file)
{
  g_return_if_fail (LK_IS_CANDIDATES_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));
  present (self, GTK_WINDOW (lk_candidate_import_dialog_new (self->session, self->probe_id,
                                                             file)));
}

static void
on_chooser_response (LkCandidatesPage *self,
                     int               response)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (self->chooser));

  if (response == GTK_RESPONSE_ACCEPT && file != NULL)
    lk_candidates_page_import_file (self, file);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LkCandidatesPage *self = LK_CANDIDATES_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, "Candidate lists (JSON, CSV)");
  gtk_file_filter_add_suffix (filter, "json");
  gtk_file_filter_add_suffix (filter, "csv");
  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new ("Import Candidate List",
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_OPEN, "_Open", "_Cancel");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LkCandidatesPage *self = LK_CANDIDATES_PAGE (widget);
  g_autoptr(GError) error = NULL;
  LkGallerySearchDialog *dialog = lk_gallery_search_dialog_new (self->session, self->probe_id,
                                                                &error);

  if (dialog == NULL)
    lk_show_failure (widget, "Cannot Search a Gallery", error);
  else
    present (self, GTK_WINDOW (dialog));
}

static void
examine_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  LkCandidatesPage *self = LK_CANDIDATES_PAGE (widget);
  LkCandidateItem *item = selected_item (self);

  if (item != NULL &&
      g_strcmp0 (lk_candidate_get_triage_state (lk_candidate_item_get_candidate (item)),
                 "retained") == 0)
    g_signal_emit (self, signals[EXAMINE], 0, lk_candidate_item_get_id (item));
}

static void
on_grid_activate (LkCandidatesPage *self,
                  guint             position)
{
  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self), "triage.examine", NULL);
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  lk_candidates_page_reload (LK_CANDIDATES_PAGE (widget));
}

/* ---- object -------------------------------------------------------------------------------- */

static void
lk_candidates_page_dispose (GObject *object)
{
  LkCandidatesPage *self = LK_CANDIDATES_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    g_signal_handlers_disconnect_by_data (self->chooser, self);
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), LK_TYPE_CANDIDATES_PAGE);
  G_OBJECT_CLASS (lk_candidates_page_parent_class)->dispose (object);
}

static void
lk_candidates_page_finalize (GObject *object)
{
  LkCandidatesPage *self = LK_CANDIDATES_PAGE (object);

  g_clear_object (&self->session);
  g_clear_object (&self->items);
  g_clear_object (&self->selection);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (lk_candidates_page_parent_class)->finalize (object);
}

static void
lk_candidates_page_class_init (LkCandidatesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_candidates_page_dispose;
  object_class->finalize = lk_candidates_page_finalize;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[EXAMINE] = g_signal_new ("examine", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  g_type_ensure (LK_TYPE_CANDIDATE_ITEM);
  g_type_ensure (LK_TYPE_CANDIDATE_CELL);
  g_type_ensure (LK_TYPE_TRIAGE_PROBE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               LK_RESOURCE_PATH "/lk-candidates-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LkCandidatesPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, LkCandidatesPage, progress_label);
  gtk_widget_class_bind_template_child (widget_class, LkCandidatesPage, facts_label);
  gtk_widget_class_bind_template_child (widget_class, LkCandidatesPage, probe_pane);
  gtk_widget_class_bind_template_child (widget_class, LkCandidatesPage, stack);
  gtk_widget_class_bind_template_child (widget_class, LkCandidatesPage, grid);
  gtk_widget_class_bind_template_child (widget_class, LkCandidatesPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, LkCandidatesPage, action_bar);
  gtk_widget_class_bind_template_child (widget_class, LkCandidatesPage, selection_label);
  gtk_widget_class_bind_template_child (widget_class, LkCandidatesPage, import_button);
  gtk_widget_class_bind_template_child (widget_class, LkCandidatesPage, search_button);
  gtk_widget_class_bind_template_child (widget_class, LkCandidatesPage, examine_button);
  gtk_widget_class_bind_template_child (widget_class, LkCandidatesPage, eliminate_button);
  gtk_widget_class_bind_template_child (widget_class, LkCandidatesPage, retain_button);

  gtk_widget_class_install_action (widget_class, "triage.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "triage.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "triage.shuffle", NULL, shuffle_action);
  gtk_widget_class_install_action (widget_class, "triage.reveal", NULL, reveal_action);
  gtk_widget_class_install_action (widget_class, "triage.retain", NULL, retain_action);
  gtk_widget_class_install_action (widget_class, "triage.eliminate", NULL, eliminate_action);
  gtk_widget_class_install_action (widget_class, "triage.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "triage.examine", NULL, examine_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, 0, "triage.retain", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, 0, "triage.eliminate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "triage.reload", NULL);
}

static void
lk_candidates_page_init (LkCandidatesPage *self)
{
  g_autoptr(GtkListItemFactory) factory =
    gtk_builder_list_item_factory_new_from_resource (NULL,
                                                     LK_RESOURCE_PATH "/lk-candidate-cell.ui");

  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  lk_label_stack_pages (self->stack);
  self->items = g_list_store_new (LK_TYPE_CANDIDATE_ITEM);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->items)));
  gtk_grid_view_set_model (self->grid, GTK_SELECTION_MODEL (self->selection));
  gtk_grid_view_set_factory (self->grid, factory);
  g_signal_connect_swapped (self->selection, "notify::selected",
                            G_CALLBACK (update_selection_label), self);
  g_signal_connect_swapped (self->grid, "activate", G_CALLBACK (on_grid_activate), self);
}

LkCandidatesPage *
lk_candidates_page_new (LkSession *session,
                        gint64     probe_id)
{
  LkCandidatesPage *self = g_object_new (LK_TYPE_CANDIDATES_PAGE, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = lk_probes_name (session, probe_id, NULL, NULL, &error);
  g_autofree char *title = g_strdup_printf ("Candidates for %s", name != NULL ? name : "the Probe");

  self->session = g_object_ref (session);
  self->probe_id = probe_id;
  gtk_label_set_text (self->title_label, title);
  lk_triage_probe_set_probe (self->probe_pane, session, probe_id);
  show_roles_controls (self);
  lk_candidates_page_reload (self);
  return self;
}
