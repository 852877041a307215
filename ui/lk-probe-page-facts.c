/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The probe page's facts about the probe: provenance and integrity, metadata, quality. */
#include "config.h"

#include "lk-probe-page-private.h"
#include "lk-ui-util.h"

/* ---- provenance, integrity, metadata ------------------------------------------------------ */

void
_lk_probe_page_show_provenance (LkProbePage *self)
{
  JsonObject *p = _lk_probe_page_object_member (self->probe, "provenance");
  g_autofree char *acquired_at = lk_format_utc (_lk_probe_page_string_member (p, "acquired_at"));
  g_autofree char *imported_at = lk_format_utc (_lk_probe_page_string_member (self->probe, "imported_at"));
  g_autofree char *imported = g_strdup_printf ("%s, %s",
                                               _lk_probe_page_string_member (self->probe, "imported_by"),
                                               imported_at);
  const char *source = _lk_probe_page_string_member (p, "source_type");
  const char *kind = _lk_probe_page_string_member (p, "kind");

  _lk_probe_page_clear_list (self->provenance_list);
  gtk_list_box_append (self->provenance_list,
                       _lk_probe_page_info_row_new ("Source", source ? lk_vocabulary_label (source) : NULL));
  gtk_list_box_append (self->provenance_list,
                       _lk_probe_page_info_row_new ("Probe kind", kind ? lk_vocabulary_label (kind) : NULL));
  gtk_list_box_append (self->provenance_list,
                       _lk_probe_page_info_row_new ("Acquired by", _lk_probe_page_string_member (p, "acquired_by")));
  gtk_list_box_append (self->provenance_list, _lk_probe_page_info_row_new ("Acquired at", acquired_at));
  gtk_list_box_append (self->provenance_list,
                       _lk_probe_page_info_row_new ("Legal authority", _lk_probe_page_string_member (p, "authority")));
  gtk_list_box_append (self->provenance_list,
                       _lk_probe_page_info_row_new ("Chain-of-custody note", _lk_probe_page_string_member (p, "custody_note")));
  gtk_list_box_append (self->provenance_list, _lk_probe_page_info_row_new ("Imported", imported));
}

static void
on_tags_expanded (AdwExpanderRow *row,
                  GParamSpec     *pspec,
                  JsonObject     *tags)
{
  g_autoptr(GList) names = NULL;

  /* Filled once, on first opening: an image can carry up to 2000 tags. */
  if (!adw_expander_row_get_expanded (row) || g_object_get_data (G_OBJECT (row), "filled"))
    return;
  g_object_set_data (G_OBJECT (row), "filled", GINT_TO_POINTER (TRUE));
  names = g_list_sort (json_object_get_members (tags), (GCompareFunc) g_strcmp0);
  for (GList *l = names; l != NULL; l = l->next)
    {
      GtkWidget *tag = _lk_probe_page_info_row_new (l->data, _lk_probe_page_string_member (tags, l->data));

      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (tag), 4);
      adw_expander_row_add_row (row, tag);
    }
}

static GtkWidget *
tags_row_new (JsonObject *tags)
{
  GtkWidget *row = adw_expander_row_new ();
  g_autofree char *title = g_strdup_printf ("All tags (%u)", json_object_get_size (tags));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), "Every EXIF, IPTC and XMP tag as read");
  g_signal_connect_data (row, "notify::expanded", G_CALLBACK (on_tags_expanded),
                         json_object_ref (tags), (GClosureNotify) json_object_unref, 0);
  return row;
}

static void
add_metadata_row (LkProbePage *self,
                  const char  *title,
                  const char  *value)
{
  if (value != NULL)
    gtk_list_box_append (self->metadata_list, _lk_probe_page_info_row_new (title, value));
}

static void
show_software (LkProbePage *self,
               JsonObject  *m)
{
  const char *software = _lk_probe_page_string_member (m, "software");
  const char *reason = _lk_probe_page_string_member (m, "editing_software_reason");
  g_autofree char *text = NULL;
  GtkWidget *row;

  if (software == NULL)
    return;
  if (!json_object_get_boolean_member_with_default (m, "editing_software_flagged", FALSE))
    {
      add_metadata_row (self, "Software", software);
      return;
    }
  text = g_strdup_printf ("%s\n%s", software,
                          reason != NULL ? reason : "Editing software may have changed the image");
  row = _lk_probe_page_notice_row_new ("Software: possibly edited", text);
  _lk_probe_page_add_icon (row, "dialog-warning-symbolic", "warning");
  gtk_list_box_append (self->metadata_list, row);
}

/* The EXIF orientation (1 to 8) in words; NULL for upright or none. */
static const char *
orientation_words (gint64 orientation)
{
  static const char * const words[] = {
    NULL, NULL, "mirrored left to right", "rotated 180°", "mirrored top to bottom",
    "mirrored and rotated 90° anticlockwise", "rotated 90° clockwise",
    "mirrored and rotated 90° clockwise", "rotated 90° anticlockwise",
  };

  return orientation >= 1 && orientation <= 8 ? words[orientation] : NULL;
}

/* A camera that records a turn in the metadata leaves the pixels as they were taken: Likeness
 * shows and measures them as stored, and says so, since the face may look sideways. */
