/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The probe page: the "A" of ACE-V. The examiner sees the probe alone, with its quality,
 * provenance, integrity and metadata, and locks an analysis before any candidate is unmasked. */
#include "config.h"

#include "lk-analysis-form.h"
#include "lk-face-view.h"
#include "lk-probe-page-private.h"
#include "lk-texture.h"
#include "lk-ui-util.h"

#define MAX_TEXTURE_SIDE 2048

enum {
  PROP_0,
  PROP_SESSION,
  PROP_PROBE_ID,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (LkProbePage, lk_probe_page, ADW_TYPE_BIN)

static void reload (LkProbePage *self,
                    gboolean     refill_form);

/* ---- small helpers ---------------------------------------------------------------------- */

/* @text, or NULL when it is empty: the page says "Not recorded" for both. */
const char *
_lk_probe_page_text (const char *text)
{
  return text != NULL && *text != '\0' ? text : NULL;
}

static const char *
status (LkProbePage *self)
{
  const char *value = self->probe != NULL ? lk_probe_get_status (self->probe) : NULL;

  return value != NULL ? value : "";
}

static gboolean
can_analyse (LkProbePage *self)
{
  return lk_session_has_role (self->session, LK_ROLE_EXAMINER);
}

void
_lk_probe_page_clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

/* A read-only row: the field's name small above its value. Text is never parsed as markup. */
GtkWidget *
_lk_probe_page_info_row (const char *title,
                         const char *value)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _lk_probe_page_text (value) != NULL
                                                     ? value : "Not recorded");
  gtk_widget_add_css_class (row, "lk-property");
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  return row;
}

/* A statement rather than a field, e.g. "No face found", with its explanation below. */
GtkWidget *
_lk_probe_page_notice_row (const char *title,
                           const char *explanation)
{
  GtkWidget *row = _lk_probe_page_info_row (title, explanation);

  gtk_widget_remove_css_class (row, "lk-property");
  return row;
}

void
_lk_probe_page_add_icon (GtkWidget  *row,
                         const char *icon_name,
                         const char *css_class)
{
  GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);

  gtk_widget_add_css_class (icon, css_class);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  g_str_equal (css_class, "error") ? "Error"
                                  : g_str_equal (css_class, "warning") ? "Warning"
                                  : "Information", -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
}

static void
set_pill (GtkLabel   *label,
          const char *text,
          const char *style)
{
  gtk_label_set_text (label, text);
  gtk_widget_remove_css_class (GTK_WIDGET (label), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (label), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (label), "error");
  if (style != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (label), style);
}

/* ---- header and face view ----------------------------------------------------------------- */

static void
show_header (LkProbePage *self)
{
  guint n_faces = g_list_model_get_n_items (lk_probe_get_faces (self->probe));
  const char *media = _lk_probe_page_text (lk_probe_get_media_type (self->probe));
  g_autofree char *faces_text = n_faces == 0 ? g_strdup ("no face detected")
                                : g_strdup_printf ("%u %s detected", n_faces,
                                                   n_faces == 1 ? "face" : "faces");
  g_autofree char *details =
    g_strdup_printf ("Case %s · %d × %d pixels · %s · %s",
                     lk_probe_get_case_number (self->probe),
                     lk_probe_get_width (self->probe), lk_probe_get_height (self->probe),
                     media != NULL ? media : "unknown type", faces_text);

  gtk_label_set_text (self->file_label, lk_probe_get_file_name (self->probe));
  gtk_label_set_text (self->details_label, details);
  gtk_widget_set_visible (GTK_WIDGET (self->simulated_label),
                          lk_probe_get_simulated (self->probe));
  if (g_str_equal (status (self), "awaiting-analysis"))
    set_pill (self->status_label, "Awaiting analysis", "warning");
  else if (g_str_equal (status (self), "analysed"))
    set_pill (self->status_label, "Analysis locked", "success");
  else
    set_pill (self->status_label, "Closed: not suitable", NULL);
}

