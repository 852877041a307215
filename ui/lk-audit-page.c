/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Administration > Audit Trail: verify the hash chain (against an anchor written down earlier,
 * when given), show the newest event's anchor, export the log. */
#include "config.h"

#include <string.h>

#include "lk-audit-page.h"
#include "lk-ui-util.h"

struct _LkAuditPage
{
  AdwBin                parent_instance;

  LkSession            *session;
  GCancellable         *cancellable;
  GtkFileChooserNative *chooser;

  AdwActionRow         *result_row;
  GtkImage             *result_icon;
  GtkSpinner           *spinner;
  AdwActionRow         *head_row;
  AdwEntryRow          *anchor_row;
  char                 *head;       /* SEQ:HASH of the newest event, once read */
};

G_DEFINE_FINAL_TYPE (LkAuditPage, lk_audit_page, ADW_TYPE_BIN)

static void
show_head (LkAuditPage *self,
           const char  *head)
{
  g_free (self->head);
  self->head = g_strdup (head);
  /* SEQ:HASH, as it is written down and typed back. */
  adw_action_row_set_subtitle (self->head_row, head ? head : "Not read yet");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "audit.copy-anchor", head != NULL);
}

static void
show_verdict (LkAuditPage   *self,
              const LkAuditLogVerdict *verdict)
{
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *when = g_date_time_format (now, "%X");

  if (verdict->mismatches->len > 0)
    {
      /* The events chain, but what a signature covers was edited afterwards. */
      title = g_strdup_printf (verdict->mismatches->len == 1
                               ? "%u signed record changed after signing"
                               : "%u signed records changed after signing",
                               verdict->mismatches->len);
      subtitle = g_strdup_printf ("%c%s. %s changed outside Likeness; report this to your "
                                  "quality manager.", g_ascii_toupper (verdict->reason[0]),
                                  verdict->reason + 1,
                                  verdict->mismatches->len == 1 ? "It was" : "They were");
    }
  else if (verdict->broken_seq == 0 && verdict->anchor_seq > 0)
    {
      title = g_strdup_printf ("Chain intact: %" G_GINT64_FORMAT " events, anchor %"
                               G_GINT64_FORMAT " holds", verdict->n_events, verdict->anchor_seq);
      subtitle = g_strdup_printf ("Every event matches its hash, and the anchor written down "
                                  "earlier is still in the chain (checked at %s).", when);
    }
  else if (verdict->broken_seq == 0)
    {
      title = g_strdup_printf ("Chain intact: %" G_GINT64_FORMAT " events", verdict->n_events);
      subtitle = g_strdup_printf ("Every event matches its hash (checked at %s).", when);
    }
  else if (verdict->broken_seq == verdict->anchor_seq)
    {
      title = g_strdup_printf ("Anchor %" G_GINT64_FORMAT " does not hold", verdict->anchor_seq);
      subtitle = g_strdup_printf ("The chain itself is intact, but %s. Check the anchor against "
                                  "where it was written down; if it is right, report this to "
                                  "your quality manager.", verdict->reason);
    }
  else
    {
      title = g_strdup_printf ("Chain broken at event %" G_GINT64_FORMAT, verdict->broken_seq);
      subtitle = g_strdup_printf ("%s. The log has been altered outside Likeness; report this "
                                  "to your quality manager.", verdict->reason);
    }
  /* The check is itself an event, so the newest anchor moves on past the events checked. */
  if (verdict->head != NULL)
    {
      g_autofree char *seq = g_strndup (verdict->head, strcspn (verdict->head, ":"));
      char *longer = g_strdup_printf ("%s This check is recorded as event %s.", subtitle, seq);

      g_free (subtitle);
      subtitle = longer;
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->result_row), title);
  adw_action_row_set_subtitle (self->result_row, subtitle);
  gtk_image_set_from_icon_name (self->result_icon, verdict->broken_seq == 0
                                                   ? "security-high-symbolic"
                                                   : "dialog-warning-symbolic");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->result_icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  verdict->broken_seq == 0 ? "Intact"
                                  : verdict->mismatches->len > 0 ? "Changed" : "Broken", -1);
}

static void
on_verified (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(LkAuditPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkAuditLogVerdict) verdict = lk_audit_log_check_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  gtk_spinner_set_spinning (self->spinner, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "audit.verify", TRUE);
  if (verdict == NULL)
    {
      lk_show_error (GTK_WIDGET (self), "Cannot Verify the Audit Trail", error->message);
      return;
    }
  show_verdict (self, verdict);
  show_head (self, verdict->head);
}

