import { useState } from 'react';
import type { SheetRow } from '../../../../core/assessment/contract.ts';
import { call, errorText } from '../../api/client.ts';
import { Can } from '../../components/RoleGate.tsx';

/** 个人自评 and 述职记录 for the person whose cell has focus. */
export function NotesEditor({ row, locked, onSaved }: { row: SheetRow; locked: boolean; onSaved: () => Promise<void> }) {
  const [self, setSelf] = useState(row.selfAssessment ?? '');
  const [report, setReport] = useState(row.reportNotes ?? '');
  const [msg, setMsg] = useState<string | null>(null);
  const save = async () => {
    try {
      await call('assessment.saveNotes', { entryId: row.entryId, selfAssessment: self, reportNotes: report });
      setMsg('已保存');
      await onSaved();
    } catch (e) {
      setMsg(errorText(e));
    }
  };
  return (
    <div className="notes-editor">
      <label>
        {row.name} · 个人自评
        <textarea rows={3} value={self} readOnly={locked} onChange={(e) => setSelf(e.target.value)} />
      </label>
      <label>
        述职记录
        <textarea rows={3} value={report} readOnly={locked} onChange={(e) => setReport(e.target.value)} />
      </label>
      <div className="notes-actions">
        <Can op="assessment.saveNotes">
          <button type="button" disabled={locked} onClick={() => void save()}>保存自评与述职</button>
        </Can>
        {msg && <span className="small-text" role="status">{msg}</span>}
      </div>
    </div>
  );
}
