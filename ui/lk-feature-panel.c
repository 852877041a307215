/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Feature comparison: one row per characteristic of the FISWG-based feature list. */
#include "config.h"

#include "lk-feature-panel.h"
#include "lk-ui-util.h"

struct _LkFeaturePanel
{
  AdwBin               parent_instance;

  LkSession           *session;
  gint64               examination_id;
  /* Training: the item and the trainee whose attempt it shows (examination_id is 0). */
  gint64               item_id;
  char                *trainee;
  GListModel          *components;  /* LkFeatureComponent */
  GHashTable          *rows;      /* characteristic id -> AdwExpanderRow */
  gboolean             loading;
  gboolean             locked;
  GListModel          *annotations;  /* LkAnnotation */
  GtkWidget           *current;   /* the characteristic row last opened */

  GtkLabel            *progress_label;
  GtkLabel            *error_label;
  GtkWidget           *keys_label;
  GtkBox              *groups_box;
  GtkWidget           *evaluate_button;
  GtkScrolledWindow   *scroller;
};

enum {
  CHANGED,
  SHOW_ANNOTATIONS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (LkFeaturePanel, lk_feature_panel, ADW_TYPE_BIN)

/* Keys on a focused characteristic row: the result, and the significance. */
static const char * const result_keys[][2] = {
  { "s", "similar" }, { "d", "dissimilar" }, { "n", "not-assessable" },
  { "x", "explainable-difference" },
};
static const char * const significance_keys[][2] = {
  { "c", "class" }, { "i", "individualising" },
};

static const char *
label_of (const char *id)
{
  static const char * const labels[][2] = {
    { "visible", "Visible" }, { "partly", "Partly visible" }, { "not-visible", "Not visible" },
    { "similar", "Similar" }, { "dissimilar", "Dissimilar" },
    { "not-assessable", "Not assessable" }, { "explainable-difference", "Explainable difference" },
    { "class", "Class" }, { "individualising", "Individualising" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (labels[i][0], id) == 0)
      return labels[i][1];
  return id;
}

/* ---- the rows ------------------------------------------------------------------------------ */

typedef struct
{
  const char *(*value) (LkObservation *observation);
  const char *title;
  const char * const *(*choices) (void);
} Field;

static const Field fields[] = {
  { lk_observation_get_result, "Result", lk_observation_results },
  { lk_observation_get_visibility_probe, "Visibility in the probe", lk_observation_visibilities },
  { lk_observation_get_visibility_candidate, "Visibility in the candidate",
    lk_observation_visibilities },
  { lk_observation_get_significance, "Significance", lk_observation_significances },
};

/* A training item is a pair of images, neither of them a probe or a candidate. */
static const char * const training_titles[G_N_ELEMENTS (fields)] = {
  "Result", "Visibility in image A", "Visibility in image B", "Significance",
};

static GListModel *
choice_model (const char * const *ids)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  gtk_string_list_append (list, "Not recorded");
  for (guint i = 0; ids[i] != NULL; i++)
    gtk_string_list_append (list, label_of (ids[i]));
  return G_LIST_MODEL (list);
}

static const char *
combo_value (GtkWidget   *row,
             const Field *field)
{
  guint i = adw_combo_row_get_selected (ADW_COMBO_ROW (row));

  return i == 0 || i == GTK_INVALID_LIST_POSITION ? NULL : field->choices ()[i - 1];
}

static void
combo_select (GtkWidget   *row,
              const Field *field,
              const char  *value)
{
  const char * const *ids = field->choices ();
  guint index = 0;

  for (guint i = 0; value != NULL && ids[i] != NULL; i++)
    if (g_str_equal (ids[i], value))
      index = i + 1;
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), index);
}

static void
summarise (GtkWidget *expander)
{
  GtkWidget **combos = g_object_get_data (G_OBJECT (expander), "combos");
  const char *result = combo_value (combos[0], &fields[0]);
  const char *significance = combo_value (combos[3], &fields[3]);
  g_autofree char *text = g_strdup_printf ("%s%s%s", result ? label_of (result) : "Not assessed",
                                           significance ? " · " : "",
                                           significance ? label_of (significance) : "");

  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), text);
}

