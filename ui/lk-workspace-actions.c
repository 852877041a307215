/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The workspace's actions: alignment, modes, tools, annotations, the conclusion, navigation. */
#include "config.h"

#include "lk-evaluate-dialog.h"
#include "lk-feature-panel.h"
#include "lk-workspace-private.h"

/* ---- alignment ---------------------------------------------------------------------------- */

static gboolean
probe_eyes (LkWorkspace *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkProbe) probe = NULL;
  g_autoptr(LkProbeFace) face = NULL;

  if (self->have_eyes[0])
    return TRUE;
  probe = lk_probes_get_probe (self->session, self->probe_id, &error);
  if (probe == NULL)
    _lk_workspace_problem (self, error->message);
  if (probe == NULL || lk_probe_get_face_index (probe) < 0)
    return FALSE;
  face = g_list_model_get_item (lk_probe_get_faces (probe),
                                (guint) lk_probe_get_face_index (probe));
  if (face == NULL || !lk_probe_face_get_eyes (face, &self->eyes[0][0], &self->eyes[0][1]))
    return FALSE;
  return self->have_eyes[0] = TRUE;
}

/* The detector's eye centres become draggable markers; each drag realigns. */
static void
align_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  LkWorkspace *self = LK_WORKSPACE (widget);

  if (!probe_eyes (self) || !self->have_eyes[1])
    {
      _lk_workspace_problem (self, self->have_eyes[1]
                                   ? "The probe's chosen face has no eye centres"
                                   : "No eyes were found on the candidate image");
      return;
    }
  lk_compare_view_set_eye_markers (self->compare, self->eyes[0], self->eyes[1]);
  _lk_workspace_apply_alignment (self);
}

static void
reset_alignment_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  LkWorkspace *self = LK_WORKSPACE (widget);
  g_autoptr(GError) error = NULL;

  if (!lk_examinations_reset_alignment (self->session, self->examination_id, &error) ||
      !_lk_workspace_reload (self, &error))
    {
      _lk_workspace_problem (self, error->message);
      return;
    }
  _lk_workspace_read_alignment (self);
  lk_compare_view_set_eye_markers (self->compare, NULL, NULL);
  _lk_workspace_refresh_difference (self);
}

/* ---- modes and side panels ---------------------------------------------------------------- */

static void
mode_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  lk_compare_view_set_mode (LK_WORKSPACE (widget)->compare,
                            g_variant_get_string (parameter, NULL));
}

static void
enhancements_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  LkWorkspace *self = LK_WORKSPACE (widget);

  _lk_workspace_show_side_panel (self, 1, !gtk_revealer_get_reveal_child (self->enhance_revealer));
}

/* ---- annotations -------------------------------------------------------------------------- */

static void
tool_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LkWorkspace *self = LK_WORKSPACE (widget);
  const char *tool = g_variant_get_string (parameter, NULL);
  g_autofree char *spoken = NULL;

  lk_annotator_set_tool (self->annotator, tool);
  gtk_menu_button_set_label (self->tool_button, lk_annotator_tool_title (tool));
  spoken = g_strdup_printf ("Annotation tool: %s", g_str_equal (tool, "none")
                                                   ? "none, a click selects"
                                                   : lk_annotator_tool_title (tool));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->tool_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
  _lk_workspace_update_movable (self);
  _lk_workspace_update_status (self);
}

/* ---- feature comparison and the conclusion ------------------------------------------------ */

static void
features_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  LkWorkspace *self = LK_WORKSPACE (widget);

  _lk_workspace_show_side_panel (self, 0,
                                 !gtk_revealer_get_reveal_child (self->features_revealer));
}

static void
on_signed (LkWorkspace *self,
           gint64       conclusion)
{
  _lk_workspace_refresh (self);
  _lk_workspace_read_conclusion (self);
  _lk_workspace_update_status (self);
  _lk_workspace_update_verification (self);
  lk_toast (GTK_WIDGET (self), self->reviewing
                               ? "Your conclusion is signed; the two opinions can now be compared"
                               : "Conclusion signed; it is an investigative lead only");
  _lk_workspace_emit_signed (self);
}

