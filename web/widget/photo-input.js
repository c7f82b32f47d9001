// Photo mode's ways in: the file picker, a file dropped on the picture, or an image pasted while the
// widget has focus. Only events inside the widget are listened to, never the host document's.

/** The first file of a DataTransfer (drop) or a clipboard event's items (paste), or null. */
function firstFile(transfer) {
  if (!transfer) return null;
  if (transfer.files?.length) return transfer.files[0];
  for (const item of transfer.items ?? []) {
    if (item.kind === 'file') return item.getAsFile();
  }
  return null;
}

/** Calls onFile(file) for every photo given; enabled() says whether photo mode is on. */
export function acceptPhotos({ stage, fileInput, setDragging }, { enabled, onFile }) {
  fileInput.addEventListener('change', () => {
    const [file] = fileInput.files;
    fileInput.value = '';  // the same file picked twice is analysed twice
    if (file) onFile(file);
  });
  stage.addEventListener('dragover', (event) => {
    if (!enabled()) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    setDragging(true);
  });
  stage.addEventListener('dragleave', () => setDragging(false));
  stage.addEventListener('drop', (event) => {
    if (!enabled()) return;
    event.preventDefault();
    setDragging(false);
    const file = firstFile(event.dataTransfer);
    if (file) onFile(file);
  });
  stage.addEventListener('paste', (event) => {
    if (!enabled()) return;
    const file = firstFile(event.clipboardData);
    if (!file) return;
    event.preventDefault();
    onFile(file);
  });
}
