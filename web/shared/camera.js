// getUserMedia shim: opens a camera into a <video>, lists cameras, switches, and turns every
// failure into a message a person understands. Frames are read from `camera.video`.

const FRONT_CAMERA_640x480 = { facingMode: 'user', width: { ideal: 640 }, height: { ideal: 480 } };

/** A message for a getUserMedia/enumerateDevices failure. */
export function describeCameraError(error) {
  switch (error?.name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'Camera access was denied. Allow the camera for this page (the icon in the address bar), then press Retry.';
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'No camera was found. Plug one in, then press Retry.';
    case 'NotReadableError':
    case 'AbortError':
      return 'The camera is in use by another application or could not be started. Close the other application, then press Retry.';
    case 'NoMediaDevices':
      return 'This browser gives no camera access here: open the page over https or on localhost.';
    default:
      return `The camera could not be started (${error?.message || error}). Press Retry.`;
  }
}

export class Camera {
  /** onEnded(message) is called when a running camera stops by itself (unplugged, revoked). */
  constructor({ onEnded } = {}) {
    this.video = document.createElement('video');
    this.video.muted = true;
    this.video.playsInline = true;
    this.stream = null;
    this.deviceId = null;
    this.facingUser = true;
    this.onEnded = onEnded ?? (() => {});
  }

  /** The video inputs; labels are empty until the user has allowed a camera once. */
  async listCameras() {
    if (!navigator.mediaDevices?.enumerateDevices) return [];
    const devices = await navigator.mediaDevices.enumerateDevices();
    return devices.filter((device) => device.kind === 'videoinput')
      .map((device, index) => ({ deviceId: device.deviceId, label: device.label || `Camera ${index + 1}` }));
  }

  /** Starts the given camera (or the front one at 640x480); throws with a readable `message`. */
  async start(deviceId = null) {
    this.stop();
    if (!navigator.mediaDevices?.getUserMedia) {
      throw Object.assign(new Error(describeCameraError({ name: 'NoMediaDevices' })), { name: 'NoMediaDevices' });
    }
    const video = deviceId
      ? { deviceId: { exact: deviceId }, width: { ideal: 640 }, height: { ideal: 480 } }
      : FRONT_CAMERA_640x480;
    let stream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video, audio: false });
    } catch (error) {
      throw Object.assign(new Error(describeCameraError(error)), { name: error?.name ?? 'Error' });
    }
    const [track] = stream.getVideoTracks();
    const settings = track.getSettings();
    this.stream = stream;
    this.deviceId = settings.deviceId ?? deviceId;
    // Front cameras are shown mirrored, like a mirror; unknown facing counts as front (webcams).
    this.facingUser = settings.facingMode ? settings.facingMode === 'user' : true;
    track.addEventListener('ended', () => {
      if (this.stream !== stream) return;
      this.stop();
      this.onEnded('The camera stopped: it was unplugged, turned off or taken by another application. Press Retry.');
    });
    this.video.srcObject = stream;
    await this.video.play();
  }

  stop() {
    if (this.stream) for (const track of this.stream.getTracks()) track.stop();
    this.stream = null;
    this.video.srcObject = null;
  }

  get running() {
    return this.stream !== null && this.video.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA;
  }
}
