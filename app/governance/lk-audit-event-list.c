/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A list model of the matching audit events that holds their sequence numbers only and reads
 * the events in pages of LK_AUDIT_EVENT_LIST_PAGE by a range of the primary key, keeping the
 * last few pages: scrolling through a million events makes a few hundred objects at a time.
 * A list made for the UI reads its pages in worker threads and fills the entries it already
 * handed out, so that the main loop never waits for the database. */
#include "config.h"

#include "governance/lk-audit-query-private.h"
#include "lk-task.h"

#define KEPT_PAGES 16

struct _LkAuditEventList
{
  GObject        parent_instance;
  LkSession     *session;
  LkAuditFilter  filter;
  GArray        *seqs;   /* gint64 */
  GHashTable    *pages;  /* page number -> GPtrArray of LkAuditEntry */
  GQueue         order;  /* page numbers, the newest read first */
  guint          pages_read;
  GError        *error;
  gboolean       background;   /* pages read in worker threads */
  GCancellable  *cancellable;  /* of those reads; cancelled when the list goes */
  guint          pending;      /* pages being read */
};

enum
{
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LkAuditEventList, lk_audit_event_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
lk_audit_event_list_dispose (GObject *object)
{
  LkAuditEventList *self = LK_AUDIT_EVENT_LIST (object);

  g_cancellable_cancel (self->cancellable);
  G_OBJECT_CLASS (lk_audit_event_list_parent_class)->dispose (object);
}

static void
lk_audit_event_list_finalize (GObject *object)
{
  LkAuditEventList *self = LK_AUDIT_EVENT_LIST (object);

  g_clear_object (&self->session);
  g_clear_object (&self->cancellable);
  lk_audit_filter_clear (&self->filter);
  g_clear_pointer (&self->seqs, g_array_unref);
  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_queue_clear (&self->order);
  g_clear_error (&self->error);
  G_OBJECT_CLASS (lk_audit_event_list_parent_class)->finalize (object);
}

static void
lk_audit_event_list_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  LkAuditEventList *self = LK_AUDIT_EVENT_LIST (object);

  if (prop_id == PROP_LOADING)
    g_value_set_boolean (value, self->pending > 0);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
lk_audit_event_list_class_init (LkAuditEventListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lk_audit_event_list_dispose;
  object_class->finalize = lk_audit_event_list_finalize;
  object_class->get_property = lk_audit_event_list_get_property;
  properties[PROP_LOADING] = g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                                                   G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                                                   G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lk_audit_event_list_init (LkAuditEventList *self)
{
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  self->cancellable = g_cancellable_new ();
  g_queue_init (&self->order);
}

static GType
get_item_type (GListModel *model)
{
  return LK_TYPE_AUDIT_ENTRY;
}

static guint
get_n_items (GListModel *model)
{
  LkAuditEventList *self = LK_AUDIT_EVENT_LIST (model);

  return self->seqs != NULL ? self->seqs->len : 0;
}

static void
forget_old_pages (LkAuditEventList *self)
{
  while (g_queue_get_length (&self->order) > KEPT_PAGES)
    g_hash_table_remove (self->pages, g_queue_pop_tail (&self->order));
}

static void
keep_page (LkAuditEventList *self,
           guint             page,
           GPtrArray        *entries)
{
  g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), entries);
  g_queue_push_head (&self->order, GUINT_TO_POINTER (page));
  forget_old_pages (self);
}

static void
page_range (LkAuditEventList *self,
            guint             page,
            gint64           *first_seq,
            gint64           *last_seq)
{
  guint first = page * LK_AUDIT_EVENT_LIST_PAGE;
  guint last = MIN (first + LK_AUDIT_EVENT_LIST_PAGE, self->seqs->len) - 1;

  *first_seq = g_array_index (self->seqs, gint64, first);
  *last_seq = g_array_index (self->seqs, gint64, last);
}

