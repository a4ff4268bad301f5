/**
 * Need to know, enforced in one place. A user sees a record only if their clearance is at least its
 * classification and its locality lies in their unit's area or its topic is one their unit answers for;
 * admins and the board's analysts see the whole province; contributors see only what they submitted.
 *
 * Every page, API, export and SQL query reads records through `openScopedDb`: a connection of its own on
 * which each table of the database is shadowed by a TEMP VIEW of the same name holding only the rows the
 * user may see (unqualified and `main.`-qualified names both resolve to these views), and tables the
 * rule does not know are shadowed by empty views. The SQL explorer adds an allow-list check of the
 * parsed query and a fence that keeps the user's expressions away from rows the filter removed.
 */
import type { Db, Params, Row } from './db.ts';
import { quoteIdent } from './db.ts';
import type { Reads } from './readers.ts';
import { DlxhError, errorMessage } from './errors.ts';
import { readSqlFile } from './sql-file.ts';
import { duckdbStorage } from './storage.ts';
import type { Role } from './users.ts';

const sql = readSqlFile(new URL('./access.sql', import.meta.url));

export interface Viewer {
  id: string;
  username: string;
  role: Role;
  unit_uid: string | null;
  clearance: number;
}

export interface AccessScope {
  viewer: Viewer;
  /** Highest classification the viewer may read (0 Thường … 3 Tuyệt mật). */
  clearance: number;
  /** Sees the whole province (admins, analysts, users of a province-level unit). */
  province: boolean;
  /** Unit uids (both eras) in the viewer's area; empty when `province`. */
  areas: readonly string[];
  /** Topics the viewer's unit or agency is responsible for. */
  topics: readonly string[];
  /** Contributors: only records they submitted. */
  ownOnly: boolean;
}

/** Reference data every signed-in user may read in full. */
export const PUBLIC_TABLES: ReadonlySet<string> = new Set([
  'units',
  'unit_successors',
  'topics',
  'unit_topics',
  'agencies',
]);
/** Never readable through a scoped connection, whatever their columns (pages read them by role). */
const PRIVATE_TABLES: ReadonlySet<string> = new Set([
  'users',
  'audit_store',
  'login_failures',
  'raw_items',
  'sources',
  'fetch_log',
  'http_cache',
  'job_runs',
  'schema_migrations',
  'reference_version',
  'pseudonym_map',
  'notification_targets',
  'notifications_outbox',
  'routing_rules',
  'daily_counts_days',
  'daily_counts_state',
]);
/** Counts of documents (data/daily-counts.ts), each row carrying the access columns of the documents it counts. */
const DOCUMENT_COUNTS = 'daily_counts';
const LOCALITY_COLUMNS = ['locality_uid', 'unit_uid', 'current_uid'];
const TOPIC_COLUMNS = ['topics', 'topic_ids', 'topic_id', 'topic'];
const OWNER_COLUMNS = ['submitted_by', 'created_by'];
const DOCUMENT_LINKS = ['doc_id', 'document_id'];
const NAMED_LINKS: Record<string, [string, string]> = { survey: ['surveys', 'name'] };
const PROVINCE_ROLES: ReadonlySet<Role> = new Set(['admin', 'analyst']);

/** The board's own staff (admins and analysts): they see the whole province and manage what units ask of the board. */
export function isBoardStaff(role: Role): boolean {
  return PROVINCE_ROLES.has(role);
}
/**
 * Tables whose rows are made for one unit or agency (a briefing of its area, a survey request it filed): that unit's
 * own users see them.
 */
const MADE_FOR_COLUMNS: Record<string, string> = { briefings: 'unit_uid', survey_requests: 'requester_uid' };

function clampClearance(value: number): number {
  return Number.isInteger(value) ? Math.min(Math.max(value, 0), 3) : 0;
}

/**
 * What `viewer` may see, from their role, clearance, unit (or agency) and its responsibilities.
 * `await resolveScope(db, user)` → `{ clearance: 1, province: false, areas: ['24133/2025', ...], topics: [] }`
 */
