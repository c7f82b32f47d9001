// Frame → RGBA bytes, 2D canvas (what web/worker does) vs WebGL2 draw into a framebuffer + readPixels;
// the result (medians and minima in ms) lands in window.result for run.mjs.
const stream = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 360 } });
const video = document.createElement('video'); video.muted = true; video.srcObject = stream; await video.play();
await new Promise(r => setTimeout(r, 500));
const W = video.videoWidth, H = video.videoHeight;
const median = (a) => { const s = [...a].sort((x, y) => x - y); return s[s.length >> 1]; };
const N = 60;
// A: 2D canvas from a VideoFrame (as the worker does)
const canvas = new OffscreenCanvas(W, H); const ctx = canvas.getContext('2d', { willReadFrequently: true });
const a = [];
for (let i = 0; i < N; i++) { const f = new VideoFrame(video, { timestamp: i }); const t = performance.now(); ctx.drawImage(f, 0, 0, W, H); ctx.getImageData(0, 0, W, H); a.push(performance.now() - t); f.close(); await new Promise(r => setTimeout(r, 5)); }
// B: WebGL2 upload + pass-through draw into an RGBA8 FBO + readPixels
const gl = new OffscreenCanvas(W, H).getContext('webgl2');
const vs = `#version 300 es
out vec2 uv; void main(){ vec2 p = vec2(gl_VertexID & 1, gl_VertexID >> 1) * 2.0; uv = p; gl_Position = vec4(p * 2.0 - 1.0, 0, 1); }`;
const fs = `#version 300 es
precision mediump float; in vec2 uv; uniform sampler2D frame; out vec4 colour; void main(){ colour = texture(frame, vec2(uv.x, 1.0 - uv.y)); }`;
const sh = (type, src) => { const s = gl.createShader(type); gl.shaderSource(s, src); gl.compileShader(s); return s; };
const prog = gl.createProgram(); gl.attachShader(prog, sh(gl.VERTEX_SHADER, vs)); gl.attachShader(prog, sh(gl.FRAGMENT_SHADER, fs)); gl.linkProgram(prog); gl.useProgram(prog);
const tex = gl.createTexture(); gl.bindTexture(gl.TEXTURE_2D, tex); gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.LINEAR);
const target = gl.createTexture(); gl.bindTexture(gl.TEXTURE_2D, target); gl.texStorage2D(gl.TEXTURE_2D, 1, gl.RGBA8, W, H);
const fbo = gl.createFramebuffer(); gl.bindFramebuffer(gl.FRAMEBUFFER, fbo); gl.framebufferTexture2D(gl.FRAMEBUFFER, gl.COLOR_ATTACHMENT0, gl.TEXTURE_2D, target, 0);
const out = new Uint8Array(W * H * 4); const b = [];
for (let i = 0; i < N; i++) { const t = performance.now(); gl.bindTexture(gl.TEXTURE_2D, tex); gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, gl.RGBA, gl.UNSIGNED_BYTE, video); gl.viewport(0, 0, W, H); gl.drawArrays(gl.TRIANGLES, 0, 3); gl.readPixels(0, 0, W, H, gl.RGBA, gl.UNSIGNED_BYTE, out); b.push(performance.now() - t); await new Promise(r => setTimeout(r, 5)); }
window.result = { W, H, canvas2dMs: median(a), webglReadPixelsMs: median(b), canvas2dMin: Math.min(...a), webglMin: Math.min(...b) };
