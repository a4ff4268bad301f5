/** GET /api (the list of JSON endpoints, so the API documents itself) and GET /api/me. */
import { Router } from 'express';
import { currentScope, currentUser } from '../auth/middleware.ts';
import type { WebContext } from '../context.ts';
import { requestState } from '../request-state.ts';

/** Every JSON endpoint: method, path, who may call it, what it returns. Times are ISO 8601 with +07:00. */
export const API_ENDPOINTS = [
  ['GET', '/api/health', 'public', 'liveness: status, version, database reachable'],
  ['GET', '/api/status', 'admin', 'database path, row counts, recent job runs'],
  ['GET', '/api/me', 'signed in', 'the user, their scope and the CSRF token for POST requests'],
  [
    'GET',
    '/api/overview?from&to&unit&topic',
    'admin analyst leader officer',
    'volume and sentiment per day, topics, units, open hot spots, freshness',
  ],
  [
    'GET',
    '/api/hotspots?status&severity&topic&unit&limit',
    'admin analyst leader officer',
    'hot-spot alerts',
  ],
  [
    'GET',
    '/api/hotspots/:id',
    'admin analyst leader officer',
    'one alert: explanation, series, evidence, case, timeline',
  ],
  [
    'GET',
    '/api/inbox?status',
    'admin analyst leader officer',
    "cases routed to the user, and briefings delivered to the user's unit",
  ],
  [
    'POST',
    '/api/cases/:id/verify|resolve|close|dismiss|reopen|merge',
    'admin analyst officer',
    'move a case (resolve needs "report", dismiss "reason", merge "into": the case it duplicates)',
  ],
  ['GET', '/api/documents?from&to&topic&unit&q&limit&offset', 'admin analyst leader officer', 'documents'],
  ['GET', '/api/documents/:id', 'admin analyst leader officer', 'one document with its scores'],
  [
    'POST',
    '/api/documents/:id/corrections',
    'admin analyst',
    'correct its "sentiment" and/or "topics" (replaces the models\' scores; audited)',
  ],
  [
    'GET',
    '/api/export/documents?format=csv|json|parquet&…',
    'admin analyst leader officer',
    'export (audited)',
  ],
  [
    'GET',
    '/api/misinfo?statement&status&topic&unit&limit&offset',
    'admin analyst',
    'misinformation candidates, riskiest first, with evidence, and the total the filter picks (statement=none: matching no statement)',
  ],
  [
    'GET',
    '/api/misinfo/groups?status&topic&unit',
    'admin analyst',
    'candidates per matched official statement: open and total, highest open risk, latest document',
  ],
  [
    'POST',
    '/api/misinfo/review-bulk?statement&status&topic&unit {status, response, notes, expected?}',
    'admin analyst',
    `review every candidate the filter picks (at most 2000) in one transaction; response required for "sai sự thật"; 409 when not the expected count (audited once)`,
  ],
  ['GET', '/api/misinfo/:id', 'admin analyst', 'one candidate and its review history'],
  [
    'POST',
    '/api/misinfo/:id/review {status, response, notes}',
    'admin analyst',
    'review a candidate (audited)',
  ],
  ['GET', '/api/mine', 'contributor', 'the reports the contributor submitted, with their NLP sentiment'],
  [
    'POST',
    '/api/reports {period, summary, unit?, locality?, topics?, mood?, proposals?, organisation?, classification?, id?, watch_answers?: {watch topic id: answer}} or [...]',
    'contributor',
    'send reports (at most 100; id: a client uuid, so sending again stores nothing new); 400 names each bad field (audited)',
  ],
  ['GET', '/api/surveys', 'admin analyst leader', 'surveys'],
  ['GET', '/api/surveys/:name?q&by', 'admin analyst leader', 'estimates with 95% intervals and disclosure'],
  [
    'GET',
    '/api/watch-topics',
    'admin analyst leader officer',
    "watch topics (officers: their own unit's proposals)",
  ],
  [
    'POST',
    '/api/watch-topics {name, query? | topic_id?, unit_uid?, threshold_factor?: 0.25|0.5|0.75}',
    'admin analyst officer',
    'propose a keyword or topic watch, tested at a lower bar from the next detection run; 400 names the bad field (audited)',
  ],
  [
    'POST',
    '/api/watch-topics/:id/active {active}',
    'admin analyst; officer of the proposing unit',
    'switch a watch topic off or on (audited)',
  ],
  [
    'GET',
    '/api/survey-requests?year',
    'admin analyst leader officer',
    "requests for a survey in the year's plan that the user may see, with status and overdue flag",
  ],
  [
    'GET',
    '/api/survey-requests/:id',
    'admin analyst leader officer',
    'one request with every change of status',
  ],
  [
    'POST',
    '/api/survey-requests {title, purpose, requester_uid?, population?, locality_uid?, topics?, questions?, wanted_by?, plan_year?, classification?}',
    'admin analyst officer',
    'file a request (officers for their own unit or agency); 400 names the bad field (audited)',
  ],
  [
    'POST',
    '/api/survey-requests/:id/status {action: plan|start|report|decline|withdraw, note?, survey?}',
    'admin analyst; officer of the requester: withdraw',
    'move a request along the plan; decline needs a reason, report an imported survey (audited)',
  ],
  [
    'GET',
    '/api/briefings',
    'admin analyst leader officer',
    'briefings the user may see, and the state of their requests',
  ],
  [
    'GET',
    '/api/briefings/delivered',
    'admin analyst leader officer',
    "briefings delivered to the user's unit that the user may open, read or not",
  ],
  [
    'POST',
    '/api/briefings/generate {period, from?, unit?, lang?}',
    'admin analyst leader',
    'make a briefing in the background, within what the user may read (audited)',
  ],
  [
    'GET',
    '/api/briefings/:id',
    'admin analyst leader officer',
    'one briefing: summary and model (HTML at /briefings/:id)',
  ],
  ['GET', '/api/briefings/subscriptions', 'admin', 'units receiving periodic briefings'],
  [
    'POST',
    '/api/briefings/subscriptions {unit, period, clearance?, email?}',
    'admin',
    'subscribe a unit (audited)',
  ],
  ['POST', '/api/briefings/subscriptions/delete {unit, period}', 'admin', 'unsubscribe a unit (audited)'],
  ['GET', '/api/sources', 'admin analyst', 'sources, job runs, fetch failures, jobs'],
  ['POST', '/api/jobs/:job/run', 'admin', 'run a job now (audited)'],
  ['POST', '/api/sql {sql}', 'admin analyst', "read-only SQL over the user's views (audited)"],
  ['GET', '/api/sql/tables', 'admin analyst', 'tables the SQL explorer allows'],
  [
    'POST',
    '/api/sql/export?format=csv|json|xlsx|parquet {sql}',
    'admin analyst',
    'query result as a file (audited)',
  ],
  ['GET', '/api/admin/users', 'admin', 'users'],
  ['POST', '/api/admin/users', 'admin', 'create a user (audited)'],
  ['POST', '/api/admin/users/:id', 'admin', 'change a user (audited)'],
  [
    'POST',
    '/api/admin/unit-topics {unit_uid, topics}',
    'admin',
    'set the topics a unit answers for (audited)',
  ],
  [
    'POST',
    '/api/admin/topic-sensitivity {topic_id, sensitivity}',
    'admin',
    "how easily a topic is flagged (0.1–20; 1 is the default) from the detector's next run (audited)",
  ],
  [
    'GET',
    '/api/admin/routing-rules',
    'admin',
    'routing rules in force, their source (config, database, defaults), sensitive topics, board office',
  ],
  [
    'POST',
    '/api/admin/routing-rules {rule, replaces?}',
    'admin',
    'add a rule, or replace rule "replaces" (audited; refused with 409 when the config sets the rules)',
  ],
  ['PUT', '/api/admin/routing-rules {rules}', 'admin', 'replace all rules (audited)'],
  ['POST', '/api/admin/routing-rules/delete {id}', 'admin', 'delete a rule (audited)'],
  ['POST', '/api/admin/routing-rules/restore-defaults', 'admin', 'go back to the built-in rules (audited)'],
  ['POST', '/api/admin/pseudonyms/resolve {pseudonym}', 'admin', 'resolve a pseudonym (audited)'],
  ['GET', '/api/audit?actor&action&before&limit', 'admin', 'audit log entries'],
  ['GET', '/api/audit/verify', 'admin', 'verify the audit hash chain'],
] as const;

export function apiIndexRoutes(ctx: WebContext): Router {
  const router = Router();
  router.get('/api/me', async (req, res) => {
    const user = currentUser(req);
    const scope = await currentScope(ctx, req);
    res.json({
      user: {
        id: user.id,
        username: user.username,
        display_name: user.display_name,
        role: user.role,
        unit_uid: user.unit_uid,
        clearance: user.clearance,
      },
      scope: {
        clearance: scope.clearance,
        province: scope.province,
        areas: scope.areas,
        topics: scope.topics,
        own_only: scope.ownOnly,
      },
      csrf: requestState(req).session?.csrf ?? null,
    });
  });
  router.get('/api', (_req, res) => {
    res.json({
      notes: [
        'Sign in through POST /login (form: username, password, _csrf from GET /login); the session cookie is dlxh_sid.',
        'POST requests need the X-CSRF-Token header (from GET /api/me) or a _csrf field.',
        'Every answer holds only what the signed-in user may see (clearance and unit scope).',
      ],
      endpoints: API_ENDPOINTS.map(([method, path, roles, returns]) => ({ method, path, roles, returns })),
    });
  });
  return router;
}
