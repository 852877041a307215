/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "casework/lk-case-details-private.h"

struct _LkCaseDetails
{
  GObject     parent_instance;

  LkCase     *c;
  GListModel *history;
  GListModel *probes;
  gboolean    demo;
};

enum {
  PROP_0,
  PROP_CASE,
  PROP_HISTORY,
  PROP_PROBES,
  PROP_DEMO,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (LkCaseDetails, lk_case_details, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

LkCaseDetails *
lk_case_details_new (LkCase     *c,
                     GListModel *history,
                     GListModel *probes,
                     gboolean    demo)
{
  LkCaseDetails *self = g_object_new (LK_TYPE_CASE_DETAILS, NULL);

  self->c = g_object_ref (c);
  self->history = g_object_ref (history);
  self->probes = g_object_ref (probes);
  self->demo = demo;
  return self;
}

static void
lk_case_details_dispose (GObject *object)
{
  LkCaseDetails *self = LK_CASE_DETAILS (object);

  g_clear_object (&self->c);
  g_clear_object (&self->history);
  g_clear_object (&self->probes);
  G_OBJECT_CLASS (lk_case_details_parent_class)->dispose (object);
}

static void
lk_case_details_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  LkCaseDetails *self = LK_CASE_DETAILS (object);

  switch (prop_id)
    {
    case PROP_CASE:
      g_value_set_object (value, self->c);
      break;

    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;

    case PROP_PROBES:
      g_value_set_object (value, self->probes);
      break;

    case PROP_DEMO:
      g_value_set_boolean (value, self->demo);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_case_details_class_init (LkCaseDetailsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lk_case_details_dispose;
  object_class->get_property = lk_case_details_get_property;

  properties[PROP_CASE] =
    g_param_spec_object ("case", NULL, NULL, LK_TYPE_CASE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROBES] =
    g_param_spec_object ("probes", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEMO] =
    g_param_spec_boolean ("demo", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lk_case_details_init (LkCaseDetails *self)
{
}

LkCase *
lk_case_details_get_case (LkCaseDetails *self)
{
  g_return_val_if_fail (LK_IS_CASE_DETAILS (self), NULL);
  return self->c;
}

GListModel *
lk_case_details_get_history (LkCaseDetails *self)
{
  g_return_val_if_fail (LK_IS_CASE_DETAILS (self), NULL);
  return self->history;
}

GListModel *
lk_case_details_get_probes (LkCaseDetails *self)
{
  g_return_val_if_fail (LK_IS_CASE_DETAILS (self), NULL);
  return self->probes;
}

gboolean
lk_case_details_get_demo (LkCaseDetails *self)
{
  g_return_val_if_fail (LK_IS_CASE_DETAILS (self), FALSE);
  return self->demo;
}
