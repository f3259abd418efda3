// Files cross the bridge as base64 inside JSON (payloads stay JSON-safe, the same over IPC and
// HTTP). These helpers read a picked file into that form and save what comes back.

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

export function base64ToBytes(b64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(b64);
  const bytes = new Uint8Array(new ArrayBuffer(bin.length));
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

/** Saves bytes through the browser's download; in browser mode the save dialog picks the folder (a USB stick). */
export function saveBytes(fileName: string, bytes: Uint8Array<ArrayBuffer> | string, mime = 'application/octet-stream'): void {
  const url = URL.createObjectURL(new Blob([bytes], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function downloadBase64(fileName: string, base64: string, mime = XLSX_MIME): void {
  saveBytes(fileName, base64ToBytes(base64), mime);
}