static void
note_error (LkAuditEventList  *self,
            GError           **error)
{
  if (self->error == NULL)
    self->error = g_steal_pointer (error);
}

static GPtrArray *
read_page (LkAuditEventList *self,
           guint             page)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  GPtrArray *entries;
  gint64 first, last;

  page_range (self, page, &first, &last);
  if ((events = lk_audit_log_fetch (self->session, &self->filter, first, last, &error)) == NULL)
    {
      note_error (self, &error);
      return NULL;
    }
  entries = g_ptr_array_new_full (events->len, g_object_unref);
  for (guint i = 0; i < events->len; i++)
    g_ptr_array_add (entries, lk_audit_entry_new (g_ptr_array_index (events, i)));
  self->pages_read++;
  keep_page (self, page, entries);
  return entries;
}

/* A page read in a worker thread. It holds the list weakly (a list dropped while its page is
 * read is cancelled and gone) and the entries it fills strongly. */
typedef struct
{
  GWeakRef       list;
  LkSession     *session;
  LkAuditFilter  filter;
  gint64         first_seq;
  gint64         last_seq;
  GPtrArray     *entries;
} PageJob;

static void
page_job_free (PageJob *job)
{
  g_weak_ref_clear (&job->list);
  g_clear_object (&job->session);
  lk_audit_filter_clear (&job->filter);
  g_clear_pointer (&job->entries, g_ptr_array_unref);
  g_free (job);
}

static gpointer
page_job (gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  PageJob *job = data;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  return lk_audit_log_fetch (job->session, &job->filter, job->first_seq, job->last_seq, error);
}

/* Fills each entry from the event of its number (the same filter over the same range reads
 * the same events: the log only grows at its end). */
static void
fill_entries (GPtrArray *entries,
              GPtrArray *events)
{
  guint e = 0;

  for (guint i = 0; i < entries->len; i++)
    {
      LkAuditEntry *entry = g_ptr_array_index (entries, i);
      gint64 seq = lk_audit_entry_get_seq (entry);

      while (e < events->len && ((LkAuditEvent *) g_ptr_array_index (events, e))->seq < seq)
        e++;
      if (e < events->len && ((LkAuditEvent *) g_ptr_array_index (events, e))->seq == seq)
        lk_audit_entry_fill (entry, g_ptr_array_index (events, e));
    }
}

