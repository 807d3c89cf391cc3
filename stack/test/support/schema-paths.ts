import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isNonNullType,
  isObjectType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
} from 'graphql';

/** One step of a path: a field of an object type. */
export interface PathStep {
  type: GraphQLObjectType;
  field: GraphQLField<unknown, unknown>;
}

/** A path from a root field to a field whose type is one of the targets. */
export interface SchemaPath {
  steps: PathStep[];
  /** The target type the path ends at. */
  target: string;
}

/**
 * Every path from `root`'s fields to a field of a `targets` type, through
 * object fields, each field at most once on a path and at most `maxSteps`
 * fields long: generated from the schema, so a path added later is walked too.
 */
export function pathsToTargets(
  root: GraphQLObjectType,
  targets: readonly string[],
  options: { maxSteps: number; rootFields?: (field: GraphQLField<unknown, unknown>) => boolean },
): SchemaPath[] {
  const paths: SchemaPath[] = [];
  const walk = (type: GraphQLObjectType, steps: PathStep[], used: Set<string>) => {
    for (const field of Object.values(type.getFields())) {
      if (steps.length === 0 && options.rootFields && !options.rootFields(field)) continue;
      const key = `${type.name}.${field.name}`;
      const fieldType = getNamedType(field.type);
      if (used.has(key) || !isObjectType(fieldType)) continue;
      const path = [...steps, { type, field }];
      if (targets.includes(fieldType.name)) paths.push({ steps: path, target: fieldType.name });
      if (path.length < options.maxSteps) walk(fieldType, path, new Set([...used, key]));
    }
  };
  walk(root, [], new Set());
  return paths;
}

/** Values for a field's arguments: required ones always, optional ones where `argument` gives one. */
export type ArgumentValues = (field: GraphQLField<unknown, unknown>, argument: GraphQLArgument) => unknown;

function literal(value: unknown, type: GraphQLInputType): string {
  const named = getNamedType(type);
  if (value === null) return 'null';
  if (Array.isArray(value)) return `[${value.map((item) => literal(item, named)).join(', ')}]`;
  if (isEnumType(named) && typeof value === 'string') return value;
  if (isInputObjectType(named) && typeof value === 'object') {
    const fields = named.getFields();
    return `{ ${Object.entries(value as Record<string, unknown>)
      .map(([name, item]) => `${name}: ${literal(item, fields[name]!.type)}`)
      .join(', ')} }`;
  }
  return JSON.stringify(value);
}

function argumentsText(field: GraphQLField<unknown, unknown>, values: ArgumentValues): string {
  const given = field.args
    .map((argument) => ({ argument, value: values(field, argument) }))
    .filter(({ argument, value }) => value !== undefined || (isNonNullType(argument.type) && argument.defaultValue === undefined));
  if (given.length === 0) return '';
  return `(${given.map(({ argument, value }) => `${argument.name}: ${literal(value ?? null, argument.type)}`).join(', ')})`;
}

/**
 * A selection of everything a type shows: its leaf fields and, `levels` deep,
 * its object fields' (each with `__typename` and `id` where it has one, so
 * every entity in an answer can be told), but the fields named in `skip`
 * (`User.privacyZones`).
 */
export function wholeSelection(
  type: GraphQLObjectType,
  values: ArgumentValues,
  levels: number,
  skip: ReadonlySet<string> = new Set(),
): string {
  const fields = Object.values(type.getFields()).filter((field) => !skip.has(`${type.name}.${field.name}`));
  const parts = ['__typename'];
  for (const field of fields) {
    const named = getNamedType(field.type);
    if (isLeafType(named)) parts.push(`${field.name}${argumentsText(field, values)}`);
    else if (levels > 0 && isObjectType(named)) {
      parts.push(`${field.name}${argumentsText(field, values)} { ${wholeSelection(named, values, levels - 1, skip)} }`);
    } else if (isObjectType(named) && named.getFields().id) {
      parts.push(`${field.name}${argumentsText(field, values)} { __typename id }`);
    }
  }
  return parts.join(' ');
}

/** The operation that walks `path` and selects `terminal` at its end (and `__typename id` on the way). */
export function pathOperation(
  operation: 'query' | 'mutation' | 'subscription',
  path: SchemaPath,
  values: ArgumentValues,
  terminal: string,
): string {
  let selection = terminal;
  for (const [index, { field }] of [...path.steps.entries()].reverse()) {
    const named = getNamedType(field.type) as GraphQLObjectType;
    const identity = index === path.steps.length - 1 ? '' : named.getFields().id ? '__typename id ' : '__typename ';
    selection = `${field.name}${argumentsText(field, values)} { ${identity}${selection} }`;
  }
  return `${operation} { ${selection} }`;
}

/**
 * The field (`User.privacyZones`) an answer's error path (`me.followers.edges.0.node.privacyZones`)
 * ends at, from the operation's root type.
 */
export function fieldAtResponsePath(root: GraphQLObjectType, responsePath: readonly (string | number)[]): string | undefined {
  let type: GraphQLObjectType = root;
  let coordinate: string | undefined;
  for (const segment of responsePath) {
    if (typeof segment === 'number') continue;
    const field = type.getFields()[segment];
    if (!field) return undefined;
    coordinate = `${type.name}.${field.name}`;
    const named = getNamedType(field.type);
    if (!isObjectType(named)) break;
    type = named;
  }
  return coordinate;
}

/** Readable name of a path: `me.commentsWritten.edges.node.activity`. */
export function pathName(path: SchemaPath): string {
  return path.steps.map(({ field }) => field.name).join('.');
}
