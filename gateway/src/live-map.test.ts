import { gatewayConfigFromEnv } from './env.js';
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

describe('the gateway environment for the live map', () => {
  const secrets = { JWT_SECRET: 'j'.repeat(32), INTERNAL_SECRET: 'i'.repeat(32) };

  it("defaults to OpenStreetMap's tiles and takes another server's from LIVE_MAP_TILE_URL and LIVE_MAP_ATTRIBUTION", () => {
    expect(gatewayConfigFromEnv(secrets).liveMap).toEqual(openStreetMapTiles);
    const own = { tileUrl: 'https://{s}.tiles.example.com/{z}/{x}/{y}.png', attribution: '© Example' };
    expect(gatewayConfigFromEnv({ ...secrets, LIVE_MAP_TILE_URL: own.tileUrl, LIVE_MAP_ATTRIBUTION: own.attribution }).liveMap).toEqual(
      own,
    );
  });

  it('refuses to start with a tile URL that is not a template', () => {
    expect(() => gatewayConfigFromEnv({ ...secrets, LIVE_MAP_TILE_URL: 'https://tiles.example.com/tile.png' })).toThrow(
      /LIVE_MAP_TILE_URL/,
    );
  });
});
