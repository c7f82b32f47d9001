// Example host code for the iframe embed: results arrive as messages from the frame.
const log = document.getElementById('log');
const frame = document.querySelector('iframe');
const line = document.createElement('div');
log.append(line);

addEventListener('message', (event) => {
  // Only the embedded frame's messages, and only emolens' own.
  if (event.source !== frame.contentWindow || event.data?.source !== 'emolens') return;
  const { type, detail } = event.data;
  if (type === 'ready') log.prepend(`emolens ${detail.version} ready in the frame: wasm ${detail.variant}\n`);
  else if (type === 'error') log.prepend(`error (${detail.code}): ${detail.message}\n`);
  else line.textContent = `${detail.faces.length} face(s) ${detail.faces.map((face) => `#${face.id} ${face.label}`).join(', ')}`;
});
