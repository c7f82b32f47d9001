// Where photos come from: files dropped anywhere on the page, pasted, or chosen in the file picker
// (a hidden <input type="file"> that the panel's "Open photos…" button opens).
function carriesFiles(event) {
  return [...(event.dataTransfer?.types ?? [])].includes('Files');
}

/** Calls onFiles(File[]) for every drop, paste or pick that brings files; returns {open()}. */
export function listenForPhotos(input, onFiles) {
  input.addEventListener('change', () => {
    if (input.files.length) onFiles([...input.files]);
    input.value = '';
  });
  document.addEventListener('dragover', (event) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    document.body.dataset.dragging = 'true';
  });
  document.addEventListener('dragleave', () => { delete document.body.dataset.dragging; });
  document.addEventListener('drop', (event) => {
    delete document.body.dataset.dragging;
    if (!carriesFiles(event)) return;
    event.preventDefault();
    onFiles([...event.dataTransfer.files]);
  });
  document.addEventListener('paste', (event) => {
    const files = [...(event.clipboardData?.files ?? [])];
    if (!files.length) return;
    event.preventDefault();
    onFiles(files);
  });
  return { open: () => input.click() };
}
