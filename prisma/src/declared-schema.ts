import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { get_dmmf } from '@prisma/prisma-schema-wasm';
import type { SchemaShape } from './schema-shape.js';

/** schema.prisma of this package. */
export const prismaSchemaPath = fileURLToPath(new URL('../schema.prisma', import.meta.url));

interface DmmfField {
  name: string;
  dbName: string | null;
  kind: 'scalar' | 'enum' | 'object' | 'unsupported';
  type: string;
  isList: boolean;
  isRequired: boolean;
  nativeType: [string, string[]] | null;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
  relationOnUpdate?: string;
}
interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
}
interface DmmfIndex {
  model: string;
  type: 'id' | 'unique' | 'normal' | 'fulltext';
  fields: { name: string; sortOrder?: 'asc' | 'desc' }[];
}
interface Dmmf {
  datamodel: {
    models: DmmfModel[];
    enums: { name: string; dbName: string | null; values: { name: string; dbName: string | null }[] }[];
    indexes: DmmfIndex[];
  };
}

// Prisma scalar → PostgreSQL type (as format_type prints it) where no @db attribute is given.
const defaultTypes: Record<string, string> = {
  String: 'text',
  Int: 'integer',
  BigInt: 'bigint',
  Float: 'double precision',
  Decimal: 'numeric(65,30)',
  Boolean: 'boolean',
  DateTime: 'timestamp(3) without time zone',
  Json: 'jsonb',
  Bytes: 'bytea',
};

// @db.X(args) → PostgreSQL type.
const nativeTypes: Record<string, (args: string[]) => string> = {
  Text: () => 'text',
  VarChar: ([n]) => (n ? `character varying(${n})` : 'character varying'),
  Char: ([n]) => `character(${n ?? 1})`,
  Uuid: () => 'uuid',
  SmallInt: () => 'smallint',
  Integer: () => 'integer',
  BigInt: () => 'bigint',
  Real: () => 'real',
  DoublePrecision: () => 'double precision',
  Decimal: ([p, s]) => (p ? `numeric(${p},${s ?? 0})` : 'numeric'),
  Boolean: () => 'boolean',
  Timestamptz: ([p]) => `timestamp(${p ?? 6}) with time zone`,
  Timestamp: ([p]) => `timestamp(${p ?? 6}) without time zone`,
  Date: () => 'date',
  JsonB: () => 'jsonb',
  Json: () => 'json',
  ByteA: () => 'bytea',
};

function columnType(field: DmmfField, enumNames: Map<string, string>): string {
  let type: string;
  if (field.kind === 'enum') {
    // The database knows an enum by its @@map name.
    const name = enumNames.get(field.type) ?? field.type;
    type = /^[a-z_][a-z0-9_]*$/.test(name) ? name : `"${name}"`;
  } else if (field.nativeType) {
    const [name, args] = field.nativeType;
    const map = nativeTypes[name];
    if (!map) throw new Error(`The drift check does not know @db.${name}; teach it in declared-schema.ts`);
    type = map(args);
  } else {
    const mapped = defaultTypes[field.type];
    if (!mapped) throw new Error(`The drift check does not know the Prisma type ${field.type}`);
    type = mapped;
  }
  return field.isList ? `${type}[]` : type;
}

const referentialActions: Record<string, string> = {
  Cascade: 'CASCADE',
  Restrict: 'RESTRICT',
  NoAction: 'NO ACTION',
  SetNull: 'SET NULL',
  SetDefault: 'SET DEFAULT',
};

/** The shape schema.prisma declares, read through Prisma's own schema parser. */
export async function declaredSchemaShape(schemaPath = prismaSchemaPath): Promise<SchemaShape> {
  const source = await readFile(schemaPath, 'utf8');
  const dmmf = JSON.parse(get_dmmf(JSON.stringify({ prismaSchema: [[schemaPath, source]] }))) as Dmmf;
  const shape: SchemaShape = { columns: new Map(), indexes: new Set(), foreignKeys: new Set(), enums: new Map() };
  const models = new Map(dmmf.datamodel.models.map((model) => [model.name, model]));
  const enumNames = new Map(dmmf.datamodel.enums.map((enumType) => [enumType.name, enumType.dbName ?? enumType.name]));
  const tableOf = (model: DmmfModel) => model.dbName ?? model.name;
  const columnOf = (model: DmmfModel, fieldName: string) => {
    const field = model.fields.find((candidate) => candidate.name === fieldName);
    if (!field) throw new Error(`${model.name}.${fieldName} not found`);
    return field.dbName ?? field.name;
  };

  for (const model of models.values()) {
    const table = tableOf(model);
    for (const field of model.fields) {
      if (field.kind === 'object') {
        if (field.relationFromFields?.length) {
          const target = models.get(field.type)!;
          const from = field.relationFromFields.map((name) => columnOf(model, name)).join(', ');
          const to = (field.relationToFields ?? []).map((name) => columnOf(target, name)).join(', ');
          const onDelete = referentialActions[field.relationOnDelete ?? (field.isRequired ? 'Restrict' : 'SetNull')];
          const onUpdate = referentialActions[field.relationOnUpdate ?? 'Cascade'];
          shape.foreignKeys.add(`${table} (${from}) → ${tableOf(target)} (${to}) ON DELETE ${onDelete} ON UPDATE ${onUpdate}`);
        }
        continue;
      }
      const required = field.isRequired || field.isList;
      shape.columns.set(`${table}.${field.dbName ?? field.name}`, `${columnType(field, enumNames)}${required ? ' NOT NULL' : ''}`);
    }
  }
  const kinds = { id: 'PRIMARY KEY', unique: 'UNIQUE', normal: 'INDEX', fulltext: 'FULLTEXT' } as const;
  for (const index of dmmf.datamodel.indexes) {
    const model = models.get(index.model)!;
    const columns = index.fields.map((field) => `${columnOf(model, field.name)}${field.sortOrder === 'desc' ? ' DESC' : ''}`).join(', ');
    shape.indexes.add(`${tableOf(model)} ${kinds[index.type]} (${columns})`);
  }
  for (const enumType of dmmf.datamodel.enums) {
    shape.enums.set(enumType.dbName ?? enumType.name, enumType.values.map((value) => value.dbName ?? value.name).join(', '));
  }
  return shape;
}