export async function resolveScope(db: Reads, viewer: Viewer): Promise<AccessScope> {
  const base = { viewer, clearance: clampClearance(viewer.clearance), ownOnly: false };
  if (viewer.role === 'contributor')
    return { ...base, province: false, areas: [], topics: [], ownOnly: true };
  const unit = viewer.unit_uid;
  const topics = unit
    ? (await db.all<{ topic_id: string }>(sql('unit_topics'), { unit })).map((r) => r.topic_id)
    : [];
  if (PROVINCE_ROLES.has(viewer.role)) return { ...base, province: true, areas: [], topics };
  if (!unit) return { ...base, province: false, areas: [], topics };
  const root = await areaRoot(db, unit);
  if (!root) return { ...base, province: false, areas: [], topics };
  if (root.level === 1 && root.current) return { ...base, province: true, areas: [], topics };
  return { ...base, province: false, areas: await areaBelow(db, root.uid), topics };
}

function areaRoot(db: Reads, unit: string) {
  return db.one<{ uid: string; level: number; current: boolean }>(sql('unit_root'), { unit });
}

async function areaBelow(db: Reads, root: string): Promise<string[]> {
  return (await db.all<{ uid: string }>(sql('area'), { root })).map((r) => r.uid);
}

/**
 * Every unit uid in the area of `unit` (a unit or an agency): the unit, the units below it and their pre-2025
 * predecessors; empty for an agency without an area. `await unitsInArea(db, '24133/2025')` → `['24133/2025', …]`
 */
export async function unitsInArea(db: Reads, unit: string): Promise<string[]> {
  const root = await areaRoot(db, unit);
  return root ? areaBelow(db, root.uid) : [];
}

/**
 * Identifies what a scope sees, for caching answers computed on a scoped connection: users with the same
 * clearance, area and topics share it (contributors, who see their own records, each have their own).
 */
export function scopeKey(scope: AccessScope): string {
  return JSON.stringify([
    scope.ownOnly ? scope.viewer.id : null,
    scope.clearance,
    scope.province,
    scope.ownOnly,
    scope.areas,
    scope.topics,
  ]);
}

/** A record's access attributes, for checks on records held in memory (the SQL views apply the same rule). */
export interface ScopedRecord {
  classification: number;
  locality_uid?: string | null;
  topics?: readonly string[];
  owner?: string | null;
  /** The unit or agency the record was made for (briefings): its users see it. */
  madeFor?: string | null;
}

/** Whether the scope may see the record: `canSee(scope, { classification: 1, locality_uid: '24133/2025' })`. */
export function canSee(scope: AccessScope, record: ScopedRecord): boolean {
  if (!(record.classification <= scope.clearance)) return false;
  if (scope.ownOnly) return !!record.owner && record.owner === scope.viewer.id;
  if (scope.province) return true;
  if (record.locality_uid && scope.areas.includes(record.locality_uid)) return true;
  if (record.madeFor && record.madeFor === scope.viewer.unit_uid) return true;
  return (record.topics ?? []).some((t) => scope.topics.includes(t));
}

/** A column that names a row of another exposed table: the row is visible when that row is. */
export interface TableLink {
  column: string;
  parent: string;
  key: string;
}

/** How one table is exposed on a scoped connection. */
export type TablePlan =
  | { kind: 'public' }
  | { kind: 'hidden' }
  | { kind: 'documents' }
  | { kind: 'document_counts' }
  | {
      kind: 'classified';
      localities: string[];
      topics: { column: string; list: boolean } | null;
      owner: string | null;
      /** Column naming the unit the row was made for (MADE_FOR_COLUMNS). */
      madeFor: string | null;
      links: TableLink[];
    }
  | { kind: 'child'; link: TableLink };

interface CatalogTable {
  columns: Map<string, string>;
  view: boolean;
}

async function readCatalog(db: Db): Promise<Map<string, CatalogTable>> {
  const tables = new Map<string, CatalogTable>();
  for (const row of await db.all<{ table_name: string; column_name: string; data_type: string }>(
    sql('catalog_columns'),
  )) {
    const table = tables.get(row.table_name) ?? { columns: new Map(), view: false };
    table.columns.set(row.column_name.toLowerCase(), row.data_type);
    tables.set(row.table_name, table);
  }
  for (const row of await db.all<{ view_name: string }>(sql('catalog_views'))) {
    tables.set(row.view_name, { columns: new Map(), view: true });
  }
  return tables;
}

