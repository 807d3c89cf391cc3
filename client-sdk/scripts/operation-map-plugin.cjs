// A graphql-codegen plugin: every operation of operations/*.graphql by the
// name of the client method that runs it (`query Feed` → `feed`), with the
// typed document node the client preset made for it.
/** @type {import('@graphql-codegen/plugin-helpers').PluginFunction} */
function plugin(_schema, documents) {
  const byKind = { query: [], mutation: [], subscription: [] };
  for (const { document } of documents) {
    for (const definition of document?.definitions ?? []) {
      if (definition.kind !== 'OperationDefinition') continue;
      if (!definition.name) throw new Error('every SDK operation needs a name');
      const name = definition.name.value;
      byKind[definition.operation].push([name.charAt(0).toLowerCase() + name.slice(1), `${name}Document`]);
    }
  }
  const map = (entries) =>
    `{\n${entries
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([method, document]) => `  ${method}: documents.${document},`)
      .join('\n')}\n} as const`;
  return [
    '// Generated from operations/*.graphql by scripts/generate-sdk.mjs. Do not edit.',
    "import * as documents from './graphql.js';",
    '',
    `/** Every query, by the name of its client method. */\nexport const queries = ${map(byKind.query)};`,
    '',
    `/** Every mutation, by the name of its client method. */\nexport const mutations = ${map(byKind.mutation)};`,
    '',
    `/** Every subscription, by the name of its client method. */\nexport const subscriptions = ${map(byKind.subscription)};`,
    '',
  ].join('\n');
}

module.exports = { plugin };
