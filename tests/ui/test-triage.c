/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Triage: masked before the analysis lock, hidden scores and a shuffled order, retain and
 * eliminate on the candidate the user sees selected and focused, the tiles' accessible labels,
 * reveal. */
#include "config.h"

#include <math.h>

#include "lk-texture.h"
#include "lk-test-triage.h"
#include "store/lk-store-private.h"

static char *
item_text (LkCandidateItem *item,
           const char      *property)
{
  char *text = NULL;

  g_object_get (item, property, &text, NULL);
  return text;
}

static gint64
count_rows (Fixture    *f,
            const char *sql)
{
  g_autoptr(LkStmt) stmt = lk_store_stmt (f->store, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_true (lk_stmt_next (stmt, NULL));
  return lk_stmt_int64 (stmt, 0);
}

static void
test_masked_before_lock (Fixture       *f,
                         gconstpointer  data)
{
  show_page (f);
  g_assert_cmpuint (g_list_model_get_n_items (lk_candidates_page_get_model (f->page)), ==, 0);
  g_assert_nonnull (lk_test_find (GTK_WIDGET (f->page), GTK_TYPE_LABEL, "Candidates Are Masked"));
}

static gboolean
thumbnails_loaded (gpointer data)
{
  Fixture *f = data;

  for (guint i = 0; i < 3; i++)
    if (lk_candidate_item_get_thumbnail (item_at (f, i)) == NULL)
      return FALSE;
  return TRUE;
}

static char *
score_label (LkCandidateItem *item)
{
  char *label = NULL;

  g_object_get (item, "score-label", &label, NULL);
  return label;
}

static void
test_hidden_scores_and_triage (Fixture       *f,
                               gconstpointer  data)
{
  GtkWidget *dialog;
  GtkEditable *note;

  lock_and_import (f);
  show_page (f);
  g_assert_cmpuint (g_list_model_get_n_items (lk_candidates_page_get_model (f->page)), ==, 3);
  /* The list's provenance, as recorded at import. */
  g_assert_true (lk_test_wait_shown_containing (GTK_WIDGET (f->page), "TestEngine 2.1 · "
                                                "reference database Custody · 3 candidates · "
                                                "searched ", 5000));
  g_assert_true (lk_test_wait_shown_containing (GTK_WIDGET (f->page), " · imported by erin",
                                                5000));
  for (guint i = 0; i < 3; i++)
    {
      LkCandidate *c = record_at (f, i);
      g_autofree char *label = score_label (item_at (f, i));
      g_autofree char *title = item_text (item_at (f, i), "title");
      g_autofree char *expected = g_strdup_printf ("Candidate %u", i + 1);

      g_assert_false (lk_candidate_get_scores_visible (c));
      g_assert_cmpint (lk_candidate_get_rank (c), ==, 0);
      g_assert_true (isnan (lk_candidate_get_score (c)));
      g_assert_cmpstr (label, ==, "");
      /* The number on the tile is its place in the presented order, never the rank. */
      g_assert_cmpstr (title, ==, expected);
    }
  /* That order is a shuffle recorded when the list was first shown. */
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM list_presentations"), ==, 1);
  g_assert_true (lk_test_wait (thumbnails_loaded, f, 10000));

  lk_candidates_page_select (f->page, 0);
  gtk_widget_activate_action (GTK_WIDGET (f->page), "triage.retain", NULL);
  g_assert_cmpstr (lk_candidate_get_triage_state (record_at (f, 0)), ==,
                   "retained");

  /* Eliminating asks for a reason; the selection moved on to candidate 2. */
  gtk_widget_activate_action (GTK_WIDGET (f->page), "triage.eliminate", NULL);
  dialog = lk_test_find_window (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  note = GTK_EDITABLE (lk_test_find (dialog, ADW_TYPE_PREFERENCES_ROW, "Note"));
  gtk_editable_set_text (note, "ears differ");
  /* no reason is chosen for the examiner: Eliminate waits for one */
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog),
                                                           "eliminate"));
  choose_reason (dialog, "Clear differences in facial features");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog),
                                                          "eliminate"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "eliminate");
  g_assert_cmpstr (lk_candidate_get_triage_state (record_at (f, 1)), ==,
                   "eliminated");
  g_assert_cmpstr (lk_candidate_get_triage_reason (record_at (f, 1)), ==,
                   "Clear differences in facial features: ears differ");
  g_assert_nonnull (lk_test_find (GTK_WIDGET (f->page), GTK_TYPE_LABEL,
                                  "2 of 3 looked at · 1 retained · 1 eliminated"));
}