/** The parent a column refers to: `doc_id` → documents.id, `alert_id` → alerts.id, `survey` → surveys.name. */
function linkFor(column: string, exposed: ReadonlySet<string>, catalog: Map<string, CatalogTable>) {
  const candidates: [string, string][] = [];
  if (DOCUMENT_LINKS.includes(column)) candidates.push(['documents', 'id']);
  const named = NAMED_LINKS[column];
  if (named) candidates.push(named);
  const match = /^(\w+)_id$/.exec(column);
  if (match) candidates.push([`${match[1]}s`, 'id'], [`${match[1]}es`, 'id']);
  for (const [parent, key] of candidates) {
    if (exposed.has(parent) && catalog.get(parent)?.columns.has(key)) return { column, parent, key };
  }
  return undefined;
}

/**
 * How each table and view of the main schema is exposed, in creation order (parents before children):
 * reference tables in full; `documents` by its own rule; tables with a `classification` column by their
 * locality, topic or owner columns or a visible parent; tables linked to a visible parent (`doc_id`,
 * `case_id`, `survey`) by that parent; everything else hidden.
 */
export async function planTables(db: Db): Promise<Map<string, TablePlan>> {
  const catalog = await readCatalog(db);
  const plans = new Map<string, TablePlan>();
  const pending: string[] = [];
  for (const [name, table] of catalog) {
    const lower = name.toLowerCase();
    if (table.view || PRIVATE_TABLES.has(lower)) plans.set(name, { kind: 'hidden' });
    else if (PUBLIC_TABLES.has(lower)) plans.set(name, { kind: 'public' });
    else if (lower === 'documents') plans.set(name, { kind: 'documents' });
    else if (lower === DOCUMENT_COUNTS) plans.set(name, { kind: 'document_counts' });
    else pending.push(name);
  }
  const classified = pending.filter((name) => catalog.get(name)!.columns.has('classification'));
  const exposed = new Set(['documents', ...classified].filter((n) => catalog.has(n)));
  for (const name of classified) {
    const columns = catalog.get(name)!.columns;
    const topic = TOPIC_COLUMNS.find((c) => columns.has(c));
    const madeFor = MADE_FOR_COLUMNS[name.toLowerCase()];
    const links = [...columns.keys()]
      .map((c) => linkFor(c, exposed, catalog))
      .filter((l): l is TableLink => !!l && l.parent !== name);
    plans.set(name, {
      kind: 'classified',
      localities: LOCALITY_COLUMNS.filter((c) => columns.has(c)),
      topics: topic ? { column: topic, list: columns.get(topic)!.endsWith('[]') } : null,
      owner: OWNER_COLUMNS.find((c) => columns.has(c)) ?? null,
      madeFor: madeFor && columns.has(madeFor) ? madeFor : null,
      links,
    });
  }
  const children = pending.filter((name) => !classified.includes(name));
  for (let progress = true; progress;) {
    progress = false;
    for (const name of children) {
      if (plans.has(name)) continue;
      const columns = [...catalog.get(name)!.columns.keys()];
      const ordered = [...columns.filter((c) => DOCUMENT_LINKS.includes(c)), ...columns];
      const link = ordered.map((c) => linkFor(c, exposed, catalog)).find((l) => l && l.parent !== name);
      if (!link) continue;
      plans.set(name, { kind: 'child', link });
      exposed.add(name);
      progress = true;
    }
  }
  for (const name of children) if (!plans.has(name)) plans.set(name, { kind: 'hidden' });
  return inCreationOrder(plans);
}

function parentsOf(plan: TablePlan): string[] {
  if (plan.kind === 'child') return [plan.link.parent];
  if (plan.kind === 'classified') return plan.links.map((l) => l.parent);
  return [];
}

function inCreationOrder(plans: Map<string, TablePlan>): Map<string, TablePlan> {
  const ordered = new Map<string, TablePlan>();
  const visiting = new Set<string>();
  const visit = (name: string) => {
    if (ordered.has(name) || !plans.has(name)) return;
    if (visiting.has(name)) throw new Error(`table ${name}: circular links between tables`);
    visiting.add(name);
    for (const parent of parentsOf(plans.get(name)!)) visit(parent);
    ordered.set(name, plans.get(name)!);
  };
  for (const name of plans.keys()) visit(name);
  return ordered;
}

