// Generates the SDK's typed operations from the committed supergraph and
// operations/*.graphql: the API schema apps see (the supergraph without its
// federation machinery), graphql-codegen's client preset (types and typed
// document nodes), and a map of every operation by method name.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Supergraph } from '@apollo/federation-internals';
import { generate } from '@graphql-codegen/cli';
import { printSchema } from 'graphql';

const packageRoot = fileURLToPath(new URL('..', import.meta.url));
const supergraphFile = fileURLToPath(new URL('../../gateway/supergraph.graphql', import.meta.url));
/** Where the build puts the generated code. */
export const generatedDirectory = fileURLToPath(new URL('../src/generated/', import.meta.url));

/** The SDK's own operations, the documents the generated code is made from. */
export const operationFiles = fileURLToPath(new URL('../operations/*.graphql', import.meta.url));

/** Writes the generated SDK code into `outputDirectory` (a fresh copy each time), from `documents` (a glob). */
export async function generateSdk(outputDirectory = generatedDirectory, documents = operationFiles) {
  const directory = outputDirectory.endsWith('/') ? outputDirectory : `${outputDirectory}/`;
  await rm(directory, { recursive: true, force: true });
  await mkdir(directory, { recursive: true });
  const supergraph = await readFile(supergraphFile, 'utf8');
  const apiSchema = printSchema(Supergraph.build(supergraph).apiSchema().toGraphQLJSSchema());
  const schemaFile = `${directory}schema.graphql`;
  await writeFile(schemaFile, `# Generated from gateway/supergraph.graphql: the API apps see. Do not edit.\n\n${apiSchema}\n`);

  const config = {
    scalars: { DateTime: 'string' },
    enumsAsTypes: true,
    useTypeImports: true,
    // ESM with explicit extensions: the SDK runs unbundled in Node too.
    emitLegacyCommonJSImports: false,
    avoidOptionals: { field: true, inputValue: false, object: true, defaultValue: false },
  };
  await generate(
    {
      cwd: packageRoot,
      schema: schemaFile,
      documents,
      silent: true,
      generates: {
        [directory]: {
          preset: 'client',
          presetConfig: { fragmentMasking: false },
          // Documents as plain strings: nothing to print at run time, and no graphql-js in app bundles.
          config: { ...config, documentMode: 'string' },
        },
        [`${directory}operations.ts`]: {
          plugins: [fileURLToPath(new URL('./operation-map-plugin.cjs', import.meta.url))],
        },
      },
    },
    true,
  );
}

// node scripts/generate-sdk.mjs [output directory] [operations glob]
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await generateSdk(process.argv[2], process.argv[3]);
}