static LkCandidateItem *
item_of_rank (Fixture *f,
              int      rank)
{
  for (guint i = 0; i < 3; i++)
    if (lk_candidate_get_rank (record_at (f, i)) == rank)
      return item_at (f, i);
  g_assert_not_reached ();
  return NULL;
}

/* The dialog cannot be confirmed without a reason, so nothing is refused after confirming. */
static void
test_reveal_is_deliberate (Fixture       *f,
                           gconstpointer  data)
{
  GtkWidget *dialog;
  AdwMessageDialog *message;
  GtkEditable *reason;
  g_autofree char *label = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  lock_and_import (f);
  show_page (f);
  before = item_text (item_at (f, 0), "subject");
  gtk_widget_activate_action (GTK_WIDGET (f->page), "triage.reveal", NULL);
  dialog = lk_test_find_window (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  message = ADW_MESSAGE_DIALOG (dialog);
  reason = GTK_EDITABLE (lk_test_find (dialog, ADW_TYPE_PREFERENCES_ROW, "Reason"));
  g_assert_false (adw_message_dialog_get_response_enabled (message, "reveal"));
  gtk_editable_set_text (reason, "   ");
  g_assert_false (adw_message_dialog_get_response_enabled (message, "reveal"));
  gtk_editable_set_text (reason, "Supervisor asked to compare engine ranking");
  g_assert_true (adw_message_dialog_get_response_enabled (message, "reveal"));
  gtk_editable_set_text (reason, "");
  g_assert_false (adw_message_dialog_get_response_enabled (message, "reveal"));
  gtk_editable_set_text (reason, "Supervisor asked to compare engine ranking");
  adw_message_dialog_response (message, "reveal");
  /* Nothing else asks or refuses. */
  lk_test_destroy_window (dialog, NULL);
  g_assert_null (lk_test_find_window (ADW_TYPE_MESSAGE_DIALOG));

  /* Ranks join the tiles; the order the examiner worked in stays. */
  label = score_label (item_of_rank (f, 1));
  g_assert_true (lk_candidate_get_scores_visible (record_at (f, 0)));
  g_assert_cmpstr (label, ==, "Rank 1 · score 0.85");
  after = item_text (item_at (f, 0), "subject");
  g_assert_cmpstr (after, ==, before);
}

/* Retain and eliminate update the item from its own copy: the subject and the labels the tile
 * and screen readers show are intact afterwards (run with MALLOC_PERTURB_ or valgrind, a read
 * of freed strings shows here). */
static void
test_triage_keeps_strings (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) subjects = g_ptr_array_new_with_free_func (g_free);
  GtkWidget *dialog;

  lock_and_import (f);
  show_page (f);
  for (guint i = 0; i < 3; i++)
    g_ptr_array_add (subjects,
                     g_strdup (lk_candidate_get_subject_ref (record_at (f, i))));

  lk_candidates_page_select (f->page, 0);
  gtk_widget_activate_action (GTK_WIDGET (f->page), "triage.retain", NULL);
  gtk_widget_activate_action (GTK_WIDGET (f->page), "triage.eliminate", NULL);
  dialog = lk_test_find_window (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  choose_reason (dialog, "Duplicate of another candidate");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "eliminate");
  g_assert_cmpstr (state_of (f, 0), ==, "retained");
  g_assert_cmpstr (state_of (f, 1), ==, "eliminated");

  for (guint i = 0; i < 3; i++)
    {
      LkCandidateItem *item = item_at (f, i);
      LkCandidate *c = lk_candidate_item_get_candidate (item);
      g_autofree char *subject = item_text (item, "subject");
      g_autofree char *accessible = item_text (item, "accessible-label");
      const char *before = g_ptr_array_index (subjects, i);
      g_autofree char *expected = g_strdup_printf ("Candidate %u, %s, %s", i + 1, before,
                                                   i == 0 ? "retained"
                                                   : i == 1 ? "eliminated" : "not reviewed");

      g_assert_cmpstr (lk_candidate_get_subject_ref (c), ==, before);
      g_assert_cmpstr (subject, ==, before);
      g_assert_cmpstr (accessible, ==, expected);
    }
  g_assert_cmpstr (lk_candidate_get_triage_reason (record_at (f, 1)), ==,
                   "Duplicate of another candidate");
  g_assert_null (lk_candidate_get_triage_reason (record_at (f, 0)));
}