const CLEARANCE = '(SELECT clearance FROM temp.acl_viewer)';
const VIEWER_ID = '(SELECT id FROM temp.acl_viewer)';
const VIEWER_UNIT = '(SELECT unit_uid FROM temp.acl_viewer)';
const IN_AREA = 'IN (SELECT uid FROM temp.acl_areas)';
const TOPIC_LIST = '(SELECT list(id) FROM temp.acl_topics)';
const AREA_LIST = '(SELECT list(uid) FROM temp.acl_areas)';
// A LIMIT whose value the optimiser cannot know keeps the user's predicates above the access filter, so
// that an expression that fails (a cast, error()) never runs on a row the user may not see.
const FENCE = 'LIMIT (SELECT fence FROM temp.acl_fence)';

/** SQL naming every row of a base table: the table, or its rows across the storage tiers (data/storage.ts). */
type TableSource = (table: string) => string;

function linkClause(
  link: TableLink,
  plans: Map<string, TablePlan>,
  scope: AccessScope,
  from: TableSource,
): string {
  const column = `t.${quoteIdent(link.column)}`;
  const parent = plans.get(link.parent);
  const classifiedParent = parent?.kind === 'documents' || parent?.kind === 'classified';
  if (scope.province && !scope.ownOnly && classifiedParent) {
    // Province-wide the parent's rule is its classification alone: test against the (usually few) rows above
    // the clearance instead of building the set of every visible parent.
    return `${column} IS NOT NULL AND ${column} NOT IN (SELECT ${quoteIdent(link.key)} FROM ${from(link.parent)} WHERE classification > ${CLEARANCE})`;
  }
  return `${column} IN (SELECT ${quoteIdent(link.key)} FROM temp.${quoteIdent(link.parent)})`;
}

function filterFor(
  plan: TablePlan,
  plans: Map<string, TablePlan>,
  scope: AccessScope,
  from: TableSource,
): string {
  const col = (c: string) => `t.${quoteIdent(c)}`;
  switch (plan.kind) {
    case 'public':
      return 'true';
    case 'hidden':
      return 'false';
    case 'child':
      return linkClause(plan.link, plans, scope, from);
    case 'documents': {
      if (scope.ownOnly) return 'false';
      if (scope.province) return `t.classification <= ${CLEARANCE}`;
      const scores = from('doc_scores');
      const parts: string[] = [];
      if (scope.areas.length) {
        parts.push(
          `t.locality_uid ${IN_AREA}`,
          `(t.locality_uid IS NULL AND t.id IN (SELECT doc_id FROM ${scores} WHERE locality_uid ${IN_AREA}))`,
        );
      }
      if (scope.topics.length) {
        parts.push(`t.id IN (SELECT doc_id FROM ${scores} WHERE list_has_any(topics, ${TOPIC_LIST}))`);
      }
      return `t.classification <= ${CLEARANCE} AND (${parts.join(' OR ') || 'false'})`;
    }
    case 'document_counts': {
      // The rule of 'documents' above: scope_localities holds the document's locality, else the localities its
      // scores found; scope_topics the topics of all its scores.
      if (scope.ownOnly) return 'false';
      if (scope.province) return `t.classification <= ${CLEARANCE}`;
      const parts: string[] = [];
      if (scope.areas.length) parts.push(`list_has_any(t.scope_localities, ${AREA_LIST})`);
      if (scope.topics.length) parts.push(`list_has_any(t.scope_topics, ${TOPIC_LIST})`);
      return `t.classification <= ${CLEARANCE} AND (${parts.join(' OR ') || 'false'})`;
    }
    case 'classified': {
      let scoped: string;
      if (scope.ownOnly) scoped = plan.owner ? `${col(plan.owner)} = ${VIEWER_ID}` : 'false';
      else if (scope.province) scoped = 'true';
      else {
        const parts = scope.areas.length ? plan.localities.map((c) => `${col(c)} ${IN_AREA}`) : [];
        if (scope.topics.length && plan.topics?.list) {
          parts.push(`list_has_any(${col(plan.topics.column)}, ${TOPIC_LIST})`);
        } else if (scope.topics.length && plan.topics) {
          parts.push(`${col(plan.topics.column)} IN (SELECT id FROM temp.acl_topics)`);
        }
        if (plan.madeFor) parts.push(`${col(plan.madeFor)} = ${VIEWER_UNIT}`);
        parts.push(...plan.links.map((link) => linkClause(link, plans, scope, from)));
        scoped = parts.length ? parts.join(' OR ') : 'false';
      }
      return `t.classification <= ${CLEARANCE} AND (${scoped})`;
    }
  }
}

