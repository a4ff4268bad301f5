/**
 * Which bodies an alert goes to: rules map topic × locality (× severity) to responsible bodies; sensitive topics
 * and high severity escalate to the unit above and the board's standing office; urgent alerts notify at once.
 */
import { z } from 'zod';
import type { Db } from '../../data/db.ts';
import { SEVERITIES } from '../hotspots/types.ts';
import type { Alert, Severity } from '../hotspots/types.ts';

/** The board's standing office, which receives every escalated alert. */
export const BOARD_OFFICE = 'Văn phòng Ban Tuyên giáo và Dân vận Tỉnh ủy';
/** Placeholders in recipients: the People's Committee of the alert's unit today, and of the unit above it. */
export const UNIT_PLACEHOLDER = '{unit}';
export const PARENT_PLACEHOLDER = '{parent}';

export interface RoutingRule {
  id: string;
  /** Lower runs first; every matching rule adds its recipients. */
  priority: number;
  /** Empty: any topic. */
  topics: string[];
  /** Null: anywhere; else this unit (uid) and the units below it. */
  unitUid: string | null;
  minSeverity: Severity | null;
  recipients: string[];
  escalate: boolean;
  notify: boolean;
}

export const routingRuleSchema = z
  .object({
    id: z.string().min(1),
    priority: z.number().int().default(100),
    topics: z.array(z.string()).default([]),
    unit_uid: z.string().nullable().default(null),
    min_severity: z
      .enum(SEVERITIES as [Severity, ...Severity[]])
      .nullable()
      .default(null),
    recipients: z.array(z.string().min(1)).default([]),
    escalate: z.boolean().default(false),
    notify: z.boolean().default(false),
  })
  .strict();

/** The `routing:` section of the config file: a list of rules replacing the defaults. */
export const routingConfigSchema = z.array(routingRuleSchema);

/** Rules from the config's snake_case form, validated: `parseRoutingRules(yaml.routing)`. */
export function parseRoutingRules(raw: unknown): RoutingRule[] {
  return toRoutingRules(routingConfigSchema.parse(raw));
}

/** Rules from the validated `routing:` section. */
export function toRoutingRules(rules: z.infer<typeof routingConfigSchema>): RoutingRule[] {
  return rules.map((r) => ({
    id: r.id,
    priority: r.priority,
    topics: r.topics,
    unitUid: r.unit_uid,
    minSeverity: r.min_severity,
    recipients: r.recipients,
    escalate: r.escalate,
    notify: r.notify,
  }));
}

function rule(
  id: string,
  topics: string[],
  recipients: string[],
  extra: Partial<RoutingRule> = {},
): RoutingRule {
  return {
    id,
    priority: 100,
    topics,
    unitUid: null,
    minSeverity: null,
    recipients,
    escalate: false,
    notify: false,
    ...extra,
  };
}

