import { useRef, useState } from 'react';

// A Chinese file picker: Chromium's own input says "Choose File" in the browser's language.
// The real input stays in the DOM (hidden) so the button can open it and tests can fill it.

export function FilePick(p: {
  label: string;
  accept: string;
  multiple?: boolean;
  testId?: string;
  disabled?: boolean;
  onPick: (files: File[]) => void;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [names, setNames] = useState<string>('');
  return (
    <span className="file-pick">
      <button type="button" disabled={p.disabled} onClick={() => input.current?.click()}>{p.label}</button>
      <input
        ref={input}
        type="file"
        className="file-pick-input"
        aria-label={p.label}
        accept={p.accept}
        multiple={p.multiple}
        data-testid={p.testId}
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          setNames(files.length ? files.map((f) => f.name).join('、') : '');
          p.onPick(files);
          // Choosing the same file again must fire `change` again.
          e.target.value = '';
        }}
      />
      <span className="muted small-text file-pick-names">{names || '未选择文件'}</span>
    </span>
  );
}
