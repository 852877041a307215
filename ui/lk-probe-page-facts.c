/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The probe page's facts about the probe: provenance and integrity, metadata, quality. */
#include "config.h"

#include "lk-probe-page-private.h"
#include "lk-ui-util.h"

/* ---- provenance, integrity, metadata ------------------------------------------------------ */

static void
add_provenance_row (LkProbePage *self,
                    const char  *title,
                    const char  *value)
{
  gtk_list_box_append (self->provenance_list, _lk_probe_page_info_row (title, value));
}

/* When the retention policy lets the image go, under which rule, or that it went. */
static void
show_retention (LkProbePage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkRetentionItem) item = lk_retention_item (lk_session_get_store (self->session),
                                                       LK_RETENTION_PROBE, self->probe_id,
                                                       &error);
  g_autofree char *value = NULL;

  if (item == NULL)
    value = g_strdup (error->message);
  else if (item->purged)
    value = g_strdup ("Purged under the retention policy; the record and SHA-256 stay");
  else if (item->hold != NULL)
    value = g_strdup_printf ("On legal hold: %s", item->hold);
  else if (item->expires != NULL)
    value = g_strdup_printf ("Until %s (rule: %s)", item->expires, item->rule);
  else
    value = g_strdup ("No retention period applies yet");
  add_provenance_row (self, "Retention", value);
}

void
_lk_probe_page_show_provenance (LkProbePage *self)
{
  LkProbe *p = self->probe;
  g_autofree char *acquired_at = lk_format_utc (_lk_probe_page_text (lk_probe_get_acquired_at (p)));
  g_autofree char *imported_at = lk_format_utc (_lk_probe_page_text (lk_probe_get_imported_at (p)));
  g_autofree char *imported = g_strdup_printf ("%s, %s", lk_probe_get_imported_by (p),
                                               imported_at);
  const char *source = _lk_probe_page_text (lk_probe_get_source_type (p));
  const char *kind = _lk_probe_page_text (lk_probe_get_kind (p));

  _lk_probe_page_clear_list (self->provenance_list);
  add_provenance_row (self, "Source", source ? lk_vocabulary_label (source) : NULL);
  add_provenance_row (self, "Probe kind", kind ? lk_vocabulary_label (kind) : NULL);
  add_provenance_row (self, "Acquired by", lk_probe_get_acquired_by (p));
  add_provenance_row (self, "Acquired at", acquired_at);
  add_provenance_row (self, "Legal authority", lk_probe_get_authority (p));
  add_provenance_row (self, "Chain-of-custody note", lk_probe_get_custody_note (p));
  add_provenance_row (self, "Imported", imported);
  show_retention (self);
}

static void
on_tags_expanded (AdwExpanderRow *row,
                  GParamSpec     *pspec,
                  GListModel     *tags)
{
  /* Filled once, on first opening: an image can carry up to 2000 tags. */
  if (!adw_expander_row_get_expanded (row) || g_object_get_data (G_OBJECT (row), "filled"))
    return;
  g_object_set_data (G_OBJECT (row), "filled", GINT_TO_POINTER (TRUE));
  for (guint i = 0; i < g_list_model_get_n_items (tags); i++)
    {
      g_autoptr(LkMetadataTag) tag = g_list_model_get_item (tags, i);
      GtkWidget *tag_row = _lk_probe_page_info_row (lk_metadata_tag_get_name (tag),
                                                    lk_metadata_tag_get_value (tag));

      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (tag_row), 4);
      adw_expander_row_add_row (row, tag_row);
    }
}

static GtkWidget *
tags_row_new (GListModel *tags)
{
  GtkWidget *row = adw_expander_row_new ();
  g_autofree char *title = g_strdup_printf ("All tags (%u)", g_list_model_get_n_items (tags));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), "Every EXIF, IPTC and XMP tag as read");
  g_signal_connect_data (row, "notify::expanded", G_CALLBACK (on_tags_expanded),
                         g_object_ref (tags), (GClosureNotify) g_object_unref, 0);
  return row;
}