static gboolean
faces_editable (LkProbePage *self)
{
  return can_analyse (self) && g_str_equal (status (self), "awaiting-analysis") &&
         !self->image_failed;
}

static void
show_faces (LkProbePage *self)
{
  GListModel *faces = lk_probe_get_faces (self->probe);
  gboolean editable = faces_editable (self);

  lk_face_view_set_faces (self->face_view, faces, lk_probe_get_width (self->probe),
                          lk_probe_get_height (self->probe));
  lk_face_view_set_selected_face (self->face_view, lk_probe_get_face_index (self->probe));
  lk_face_view_set_editable (self->face_view, editable);
  gtk_widget_set_visible (GTK_WIDGET (self->hint_label),
                          editable && g_list_model_get_n_items (faces) > 1);
}

/* ---- the image ---------------------------------------------------------------------------- */

static void
show_integrity (LkProbePage *self,
                const char  *icon_name,
                const char  *css_class,
                const char  *title,
                const char  *subtitle)
{
  gtk_image_set_from_icon_name (self->integrity_icon, icon_name);
  gtk_widget_remove_css_class (GTK_WIDGET (self->integrity_icon), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->integrity_icon), "error");
  if (css_class != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->integrity_icon), css_class);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->integrity_row), title);
  adw_action_row_set_subtitle (self->integrity_row, subtitle != NULL ? subtitle : "");
}

static void
show_image_error (LkProbePage  *self,
                  const GError *error)
{
  gboolean integrity = g_error_matches (error, LK_ERROR, LK_ERROR_INTEGRITY);
  gboolean purged = g_error_matches (error, LK_ERROR, LK_ERROR_PURGED);

  self->image_failed = TRUE;
  adw_status_page_set_title (self->image_error_page,
                             integrity ? "The Image Failed Its Integrity Check"
                             : purged ? "The Image Was Purged"
                                      : "The Image Cannot Be Shown");
  adw_status_page_set_description (self->image_error_page, error->message);
  if (integrity)
    gtk_widget_add_css_class (GTK_WIDGET (self->image_error_page), "lk-integrity-failure");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->image_error_page), "lk-integrity-failure");
  gtk_stack_set_visible_child_name (self->image_stack, "error");
  gtk_spinner_set_spinning (self->image_spinner, FALSE);
  show_integrity (self, "dialog-error-symbolic", "error",
                  integrity ? "Integrity check failed"
                  : purged ? "Purged under the retention policy; the SHA-256 stays"
                           : "The image could not be read",
                  error->message);
  /* An untrusted original cannot be analysed; the form waits until the store is repaired. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->analysis_stack), FALSE);
  gtk_label_set_text (self->analysis_intro, integrity
                      ? "The analysis cannot go on: the original failed its integrity check. "
                        "Report it; the failure is in the audit trail."
                      : "The analysis cannot go on until the image can be read.");
  show_faces (self);
}

static void
on_image_loaded (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(LkProbePage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *opened = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int width = 0, height = 0;

  texture = lk_texture_load_probe_finish (result, &width, &height, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (texture == NULL)
    {
      show_image_error (self, error);
      return;
    }
  lk_face_view_set_texture (self->face_view, texture);
  /* Face rectangles are in the coordinates of the decoded original. */
  lk_face_view_set_faces (self->face_view, lk_probe_get_faces (self->probe), width, height);
  lk_face_view_set_selected_face (self->face_view, lk_probe_get_face_index (self->probe));
  gtk_stack_set_visible_child_name (self->image_stack, "image");
  gtk_spinner_set_spinning (self->image_spinner, FALSE);
  {
    g_autoptr(GDateTime) now_utc = g_date_time_to_utc (now);

    opened = g_date_time_format (now_utc, "Opened at %Y-%m-%d %H:%M:%S UTC");
  }
  show_integrity (self, "emblem-ok-symbolic", "success",
                  "Verified against the stored hash when opened", opened);
}

