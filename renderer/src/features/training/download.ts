/** Saves a base64 file through the browser's download (works in Electron and browser mode). */
export function downloadBase64(fileName: string, base64: string, mime = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'): void {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
