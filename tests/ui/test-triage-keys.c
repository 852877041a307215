/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Keyboard triage with real key events: Tab into the grid, the arrows move the selection with
 * the focus, which is drawn on the selected tile; R retains, E eliminates and Enter examines
 * the candidate selected, and the core records each decision. */
#include "config.h"

#include <string.h>

#include "lk-test-keys.h"
#include "lk-test-triage.h"
#include "store/lk-store-private.h"

/* The candidate whose tile has the focus, or -1. */
static int
focused_position (Fixture *f)
{
  guint n = g_list_model_get_n_items (lk_candidates_page_get_model (f->page));

  for (guint i = 0; i < n; i++)
    {
      GtkWidget *tile = tile_at (f, i);

      if (tile != NULL && gtk_widget_has_focus (tile))
        return (int) i;
    }
  return -1;
}

static gboolean
some_tile_focused (gpointer data)
{
  return focused_position (data) >= 0;
}

typedef struct
{
  GtkWidget     *window;
  GskRenderNode *node;
  guint          painted;
} Drawing;

static void
on_after_paint (GdkFrameClock *clock,
                Drawing       *d)
{
  d->painted++;
}

/* The window's drawing once it is laid out (after a change of state, not before a frame). */
static gboolean
drawn (gpointer data)
{
  Drawing *d = data;
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;

  /* The new state's style is applied in a frame: one painted since the change. */
  if (d->painted == 0)
    return FALSE;
  paintable = gtk_widget_paintable_new (d->window);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (d->window),
                          gtk_widget_get_height (d->window));
  d->node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  return d->node != NULL;
}

/* What the window draws where @widget is (and just around it), as the window's renderer renders it, in RGBA. */
static GBytes *
render (Fixture   *f,
        GtkWidget *widget)
{
  Drawing d = { f->window, NULL, 0 };
  GdkFrameClock *clock = gtk_widget_get_frame_clock (f->window);
  gulong handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &d);
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (f->window));
  graphene_rect_t bounds;
  int w, h;
  guchar *data;

  gtk_widget_queue_draw (f->window);
  g_assert_true (lk_test_wait (drawn, &d, 5000));
  g_signal_handler_disconnect (clock, handler);
  g_assert_true (gtk_widget_compute_bounds (widget, f->window, &bounds));
  /* with the focus ring around it */
  graphene_rect_inset (&bounds, -4, -4);
  w = (int) bounds.size.width;
  h = (int) bounds.size.height;
  g_assert_cmpint (w, >, 0);
  texture = gsk_renderer_render_texture (renderer, d.node, &bounds);
  gsk_render_node_unref (d.node);
  data = g_malloc ((gsize) w * h * 4);
  gdk_texture_download (texture, data, (gsize) w * 4);
  return g_bytes_new_take (data, (gsize) w * h * 4);
}

/* The drawing once it settles: two frames in a row alike, the second after the focus ring's
 * animation (200 ms in Adwaita) has had time to run, which may start only a frame or two after
 * the change on a busy machine. */
static GBytes *
render_settled (Fixture   *f,
                GtkWidget *widget)
{
  gint64 settled_after = g_get_monotonic_time () + 400 * G_TIME_SPAN_MILLISECOND;
  g_autoptr(GBytes) before = render (f, widget);

  for (guint i = 0; i < 200; i++)
    {
      g_autoptr(GBytes) now = render (f, widget);

      if (g_bytes_equal (now, before) && g_get_monotonic_time () > settled_after)
        return g_steal_pointer (&now);
      g_bytes_unref (before);
      before = g_steal_pointer (&now);
    }
  g_assert_not_reached ();
  return NULL;
}

/* The focus is visible on @tile: the window shows focus (a key moved it), the tile is in the
 * focus-visible state, and it is drawn differently than it is when the focus is not shown. */
static void
assert_focus_drawn (Fixture   *f,
                    GtkWidget *tile)
{
  g_autoptr(GBytes) shown = NULL;
  g_autoptr(GBytes) hidden = NULL;

  g_assert_true (gtk_window_get_focus_visible (GTK_WINDOW (f->window)));
  g_assert_true (gtk_widget_get_state_flags (tile) & GTK_STATE_FLAG_FOCUS_VISIBLE);
  shown = render_settled (f, tile);
  gtk_window_set_focus_visible (GTK_WINDOW (f->window), FALSE);
  g_assert_false (gtk_widget_get_state_flags (tile) & GTK_STATE_FLAG_FOCUS_VISIBLE);
  hidden = render_settled (f, tile);
  gtk_window_set_focus_visible (GTK_WINDOW (f->window), TRUE);
  g_assert_false (g_bytes_equal (shown, hidden));
}