static void
load_image (LkProbePage *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->image_failed = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->analysis_stack), TRUE);
  lk_face_view_set_texture (self->face_view, NULL);
  gtk_stack_set_visible_child_name (self->image_stack, "loading");
  gtk_spinner_set_spinning (self->image_spinner, TRUE);
  show_integrity (self, "content-loading-symbolic", NULL, "Checking the stored image…", NULL);
  lk_texture_load_probe_async (self->session, self->probe_id, MAX_TEXTURE_SIDE,
                               self->cancellable, on_image_loaded, g_object_ref (self));
}

/* ---- the analysis form -------------------------------------------------------------------- */

static void
update_actions (LkProbePage *self)
{
  gboolean chosen = lk_analysis_form_get_suitability (self->analysis_form) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "probe.lock",
                                 self->mode == FORM_ANALYSE && chosen);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "probe.lock-amendment",
                                 self->mode == FORM_AMEND && chosen);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "probe.save-draft",
                                 self->mode == FORM_ANALYSE);
}

typedef struct
{
  GStrv       factors;
  GStrv       components;
  char       *notes;
  LkAnalysis  analysis;
} FormValues;

static void
form_values_clear (FormValues *values)
{
  g_clear_pointer (&values->factors, g_strfreev);
  g_clear_pointer (&values->components, g_strfreev);
  g_clear_pointer (&values->notes, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FormValues, form_values_clear)

static void
read_form (LkProbePage *self,
           FormValues  *values)
{
  values->factors = lk_analysis_form_dup_factors (self->analysis_form);
  values->components = lk_analysis_form_dup_components (self->analysis_form);
  values->notes = lk_analysis_form_dup_notes (self->analysis_form);
  values->analysis.suitability = lk_analysis_form_get_suitability (self->analysis_form);
  values->analysis.factors = (const char * const *) values->factors;
  values->analysis.components = (const char * const *) values->components;
  values->analysis.notes = values->notes;
}

/* Fills the form from a draft or a locked revision; NULL empties it. */
static void
fill_form (LkProbePage     *self,
           LkProbeAnalysis *analysis)
{
  lk_analysis_form_set_analysis (self->analysis_form, analysis);
  update_actions (self);
}

static void
set_message (LkProbePage *self,
             const char  *message)
{
  lk_analysis_form_set_message (self->analysis_form, message);
}

/* ---- the locked analysis ------------------------------------------------------------------ */

static char *
labels_text (const char * const *ids)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? ", " : "", lk_vocabulary_label (ids[i]));
  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : g_strdup ("None");
}

static char *
components_text (const char * const *ids)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      const char *name = lk_feature_list_component_name (ids[i]);

      g_string_append_printf (text, "%s%s", i > 0 ? ", " : "", name != NULL ? name : ids[i]);
    }
  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : g_strdup ("None");
}

static void
add_locked_row (LkProbePage *self,
                const char  *title,
                const char  *value)
{
  GtkWidget *row = _lk_probe_page_info_row (title, value);

  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_list_box_append (self->locked_list, row);
}

static void
show_locked (LkProbePage     *self,
             LkProbeAnalysis *a)
{
  g_autofree char *factors = labels_text (lk_probe_analysis_get_factors (a));
  g_autofree char *components = components_text (lk_probe_analysis_get_components (a));
  g_autofree char *locked_at = lk_format_utc (lk_probe_analysis_get_locked_at (a));
  int revision = lk_probe_analysis_get_revision (a);
  g_autofree char *revision_text = g_strdup_printf ("%d", revision);
  int face_index = lk_probe_analysis_get_face_index (a);
  g_autofree char *face = face_index >= 0 ? g_strdup_printf ("Face %d", face_index + 1) : NULL;
  const char *suitability = _lk_probe_page_text (lk_probe_analysis_get_suitability (a));
  const char *notes = _lk_probe_page_text (lk_probe_analysis_get_notes (a));

  _lk_probe_page_clear_list (self->locked_list);
  add_locked_row (self, "Suitability", suitability ? lk_vocabulary_label (suitability) : NULL);
  add_locked_row (self, "Affecting factors", factors);
  add_locked_row (self, "Visible components", components);
  add_locked_row (self, "Notes", notes ? notes : "No notes");
  add_locked_row (self, "Face of interest", face ? face : "None chosen");
  add_locked_row (self, "Examiner", lk_probe_analysis_get_examiner (a));
  add_locked_row (self, "Locked at", locked_at);
  add_locked_row (self, "Feature list", lk_probe_analysis_get_feature_list (a));
  add_locked_row (self, "Revision", revision_text);
  if (revision > 1)
    add_locked_row (self, "Reason for the amendment",
                    lk_probe_analysis_get_amendment_reason (a));
}

