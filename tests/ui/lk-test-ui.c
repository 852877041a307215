/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "lk-application.h"
#include "lk-test-ui.h"
#include "people/lk-users.h"
#include "store/lk-store.h"
#include "store/lk-store-private.h"

void
lk_test_ui_init (int    *argc,
                 char ***argv)
{
  gtk_test_init (argc, argv, NULL);
  adw_init ();
  lk_ui_init ();
}

gboolean
lk_test_wait (LkTestCondition condition,
              gpointer        data,
              guint           timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!condition (data) && g_get_monotonic_time () < deadline)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  return condition (data);
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

void
lk_test_spin (guint milliseconds)
{
  lk_test_wait (never, NULL, milliseconds);
}

typedef struct
{
  GtkWidget  *root;
  const char *text;
} Shown;

static gboolean
label_shown (gpointer data)
{
  Shown *shown = data;
  GtkWidget *label = lk_test_find (shown->root, GTK_TYPE_LABEL, shown->text);

  return label != NULL && gtk_widget_get_visible (label);
}

gboolean
lk_test_wait_shown (GtkWidget  *root,
                    const char *text,
                    guint       timeout_ms)
{
  Shown shown = { root, text };

  return lk_test_wait (label_shown, &shown, timeout_ms);
}

static GtkWidget *
find_shown_containing (GtkWidget  *root,
                       const char *part)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_visible (root) &&
      strstr (gtk_label_get_text (GTK_LABEL (root)), part) != NULL)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_shown_containing (child, part);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
part_shown (gpointer data)
{
  Shown *shown = data;

  return find_shown_containing (shown->root, shown->text) != NULL;
}

gboolean
lk_test_wait_shown_containing (GtkWidget  *root,
                               const char *part,
                               guint       timeout_ms)
{
  Shown shown = { root, part };

  return lk_test_wait (part_shown, &shown, timeout_ms);
}

static gboolean
no_window (gpointer data)
{
  return lk_test_find_window (GPOINTER_TO_SIZE (data)) == NULL;
}

gboolean
lk_test_wait_closed (GType type,
                     guint timeout_ms)
{
  return lk_test_wait (no_window, GSIZE_TO_POINTER (type), timeout_ms);
}

static gboolean
all_finalized (gpointer data)
{
  GPtrArray *slots = data;

  for (guint i = 0; i < slots->len; i++)
    if (*(gpointer *) g_ptr_array_index (slots, i) != NULL)
      return FALSE;
  return TRUE;
}

/* Watches @object with a weak pointer kept in @slots. */
static void
watch (GPtrArray *slots,
       gpointer   object)
{
  gpointer *slot = g_new (gpointer, 1);

  *slot = object;
  g_object_add_weak_pointer (G_OBJECT (object), slot);
  g_ptr_array_add (slots, slot);
}

static void
wait_finalized (GPtrArray  *slots,
                const char *after)
{
  if (lk_test_wait (all_finalized, slots, 10000))
    return;
  for (guint i = 0; i < slots->len; i++)
    {
      GObject *alive = *(gpointer *) g_ptr_array_index (slots, i);

      if (alive != NULL)
        g_error ("%s %p is still alive 10 s after %s (reference count %u)",
                 G_OBJECT_TYPE_NAME (alive), alive, after, alive->ref_count);
    }
}

void
lk_test_destroy_window (gpointer window,
                        ...)
{
  g_autoptr(GPtrArray) slots = g_ptr_array_new_with_free_func (g_free);
  va_list args;

  va_start (args, window);
  for (gpointer object = window; object != NULL; object = va_arg (args, gpointer))
    watch (slots, object);
  va_end (args);
  gtk_window_destroy (GTK_WINDOW (window));
  wait_finalized (slots, "its window was destroyed");
}

void
lk_test_unref_finalized (gpointer object)
{
  g_autoptr(GPtrArray) slots = g_ptr_array_new_with_free_func (g_free);

  watch (slots, object);
  g_object_unref (object);
  wait_finalized (slots, "its last expected reference was dropped");
}

static char *
strip_mnemonic (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; p != NULL && *p != '\0'; p++)
    if (*p != '_')
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

