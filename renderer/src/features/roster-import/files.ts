// Files cross the bridge as base64 inside JSON; these helpers read a chosen file into that
// form (reporting progress) and save an .xlsx that came back the same way.

export function readAsBase64(file: File, onProgress?: (loaded: number, total: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onprogress = (e) => onProgress?.(e.loaded, e.total);
    reader.onerror = () => reject(new Error('无法读取所选文件'));
    reader.onload = () => {
      const url = String(reader.result ?? '');
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.readAsDataURL(file);
  });
}

export function downloadBase64(fileName: string, base64: string): void {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A fresh id for `roster.importProgress` polling. */
export function newJobId(): string {
  return typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `job-${Math.random().toString(36).slice(2)}`;
}
