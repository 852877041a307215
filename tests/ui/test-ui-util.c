/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The small helpers every page uses: times read in UTC, a message label shown and hidden, a
 * toast in the nearest overlay, an error attached to the widget's window; and the widget tests'
 * own check that what they made is freed. */
#include "config.h"

#include "lk-test-ui.h"
#include "lk-ui-util.h"

static void
assert_utc (const char *stored,
            const char *shown)
{
  g_autofree char *text = lk_format_utc (stored);

  g_assert_cmpstr (text, ==, shown);
}

/* A stored time in any zone is shown as the same moment in UTC; what is not a time is shown as
 * written, and a missing one says so. */
static void
test_format_utc (void)
{
  assert_utc ("2026-01-15T14:32:00Z", "2026-01-15 14:32 UTC");
  assert_utc ("2026-01-15T14:32:59.999Z", "2026-01-15 14:32 UTC");
  assert_utc ("2026-01-15T16:32:00+02:00", "2026-01-15 14:32 UTC");
  assert_utc ("2026-01-15T23:30:00-05:00", "2026-01-16 04:30 UTC");
  /* Without a zone a stored time is UTC. */
  assert_utc ("2026-01-15T14:32:00", "2026-01-15 14:32 UTC");
  assert_utc ("2026-01-15", "2026-01-15");
  assert_utc ("last Tuesday", "last Tuesday");
  assert_utc ("", "");
  assert_utc (NULL, "Not recorded");
}

static void
test_label_set_message (void)
{
  GtkWidget *label = g_object_ref_sink (gtk_label_new (NULL));

  gtk_widget_set_visible (label, FALSE);
  lk_label_set_message (GTK_LABEL (label), "The two passwords differ.");
  g_assert_true (gtk_widget_get_visible (label));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, "The two passwords differ.");

  lk_label_set_message (GTK_LABEL (label), NULL);
  g_assert_false (gtk_widget_get_visible (label));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, "");

  /* An empty message is still a message: shown, though it says nothing. */
  lk_label_set_message (GTK_LABEL (label), "");
  g_assert_true (gtk_widget_get_visible (label));
  g_assert_finalize_object (label);
}

/* A toast from a widget deep inside an overlay shows its text there; a widget with no overlay
 * above it shows nothing and does not fail. */
static void
test_toast (void)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *overlay = adw_toast_overlay_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *button = gtk_button_new_with_label ("Save");
  GtkWidget *alone = adw_window_new ();
  GtkWidget *other = gtk_button_new_with_label ("Other");

  gtk_box_append (GTK_BOX (box), button);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), box);
  adw_window_set_content (ADW_WINDOW (window), overlay);
  gtk_window_present (GTK_WINDOW (window));
  adw_window_set_content (ADW_WINDOW (alone), other);
  gtk_window_present (GTK_WINDOW (alone));

  g_assert_null (lk_test_find (window, GTK_TYPE_LABEL, "Draft saved"));
  lk_toast (button, "Draft saved");
  g_assert_true (lk_test_wait_shown (window, "Draft saved", 5000));

  lk_toast (other, "Nowhere to go");
  g_assert_null (lk_test_find (alone, GTK_TYPE_LABEL, "Nowhere to go"));
  g_assert_null (lk_test_find (window, GTK_TYPE_LABEL, "Nowhere to go"));

  lk_test_destroy_window (alone, other, NULL);
  lk_test_destroy_window (window, button, NULL);
}

/* User text in a toast, a status page or an error dialog is shown as written: "<b>" and "&" in
 * a case number or a name are not read as markup (a toast's title and a status page's
 * description are markup; a dialog's body is not). */
static void
test_user_text_not_markup (void)
{
  static const char text[] = "Case “2026-1 <b>Smith & Jones</b>” was not found";
  GtkWidget *window = adw_window_new ();
  GtkWidget *overlay = adw_toast_overlay_new ();
  GtkWidget *button = gtk_button_new_with_label ("Open");
  g_autoptr(AdwToast) toast = lk_toast_new ("a < b & c");
  GtkWidget *status;
  GtkWidget *dialog;

  g_assert_cmpstr (adw_toast_get_title (toast), ==, "a &lt; b &amp; c");
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), button);
  adw_window_set_content (ADW_WINDOW (window), overlay);
  gtk_window_present (GTK_WINDOW (window));
  lk_toast (button, text);
  g_assert_true (lk_test_wait_shown (window, text, 5000));

  status = adw_status_page_new ();
  g_object_ref_sink (status);
  lk_status_page_set_text (ADW_STATUS_PAGE (status), text);
  g_assert_nonnull (lk_test_find (status, GTK_TYPE_LABEL, text));
  g_clear_object (&status);

  lk_show_error (button, "Cannot Open the Case", text);
  dialog = lk_test_find_window (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_false (adw_message_dialog_get_body_use_markup (ADW_MESSAGE_DIALOG (dialog)));
  g_assert_false (adw_message_dialog_get_heading_use_markup (ADW_MESSAGE_DIALOG (dialog)));
  g_assert_nonnull (lk_test_find (dialog, GTK_TYPE_LABEL, text));
  lk_test_click (dialog, "Close");
  g_assert_true (lk_test_wait_closed (ADW_TYPE_MESSAGE_DIALOG, 5000));
  lk_test_destroy_window (window, button, NULL);
}

/* The error is a dialog over the widget's own window, with the heading and body given. */
static void
test_show_error (void)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *button = gtk_button_new_with_label ("Import");
  GtkWidget *dialog;

  adw_window_set_content (ADW_WINDOW (window), button);
  gtk_window_present (GTK_WINDOW (window));
  lk_show_error (button, "Import Failed", "The file cannot be read.");
  dialog = lk_test_find_window (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Import Failed");
  g_assert_cmpstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "The file cannot be read.");
  lk_test_click (dialog, "Close");
  g_assert_true (lk_test_wait_closed (ADW_TYPE_MESSAGE_DIALOG, 5000));
  lk_test_destroy_window (window, button, NULL);
}

/* The check every widget test ends with is not vacuous: a widget kept alive past its window is
 * caught and named. */
static void
test_leak_named (void)
{
  if (g_test_subprocess ())
    {
      GtkWidget *window = gtk_window_new ();
      GtkWidget *label = gtk_label_new ("Kept");

      gtk_window_set_child (GTK_WINDOW (window), label);
      g_object_ref (label); /* the leak */
      lk_test_destroy_window (window, label, NULL);
      return;
    }
  g_test_trap_subprocess (NULL, 30000000, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*GtkLabel * is still alive 10 s after its window was destroyed "
                             "(reference count 1)*");
}

int
main (int    argc,
      char **argv)
{
  lk_test_ui_init (&argc, &argv);
  g_test_add_func ("/likeness/ui-util/format-utc", test_format_utc);
  g_test_add_func ("/likeness/ui-util/label-set-message", test_label_set_message);
  g_test_add_func ("/likeness/ui-util/toast", test_toast);
  g_test_add_func ("/likeness/ui-util/show-error", test_show_error);
  g_test_add_func ("/likeness/ui-util/user-text-not-markup", test_user_text_not_markup);
  g_test_add_func ("/likeness/ui-util/leak-named", test_leak_named);
  return g_test_run ();
}