static void
add_metadata_row (LkProbePage *self,
                  const char  *title,
                  const char  *value)
{
  if (_lk_probe_page_text (value) != NULL)
    gtk_list_box_append (self->metadata_list, _lk_probe_page_info_row (title, value));
}

static void
show_software (LkProbePage     *self,
               LkProbeMetadata *m)
{
  const char *software = _lk_probe_page_text (lk_probe_metadata_get_software (m));
  const char *reason = _lk_probe_page_text (lk_probe_metadata_get_editing_software_reason (m));
  g_autofree char *text = NULL;
  GtkWidget *row;

  if (software == NULL)
    return;
  if (!lk_probe_metadata_get_editing_software_flagged (m))
    {
      add_metadata_row (self, "Software", software);
      return;
    }
  text = g_strdup_printf ("%s\n%s", software,
                          reason != NULL ? reason : "Editing software may have changed the image");
  row = _lk_probe_page_notice_row ("Software: possibly edited", text);
  _lk_probe_page_add_icon (row, "dialog-warning-symbolic", "warning");
  gtk_list_box_append (self->metadata_list, row);
}

/* The EXIF orientation (1 to 8) in words; NULL for upright or none. */
static const char *
orientation_words (int orientation)
{
  static const char * const words[] = {
    NULL, NULL, "mirrored left to right", "rotated 180°", "mirrored top to bottom",
    "mirrored and rotated 90° anticlockwise", "rotated 90° clockwise",
    "mirrored and rotated 90° clockwise", "rotated 90° anticlockwise",
  };

  return orientation >= 1 && orientation <= 8 ? words[orientation] : NULL;
}

/* A camera that records a turn in the metadata leaves the pixels as they were taken: Likeness
 * shows, measures and searches the image upright, and says so; the stored bytes stay as they
 * came. */
static void
show_orientation (LkProbePage     *self,
                  LkProbeMetadata *m)
{
  int orientation = lk_probe_metadata_get_orientation (m);
  const char *words = orientation_words (orientation);
  g_autofree char *title = NULL;
  g_autofree char *text = NULL;
  GtkWidget *row;

  if (words == NULL)
    return;
  title = g_strdup_printf ("Orientation from the file's metadata applied (%s)", words);
  text = g_strdup_printf ("The camera marked this image as %s (EXIF orientation %d). Likeness "
                          "shows, measures and searches it upright; the file and its SHA-256 "
                          "are unchanged.", words, orientation);
  row = _lk_probe_page_notice_row (title, text);
  _lk_probe_page_add_icon (row, "object-rotate-right-symbolic", "dim-label");
  gtk_list_box_append (self->metadata_list, row);
}

/* Make and model; many cameras repeat the make in the model ("Canon" "Canon EOS 5D"). */
static char *
camera_text (LkProbeMetadata *m)
{
  const char *make = _lk_probe_page_text (lk_probe_metadata_get_camera_make (m));
  const char *model = _lk_probe_page_text (lk_probe_metadata_get_camera_model (m));

  if (model == NULL)
    return g_strdup (make);
  if (make == NULL || g_str_has_prefix (model, make))
    return g_strdup (model);
  return g_strdup_printf ("%s %s", make, model);
}

static void
show_camera_and_place (LkProbePage     *self,
                       LkProbeMetadata *m)
{
  const char *captured_at = _lk_probe_page_text (lk_probe_metadata_get_captured_at (m));
  g_autofree char *camera = NULL;
  g_autofree char *place = NULL;
  g_autofree char *captured = NULL;

  camera = camera_text (m);
  add_metadata_row (self, "Camera", camera);
  add_metadata_row (self, "Lens", lk_probe_metadata_get_lens (m));
  if (captured_at != NULL)
    captured = g_strdup_printf ("%s (%s)", captured_at,
                                _lk_probe_page_text (
                                  lk_probe_metadata_get_captured_at_source (m)));
  add_metadata_row (self, "Captured at", captured);
  if (lk_probe_metadata_get_has_gps (m))
    place = g_strdup_printf ("%.6f, %.6f", lk_probe_metadata_get_latitude (m),
                             lk_probe_metadata_get_longitude (m));
  add_metadata_row (self, "GPS position", place);
}