static void
show_mode (LkProbePage *self)
{
  gboolean amending = self->mode == FORM_AMEND;

  gtk_stack_set_visible_child_name (self->analysis_stack,
                                    self->mode == FORM_NONE ? "locked" : "form");
  lk_analysis_form_set_amending (self->analysis_form, amending);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "probe.amend",
                                 self->mode == FORM_NONE && can_analyse (self));
  gtk_widget_set_visible (self->amend_button, can_analyse (self));
  update_actions (self);
}

static const char *
analysis_intro (LkProbePage *self)
{
  if (self->mode == FORM_AMEND)
    return "Correct the locked analysis. The locked revision stays on record and the amendment "
           "becomes a new revision, with your reason.";
  if (g_str_equal (status (self), "analysed"))
    return "Locked before any candidate was seen; the candidates can now be seen.";
  if (g_str_equal (status (self), "not-suitable"))
    return "Analysed as not suitable: the probe is closed and no candidate is examined for it.";
  if (!can_analyse (self))
    return "The examiner has not locked the analysis yet. Candidates stay masked until then.";
  return "Judge this probe alone, before any candidate is seen. Candidates become visible only "
         "after the analysis is locked.";
}

static void
load_draft (LkProbePage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkProbeAnalysis) draft = lk_analysis_get_draft (self->session, self->probe_id,
                                                            &error);

  fill_form (self, draft);
  if (error != NULL)
    set_message (self, error->message);
}

static void
show_analysis (LkProbePage *self,
               gboolean     refill_form)
{
  gboolean awaiting = g_str_equal (status (self), "awaiting-analysis");
  LkProbeAnalysis *latest = lk_probe_get_analysis (self->probe);

  if (awaiting && can_analyse (self))
    self->mode = FORM_ANALYSE;
  else if (!awaiting && self->mode != FORM_AMEND)
    self->mode = FORM_NONE;
  if (refill_form && self->mode == FORM_ANALYSE)
    load_draft (self);
  if (latest != NULL)
    show_locked (self, latest);
  gtk_widget_set_visible (GTK_WIDGET (self->analysis_stack), self->mode != FORM_NONE ||
                                                              latest != NULL);
  gtk_label_set_text (self->analysis_intro, analysis_intro (self));
  show_mode (self);
}

/* ---- loading ------------------------------------------------------------------------------ */

static void
apply_probe (LkProbePage *self,
             gboolean     refill_form)
{
  gtk_label_set_text (self->sha_label, lk_probe_get_sha256 (self->probe));
  show_header (self);
  show_faces (self);
  _lk_probe_page_show_quality (self);
  _lk_probe_page_show_provenance (self);
  _lk_probe_page_show_metadata (self);
  show_analysis (self, refill_form);
  gtk_stack_set_visible_child_name (self->page_stack, "probe");
}

/* Reads the probe (one consultation in the audit log) and shows it. */
static void
reload (LkProbePage *self,
        gboolean     refill_form)
{
  g_autoptr(GError) error = NULL;
  LkProbe *probe = lk_probes_get_probe (self->session, self->probe_id, &error);

  if (probe == NULL)
    {
      adw_status_page_set_description (self->failed_page, error->message);
      gtk_stack_set_visible_child_name (self->page_stack, "failed");
      return;
    }
  g_clear_object (&self->probe);
  self->probe = probe;
  apply_probe (self, refill_form);
}

