// Drives the methods named by ?methods= (each in its own frame, see method.js) over the frames of
// /frames.json, all on this page's main thread: untimed warm-ups, then ?runs= passes over every
// frame, the methods taking turns on each frame in an order that rotates from frame to frame (load
// spikes and GC pauses fall on all alike). Each method's times are taken here, around its call.
// Progress goes to the console; the outcome is window.benchResult (or window.benchError).
const params = new URL(location.href).searchParams;
const names = params.get('methods').split(',');
const runs = Number(params.get('runs'));
const warmup = Number(params.get('warmup'));

function openMethod(name, buffer, meta) {
  return new Promise((resolve, reject) => {
    const frame = document.createElement('iframe');
    frame.src = `method.html?method=${encodeURIComponent(name)}`;
    frame.onload = () => {
      const started = performance.now();
      const poll = () => {
        if (frame.contentWindow.benchSetup) {
          frame.contentWindow.benchSetup(buffer, meta)
            .then((runtime) => resolve({ name, runtime, api: frame.contentWindow.benchMethod }), reject);
        } else if (performance.now() - started > 30000) reject(new Error(`${name}: method.js did not start`));
        else setTimeout(poll, 20);
      };
      poll();
    };
    document.body.append(frame);
  });
}

/**
 * Times one frame on one method: → { detectMs, fullMs, detectFaces, fullFaces, outsideWasmMs }
 * (null where none; outsideWasmMs: emolens' call less its time inside wasm).
 */
async function timeFrame(method, i) {
  const { api } = method;
  const out = { detectMs: null, fullMs: null, detectFaces: null, fullFaces: null, outsideWasmMs: null };
  api.prepare?.(i);
  if (api.detect) {
    const start = performance.now();
    out.detectFaces = await api.detect(i);
    out.detectMs = performance.now() - start;
  }
  if (api.full) {
    api.prepare?.(i);
    const start = performance.now();
    const result = await api.full(i);
    out.fullMs = performance.now() - start;
    out.fullFaces = result.faces;
    // emolens: one call; its detection step is the call less the classifier's own time.
    if (result.classifyMs !== undefined) {
      out.detectMs = out.fullMs - result.classifyMs;
      out.detectFaces = result.faces;
      out.outsideWasmMs = out.fullMs - result.wasmMs;
    }
  }
  return out;
}

async function main() {
  const meta = await (await fetch('/frames.json')).json();
  const buffer = await (await fetch('/frames.bin')).arrayBuffer();
  const methods = [];
  for (const name of names) {
    methods.push(await openMethod(name, buffer, meta));
    console.log(`loaded ${name}: ${methods.at(-1).runtime}`);
  }
  const frameCount = meta.frames.length;
  for (let w = 0; w < warmup; w++) {
    for (const method of methods) await timeFrame(method, w % frameCount);
  }
  const samples = Object.fromEntries(names.map((name) => [name, []]));
  for (let run = 0; run < runs; run++) {
    for (let i = 0; i < frameCount; i++) {
      const turn = run * frameCount + i;
      for (let k = 0; k < methods.length; k++) {
        const method = methods[(turn + k) % methods.length];
        samples[method.name].push({ frame: i, set: meta.frames[i].set, ...(await timeFrame(method, i)) });
      }
      if (i % 20 === 19) console.log(`run ${run + 1}/${runs}: ${i + 1}/${frameCount} frames`);
    }
  }
  window.benchResult = {
    isolated: globalThis.crossOriginIsolated === true,
    userAgent: navigator.userAgent,
    hardwareConcurrency: navigator.hardwareConcurrency,
    methods: methods.map(({ name, runtime }) => ({ name, runtime, samples: samples[name] })),
  };
}

main().catch((error) => { window.benchError = `${error.message}\n${error.stack}`; });