static GArray *
linked_annotations (LkFeaturePanel *self,
                    const char     *characteristic)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; self->annotations && i < g_list_model_get_n_items (self->annotations); i++)
    {
      g_autoptr(LkAnnotation) a = g_list_model_get_item (self->annotations, i);

      if (g_strcmp0 (lk_annotation_get_characteristic (a), characteristic) == 0)
        {
          gint64 id = lk_annotation_get_id (a);
          g_array_append_val (ids, id);
        }
    }
  return ids;
}

static void
update_progress (LkFeaturePanel *self)
{
  guint assessed = 0, total = 0;
  g_autofree char *text = NULL;

  lk_feature_panel_get_progress (self, &assessed, &total);
  text = g_strdup_printf ("%u of %u characteristics assessed", assessed, total);
  gtk_label_set_text (self->progress_label, text);
}

static void
save_row (LkFeaturePanel *self,
          GtkWidget      *expander)
{
  GtkWidget **combos = g_object_get_data (G_OBJECT (expander), "combos");
  GtkWidget *note = g_object_get_data (G_OBJECT (expander), "note");
  g_autoptr(GError) error = NULL;
  const char *characteristic = g_object_get_data (G_OBJECT (expander), "characteristic");
  g_autoptr(GArray) links = linked_annotations (self, characteristic);
  LkObservationSpec o = {
        characteristic,
        combo_value (combos[1], &fields[1]), combo_value (combos[2], &fields[2]),
        combo_value (combos[0], &fields[0]), combo_value (combos[3], &fields[3]),
        gtk_editable_get_text (GTK_EDITABLE (note)), (const gint64 *) links->data, links->len,
      };

  if (self->loading)
    return;
  summarise (expander);
  update_progress (self);
  if (!(self->item_id != 0
         ? lk_training_item_set_observation (self->session, self->item_id, &o, &error)
         : lk_observations_set (self->session, self->examination_id, &o, &error)))
    {
      lk_label_set_message (self->error_label, error->message);
      return;
    }
  lk_label_set_message (self->error_label, NULL);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_field_changed (GtkWidget *widget)
{
  GtkWidget *expander = g_object_get_data (G_OBJECT (widget), "expander");
  LkFeaturePanel *self = LK_FEATURE_PANEL (gtk_widget_get_ancestor (expander,
                                                                    LK_TYPE_FEATURE_PANEL));

  if (self != NULL)
    save_row (self, expander);
}

/* Selects in @combo the value @keys give the key @name; FALSE when @name is not one of them. */
static gboolean
select_by_key (GtkWidget           *combo,
               const Field         *field,
               const char * const (*keys)[2],
               guint                n_keys,
               const char          *name)
{
  for (guint i = 0; i < n_keys; i++)
    if (g_str_equal (name, keys[i][0]))
      {
        combo_select (combo, field, keys[i][1]);
        return TRUE;
      }
  return FALSE;
}

static gboolean
on_row_key (GtkEventControllerKey *controller,
            guint                  keyval,
            guint                  keycode,
            GdkModifierType        state,
            GtkWidget             *expander)
{
  GtkWidget **combos = g_object_get_data (G_OBJECT (expander), "combos");
  LkFeaturePanel *self = LK_FEATURE_PANEL (gtk_widget_get_ancestor (expander,
                                                                    LK_TYPE_FEATURE_PANEL));
  const char *name = gdk_keyval_name (gdk_keyval_to_lower (keyval));

  /* Once signed the combos are insensitive, but a key would still set them and save the row:
   * the values stay as signed. */
  if (self == NULL || self->locked || name == NULL ||
      (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)))
    return FALSE;
  return select_by_key (combos[0], &fields[0], result_keys, G_N_ELEMENTS (result_keys), name) ||
         select_by_key (combos[3], &fields[3], significance_keys,
                        G_N_ELEMENTS (significance_keys), name);
}

static void
on_expanded (GtkWidget *expander)
{
  LkFeaturePanel *self = LK_FEATURE_PANEL (gtk_widget_get_ancestor (expander,
                                                                    LK_TYPE_FEATURE_PANEL));

  if (self != NULL && adw_expander_row_get_expanded (ADW_EXPANDER_ROW (expander)))
    self->current = expander;
}

