/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Evaluate and sign: the reasoned conclusion of one comparison. */
#include "config.h"

#include "lk-evaluate-dialog.h"
#include "lk-ui-util.h"

struct _LkEvaluateDialog
{
  AdwWindow            parent_instance;

  LkSession           *session;
  gint64               examination_id;
  gboolean             amends;
  const LkScale       *scale;
  GCancellable        *cancellable;
  GPtrArray           *warning_items; /* per warning: its text above its entry row */
  GPtrArray           *warning_rows;  /* the entry rows, for the warnings not refused */
  char                *refusal;       /* a rule of policy refuses the level: why; else NULL */
  int                  level;         /* index into the scale's levels, its length for the
                                       * outcome "not suitable", -1 while none is chosen */
  guint                check_source;  /* the live check after an edit */
  gint64               min_reasoning; /* the policy's, read once: the counter runs per key */

  GtkTextView         *propositions_view;
  AdwPreferencesGroup *conclusion_group;
  GtkLabel            *summary_label;
  GtkListBox          *level_list;
  GtkLabel            *reasoning_count;
  GtkLabel            *limitations_count;
  GtkTextView         *reasoning_view;
  GtkTextView         *limitations_view;
  AdwPreferencesGroup *warnings_group;
  AdwEntryRow         *reason_row;
  AdwPasswordEntryRow *password_row;
  GtkBox              *message_box;
  GtkImage            *message_icon;
  GtkLabel            *message_label;
  GtkButton           *sign_button;
  GtkSpinner          *spinner;
};

enum {
  SIGNED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (LkEvaluateDialog, lk_evaluate_dialog, ADW_TYPE_WINDOW)

static char *
text_of (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

typedef struct
{
  char *propositions;
  char *reasoning;
  char *limitations;
  LkConclusionDraft draft;
} Draft;

static void
draft_clear (Draft *d)
{
  g_free (d->propositions);
  g_free (d->reasoning);
  g_free (d->limitations);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Draft, draft_clear)

/* FALSE while no level is chosen: the examiner chooses one, there is no default. */
static gboolean
read_draft (LkEvaluateDialog *self,
            Draft            *d)
{
  guint i = (guint) self->level;

  d->propositions = text_of (self->propositions_view);
  d->reasoning = text_of (self->reasoning_view);
  d->limitations = text_of (self->limitations_view);
  d->draft.propositions = d->propositions;
  d->draft.reasoning = d->reasoning;
  d->draft.limitations = d->limitations;
  d->draft.not_suitable = i >= self->scale->levels->len;
  d->draft.ordinal = d->draft.not_suitable
    ? 0 : ((LkScaleLevel *) g_ptr_array_index (self->scale->levels, i))->ordinal;
  return self->level >= 0;
}

static void
clear_warnings (LkEvaluateDialog *self)
{
  for (guint i = 0; i < self->warning_items->len; i++)
    adw_preferences_group_remove (self->warnings_group,
                                  g_ptr_array_index (self->warning_items, i));
  g_ptr_array_set_size (self->warning_items, 0);
  g_ptr_array_set_size (self->warning_rows, 0);
}

/* What is written beside each warning, by the warning's id. */
static GHashTable *
acknowledgements (LkEvaluateDialog *self)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < self->warning_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->warning_rows, i);

      g_hash_table_insert (table, g_strdup (g_object_get_data (G_OBJECT (row), "warning-id")),
                           g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
    }
  return table;
}

/* Why Sign does not go on, under its icon above the page; nothing when @text is NULL. */
static void
say (LkEvaluateDialog *self,
     const char       *text)
{
  lk_label_set_message (self->message_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->message_box), text != NULL);
  if (text != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->message_icon),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self->message_icon),
                                   GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

static char *
refusal_text (const LkConclusionWarning *w)
{
  return g_strdup_printf ("Refused by policy (rule %s): %s. No acknowledgement lets this level "
                          "be signed; choose another level or record more observations.",
                          w->rule, w->message);
}

/* A refusal is said in words beside the icon of the message above the page, and has nothing to
 * acknowledge. */
