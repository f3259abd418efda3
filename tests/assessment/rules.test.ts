import { describe, expect, it } from 'vitest';
import { sampleSchemeConfig } from '../../core/assessment/sample.ts';
import { checkSchemeConfig, type SchemeConfig } from '../../core/assessment/scheme-schema.ts';
import { computeTotals } from '../../core/assessment/rules/totals.ts';
import { applyQuota, competitionRanks, quotaSize } from '../../core/assessment/rules/ranking.ts';
import { applyVetoes, vetoHits } from '../../core/assessment/rules/veto.ts';
import { checkBallots, checkTallies, rates } from '../../core/assessment/rules/tally.ts';
import { evaluateCycle } from '../../core/assessment/rules/evaluate.ts';

const full = { de: 6, neng: 6, qin: 6, ji: 6, lian: 6, training: 4, peer_conduct: 4, peer_skill: 3, peer_team: 3 };
const noVotes = { valid: 0, counts: {} };

describe('weighted totals', () => {
  it('weights each component share by its percentage', () => {
    const c = sampleSchemeConfig();
    // street: 27/34 → 79.41…; peer: 8/10 → 80; masses: (5×100 + 5×80)/10 = 90
    const t = computeTotals(c, { ...full, de: 3, neng: 3, lian: 5, peer_team: 1 }, { valid: 10, counts: { 优秀: 5, 称职: 5 } });
    expect(t.components).toEqual({ street: 79.41, peer: 80, masses: 90 });
    expect(t.total).toBe(Math.round((0.3 * (27 / 34) * 100 + 0.1 * 80 + 0.6 * 90) * 100) / 100);
    expect(t.complete).toBe(true);
  });

  it('counts missing points as zero and says what is missing', () => {
    const c = sampleSchemeConfig();
    const { de: _de, ...rest } = full;
    const t = computeTotals(c, rest, noVotes);
    expect(t.complete).toBe(false);
    expect(t.missing).toEqual(['街道综合考评·德', '基层群众测评']);
    expect(t.total).toBe(Math.round((0.3 * (28 / 34) * 100 + 10) * 100) / 100);
  });

  it('rejects weights that do not sum to 100%', () => {
    const c = sampleSchemeConfig();
    c.components[2]!.weight = 50;
    expect(checkSchemeConfig(c).map((i) => i.message)).toContain('「权重」各考核项目权重之和应为 100%，现为 90%');
    expect(checkSchemeConfig(sampleSchemeConfig())).toEqual([]);
  });
});

describe('ranking and quota', () => {
  it('ranks ties equally (1, 2, 2, 4)', () => {
    expect(competitionRanks([80, 95, 80, 70])).toEqual([2, 1, 2, 4]);
  });

  it('applies the configured rounding to the quota', () => {
    expect(quotaSize(10, 15, 'floor')).toBe(1);
    expect(quotaSize(10, 15, 'round')).toBe(2);
    expect(quotaSize(10, 15, 'ceil')).toBe(2);
    expect(quotaSize(20, 15, 'floor')).toBe(3);
    expect(quotaSize(7, 15, 'ceil')).toBe(2);
  });

  const cfg = (percent: number): SchemeConfig => ({ ...sampleSchemeConfig(), quota: { percent, rounding: 'floor' } });
  const people = (totals: number[]) => totals.map((t, i) => ({ id: `p${i}`, total: t, grade: t >= 90 ? '优秀' : '称职' }));

  it('moves people beyond the quota down one grade', () => {
    const q = applyQuota(cfg(20), people([99, 97, 95, 91, 80, 80, 80, 80, 80, 80]));
    expect(q.quota).toBe(2);
    expect([...q.proposed.values()]).toEqual(['优秀', '优秀', '称职', '称职', '称职', '称职', '称职', '称职', '称职', '称职']);
    expect([...q.overQuota]).toEqual(['p2', 'p3']);
    expect(q.tie).toBeNull();
  });

  it('leaves a tie at the boundary for a person to decide', () => {
    const q = applyQuota(cfg(20), people([99, 95, 95, 95, 91, 80, 80, 80, 80, 80]));
    expect(q.tie).toEqual({ total: 95, slots: 1, ids: ['p1', 'p2', 'p3'] });
    expect(q.proposed.get('p0')).toBe('优秀');
    expect(['p1', 'p2', 'p3'].map((id) => q.proposed.get(id))).toEqual([null, null, null]);
    expect(q.proposed.get('p4')).toBe('称职');
  });

  it('does not flag a tie that falls entirely inside the quota', () => {
    const q = applyQuota(cfg(30), people([99, 95, 95, 91, 80, 80, 80, 80, 80, 80]));
    expect(q.tie).toBeNull();
    expect(q.proposed.get('p1')).toBe('优秀');
    expect(q.proposed.get('p2')).toBe('优秀');
    expect(q.proposed.get('p3')).toBe('称职');
  });

  it('gives nobody the top grade when the quota rounds to zero', () => {
    const q = applyQuota(cfg(5), people([99, 80, 80]));
    expect(q.quota).toBe(0);
    expect(q.proposed.get('p0')).toBe('称职');
  });
});