/* Presses @keyval and checks that selection and focus are both on @position afterwards. */
static void
press_to (Fixture *f,
          guint    keyval,
          guint    position)
{
  Place place = { f, position };

  lk_test_press_key (f->window, keyval, 0);
  g_assert_true (lk_test_wait (tile_focused, &place, 5000));
  g_assert_cmpuint (selected_position (f), ==, position);
}

/* The decision as the core reads it now, in a list read afresh. */
static char *
recorded_state (Fixture *f,
                guint    position)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = lk_candidates_for_probe (f->examiner, f->probe_id, &error);
  gint64 id = lk_candidate_get_id (record_at (f, position));

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(LkCandidate) c = g_list_model_get_item (list, i);

      if (lk_candidate_get_id (c) == id)
        return g_strdup (lk_candidate_get_triage_state (c));
    }
  g_assert_not_reached ();
  return NULL;
}

static gint64
count_triaged (Fixture *f)
{
  return lk_test_sql_int64 (f->store, "SELECT count(*) FROM audit_event WHERE "
                            "action = 'candidate.triaged'");
}

static void
on_examine (LkCandidatesPage *page,
            gint64            candidate_id,
            gint64           *out)
{
  *out = candidate_id;
}

static gboolean
tab_into_grid (Fixture *f)
{
  for (guint i = 0; i < 40 && focused_position (f) < 0; i++)
    lk_test_press_key (f->window, GDK_KEY_Tab, 0);
  return lk_test_wait (some_tile_focused, f, 2000);
}

static void
test_keys (Fixture       *f,
           gconstpointer  data)
{
  const char *why = NULL;
  g_autofree char *retained = NULL;
  g_autofree char *eliminated = NULL;
  g_autofree char *heading = NULL;
  gint64 examined = 0;
  GtkWidget *dialog;
  int start;

  lock_and_import (f);
  show_page (f);
  if (!lk_test_keys_available (f->window, &why))
    {
      g_test_skip (why);
      return;
    }
  g_assert_true (lk_test_wait (tiles_made, f, 10000));
  g_signal_connect (f->page, "examine", G_CALLBACK (on_examine), &examined);

  /* Tab reaches the grid; the focused tile is the selected one. */
  g_assert_true (tab_into_grid (f));
  start = focused_position (f);
  g_assert_cmpint (start, ==, (int) selected_position (f));
  if (start != 0)
    press_to (f, GDK_KEY_Home, 0);
  press_to (f, GDK_KEY_Right, 1);
  assert_focus_drawn (f, tile_at (f, 1));
  press_to (f, GDK_KEY_Left, 0);
  press_to (f, GDK_KEY_Right, 1);

  /* R retains the candidate selected (not the first), and the core records it. */
  lk_test_press_key (f->window, GDK_KEY_r, 0);
  retained = recorded_state (f, 1);
  g_assert_cmpstr (retained, ==, "retained");
  g_assert_cmpstr (state_of (f, 1), ==, "retained");
  g_assert_cmpstr (state_of (f, 0), ==, "not-reviewed");
  g_assert_cmpint (count_triaged (f), ==, 1);
  /* Selection and focus move on to the next candidate not looked at, focus still drawn. */
  {
    Place next = { f, 2 };

    g_assert_true (lk_test_wait (tile_focused, &next, 5000));
    g_assert_cmpuint (selected_position (f), ==, 2);
    assert_focus_drawn (f, tile_at (f, 2));
  }

  /* E asks about the candidate selected, and eliminates it. */
  lk_test_press_key (f->window, GDK_KEY_e, 0);
  dialog = lk_test_find_window (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_object_get (dialog, "heading", &heading, NULL);
  g_assert_cmpstr (heading, ==, "Eliminate Candidate 3?");
  choose_reason (dialog, "Clear difference in apparent age");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "eliminate");
  lk_test_destroy_window (dialog, NULL);
  eliminated = recorded_state (f, 2);
  g_assert_cmpstr (eliminated, ==, "eliminated");
  g_assert_cmpint (count_triaged (f), ==, 2);

  /* Enter on an unretained candidate examines nothing; on the retained one it opens it. */
  gtk_widget_grab_focus (tile_at (f, selected_position (f)));
  press_to (f, GDK_KEY_Home, 0);
  lk_test_press_key (f->window, GDK_KEY_Return, 0);
  g_assert_cmpint (examined, ==, 0);
  press_to (f, GDK_KEY_Right, 1);
  lk_test_press_key (f->window, GDK_KEY_Return, 0);
  g_assert_cmpint (examined, ==, lk_candidate_get_id (record_at (f, 1)));
  g_assert_cmpint (count_triaged (f), ==, 2);
}

int
main (int    argc,
      char **argv)
{
  lk_test_ui_init (&argc, &argv);
  g_test_add ("/likeness/triage-keys/keys", Fixture, NULL, fixture_set_up, test_keys,
              fixture_tear_down);
  return g_test_run ();
}
