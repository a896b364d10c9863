/**
 * How the browser tests start Chromium: headless, with no background traffic of its own (this
 * machine's network is closed, and a test must see only the page's own requests), and with
 * deterministic raster so screenshots change only when the page or the data do.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--disable-partial-raster',
  '--force-color-profile=srgb',
];
