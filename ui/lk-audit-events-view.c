/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Administration > Audit Events: the audit trail browsed through a list model that reads the
 * events a page at a time (a million events never become a million objects), selected and
 * read in worker threads, with the selected event's details and chain hashes below. A new
 * filter cancels the read of the one before; the rows, the scroll position and the selected
 * event stay while pages are read, and a new filter that still holds the selected event
 * selects it again. */
#include "config.h"

#include "lk-audit-events-view.h"
#include "lk-ui-util.h"

struct _LkAuditEventsView
{
  AdwBin                parent_instance;

  LkSession            *session;
  GCancellable         *cancellable;  /* exports; cancelled when the view goes */
  GCancellable         *reading;      /* the selection being read; NULL when none */
  LkAuditEventList     *events;
  GtkSingleSelection   *selection;
  LkAuditEntry         *detailed;     /* the entry whose details are shown */
  GtkFileChooserNative *chooser;
  LkAuditFilter         shown;      /* the filter of @events */
  LkAuditFormat         format;     /* of the export being chosen */

  GtkEntry             *case_entry;
  GtkEntry             *user_entry;
  GtkEntry             *action_entry;
  GtkEntry             *object_entry;
  GtkEntry             *from_entry;
  GtkEntry             *to_entry;
  GtkLabel             *count_label;
  GtkSpinner           *spinner;
  GtkColumnView        *column_view;
  GtkLabel             *details_label;
};

G_DEFINE_FINAL_TYPE (LkAuditEventsView, lk_audit_events_view, ADW_TYPE_BIN)

static char *
entry_text (GtkEntry *entry)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

static void
read_filter (LkAuditEventsView *self,
             LkAuditFilter     *filter)
{
  filter->case_number = entry_text (self->case_entry);
  filter->user = entry_text (self->user_entry);
  filter->action = entry_text (self->action_entry);
  filter->object = entry_text (self->object_entry);
  filter->from = entry_text (self->from_entry);
  filter->to = entry_text (self->to_entry);
}

static void show_details (LkAuditEventsView *self,
                          LkAuditEntry      *entry);

static void
on_detailed_loaded (LkAuditEventsView *self)
{
  show_details (self, self->detailed);
}

static void
watch_detailed (LkAuditEventsView *self,
                LkAuditEntry      *entry)
{
  if (self->detailed == entry)
    return;
  if (self->detailed != NULL)
    g_signal_handlers_disconnect_by_data (self->detailed, self);
  g_set_object (&self->detailed, entry);
  if (entry != NULL)
    g_signal_connect_swapped (entry, "notify::loaded", G_CALLBACK (on_detailed_loaded), self);
}

static void
show_details (LkAuditEventsView *self,
              LkAuditEntry      *entry)
{
  g_autofree char *details = NULL;
  g_autofree char *text = NULL;

  watch_detailed (self, entry);
  if (entry == NULL)
    {
      gtk_label_set_text (self->details_label,
                          "Select an event to see its details and its place in the chain.");
      return;
    }
  if (!lk_audit_entry_get_loaded (entry))
    {
      text = g_strdup_printf ("Reading event %" G_GINT64_FORMAT "…",
                              lk_audit_entry_get_seq (entry));
      gtk_label_set_text (self->details_label, text);
      return;
    }
  details = lk_audit_entry_dup_details_text (entry);
  text = g_strdup_printf ("Event %" G_GINT64_FORMAT " at %s by %s (%s)\n%s on %s\n\n%s\n\n"
                          "Previous event's hash: %s\nThis event's hash: %s",
                          lk_audit_entry_get_seq (entry), lk_audit_entry_get_at (entry),
                          lk_audit_entry_get_user (entry), lk_audit_entry_get_role (entry),
                          lk_audit_entry_get_action (entry),
                          *lk_audit_entry_get_object (entry) ? lk_audit_entry_get_object (entry)
                                                             : "(no object)",
                          *details ? details : "No details.",
                          lk_audit_entry_get_prev_hash (entry), lk_audit_entry_get_hash (entry));
  gtk_label_set_text (self->details_label, text);
}

static void
on_selected (LkAuditEventsView *self)
{
  show_details (self, gtk_single_selection_get_selected_item (self->selection));
}

/* The spinner turns while a selection or a page of it is being read. */
static void
update_loading (LkAuditEventsView *self)
{
  gtk_spinner_set_spinning (self->spinner,
                            self->reading != NULL ||
                            (self->events != NULL && lk_audit_event_list_get_loading (self->events)));
}