/** What the access rule knows of the database's tables, kept until the catalog changes. */
interface CatalogInfo {
  fingerprint: string;
  /** `"catalog".main`, where the base tables live. */
  base: string;
  /** Tables whose rows are split between the database and the archive tier, with the SQL spanning both. */
  tiers: Map<string, string>;
  plans: Map<string, TablePlan>;
  /** Non-hidden tables: the names a user may write in the SQL explorer. */
  allowed: string[];
  /** Every table and view name of every catalog, lower case: no CTE may take one of these names. */
  objects: Set<string>;
}

const catalogs = new WeakMap<Db, CatalogInfo>();

async function catalogFingerprint(db: Reads): Promise<string> {
  return (await db.one<{ fingerprint: string }>(sql('fingerprint')))!.fingerprint;
}

/**
 * The table plans of `db`, recomputed only when a table, view or column was added or removed; `reads`: where to
 * check for that (default `db`).
 */
export async function catalogInfo(db: Db, reads: Reads = db): Promise<CatalogInfo> {
  const fingerprint = await catalogFingerprint(reads);
  const cached = catalogs.get(db);
  if (cached?.fingerprint === fingerprint) return cached;
  const name = (await db.one<{ name: string }>('SELECT current_database() AS name'))!.name;
  const plans = await planTables(db);
  const base = `${quoteIdent(name)}.main`;
  const info: CatalogInfo = {
    fingerprint,
    base,
    tiers: await duckdbStorage(db).splitRelations(base),
    plans,
    allowed: [...plans]
      .filter(([, plan]) => plan.kind !== 'hidden')
      .map(([table]) => table)
      .sort(),
    objects: new Set([
      ...(await db.all<{ name: string }>(sql('object_names'))).map((r) => r.name),
      'acl_viewer',
      'acl_areas',
      'acl_topics',
      'acl_fence',
    ]),
  };
  catalogs.set(db, info);
  return info;
}

/**
 * How a scoped connection is made: `fenced` makes each view an optimisation fence; `only` limits the views to those
 * tables (and the tables they depend on); `reads` is where the catalog is checked for changes (default the database).
 */
export interface ScopedOptions {
  fenced?: boolean;
  only?: readonly string[];
  reads?: Reads;
}

/** A connection on which every table name resolves to the rows one user may see. */
export interface ScopedDb {
  /** Query with ordinary, unqualified table names; they are the filtered views. */
  readonly db: Db;
  readonly scope: AccessScope;
  /** Tables and views a user may name in the SQL explorer, sorted. */
  readonly tables: readonly string[];
  /** The catalog the views were made for. */
  readonly fingerprint: string;
  close(): void;
}

function withAncestors(names: readonly string[], plans: Map<string, TablePlan>): Set<string> {
  const wanted = new Set<string>();
  const add = (name: string) => {
    const plan = plans.get(name);
    if (!plan || wanted.has(name)) return;
    wanted.add(name);
    parentsOf(plan).forEach(add);
  };
  names.forEach(add);
  return wanted;
}

/**
 * Open a connection restricted to what `scope` may see; close it when done.
 * `const scoped = await openScopedDb(db, scope); await scoped.db.all('SELECT count(*) FROM documents')`
 * With `fenced`, each view is an optimisation fence (slower; for SQL written by users). With `only`, just
 * those tables (and the tables they depend on) get views: for a query whose tables are known and checked.
 */
export async function openScopedDb(
  db: Db,
  scope: AccessScope,
  options: ScopedOptions = {},
): Promise<ScopedDb> {
  const info = await catalogInfo(db, options.reads);
  const conn = await db.connect();
  try {
    await conn.run(sql('acl_tables'));
    await conn.run(sql('acl_viewer'), {
      id: scope.viewer.id,
      clearance: scope.clearance,
      province: scope.province,
      own_only: scope.ownOnly,
      unit: scope.viewer.unit_uid,
    });
    if (scope.areas.length) await conn.run(sql('acl_areas'), { uids: [...scope.areas] });
    if (scope.topics.length) await conn.run(sql('acl_topics'), { ids: [...scope.topics] });
    const wanted = options.only ? withAncestors(options.only, info.plans) : null;
    const from: TableSource = (table) => info.tiers.get(table) ?? `${info.base}.${quoteIdent(table)}`;
    const views: string[] = [];
    for (const [name, plan] of info.plans) {
      if (wanted && !wanted.has(name)) continue;
      const fence = options.fenced && plan.kind !== 'public' && plan.kind !== 'hidden' ? FENCE : '';
      views.push(
        `CREATE TEMP VIEW ${quoteIdent(name)} AS SELECT t.* FROM ${from(name)} t
         WHERE ${filterFor(plan, info.plans, scope, from)} ${fence}`,
      );
    }
    if (views.length) await conn.run(views.join(';\n'));
    return {
      db: conn,
      scope,
      tables: info.allowed,
      fingerprint: info.fingerprint,
      close: () => conn.close(),
    };
  } catch (error) {
    conn.close();
    throw error;
  }
}

