import { useState } from 'react';
import type { OrgTreeUnit as OrgUnit } from '../../../../core/org/contract.ts';
import { call, errorText } from '../../api/client.ts';
import { downloadBase64 } from '../../api/files.ts';
import { ImportDialog } from './ImportDialog.tsx';
import { mayCall } from '../../access.ts';

interface Props {
  orgs: OrgUnit[];
  /** The roster page's current filter: export takes exactly what the grid shows. */
  orgId: string | null;
  status: '在岗' | '离任' | '退休' | '解聘' | 'all';
  query: string;
  onImported: () => void;
  onError: (message: string) => void;
}

/** 导入 / 导出 / 模板 buttons for the roster toolbar. */
export function RosterIoButtons({ orgs, orgId, status, query, onImported, onError }: Props) {
  const [importing, setImporting] = useState(false);
  const [busy, setBusy] = useState<'export' | 'template' | null>(null);

  async function download(kind: 'export' | 'template') {
    setBusy(kind);
    try {
      const file =
        kind === 'export'
          ? await call('roster.export', { orgId, status, ...(query ? { query } : {}) })
          : await call('roster.exportTemplate', {});
      downloadBase64(file.fileName, file.contentBase64);
    } catch (e) {
      onError(errorText(e));
    } finally {
      setBusy(null);
    }
  }

  return (
    <>
      {mayCall('roster.importPreview') && (
        <button type="button" disabled={orgs.length === 0} onClick={() => setImporting(true)}>
          导入
        </button>
      )}
      <button type="button" disabled={busy !== null} onClick={() => void download('export')} title="按当前筛选导出为 .xlsx">
        {busy === 'export' ? '正在导出…' : '导出'}
      </button>
      <button type="button" disabled={busy !== null} onClick={() => void download('template')}>
        导入模板
      </button>
      {importing && <ImportDialog orgs={orgs} initialOrgId={orgId} onImported={onImported} onClose={() => setImporting(false)} />}
    </>
  );
}
