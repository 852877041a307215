/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The annotation tools of a compare view, shared by the examination workspace and the training
 * item view: placing, selecting, moving, linking, labelling and removing annotations through
 * the core's calls of the owner's store. */
#include "config.h"

#include "lk-annotator.h"
#include "lk-ui-util.h"

struct _LkAnnotator
{
  GObject                  parent_instance;

  const LkAnnotationStore *store;
  LkCompareView           *compare;
  LkSession               *session;
  gint64                   owner;
  GListModel              *annotations;  /* LkAnnotation */
  LkFeaturePanel          *features;     /* weak */
  char                    *tool;
  gboolean                 frozen;
  gboolean                 have_first;
  int                      first_image;
  LkPoint                  first_point;
  GSimpleActionGroup      *actions;
};

enum { CHANGED, CHARACTERISTIC_CHOSEN, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (LkAnnotator, lk_annotator, G_TYPE_OBJECT)

const LkAnnotationStore lk_annotation_store_examination = {
  lk_examinations_add_annotation, lk_examinations_update_annotation,
  lk_examinations_delete_annotation, { "probe", "candidate" },
};

const LkAnnotationStore lk_annotation_store_training = {
  lk_training_item_add_annotation, lk_training_item_update_annotation,
  lk_training_item_delete_annotation, { "a", "b" },
};

const char *
lk_annotator_tool_title (const char *tool)
{
  static const char * const titles[][2] = {
    { "marker", "Paired Marker" }, { "rectangle", "Rectangle" }, { "ellipse", "Ellipse" },
    { "arrow", "Arrow" }, { "text", "Text" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    if (g_strcmp0 (tool, titles[i][0]) == 0)
      return titles[i][1];
  return "Annotate";
}

/* The two markers of a pair, one on each image, are one observation. */
char *
lk_annotator_describe (GListModel *annotations)
{
  g_autoptr(GHashTable) pairs = g_hash_table_new (NULL, NULL);
  guint others = 0, n_pairs;
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; annotations != NULL && i < g_list_model_get_n_items (annotations); i++)
    {
      g_autoptr(LkAnnotation) a = g_list_model_get_item (annotations, i);

      if (g_strcmp0 (lk_annotation_get_kind (a), "marker") == 0)
        g_hash_table_add (pairs, GINT_TO_POINTER (lk_annotation_get_pair (a)));
      else
        others++;
    }
  n_pairs = g_hash_table_size (pairs);
  if (n_pairs == 0 && others == 0)
    return g_strdup ("no annotations");
  if (n_pairs > 0)
    g_string_append_printf (text, n_pairs == 1 ? "%u marker pair" : "%u marker pairs", n_pairs);
  if (n_pairs > 0 && others > 0)
    g_string_append (text, " · ");
  if (others > 0)
    g_string_append_printf (text, others == 1 ? "%u %sannotation" : "%u %sannotations", others,
                            n_pairs > 0 ? "other " : "");
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
problem (LkAnnotator *self,
         const char  *text)
{
  lk_toast (GTK_WIDGET (self->compare), text);
}

static void
changed (LkAnnotator *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

/* ---- what can work now ---------------------------------------------------------------------- */

static void
enable (LkAnnotator *self,
        const char  *name,
        gboolean     enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), name);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

static void
update_actions (LkAnnotator *self)
{
  guint n = 0;
  gboolean any = self->annotations != NULL && g_list_model_get_n_items (self->annotations) > 0;

  lk_compare_view_get_selected (self->compare, &n);
  enable (self, "tool", !self->frozen);
  enable (self, "undo", any && !self->frozen);
  enable (self, "delete", n > 0 && !self->frozen);
  enable (self, "link", n > 0 && !self->frozen);
  enable (self, "label", n > 0 && !self->frozen);
  /* With no tool chosen, a drag on an annotation moves it, until the work is frozen. */
  lk_compare_view_set_annotations_movable (self->compare,
                                           g_strcmp0 (self->tool, "none") == 0 && !self->frozen);
}

/* ---- placing --------------------------------------------------------------------------------- */

static JsonArray *
points_json (const LkPoint *p,
             guint          n)
{
  JsonArray *geometry = json_array_new ();

  for (guint i = 0; i < n; i++)
    {
      JsonArray *point = json_array_new ();

      json_array_add_double_element (point, p[i].x);
      json_array_add_double_element (point, p[i].y);
      json_array_add_array_element (geometry, point);
    }
  return geometry;
}

/* A marker on the second image completes the newest pair that has only its first-image marker
 * (and the other way round). */
static int
open_pair (LkAnnotator *self,
           int          image)
{
  guint n = self->annotations != NULL ? g_list_model_get_n_items (self->annotations) : 0;
  g_autoptr(GHashTable) sides = g_hash_table_new (g_direct_hash, g_direct_equal);
  int best = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LkAnnotation) a = g_list_model_get_item (self->annotations, i);
      int pair = lk_annotation_get_pair (a);
      gboolean first = g_strcmp0 (lk_annotation_get_image (a), self->store->images[0]) == 0;

      if (g_strcmp0 (lk_annotation_get_kind (a), "marker") != 0)
        continue;
      g_hash_table_insert (sides, GINT_TO_POINTER (pair),
                           GINT_TO_POINTER (GPOINTER_TO_INT (g_hash_table_lookup (
                             sides, GINT_TO_POINTER (pair))) | (first ? 1 : 2)));
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LkAnnotation) a = g_list_model_get_item (self->annotations, i);
      int pair = lk_annotation_get_pair (a);
      int have = GPOINTER_TO_INT (g_hash_table_lookup (sides, GINT_TO_POINTER (pair)));

      if (pair > 0 && have == (image == 0 ? 2 : 1))
        best = MAX (best, pair);
    }
  return best;
}