static gboolean
matches (GtkWidget  *widget,
         const char *text)
{
  g_autofree char *plain = NULL;

  if (ADW_IS_PREFERENCES_ROW (widget))
    return g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), text) == 0;
  if (GTK_IS_BUTTON (widget))
    {
      plain = strip_mnemonic (gtk_button_get_label (GTK_BUTTON (widget)));
      return g_strcmp0 (plain, text) == 0;
    }
  if (ADW_IS_BUTTON_CONTENT (widget))
    {
      plain = strip_mnemonic (adw_button_content_get_label (ADW_BUTTON_CONTENT (widget)));
      return g_strcmp0 (plain, text) == 0;
    }
  if (GTK_IS_LABEL (widget))
    return g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
  if (GTK_IS_IMAGE (widget))
    return g_strcmp0 (gtk_image_get_icon_name (GTK_IMAGE (widget)), text) == 0;
  return FALSE;
}

GtkWidget *
lk_test_find (GtkWidget  *root,
              GType       type,
              const char *text)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) && matches (root, text))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = lk_test_find (child, type, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
lk_test_find_type (GtkWidget *root,
                   GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = lk_test_find_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

void
lk_test_assert_accessible (GtkWidget             *widget,
                           GtkAccessibleProperty  property,
                           const char            *expected)
{
  g_autofree char *value = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget), property,
                                                               expected);

  if (value != NULL)
    g_error ("%s's accessible %s is \"%s\", not \"%s\"", G_OBJECT_TYPE_NAME (widget),
             property == GTK_ACCESSIBLE_PROPERTY_LABEL ? "label" : "property", value, expected);
}

GtkWidget *
lk_test_find_window (GType type)
{
  g_autoptr(GListModel) toplevels = g_object_ref (gtk_window_get_toplevels ());

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return GTK_WIDGET (window);
    }
  return NULL;
}

void
lk_test_set_text (GtkWidget  *root,
                  const char *row_title,
                  const char *text)
{
  GtkWidget *row = lk_test_find (root, ADW_TYPE_PREFERENCES_ROW, row_title);

  g_assert_nonnull (row);
  g_assert_true (GTK_IS_EDITABLE (row));
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

void
lk_test_click (GtkWidget  *root,
               const char *button_label)
{
  GtkWidget *button = lk_test_find (root, GTK_TYPE_BUTTON, button_label);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

LkStore *
lk_test_store_new (char       **folder,
                   const char  *admin_password)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(LkStore) store = NULL;

  *folder = g_dir_make_tmp ("likeness-ui-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (*folder, "test.db", NULL);
  store = lk_store_open (path, LK_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  if (admin_password != NULL)
    {
      lk_users_create_administrator (store, "admin", "Ada Admin", admin_password, &error);
      g_assert_no_error (error);
    }
  return g_steal_pointer (&store);
}

void
lk_test_remove_folder (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_unlink (path);
    }
  g_rmdir (folder);
}

gboolean
lk_test_in_view (GtkWidget *widget,
                 GtkWidget *window)
{
  if (!gtk_widget_get_mapped (widget) || gtk_widget_get_height (widget) <= 0)
    return FALSE;
  for (GtkWidget *area = gtk_widget_get_parent (widget); area != NULL;
       area = gtk_widget_get_parent (area))
    {
      graphene_rect_t bounds;

      if (area != window && !GTK_IS_SCROLLED_WINDOW (area))
        continue;
      if (!gtk_widget_compute_bounds (widget, area, &bounds) ||
          bounds.origin.x < 0 || bounds.origin.y < 0 ||
          bounds.origin.x + bounds.size.width > gtk_widget_get_width (area) ||
          bounds.origin.y + bounds.size.height > gtk_widget_get_height (area))
        return FALSE;
    }
  return TRUE;
}

gint64
lk_test_sql_int64 (LkStore    *store,
                   const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkStmt) stmt = lk_store_stmt (store, sql, &error);

  g_assert_no_error (error);
  g_assert_true (lk_stmt_next (stmt, &error));
  return lk_stmt_int64 (stmt, 0);
}

void
lk_test_shoot (GtkWidget  *window,
               const char *name)
{
  const char *folder = g_getenv ("LIKENESS_TEST_SHOTS");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  int w, h;

  if (folder == NULL || *folder == '\0')
    return;
  gtk_widget_queue_draw (window);
  lk_test_spin (1000);
  paintable = gtk_widget_paintable_new (window);
  w = gtk_widget_get_width (window);
  h = gtk_widget_get_height (window);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return;
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, w, h));
  path = g_build_filename (folder, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}
