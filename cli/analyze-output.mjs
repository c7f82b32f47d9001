// The output of `emolens analyze`, written as the run goes (a long video's records are never held):
// a table, one JSON document, or CSV, for photos and videos alike. Each writer takes the events
// photo(record), videoStart(file, meta), videoFrame(records), videoEnd(result), end(summary).
import fs from 'node:fs';
import { EMOTIONS } from '../peers/emotions.mjs';

const FLUSH_BYTES = 1 << 16;

/** Text out to a file (or stdout when `file` is null), written in 64 KB pieces. */
export function createSink(file) {
  const fd = file ? fs.openSync(file, 'w') : 1;
  let pending = '';
  const flush = () => {
    try {
      if (pending) fs.writeSync(fd, pending);
    } catch (error) {
      // The reader went away (`emolens analyze long.mp4 --csv | head`): nothing more to write for.
      if (error.code === 'EPIPE') process.exit(0);
      throw error;
    }
    pending = '';
  };
  return {
    write(text) {
      pending += text;
      if (pending.length >= FLUSH_BYTES) flush();
    },
    close() {
      flush();
      if (file) fs.closeSync(fd);
    },
  };
}

function csvField(value) {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function jsonWriter(sink, { variant }) {
  let first = true;
  const item = () => {
    sink.write(first ? '\n' : ',\n');
    first = false;
  };
  let firstRecord = true;
  sink.write('{"files": [');
  return {
    photo(record) {
      item();
      sink.write(JSON.stringify(record));
    },
    videoStart(file, meta) {
      item();
      sink.write(`${JSON.stringify({ file, type: 'video', ...meta }).slice(0, -1)}, "records": [`);
      firstRecord = true;
    },
    videoFrame(records) {
      for (const record of records) {
        sink.write(`${firstRecord ? '\n' : ',\n'}${JSON.stringify(record)}`);
        firstRecord = false;
      }
    },
    videoEnd({ frames, tracks, error }) {
      const tail = JSON.stringify({ frames, tracks, ...(error ? { error } : {}) });
      sink.write(`], ${tail.slice(1)}`);
    },
    end(summary) {
      sink.write(`\n], "summary": ${JSON.stringify(summary)}, "variant": ${JSON.stringify(variant)}}\n`);
    },
  };
}

// Photos: file, face, box, label, confidence, probabilities. With videos among the inputs, `frame`
// and `time` (s) follow `file` (empty for photos) and `face` is the track id.
function csvWriter(sink, { hasVideo }) {
  const header = ['file', ...(hasVideo ? ['frame', 'time'] : []), 'face', 'x', 'y', 'width', 'height', 'label', 'confidence', ...EMOTIONS];
  const row = (file, frame, time, id, f) => {
    const cells = [file, ...(hasVideo ? [frame, time] : []), id, f.box.x, f.box.y, f.box.width, f.box.height, f.label, f.confidence,
      ...EMOTIONS.map((e) => f.probabilities[e])];
    sink.write(cells.map(csvField).join(',') + '\n');
  };
  let current = null;
  sink.write(header.join(',') + '\n');
  return {
    photo(record) {
      for (const f of record.faces ?? []) row(record.file, '', '', f.id, f);
    },
    videoStart(file) { current = file; },
    videoFrame(records) {
      for (const r of records) row(current, r.frame, r.time, r.track, r);
    },
    videoEnd() {},
    end() {},
  };
}

function tableWriter(sink, { nameWidth }) {
  const width = Math.min(60, Math.max(4, nameWidth));
  let header = false;
  let current = null;
  const photoHeader = () => {
    if (!header) sink.write(`${'file'.padEnd(width)}  face  label     conf  box (x, y, width, height)\n`);
    header = true;
  };
  return {
    photo(r) {
      photoHeader();
      const name = r.file.padEnd(width);
      if (r.error) sink.write(`${name}  error ${r.error.code}: ${r.error.message}\n`);
      else if (!r.faces.length) sink.write(`${name}  no face found (${r.width}x${r.height})\n`);
      for (const f of r.faces ?? []) {
        const box = [f.box.x, f.box.y, f.box.width, f.box.height].map((v) => Math.round(v)).join(', ');
        sink.write(`${name}  ${String(f.id).padStart(4)}  ${f.label.padEnd(8)} ${(100 * f.confidence).toFixed(0).padStart(4)}%  ${box}\n`);
      }
    },
    videoStart(file, meta) { current = { file, meta }; },
    videoFrame() {},
    videoEnd({ frames, tracks, error }) {
      const { file, meta } = current;
      const seconds = meta.duration ? `, ${meta.duration.toFixed(2)} s` : '';
      sink.write(`\n${file}: video ${meta.width}x${meta.height}${seconds}, ${frames} frames analysed${meta.fps ? ` at ${meta.fps} fps` : ''}, ` +
        `${tracks.length} track${tracks.length === 1 ? '' : 's'}${tracks.length ? '' : ' (no face found)'}\n`);
      if (error) sink.write(`  error ${error.code}: ${error.message}\n`);
      if (tracks.length) {
        sink.write(`  track  frames   from s     to s  label     share  mean ${EMOTIONS.map((e) => e.slice(0, 5).padStart(5)).join(' ')}\n`);
        for (const t of tracks) {
          const share = `${Math.round((100 * t.counts[t.label]) / t.frames)}%`;
          sink.write(`  ${String(t.track).padStart(5)}  ${String(t.frames).padStart(6)}  ${t.first.toFixed(2).padStart(7)}  ` +
            `${t.last.toFixed(2).padStart(7)}  ${t.label.padEnd(8)} ${share.padStart(5)}       ` +
            `${EMOTIONS.map((e) => t.probabilities[e].toFixed(2).padStart(5)).join(' ')}\n`);
        }
      }
      sink.write('\n');
    },
    end() {},
  };
}

/** format: 'json' | 'csv' | 'table'; context: { variant, hasVideo, nameWidth }. */
export function createOutputWriter(format, sink, context) {
  return { json: jsonWriter, csv: csvWriter, table: tableWriter }[format](sink, context);
}