/* From a characteristic to its annotations: the workspace highlights them. */
static void
on_links_clicked (GtkWidget *button)
{
  GtkWidget *expander = g_object_get_data (G_OBJECT (button), "expander");
  LkFeaturePanel *self = LK_FEATURE_PANEL (gtk_widget_get_ancestor (expander,
                                                                    LK_TYPE_FEATURE_PANEL));

  if (self != NULL)
    g_signal_emit (self, signals[SHOW_ANNOTATIONS], 0,
                   g_object_get_data (G_OBJECT (expander), "characteristic"));
}

/* The parts libadwaita builds inside a row, which GTK 4.8 would read by their class names
 * ("GtkListBox", "GtkListView"): the list of a characteristic's fields and the lists of
 * choices are named. */
static void
name_row_parts (GtkWidget  *widget,
                const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LIST_BOX (child))
        {
          g_autofree char *label = g_strdup_printf ("Assessment of %s", name);

          gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          label, -1);
        }
      else if (GTK_IS_LIST_VIEW (child))
        gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        "Choices", -1);
      name_row_parts (child, name);
    }
}

static GtkWidget *
characteristic_row (LkFeatureCharacteristic *characteristic,
                    gboolean                 training)
{
  GtkWidget *expander = adw_expander_row_new ();
  GtkWidget **combos = g_new0 (GtkWidget *, G_N_ELEMENTS (fields));
  GtkWidget *note = adw_entry_row_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();
  const char *id = lk_feature_characteristic_get_id (characteristic);
  GtkWidget *links;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander),
                                 lk_feature_characteristic_get_name (characteristic));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), "Not assessed");
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autoptr(GListModel) model = choice_model (fields[i].choices ());

      combos[i] = adw_combo_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (combos[i]),
                                     training ? training_titles[i] : fields[i].title);
      adw_combo_row_set_model (ADW_COMBO_ROW (combos[i]), model);
      g_object_set_data (G_OBJECT (combos[i]), "expander", expander);
      g_signal_connect (combos[i], "notify::selected", G_CALLBACK (on_field_changed), NULL);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), combos[i]);
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (note), "Note");
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (note), TRUE);
  g_object_set_data (G_OBJECT (note), "expander", expander);
  g_signal_connect (note, "apply", G_CALLBACK (on_field_changed), NULL);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), note);
  g_object_set_data_full (G_OBJECT (expander), "combos", combos, g_free);
  g_object_set_data (G_OBJECT (expander), "note", note);
  g_object_set_data_full (G_OBJECT (expander), "characteristic", g_strdup (id), g_free);
  /* A label from the start, so that the button is named by its text alone as it changes. */
  links = gtk_button_new_with_label ("");
  gtk_widget_add_css_class (links, "flat");
  gtk_widget_set_valign (links, GTK_ALIGN_CENTER);
  gtk_widget_set_visible (links, FALSE);
  gtk_widget_set_tooltip_text (links, "Show the annotations linked to this characteristic");
  g_object_set_data (G_OBJECT (links), "expander", expander);
  g_signal_connect (links, "clicked", G_CALLBACK (on_links_clicked), NULL);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (expander), links);
  g_object_set_data (G_OBJECT (expander), "links", links);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_row_key), expander);
  g_signal_connect (expander, "notify::expanded", G_CALLBACK (on_expanded), NULL);
  gtk_widget_add_controller (expander, keys);
  return expander;
}

static void
build_groups (LkFeaturePanel *self)
{
  for (guint i = 0; i < g_list_model_get_n_items (self->components); i++)
    {
      g_autoptr(LkFeatureComponent) component = g_list_model_get_item (self->components, i);
      GListModel *characteristics = lk_feature_component_get_characteristics (component);
      GtkWidget *group = adw_preferences_group_new ();

      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group),
                                       lk_feature_component_get_name (component));
      for (guint j = 0; j < g_list_model_get_n_items (characteristics); j++)
        {
          g_autoptr(LkFeatureCharacteristic) c = g_list_model_get_item (characteristics, j);
          GtkWidget *row = characteristic_row (c, self->item_id != 0);

          g_hash_table_insert (self->rows, g_strdup (lk_feature_characteristic_get_id (c)), row);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
          name_row_parts (row, lk_feature_characteristic_get_name (c));
        }
      gtk_box_append (self->groups_box, group);
    }
}

