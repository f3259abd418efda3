import { useState } from 'react';
import { ATTACHMENT_MIMES } from '../../../../core/ledger/codes.ts';
import type { AttachmentInput } from '../../../../core/ledger/attachments.ts';
import { readAsBase64 } from '../../api/files.ts';

type Mime = (typeof ATTACHMENT_MIMES)[number];

/** Picks evidence files and hands them on as base64; the limits are checked by the core. */
export function AttachmentPicker({ id, onChange }: { id: string; onChange: (files: AttachmentInput[]) => void }) {
  const [names, setNames] = useState<string[]>([]);
  return (
    <div className="attachment-picker">
      <input
        id={id}
        type="file"
        multiple
        accept={ATTACHMENT_MIMES.join(',')}
        onChange={async (e) => {
          const files = [...(e.target.files ?? [])];
          const out = await Promise.all(files.map(async (f) => ({ fileName: f.name, mime: (f.type || 'text/plain') as Mime, dataBase64: await readAsBase64(f) })));
          setNames(files.map((f) => f.name));
          onChange(out);
        }}
      />
      {names.length > 0 && <span className="hint">{names.join('、')}</span>}
    </div>
  );
}
