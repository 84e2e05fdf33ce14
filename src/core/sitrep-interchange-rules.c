/* sitrep-interchange-rules.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-interchange-private.h"

/*
 * The policy's record rules in the interchange format: a "rules" object
 * beside "policy", one boolean per rule, true when it is enforced. A
 * document without it (written before the rules existed) leaves the rules
 * as they are. The same object says whether a hold pauses the resolution
 * clock ("hold_pauses_resolution"), the policy's other yes-or-no choice.
 */

static const struct
{
  SitrepRule  rule;
  const char *member;
} rule_members[] = {
  { SITREP_RULE_RESOLVE_NEEDS_CAUSE, "resolve_needs_cause" },
  { SITREP_RULE_CANCEL_NEEDS_REASON, "cancel_needs_reason" },
  { SITREP_RULE_LOWER_NEEDS_REASON, "lower_needs_reason" },
  { 0, "hold_pauses_resolution" },
};

/* Member @i of the object: a rule, or (rule 0) whether a hold pauses. */
static gboolean
get_member (SitrepPolicy *policy,
            guint         i)
{
  if (rule_members[i].rule == 0)
    return sitrep_policy_get_hold_pauses (policy) != 0;

  return sitrep_policy_get_rule (policy, rule_members[i].rule);
}

static void
set_member (SitrepPolicy *policy,
            guint         i,
            gboolean      value)
{
  if (rule_members[i].rule == 0)
    sitrep_policy_set_hold_pauses (policy, value ? SITREP_DEFAULT_HOLD_PAUSES : 0);
  else
    sitrep_policy_set_rule (policy, rule_members[i].rule, value);
}

/**
 * sitrep_interchange_add_rules:
 * @builder: a builder inside the document's object
 * @policy: the policy whose rules are written
 *
 * Adds the "rules" member.
 */
void
sitrep_interchange_add_rules (JsonBuilder  *builder,
                              SitrepPolicy *policy)
{
  json_builder_set_member_name (builder, "rules");
  json_builder_begin_object (builder);
  for (guint i = 0; i < G_N_ELEMENTS (rule_members); i++)
    {
      json_builder_set_member_name (builder, rule_members[i].member);
      json_builder_add_boolean_value (builder, get_member (policy, i));
    }
  json_builder_end_object (builder);
}

/**
 * sitrep_import_has_rules:
 * @head: the document's object
 *
 * Returns: whether the document says which rules are enforced
 */
gboolean
sitrep_import_has_rules (JsonObject *head)
{
  return sitrep_import_lookup (head, "rules") != NULL;
}

/**
 * sitrep_import_read_rules:
 * @head: the document's object
 * @policy: the policy to set the rules of
 * @error: return location for a #GError
 *
 * Reads the "rules" member, if any, into @policy. A rule it does not name
 * keeps its setting; unknown members are ignored, like elsewhere.
 *
 * Returns: %FALSE with %SITREP_IMPORT_ERROR_INVALID when "rules" is not an
 *   object or a rule is not true or false
 */
gboolean
sitrep_import_read_rules (JsonObject    *head,
                          SitrepPolicy  *policy,
                          GError       **error)
{
  JsonNode *node = sitrep_import_lookup (head, "rules");
  JsonObject *rules;

  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      sitrep_import_set_invalid (error, NULL, "rules", "%s", _("must be an object"));
      return FALSE;
    }

  rules = json_node_get_object (node);
  for (guint i = 0; i < G_N_ELEMENTS (rule_members); i++)
    {
      JsonNode *value = sitrep_import_lookup (rules, rule_members[i].member);

      if (value == NULL)
        continue;
      if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_BOOLEAN)
        {
          sitrep_import_set_invalid (error, "rules", rule_members[i].member, "%s",
                                     _("must be true or false"));
          return FALSE;
        }
      set_member (policy, i, json_node_get_boolean (value));
    }

  return TRUE;
}
