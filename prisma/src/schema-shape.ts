/**
 * The shape of a database as the drift check compares it: tables, columns
 * (type, nullability), indexes (primary, unique, plain; column order and
 * sort), foreign keys and enums, in plain strings so a difference reads well.
 */
export interface SchemaShape {
  /** `table.column` → `type [NOT NULL]` */
  columns: Map<string, string>;
  /** `table PRIMARY KEY|UNIQUE|INDEX (col, col DESC)` */
  indexes: Set<string>;
  /** `table (cols) → table (cols) ON DELETE x ON UPDATE y` */
  foreignKeys: Set<string>;
  /** enum name → its values in order */
  enums: Map<string, string>;
}

/** Every difference between the schema we declare and the one we find, as sentences. */
export function diffSchemaShapes(declared: SchemaShape, found: SchemaShape): string[] {
  const differences: string[] = [];
  for (const [column, type] of declared.columns) {
    const actual = found.columns.get(column);
    if (actual === undefined) differences.push(`column ${column} is missing from the database`);
    else if (actual !== type) differences.push(`column ${column} is ${actual} in the database but ${type} in schema.prisma`);
  }
  for (const column of found.columns.keys()) {
    if (!declared.columns.has(column)) differences.push(`column ${column} is in the database but not in schema.prisma`);
  }
  const compareSets = (kind: string, declaredSet: Set<string>, foundSet: Set<string>) => {
    for (const item of declaredSet) if (!foundSet.has(item)) differences.push(`${kind} ${item} is missing from the database`);
    for (const item of foundSet)
      if (!declaredSet.has(item)) differences.push(`${kind} ${item} is in the database but not in schema.prisma`);
  };
  compareSets('index', declared.indexes, found.indexes);
  compareSets('foreign key', declared.foreignKeys, found.foreignKeys);
  for (const [name, values] of declared.enums) {
    const actual = found.enums.get(name);
    if (actual === undefined) differences.push(`enum ${name} is missing from the database`);
    else if (actual !== values) differences.push(`enum ${name} is (${actual}) in the database but (${values}) in schema.prisma`);
  }
  for (const name of found.enums.keys()) {
    if (!declared.enums.has(name)) differences.push(`enum ${name} is in the database but not in schema.prisma`);
  }
  return differences;
}
