// Whether a dropped, pasted or picked file goes to video mode: decided without the video modules,
// which the page imports only once a video arrives.

/**
 * Whether a file is to be treated as a video: by its MIME type (video/*, image/*), else by its name,
 * else by its first bytes (an ISO BMFF `ftyp` box: mp4/mov; the EBML magic: webm/mkv). Images (and
 * anything else) go to photo mode, which names what it cannot read.
 */
export async function isVideoFile(file) {
  if (/^(video|image)\//.test(file.type)) return file.type.startsWith('video/');
  if (/\.(mp4|m4v|mov|webm|mkv|ogv)$/i.test(file.name ?? '')) return true;
  const head = new Uint8Array(await file.slice(0, 12).arrayBuffer());
  const ascii = String.fromCharCode(...head.slice(4, 8));
  return ascii === 'ftyp' || (head[0] === 0x1a && head[1] === 0x45 && head[2] === 0xdf && head[3] === 0xa3);
}
