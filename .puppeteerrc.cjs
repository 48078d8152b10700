// Galley's tests drive Debian's /usr/bin/chromium (DAISY Ace through puppeteer, playwright-core): no npm
// package may download a browser of its own at install time, so `npm ci` works as the README writes it.
module.exports = { skipDownload: true };