static void
verify_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LkAuditPage *self = LK_AUDIT_PAGE (widget);

  g_autofree char *anchor = g_strstrip (g_strdup (gtk_editable_get_text (
                                           GTK_EDITABLE (self->anchor_row))));
  g_autofree char *hash = NULL;
  g_autoptr(GError) error = NULL;
  gint64 seq = 0;

  /* A mistyped anchor is the user's to correct, here, before anything is checked. */
  if (*anchor != '\0' && !lk_audit_log_anchor_parse (anchor, &seq, &hash, &error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->anchor_row), "error");
      lk_toast (widget, error->message);
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->anchor_row), "error");
  gtk_spinner_set_spinning (self->spinner, TRUE);
  gtk_widget_action_set_enabled (widget, "audit.verify", FALSE);
  lk_audit_log_check_async (self->session, anchor, NULL, self->cancellable, on_verified,
                            g_object_ref (self));
}

static void
on_head (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(LkAuditPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *head = lk_audit_log_anchor_finish (result, &error);
  g_autofree char *text = NULL;

  if (head != NULL)
    show_head (self, head);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      text = g_strdup_printf ("The newest event could not be read: %s", error->message);
      adw_action_row_set_subtitle (self->head_row, text);
    }
}

static void
copy_anchor_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  LkAuditPage *self = LK_AUDIT_PAGE (widget);

  if (self->head == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), self->head);
  lk_toast (widget, "Anchor copied; keep it outside Likeness");
}

static void
on_exported (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(LkAuditPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (lk_audit_log_export_file_finish (result, &error))
    lk_toast (GTK_WIDGET (self), "Audit trail exported");
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    lk_show_error (GTK_WIDGET (self), "Cannot Export the Audit Trail", error->message);
}

static void
on_chooser_response (LkAuditPage *self,
                     int          response)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (self->chooser));

  if (response != GTK_RESPONSE_ACCEPT || file == NULL)
    return;
  lk_audit_log_export_file_async (self->session, LK_AUDIT_FORMAT_JSONL, file, self->cancellable,
                                  on_exported, g_object_ref (self));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LkAuditPage *self = LK_AUDIT_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new ("Export Audit Trail",
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE, "_Export", "_Cancel");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), "likeness-audit.jsonl");
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

void
lk_audit_page_set_session (LkAuditPage *self,
                           LkSession   *session)
{
  g_return_if_fail (LK_IS_AUDIT_PAGE (self));
  g_set_object (&self->session, session);
  show_head (self, NULL);
  if (session != NULL && lk_session_has_role (session, LK_ROLE_ADMINISTRATOR | LK_ROLE_REVIEWER))
    lk_audit_log_anchor_async (session, self->cancellable, on_head, g_object_ref (self));
}

const char *
lk_audit_page_get_head (LkAuditPage *self)
{
  g_return_val_if_fail (LK_IS_AUDIT_PAGE (self), NULL);
  return self->head;
}

static void
lk_audit_page_dispose (GObject *object)
{
  LkAuditPage *self = LK_AUDIT_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    g_signal_handlers_disconnect_by_data (self->chooser, self);
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), LK_TYPE_AUDIT_PAGE);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (lk_audit_page_parent_class)->dispose (object);
}

static void
lk_audit_page_finalize (GObject *object)
{
  g_clear_object (&LK_AUDIT_PAGE (object)->cancellable);
  g_free (LK_AUDIT_PAGE (object)->head);
  G_OBJECT_CLASS (lk_audit_page_parent_class)->finalize (object);
}

static void
lk_audit_page_class_init (LkAuditPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_audit_page_dispose;
  object_class->finalize = lk_audit_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               LK_RESOURCE_PATH "/lk-audit-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LkAuditPage, result_row);
  gtk_widget_class_bind_template_child (widget_class, LkAuditPage, result_icon);
  gtk_widget_class_bind_template_child (widget_class, LkAuditPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, LkAuditPage, head_row);
  gtk_widget_class_bind_template_child (widget_class, LkAuditPage, anchor_row);
  gtk_widget_class_install_action (widget_class, "audit.copy-anchor", NULL, copy_anchor_action);
  gtk_widget_class_install_action (widget_class, "audit.verify", NULL, verify_action);
  gtk_widget_class_install_action (widget_class, "audit.export", NULL, export_action);
}

static void
lk_audit_page_init (LkAuditPage *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}