static void
evaluate_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  LkWorkspace *self = LK_WORKSPACE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GError) error = NULL;
  LkEvaluateDialog *dialog = lk_evaluate_dialog_new (self->session, self->examination_id,
                                                     self->conclusion_text != NULL, &error);

  if (dialog == NULL)
    {
      _lk_workspace_problem (self, error->message);
      return;
    }
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  g_signal_connect_object (dialog, "signed", G_CALLBACK (on_signed), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- annotations and characteristics: LkAnnotator's -------------------------------------- */

/* Links the selected annotations to the characteristic open in the feature panel. */
static void
link_annotation_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  lk_annotator_link_selected (LK_WORKSPACE (widget)->annotator);
}

/* A new label for the selected annotations (a pair of markers shares it); empty removes it. */
static void
label_annotation_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  lk_annotator_label_selected (LK_WORKSPACE (widget)->annotator);
}

/* Removes the newest annotation (a soft delete: it stays on record with its time). */
static void
undo_annotation_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  lk_annotator_remove_newest (LK_WORKSPACE (widget)->annotator);
}

/* Removes the selected annotations, one soft delete each. */
static void
delete_annotation_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  lk_annotator_remove_selected (LK_WORKSPACE (widget)->annotator);
}

/* ---- navigation --------------------------------------------------------------------------- */

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  _lk_workspace_navigate (LK_WORKSPACE (widget),
                          g_str_equal (action_name, "workspace.next") ? 1 : -1);
}

/* ---- installing the actions --------------------------------------------------------------- */

static void
bind_mode_key (GtkWidgetClass *widget_class,
               guint           key,
               const char     *mode)
{
  gtk_widget_class_add_binding_action (widget_class, key, GDK_CONTROL_MASK, "workspace.mode",
                                       "s", mode);
}

void
_lk_workspace_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "workspace.mode", "s", mode_action);
  gtk_widget_class_install_action (widget_class, "workspace.align", NULL, align_action);
  gtk_widget_class_install_action (widget_class, "workspace.reset-alignment", NULL,
                                   reset_alignment_action);
  gtk_widget_class_install_action (widget_class, "workspace.enhancements", NULL,
                                   enhancements_action);
  gtk_widget_class_install_action (widget_class, "workspace.tool", "s", tool_action);
  gtk_widget_class_install_action (widget_class, "workspace.link-annotation", NULL,
                                   link_annotation_action);
  gtk_widget_class_install_action (widget_class, "workspace.label-annotation", NULL,
                                   label_annotation_action);
  gtk_widget_class_install_action (widget_class, "workspace.features", NULL, features_action);
  gtk_widget_class_install_action (widget_class, "workspace.undo-annotation", NULL,
                                   undo_annotation_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK,
                                       "workspace.undo-annotation", NULL);
  gtk_widget_class_install_action (widget_class, "workspace.delete-annotation", NULL,
                                   delete_annotation_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0,
                                       "workspace.delete-annotation", NULL);
  gtk_widget_class_install_action (widget_class, "workspace.evaluate", NULL, evaluate_action);
  gtk_widget_class_install_action (widget_class, "workspace.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "workspace.previous", NULL, next_action);
  bind_mode_key (widget_class, GDK_KEY_1, "side-by-side");
  bind_mode_key (widget_class, GDK_KEY_2, "overlay");
  bind_mode_key (widget_class, GDK_KEY_3, "wipe");
  bind_mode_key (widget_class, GDK_KEY_4, "flicker");
  bind_mode_key (widget_class, GDK_KEY_5, "difference");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, 0, "workspace.next",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, 0, "workspace.previous",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "workspace.tool", "s",
                                       "none");
}
