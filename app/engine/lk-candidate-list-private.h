/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared by lk-candidate-list.c (text files, JSON, header fields, checks, loading),
 * lk-candidate-list-csv.c (the CSV form) and lk-candidate-list-images.c (the images). */
#pragma once

#include "lk-internal.h"
#include "engine/lk-candidate-list.h"

G_BEGIN_DECLS

/* One load: the list as read so far, and where each entry came from for messages. */
typedef struct
{
  const LkCandidateLimits *limits;
  char                    *name;    /* base name of the list file, for messages */
  char                    *folder;  /* the list's folder, symbolic links resolved */
  GPtrArray               *where;   /* char *: "candidate 3 (rank 3)", parallel to entries */
  LkCandidateList         *list;
} LkCandidateListLoader;

/* A text file as read: checked as UTF-8, with the SHA-256 of its bytes. */
typedef struct
{
  GMappedFile *map;
  const char  *text;    /* after a UTF-8 byte-order mark, if any */
  gsize        length;
  char        *sha256;  /* of all the bytes as read */
} LkCandidateListText;

void      lk_candidate_list_entry_free  (LkCandidateEntry             *e);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkCandidateEntry, lk_candidate_list_entry_free)

/* Every problem: "WHERE: reason", an LK_ERROR_INVALID_INPUT. Returns FALSE. */
gboolean  lk_candidate_list_fail        (GError                      **error,
                                         const char                   *where,
                                         const char                   *format,
                                         ...) G_GNUC_PRINTF (3, 4);

/* At least one candidate, and no more than the policy allows. */
gboolean  lk_candidate_list_check_count (const LkCandidateListLoader  *l,
                                         guint                         n,
                                         GError                      **error);
/* Takes @e and @where ("line 4 (rank 3)"). */
void      lk_candidate_list_add_entry   (LkCandidateListLoader        *l,
                                         LkCandidateEntry             *e,
                                         char                         *where);

/* The candidates of the CSV file @csv, one a line. */
gboolean  lk_candidate_list_read_csv    (LkCandidateListLoader        *l,
                                         const LkCandidateListText    *csv,
                                         GError                      **error);

/* Reads and checks the image of every entry. */
gboolean  lk_candidate_list_load_images (const LkCandidateListLoader  *l,
                                         GError                      **error);

/* The loader without the files: @list as read from a file called @name, JSON, or CSV when
 * @header (the sidecar's bytes) is not NULL; images relative to @folder. For the fuzz targets. */
LkCandidateList *lk_candidate_list_parse (const char               *name,
                                          GBytes                   *list,
                                          GBytes                   *header,
                                          const char               *folder,
                                          const LkCandidateLimits  *limits,
                                          GError                  **error);

G_END_DECLS
