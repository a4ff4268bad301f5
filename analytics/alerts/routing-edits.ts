/**
 * Changes to the stored routing rules from the admin page and API: add, replace or delete one rule, replace them
 * all, or restore the built-in defaults; each checked against the taxonomy and gazetteer, in one transaction.
 */
import type { Db } from '../../data/db.ts';
import { DlxhError, inputError } from '../../data/errors.ts';
import {
  DEFAULT_ROUTING_RULES,
  PARENT_PLACEHOLDER,
  UNIT_PLACEHOLDER,
  routingRuleSchema,
  routingRulesInForce,
  saveRoutingRules,
  toRoutingRules,
  type RoutingRule,
  type RoutingRulesSource,
} from './routing.ts';

export type RoutingEdit =
  | { kind: 'add'; rule: RoutingRule }
  | { kind: 'replace'; id: string; rule: RoutingRule }
  | { kind: 'delete'; id: string }
  | { kind: 'replace-all'; rules: RoutingRule[] }
  | { kind: 'restore-defaults' };

export interface RoutingChange {
  /** Where the rules came from before the change. */
  source: RoutingRulesSource;
  before: RoutingRule[];
  after: RoutingRule[];
}

export const CONFIG_WINS =
  'routing rules: set in the config file (routing:), which wins over the database; change them there and restart';

const RULE_ID = /^[a-z0-9][a-z0-9._-]{0,63}$/;
/** The stored column is a 32-bit INTEGER. */
const MAX_PRIORITY = 999_999_999;

/**
 * One rule from the config's snake_case form, validated; errors name the field:
 * `parseRoutingRule({ id: 'x', min_severity: 'rất cao' })` throws `routing rule "x": min_severity: Invalid option: …`.
 */
export function parseRoutingRule(raw: unknown, input = 'routing rule'): RoutingRule {
  const id = (raw as { id?: unknown } | null)?.id;
  const label = typeof id === 'string' && id !== '' ? `${input} "${id}"` : input;
  const result = routingRuleSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const field = issue.path.length ? issue.path.map(String).join('.') : '(rule)';
    throw inputError(label, null, `${field}: ${issue.message}`);
  }
  const rule = toRoutingRules([result.data])[0]!;
  if (!RULE_ID.test(rule.id))
    throw inputError(label, null, `id: invalid id (lowercase letters, digits, ".", "_", "-"; at most 64)`);
  if (Math.abs(rule.priority) > MAX_PRIORITY)
    throw inputError(label, null, `priority: out of range (${-MAX_PRIORITY} to ${MAX_PRIORITY})`);
  for (const name of rule.recipients) {
    if (name.includes('{') && name !== UNIT_PLACEHOLDER && name !== PARENT_PLACEHOLDER)
      throw inputError(
        label,
        null,
        `recipients: unknown placeholder "${name}" (use ${UNIT_PLACEHOLDER} or ${PARENT_PLACEHOLDER})`,
      );
  }
  if (rule.recipients.length === 0 && !rule.escalate && !rule.notify)
    throw inputError(label, null, 'recipients: none, and the rule neither escalates nor notifies');
  return { ...rule, topics: [...new Set(rule.topics)], recipients: [...new Set(rule.recipients)] };
}

/** A list of rules (`PUT` body), each validated; errors name the rule's position: `rules[2] "x": topics: …`. */
export function parseRoutingRuleList(raw: unknown): RoutingRule[] {
  if (!Array.isArray(raw)) throw inputError('rules', null, 'expected a list of rules');
  if (raw.length === 0)
    throw inputError('rules', null, 'empty list (restore the defaults to use the built-in rules)');
  const rules = raw.map((r, i) => parseRoutingRule(r, `rules[${i}]`));
  const seen = new Set<string>();
  rules.forEach((r, i) => {
    if (seen.has(r.id)) throw inputError(`rules[${i}] "${r.id}"`, null, 'id: used by an earlier rule');
    seen.add(r.id);
  });
  return rules;
}

/** Topic ids and unit uids the rules name must exist in the taxonomy and gazetteer of the database. */
async function checkReferences(db: Db, rules: readonly RoutingRule[]): Promise<void> {
  const topics = new Set((await db.all<{ id: string }>('SELECT id FROM topics')).map((r) => r.id));
  const units = new Set((await db.all<{ uid: string }>('SELECT uid FROM units')).map((r) => r.uid));
  for (const rule of rules) {
    const label = `routing rule "${rule.id}"`;
    for (const topic of rule.topics)
      if (!topics.has(topic)) throw inputError(label, null, `topics: unknown topic "${topic}"`);
    if (rule.unitUid !== null && !units.has(rule.unitUid))
      throw inputError(label, null, `unit_uid: unknown unit "${rule.unitUid}"`);
  }
}

function indexOfRule(rules: readonly RoutingRule[], id: string): number {
  const index = rules.findIndex((r) => r.id === id);
  if (index < 0) throw new DlxhError('NOT_FOUND', `routing rule "${id}": not found`);
  return index;
}

function refuseTakenId(rules: readonly RoutingRule[], id: string): void {
  if (rules.some((r) => r.id === id))
    throw inputError(`routing rule "${id}"`, null, 'id: a rule with this id already exists');
}

function applyEdit(before: readonly RoutingRule[], edit: RoutingEdit): RoutingRule[] {
  switch (edit.kind) {
    case 'add':
      refuseTakenId(before, edit.rule.id);
      return [...before, edit.rule];
    case 'replace': {
      const index = indexOfRule(before, edit.id);
      if (edit.rule.id !== edit.id) refuseTakenId(before, edit.rule.id);
      return before.map((r, i) => (i === index ? edit.rule : r));
    }
    case 'delete': {
      const index = indexOfRule(before, edit.id);
      if (before.length === 1)
        throw inputError(
          `routing rule "${edit.id}"`,
          null,
          'the last rule cannot be deleted (no stored rules means the built-in defaults); edit it or restore the defaults',
        );
      return before.filter((_, i) => i !== index);
    }
    case 'replace-all':
      return [...edit.rules];
    case 'restore-defaults':
      return [...DEFAULT_ROUTING_RULES];
  }
}

/**
 * Apply `edit` to the rules in force and store the result; refused while the config file sets the rules. The first
 * edit of the built-in defaults stores them with the change. The next routing run reads the stored rules.
 * `await editRoutingRules(db, ctx.config.routing, { kind: 'delete', id: 'gia-ca' })`
 */
export async function editRoutingRules(
  db: Db,
  configured: readonly RoutingRule[] | null | undefined,
  edit: RoutingEdit,
): Promise<RoutingChange> {
  return db.transaction(async () => {
    const current = await routingRulesInForce(db, configured);
    if (current.source === 'config') throw new DlxhError('CONFLICT', CONFIG_WINS);
    const after = applyEdit(current.rules, edit);
    if (edit.kind === 'add' || edit.kind === 'replace') await checkReferences(db, [edit.rule]);
    if (edit.kind === 'replace-all') await checkReferences(db, edit.rules);
    await saveRoutingRules(db, edit.kind === 'restore-defaults' ? [] : after);
    return { source: current.source, before: current.rules, after };
  });
}
