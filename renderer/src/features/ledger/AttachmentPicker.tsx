import { ATTACHMENT_MIMES } from '../../../../core/ledger/codes.ts';
import type { AttachmentInput } from '../../../../core/ledger/attachments.ts';
import { readAsBase64 } from '../../api/files.ts';
import { FilePicker } from '../../components/FilePicker.tsx';

type Mime = (typeof ATTACHMENT_MIMES)[number];

/** Picks evidence files and hands them on as base64; the limits are checked by the core. */
export function AttachmentPicker({ id, onChange }: { id: string; onChange: (files: AttachmentInput[]) => void }) {
  return (
    <div className="attachment-picker">
      <FilePicker
        id={id}
        label="选择附件…"
        name="附件"
        multiple
        accept={ATTACHMENT_MIMES.join(',')}
        onFiles={async (files) => {
          const out = await Promise.all(files.map(async (f) => ({ fileName: f.name, mime: (f.type || 'text/plain') as Mime, dataBase64: await readAsBase64(f) })));
          onChange(out);
        }}
      />
    </div>
  );
}