static GtkWidget *
refusal_item (const LkConclusionWarning *w)
{
  g_autofree char *text = refusal_text (w);
  GtkWidget *item = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_add_css_class (icon, "error");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  "Refused by policy", GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  text, -1);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "error");
  gtk_box_append (GTK_BOX (item), icon);
  gtk_box_append (GTK_BOX (item), label);
  gtk_widget_set_margin_top (item, 12);
  g_object_set_data_full (G_OBJECT (item), "warning-id", g_strdup (w->id), g_free);
  g_object_set_data_full (G_OBJECT (item), "message", g_strdup (w->message), g_free);
  g_object_set_data (G_OBJECT (item), "refused", GINT_TO_POINTER (TRUE));
  return item;
}

/* A row title is ellipsised, and a warning is a sentence or two: the warning is a wrapped label
 * above a row of its own, which carries it as its description for screen readers. */
static GtkWidget *
warning_item (const LkConclusionWarning *w,
              const char                *written,
              GtkWidget                **row_out)
{
  GtkWidget *item = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new (w->message);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *row = adw_entry_row_new ();

  g_object_set_data_full (G_OBJECT (item), "warning-id", g_strdup (w->id), g_free);
  g_object_set_data_full (G_OBJECT (item), "message", g_strdup (w->message), g_free);
  gtk_widget_set_margin_top (item, 12);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "warning");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), "Why the conclusion stands");
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  w->message, -1);
  gtk_editable_set_text (GTK_EDITABLE (row), written != NULL ? written : "");
  g_object_set_data_full (G_OBJECT (row), "warning-id", g_strdup (w->id), g_free);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  gtk_box_append (GTK_BOX (item), label);
  gtk_box_append (GTK_BOX (item), list);
  *row_out = row;
  return item;
}

static void update_sign (LkEvaluateDialog *self);

/* A warning shown again after an edit keeps what was written beside it. A refusal makes Sign
 * insensitive and is said above the page too. */
static void
show_warnings (LkEvaluateDialog *self,
               GPtrArray        *warnings)
{
  g_autoptr(GHashTable) written = acknowledgements (self);

  clear_warnings (self);
  g_clear_pointer (&self->refusal, g_free);
  for (guint i = 0; i < warnings->len; i++)
    {
      LkConclusionWarning *w = g_ptr_array_index (warnings, i);
      GtkWidget *row = NULL;
      GtkWidget *item = w->refused ? refusal_item (w)
                                   : warning_item (w, g_hash_table_lookup (written, w->id), &row);

      if (w->refused && self->refusal == NULL)
        self->refusal = refusal_text (w);
      adw_preferences_group_add (self->warnings_group, item);
      g_ptr_array_add (self->warning_items, item);
      if (row != NULL)
        g_ptr_array_add (self->warning_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->warnings_group), warnings->len > 0);
  say (self, self->refusal);
  update_sign (self);
}

/* ---- as the examiner writes ---------------------------------------------------------------- */

static gboolean
same_warnings (LkEvaluateDialog *self,
               GPtrArray        *warnings)
{
  if (warnings->len != self->warning_items->len)
    return FALSE;
  for (guint i = 0; i < warnings->len; i++)
    {
      GObject *item = g_ptr_array_index (self->warning_items, i);
      LkConclusionWarning *w = g_ptr_array_index (warnings, i);

      /* The numbers in a message change with the observations and the level. */
      if (g_strcmp0 (g_object_get_data (item, "warning-id"), w->id) != 0 ||
          g_strcmp0 (g_object_get_data (item, "message"), w->message) != 0 ||
          !w->refused != !g_object_get_data (item, "refused"))
        return FALSE;
    }
  return TRUE;
}

/* The consistency warnings follow the level and the texts as they change, not only on Sign. */
static gboolean
check_now (gpointer data)
{
  LkEvaluateDialog *self = data;
  g_auto(Draft) d = { 0 };
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GError) error = NULL;

  self->check_source = 0;
  if (!read_draft (self, &d))
    return G_SOURCE_REMOVE;
  /* The texts may still be short: the warnings are filled as soon as the level is read, and a
   * refusal of the draft itself waits for the signing. A check that could not even compute
   * the warnings (the records cannot be read) says so now. */
  if (!lk_conclusions_check (self->session, self->examination_id, &d.draft, &warnings, &error) &&
      warnings == NULL)
    say (self, error->message);
  if (warnings != NULL && !same_warnings (self, warnings))
    show_warnings (self, warnings);
  return G_SOURCE_REMOVE;
}