static void
set_events (LkAuditEventsView *self,
            LkAuditEventList  *events)
{
  if (self->events != NULL)
    g_signal_handlers_disconnect_by_data (self->events, self);
  g_set_object (&self->events, events);
  g_signal_connect_swapped (events, "notify::loading", G_CALLBACK (update_loading), self);
}

/* The list view inside the column view, whose list.scroll-to-item GTK 4.8 offers (the column
 * view's own scroll_to is 4.12). */
static GtkWidget *
inner_list_view (LkAuditEventsView *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      return child;
  return NULL;
}

/* The event that was selected, in the new selection if it is one of its events. */
static void
keep_place (LkAuditEventsView *self,
            gint64             seq)
{
  guint position = seq > 0 ? lk_audit_event_list_find (self->events, seq) : G_MAXUINT;
  GtkWidget *list_view = inner_list_view (self);

  if (position == G_MAXUINT)
    {
      show_details (self, NULL);
      return;
    }
  gtk_single_selection_set_selected (self->selection, position);
  if (list_view != NULL)
    gtk_widget_activate_action (list_view, "list.scroll-to-item", "u", position);
}

static void
show_events (LkAuditEventsView *self,
             LkAuditEventList  *events)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (events));
  g_autofree char *described = lk_audit_filter_describe (&self->shown);
  g_autofree char *count = g_strdup_printf ("%u %s: %s", n, n == 1 ? "event" : "events",
                                            described);
  gint64 selected = self->detailed != NULL ? lk_audit_entry_get_seq (self->detailed) : 0;

  set_events (self, events);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  g_clear_object (&self->selection);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (events)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_swapped (self->selection, "notify::selected", G_CALLBACK (on_selected), self);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  gtk_label_set_text (self->count_label, count);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "events.export", TRUE);
  keep_place (self, selected);
  update_loading (self);
}

static void
on_listed (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(LkAuditEventsView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkAuditEventList) events = lk_audit_event_list_new_finish (result, &error);

  /* cancelled by a newer filter, which now owns the loading state, or by the view's end */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->reading);
  if (events == NULL)
    {
      g_autofree char *described = lk_audit_filter_describe (&self->shown);
      g_autofree char *text = g_strdup_printf ("Cannot read the events: %s", described);

      gtk_label_set_text (self->count_label, text);
      update_loading (self);
      lk_toast (GTK_WIDGET (self), error->message);
      return;
    }
  show_events (self, events);
}

static void
say_reading (LkAuditEventsView   *self,
             const LkAuditFilter *filter)
{
  g_autofree char *described = lk_audit_filter_describe (filter);
  g_autofree char *text = g_strdup_printf ("Reading the events: %s…", described);

  gtk_label_set_text (self->count_label, text);
  update_loading (self);
}

static void
apply_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  LkAuditEventsView *self = LK_AUDIT_EVENTS_VIEW (widget);
  g_auto(LkAuditFilter) filter = { 0 };
  g_autoptr(GError) error = NULL;

  if (self->session == NULL)
    return;
  read_filter (self, &filter);
  /* A mistyped day is the user's to correct before anything is read. */
  if (!lk_audit_filter_check (&filter, &error))
    {
      lk_toast (widget, error->message);
      return;
    }
  lk_audit_filter_clear (&self->shown);
  lk_audit_filter_copy (&self->shown, &filter);
  /* The old read, if any, is stopped; the old rows stay until the new ones are there. */
  g_cancellable_cancel (self->reading);
  g_clear_object (&self->reading);
  self->reading = g_cancellable_new ();
  say_reading (self, &filter);
  lk_audit_event_list_new_async (self->session, &filter, self->reading, on_listed,
                                 g_object_ref (self));
}

static void
on_filter_activate (LkAuditEventsView *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "events.apply", NULL);
}

static void
on_exported (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(LkAuditEventsView) self = user_data;
  g_autoptr(GError) error = NULL;

  if (lk_audit_log_export_filtered_finish (result, &error))
    lk_toast (GTK_WIDGET (self), "Filtered events exported");
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    lk_show_error (GTK_WIDGET (self), "Cannot Export the Events", error->message);
}

static void
on_chooser_response (LkAuditEventsView *self,
                     int                response)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (self->chooser));

  if (response != GTK_RESPONSE_ACCEPT || file == NULL)
    return;
  lk_audit_log_export_filtered_async (self->session, &self->shown, self->format, file,
                                      self->cancellable, on_exported, g_object_ref (self));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LkAuditEventsView *self = LK_AUDIT_EVENTS_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  gboolean csv = g_str_equal (g_variant_get_string (parameter, NULL), "csv");

  self->format = csv ? LK_AUDIT_FORMAT_CSV : LK_AUDIT_FORMAT_JSONL;
  if (self->chooser != NULL)
    g_signal_handlers_disconnect_by_data (self->chooser, self);
  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new ("Export Filtered Events",
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE, "_Export", "_Cancel");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser),
                                     csv ? "likeness-events.csv" : "likeness-events.jsonl");
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

