import { useEffect, useState, type MutableRefObject } from 'react';
import type { SheetRow } from '../../../../core/assessment/contract.ts';
import { call, errorText } from '../../api/client.ts';
import { Can } from '../../components/RoleGate.tsx';
import { useDirty } from '../../components/useDirty.ts';
import { mayCall } from '../../access.ts';

interface Props {
  row: SheetRow;
  locked: boolean;
  onSaved: () => Promise<void>;
  /** Set to this editor's leave(): the grid asks it before showing another person's notes. */
  leaveRef: MutableRefObject<(() => Promise<boolean>) | null>;
}

/** 个人自评 and 述职记录 for the person whose cell has focus. */
export function NotesEditor({ row, locked, onSaved, leaveRef }: Props) {
  const readOnly = locked || !mayCall('assessment.saveNotes');
  const [base, setBase] = useState({ self: row.selfAssessment ?? '', report: row.reportNotes ?? '' });
  const [self, setSelf] = useState(base.self);
  const [report, setReport] = useState(base.report);
  const [msg, setMsg] = useState<string | null>(null);
  const save = async (): Promise<boolean> => {
    try {
      await call('assessment.saveNotes', { entryId: row.entryId, selfAssessment: self, reportNotes: report });
      setBase({ self, report });
      setMsg('已保存');
      await onSaved();
      return true;
    } catch (e) {
      setMsg(errorText(e));
      return false;
    }
  };
  const changes = (self !== base.self ? 1 : 0) + (report !== base.report ? 1 : 0);
  const { leave } = useDirty(changes, { label: `${row.name}的个人自评与述职记录`, save, discard: () => (setSelf(base.self), setReport(base.report)) });
  useEffect(() => {
    leaveRef.current = leave;
    return () => void (leaveRef.current === leave && (leaveRef.current = null));
  }, [leave, leaveRef]);
  return (
    <div className="notes-editor">
      <label>
        {row.name} · 个人自评
        <textarea rows={3} value={self} readOnly={readOnly} onChange={(e) => (setSelf(e.target.value), setMsg(null))} />
      </label>
      <label>
        述职记录
        <textarea rows={3} value={report} readOnly={readOnly} onChange={(e) => (setReport(e.target.value), setMsg(null))} />
      </label>
      <div className="notes-actions">
        <Can op="assessment.saveNotes">
          <button type="button" disabled={locked || changes === 0} onClick={() => void save()}>保存自评与述职</button>
        </Can>
        {msg && <span className="small-text" role="status">{msg}</span>}
      </div>
    </div>
  );
}