/** The province's defaults: each topic to the department in charge and the People's Committee where it happens. */
export const DEFAULT_ROUTING_RULES: readonly RoutingRule[] = [
  rule('dat-dai', ['dat-dai'], ['Sở Nông nghiệp và Môi trường', UNIT_PLACEHOLDER]),
  rule('moi-truong', ['moi-truong'], ['Sở Nông nghiệp và Môi trường', UNIT_PLACEHOLDER]),
  rule('nong-nghiep', ['nong-nghiep'], ['Sở Nông nghiệp và Môi trường', UNIT_PLACEHOLDER]),
  rule('gia-ca', ['gia-ca'], ['Sở Công Thương', 'Sở Tài chính', UNIT_PLACEHOLDER]),
  rule('y-te', ['y-te'], ['Sở Y tế', UNIT_PLACEHOLDER]),
  rule('giao-duc', ['giao-duc'], ['Sở Giáo dục và Đào tạo', UNIT_PLACEHOLDER]),
  rule('an-ninh', ['an-ninh'], ['Công an tỉnh', UNIT_PLACEHOLDER], { escalate: true }),
  rule('tham-nhung', ['tham-nhung'], ['Ủy ban Kiểm tra Tỉnh ủy', 'Thanh tra tỉnh'], { escalate: true }),
  rule('dan-toc-ton-giao', ['dan-toc-ton-giao'], ['Sở Dân tộc và Tôn giáo', UNIT_PLACEHOLDER], {
    escalate: true,
  }),
  rule('giao-thong', ['giao-thong'], ['Sở Xây dựng', 'Công an tỉnh', UNIT_PLACEHOLDER]),
  rule('thu-tuc-hanh-chinh', ['thu-tuc-hanh-chinh'], ['Văn phòng UBND tỉnh', UNIT_PLACEHOLDER]),
  rule('an-sinh', ['an-sinh'], ['Sở Nội vụ', 'Sở Y tế', UNIT_PLACEHOLDER]),
  rule(
    'thien-tai',
    ['thien-tai'],
    ['Ban Chỉ huy Phòng thủ dân sự tỉnh', 'Sở Nông nghiệp và Môi trường', UNIT_PLACEHOLDER],
  ),
  rule(
    'nuoc-sinh-hoat',
    ['nuoc-sinh-hoat'],
    ['Sở Nông nghiệp và Môi trường', 'Sở Xây dựng', UNIT_PLACEHOLDER],
  ),
  rule('tin-don', ['tin-don'], ['Công an tỉnh', 'Sở Văn hóa, Thể thao và Du lịch', UNIT_PLACEHOLDER], {
    escalate: true,
  }),
  rule('fallback', [], [UNIT_PLACEHOLDER], { priority: 1000 }),
  rule('high-severity', [], [], { priority: 10, minSeverity: 'cao', escalate: true }),
  rule('urgent', [], [], { priority: 0, minSeverity: 'khẩn', escalate: true, notify: true }),
];

export interface RoutingUnit {
  uid: string;
  name: string;
  parentUid: string | null;
}

export interface Route {
  /** The body that leads: the first recipient. */
  assignee: string;
  recipients: string[];
  escalated: boolean;
  notify: boolean;
  rules: string[];
}

/** The People's Committee of a unit: `committeeOf('Xã Krông Pắc')` → 'UBND Xã Krông Pắc'. */
export function committeeOf(unitName: string): string {
  return `UBND ${unitName}`;
}

function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

/**
 * Route one alert. `units` gives the current unit and its parent (for '{unit}', '{parent}' and the unit filter);
 * `sensitive` says whether the alert's topic is marked sensitive.
 */
export function routeAlert(
  alert: Pick<Alert, 'topic' | 'severity' | 'currentUid' | 'unitUid'>,
  rules: readonly RoutingRule[],
  units: ReadonlyMap<string, RoutingUnit>,
  sensitive: boolean,
): Route {
  const here = units.get(alert.currentUid ?? alert.unitUid ?? '');
  const parent = here?.parentUid ? units.get(here.parentUid) : undefined;
  const ancestry = new Set<string>();
  for (let at: RoutingUnit | undefined = units.get(alert.unitUid ?? ''); at && ancestry.size < 8;) {
    ancestry.add(at.uid);
    at = at.parentUid ? units.get(at.parentUid) : undefined;
  }
  for (let at: RoutingUnit | undefined = here; at && ancestry.size < 16;) {
    ancestry.add(at.uid);
    at = at.parentUid ? units.get(at.parentUid) : undefined;
  }
  const matching = [...rules]
    .sort((a, b) => a.priority - b.priority || (a.id < b.id ? -1 : 1))
    .filter(
      (r) =>
        (r.topics.length === 0 || (alert.topic !== null && r.topics.includes(alert.topic))) &&
        (r.unitUid === null || ancestry.has(r.unitUid)) &&
        (r.minSeverity === null || severityRank(alert.severity) >= severityRank(r.minSeverity)),
    );
  const specific = matching.some((r) => r.topics.length > 0 && r.recipients.length > 0);
  const used = matching.filter((r) => !(r.id === 'fallback' && specific));
  const escalated = sensitive || used.some((r) => r.escalate);
  const expand = (name: string): string | null => {
    if (name === UNIT_PLACEHOLDER) return here ? committeeOf(here.name) : null;
    if (name === PARENT_PLACEHOLDER) return parent ? committeeOf(parent.name) : null;
    return name;
  };
  const recipients: string[] = [];
  const add = (name: string) => {
    const expanded = expand(name);
    if (expanded && !recipients.includes(expanded)) recipients.push(expanded);
  };
  for (const r of used) r.recipients.forEach(add);
  if (escalated) {
    add(PARENT_PLACEHOLDER);
    add(BOARD_OFFICE);
  }
  if (recipients.length === 0) add(BOARD_OFFICE);
  return {
    assignee: recipients[0]!,
    recipients,
    escalated,
    notify: used.some((r) => r.notify),
    rules: used.map((r) => r.id),
  };
}