static void
show_orientation (LkProbePage *self,
                  JsonObject  *m)
{
  gint64 orientation = m ? json_object_get_int_member_with_default (m, "orientation", 1) : 1;
  const char *words = orientation_words (orientation);
  g_autofree char *text = NULL;
  GtkWidget *row;

  if (words == NULL)
    return;
  text = g_strdup_printf ("The camera marked this image as %s (EXIF orientation %" G_GINT64_FORMAT
                          "). Likeness shows, measures and searches the pixels as stored; a face "
                          "may look turned, and the face finder may miss it.", words, orientation);
  row = _lk_probe_page_notice_row_new ("Orientation: not applied", text);
  _lk_probe_page_add_icon (row, "object-rotate-right-symbolic", "warning");
  gtk_list_box_append (self->metadata_list, row);
}

/* Make and model; many cameras repeat the make in the model ("Canon" "Canon EOS 5D"). */
static char *
camera_text (JsonObject *m)
{
  const char *make = _lk_probe_page_string_member (m, "camera_make");
  const char *model = _lk_probe_page_string_member (m, "camera_model");

  if (model == NULL)
    return g_strdup (make);
  if (make == NULL || g_str_has_prefix (model, make))
    return g_strdup (model);
  return g_strdup_printf ("%s %s", make, model);
}

static void
show_camera_and_place (LkProbePage *self,
                       JsonObject  *m)
{
  JsonObject *gps = _lk_probe_page_object_member (m, "gps");
  g_autofree char *camera = NULL;
  g_autofree char *place = NULL;
  g_autofree char *captured = NULL;

  camera = camera_text (m);
  add_metadata_row (self, "Camera", camera);
  add_metadata_row (self, "Lens", _lk_probe_page_string_member (m, "lens"));
  if (_lk_probe_page_string_member (m, "captured_at") != NULL)
    captured = g_strdup_printf ("%s (%s)", _lk_probe_page_string_member (m, "captured_at"),
                                _lk_probe_page_string_member (m, "captured_at_source"));
  add_metadata_row (self, "Captured at", captured);
  if (gps != NULL)
    place = g_strdup_printf ("%.6f, %.6f",
                             json_object_get_double_member_with_default (gps, "latitude", 0),
                             json_object_get_double_member_with_default (gps, "longitude", 0));
  add_metadata_row (self, "GPS position", place);
}

void
_lk_probe_page_show_metadata (LkProbePage *self)
{
  JsonObject *m = _lk_probe_page_object_member (self->probe, "metadata");
  JsonObject *tags = _lk_probe_page_object_member (m, "tags");
  GtkWidget *row;

  _lk_probe_page_clear_list (self->metadata_list);
  if (_lk_probe_page_string_member (m, "read_error") != NULL)
    {
      row = _lk_probe_page_notice_row_new ("The metadata could not be read", _lk_probe_page_string_member (m, "read_error"));
      _lk_probe_page_add_icon (row, "dialog-warning-symbolic", "warning");
      gtk_list_box_append (self->metadata_list, row);
    }
  else if (m == NULL || !json_object_get_boolean_member_with_default (m, "present", FALSE))
    gtk_list_box_append (self->metadata_list,
                         _lk_probe_page_notice_row_new ("No EXIF or XMP metadata",
                                       "Common for video stills, screenshots and images passed "
                                       "through messaging or social media"));
  show_camera_and_place (self, m);
  show_orientation (self, m);
  show_software (self, m);
  if (tags != NULL && json_object_get_size (tags) > 0)
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
quality_value (JsonObject *item)
{
  JsonNode *value = json_object_get_member (item, "value");
  const char *unit = _lk_probe_page_string_member (item, "unit");
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    return g_strdup ("—");
  g_snprintf (number, sizeof number, "%.6g", json_node_get_double (value));
  if (unit == NULL)
    return g_strdup (number);
  return g_strdup_printf (g_str_equal (unit, "°") ? "%s%s" : "%s %s", number, unit);
}

static GtkWidget *
quality_row_new (JsonObject *item)
{
  GtkWidget *row = adw_action_row_new ();
  const char *light = _lk_probe_page_string_member (item, "light");
  g_autofree char *value = quality_value (item);
  g_autofree char *light_class = g_strdup_printf ("quality-%s", light ? light : "unknown");
  g_autofree char *description = g_strdup_printf ("%s. %s", light_word (light),
                                                  _lk_probe_page_string_member (item, "explanation"));
  GtkWidget *value_label = gtk_label_new (value);
  GtkWidget *dot = gtk_image_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _lk_probe_page_string_member (item, "label"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _lk_probe_page_string_member (item, "explanation"));
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
  JsonArray *items = _lk_probe_page_array_member (self->probe, "quality");
  JsonArray *faces = _lk_probe_page_array_member (self->probe, "faces");

  _lk_probe_page_clear_list (self->quality_list);
  if (items == NULL || json_array_get_length (items) == 0)
    {
      gboolean none = faces == NULL || json_array_get_length (faces) == 0;

      gtk_list_box_append (self->quality_list,
                           _lk_probe_page_notice_row_new (none ? "No face found" : "No face chosen",
                                         none ? "The detector found no face, so no quality "
                                                "figures were measured. The analysis can still "
                                                "record what is visible."
                                              : "Choose the face of interest in the image."));
      return;
    }
  for (guint i = 0; i < json_array_get_length (items); i++)
    gtk_list_box_append (self->quality_list,
                         quality_row_new (json_array_get_object_element (items, i)));
}
