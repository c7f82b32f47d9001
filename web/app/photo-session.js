// Photo mode's state: the photos analysed so far (several in a row, one at a time through the
// worker), each with its faces or a message saying why it could not be analysed, and a texture
// to show it annotated.
import { describePhotoError, displayBitmap } from '../shared/photo.js';
import { ImageTexture } from './image-texture.js';

const MAX_FILE_BYTES = 200 * 1024 * 1024;  // refused before reading: the decoder's pixel limit comes later
const MAX_DISPLAY_SIDE = 4096;             // larger photos are shown downscaled (boxes stay in photo pixels)

export class PhotoSession {
  /** client: an AnalysisClient; gl: the page's WebGL2 context; onChange(photo?): a photo (or the list) changed. */
  constructor({ client, gl, onChange = () => {} }) {
    this.client = client;
    this.gl = gl;
    this.onChange = onChange;
    this.photos = [];  // {id, name, status: 'waiting'|'analysing'|'done'|'error', result, error, texture}
    this.selected = null;
    this.queue = Promise.resolve();
    this.nextId = 1;
  }

  /** Queues files for analysis, in order; the last one that succeeds becomes the selected photo. */
  add(files) {
    for (const file of files) {
      const photo = { id: this.nextId++, name: file.name || 'pasted image', status: 'waiting', result: null, error: null, texture: null };
      this.photos.push(photo);
      this.queue = this.queue.then(() => this.analyse(photo, file));
    }
    this.onChange();
    return this.queue;
  }

  async analyse(photo, file) {
    photo.status = 'analysing';
    this.onChange(photo);
    try {
      if (file.size > MAX_FILE_BYTES) {
        throw Object.assign(new Error(`${(file.size / 1048576).toFixed(0)} MB; files up to ${MAX_FILE_BYTES / 1048576} MB are read`), { code: 'image_too_large' });
      }
      photo.result = await this.client.analyzeImage(await file.arrayBuffer());
      photo.texture = await this.textureOf(file, photo.result);
      photo.status = 'done';
      this.selected = photo;
    } catch (error) {
      photo.status = 'error';
      photo.error = { code: error.code ?? 'internal', message: describePhotoError(photo.name, error) };
    }
    this.onChange(photo);
  }

  async textureOf(file, result) {
    const bitmap = await displayBitmap(file, result, MAX_DISPLAY_SIDE);
    const texture = new ImageTexture(this.gl);
    texture.update(bitmap);
    return texture;
  }

  get busy() {
    return this.photos.some((photo) => photo.status === 'waiting' || photo.status === 'analysing');
  }

  select(photo) {
    if (photo.status === 'done') this.selected = photo;
  }

  /** Forgets every photo (their textures and results); nothing was stored elsewhere. */
  clear() {
    for (const photo of this.photos) {
      photo.texture?.source?.close?.();
      photo.texture?.dispose();
    }
    this.photos = this.photos.filter((photo) => photo.status === 'waiting' || photo.status === 'analysing');
    this.selected = null;
    this.onChange();
  }

  /** After a restored WebGL context: every photo's texture again. */
  recreateTextures() {
    for (const photo of this.photos) photo.texture?.recreate();
  }
}
