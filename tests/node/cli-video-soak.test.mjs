// The CLI's video path keeps its memory flat: a 3-minute 160x120 clip (5,400 frames; the talking
// head looped, or ffmpeg's pattern without the data) through `emolens analyze --json`, the highest
// RSS in the second half of the video against the highest in 10-50%. The bound is absolute, sized
// to what a leak looks like: keeping one 160x120 RGBA frame (77 kB) per frame would add ~200 MB over
// the 2,700 frames of the second half; 24 MB is 9 kB a frame. A relative bound of 5% on ~130 MB sat
// inside the garbage collector's swing (CI saw +8.6 MB with the JS and wasm heaps flat). The same
// measurement on a 1-hour 320x240 clip is bench/video/soak.mjs (figure in bench/video/README.md).
import test from 'node:test';
import assert from 'node:assert/strict';
import { makeLongClip, soakCli } from '../../bench/video/soak.mjs';
import { tempDir } from './support/cli.mjs';
import { hasFfmpeg } from './support/video-frames.mjs';

const MAX_GROWTH_MB = 24;

test(`a 3-minute video through the CLI: peak RSS grows < ${MAX_GROWTH_MB} MB from 10-50% of the video to the second half`,
  { skip: !hasFfmpeg() && 'skipped: ffmpeg/ffprobe not found', timeout: 600_000 }, async (t) => {
    const clip = makeLongClip(tempDir(t), { minutes: 3, width: 160, height: 120 });
    const result = await soakCli(clip.file);
    t.diagnostic(`${clip.source}: ${JSON.stringify(result)}`);
    assert.equal(result.frames, 3 * 60 * 30);
    const byTenth = result.rss_max_by_tenth_mb;
    const growthMb = Math.max(...byTenth.slice(5)) - Math.max(...byTenth.slice(1, 5));
    assert.ok(growthMb < MAX_GROWTH_MB, `peak RSS by tenth of the video: ${byTenth.join(', ')} MB (+${growthMb.toFixed(1)} MB)`);
  });
