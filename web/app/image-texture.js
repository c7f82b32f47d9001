// A WebGL2 texture holding the latest camera frame or a photo, drawn by ImageRenderer.
// After a lost WebGL context is restored, recreate() makes a new texture with the same picture.

export class ImageTexture {
  constructor(gl) {
    this.gl = gl;
    this.width = 0;
    this.height = 0;
    this.source = null;  // what was uploaded last (video or ImageBitmap), to re-upload after a restore
    this.createTexture();
  }

  createTexture() {
    const gl = this.gl;
    this.texture = gl.createTexture();
    gl.bindTexture(gl.TEXTURE_2D, this.texture);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.LINEAR);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.LINEAR);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_S, gl.CLAMP_TO_EDGE);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_T, gl.CLAMP_TO_EDGE);
  }

  /** Uploads a video's current frame or an ImageBitmap (top row first, as the shader expects). */
  update(source) {
    const gl = this.gl;
    gl.bindTexture(gl.TEXTURE_2D, this.texture);
    gl.pixelStorei(gl.UNPACK_FLIP_Y_WEBGL, false);
    gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, gl.RGBA, gl.UNSIGNED_BYTE, source);
    this.width = source.videoWidth ?? source.width;
    this.height = source.videoHeight ?? source.height;
    this.source = source;
  }

  /** The context was restored: the old texture is gone; make a new one with the same picture. */
  recreate() {
    this.createTexture();
    if (this.source) this.update(this.source);
  }

  dispose() {
    this.gl.deleteTexture(this.texture);
    this.source = null;
  }
}
