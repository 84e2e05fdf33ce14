/* sitrep-cli.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

const GOptionEntry *sitrep_cli_get_option_entries (void);
int                 sitrep_cli_run                (GVariantDict *options);

G_END_DECLS