/* What the tester did: Tab into the grid, Right to the second tile, R. The selection follows
 * the focus, the second candidate is the one retained, and selection and focus then move on
 * to the next candidate not looked at. */
static void
test_keyboard_acts_on_focused (Fixture       *f,
                               gconstpointer  data)
{
  Place next = { f, 2 };
  GtkWidget *dialog;
  static const char * const answers[] = { "Cancel", "Eliminate" };
  g_autofree char *heading = NULL;

  lock_and_import (f);
  show_page (f);
  g_assert_true (lk_test_wait (tiles_made, f, 10000));
  g_assert_cmpuint (selected_position (f), ==, 0);

  g_assert_true (gtk_widget_grab_focus (tile_at (f, 0)));
  /* What GtkWindow does with the Right arrow key. */
  g_assert_true (gtk_widget_child_focus (f->window, GTK_DIR_RIGHT));
  g_assert_true (gtk_widget_has_focus (tile_at (f, 1)));
  g_assert_cmpuint (selected_position (f), ==, 1);

  gtk_widget_activate_action (GTK_WIDGET (f->page), "triage.retain", NULL);
  g_assert_cmpstr (state_of (f, 0), ==, "not-reviewed");
  g_assert_cmpstr (state_of (f, 1), ==, "retained");
  g_assert_cmpuint (selected_position (f), ==, 2);
  g_assert_true (lk_test_wait (tile_focused, &next, 5000));

  /* E names the candidate that is focused and selected, and eliminates that one. */
  gtk_widget_activate_action (GTK_WIDGET (f->page), "triage.eliminate", NULL);
  dialog = lk_test_find_window (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_object_get (dialog, "heading", &heading, NULL);
  g_assert_cmpstr (heading, ==, "Eliminate Candidate 3?");
  /* Its buttons are read by their text alone ("Eliminate", not "_Eliminate Eliminate"). */
  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    {
      GtkWidget *button = lk_test_find (dialog, GTK_TYPE_BUTTON, answers[i]);

      g_assert_nonnull (button);
      g_assert_false (gtk_test_accessible_has_property (GTK_ACCESSIBLE (button),
                                                        GTK_ACCESSIBLE_PROPERTY_LABEL));
    }
  choose_reason (dialog, "Clear difference in apparent age");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "eliminate");
  g_assert_cmpstr (state_of (f, 2), ==, "eliminated");
  g_assert_cmpstr (state_of (f, 0), ==, "not-reviewed");
  /* Round to the start, the only one left. */
  g_assert_cmpuint (selected_position (f), ==, 0);
}

/* The grid's own selection action, as a click or Ctrl+arrow and Space use it. */
static void
test_grid_selection_acts (Fixture       *f,
                          gconstpointer  data)
{
  Place chosen = { f, 2 };

  lock_and_import (f);
  show_page (f);
  g_assert_true (lk_test_wait (tiles_made, f, 10000));
  g_assert_true (gtk_widget_grab_focus (tile_at (f, 0)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (grid_of (f)), "list.select-item",
                                             "(ubb)", 2, FALSE, FALSE));
  g_assert_cmpuint (selected_position (f), ==, 2);
  /* The focus goes where the selection went. */
  g_assert_true (lk_test_wait (tile_focused, &chosen, 5000));
  gtk_widget_activate_action (GTK_WIDGET (f->page), "triage.retain", NULL);
  g_assert_cmpstr (state_of (f, 2), ==, "retained");
  g_assert_cmpstr (state_of (f, 0), ==, "not-reviewed");
  g_assert_cmpstr (state_of (f, 1), ==, "not-reviewed");
}

static void
assert_accessible_label (GtkWidget  *widget,
                         const char *expected)
{
  g_autofree char *value = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                                               GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                               expected);

  if (value != NULL)
    g_error ("the accessible label is \"%s\", not \"%s\"", value, expected);
}

/* Each tile, and its picture, is announced as "Candidate N, subject, state", never with a rank
 * or score while they are hidden, and follows the triage. */