void
_lk_probe_page_changed (LkProbePage *self,
                        const char  *message)
{
  reload (self, TRUE);
  g_signal_emit (self, signals[CHANGED], 0);
  if (message != NULL)
    lk_toast (GTK_WIDGET (self), message);
}

/* ---- actions ------------------------------------------------------------------------------ */

static void
on_face_activated (LkProbePage *self,
                   int          index)
{
  g_autoptr(GError) error = NULL;

  if (!faces_editable (self) || index == lk_probe_get_face_index (self->probe))
    return;
  if (!lk_analysis_choose_face (self->session, self->probe_id, index, &error))
    {
      lk_face_view_set_selected_face (self->face_view, lk_probe_get_face_index (self->probe));
      lk_show_error (GTK_WIDGET (self), "Cannot Choose the Face", error->message);
      return;
    }
  /* The form keeps what the examiner typed; only the face and its quality change. */
  reload (self, FALSE);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LkProbePage *self = LK_PROBE_PAGE (widget);

  self->mode = FORM_NONE;
  reload (self, TRUE);
  load_image (self);
}

static void
save_draft_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  LkProbePage *self = LK_PROBE_PAGE (widget);
  g_auto(FormValues) values = { 0 };
  g_autoptr(GError) error = NULL;

  read_form (self, &values);
  if (!lk_analysis_save_draft (self->session, self->probe_id, &values.analysis, &error))
    {
      set_message (self, error->message);
      return;
    }
  set_message (self, NULL);
  lk_toast (widget, "Draft saved");
}

static void
lock_now (LkProbePage *self)
{
  g_auto(FormValues) values = { 0 };
  g_autoptr(GError) error = NULL;

  read_form (self, &values);
  if (!lk_analysis_lock (self->session, self->probe_id, &values.analysis, &error))
    {
      set_message (self, error->message);
      return;
    }
  self->mode = FORM_NONE;
  _lk_probe_page_changed (self, "Analysis locked");
}

static void
on_lock_response (AdwMessageDialog *dialog,
                  const char       *response,
                  LkProbePage      *self)
{
  if (g_str_equal (response, "lock"))
    lock_now (self);
}

/* The quality figures shown red, by name ("Pixels between the eyes, Sharpness"), or NULL. */
static char *
red_figures (LkProbePage *self)
{
  GListModel *measures = lk_probe_get_quality (self->probe);
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (measures); i++)
    {
      g_autoptr(LkQualityMeasure) measure = g_list_model_get_item (measures, i);

      if (g_strcmp0 (lk_quality_measure_get_light (measure), "red") == 0)
        g_string_append_printf (names, "%s%s", names->len ? ", " : "",
                                lk_quality_measure_get_label (measure));
    }
  return names->len > 0 ? g_string_free (g_steal_pointer (&names), FALSE) : NULL;
}

static void
lock_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LkProbePage *self = LK_PROBE_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  const char *suitability = lk_analysis_form_get_suitability (self->analysis_form);
  gboolean closes = g_strcmp0 (suitability, "not-suitable") == 0;
  g_auto(FormValues) values = { 0 };
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;

  /* An analysis the lock would refuse is not worth a confirmation: say what is missing now. */
  read_form (self, &values);
  if (!lk_analysis_check (&values.analysis, &error))
    {
      set_message (self, error->message);
      return;
    }
  set_message (self, NULL);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
    GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, "Lock the Analysis?",
    closes ? "“Not suitable” closes the probe: no candidate will be examined for it. The "
             "analysis is recorded with your name and the time and cannot be changed "
             "afterwards; a correction becomes an amendment with a reason."
           : "The analysis is recorded with your name and the time and cannot be changed "
             "afterwards; a correction becomes an amendment with a reason. Candidates become "
             "visible only after this."));
  /* The measured figures are the examiner's to weigh; a plain "suitable" over red ones is
   * worth a second look before it is fixed for good. */
  if (g_strcmp0 (suitability, "suitable") == 0)
    {
      g_autofree char *red = red_figures (self);

      if (red != NULL)
        adw_message_dialog_format_body (dialog, "%s\n\nThe analysis says “suitable”, yet these "
                                        "quality figures are red: %s. Consider “limited”, or "
                                        "say in the notes why they do not matter here.",
                                        adw_message_dialog_get_body (dialog), red);
    }
  adw_message_dialog_add_responses (dialog, "cancel", "_Cancel",
                                    "lock", closes ? "_Lock and Close Probe" : "_Lock Analysis",
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "lock", closes ? ADW_RESPONSE_DESTRUCTIVE
                                                                     : ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_lock_response), self, 0);
  lk_present_dialog (GTK_WINDOW (dialog));
}