void
lk_audit_events_view_set_session (LkAuditEventsView *self,
                                  LkSession         *session)
{
  g_return_if_fail (LK_IS_AUDIT_EVENTS_VIEW (self));
  g_set_object (&self->session, session);
}

void
lk_audit_events_view_show_case (LkAuditEventsView *self,
                                const char        *number)
{
  GtkEntry *others[] = { self->user_entry, self->action_entry, self->object_entry,
                         self->from_entry, self->to_entry };

  g_return_if_fail (LK_IS_AUDIT_EVENTS_VIEW (self));
  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    gtk_editable_set_text (GTK_EDITABLE (others[i]), "");
  gtk_editable_set_text (GTK_EDITABLE (self->case_entry), number);
  gtk_widget_activate_action (GTK_WIDGET (self), "events.apply", NULL);
}

LkAuditEventList *
lk_audit_events_view_get_events (LkAuditEventsView *self)
{
  g_return_val_if_fail (LK_IS_AUDIT_EVENTS_VIEW (self), NULL);
  return self->events;
}

void
lk_audit_events_view_select (LkAuditEventsView *self,
                             guint              position)
{
  g_return_if_fail (LK_IS_AUDIT_EVENTS_VIEW (self) && self->selection != NULL);
  gtk_single_selection_set_selected (self->selection, position);
}

const char *
lk_audit_events_view_get_details (LkAuditEventsView *self)
{
  g_return_val_if_fail (LK_IS_AUDIT_EVENTS_VIEW (self), NULL);
  return gtk_label_get_text (self->details_label);
}

static void
lk_audit_events_view_dispose (GObject *object)
{
  LkAuditEventsView *self = LK_AUDIT_EVENTS_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->reading);
  g_clear_object (&self->reading);
  watch_detailed (self, NULL);
  if (self->events != NULL)
    g_signal_handlers_disconnect_by_data (self->events, self);
  if (self->chooser != NULL)
    g_signal_handlers_disconnect_by_data (self->chooser, self);
  g_clear_object (&self->chooser);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), LK_TYPE_AUDIT_EVENTS_VIEW);
  g_clear_object (&self->selection);
  g_clear_object (&self->events);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (lk_audit_events_view_parent_class)->dispose (object);
}

static void
lk_audit_events_view_finalize (GObject *object)
{
  LkAuditEventsView *self = LK_AUDIT_EVENTS_VIEW (object);

  g_clear_object (&self->cancellable);
  lk_audit_filter_clear (&self->shown);
  G_OBJECT_CLASS (lk_audit_events_view_parent_class)->finalize (object);
}

static void
lk_audit_events_view_class_init (LkAuditEventsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_audit_events_view_dispose;
  object_class->finalize = lk_audit_events_view_finalize;

  g_type_ensure (LK_TYPE_AUDIT_ENTRY);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               LK_RESOURCE_PATH "/lk-audit-events-view.ui");
  gtk_widget_class_bind_template_child (widget_class, LkAuditEventsView, case_entry);
  gtk_widget_class_bind_template_child (widget_class, LkAuditEventsView, user_entry);
  gtk_widget_class_bind_template_child (widget_class, LkAuditEventsView, action_entry);
  gtk_widget_class_bind_template_child (widget_class, LkAuditEventsView, object_entry);
  gtk_widget_class_bind_template_child (widget_class, LkAuditEventsView, from_entry);
  gtk_widget_class_bind_template_child (widget_class, LkAuditEventsView, to_entry);
  gtk_widget_class_bind_template_child (widget_class, LkAuditEventsView, count_label);
  gtk_widget_class_bind_template_child (widget_class, LkAuditEventsView, spinner);
  gtk_widget_class_bind_template_child (widget_class, LkAuditEventsView, column_view);
  gtk_widget_class_bind_template_child (widget_class, LkAuditEventsView, details_label);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_activate);
  gtk_widget_class_install_action (widget_class, "events.apply", NULL, apply_action);
  gtk_widget_class_install_action (widget_class, "events.export", "s", export_action);
}

static void
lk_audit_events_view_init (LkAuditEventsView *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "events.export", FALSE);
}
