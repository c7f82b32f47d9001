// The loading screen: a progress bar over the downloads the worker reports (wasm, models) while
// Dear ImGui starts; it goes away once both are ready, or shows why loading failed.
function megabytes(bytes) {
  return (bytes / 1048576).toFixed(bytes < 1048576 ? 2 : 1);
}

export class LoadingIndicator {
  constructor(element) {
    this.element = element;
    this.bar = element.querySelector('progress');
    this.text = element.querySelector('p');
    this.files = new Map();  // url → {loaded, total, done}
    this.renderer = false;
    this.analysis = false;
    this.update();
  }

  /** A download progressed ({url, loaded, total, done} from the worker). */
  progress({ url, loaded, total, done }) {
    this.files.set(url, { loaded, total: Math.max(total, loaded), done });
    this.update();
  }

  rendererReady() {
    this.renderer = true;
    this.update();
  }

  analysisReady() {
    this.analysis = true;
    this.update();
  }

  analysisFailed(message) {
    this.failed(message);
  }

  failed(message) {
    this.element.hidden = false;
    this.element.dataset.failed = 'true';
    this.bar.hidden = true;
    this.text.textContent = message;
  }

  update() {
    if (this.element.dataset.failed) return;
    if (this.renderer && this.analysis) {
      this.element.hidden = true;
      return;
    }
    let loaded = 0;
    let total = 0;
    for (const file of this.files.values()) {
      loaded += file.loaded;
      total += file.total;
    }
    const downloading = !this.analysis && (total === 0 || loaded < total);
    if (downloading) {
      if (total > 0) Object.assign(this.bar, { max: total, value: loaded });
      this.text.textContent = total > 0
        ? `Loading the analysis engine and models: ${megabytes(loaded)} of ${megabytes(total)} MB`
        : 'Loading the analysis engine and models…';
      return;
    }
    // Compiling and starting take a while after the last byte: an indeterminate bar.
    this.bar.removeAttribute('value');
    const starting = [!this.analysis && 'the analysis engine', !this.renderer && 'the renderer (Dear ImGui)'].filter(Boolean);
    this.text.textContent = `Starting ${starting.join(' and ')}…`;
  }
}
