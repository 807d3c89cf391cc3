import { Kind, parse, TypeInfo, visit, visitWithTypeInfo, type DocumentNode, type GraphQLSchema } from 'graphql';

/**
 * The `@tag` name that marks a field whose value depends on who asks
 * (`hasMyKudos`, `isFollowedByMe`, or anything only the athlete may see).
 * An event whose selection has none is resolved once and shared by every
 * viewer allowed to see it.
 */
export const viewerDependentTag = 'viewer-dependent';
/**
 * The `@tag` name that marks a subscription field whose subgraph sends, with
 * each event, who may see it (`extensions.audience`): the gateway subscribes
 * once for all viewers and checks each of them itself.
 */
export const fanOutTag = 'fan-out';

/** The fields tagged `tag` in a supergraph, as `Type.field`. */
export function taggedFields(supergraphSdl: string, tag: string): Set<string> {
  const fields = new Set<string>();
  for (const definition of parse(supergraphSdl).definitions) {
    if (
      definition.kind !== Kind.OBJECT_TYPE_DEFINITION &&
      definition.kind !== Kind.OBJECT_TYPE_EXTENSION &&
      definition.kind !== Kind.INTERFACE_TYPE_DEFINITION
    )
      continue;
    for (const field of definition.fields ?? []) {
      const tagged = field.directives?.some(
        (directive) =>
          directive.name.value === 'tag' &&
          directive.arguments?.some(
            (argument) => argument.name.value === 'name' && argument.value.kind === Kind.STRING && argument.value.value === tag,
          ),
      );
      if (tagged) fields.add(`${definition.name.value}.${field.name.value}`);
    }
  }
  return fields;
}

/** Whether an operation selects any of `fields` (`Type.field`), through fragments too. */
export function selectsAnyField(schema: GraphQLSchema, document: DocumentNode, fields: ReadonlySet<string>): boolean {
  if (fields.size === 0) return false;
  const typeInfo = new TypeInfo(schema);
  let found = false;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parent = typeInfo.getParentType();
        if (parent && fields.has(`${parent.name}.${node.name.value}`)) found = true;
      },
    }),
  );
  return found;
}