/** Run `fn` on a scoped connection and close it afterwards. */
export async function withScopedDb<T>(
  db: Db,
  scope: AccessScope,
  fn: (scoped: ScopedDb) => Promise<T>,
  options: ScopedOptions = {},
): Promise<T> {
  const scoped = await openScopedDb(db, scope, options);
  try {
    return await fn(scoped);
  } finally {
    scoped.close();
  }
}

interface PoolEntry {
  key: string;
  scoped: Promise<ScopedDb>;
  users: number;
  stale: boolean;
  checkedAt: number;
}

/**
 * Scoped connections kept for reuse (making one costs a view per table): up to `perScope` per distinct scope,
 * so that one user's concurrent requests run in parallel, and `max` in all, the least recently used closed
 * first. A connection is rebuilt when the catalog has changed (checked at most every `recheckMs`); one in use
 * is closed only once its last user is done.
 */
export class ScopedDbPool {
  private readonly entries: PoolEntry[] = [];
  private readonly max: number;
  private readonly perScope: number;
  private readonly recheckMs: number;
  private readonly reads: Reads;

  /** `reads`: where to check the catalog for changes (default `db`). */
  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
    options: { max?: number; perScope?: number; recheckMs?: number; reads?: Reads } = {},
  ) {
    this.reads = options.reads ?? db;
    this.max = options.max ?? 64;
    this.perScope = options.perScope ?? 4;
    this.recheckMs = options.recheckMs ?? 5000;
  }

  /** Run `fn` on a pooled connection for `scope`. Do not create temporary objects with fixed names on it. */
  async use<T>(scope: AccessScope, fn: (scoped: ScopedDb) => Promise<T>): Promise<T> {
    const entry = await this.acquire(scope);
    try {
      return await fn(await entry.scoped);
    } finally {
      entry.users--;
      if (entry.stale && entry.users === 0) this.dispose(entry);
    }
  }

  private async acquire(scope: AccessScope): Promise<PoolEntry> {
    const key = JSON.stringify([
      scope.viewer.id,
      scope.clearance,
      scope.province,
      scope.ownOnly,
      scope.areas,
      scope.topics,
    ]);
    const at = this.now().getTime();
    for (const entry of this.entries.filter((e) => e.key === key && at - e.checkedAt >= this.recheckMs)) {
      entry.checkedAt = at;
      const [fingerprint, scoped] = await Promise.all([
        catalogFingerprint(this.reads),
        entry.scoped.catch(() => null),
      ]);
      if (fingerprint !== scoped?.fingerprint) this.retire(entry);
    }
    const mine = this.entries.filter((e) => e.key === key);
    let entry = mine.reduce<PoolEntry | undefined>(
      (best, e) => (!best || e.users < best.users ? e : best),
      undefined,
    );
    if (!entry || (entry.users > 0 && mine.length < this.perScope)) {
      const created: PoolEntry = {
        key,
        scoped: openScopedDb(this.db, scope, { reads: this.reads }),
        users: 0,
        stale: false,
        checkedAt: at,
      };
      created.scoped.catch(() => this.retire(created));
      entry = created;
    } else {
      this.entries.splice(this.entries.indexOf(entry), 1);
    }
    this.entries.push(entry);
    entry.users++;
    for (const old of [...this.entries]) {
      if (this.entries.length <= this.max) break;
      if (old !== entry) this.retire(old);
    }
    return entry;
  }

  private retire(entry: PoolEntry): void {
    const index = this.entries.indexOf(entry);
    if (index >= 0) this.entries.splice(index, 1);
    entry.stale = true;
    if (entry.users === 0) this.dispose(entry);
  }

  private dispose(entry: PoolEntry): void {
    entry.scoped.then((scoped) => scoped.close()).catch(() => undefined);
  }

  /** Close every pooled connection (each as soon as it is idle). */
  close(): void {
    for (const entry of [...this.entries]) this.retire(entry);
  }

  /** Connections held. */
  get size(): number {
    return this.entries.length;
  }
}