static void
amend_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  LkProbePage *self = LK_PROBE_PAGE (widget);

  self->mode = FORM_AMEND;
  fill_form (self, lk_probe_get_analysis (self->probe));
  gtk_label_set_text (self->analysis_intro, analysis_intro (self));
  show_mode (self);
  lk_analysis_form_focus_reason (self->analysis_form);
}

static void
cancel_amendment_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  LkProbePage *self = LK_PROBE_PAGE (widget);

  self->mode = FORM_NONE;
  set_message (self, NULL);
  gtk_label_set_text (self->analysis_intro, analysis_intro (self));
  show_mode (self);
}

static void
lock_amendment_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  LkProbePage *self = LK_PROBE_PAGE (widget);
  g_auto(FormValues) values = { 0 };
  g_autoptr(GError) error = NULL;

  read_form (self, &values);
  if (!lk_analysis_amend (self->session, self->probe_id, &values.analysis,
                                 lk_analysis_form_get_reason (self->analysis_form), &error))
    {
      set_message (self, error->message);
      if (g_error_matches (error, LK_ERROR, LK_ERROR_INVALID_INPUT))
        lk_analysis_form_focus_reason (self->analysis_form);
      return;
    }
  self->mode = FORM_NONE;
  _lk_probe_page_changed (self, "Amendment locked as a new revision");
}

static void
copy_hash_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  LkProbePage *self = LK_PROBE_PAGE (widget);
  const char *sha = self->probe != NULL ? lk_probe_get_sha256 (self->probe) : NULL;

  if (sha == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), sha);
  lk_toast (widget, "SHA-256 copied");
}

/* ---- public ------------------------------------------------------------------------------- */

LkProbePage *
lk_probe_page_new (LkSession *session,
                   gint64     probe_id)
{
  g_return_val_if_fail (LK_IS_SESSION (session), NULL);
  g_return_val_if_fail (probe_id > 0, NULL);

  return g_object_new (LK_TYPE_PROBE_PAGE, "session", session, "probe-id", probe_id, NULL);
}

gint64
lk_probe_page_get_probe_id (LkProbePage *self)
{
  g_return_val_if_fail (LK_IS_PROBE_PAGE (self), 0);
  return self->probe_id;
}

const char *
lk_probe_page_get_file_name (LkProbePage *self)
{
  g_return_val_if_fail (LK_IS_PROBE_PAGE (self), NULL);
  return self->probe != NULL ? lk_probe_get_file_name (self->probe) : NULL;
}

/* ---- object ------------------------------------------------------------------------------- */

static void
lk_probe_page_constructed (GObject *object)
{
  LkProbePage *self = LK_PROBE_PAGE (object);

  G_OBJECT_CLASS (lk_probe_page_parent_class)->constructed (object);
  g_return_if_fail (LK_IS_SESSION (self->session));
  reload (self, TRUE);
  if (self->probe != NULL)
    load_image (self);
}

