import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const generator = fileURLToPath(new URL('../scripts/generate-sdk.mjs', import.meta.url));
const generatedDirectory = fileURLToPath(new URL('../src/generated/', import.meta.url));
const operationsDirectory = fileURLToPath(new URL('../operations/', import.meta.url));

/** Runs the build's generator (as its own process: codegen loads its plugins in ways jest's module system does not). */
async function generateSdk(outputDirectory: string, operations?: string): Promise<void> {
  await promisify(execFile)(process.execPath, [generator, outputDirectory, ...(operations ? [operations] : [])]);
}

/** Every generated file's text, by name. */
function filesIn(directory: string): Record<string, string> {
  return Object.fromEntries(readdirSync(directory).map((name) => [name, readFileSync(join(directory, name), 'utf8')]));
}

// The build generates the SDK from gateway/supergraph.graphql and operations/*.graphql;
// generating again must give the same files, or the built SDK is stale.
describe('the generated SDK code', () => {
  it('is what the supergraph and the operations give now', async () => {
    const fresh = mkdtempSync(join(tmpdir(), 'pacegraph-sdk-'));
    await generateSdk(fresh);
    expect(filesIn(generatedDirectory)).toEqual(filesIn(fresh));
  }, 60_000);

  it('is found stale when an operation changes', async () => {
    const operations = mkdtempSync(join(tmpdir(), 'pacegraph-operations-'));
    cpSync(operationsDirectory, operations, { recursive: true });
    writeFileSync(join(operations, 'extra.graphql'), 'query MyName { me { id name } }\n');
    const fresh = mkdtempSync(join(tmpdir(), 'pacegraph-sdk-'));
    await generateSdk(fresh, join(operations, '*.graphql'));
    expect(filesIn(fresh)['operations.ts']).toContain('myName: documents.MyNameDocument');
    expect(filesIn(generatedDirectory)).not.toEqual(filesIn(fresh));
  }, 60_000);
});
