/* sitrep-team-secret.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libsecret/secret.h>

#include "sitrep-store.h"

G_BEGIN_DECLS

const SecretSchema *sitrep_team_secret_get_schema    (void);

void                sitrep_team_secret_store_async   (const char           *address,
                                                      const char           *password,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
gboolean            sitrep_team_secret_store_finish  (GAsyncResult         *result,
                                                      GError              **error);

void                sitrep_team_secret_lookup_async  (const char           *address,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
char               *sitrep_team_secret_lookup_finish (GAsyncResult         *result,
                                                      GError              **error);

void                sitrep_team_secret_clear_async   (const char           *address,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
gboolean            sitrep_team_secret_clear_finish  (GAsyncResult         *result,
                                                      GError              **error);

char               *sitrep_team_secret_lookup_sync   (const char           *address,
                                                      GError              **error);

void                sitrep_team_secret_open_store_async  (const char          *address,
                                                          SitrepClock         *clock,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
SitrepStore        *sitrep_team_secret_open_store_finish (GAsyncResult        *result,
                                                          GError             **error);

G_END_DECLS
