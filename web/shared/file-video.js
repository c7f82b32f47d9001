// A muted <video> element playing a File or Blob through an object URL, and its release: the
// video decoders, the page's scrub view and the widget's preview all open a file this way, and a
// forgotten revoke or a kept src would hold the file's bytes and a decoder.

/** → { video, release() }: release() detaches the source and revokes the URL (safe to call twice). */
export function openFileVideo(blob, { preload = 'auto' } = {}) {
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.preload = preload;
  const url = URL.createObjectURL(blob);
  video.src = url;
  let released = false;
  return {
    video,
    release() {
      if (released) return;
      released = true;
      video.removeAttribute('src');
      video.load();
      URL.revokeObjectURL(url);
    },
  };
}