export const EXPLORER_DEFAULTS = { maxRows: 5000, timeoutMs: 10_000, maxLength: 20_000 };

const BLOCKED_FUNCTIONS = new Set([
  'error',
  'nextval',
  'currval',
  'setval',
  'getenv',
  'getvariable',
  'current_setting',
  'json_execute_serialized_sql',
  'json_serialize_sql',
  'json_deserialize_sql',
  'json_serialize_plan',
  'query',
  'query_table',
]);
const BLOCKED_FUNCTION_PREFIXES = ['duckdb_', 'pragma_', 'read_', 'parquet_', 'glob', 'sniff_'];
const TABLE_REF_TYPES = new Set(['BASE_TABLE', 'JOIN', 'SUBQUERY', 'EXPRESSION_LIST', 'EMPTY', 'PIVOT']);

type Node = Record<string, unknown>;

function walk(node: unknown, visit: (node: Node) => void): void {
  if (Array.isArray(node)) {
    for (const child of node) walk(child, visit);
  } else if (node && typeof node === 'object') {
    visit(node as Node);
    for (const child of Object.values(node)) walk(child, visit);
  }
}

function refuse(problem: string): never {
  throw new DlxhError('FORBIDDEN', `sql: ${problem}`);
}

/**
 * Check a user's query before it runs: exactly one SELECT; tables only the exposed ones and CTEs (no schema
 * or database names, no files, no table functions, no CTE taking a table's name); no function that reads
 * files, settings or sequences, and no macro. Returns the tables it reads.
 */
export async function checkExplorerQuery(db: Db, text: string, reads: Reads = db): Promise<string[]> {
  if (text.trim() === '') throw new DlxhError('INPUT', 'sql: empty query');
  if (text.length > EXPLORER_DEFAULTS.maxLength) {
    throw new DlxhError('INPUT', `sql: query longer than ${EXPLORER_DEFAULTS.maxLength} characters`);
  }
  const info = await catalogInfo(db, reads);
  const row = await reads.one<{ json: string }>('SELECT json_serialize_sql($sql::VARCHAR) AS json', {
    sql: text,
  });
  const parsed = JSON.parse(row!.json) as { error: boolean; error_message?: string; statements?: unknown[] };
  if (parsed.error) {
    if (/Only SELECT/i.test(parsed.error_message ?? '')) refuse('only SELECT queries are allowed here');
    throw new DlxhError('INPUT', `sql: ${parsed.error_message ?? 'cannot parse the query'}`);
  }
  if (parsed.statements?.length !== 1)
    refuse(`expected exactly one statement, got ${parsed.statements?.length}`);

  const allowed = new Set(info.allowed.map((t) => t.toLowerCase()));
  const ctes = new Set<string>();
  walk(parsed.statements, (node) => {
    const map = (node.cte_map as { map?: { key: string }[] } | undefined)?.map;
    for (const entry of map ?? []) ctes.add(entry.key.toLowerCase());
  });
  for (const cte of ctes)
    if (info.objects.has(cte)) refuse(`the name "${cte}" of a WITH clause hides a table`);

  const macros = new Set((await reads.all<{ name: string }>(sql('user_macros'))).map((r) => r.name));
  const read = new Set<string>();
  walk(parsed.statements, (node) => {
    if ('sample' in node && 'alias' in node && !('class' in node) && typeof node.type === 'string') {
      if (!TABLE_REF_TYPES.has(node.type)) {
        const fn = (node.function as Node | undefined)?.function_name;
        refuse(
          fn ? `table functions are not allowed: ${String(fn)}` : `${node.type.toLowerCase()} is not allowed`,
        );
      }
      if (node.type === 'BASE_TABLE') {
        const name = String(node.table_name);
        if (node.catalog_name || node.schema_name) {
          const full = [node.catalog_name, node.schema_name, name].filter(Boolean).join('.');
          refuse(`name tables without a schema or database: ${full}`);
        }
        const lower = name.toLowerCase();
        if (ctes.has(lower)) return;
        if (!allowed.has(lower)) refuse(`table "${name}" is not available here`);
        read.add(info.allowed.find((t) => t.toLowerCase() === lower)!);
      }
    }
    if (node.class === 'FUNCTION') {
      const name = String(node.function_name).toLowerCase();
      if (node.schema || node.catalog) refuse(`function ${name}: qualified function names are not allowed`);
      if (
        BLOCKED_FUNCTIONS.has(name) ||
        BLOCKED_FUNCTION_PREFIXES.some((p) => name.startsWith(p)) ||
        macros.has(name)
      ) {
        refuse(`function ${name} is not allowed here`);
      }
    }
  });
  return [...read].sort();
}

