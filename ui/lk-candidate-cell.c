/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One tile of the triage grid. GTK 4.8's grid moves the focus with the arrow keys without
 * selecting, and has no accessible label for its tiles: the triage actions read the selection,
 * so a tile that takes the focus selects itself, a tile that gets selected takes the focus
 * (when the grid has it), and the tile is labelled for screen readers here. */
#include "config.h"

#include "lk-candidate-cell.h"

struct _LkCandidateCell
{
  AdwBin              parent_instance;

  LkCandidateItem    *item;
  guint               position;
  gboolean            selected;
  GtkWidget          *picture;  /* part of our content, from the template */
  GtkWidget          *tile;     /* the grid's widget around us, which holds the focus */
  GtkEventController *focus;    /* ours, added to the tile while we are rooted */
  guint               follow_id;
};

enum {
  PROP_0,
  PROP_ITEM,
  PROP_POSITION,
  PROP_SELECTED,
  PROP_PICTURE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (LkCandidateCell, lk_candidate_cell, ADW_TYPE_BIN)

LkCandidateItem *
lk_candidate_cell_get_item (LkCandidateCell *self)
{
  g_return_val_if_fail (LK_IS_CANDIDATE_CELL (self), NULL);
  return self->item;
}

/* ---- the accessible label ------------------------------------------------------------------ */

static void
label_widget (GtkWidget  *widget,
              const char *label)
{
  if (widget == NULL)
    return;
  if (label != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    label, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

/* An eliminated candidate stays in the grid, dimmed (style.css) beside its state mark. */
static void
update_eliminated (LkCandidateCell *self)
{
  LkCandidate *c = self->item != NULL ? lk_candidate_item_get_candidate (self->item) : NULL;

  if (c != NULL && g_strcmp0 (lk_candidate_get_triage_state (c), "eliminated") == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), "lk-eliminated");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "lk-eliminated");
}

static void
update_label (LkCandidateCell *self)
{
  g_autofree char *label = NULL;

  if (self->item != NULL)
    g_object_get (self->item, "accessible-label", &label, NULL);
  label_widget (self->picture, label);
  label_widget (self->tile, label);
  update_eliminated (self);
}

/* ---- focus and selection ------------------------------------------------------------------- */

static void
on_focus_enter (LkCandidateCell *self)
{
  if (self->selected || self->position == GTK_INVALID_LIST_POSITION)
    return;
  gtk_widget_activate_action (GTK_WIDGET (self), "list.select-item", "(ubb)", self->position,
                              FALSE, FALSE);
}

static gboolean
grid_has_focus (LkCandidateCell *self)
{
  GtkWidget *grid = self->tile ? gtk_widget_get_parent (self->tile) : NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  return grid != NULL && focus != NULL && (focus == grid || gtk_widget_is_ancestor (focus, grid));
}

/* From an idle: the selection may change while the grid binds its tiles, when moving the focus
 * would make it bind more. */
static gboolean
follow_selection (gpointer data)
{
  LkCandidateCell *self = data;

  self->follow_id = 0;
  if (self->selected && self->tile != NULL && !gtk_widget_has_focus (self->tile) &&
      grid_has_focus (self))
    gtk_widget_grab_focus (self->tile);
  return G_SOURCE_REMOVE;
}

static void
set_selected (LkCandidateCell *self,
              gboolean         selected)
{
  if (self->selected == selected)
    return;
  self->selected = selected;
  if (selected && self->follow_id == 0)
    self->follow_id = g_idle_add (follow_selection, self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

static void
set_item (LkCandidateCell *self,
          LkCandidateItem *item)
{
  if (self->item == item)
    return;
  if (self->item != NULL)
    g_signal_handlers_disconnect_by_func (self->item, update_label, self);
  g_set_object (&self->item, item);
  if (item != NULL)
    g_signal_connect_swapped (item, "notify::accessible-label", G_CALLBACK (update_label), self);
  update_label (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}

/* ---- object -------------------------------------------------------------------------------- */

static void
lk_candidate_cell_root (GtkWidget *widget)
{
  LkCandidateCell *self = LK_CANDIDATE_CELL (widget);

  GTK_WIDGET_CLASS (lk_candidate_cell_parent_class)->root (widget);
  self->tile = gtk_widget_get_parent (widget);
  if (self->tile == NULL)
    return;
  self->focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (self->focus, "enter", G_CALLBACK (on_focus_enter), self);
  gtk_widget_add_controller (self->tile, self->focus);
  update_label (self);
}

static void
lk_candidate_cell_unroot (GtkWidget *widget)
{
  LkCandidateCell *self = LK_CANDIDATE_CELL (widget);

  g_clear_handle_id (&self->follow_id, g_source_remove);
  if (self->focus != NULL)
    gtk_widget_remove_controller (self->tile, self->focus);
  self->focus = NULL;
  self->tile = NULL;
  GTK_WIDGET_CLASS (lk_candidate_cell_parent_class)->unroot (widget);
}

static void
lk_candidate_cell_dispose (GObject *object)
{
  LkCandidateCell *self = LK_CANDIDATE_CELL (object);

  g_clear_handle_id (&self->follow_id, g_source_remove);
  set_item (self, NULL);
  self->picture = NULL;
  G_OBJECT_CLASS (lk_candidate_cell_parent_class)->dispose (object);
}

static void
lk_candidate_cell_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  LkCandidateCell *self = LK_CANDIDATE_CELL (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;
    case PROP_POSITION:
      g_value_set_uint (value, self->position);
      break;
    case PROP_SELECTED:
      g_value_set_boolean (value, self->selected);
      break;
    case PROP_PICTURE:
      g_value_set_object (value, self->picture);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_candidate_cell_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  LkCandidateCell *self = LK_CANDIDATE_CELL (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      set_item (self, g_value_get_object (value));
      break;
    case PROP_POSITION:
      self->position = g_value_get_uint (value);
      break;
    case PROP_SELECTED:
      set_selected (self, g_value_get_boolean (value));
      break;
    case PROP_PICTURE:
      /* Borrowed: it is part of our own content. */
      self->picture = g_value_get_object (value);
      update_label (self);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_candidate_cell_class_init (LkCandidateCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_candidate_cell_dispose;
  object_class->get_property = lk_candidate_cell_get_property;
  object_class->set_property = lk_candidate_cell_set_property;
  widget_class->root = lk_candidate_cell_root;
  widget_class->unroot = lk_candidate_cell_unroot;

  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL, LK_TYPE_CANDIDATE_ITEM,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_POSITION] =
    g_param_spec_uint ("position", NULL, NULL, 0, G_MAXUINT, GTK_INVALID_LIST_POSITION,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED] =
    g_param_spec_boolean ("selected", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PICTURE] =
    g_param_spec_object ("picture", NULL, NULL, GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lk_candidate_cell_init (LkCandidateCell *self)
{
  self->position = GTK_INVALID_LIST_POSITION;
}
