import { useRef, useState } from 'react';

interface Props {
  /** The button's words, e.g. "选择文件". */
  label: string;
  /** What the hidden input is called for assistive technology and tests; defaults to `label`. */
  name?: string;
  accept?: string;
  multiple?: boolean;
  disabled?: boolean;
  id?: string;
  testId?: string;
  onFiles: (files: File[]) => void;
}

/**
 * A file chooser with Chinese words: Chromium's own file input says "Choose File" / "No file chosen"
 * in the browser's language, so the input stays hidden behind our button and the chosen names.
 */
export function FilePicker({ label, name, accept, multiple, disabled, id, testId, onFiles }: Props) {
  const input = useRef<HTMLInputElement>(null);
  const [names, setNames] = useState<string[]>([]);
  return (
    <span className="file-picker">
      <button type="button" disabled={disabled} onClick={() => input.current?.click()}>
        {label}
      </button>
      <span className="file-picker-names muted small-text">{names.length ? names.join('、') : '未选择文件'}</span>
      <input
        ref={input}
        id={id}
        type="file"
        hidden
        accept={accept}
        multiple={multiple}
        aria-label={name ?? label}
        data-testid={testId}
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          setNames(files.map((f) => f.name));
          // Cleared so that choosing the same file again still reports it.
          e.target.value = '';
          onFiles(files);
        }}
      />
    </span>
  );
}
