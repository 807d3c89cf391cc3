import pg from 'pg';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../src/embedded-postgres.js';

describe('the embedded PostgreSQL server', () => {
  let embedded: EmbeddedPostgres;
  beforeAll(async () => {
    embedded = await startEmbeddedPostgres();
  });
  afterAll(() => embedded.stop());

  it('keeps the queries of many connections apart, while another runs transactions', async () => {
    const connect = async () => {
      const client = new pg.Client({ connectionString: embedded.url });
      await client.connect();
      return client;
    };
    const clients = await Promise.all(Array.from({ length: 6 }, connect));
    const transactions = await connect();
    let stop = false;
    const transacting = (async () => {
      while (!stop) {
        await transactions.query('BEGIN');
        await transactions.query('SELECT $1::text AS t', ['inside']);
        await transactions.query('COMMIT');
      }
    })();
    try {
      // Each connection asks a differently shaped query: an answer from another's statement would show.
      const answers = await Promise.all(
        clients.map(async (client, index) => {
          const seen: unknown[] = [];
          for (let round = 0; round < 40; round++) {
            const columns = Array.from({ length: index + 1 }, (_, column) => `$1::int + ${column} AS c${column}`).join(', ');
            const { rows } = await client.query(`SELECT ${columns}`, [round * 10 + index]);
            seen.push(rows[0]);
          }
          return seen;
        }),
      );
      answers.forEach((seen, index) =>
        expect(seen).toEqual(
          Array.from({ length: 40 }, (_, round) =>
            Object.fromEntries(Array.from({ length: index + 1 }, (_, column) => [`c${column}`, round * 10 + index + column])),
          ),
        ),
      );
    } finally {
      stop = true;
      await transacting;
      await Promise.all([...clients, transactions].map((client) => client.end()));
    }
  });

  it('keeps a transaction to its own connection, and serves others after it ends', async () => {
    const [owner, other] = [new pg.Client({ connectionString: embedded.url }), new pg.Client({ connectionString: embedded.url })];
    await Promise.all([owner.connect(), other.connect()]);
    try {
      await owner.query('CREATE TABLE IF NOT EXISTS visits (n int)');
      await owner.query('BEGIN');
      await owner.query('INSERT INTO visits VALUES (1)');
      const outside = other.query('SELECT count(*)::int AS n FROM visits');
      await owner.query('ROLLBACK');
      expect((await outside).rows[0]).toEqual({ n: 0 });
    } finally {
      await Promise.all([owner.end(), other.end()]);
    }
  });

  it('goes on serving after a connection errs mid-exchange', async () => {
    const client = new pg.Client({ connectionString: embedded.url });
    await client.connect();
    try {
      await expect(client.query('SELECT $1::int', ['not a number'])).rejects.toThrow();
      expect((await client.query('SELECT $1::int AS n', [7])).rows[0]).toEqual({ n: 7 });
    } finally {
      await client.end();
    }
  });
});
