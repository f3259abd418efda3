import { useEffect, useState } from 'react';
import type { OpOutput } from '../../../../core/contract/index.ts';
import { call } from '../../api/client.ts';

type Bonus = OpOutput<'salary.levelBonuses'>['bonuses'][number];
type Result = OpOutput<'salary.applyLevelBonus'>;

/**
 * 一次性加级: a bonus listed in the scheme in effect on the date. The date starts at the
 * server's default (never today); the server caps the level at the post's top and says so.
 */
export function LevelBonus({ personId, defaultDate, apply }: { personId: string; defaultDate: string; apply: (v: { reason: string; effectiveDate: string }) => Promise<Result | null> }) {
  const [date, setDate] = useState(defaultDate);
  const [bonuses, setBonuses] = useState<Bonus[]>([]);
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<string | null>(null);
  useEffect(() => setDate((cur) => cur || defaultDate), [defaultDate]);
  useEffect(() => {
    if (!date) return;
    let live = true;
    // The server picks the version in effect on the date, as applyLevelBonus will.
    call('salary.levelBonuses', { personId, effectiveDate: date }).then(({ bonuses: found }) => {
      if (!live) return;
      setBonuses(found);
      setReason((cur) => (found.some((b) => b.reason === cur) ? cur : (found[0]?.reason ?? '')));
    }).catch(() => live && setBonuses([]));
    return () => { live = false; };
  }, [personId, date]);
  return (
    <fieldset className="salary-form level-bonus">
      <legend>一次性加级（按方案所列事由，以岗位最高级封顶）</legend>
      <label>加级事由<select aria-label="加级事由" value={reason} onChange={(e) => setReason(e.target.value)}>
        {!bonuses.length && <option value="">（该日生效的方案未规定一次性加级）</option>}
        {bonuses.map((b) => <option key={b.reason} value={b.reason}>{b.reason}（加 {b.levels} 级）</option>)}
      </select></label>
      <label>生效日期<input type="date" aria-label="加级生效日期" value={date} onChange={(e) => setDate(e.target.value)} /></label>
      <button type="button" onClick={() => void apply({ reason, effectiveDate: date }).then((r) => setDone(r ? r.message : null))}>加级</button>
      {done && <span className="muted small-text" role="status">{done}</span>}
    </fieldset>
  );
}
