// One method in its frame: loads the adapter named by ?method=, wraps the frames the top page hands
// over in this realm's own ImageData (the peers check `instanceof`), and exposes to the top page
//   window.benchMethod = { runtime, prepare?(i), detect?(i) → faces, full?(i) → { faces, classifyMs? } }
// once `window.benchSetup(buffer, meta)` resolves. Frames are indexed as in /frames.json.
const name = new URL(location.href).searchParams.get('method');
const variants = { 'emolens-mt': ['emolens', 'mt'], 'emolens-st': ['emolens', 'st'] };
const [module, variant] = variants[name] ?? [name];

window.benchSetup = async (buffer, meta) => {
  const frames = meta.frames.map(({ offset }) => new ImageData(
    new Uint8ClampedArray(buffer, offset, meta.width * meta.height * 4).slice(), meta.width, meta.height));
  const { createMethod } = await import(`./methods/${module}.js`);
  window.benchMethod = await createMethod(frames, variant);
  return window.benchMethod.runtime;
};
