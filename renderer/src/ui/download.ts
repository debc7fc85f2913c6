/**
 * Saves text as a file through a blob link: the web host has no save dialog, and in
 * Electron the same link opens the native one (the window's download handler).
 */
export function downloadText(fileName: string, content: string, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoke after the click has been handled; the download holds its own reference.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
