/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One audit event as a typed, read-only record for views. */
#include "config.h"

#include "governance/lk-audit-query-private.h"
#include "lk-json.h"

struct _LkAuditEntry
{
  GObject       parent_instance;
  LkAuditEvent  event;
  gboolean      loaded;  /* FALSE while only the number is known (its page is being read) */
};

G_DEFINE_FINAL_TYPE (LkAuditEntry, lk_audit_entry, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_SEQ,
  PROP_AT,
  PROP_USER,
  PROP_ROLE,
  PROP_ACTION,
  PROP_OBJECT,
  PROP_DETAILS,
  PROP_PREV_HASH,
  PROP_HASH,
  PROP_LOADED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lk_audit_entry_finalize (GObject *object)
{
  LkAuditEntry *self = LK_AUDIT_ENTRY (object);

  g_free (self->event.at);
  g_free (self->event.user);
  g_free (self->event.role);
  g_free (self->event.action);
  g_free (self->event.object);
  g_free (self->event.details);
  g_free (self->event.prev_hash);
  g_free (self->event.hash);
  G_OBJECT_CLASS (lk_audit_entry_parent_class)->finalize (object);
}

static void
lk_audit_entry_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LkAuditEntry *self = LK_AUDIT_ENTRY (object);
  const char *texts[] = { NULL, NULL, self->event.at, self->event.user, self->event.role,
                          self->event.action, self->event.object, self->event.details,
                          self->event.prev_hash, self->event.hash };

  if (prop_id == PROP_SEQ)
    g_value_set_int64 (value, self->event.seq);
  else if (prop_id == PROP_LOADED)
    g_value_set_boolean (value, self->loaded);
  else if (prop_id > PROP_SEQ && prop_id < PROP_LOADED)
    g_value_set_string (value, texts[prop_id]);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
lk_audit_entry_class_init (LkAuditEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const char *names[] = { NULL, NULL, "at", "user", "role", "action", "object", "details",
                          "prev-hash", "hash" };

  object_class->finalize = lk_audit_entry_finalize;
  object_class->get_property = lk_audit_entry_get_property;
  properties[PROP_SEQ] = g_param_spec_int64 ("seq", NULL, NULL, 0, G_MAXINT64, 0,
                                             G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  for (guint i = PROP_AT; i < PROP_LOADED; i++)
    properties[i] = g_param_spec_string (names[i], NULL, NULL, NULL,
                                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                                         G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADED] = g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                                                  G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                                                  G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lk_audit_entry_init (LkAuditEntry *self)
{
}

static void
set_event (LkAuditEntry       *self,
           const LkAuditEvent *event)
{
  self->event.at = g_strdup (event->at);
  self->event.user = g_strdup (event->user);
  self->event.role = g_strdup (event->role);
  self->event.action = g_strdup (event->action);
  self->event.object = g_strdup (event->object);
  self->event.details = g_strdup (event->details);
  self->event.prev_hash = g_strdup (event->prev_hash);
  self->event.hash = g_strdup (event->hash);
  self->loaded = TRUE;
}

LkAuditEntry *
lk_audit_entry_new (const LkAuditEvent *event)
{
  LkAuditEntry *self = lk_audit_entry_new_pending (event->seq);

  set_event (self, event);
  return self;
}

LkAuditEntry *
lk_audit_entry_new_pending (gint64 seq)
{
  LkAuditEntry *self = g_object_new (LK_TYPE_AUDIT_ENTRY, NULL);

  self->event.seq = seq;
  return self;
}

/* Once only: a loaded entry is a read-only record like any other. */
void
lk_audit_entry_fill (LkAuditEntry       *self,
                     const LkAuditEvent *event)
{
  g_return_if_fail (LK_IS_AUDIT_ENTRY (self) && event != NULL);
  g_return_if_fail (!self->loaded && event->seq == self->event.seq);

  set_event (self, event);
  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = PROP_AT; i < N_PROPS; i++)
    g_object_notify_by_pspec (G_OBJECT (self), properties[i]);
  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
lk_audit_entry_get_loaded (LkAuditEntry *self)
{
  g_return_val_if_fail (LK_IS_AUDIT_ENTRY (self), FALSE);
  return self->loaded;
}

gint64
lk_audit_entry_get_seq (LkAuditEntry *self)
{
  g_return_val_if_fail (LK_IS_AUDIT_ENTRY (self), 0);
  return self->event.seq;
}

const char *
lk_audit_entry_get_at (LkAuditEntry *self)
{
  g_return_val_if_fail (LK_IS_AUDIT_ENTRY (self), NULL);
  return self->event.at;
}

const char *
lk_audit_entry_get_user (LkAuditEntry *self)
{
  g_return_val_if_fail (LK_IS_AUDIT_ENTRY (self), NULL);
  return self->event.user;
}

const char *
lk_audit_entry_get_role (LkAuditEntry *self)
{
  g_return_val_if_fail (LK_IS_AUDIT_ENTRY (self), NULL);
  return self->event.role;
}

const char *
lk_audit_entry_get_action (LkAuditEntry *self)
{
  g_return_val_if_fail (LK_IS_AUDIT_ENTRY (self), NULL);
  return self->event.action;
}

const char *
lk_audit_entry_get_object (LkAuditEntry *self)
{
  g_return_val_if_fail (LK_IS_AUDIT_ENTRY (self), NULL);
  return self->event.object;
}

const char *
lk_audit_entry_get_details (LkAuditEntry *self)
{
  g_return_val_if_fail (LK_IS_AUDIT_ENTRY (self), NULL);
  return self->event.details;
}

const char *
lk_audit_entry_get_prev_hash (LkAuditEntry *self)
{
  g_return_val_if_fail (LK_IS_AUDIT_ENTRY (self), NULL);
  return self->event.prev_hash;
}

const char *
lk_audit_entry_get_hash (LkAuditEntry *self)
{
  g_return_val_if_fail (LK_IS_AUDIT_ENTRY (self), NULL);
  return self->event.hash;
}

/* "key: value" per member, nested values as compact JSON. */
char *
lk_audit_entry_dup_details_text (LkAuditEntry *self)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GList) members = NULL;
  JsonObject *o;

  g_return_val_if_fail (LK_IS_AUDIT_ENTRY (self), NULL);

  if (self->event.details == NULL)
    return g_strdup ("");
  /* Details that are not an object are shown as the text they are. */
  root = lk_json_load_stored (self->event.details, NULL);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return g_strdup (self->event.details);
  o = json_node_get_object (root);
  members = json_object_get_members (o);
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *value = json_object_get_member (o, l->data);
      g_autofree char *shown = JSON_NODE_HOLDS_VALUE (value) &&
                               json_node_get_value_type (value) == G_TYPE_STRING
                               ? g_strdup (json_node_get_string (value))
                               : json_to_string (value, FALSE);

      g_string_append_printf (text, "%s%s: %s", text->len ? "\n" : "", (char *) l->data,
                              shown);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}