static void
on_page_read (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  PageJob *job = lk_task_get_data (result, on_page_read);
  g_autoptr(LkAuditEventList) self = g_weak_ref_get (&job->list);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = lk_task_finish (result, on_page_read, &error);

  if (events != NULL)
    fill_entries (job->entries, events);
  if (self == NULL)
    return;
  if (events != NULL)
    self->pages_read++;
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    note_error (self, &error);
  if (--self->pending == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* Entries that know their numbers, handed out at once; the events follow from a worker. */
static GPtrArray *
start_page (LkAuditEventList *self,
            guint             page)
{
  PageJob *job = g_new0 (PageJob, 1);
  GPtrArray *entries = g_ptr_array_new_with_free_func (g_object_unref);
  guint first = page * LK_AUDIT_EVENT_LIST_PAGE;
  guint end = MIN (first + LK_AUDIT_EVENT_LIST_PAGE, self->seqs->len);

  for (guint i = first; i < end; i++)
    g_ptr_array_add (entries,
                     lk_audit_entry_new_pending (g_array_index (self->seqs, gint64, i)));
  g_weak_ref_init (&job->list, self);
  job->session = g_object_ref (self->session);
  lk_audit_filter_copy (&job->filter, &self->filter);
  page_range (self, page, &job->first_seq, &job->last_seq);
  job->entries = g_ptr_array_ref (entries);
  keep_page (self, page, entries);
  if (self->pending++ == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
  lk_task_run (self->session, self->cancellable, on_page_read, NULL, on_page_read, page_job,
               job, (GDestroyNotify) page_job_free, (GDestroyNotify) g_ptr_array_unref);
  return entries;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  LkAuditEventList *self = LK_AUDIT_EVENT_LIST (model);
  guint page = position / LK_AUDIT_EVENT_LIST_PAGE;
  guint index = position % LK_AUDIT_EVENT_LIST_PAGE;
  GPtrArray *entries;

  if (self->seqs == NULL || position >= self->seqs->len)
    return NULL;
  entries = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  if (entries == NULL)
    entries = self->background ? start_page (self, page) : read_page (self, page);
  /* The page was read by the same filter over the same range: the same events, unless the
   * log changed under it, which an append-only log does not. */
  if (entries == NULL || index >= entries->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (entries, index));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static LkAuditEventList *
list_new (LkSession            *session,
          const LkAuditFilter  *filter,
          GCancellable         *cancellable,
          GError              **error)
{
  g_autoptr(LkAuditEventList) self = g_object_new (LK_TYPE_AUDIT_EVENT_LIST, NULL);

  g_return_val_if_fail (LK_IS_SESSION (session) && filter != NULL, NULL);

  self->seqs = lk_audit_log_select_cancellable (session, filter, cancellable, error);
  if (self->seqs == NULL)
    return NULL;
  self->session = g_object_ref (session);
  lk_audit_filter_copy (&self->filter, filter);
  return g_steal_pointer (&self);
}

LkAuditEventList *
lk_audit_event_list_new (LkSession            *session,
                         const LkAuditFilter  *filter,
                         GError              **error)
{
  return list_new (session, filter, NULL, error);
}

gboolean
lk_audit_event_list_get_loading (LkAuditEventList *self)
{
  g_return_val_if_fail (LK_IS_AUDIT_EVENT_LIST (self), FALSE);
  return self->pending > 0;
}

guint
lk_audit_event_list_find (LkAuditEventList *self,
                          gint64            seq)
{
  guint lo = 0, hi;

  g_return_val_if_fail (LK_IS_AUDIT_EVENT_LIST (self), G_MAXUINT);

  /* the numbers are in order: a binary search */
  hi = self->seqs->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (self->seqs, gint64, mid) < seq)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo < self->seqs->len && g_array_index (self->seqs, gint64, lo) == seq ? lo
                                                                               : G_MAXUINT;
}

guint
lk_audit_event_list_pages_read (LkAuditEventList *self)
{
  g_return_val_if_fail (LK_IS_AUDIT_EVENT_LIST (self), 0);
  return self->pages_read;
}

const GError *
lk_audit_event_list_get_error (LkAuditEventList *self)
{
  g_return_val_if_fail (LK_IS_AUDIT_EVENT_LIST (self), NULL);
  return self->error;
}

typedef struct
{
  LkSession     *session;
  LkAuditFilter  filter;
} SelectJob;

static void
select_job_free (SelectJob *job)
{
  g_clear_object (&job->session);
  lk_audit_filter_clear (&job->filter);
  g_free (job);
}

static gpointer
select_job (gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  SelectJob *job = data;
  LkAuditEventList *self = list_new (job->session, &job->filter, cancellable, error);

  if (self != NULL)
    self->background = TRUE;
  return self;
}

void
lk_audit_event_list_new_async (LkSession            *session,
                               const LkAuditFilter  *filter,
                               GCancellable         *cancellable,
                               GAsyncReadyCallback   callback,
                               gpointer              user_data)
{
  SelectJob *job = g_new0 (SelectJob, 1);

  job->session = g_object_ref (session);
  lk_audit_filter_copy (&job->filter, filter);
  lk_task_run (session, cancellable, callback, user_data, lk_audit_event_list_new_async,
               select_job, job, (GDestroyNotify) select_job_free, g_object_unref);
}

LkAuditEventList *
lk_audit_event_list_new_finish (GAsyncResult  *result,
                                GError       **error)
{
  return lk_task_finish (result, lk_audit_event_list_new_async, error);
}