export interface ExplorerResult {
  columns: string[];
  /** DuckDB type of each column, in order (`BIGINT`, `VARCHAR[]`, `TIMESTAMP WITH TIME ZONE`, …). */
  types: string[];
  rows: Row[];
  truncated: boolean;
  /** Tables the query read. */
  tables: string[];
}

export interface ExplorerOptions {
  maxRows?: number;
  timeoutMs?: number;
  /** Where the checks read the catalog (default the database's own connection), e.g. a server's `readConnections`. */
  reads?: Reads;
}

async function withTimeLimit<T>(scoped: ScopedDb, timeoutMs: number, fn: () => Promise<T>): Promise<T> {
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    scoped.db.interrupt();
  }, timeoutMs);
  try {
    return await fn();
  } catch (error) {
    if (timedOut) throw new DlxhError('INPUT', `sql: stopped at the time limit of ${timeoutMs / 1000} s`);
    if (error instanceof DlxhError) throw error;
    throw new DlxhError('INPUT', `sql: ${errorMessage(error)}`, { cause: error });
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Run an analyst's read-only query over the rows `scope` may see, with row and time limits.
 * `await runExplorerQuery(db, scope, 'SELECT count(*) FROM documents')`
 */
export async function runExplorerQuery(
  db: Db,
  scope: AccessScope,
  text: string,
  options: ExplorerOptions = {},
): Promise<ExplorerResult> {
  const maxRows = options.maxRows ?? EXPLORER_DEFAULTS.maxRows;
  const timeoutMs = options.timeoutMs ?? EXPLORER_DEFAULTS.timeoutMs;
  const tables = await checkExplorerQuery(db, text, options.reads);
  return withScopedDb(
    db,
    scope,
    async (scoped) => {
      const result = await withTimeLimit(scoped, timeoutMs, () => scoped.db.readOnlyQuery(text, maxRows));
      const described = await withTimeLimit(scoped, timeoutMs, () =>
        scoped.db.all<{ column_type: string }>(`DESCRIBE ${text.replace(/[\s;]+$/, '')}`),
      );
      return { ...result, types: described.map((c) => c.column_type), tables };
    },
    { fenced: true, only: tables, reads: options.reads },
  );
}

function assertPlainPath(file: string): void {
  if (!/^[\w./-]+$/.test(file)) throw new Error(`parquet export: unsafe file name ${file}`);
}

/** Write the result of a checked explorer query (at most `maxRows` rows) to a Parquet file. */
export async function copyExplorerQueryToParquet(
  db: Db,
  scope: AccessScope,
  text: string,
  file: string,
  options: ExplorerOptions = {},
): Promise<{ tables: string[]; rows: number }> {
  assertPlainPath(file);
  const maxRows = options.maxRows ?? EXPLORER_DEFAULTS.maxRows;
  const timeoutMs = options.timeoutMs ?? EXPLORER_DEFAULTS.timeoutMs;
  const tables = await checkExplorerQuery(db, text, options.reads);
  return withScopedDb(
    db,
    scope,
    async (scoped) => {
      const query = text.replace(/[\s;]+$/, '');
      await withTimeLimit(scoped, timeoutMs, () =>
        scoped.db.run(
          `COPY (SELECT * FROM (\n${query}\n) LIMIT ${Math.trunc(maxRows)}) TO '${file}' (FORMAT parquet)`,
        ),
      );
      const count = await scoped.db.one<{ n: number }>(`SELECT count(*) AS n FROM read_parquet('${file}')`);
      return { tables, rows: count?.n ?? 0 };
    },
    { fenced: true, only: tables, reads: options.reads },
  );
}

/** Write a SELECT of our own (with bound parameters) run on a scoped connection to a Parquet file. */
export async function copyToParquet(
  scoped: ScopedDb,
  select: string,
  params: Params,
  file: string,
): Promise<void> {
  assertPlainPath(file);
  await scoped.db.run(`COPY (${select}) TO '${file}' (FORMAT parquet)`, params);
}
