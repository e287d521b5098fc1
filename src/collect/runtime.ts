// Everything `collect` loads at run time, bundled apart (dist/collect.cjs) so that no other
// command pays for the web server or the QR encoder at start-up.
export { removeStaleTemp, startCollect } from './server.js';
export { drawQr } from './qr.js';
