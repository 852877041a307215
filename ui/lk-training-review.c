/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A trainer's read-only review of one attempt: the pair with the trainee's annotations, and
 * their feature comparison beside it. */
#include "config.h"

#include "lk-training-review.h"

#include "lk-annotator.h"
#include "lk-compare-view.h"
#include "lk-feature-panel.h"
#include "lk-pyramid.h"
#include "lk-ui-util.h"

struct _LkTrainingReview
{
  AdwWindow       parent_instance;

  GCancellable   *cancellable;
  LkAnnotator    *annotator;  /* frozen: selects, and leads to the characteristics */
  gboolean        loaded;

  AdwWindowTitle *window_title;
  GtkLabel       *summary_label;
  GtkToggleButton *annotations_button;
  GtkStack       *image_stack;
  AdwStatusPage  *loading_page;
  LkCompareView  *compare;
  AdwBin         *features_bin;
};

G_DEFINE_FINAL_TYPE (LkTrainingReview, lk_training_review, ADW_TYPE_WINDOW)

static void
on_loaded (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(LkTrainingReview) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkImagePair) pair = lk_training_images_load_finish (result, &error);

  if (pair == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          adw_status_page_set_title (self->loading_page, "The Images Cannot Be Shown");
          adw_status_page_set_description (self->loading_page, error->message);
        }
      return;
    }
  for (int i = 0; i < 2; i++)
    {
      g_autoptr(LkPyramid) pyramid =
        lk_pyramid_new_for_image (lk_image_pair_get_pyramid (pair, i));
      LkImageView *view = i == 0 ? lk_compare_view_get_probe_view (self->compare)
                                 : lk_compare_view_get_candidate_view (self->compare);

      lk_image_view_set_pyramid (view, pyramid);
    }
  gtk_stack_set_visible_child_name (self->image_stack, "compare");
  self->loaded = TRUE;
}

GListModel *
lk_training_review_get_annotations (LkTrainingReview *self)
{
  g_return_val_if_fail (LK_IS_TRAINING_REVIEW (self), NULL);
  return lk_annotator_get_annotations (self->annotator);
}

gboolean
lk_training_review_is_loaded (LkTrainingReview *self)
{
  g_return_val_if_fail (LK_IS_TRAINING_REVIEW (self), FALSE);
  return self->loaded;
}

static void
on_characteristic_chosen (LkTrainingReview *self,
                          const char       *characteristic)
{
  GtkWidget *panel = adw_bin_get_child (self->features_bin);

  if (LK_IS_FEATURE_PANEL (panel))
    lk_feature_panel_show (LK_FEATURE_PANEL (panel), characteristic);
}

static void
lk_training_review_dispose (GObject *object)
{
  LkTrainingReview *self = LK_TRAINING_REVIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->annotator);
  gtk_widget_dispose_template (GTK_WIDGET (self), LK_TYPE_TRAINING_REVIEW);
  G_OBJECT_CLASS (lk_training_review_parent_class)->dispose (object);
}

static void
lk_training_review_class_init (LkTrainingReviewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = lk_training_review_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               LK_RESOURCE_PATH "/lk-training-review.ui");
  gtk_widget_class_bind_template_child (widget_class, LkTrainingReview, window_title);
  gtk_widget_class_bind_template_child (widget_class, LkTrainingReview, summary_label);
  gtk_widget_class_bind_template_child (widget_class, LkTrainingReview, annotations_button);
  gtk_widget_class_bind_template_child (widget_class, LkTrainingReview, image_stack);
  gtk_widget_class_bind_template_child (widget_class, LkTrainingReview, loading_page);
  gtk_widget_class_bind_template_child (widget_class, LkTrainingReview, compare);
  gtk_widget_class_bind_template_child (widget_class, LkTrainingReview, features_bin);
}

static void
lk_training_review_init (LkTrainingReview *self)
{
  g_type_ensure (LK_TYPE_COMPARE_VIEW);
  gtk_widget_init_template (GTK_WIDGET (self));
  lk_label_stack_pages (self->image_stack);
  self->cancellable = g_cancellable_new ();
  lk_image_view_set_label (lk_compare_view_get_probe_view (self->compare), "Image A of the pair");
  lk_image_view_set_label (lk_compare_view_get_candidate_view (self->compare),
                           "Image B of the pair");
  self->annotator = lk_annotator_new (self->compare, &lk_annotation_store_training);
  lk_annotator_set_frozen (self->annotator, TRUE);
  g_signal_connect_object (self->annotator, "characteristic-chosen",
                           G_CALLBACK (on_characteristic_chosen), self, G_CONNECT_SWAPPED);
  g_object_bind_property (self->compare, "show-annotations", self->annotations_button, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
}

/* "Pair 3 by tim", and what was charted on it. */
static void
fill_titles (LkTrainingReview *self,
             LkTrainingItem   *item,
             const char       *trainee,
             GListModel       *annotations)
{
  g_autofree char *title = g_strdup_printf ("Pair %s by %s",
                                            lk_training_item_get_pair_id (item), trainee);
  g_autofree char *charted = lk_annotator_describe (annotations);
  g_autofree char *summary = g_strdup_printf ("Annotations: %s. A click on one opens the "
                                              "characteristic it is linked to.", charted);

  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_window_title_set_title (self->window_title, title);
  gtk_label_set_label (self->summary_label, summary);
}

LkTrainingReview *
lk_training_review_new (LkSession   *session,
                        gint64       item_id,
                        const char  *trainee,
                        GError     **error)
{
  g_autoptr(GListModel) annotations = NULL;
  g_autoptr(LkTrainingItem) item = NULL;
  LkTrainingReview *self;
  GtkWidget *panel;

  g_return_val_if_fail (LK_IS_SESSION (session), NULL);
  g_return_val_if_fail (trainee != NULL, NULL);

  if ((item = lk_training_item_get (session, item_id, error)) == NULL ||
      (annotations = lk_training_item_list_annotations (session, item_id, trainee,
                                                        error)) == NULL ||
      (panel = lk_feature_panel_new_for_training (session, item_id, trainee, error)) == NULL)
    return NULL;
  self = g_object_new (LK_TYPE_TRAINING_REVIEW, NULL);
  lk_feature_panel_set_locked (LK_FEATURE_PANEL (panel), TRUE);
  adw_bin_set_child (self->features_bin, panel);
  lk_annotator_set_owner (self->annotator, session, 0);
  lk_annotator_set_feature_panel (self->annotator, LK_FEATURE_PANEL (panel));
  lk_annotator_set_annotations (self->annotator, annotations);
  fill_titles (self, item, trainee, annotations);
  lk_training_images_load_async (session, item_id, NULL, self->cancellable, on_loaded,
                                 g_object_ref (self));
  return self;
}
