/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Transactions and savepoints: one user action is one transaction; a savepoint lets one step
 * fail inside it without failing the rest (on PostgreSQL a failed statement otherwise aborts
 * the whole transaction); an enclosing transaction holds several actions that land together. */
#include "config.h"

#include "lk-error.h"
#include "store/lk-store-backend.h"
#include "store/lk-store-private.h"

struct _LkSavepoint
{
  LkStore  *store;
  char     *name;
  gboolean  finished;
};

struct _LkTxn
{
  LkStore     *store;
  gboolean     finished;
  gboolean     enclosing;
  LkSavepoint *savepoint; /* inside an enclosing transaction: what this "transaction" is */
};

LkSavepoint *
lk_savepoint_begin (LkStore  *store,
                    GError  **error)
{
  LkSavepoint *savepoint;
  g_autofree char *sql = NULL;

  g_return_val_if_fail (LK_IS_STORE (store), NULL);

  g_rec_mutex_lock (&store->mutex);
  if (!store->backend->in_transaction (store))
    {
      g_rec_mutex_unlock (&store->mutex);
      g_set_error (error, LK_ERROR, LK_ERROR_FAILED, "A savepoint needs a transaction");
      g_return_val_if_reached (NULL);
    }
  savepoint = g_new0 (LkSavepoint, 1);
  savepoint->store = g_object_ref (store);
  savepoint->name = g_strdup_printf ("lk_step_%u", ++store->savepoints);
  sql = g_strconcat ("SAVEPOINT ", savepoint->name, NULL);
  if (!store->backend->exec (store, sql, error))
    {
      savepoint->finished = TRUE;
      lk_savepoint_free (savepoint);
      return NULL;
    }
  return savepoint;
}

gboolean
lk_savepoint_release (LkSavepoint  *savepoint,
                      GError      **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (savepoint != NULL && !savepoint->finished, FALSE);

  sql = g_strconcat ("RELEASE SAVEPOINT ", savepoint->name, NULL);
  if (!savepoint->store->backend->exec (savepoint->store, sql, error))
    return FALSE;
  savepoint->finished = TRUE;
  return TRUE;
}

void
lk_savepoint_free (LkSavepoint *savepoint)
{
  LkStore *store;

  if (savepoint == NULL)
    return;
  store = savepoint->store;
  if (!savepoint->finished && store->backend->in_transaction (store))
    {
      g_autofree char *sql = g_strdup_printf ("ROLLBACK TO SAVEPOINT %s; RELEASE SAVEPOINT %s",
                                              savepoint->name, savepoint->name);
      g_autoptr(GError) error = NULL;

      if (!store->backend->exec (store, sql, &error))
        g_warning ("Could not roll back to a savepoint: %s", error->message);
    }
  store->savepoints--;
  g_rec_mutex_unlock (&store->mutex);
  g_object_unref (store);
  g_free (savepoint->name);
  g_free (savepoint);
}

gboolean
lk_store_wait_durable (LkStore  *self,
                       GError  **error)
{
  g_autoptr(LkStoreLock) locker = lk_store_lock (self);

  g_return_val_if_fail (!lk_store_in_transaction (self), FALSE);
  return self->backend->wait_durable == NULL || self->backend->wait_durable (self, error);
}

static LkTxn *
txn_new (LkStore *store)
{
  LkTxn *txn = g_new0 (LkTxn, 1);

  txn->store = g_object_ref (store);
  return txn;
}

LkTxn *
lk_txn_begin (LkStore  *store,
              GError  **error)
{
  LkTxn *txn;

  g_return_val_if_fail (LK_IS_STORE (store), NULL);

  g_rec_mutex_lock (&store->mutex);
  if (store->backend->in_transaction (store) && store->enclosing)
    {
      LkSavepoint *savepoint = lk_savepoint_begin (store, error);

      g_rec_mutex_unlock (&store->mutex); /* the savepoint holds it */
      if (savepoint == NULL)
        return NULL;
      txn = txn_new (store);
      txn->savepoint = savepoint;
      g_rec_mutex_lock (&store->mutex); /* released by lk_txn_free() */
      return txn;
    }
  if (store->backend->in_transaction (store))
    {
      g_rec_mutex_unlock (&store->mutex);
      g_set_error (error, LK_ERROR, LK_ERROR_FAILED, "A transaction is already open");
      g_return_val_if_reached (NULL);
    }
  if (!store->backend->begin (store, error))
    {
      g_rec_mutex_unlock (&store->mutex);
      return NULL;
    }
  return txn_new (store);
}

LkTxn *
lk_txn_begin_enclosing (LkStore  *store,
                        GError  **error)
{
  LkTxn *txn;

  g_return_val_if_fail (LK_IS_STORE (store), NULL);
  g_return_val_if_fail (!store->enclosing, NULL);

  txn = lk_txn_begin (store, error);
  if (txn != NULL)
    txn->enclosing = store->enclosing = TRUE;
  return txn;
}

gboolean
lk_txn_commit (LkTxn   *txn,
               GError **error)
{
  g_return_val_if_fail (txn != NULL && !txn->finished, FALSE);

  if (txn->savepoint != NULL)
    {
      if (!lk_savepoint_release (txn->savepoint, error))
        return FALSE;
    }
  else if (!txn->store->backend->commit (txn->store, error))
    return FALSE;
  txn->finished = TRUE;
  return TRUE;
}

void
lk_txn_free (LkTxn *txn)
{
  if (txn == NULL)
    return;
  if (txn->savepoint != NULL)
    g_clear_pointer (&txn->savepoint, lk_savepoint_free);
  else if (!txn->finished)
    txn->store->backend->rollback (txn->store);
  if (txn->enclosing)
    txn->store->enclosing = FALSE;
  g_rec_mutex_unlock (&txn->store->mutex);
  g_object_unref (txn->store);
  g_free (txn);
}