static void
lk_probe_page_dispose (GObject *object)
{
  LkProbePage *self = LK_PROBE_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  /* The bin's child is a bound template child: let AdwBin drop it before the template does. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LK_TYPE_PROBE_PAGE);
  g_clear_object (&self->session);
  g_clear_object (&self->probe);
  G_OBJECT_CLASS (lk_probe_page_parent_class)->dispose (object);
}

static void
lk_probe_page_finalize (GObject *object)
{
  LkProbePage *self = LK_PROBE_PAGE (object);

  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (lk_probe_page_parent_class)->finalize (object);
}

static void
lk_probe_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  LkProbePage *self = LK_PROBE_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_PROBE_ID:
      g_value_set_int64 (value, self->probe_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_probe_page_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  LkProbePage *self = LK_PROBE_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    case PROP_PROBE_ID:
      self->probe_id = g_value_get_int64 (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bind_children (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, LkProbePage, page_stack);
  gtk_widget_class_bind_template_child (widget_class, LkProbePage, failed_page);
  gtk_widget_class_bind_template_child (widget_class, LkProbePage, file_label);
  gtk_widget_class_bind_template_child (widget_class, LkProbePage, details_label);
  gtk_widget_class_bind_template_child (widget_class, LkProbePage, simulated_label);
  gtk_widget_class_bind_template_child (widget_class, LkProbePage, status_label);
  gtk_widget_class_bind_template_child (widget_class, LkProbePage, hint_label);
  gtk_widget_class_bind_template_child (widget_class, LkProbePage, image_stack);
  gtk_widget_class_bind_template_child (widget_class, LkProbePage, image_spinner);
  gtk_widget_class_bind_template_child (widget_class, LkProbePage, face_view);
  gtk_widget_class_bind_template_child (widget_class, LkProbePage, image_error_page);
  gtk_widget_class_bind_template_child (widget_class, LkProbePage, analysis_intro);
  gtk_widget_class_bind_template_child (widget_class, LkProbePage, analysis_stack);
  gtk_widget_class_bind_template_child (widget_class, LkProbePage, analysis_form);
  gtk_widget_class_bind_template_child (widget_class, LkProbePage, locked_list);
  gtk_widget_class_bind_template_child (widget_class, LkProbePage, amend_button);
  gtk_widget_class_bind_template_child (widget_class, LkProbePage, quality_list);
  gtk_widget_class_bind_template_child (widget_class, LkProbePage, provenance_list);
  gtk_widget_class_bind_template_child (widget_class, LkProbePage, sha_label);
  gtk_widget_class_bind_template_child (widget_class, LkProbePage, integrity_row);
  gtk_widget_class_bind_template_child (widget_class, LkProbePage, integrity_icon);
  gtk_widget_class_bind_template_child (widget_class, LkProbePage, metadata_list);
}

static void
install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "probe.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "probe.save-draft", NULL, save_draft_action);
  gtk_widget_class_install_action (widget_class, "probe.lock", NULL, lock_action);
  gtk_widget_class_install_action (widget_class, "probe.amend", NULL, amend_action);
  gtk_widget_class_install_action (widget_class, "probe.cancel-amendment", NULL,
                                   cancel_amendment_action);
  gtk_widget_class_install_action (widget_class, "probe.lock-amendment", NULL,
                                   lock_amendment_action);
  gtk_widget_class_install_action (widget_class, "probe.copy-hash", NULL, copy_hash_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "probe.save-draft", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "probe.reload", NULL);
}

static void
lk_probe_page_class_init (LkProbePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = lk_probe_page_constructed;
  object_class->dispose = lk_probe_page_dispose;
  object_class->finalize = lk_probe_page_finalize;
  object_class->get_property = lk_probe_page_get_property;
  object_class->set_property = lk_probe_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, LK_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROBE_ID] =
    g_param_spec_int64 ("probe-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* After the analysis is locked or amended, or another face is chosen. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (LK_TYPE_ANALYSIS_FORM);
  g_type_ensure (LK_TYPE_FACE_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               LK_RESOURCE_PATH "/lk-probe-page.ui");
  bind_children (widget_class);
  gtk_widget_class_bind_template_callback (widget_class, on_face_activated);
  gtk_widget_class_bind_template_callback (widget_class, update_actions);
  install_actions (widget_class);
}

static void
lk_probe_page_init (LkProbePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  lk_label_stack_pages (self->page_stack);
  lk_label_stack_pages (self->image_stack);
  lk_label_stack_pages (self->analysis_stack);
}