static void
add_annotation (LkAnnotator *self,
                int          image,
                JsonArray   *geometry,
                const char  *label)
{
  g_autoptr(GError) error = NULL;
  /* A new annotation links to the characteristic open in the feature panel. */
  const char *characteristic = self->features != NULL
    ? lk_feature_panel_get_current (self->features) : NULL;
  LkAnnotationSpec spec = { self->store->images[image], self->tool, 0, geometry, label,
                            characteristic };

  if (g_str_equal (self->tool, "marker"))
    spec.pair = open_pair (self, image);
  if (self->store->add (self->session, self->owner, &spec, &error) == 0)
    problem (self, error->message);
  changed (self);
  if (characteristic != NULL && error == NULL)
    lk_feature_panel_show (self->features, characteristic);
}

static void
on_text_response (AdwMessageDialog *dialog,
                  const char       *response,
                  LkAnnotator      *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  g_autoptr(JsonArray) geometry = points_json (&self->first_point, 1);

  if (g_str_equal (response, "add"))
    add_annotation (self, self->first_image, geometry, gtk_editable_get_text (entry));
}

/* A dialog with one entry row, for a text note or a label. */
static AdwMessageDialog *
entry_dialog (LkAnnotator *self,
              const char  *heading,
              const char  *body,
              const char  *title,
              const char  *text)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self->compare));
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *entry = adw_entry_row_new ();
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
    GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), title);
  if (text != NULL)
    gtk_editable_set_text (GTK_EDITABLE (entry), text);
  gtk_list_box_append (GTK_LIST_BOX (list), entry);
  gtk_widget_add_css_class (list, "boxed-list");
  adw_message_dialog_set_extra_child (dialog, list);
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "entry", entry);
  return dialog;
}

static void
ask_text (LkAnnotator *self)
{
  AdwMessageDialog *dialog = entry_dialog (self, "Add a Text Note", NULL, "Text", NULL);

  adw_message_dialog_add_responses (dialog, "cancel", "_Cancel", "add", "_Add", NULL);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_text_response), self, 0);
  lk_present_dialog (GTK_WINDOW (dialog));
}

static gboolean select_annotation_at (LkAnnotator *self, double x, double y);