static void
check_soon (LkEvaluateDialog *self)
{
  g_clear_handle_id (&self->check_source, g_source_remove);
  self->check_source = g_timeout_add (300, check_now, self);
}

static glong
length_of (GtkTextView *view)
{
  g_autofree char *text = text_of (view);

  return g_utf8_strlen (g_strstrip (text), -1);
}

static void
set_count (GtkLabel   *label,
           const char *text,
           gboolean    short_of)
{
  gtk_label_set_text (label, text);
  if (short_of)
    {
      gtk_widget_add_css_class (GTK_WIDGET (label), "warning");
      gtk_widget_remove_css_class (GTK_WIDGET (label), "dim-label");
    }
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (label), "dim-label");
      gtk_widget_remove_css_class (GTK_WIDGET (label), "warning");
    }
}

static void
update_counts (LkEvaluateDialog *self)
{
  gint64 needed = self->min_reasoning;
  glong reasoning = length_of (self->reasoning_view);
  glong limitations = length_of (self->limitations_view);
  g_autofree char *r = reasoning < needed
    ? g_strdup_printf ("%ld of at least %" G_GINT64_FORMAT " characters", reasoning, needed)
    : g_strdup_printf ("%ld characters (at least %" G_GINT64_FORMAT ")", reasoning, needed);
  g_autofree char *l = limitations > 0 ? g_strdup_printf ("%ld characters", limitations)
                                       : g_strdup ("Required: what limits this comparison");

  set_count (self->reasoning_count, r, reasoning < needed);
  set_count (self->limitations_count, l, limitations == 0);
}

static void
on_text_changed (LkEvaluateDialog *self)
{
  update_counts (self);
  check_soon (self);
}

static void
on_level_toggled (GtkCheckButton   *button,
                  LkEvaluateDialog *self)
{
  if (!gtk_check_button_get_active (button))
    return;
  self->level = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "level"));
  check_soon (self);
}

/* Every level in its full wording, none chosen: a row per level with a radio button. */
static GtkWidget *
level_row (LkEvaluateDialog *self,
           const char       *title,
           int               index,
           GtkCheckButton   *group)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  if (group != NULL)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  g_object_set_data (G_OBJECT (check), "level", GINT_TO_POINTER (index));
  g_signal_connect (check, "toggled", G_CALLBACK (on_level_toggled), self);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  return row;
}

static void
fill_levels (LkEvaluateDialog *self)
{
  GtkCheckButton *first = NULL;
  GtkWidget *row;

  for (guint i = 0; i < self->scale->levels->len; i++)
    {
      LkScaleLevel *level = g_ptr_array_index (self->scale->levels, i);
      g_autofree char *title = g_strdup_printf ("%+d  %s", level->ordinal, level->label);

      row = level_row (self, title, (int) i, first);
      if (first == NULL)
        first = GTK_CHECK_BUTTON (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row)));
      gtk_list_box_append (self->level_list, row);
    }
  row = level_row (self, self->scale->not_suitable_label, (int) self->scale->levels->len, first);
  gtk_list_box_append (self->level_list, row);
}

/* What the observations add up to, read before a level is chosen. */
static void
fill_summary (LkEvaluateDialog *self)
{
  g_auto(LkObservationSummary) s = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *text = NULL;
  guint compared;

  if (!lk_observations_summarise (self->session, self->examination_id, &s, &error))
    {
      gtk_label_set_text (self->summary_label, error->message);
      return;
    }
  compared = s.similar + s.dissimilar + s.explainable;
  missing = s.not_compared[0] != NULL ? g_strjoinv (", ", s.not_compared) : NULL;
  text = g_strdup_printf ("Compared %u of %u characteristics: %u similar, %u dissimilar, %u "
                          "explainable difference%s (%u class, %u individualising); %u not "
                          "assessable.%s%s",
                          compared, s.total, s.similar, s.dissimilar, s.explainable,
                          s.explainable == 1 ? "" : "s", s.class_level, s.individualising,
                          s.not_assessable, missing ? " No characteristic compared in: " : "",
                          missing ? missing : "");
  gtk_label_set_text (self->summary_label, text);
}

