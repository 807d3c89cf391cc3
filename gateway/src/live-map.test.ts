import { isTileUrlTemplate, openStreetMapTiles, tileImageSource } from './live-map.js';

describe('the live map tile template', () => {
  it('admits the tiles of its origin to the page, a {s} subdomain as any subdomain', () => {
    expect(tileImageSource(openStreetMapTiles.tileUrl)).toBe('https://tile.openstreetmap.org');
    expect(tileImageSource('https://{s}.tiles.example.com/v1/{z}/{x}/{y}.png?key=1')).toBe('https://*.tiles.example.com');
  });

  it('takes only http(s) templates with {z}, {x} and {y}', () => {
    expect(isTileUrlTemplate(openStreetMapTiles.tileUrl)).toBe(true);
    expect(isTileUrlTemplate('https://tiles.example.com/{z}/{x}.png')).toBe(false);
    expect(isTileUrlTemplate('javascript:alert(1)//{z}/{x}/{y}')).toBe(false);
  });
});