/* A tool's click: the point where it was, on the image under it. */
static gboolean
place (LkAnnotator *self,
       int          image,
       LkPoint      point)
{
  g_autoptr(JsonArray) geometry = NULL;
  LkPoint pair[2];

  if (g_str_equal (self->tool, "text"))
    {
      self->first_image = image;
      self->first_point = point;
      ask_text (self);
      return TRUE;
    }
  if (g_str_equal (self->tool, "marker"))
    {
      geometry = points_json (&point, 1);
      add_annotation (self, image, geometry, NULL);
      return TRUE;
    }
  if (!self->have_first || self->first_image != image)
    {
      self->first_image = image;
      self->first_point = point;
      self->have_first = TRUE;
      return TRUE;
    }
  self->have_first = FALSE;
  pair[0] = self->first_point;
  pair[1] = point;
  geometry = points_json (pair, 2);
  add_annotation (self, image, geometry, NULL);
  return TRUE;
}

static void
on_pressed (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            LkAnnotator     *self)
{
  gboolean no_tool = self->tool == NULL || g_str_equal (self->tool, "none");
  const char *picked;
  double ix, iy;

  if (self->session == NULL ||
      (no_tool && !select_annotation_at (self, x, y)) ||
      (!no_tool && (self->frozen ||
                    (picked = lk_compare_view_pick (self->compare, x, y, &ix, &iy)) == NULL)))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  if (!no_tool)
    place (self, g_str_equal (picked, "candidate") ? 1 : 0, (LkPoint) { ix, iy });
}

/* ---- selecting -------------------------------------------------------------------------------- */

LkAnnotation *
lk_annotator_find (LkAnnotator *self,
                   gint64       id)
{
  g_return_val_if_fail (LK_IS_ANNOTATOR (self), NULL);
  return self->annotations != NULL ? lk_annotation_list_find (self->annotations, id) : NULL;
}

/* Highlights the annotations for which @wanted says so. */
static guint
select_annotations (LkAnnotator   *self,
                    gboolean     (*wanted) (LkAnnotation *a, gconstpointer data),
                    gconstpointer  data)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; self->annotations && i < g_list_model_get_n_items (self->annotations); i++)
    {
      g_autoptr(LkAnnotation) a = g_list_model_get_item (self->annotations, i);
      gint64 id = lk_annotation_get_id (a);

      if (wanted (a, data))
        g_array_append_val (ids, id);
    }
  lk_compare_view_set_selected (self->compare, (const gint64 *) (gpointer) ids->data, ids->len);
  return ids->len;
}

static gboolean
links_to (LkAnnotation  *a,
          gconstpointer  characteristic)
{
  return g_strcmp0 (lk_annotation_get_characteristic (a), characteristic) == 0;
}

/* The annotation itself, and the other marker of its pair. */
static gboolean
same_or_partner (LkAnnotation  *a,
                 gconstpointer  data)
{
  return lk_annotation_is_partner (a, (LkAnnotation *) data);
}

void
lk_annotator_show_linked (LkAnnotator *self,
                          const char  *characteristic)
{
  guint n;
  g_autofree char *text = NULL;

  g_return_if_fail (LK_IS_ANNOTATOR (self));

  n = select_annotations (self, links_to, characteristic);
  text = g_strdup_printf (n == 1 ? "%u annotation highlighted" : "%u annotations highlighted",
                          n);
  g_object_set (self->compare, "show-annotations", TRUE, NULL);
  lk_toast (GTK_WIDGET (self->compare), text);
}

/* From an annotation on the images to its characteristic: a click with no tool selects it (and
 * its pair) and asks for the characteristic it is linked to. */
static gboolean
select_annotation_at (LkAnnotator *self,
                      double       x,
                      double       y)
{
  gint64 id = lk_compare_view_annotation_at (self->compare, x, y);
  LkAnnotation *a = id != 0 ? lk_annotator_find (self, id) : NULL;
  const char *characteristic;

  if (a == NULL)
    {
      lk_compare_view_set_selected (self->compare, NULL, 0);
      return FALSE;
    }
  select_annotations (self, same_or_partner, a);
  characteristic = lk_annotation_get_characteristic (a);
  if (characteristic != NULL)
    g_signal_emit (self, signals[CHARACTERISTIC_CHOSEN], 0, characteristic);
  else
    lk_toast (GTK_WIDGET (self->compare),
              "Annotation selected; it is not linked to a characteristic");
  return TRUE;
}