static void
update_sign (LkEvaluateDialog *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->sign_button),
                            !gtk_spinner_get_spinning (self->spinner) && self->refusal == NULL);
}

static void
set_busy (LkEvaluateDialog *self,
          gboolean          busy)
{
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  update_sign (self);
}

static void
on_signed (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(LkEvaluateDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 id = lk_conclusions_sign_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  if (id == 0)
    {
      say (self, error->message);
      /* Only a wrong password is worth typing again; after a refused draft the password was
       * never tried, and clearing it would make the next Sign fail as if it were wrong. */
      if (g_error_matches (error, LK_ERROR, LK_ERROR_AUTHENTICATION_FAILED))
        {
          gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
          gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
        }
      return;
    }
  g_signal_emit (self, signals[SIGNED], 0, id);
  gtk_window_close (GTK_WINDOW (self));
}

/* Focus alone scrolls only to a widget that had no focus before: a warning shown while the level
 * was chosen is scrolled to here. */
static void
scroll_into_view (GtkWidget *widget)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *content;
  GtkAdjustment *v;
  graphene_point_t top;
  double value, page;

  if (scrolled == NULL ||
      (content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled))) == NULL ||
      (GTK_IS_VIEWPORT (content) &&
       (content = gtk_viewport_get_child (GTK_VIEWPORT (content))) == NULL) ||
      !gtk_widget_compute_point (widget, content, &GRAPHENE_POINT_INIT (0, 0), &top))
    return;
  v = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  value = gtk_adjustment_get_value (v);
  page = gtk_adjustment_get_page_size (v);
  if (top.y < value || top.y + gtk_widget_get_height (widget) > value + page)
    gtk_adjustment_set_value (v, top.y - 24);
}

/* Focus scrolls the page to the first warning, which appears out of view. GTK 4.8 scrolls to
 * the focused widget's allocation, which a row just added lacks: the focus waits for the frame
 * that lays it out. */
static gboolean
focus_when_laid_out (GtkWidget     *row,
                     GdkFrameClock *clock,
                     gpointer       data)
{
  if (gtk_widget_get_width (row) == 0)
    return G_SOURCE_CONTINUE;
  gtk_widget_grab_focus (row);
  scroll_into_view (row);
  return G_SOURCE_REMOVE;
}

static GtkWidget *
first_blank_acknowledgement (LkEvaluateDialog *self)
{
  for (guint i = 0; i < self->warning_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->warning_rows, i);
      g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));

      if (*g_strstrip (text) == '\0')
        return row;
    }
  return NULL;
}

static void
on_sign (LkEvaluateDialog *self)
{
  g_auto(Draft) d = { 0 };
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) acks = NULL;
  GtkWidget *blank;

  if (!read_draft (self, &d))
    {
      say (self, "Choose a level of the conclusion scale: there is no default.");
      return;
    }
  if (!lk_conclusions_check (self->session, self->examination_id, &d.draft, &warnings, &error))
    {
      if (warnings != NULL && !same_warnings (self, warnings))
        show_warnings (self, warnings);
      say (self, error->message);
      return;
    }
  /* New warnings (after an edit) must be shown and acknowledged before signing. */
  if (!same_warnings (self, warnings))
    show_warnings (self, warnings);
  if ((blank = first_blank_acknowledgement (self)) != NULL)
    {
      say (self, "Acknowledge each consistency warning in writing, then sign.");
      gtk_widget_add_tick_callback (blank, focus_when_laid_out, NULL, NULL);
      return;
    }
  say (self, NULL);
  acks = acknowledgements (self);
  set_busy (self, TRUE);
  lk_conclusions_sign_async (self->session, self->examination_id, &d.draft, acks,
                             self->amends ? gtk_editable_get_text (GTK_EDITABLE (self->reason_row))
                                          : NULL,
                             gtk_editable_get_text (GTK_EDITABLE (self->password_row)),
                             self->cancellable, on_signed, g_object_ref (self));
}

