// The CLI's video path keeps its memory flat: a 3-minute 160x120 clip (5,400 frames; the talking
// head looped, or ffmpeg's pattern without the data) through `emolens analyze --json`, the highest
// RSS in the second half of the video against the highest in 10-50%: under 5% growth. The same measurement on
// a 1-hour 320x240 clip is bench/video/soak.mjs (figure in bench/video/README.md): too long for CI.
import test from 'node:test';
import assert from 'node:assert/strict';
import { makeLongClip, soakCli } from '../../bench/video/soak.mjs';
import { tempDir } from './support/cli.mjs';
import { hasFfmpeg } from './support/video-frames.mjs';

const MAX_GROWTH = 0.05;

test(`a 3-minute video through the CLI: peak RSS grows < ${100 * MAX_GROWTH}% from 10-50% of the video to the second half`,
  { skip: !hasFfmpeg() && 'skipped: ffmpeg/ffprobe not found', timeout: 600_000 }, async (t) => {
    const clip = makeLongClip(tempDir(t), { minutes: 3, width: 160, height: 120 });
    const result = await soakCli(clip.file);
    t.diagnostic(`${clip.source}: ${JSON.stringify(result)}`);
    assert.equal(result.frames, 3 * 60 * 30);
    assert.ok(result.growth < MAX_GROWTH, `peak RSS by tenth of the video: ${result.rss_max_by_tenth_mb.join(', ')} MB`);
  });