/* ---- changing the selected ones ------------------------------------------------------------- */

/* An annotation's new place: every point moved by the drag's offset. */
static void
on_annotation_moved (LkAnnotator *self,
                     gint64       id,
                     double       dx,
                     double       dy)
{
  LkAnnotation *old = lk_annotator_find (self, id);
  g_autoptr(JsonArray) geometry = json_array_new ();
  g_autoptr(GError) error = NULL;
  LkPoint p;

  for (guint i = 0; old != NULL && lk_annotation_get_point (old, i, &p); i++)
    {
      JsonArray *moved = json_array_new ();

      json_array_add_double_element (moved, p.x + dx);
      json_array_add_double_element (moved, p.y + dy);
      json_array_add_array_element (geometry, moved);
    }
  if (old == NULL || !self->store->update (self->session, id, geometry, NULL, NULL, &error))
    problem (self, error ? error->message : "The annotation could not be moved");
  changed (self);
}

/* A copy of the selection: it is cleared when the annotations are read again. */
static GArray *
selected (LkAnnotator *self)
{
  guint n = 0;
  const gint64 *ids = lk_compare_view_get_selected (self->compare, &n);
  GArray *chosen = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_array_append_vals (chosen, ids, n);
  return chosen;
}

static void
reselect (LkAnnotator *self,
          GArray      *chosen)
{
  lk_compare_view_set_selected (self->compare, (const gint64 *) (gpointer) chosen->data,
                                chosen->len);
}

void
lk_annotator_link_selected (LkAnnotator *self)
{
  const char *characteristic = self->features != NULL
    ? lk_feature_panel_get_current (self->features) : NULL;
  g_autoptr(GArray) chosen = selected (self);
  g_autoptr(GError) error = NULL;

  if (chosen->len == 0 || characteristic == NULL)
    {
      problem (self, "Select an annotation (click it with no tool) and open a characteristic "
                     "in the feature comparison first");
      return;
    }
  for (guint i = 0; i < chosen->len && error == NULL; i++)
    self->store->update (self->session, g_array_index (chosen, gint64, i), NULL, NULL,
                         characteristic, &error);
  if (error != NULL)
    problem (self, error->message);
  changed (self);
  reselect (self, chosen);
  lk_feature_panel_show (self->features, characteristic);
}

static void
on_label_response (AdwMessageDialog *dialog,
                   const char       *response,
                   LkAnnotator      *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  GArray *chosen = g_object_get_data (G_OBJECT (dialog), "ids");
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "label"))
    return;
  for (guint i = 0; i < chosen->len && error == NULL; i++)
    self->store->update (self->session, g_array_index (chosen, gint64, i), NULL,
                         gtk_editable_get_text (entry), NULL, &error);
  if (error != NULL)
    problem (self, error->message);
  changed (self);
  reselect (self, chosen);
}

/* A new label for the selected annotations (a pair of markers shares it); empty removes it. */
void
lk_annotator_label_selected (LkAnnotator *self)
{
  GArray *chosen = selected (self);
  LkAnnotation *first;
  AdwMessageDialog *dialog;

  if (chosen->len == 0)
    {
      g_array_unref (chosen);
      problem (self, "Select an annotation first (click it with no tool)");
      return;
    }
  first = lk_annotator_find (self, g_array_index (chosen, gint64, 0));
  dialog = entry_dialog (self, "Label the Annotation", "The label is drawn next to it and kept "
                         "with the work; an empty label removes it.", "Label",
                         first != NULL ? lk_annotation_get_label (first) : NULL);
  adw_message_dialog_add_responses (dialog, "cancel", "_Cancel", "label", "_Save", NULL);
  adw_message_dialog_set_response_appearance (dialog, "label", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "label");
  g_object_set_data_full (G_OBJECT (dialog), "ids", chosen, (GDestroyNotify) g_array_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_label_response), self, 0);
  lk_present_dialog (GTK_WINDOW (dialog));
}

