// Finding Debian's ffmpeg/ffprobe and reading what a video file holds (ffprobe), with the errors a
// user can act on: the package to install, a file that is not a video, a video without pictures.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

/** A video that cannot be analysed: `code` is a stable word as in the JS API's EmolensError. */
export class VideoError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

const INSTALL_HINT = "install Debian's 'ffmpeg' package (apt-get install ffmpeg; scripts/install.sh does)";

let checked = null;
/** Throws ffmpeg_missing unless both ffmpeg and ffprobe run (checked once per process). */
export function requireFfmpeg() {
  checked ??= ['ffmpeg', 'ffprobe'].filter((tool) => spawnSync(tool, ['-version'], { stdio: 'ignore' }).status !== 0);
  if (checked.length) throw new VideoError('ffmpeg_missing', `${checked.join(' and ')} not found: videos need it; ${INSTALL_HINT}`);
}

// "30000/1001" → 29.97; "0/0" or missing → null.
function rate(text) {
  const [num, den] = String(text ?? '').split('/').map(Number);
  return num > 0 && den > 0 ? num / den : null;
}

/**
 * What ffprobe reads from the file → { width, height (as displayed: rotation applied), fps (null
 * when the container has none), duration (s, null when unknown), hasAudio }. Throws VideoError:
 * unsupported_format / corrupt_video when ffprobe cannot read it (which one depends on whether the
 * name says video) or the file is empty, no_video_stream for audio-only files, no_frames for a
 * video file without pictures.
 */
export function probeVideo(file, { namedAsVideo = true } = {}) {
  requireFfmpeg();
  if (fs.statSync(file, { throwIfNoEntry: false })?.size === 0) throw new VideoError('corrupt_video', 'empty file (0 bytes)');
  const probe = spawnSync('ffprobe', ['-v', 'error', '-show_entries',
    'stream=codec_type,width,height,avg_frame_rate,r_frame_rate:stream_side_data=rotation:format=duration',
    '-of', 'json', file], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (probe.status !== 0) {
    const reason = probe.stderr.trim().split('\n').slice(-2).join('; ') || `ffprobe exit ${probe.status}`;
    throw namedAsVideo
      ? new VideoError('corrupt_video', `not a readable video (${reason})`)
      : new VideoError('unsupported_format', `neither a JPEG/PNG image nor a video ffmpeg reads (${reason})`);
  }
  const info = JSON.parse(probe.stdout);
  const streams = info.streams ?? [];
  const video = streams.find((s) => s.codec_type === 'video' && s.width > 0 && s.height > 0);
  const hasAudio = streams.some((s) => s.codec_type === 'audio');
  if (!video && hasAudio) throw new VideoError('no_video_stream', 'audio only: the file has no video stream to analyse');
  // A readable container without pictures: ffmpeg writes a zero-length video this way.
  if (!video && namedAsVideo) throw new VideoError('no_frames', 'the file holds no video frames to analyse (zero length)');
  if (!video) throw new VideoError('unsupported_format', 'neither a JPEG/PNG image nor a file with a video stream');
  const rotation = Number(video.side_data_list?.find((d) => 'rotation' in d)?.rotation ?? 0);
  const turned = Math.abs(rotation) % 180 === 90;
  const duration = Number(info.format?.duration);
  return {
    width: turned ? video.height : video.width,
    height: turned ? video.width : video.height,
    fps: rate(video.avg_frame_rate) ?? rate(video.r_frame_rate),
    duration: duration > 0 ? duration : null,
    hasAudio,
  };
}