void
_lk_probe_page_show_metadata (LkProbePage *self)
{
  LkProbeMetadata *m = lk_probe_get_metadata (self->probe);
  GListModel *tags = lk_probe_metadata_get_tags (m);
  const char *read_error = _lk_probe_page_text (lk_probe_metadata_get_read_error (m));
  GtkWidget *row;

  _lk_probe_page_clear_list (self->metadata_list);
  if (read_error != NULL)
    {
      row = _lk_probe_page_notice_row ("The metadata could not be read", read_error);
      _lk_probe_page_add_icon (row, "dialog-warning-symbolic", "warning");
      gtk_list_box_append (self->metadata_list, row);
    }
  else if (!lk_probe_metadata_get_present (m))
    gtk_list_box_append (self->metadata_list,
                         _lk_probe_page_notice_row ("No EXIF or XMP metadata",
                                       "Common for video stills, screenshots and images passed "
                                       "through messaging or social media"));
  show_camera_and_place (self, m);
  show_orientation (self, m);
  show_software (self, m);
  if (g_list_model_get_n_items (tags) > 0)
    gtk_list_box_append (self->metadata_list, tags_row_new (tags));
}

/* ---- quality ------------------------------------------------------------------------------ */

static const char *
light_word (const char *light)
{
  if (g_strcmp0 (light, "green") == 0)
    return "Green: good";
  if (g_strcmp0 (light, "amber") == 0)
    return "Amber: fair";
  if (g_strcmp0 (light, "red") == 0)
    return "Red: poor";
  return "Not measured";
}

static char *
quality_value (LkQualityMeasure *measure)
{
  const char *unit = _lk_probe_page_text (lk_quality_measure_get_unit (measure));
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  if (!lk_quality_measure_get_has_value (measure))
    return g_strdup ("—");
  g_snprintf (number, sizeof number, "%.6g", lk_quality_measure_get_value (measure));
  if (unit == NULL)
    return g_strdup (number);
  return g_strdup_printf (g_str_equal (unit, "°") ? "%s%s" : "%s %s", number, unit);
}

static GtkWidget *
quality_row_new (LkQualityMeasure *measure)
{
  GtkWidget *row = adw_action_row_new ();
  const char *light = lk_quality_measure_get_light (measure);
  const char *explanation = lk_quality_measure_get_explanation (measure);
  g_autofree char *value = quality_value (measure);
  g_autofree char *light_class = g_strdup_printf ("quality-%s", light ? light : "unknown");
  g_autofree char *description = g_strdup_printf ("%s. %s", light_word (light), explanation);
  GtkWidget *value_label = gtk_label_new (value);
  GtkWidget *dot = gtk_image_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 lk_quality_measure_get_label (measure));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), explanation);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_add_css_class (value_label, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), value_label);
  gtk_widget_add_css_class (dot, "quality-dot");
  gtk_widget_add_css_class (dot, light_class);
  gtk_widget_set_valign (dot, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (dot, light_word (light));
  gtk_accessible_update_property (GTK_ACCESSIBLE (dot), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  light_word (light), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), dot);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description, -1);
  return row;
}

void
_lk_probe_page_show_quality (LkProbePage *self)
{
  GListModel *measures = lk_probe_get_quality (self->probe);

  _lk_probe_page_clear_list (self->quality_list);
  if (g_list_model_get_n_items (measures) == 0)
    {
      gboolean none = g_list_model_get_n_items (lk_probe_get_faces (self->probe)) == 0;

      gtk_list_box_append (self->quality_list,
                           _lk_probe_page_notice_row (none ? "No face found" : "No face chosen",
                                         none ? "The detector found no face, so no quality "
                                                "figures were measured. The analysis can still "
                                                "record what is visible."
                                              : "Choose the face of interest in the image."));
      return;
    }
  for (guint i = 0; i < g_list_model_get_n_items (measures); i++)
    {
      g_autoptr(LkQualityMeasure) measure = g_list_model_get_item (measures, i);

      gtk_list_box_append (self->quality_list, quality_row_new (measure));
    }
}