/* ---- removing --------------------------------------------------------------------------------- */

/* The newest annotation, read afresh (the owner reads them again on "changed"): it may have been
 * added elsewhere. A soft delete: it stays on record with its time. */
void
lk_annotator_remove_newest (LkAnnotator *self)
{
  g_autoptr(GError) error = NULL;
  gint64 newest = 0;

  changed (self);
  for (guint i = 0; self->annotations && i < g_list_model_get_n_items (self->annotations); i++)
    {
      g_autoptr(LkAnnotation) a = g_list_model_get_item (self->annotations, i);

      newest = MAX (newest, lk_annotation_get_id (a));
    }
  if (newest == 0)
    {
      problem (self, "There is no annotation to remove");
      return;
    }
  if (!self->store->remove (self->session, newest, &error))
    problem (self, error->message);
  else
    lk_toast (GTK_WIDGET (self->compare), "The newest annotation was removed (kept on record)");
  changed (self);
}

/* One soft delete each: every one stays on record with its time and is audited, so that what
 * was charted and then withdrawn can still be accounted for. */
void
lk_annotator_remove_selected (LkAnnotator *self)
{
  g_autoptr(GArray) chosen = selected (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint removed = 0;

  if (chosen->len == 0)
    {
      problem (self, "Select an annotation first (click it with no tool)");
      return;
    }
  while (removed < chosen->len &&
         self->store->remove (self->session, g_array_index (chosen, gint64, removed), &error))
    removed++;
  changed (self);
  lk_compare_view_set_selected (self->compare, NULL, 0);
  if (error != NULL)
    {
      problem (self, error->message);
      return;
    }
  text = g_strdup_printf (removed == 1 ? "%u annotation removed (kept on record)"
                                       : "%u annotations removed (kept on record)", removed);
  lk_toast (GTK_WIDGET (self->compare), text);
}

/* ---- settings --------------------------------------------------------------------------------- */

void
lk_annotator_set_owner (LkAnnotator *self,
                        LkSession   *session,
                        gint64       owner)
{
  g_return_if_fail (LK_IS_ANNOTATOR (self));

  g_set_object (&self->session, session);
  self->owner = owner;
  self->have_first = FALSE;
}

void
lk_annotator_set_annotations (LkAnnotator *self,
                              GListModel  *annotations)
{
  g_return_if_fail (LK_IS_ANNOTATOR (self));

  g_set_object (&self->annotations, annotations);
  lk_compare_view_set_annotations (self->compare, annotations);
  if (self->features != NULL)
    lk_feature_panel_set_annotations (self->features, annotations);
  update_actions (self);
}

GListModel *
lk_annotator_get_annotations (LkAnnotator *self)
{
  g_return_val_if_fail (LK_IS_ANNOTATOR (self), NULL);
  return self->annotations;
}

void
lk_annotator_set_feature_panel (LkAnnotator    *self,
                                LkFeaturePanel *panel)
{
  g_return_if_fail (LK_IS_ANNOTATOR (self));

  g_set_weak_pointer (&self->features, panel);
  if (panel == NULL)
    return;
  g_signal_connect_object (panel, "show-annotations", G_CALLBACK (lk_annotator_show_linked),
                           self, G_CONNECT_SWAPPED);
  lk_feature_panel_set_annotations (panel, self->annotations);
}

void
lk_annotator_set_tool (LkAnnotator *self,
                       const char  *tool)
{
  g_return_if_fail (LK_IS_ANNOTATOR (self));

  g_free (self->tool);
  self->tool = g_strdup (tool != NULL ? tool : "none");
  self->have_first = FALSE;
  if (!g_str_equal (self->tool, "none"))
    lk_compare_view_set_mode (self->compare, "side-by-side");
  g_action_group_change_action_state (G_ACTION_GROUP (self->actions), "tool",
                                      g_variant_new_string (self->tool));
  update_actions (self);
}

const char *
lk_annotator_get_tool (LkAnnotator *self)
{
  g_return_val_if_fail (LK_IS_ANNOTATOR (self), NULL);
  return self->tool;
}

void
lk_annotator_set_frozen (LkAnnotator *self,
                         gboolean     frozen)
{
  g_return_if_fail (LK_IS_ANNOTATOR (self));

  self->frozen = frozen;
  if (frozen && !g_str_equal (self->tool, "none"))
    lk_annotator_set_tool (self, "none");
  update_actions (self);
}

GActionGroup *
lk_annotator_get_actions (LkAnnotator *self)
{
  g_return_val_if_fail (LK_IS_ANNOTATOR (self), NULL);
  return G_ACTION_GROUP (self->actions);
}

/* ---- actions ---------------------------------------------------------------------------------- */

static void
tool_state (GSimpleAction *action,
            GVariant      *state,
            gpointer       user_data)
{
  LkAnnotator *self = user_data;
  const char *tool = g_variant_get_string (state, NULL);

  /* A tool chosen from a menu is set first, and comes back here to change the state, so that
   * whoever watches the state reads the tool already set. */
  if (g_strcmp0 (self->tool, tool) != 0)
    lk_annotator_set_tool (self, tool);
  else
    g_simple_action_set_state (action, state);
}

#define ACTION(name, call) \
  static void \
  name##_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data) \
  { \
    call (user_data); \
  }

ACTION (undo, lk_annotator_remove_newest)
ACTION (delete, lk_annotator_remove_selected)
ACTION (link, lk_annotator_link_selected)
ACTION (label, lk_annotator_label_selected)

#undef ACTION

static const GActionEntry entries[] = {
  { "tool", NULL, "s", "'none'", tool_state, { 0 } },
  { "undo", undo_activated, NULL, NULL, NULL, { 0 } },
  { "delete", delete_activated, NULL, NULL, NULL, { 0 } },
  { "link", link_activated, NULL, NULL, NULL, { 0 } },
  { "label", label_activated, NULL, NULL, NULL, { 0 } },
};

/* ---- object ----------------------------------------------------------------------------------- */

static void
lk_annotator_dispose (GObject *object)
{
  LkAnnotator *self = LK_ANNOTATOR (object);

  g_clear_weak_pointer (&self->features);
  g_clear_object (&self->annotations);
  g_clear_object (&self->session);
  g_clear_object (&self->compare);
  g_clear_object (&self->actions);
  G_OBJECT_CLASS (lk_annotator_parent_class)->dispose (object);
}

static void
lk_annotator_finalize (GObject *object)
{
  g_free (LK_ANNOTATOR (object)->tool);
  G_OBJECT_CLASS (lk_annotator_parent_class)->finalize (object);
}

static void
lk_annotator_class_init (LkAnnotatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lk_annotator_dispose;
  object_class->finalize = lk_annotator_finalize;
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[CHARACTERISTIC_CHOSEN] = g_signal_new ("characteristic-chosen",
                                                 G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                                 G_TYPE_STRING);
}

static void
lk_annotator_init (LkAnnotator *self)
{
  self->tool = g_strdup ("none");
  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), entries, G_N_ELEMENTS (entries),
                                   self);
}

LkAnnotator *
lk_annotator_new (LkCompareView           *compare,
                  const LkAnnotationStore *store)
{
  LkAnnotator *self;
  GtkGesture *click;

  g_return_val_if_fail (LK_IS_COMPARE_VIEW (compare), NULL);
  g_return_val_if_fail (store != NULL, NULL);

  self = g_object_new (LK_TYPE_ANNOTATOR, NULL);
  self->store = store;
  self->compare = g_object_ref (compare);
  click = gtk_gesture_click_new ();
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect_object (click, "pressed", G_CALLBACK (on_pressed), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (compare), GTK_EVENT_CONTROLLER (click));
  g_signal_connect_object (compare, "annotation-moved", G_CALLBACK (on_annotation_moved), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (compare, "selection-changed", G_CALLBACK (update_actions), self,
                           G_CONNECT_SWAPPED);
  update_actions (self);
  return self;
}
