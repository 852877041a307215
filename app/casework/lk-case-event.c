/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "casework/lk-case-event-private.h"

struct _LkCaseEvent
{
  GObject  parent_instance;

  char    *status;
  char    *at;
  char    *by;
  char    *reason;
};

enum {
  PROP_0,
  PROP_STATUS,
  PROP_AT,
  PROP_BY,
  PROP_REASON,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (LkCaseEvent, lk_case_event, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

LkCaseEvent *
lk_case_event_new (const char *status,
                   const char *at,
                   const char *by,
                   const char *reason)
{
  LkCaseEvent *self = g_object_new (LK_TYPE_CASE_EVENT, NULL);

  self->status = g_strdup (status);
  self->at = g_strdup (at);
  self->by = g_strdup (by);
  self->reason = g_strdup (reason);
  return self;
}

static void
lk_case_event_finalize (GObject *object)
{
  LkCaseEvent *self = LK_CASE_EVENT (object);

  g_free (self->status);
  g_free (self->at);
  g_free (self->by);
  g_free (self->reason);
  G_OBJECT_CLASS (lk_case_event_parent_class)->finalize (object);
}

static void
lk_case_event_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  LkCaseEvent *self = LK_CASE_EVENT (object);

  switch (prop_id)
    {
    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;

    case PROP_AT:
      g_value_set_string (value, self->at);
      break;

    case PROP_BY:
      g_value_set_string (value, self->by);
      break;

    case PROP_REASON:
      g_value_set_string (value, self->reason);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_case_event_class_init (LkCaseEventClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  static const char * const names[N_PROPS] = { NULL, "status", "at", "by", "reason" };

  object_class->finalize = lk_case_event_finalize;
  object_class->get_property = lk_case_event_get_property;

  for (guint i = PROP_STATUS; i < N_PROPS; i++)
    properties[i] = g_param_spec_string (names[i], NULL, NULL, NULL,
                                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lk_case_event_init (LkCaseEvent *self)
{
}

const char *
lk_case_event_get_status (LkCaseEvent *self)
{
  g_return_val_if_fail (LK_IS_CASE_EVENT (self), NULL);
  return self->status;
}

const char *
lk_case_event_get_at (LkCaseEvent *self)
{
  g_return_val_if_fail (LK_IS_CASE_EVENT (self), NULL);
  return self->at;
}

const char *
lk_case_event_get_by (LkCaseEvent *self)
{
  g_return_val_if_fail (LK_IS_CASE_EVENT (self), NULL);
  return self->by;
}

const char *
lk_case_event_get_reason (LkCaseEvent *self)
{
  g_return_val_if_fail (LK_IS_CASE_EVENT (self), NULL);
  return self->reason;
}
