/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What every fuzz target shares. A target defines the two libFuzzer entry points; the fuzzing
 * build (-Dfuzzing=true, clang) links it with libFuzzer, the normal build with lk-fuzz-replay.c,
 * which feeds it every file of its corpus and of its past crashes as a core test. */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <glib.h>

G_BEGIN_DECLS

int   LLVMFuzzerInitialize   (int            *argc,
                              char         ***argv);
int   LLVMFuzzerTestOneInput (const uint8_t  *data,
                              size_t          size);

/* A critical or a warning from GLib while parsing hostile input is a finding: abort on it. */
void  lk_fuzz_init           (void);
/* @data as a NUL-terminated string (embedded NULs kept). */
char *lk_fuzz_text           (const uint8_t  *data,
                              size_t          size);
/* Checks that a parser's answer is consistent: a result exactly when there is no error. */
void  lk_fuzz_check_answer   (gboolean        ok,
                              GError         *error);

G_END_DECLS