static void
lk_evaluate_dialog_dispose (GObject *object)
{
  LkEvaluateDialog *self = LK_EVALUATE_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->check_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), LK_TYPE_EVALUATE_DIALOG);
  G_OBJECT_CLASS (lk_evaluate_dialog_parent_class)->dispose (object);
}

static void
lk_evaluate_dialog_finalize (GObject *object)
{
  LkEvaluateDialog *self = LK_EVALUATE_DIALOG (object);

  g_clear_object (&self->session);
  g_clear_object (&self->cancellable);
  g_free (self->refusal);
  g_ptr_array_unref (self->warning_items);
  g_ptr_array_unref (self->warning_rows);
  G_OBJECT_CLASS (lk_evaluate_dialog_parent_class)->finalize (object);
}

static void
lk_evaluate_dialog_class_init (LkEvaluateDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_evaluate_dialog_dispose;
  object_class->finalize = lk_evaluate_dialog_finalize;

  signals[SIGNED] = g_signal_new ("signed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               LK_RESOURCE_PATH "/lk-evaluate-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LkEvaluateDialog, propositions_view);
  gtk_widget_class_bind_template_child (widget_class, LkEvaluateDialog, conclusion_group);
  gtk_widget_class_bind_template_child (widget_class, LkEvaluateDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, LkEvaluateDialog, level_list);
  gtk_widget_class_bind_template_child (widget_class, LkEvaluateDialog, reasoning_count);
  gtk_widget_class_bind_template_child (widget_class, LkEvaluateDialog, limitations_count);
  gtk_widget_class_bind_template_child (widget_class, LkEvaluateDialog, reasoning_view);
  gtk_widget_class_bind_template_child (widget_class, LkEvaluateDialog, limitations_view);
  gtk_widget_class_bind_template_child (widget_class, LkEvaluateDialog, warnings_group);
  gtk_widget_class_bind_template_child (widget_class, LkEvaluateDialog, reason_row);
  gtk_widget_class_bind_template_child (widget_class, LkEvaluateDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, LkEvaluateDialog, message_box);
  gtk_widget_class_bind_template_child (widget_class, LkEvaluateDialog, message_icon);
  gtk_widget_class_bind_template_child (widget_class, LkEvaluateDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, LkEvaluateDialog, sign_button);
  gtk_widget_class_bind_template_child (widget_class, LkEvaluateDialog, spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_sign);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lk_evaluate_dialog_init (LkEvaluateDialog *self)
{
  self->cancellable = g_cancellable_new ();
  self->warning_items = g_ptr_array_new ();
  self->warning_rows = g_ptr_array_new ();
  self->level = -1;
  gtk_widget_init_template (GTK_WIDGET (self));
}

LkEvaluateDialog *
lk_evaluate_dialog_new (LkSession  *session,
                        gint64      examination_id,
                        gboolean    amends,
                        GError    **error)
{
  const LkScale *scale = lk_conclusions_scale (lk_session_get_store (session), error);
  LkEvaluateDialog *self;
  gint64 min_reasoning = 0;

  if (scale == NULL ||
      !lk_policy_get_int (lk_session_get_store (session), "min_reasoning_length", &min_reasoning,
                          error))
    return NULL;
  self = g_object_new (LK_TYPE_EVALUATE_DIALOG, NULL);
  self->session = g_object_ref (session);
  self->examination_id = examination_id;
  self->amends = amends;
  self->scale = scale;
  self->min_reasoning = min_reasoning;
  adw_preferences_group_set_title (self->conclusion_group, scale->title);
  fill_summary (self);
  fill_levels (self);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->propositions_view),
                            LK_DEFAULT_PROPOSITIONS, -1);
  g_signal_connect_object (gtk_text_view_get_buffer (self->reasoning_view), "changed",
                           G_CALLBACK (on_text_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_text_view_get_buffer (self->limitations_view), "changed",
                           G_CALLBACK (on_text_changed), self, G_CONNECT_SWAPPED);
  update_counts (self);
  gtk_widget_set_visible (GTK_WIDGET (self->reason_row), amends);
  gtk_window_set_title (GTK_WINDOW (self), amends ? "Amend the Conclusion" : "Evaluate");
  return self;
}