static void
load_observations (LkFeaturePanel  *self,
                   GError         **error)
{
  g_autoptr(GListModel) observations =
    self->item_id != 0
    ? lk_training_item_list_observations (self->session, self->item_id, self->trainee, error)
    : lk_observations_list (self->session, self->examination_id, error);

  if (observations == NULL)
    return;
  self->loading = TRUE;
  for (guint i = 0; i < g_list_model_get_n_items (observations); i++)
    {
      g_autoptr(LkObservation) o = g_list_model_get_item (observations, i);
      GtkWidget *row = g_hash_table_lookup (self->rows, lk_observation_get_characteristic (o));
      GtkWidget **combos = row ? g_object_get_data (G_OBJECT (row), "combos") : NULL;

      if (row == NULL)
        continue;
      for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
        combo_select (combos[f], &fields[f], fields[f].value (o));
      gtk_editable_set_text (GTK_EDITABLE (g_object_get_data (G_OBJECT (row), "note")),
                             lk_observation_get_note (o));
      summarise (row);
    }
  self->loading = FALSE;
}

/* ---- public -------------------------------------------------------------------------------- */

void
lk_feature_panel_get_progress (LkFeaturePanel *self,
                               guint          *assessed,
                               guint          *total)
{
  GHashTableIter iter;
  gpointer row;

  *assessed = 0;
  *total = g_hash_table_size (self->rows);
  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, NULL, &row))
    {
      GtkWidget **combos = g_object_get_data (G_OBJECT (row), "combos");

      *assessed += combo_value (combos[0], &fields[0]) != NULL;
    }
}

gboolean
lk_feature_panel_set_result (LkFeaturePanel *self,
                             const char     *characteristic,
                             const char     *result)
{
  GtkWidget *row = g_hash_table_lookup (self->rows, characteristic);

  if (row == NULL || self->locked)
    return FALSE;
  combo_select (((GtkWidget **) g_object_get_data (G_OBJECT (row), "combos"))[0], &fields[0],
                result);
  return TRUE;
}

const char *
lk_feature_panel_get_current (LkFeaturePanel *self)
{
  if (self->current == NULL || !adw_expander_row_get_expanded (ADW_EXPANDER_ROW (self->current)))
    return NULL;
  return g_object_get_data (G_OBJECT (self->current), "characteristic");
}

/* Each row's button says how many annotations link to it, and is shown when any do. */
static void
update_links (LkFeaturePanel *self)
{
  GHashTableIter iter;
  gpointer id, row;

  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, &id, &row))
    {
      GtkWidget *button = g_object_get_data (G_OBJECT (row), "links");
      g_autoptr(GArray) links = linked_annotations (self, id);
      g_autofree char *label = g_strdup_printf (links->len == 1 ? "%u annotation"
                                                                : "%u annotations", links->len);
      g_autofree char *accessible = g_strdup_printf ("Show the %s linked to %s", label,
                                                     adw_preferences_row_get_title (row));

      /* The text names the button; the description says what it does (a label as well would
       * be read run together with the text). */
      gtk_button_set_label (GTK_BUTTON (button), label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, accessible, -1);
      gtk_widget_set_visible (button, links->len > 0);
    }
}

void
lk_feature_panel_set_annotations (LkFeaturePanel *self,
                                  GListModel     *annotations)
{
  g_set_object (&self->annotations, annotations);
  update_links (self);
}

void
lk_feature_panel_show (LkFeaturePanel *self,
                       const char     *characteristic)
{
  GtkWidget *row = g_hash_table_lookup (self->rows, characteristic);

  if (row == NULL)
    return;
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  gtk_widget_grab_focus (row);
  /* The link now counts: save it with the observation (unless signed). */
  if (!self->locked)
    save_row (self, row);
}

void
lk_feature_panel_set_locked (LkFeaturePanel *self,
                             gboolean        locked)
{
  GHashTableIter iter;
  gpointer row;

  /* The values freeze; the rows still open and still lead to their annotations. The keys that
   * set values do nothing now: their hint goes. */
  self->locked = locked;
  gtk_widget_set_visible (self->keys_label, !locked);
  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, NULL, &row))
    {
      GtkWidget **combos = g_object_get_data (G_OBJECT (row), "combos");

      for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
        gtk_widget_set_sensitive (combos[i], !locked);
      gtk_widget_set_sensitive (g_object_get_data (G_OBJECT (row), "note"), !locked);
    }
}

