/** Where the live page's map tiles come from. */
export interface LiveMapConfig {
  /** A Leaflet tile URL template (`{z}`, `{x}`, `{y}`; `{s}` for a subdomain). @default OpenStreetMap's tile server */
  tileUrl: string;
  /** The tiles' attribution, HTML shown in the map's corner. @default OpenStreetMap's */
  attribution: string;
}

/** OpenStreetMap's own tiles and the attribution their usage policy asks for. */
export const openStreetMapTiles: LiveMapConfig = {
  tileUrl: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
  attribution: '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
};

const templateOrigin = /^(https?:\/\/[^/?#]+)\//;

/** Whether `template` is an http(s) URL template with `{z}`, `{x}` and `{y}`. */
export function isTileUrlTemplate(template: string): boolean {
  return templateOrigin.test(template) && ['{z}', '{x}', '{y}'].every((part) => template.includes(part));
}

/** The CSP source that admits the template's tiles: its origin, with a `{s}` subdomain as `*`. */
export function tileImageSource(template: string): string {
  const origin = templateOrigin.exec(template)?.[1];
  if (!origin) throw new Error(`not a tile URL template: ${template}`);
  return origin.replace(/\{s\}/g, '*');
}
