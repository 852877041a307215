/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "casework/lk-probe-summary-private.h"

struct _LkProbeSummary
{
  GObject   parent_instance;

  gint64    id;
  char     *file_name;
  char     *source_type;
  char     *kind;
  int       width;
  int       height;
  char     *sha256;
  char     *status;
  gboolean  simulated;
  guint     n_examinations;
  guint     n_signed;
  guint     number;
};

enum {
  PROP_0,
  PROP_ID,
  PROP_FILE_NAME,
  PROP_SOURCE_TYPE,
  PROP_KIND,
  PROP_WIDTH,
  PROP_HEIGHT,
  PROP_SHA256,
  PROP_STATUS,
  PROP_SIMULATED,
  PROP_N_EXAMINATIONS,
  PROP_N_SIGNED,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (LkProbeSummary, lk_probe_summary, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

LkProbeSummary *
lk_probe_summary_new_from_row (LkStmt *stmt)
{
  LkProbeSummary *self = g_object_new (LK_TYPE_PROBE_SUMMARY, NULL);

  self->id = lk_stmt_int64 (stmt, 0);
  self->file_name = lk_stmt_dup_text (stmt, 1);
  self->source_type = lk_stmt_dup_text (stmt, 2);
  self->kind = lk_stmt_dup_text (stmt, 3);
  self->width = lk_stmt_int (stmt, 4);
  self->height = lk_stmt_int (stmt, 5);
  self->sha256 = lk_stmt_dup_text (stmt, 6);
  self->status = lk_stmt_dup_text (stmt, 7);
  self->simulated = lk_stmt_int (stmt, 8) != 0;
  self->n_examinations = lk_stmt_int (stmt, 9);
  self->n_signed = lk_stmt_int (stmt, 10);
  self->number = (guint) lk_stmt_int (stmt, 11);
  return self;
}

static void
lk_probe_summary_finalize (GObject *object)
{
  LkProbeSummary *self = LK_PROBE_SUMMARY (object);

  g_free (self->file_name);
  g_free (self->source_type);
  g_free (self->kind);
  g_free (self->sha256);
  g_free (self->status);
  G_OBJECT_CLASS (lk_probe_summary_parent_class)->finalize (object);
}

static void
lk_probe_summary_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LkProbeSummary *self = LK_PROBE_SUMMARY (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_FILE_NAME:
      g_value_set_string (value, self->file_name);
      break;

    case PROP_SOURCE_TYPE:
      g_value_set_string (value, self->source_type);
      break;

    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;

    case PROP_WIDTH:
      g_value_set_int (value, self->width);
      break;

    case PROP_HEIGHT:
      g_value_set_int (value, self->height);
      break;

    case PROP_SHA256:
      g_value_set_string (value, self->sha256);
      break;

    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;

    case PROP_SIMULATED:
      g_value_set_boolean (value, self->simulated);
      break;

    case PROP_N_EXAMINATIONS:
      g_value_set_uint (value, self->n_examinations);
      break;

    case PROP_N_SIGNED:
      g_value_set_uint (value, self->n_signed);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define READ_ONLY (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS)

static void
lk_probe_summary_class_init (LkProbeSummaryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lk_probe_summary_finalize;
  object_class->get_property = lk_probe_summary_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, READ_ONLY);
  properties[PROP_FILE_NAME] = g_param_spec_string ("file-name", NULL, NULL, NULL, READ_ONLY);
  properties[PROP_SOURCE_TYPE] = g_param_spec_string ("source-type", NULL, NULL, NULL, READ_ONLY);
  properties[PROP_KIND] = g_param_spec_string ("kind", NULL, NULL, NULL, READ_ONLY);
  properties[PROP_WIDTH] = g_param_spec_int ("width", NULL, NULL, 0, G_MAXINT, 0, READ_ONLY);
  properties[PROP_HEIGHT] = g_param_spec_int ("height", NULL, NULL, 0, G_MAXINT, 0, READ_ONLY);
  properties[PROP_SHA256] = g_param_spec_string ("sha256", NULL, NULL, NULL, READ_ONLY);
  properties[PROP_STATUS] = g_param_spec_string ("status", NULL, NULL, NULL, READ_ONLY);
  properties[PROP_SIMULATED] = g_param_spec_boolean ("simulated", NULL, NULL, FALSE, READ_ONLY);
  properties[PROP_N_EXAMINATIONS] =
    g_param_spec_uint ("n-examinations", NULL, NULL, 0, G_MAXUINT, 0, READ_ONLY);
  properties[PROP_N_SIGNED] =
    g_param_spec_uint ("n-signed", NULL, NULL, 0, G_MAXUINT, 0, READ_ONLY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lk_probe_summary_init (LkProbeSummary *self)
{
}

gint64
lk_probe_summary_get_id (LkProbeSummary *self)
{
  g_return_val_if_fail (LK_IS_PROBE_SUMMARY (self), 0);
  return self->id;
}

const char *
lk_probe_summary_get_file_name (LkProbeSummary *self)
{
  g_return_val_if_fail (LK_IS_PROBE_SUMMARY (self), NULL);
  return self->file_name;
}

const char *
lk_probe_summary_get_source_type (LkProbeSummary *self)
{
  g_return_val_if_fail (LK_IS_PROBE_SUMMARY (self), NULL);
  return self->source_type;
}

const char *
lk_probe_summary_get_kind (LkProbeSummary *self)
{
  g_return_val_if_fail (LK_IS_PROBE_SUMMARY (self), NULL);
  return self->kind;
}

int
lk_probe_summary_get_width (LkProbeSummary *self)
{
  g_return_val_if_fail (LK_IS_PROBE_SUMMARY (self), 0);
  return self->width;
}

int
lk_probe_summary_get_height (LkProbeSummary *self)
{
  g_return_val_if_fail (LK_IS_PROBE_SUMMARY (self), 0);
  return self->height;
}

const char *
lk_probe_summary_get_sha256 (LkProbeSummary *self)
{
  g_return_val_if_fail (LK_IS_PROBE_SUMMARY (self), NULL);
  return self->sha256;
}

const char *
lk_probe_summary_get_status (LkProbeSummary *self)
{
  g_return_val_if_fail (LK_IS_PROBE_SUMMARY (self), NULL);
  return self->status;
}

gboolean
lk_probe_summary_get_simulated (LkProbeSummary *self)
{
  g_return_val_if_fail (LK_IS_PROBE_SUMMARY (self), FALSE);
  return self->simulated;
}

guint
lk_probe_summary_get_n_examinations (LkProbeSummary *self)
{
  g_return_val_if_fail (LK_IS_PROBE_SUMMARY (self), 0);
  return self->n_examinations;
}

guint
lk_probe_summary_get_n_signed (LkProbeSummary *self)
{
  g_return_val_if_fail (LK_IS_PROBE_SUMMARY (self), 0);
  return self->n_signed;
}

guint
lk_probe_summary_get_number (LkProbeSummary *self)
{
  g_return_val_if_fail (LK_IS_PROBE_SUMMARY (self), 0);
  return self->number;
}