void
lk_feature_panel_set_embedded (LkFeaturePanel *self,
                               gboolean        embedded)
{
  GtkWidget *box, *header;

  g_return_if_fail (LK_IS_FEATURE_PANEL (self));

  gtk_scrolled_window_set_policy (self->scroller, GTK_POLICY_NEVER,
                                  embedded ? GTK_POLICY_NEVER : GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (GTK_WIDGET (self->scroller), !embedded);
  box = adw_bin_get_child (ADW_BIN (self));
  header = gtk_widget_get_first_child (box);
  gtk_widget_set_size_request (box, embedded ? -1 : 380, -1);
  gtk_widget_set_margin_start (header, embedded ? 0 : 12);
  gtk_widget_set_margin_end (header, embedded ? 0 : 12);
  gtk_widget_set_margin_start (GTK_WIDGET (self->groups_box), embedded ? 0 : 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->groups_box), embedded ? 0 : 12);
}

static void
lk_feature_panel_dispose (GObject *object)
{
  LkFeaturePanel *self = LK_FEATURE_PANEL (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), LK_TYPE_FEATURE_PANEL);
  g_clear_object (&self->session);
  g_clear_object (&self->components);
  g_clear_object (&self->annotations);
  G_OBJECT_CLASS (lk_feature_panel_parent_class)->dispose (object);
}

static void
lk_feature_panel_finalize (GObject *object)
{
  LkFeaturePanel *self = LK_FEATURE_PANEL (object);

  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_pointer (&self->trainee, g_free);
  G_OBJECT_CLASS (lk_feature_panel_parent_class)->finalize (object);
}

static void
lk_feature_panel_class_init (LkFeaturePanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_feature_panel_dispose;
  object_class->finalize = lk_feature_panel_finalize;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SHOW_ANNOTATIONS] = g_signal_new ("show-annotations", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               LK_RESOURCE_PATH "/lk-feature-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, LkFeaturePanel, progress_label);
  gtk_widget_class_bind_template_child (widget_class, LkFeaturePanel, error_label);
  gtk_widget_class_bind_template_child (widget_class, LkFeaturePanel, keys_label);
  gtk_widget_class_bind_template_child (widget_class, LkFeaturePanel, groups_box);
  gtk_widget_class_bind_template_child (widget_class, LkFeaturePanel, evaluate_button);
  gtk_widget_class_bind_template_child (widget_class, LkFeaturePanel, scroller);
}

static void
lk_feature_panel_init (LkFeaturePanel *self)
{
  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  "Feature comparison", -1);
}

static GtkWidget *
fill (LkFeaturePanel  *self,
      const char      *edition,
      GError         **error)
{
  g_autoptr(GError) local_error = NULL;

  self->components = lk_feature_lists_components (lk_session_get_store (self->session),
                                                  edition, error);
  if (self->components == NULL)
    {
      g_object_unref (g_object_ref_sink (self));
      return NULL;
    }
  build_groups (self);
  lk_fix_button_names (GTK_WIDGET (self));
  load_observations (self, &local_error);
  if (local_error != NULL)
    lk_label_set_message (self->error_label, local_error->message);
  update_progress (self);
  return GTK_WIDGET (self);
}

GtkWidget *
lk_feature_panel_new (LkSession   *session,
                      gint64       examination_id,
                      const char  *edition,
                      GError     **error)
{
  LkFeaturePanel *self = g_object_new (LK_TYPE_FEATURE_PANEL, NULL);

  self->session = g_object_ref (session);
  self->examination_id = examination_id;
  return fill (self, edition, error);
}

GtkWidget *
lk_feature_panel_new_for_training (LkSession   *session,
                                   gint64       item_id,
                                   const char  *trainee,
                                   GError     **error)
{
  g_autofree char *edition = lk_training_item_feature_list (session, item_id, trainee, error);
  LkFeaturePanel *self;

  if (edition == NULL)
    return NULL;
  self = g_object_new (LK_TYPE_FEATURE_PANEL, NULL);
  self->session = g_object_ref (session);
  self->item_id = item_id;
  self->trainee = g_strdup (trainee);
  /* A training item is concluded in its own form, not through casework's Evaluate step. */
  gtk_widget_set_visible (self->evaluate_button, FALSE);
  return fill (self, edition, error);
}
