// Everything `collect` loads at run time, bundled apart (dist/collect.cjs) so that no other
// command pays for the web server or the QR encoder at start-up.
export { startCollect } from './server.js';
export { FolderInUse, FolderSealed, WriteOutFailed } from './store.js';
export { drawQr } from './qr.js';
export { codeCards } from './cards.js';