interface RuleRow {
  id: string;
  priority: number;
  topics: string[];
  unit_uid: string | null;
  min_severity: string | null;
  recipients: string[];
  escalate: boolean;
  notify: boolean;
}

/** Where the rules in force come from: the config file wins, then the database, then the built-in defaults. */
export type RoutingRulesSource = 'config' | 'database' | 'defaults';

/**
 * The rules the pipeline routes by and where they come from: `configured` (the config's `routing:`) when set, else
 * the stored rules, else the defaults. `await routingRulesInForce(db, ctx.config.routing)`
 */
export async function routingRulesInForce(
  db: Db,
  configured: readonly RoutingRule[] | null | undefined,
): Promise<{ source: RoutingRulesSource; rules: RoutingRule[] }> {
  if (configured) return { source: 'config', rules: [...configured] };
  const stored = await storedRoutingRules(db);
  return stored.length
    ? { source: 'database', rules: stored }
    : { source: 'defaults', rules: [...DEFAULT_ROUTING_RULES] };
}

/** The rules in `routing_rules`, or the defaults when the table is empty. */
export async function loadRoutingRules(db: Db): Promise<RoutingRule[]> {
  return (await routingRulesInForce(db, null)).rules;
}

/** A rule in the config's snake_case form (what `parseRoutingRules` reads), for the API and the audit log. */
export function routingRuleToConfig(r: RoutingRule): z.infer<typeof routingRuleSchema> {
  return {
    id: r.id,
    priority: r.priority,
    topics: r.topics,
    unit_uid: r.unitUid,
    min_severity: r.minSeverity,
    recipients: r.recipients,
    escalate: r.escalate,
    notify: r.notify,
  };
}

async function storedRoutingRules(db: Db): Promise<RoutingRule[]> {
  const rows = await db.all<RuleRow>('SELECT * FROM routing_rules ORDER BY priority, id');
  return toRoutingRules(rows.map((r) => ({ ...r, min_severity: r.min_severity as Severity | null })));
}

/** Replace the stored rules (the admin page and the config call this). */
export async function saveRoutingRules(db: Db, rules: readonly RoutingRule[]): Promise<void> {
  await db.transaction(async () => {
    await db.run('DELETE FROM routing_rules');
    for (const r of rules) {
      await db.run(
        `INSERT INTO routing_rules (id, priority, topics, unit_uid, min_severity, recipients, escalate, notify)
         VALUES ($id, $priority, $topics::VARCHAR[], $unit_uid, $min_severity, $recipients::VARCHAR[], $escalate, $notify)`,
        routingRuleToConfig(r),
      );
    }
  });
}

/** Units for `routeAlert`, read from the `units` table. */
export async function loadRoutingUnits(db: Db): Promise<Map<string, RoutingUnit>> {
  const rows = await db.all<{ uid: string; name: string; parent_uid: string | null }>(
    'SELECT uid, name, parent_uid FROM units',
  );
  return new Map(rows.map((r) => [r.uid, { uid: r.uid, name: r.name, parentUid: r.parent_uid }]));
}
