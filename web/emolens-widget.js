// emolens' embeddable widget: <script type="module" src=".../emolens-widget.js"></script> defines
// <emo-lens mode="camera|photo" size="640x480" histogram="on|off">, which dispatches an `emotion`
// event per analysed frame or photo (detail: the analyzer's result, with its `faces`).
// Everything it needs (worker, wasm, models) is found beside this file, on its own origin.
export { EmoLens } from './widget/emo-lens.js';