static void
test_accessible_labels (Fixture       *f,
                        gconstpointer  data)
{
  lock_and_import (f);
  show_page (f);
  g_assert_true (lk_test_wait (tiles_made, f, 10000));
  for (guint i = 0; i < 3; i++)
    {
      GtkWidget *tile = tile_at (f, i);
      GtkWidget *picture = lk_test_find_type (tile, GTK_TYPE_PICTURE);
      g_autofree char *expected =
        g_strdup_printf ("Candidate %u, %s, not reviewed", i + 1,
                         lk_candidate_get_subject_ref (record_at (f, i)));

      assert_accessible_label (tile, expected);
      assert_accessible_label (picture, expected);
    }

  lk_candidates_page_select (f->page, 1);
  gtk_widget_activate_action (GTK_WIDGET (f->page), "triage.retain", NULL);
  {
    g_autofree char *expected =
      g_strdup_printf ("Candidate 2, %s, retained",
                       lk_candidate_get_subject_ref (record_at (f, 1)));

    assert_accessible_label (tile_at (f, 1), expected);
  }
}

typedef struct
{
  GdkTexture *texture;
  GError     *error;
  gboolean    done;
} Thumbnail;

static void
on_thumbnail (GObject      *object,
              GAsyncResult *result,
              gpointer      data)
{
  Thumbnail *t = data;

  t->texture = lk_texture_load_candidate_finish (result, &t->error);
  t->done = TRUE;
}

static gboolean
thumbnail_done (gpointer data)
{
  return ((Thumbnail *) data)->done;
}

/* Loads candidate @id's thumbnail for @session; returns the texture or NULL with @error. */
static GdkTexture *
thumbnail_for (LkSession  *session,
               gint64      id,
               GError    **error)
{
  Thumbnail t = { NULL, };

  lk_texture_load_candidate_async (session, id, 64, NULL, on_thumbnail, &t);
  g_assert_true (lk_test_wait (thumbnail_done, &t, 10000));
  if (t.error != NULL)
    g_propagate_error (error, t.error);
  return t.texture;
}

static gint64
count_views (Fixture *f)
{
  g_autoptr(LkStmt) stmt = lk_store_stmt (f->store, "SELECT count(*) FROM audit_event WHERE "
                                          "action = 'candidate.image-viewed'", NULL);

  g_assert_true (lk_stmt_next (stmt, NULL));
  return lk_stmt_int64 (stmt, 0);
}

/* Thumbnails are read through the core once per session: a session without the right gets the
 * core's refusal, not another session's picture, and a new session's reading is recorded. */
static void
test_thumbnails_per_session (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkSession) trainee = NULL;
  g_autoptr(LkSession) again = NULL;
  g_autoptr(GdkTexture) first = NULL;
  g_autoptr(GdkTexture) cached = NULL;
  g_autoptr(GdkTexture) refused = NULL;
  g_autoptr(GdkTexture) fresh = NULL;
  gint64 id, views;

  lock_and_import (f);
  show_page (f);
  g_assert_true (lk_test_wait (thumbnails_loaded, f, 10000));
  id = lk_candidate_get_id (record_at (f, 0));

  first = thumbnail_for (f->examiner, id, &error);
  g_assert_no_error (error);
  views = count_views (f);
  cached = thumbnail_for (f->examiner, id, &error);
  g_assert_no_error (error);
  g_assert_true (cached == first);
  g_assert_cmpint (count_views (f), ==, views);

  lk_users_add (f->admin, "tom", "Tom Trainee", LK_ROLE_TRAINEE, "thistle canyon 88", &error);
  g_assert_no_error (error);
  trainee = lk_session_login (f->store, "tom", "thistle canyon 88", &error);
  g_assert_no_error (error);
  refused = thumbnail_for (trainee, id, &error);
  g_assert_null (refused);
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);

  again = lk_session_login (f->store, "erin", EXAMINER_PASSWORD, &error);
  g_assert_no_error (error);
  fresh = thumbnail_for (again, id, &error);
  g_assert_no_error (error);
  g_assert_true (fresh != first);
  g_assert_cmpint (count_views (f), ==, views + 1);
}

#define ADD(path, func) \
  g_test_add ("/likeness/triage/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int    argc,
      char **argv)
{
  /* GTK's in-process accessibility backend, so that the tiles' labels can be read back. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  lk_test_ui_init (&argc, &argv);
  ADD ("masked-before-lock", test_masked_before_lock);
  ADD ("hidden-scores-and-triage", test_hidden_scores_and_triage);
  ADD ("reveal-is-deliberate", test_reveal_is_deliberate);
  ADD ("triage-keeps-strings", test_triage_keeps_strings);
  ADD ("keyboard-acts-on-focused", test_keyboard_acts_on_focused);
  ADD ("grid-selection-acts", test_grid_selection_acts);
  ADD ("accessible-labels", test_accessible_labels);
  ADD ("thumbnails-per-session", test_thumbnails_per_session);
  return g_test_run ();
}
