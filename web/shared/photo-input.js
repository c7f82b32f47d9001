// Where photos come from: a file picker (an <input type="file">), files dropped on a target, or
// pasted while it has the focus. The page's target is its document (drop anywhere); the widget's is
// its own stage, so it never listens to the host page's events.

/** The files a DataTransfer (drop) or a clipboard event (paste) carries, as File[]. */
function filesOf(transfer) {
  if (!transfer) return [];
  if (transfer.files?.length) return [...transfer.files];
  return [...(transfer.items ?? [])].filter((item) => item.kind === 'file').map((item) => item.getAsFile()).filter(Boolean);
}

function carriesFiles(event) {
  return [...(event.dataTransfer?.types ?? [])].includes('Files');
}

/**
 * Calls onFiles(File[]) for every pick, drop or paste that brings files while enabled() is true;
 * onDragging(on) follows files dragged over the target. Returns {open()}, which opens the picker.
 */
export function acceptPhotos({ input, target, onFiles, enabled = () => true, onDragging = () => {} }) {
  input.addEventListener('change', () => {
    const files = [...input.files];
    input.value = '';  // the same file picked twice is analysed twice
    if (files.length) onFiles(files);
  });
  target.addEventListener('dragover', (event) => {
    if (!enabled() || !carriesFiles(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    onDragging(true);
  });
  target.addEventListener('dragleave', () => onDragging(false));
  target.addEventListener('drop', (event) => {
    onDragging(false);
    if (!enabled() || !carriesFiles(event)) return;
    event.preventDefault();
    const files = filesOf(event.dataTransfer);
    if (files.length) onFiles(files);
  });
  target.addEventListener('paste', (event) => {
    if (!enabled()) return;
    const files = filesOf(event.clipboardData);
    if (!files.length) return;
    event.preventDefault();
    onFiles(files);
  });
  return { open: () => input.click() };
}
