import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoutingUnit } from '../../../analytics/alerts/routing.ts';
import {
  BOARD_OFFICE,
  DEFAULT_ROUTING_RULES,
  loadRoutingRules,
  loadRoutingUnits,
  parseRoutingRules,
  routeAlert,
  routingRuleToConfig,
  routingRulesInForce,
  saveRoutingRules,
} from '../../../analytics/alerts/routing.ts';
import type { Db } from '../../../data/db.ts';
import { hotspotDb } from '../hotspots/fixtures.ts';
import { makeAlert } from './fixtures.ts';

describe('routeAlert with the province defaults', () => {
  let db: Db;
  let units: Map<string, RoutingUnit>;
  beforeAll(async () => {
    db = await hotspotDb();
    units = await loadRoutingUnits(db);
  });
  afterAll(() => db.close());

  it('sends a land alert to the Department of Agriculture and Environment and the commune People’s Committee', () => {
    const route = routeAlert(makeAlert({ severity: 'trung bình' }), DEFAULT_ROUTING_RULES, units, false);
    expect(route.recipients).toEqual(['Sở Nông nghiệp và Môi trường', 'UBND Xã Krông Pắc']);
    expect(route.assignee).toBe('Sở Nông nghiệp và Môi trường');
    expect(route.escalated).toBe(false);
    expect(route.notify).toBe(false);
  });

  it('escalates high severity to the unit above and the board’s standing office', () => {
    const route = routeAlert(makeAlert({ severity: 'cao' }), DEFAULT_ROUTING_RULES, units, false);
    expect(route.escalated).toBe(true);
    expect(route.recipients).toEqual([
      'Sở Nông nghiệp và Môi trường',
      'UBND Xã Krông Pắc',
      'UBND Tỉnh Đắk Lắk',
      BOARD_OFFICE,
    ]);
  });

  it('escalates a sensitive topic whatever its severity, and notifies at once when urgent', () => {
    const corruption = routeAlert(
      makeAlert({ topic: 'tham-nhung', severity: 'thấp' }),
      DEFAULT_ROUTING_RULES,
      units,
      true,
    );
    expect(corruption.recipients).toEqual([
      'Ủy ban Kiểm tra Tỉnh ủy',
      'Thanh tra tỉnh',
      'UBND Tỉnh Đắk Lắk',
      BOARD_OFFICE,
    ]);
    const urgent = routeAlert(makeAlert({ severity: 'khẩn' }), DEFAULT_ROUTING_RULES, units, false);
    expect(urgent.notify).toBe(true);
  });

  it('routes an alert outside the taxonomy to the unit and, with no unit, to the board', () => {
    expect(
      routeAlert(makeAlert({ topic: null, severity: 'thấp' }), DEFAULT_ROUTING_RULES, units, false)
        .recipients,
    ).toEqual(['UBND Xã Krông Pắc']);
    expect(
      routeAlert(
        makeAlert({ topic: null, severity: 'thấp', unitUid: null, currentUid: null }),
        DEFAULT_ROUTING_RULES,
        units,
        false,
      ).recipients,
    ).toEqual([BOARD_OFFICE]);
  });

  it('applies a rule limited to a unit to that unit and those below it, old names included', () => {
    const rules = [
      ...DEFAULT_ROUTING_RULES,
      ...parseRoutingRules([
        { id: 'krong-pac', topics: ['dat-dai'], unit_uid: '654/pre2025', recipients: ['Ban QLDA cao tốc'] },
      ]),
    ];
    expect(routeAlert(makeAlert({ severity: 'thấp' }), rules, units, false).recipients).toContain(
      'Ban QLDA cao tốc',
    );
    expect(
      routeAlert(
        makeAlert({ severity: 'thấp', unitUid: '24163/2025', currentUid: '24163/2025' }),
        rules,
        units,
        false,
      ).recipients,
    ).not.toContain('Ban QLDA cao tốc');
  });

  it('validates config rules and stores them; an empty table means the defaults', async () => {
    expect(() => parseRoutingRules([{ id: 'x', min_severity: 'rất cao' }])).toThrow();
    expect(await loadRoutingRules(db)).toEqual(DEFAULT_ROUTING_RULES);
    const rules = parseRoutingRules([{ id: 'only', recipients: ['Văn phòng UBND tỉnh'], notify: true }]);
    await saveRoutingRules(db, rules);
    expect(await loadRoutingRules(db)).toEqual(rules);
  });

  it('says where the rules in force come from: the config wins, then the database, then the defaults', async () => {
    const configured = parseRoutingRules([{ id: 'cfg', recipients: ['Sở Y tế'] }]);
    await saveRoutingRules(db, []);
    expect(await routingRulesInForce(db, null)).toEqual({ source: 'defaults', rules: DEFAULT_ROUTING_RULES });
    const stored = parseRoutingRules([{ id: 'db', recipients: ['Sở Xây dựng'] }]);
    await saveRoutingRules(db, stored);
    expect(await routingRulesInForce(db, undefined)).toEqual({ source: 'database', rules: stored });
    expect(await routingRulesInForce(db, configured)).toEqual({ source: 'config', rules: configured });
    expect(routingRuleToConfig(stored[0]!)).toEqual({
      id: 'db',
      priority: 100,
      topics: [],
      unit_uid: null,
      min_severity: null,
      recipients: ['Sở Xây dựng'],
      escalate: false,
      notify: false,
    });
  });
});
