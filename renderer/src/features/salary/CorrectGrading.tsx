import { useState } from 'react';
import type { OpOutput } from '../../../../core/contract/index.ts';

type Entry = OpOutput<'salary.history'>[number];

/** 更正初次定级: the corrected post, level and date with a required reason; the server audits and replaces it. */
export function CorrectGrading({ entry, onSubmit }: { entry: Entry; onSubmit: (v: { post: string; level: number; effectiveDate: string; reason: string }) => void }) {
  const [v, setV] = useState({ post: entry.post, level: String(entry.level), effectiveDate: entry.effectiveDate, reason: '' });
  return (
    <fieldset className="salary-form correct-grading">
      <legend>更正初次定级（已确认月份的差额在下一个未确认月份补发或扣回）</legend>
      <label>岗位<input type="text" aria-label="更正岗位" value={v.post} onChange={(e) => setV({ ...v, post: e.target.value })} /></label>
      <label>级别<input type="number" aria-label="更正级别" value={v.level} onChange={(e) => setV({ ...v, level: e.target.value })} /></label>
      <label>定级日期<input type="date" aria-label="更正定级日期" value={v.effectiveDate} onChange={(e) => setV({ ...v, effectiveDate: e.target.value })} /></label>
      <label>更正原因<input type="text" aria-label="更正原因" value={v.reason} onChange={(e) => setV({ ...v, reason: e.target.value })} /></label>
      <button type="button" onClick={() => onSubmit({ post: v.post, level: Number(v.level), effectiveDate: v.effectiveDate, reason: v.reason })}>更正定级</button>
    </fieldset>
  );
}