describe('veto rules', () => {
  const c = sampleSchemeConfig();
  it('triggers on 不称职 votes strictly above one third', () => {
    expect(vetoHits(c, full, { valid: 9, counts: { 不称职: 3, 优秀: 6 } })).toEqual([]);
    const hits = vetoHits(c, full, { valid: 9, counts: { 不称职: 4, 优秀: 5 } });
    expect(hits).toHaveLength(1);
    expect(applyVetoes(c.gradeLabels, '优秀', hits)).toBe('不称职');
  });

  it('triggers on a veto indicator scored zero', () => {
    const hits = vetoHits(c, { ...full, lian: 0 }, noVotes);
    expect(hits.map((h) => h.grade)).toEqual(['不称职']);
  });

  it('keeps a vetoed person out of the top grade even with the best total', () => {
    const entries = Array.from({ length: 10 }, (_, i) => ({ id: `e${i}`, scores: full }));
    const ballots = (bad: number) => ({ 优秀: 30 - bad, 不称职: bad });
    const ev = evaluateCycle(c, entries, [{ valid: 30, tallies: Object.fromEntries(entries.map((e, i) => [e.id, ballots(i === 0 ? 11 : i)])) }]);
    const first = ev.rows.find((r) => r.id === 'e0')!;
    expect(first.proposed).toBe('不称职');
    expect(ev.rows.find((r) => r.id === 'e1')!.proposed).toBe('优秀');
  });
});

describe('tally validation', () => {
  const b = { issued: 50, returned: 48, valid: 45, invalid: 3 };
  it('checks the ballot arithmetic', () => {
    expect(checkBallots(b)).toEqual([]);
    expect(checkBallots({ ...b, returned: 51, valid: 48 }).map((i) => i.message)).toEqual(['「收回票数」51 不能多于发出票数 50']);
    expect(checkBallots({ ...b, invalid: 2 }).map((i) => i.path)).toEqual(['valid']);
  });

  it('refuses tallies above the valid ballots', () => {
    const opts = ['优秀', '称职', '基本称职', '不称职'];
    expect(checkTallies(b, [{ entryId: 'a', name: '张三', counts: { 优秀: 40, 称职: 5 } }], opts)).toEqual([]);
    const over = checkTallies(b, [{ entryId: 'a', name: '张三', counts: { 优秀: 40, 称职: 6 } }], opts);
    expect(over.map((i) => i.message)).toEqual(['「张三」各选项票数合计 46 超过有效票数 45']);
    expect(checkTallies(b, [{ entryId: 'a', name: '张三', counts: { 满意: 1 } }], opts)).toHaveLength(1);
    expect(checkTallies(b, [{ entryId: 'a', name: '张三', counts: { 优秀: -1 } }], opts)).toHaveLength(1);
  });

  it('computes rates against the valid ballots', () => {
    expect(rates({ 优秀: 15, 称职: 30 }, 45, ['优秀', '称职', '不称职'])).toEqual({ 优秀: 0.3333, 称职: 0.6667, 不称职: 0 });
  });
});
