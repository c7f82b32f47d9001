// A hostile host page's globals, as other scripts on a real page leave them: an Emscripten
// `Module`, a Dear ImGui, an AMD loader, CommonJS and Node look-alikes, and enumerable Array
// extras (Prototype.js style). A classic script, so it runs before the widget. Each one throws
// when used: the widget (and the wasm in its worker) must never touch them.
function hostile(name) {
  return function () { throw new Error(`hostile page: ${name} was used`); };
}

window.Module = {
  locateFile: hostile('Module.locateFile'), print: hostile('Module.print'),
  instantiateWasm: hostile('Module.instantiateWasm'), wasmBinary: new Uint8Array([0, 97, 115, 109]),
};
window.ImGui = { Begin: hostile('ImGui.Begin'), CreateContext: hostile('ImGui.CreateContext') };
window.ImGuiImplWeb = { Init: hostile('ImGuiImplWeb.Init') };
window.define = hostile('define');
window.define.amd = {};
window.require = hostile('require');
window.module = { exports: {} };
window.exports = window.module.exports;
window.process = { versions: { node: '0.0.0-hostile' }, env: {}, on: hostile('process.on') };
window.emolens = 'hostile';
window.createEmolensModule = hostile('createEmolensModule');
for (const name of ['first', 'last', 'each', 'contains', 'remove', 'flatten']) {
  Array.prototype[name] = hostile(`Array.prototype.${name}`);  // enumerable on purpose
}

// Records every read of this document's content through the usual entry points, with the caller's
// stack, so a test can show that none comes from the widget.
window.hostDomReads = [];
const traps = [
  ['querySelector', 'querySelectorAll', 'getElementById', 'getElementsByTagName',
    'getElementsByClassName', 'getElementsByName', 'elementFromPoint', 'elementsFromPoint'],
  ['body', 'head', 'documentElement', 'forms', 'images', 'links', 'scripts', 'cookie', 'title'],
];
for (const name of traps[0]) {
  const original = Document.prototype[name];
  Document.prototype[name] = function (...args) {
    window.hostDomReads.push({ name, stack: new Error().stack });
    return original.apply(this, args);
  };
}
for (const name of traps[1]) {
  const descriptor = Object.getOwnPropertyDescriptor(Document.prototype, name);
  Object.defineProperty(Document.prototype, name, {
    ...descriptor,
    get() {
      window.hostDomReads.push({ name, stack: new Error().stack });
      return descriptor.get.call(this);
    },
  });
}
