/**
 * A small drawn street scene (SVG) used as the image of the detection template's sample task,
 * so a new project can be tried without uploading anything. It is a data: URL, which the CSP
 * allows for images (`img-src 'self' data: blob:`).
 *
 * @example
 * const img = new Image(); img.src = SAMPLE_IMAGE_URL; // 960 × 640
 */
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="960" height="640" viewBox="0 0 960 640">
<defs><linearGradient id="s" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#9cc9f5"/><stop offset="1" stop-color="#e3f0fb"/></linearGradient></defs>
<rect width="960" height="640" fill="url(#s)"/>
<rect x="40" y="150" width="210" height="250" fill="#c9b79c"/><rect x="70" y="180" width="40" height="50" fill="#7aa5c9"/><rect x="150" y="180" width="40" height="50" fill="#7aa5c9"/><rect x="70" y="270" width="40" height="50" fill="#7aa5c9"/><rect x="150" y="270" width="40" height="50" fill="#7aa5c9"/>
<rect x="620" y="90" width="280" height="310" fill="#b5a48c"/><rect x="650" y="120" width="50" height="60" fill="#7aa5c9"/><rect x="730" y="120" width="50" height="60" fill="#7aa5c9"/><rect x="810" y="120" width="50" height="60" fill="#7aa5c9"/><rect x="650" y="220" width="50" height="60" fill="#7aa5c9"/><rect x="810" y="220" width="50" height="60" fill="#7aa5c9"/>
<rect x="0" y="400" width="960" height="240" fill="#8fbf6a"/>
<polygon points="330,400 600,400 880,640 80,640" fill="#6b7280"/>
<polygon points="458,430 472,430 478,470 452,470" fill="#f8fafc"/><polygon points="448,500 482,500 490,560 440,560" fill="#f8fafc"/>
<rect x="372" y="470" width="170" height="60" rx="14" fill="#dc2626"/><rect x="398" y="440" width="110" height="40" rx="10" fill="#ef4444"/><rect x="410" y="447" width="40" height="26" fill="#bfdbfe"/><rect x="458" y="447" width="40" height="26" fill="#bfdbfe"/><circle cx="410" cy="532" r="16" fill="#111827"/><circle cx="505" cy="532" r="16" fill="#111827"/>
<rect x="560" y="540" width="200" height="64" rx="14" fill="#2563eb"/><rect x="590" y="508" width="130" height="42" rx="10" fill="#3b82f6"/><circle cx="600" cy="606" r="17" fill="#111827"/><circle cx="720" cy="606" r="17" fill="#111827"/>
<rect x="285" y="330" width="16" height="90" fill="#7c4a1e"/><circle cx="293" cy="310" r="48" fill="#15803d"/><circle cx="270" cy="335" r="34" fill="#16a34a"/><circle cx="318" cy="335" r="34" fill="#16a34a"/>
<circle cx="820" cy="440" r="14" fill="#f2c9a0"/><rect x="808" y="456" width="24" height="52" rx="6" fill="#7c3aed"/><rect x="798" y="462" width="8" height="40" rx="4" fill="#f2c9a0"/><rect x="834" y="462" width="8" height="40" rx="4" fill="#f2c9a0"/><rect x="810" y="506" width="9" height="44" fill="#1f2937"/><rect x="821" y="506" width="9" height="44" fill="#1f2937"/>
</svg>`;

/** The sample image as a data: URL (960 × 640 pixels). */
export const SAMPLE_IMAGE_URL = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
