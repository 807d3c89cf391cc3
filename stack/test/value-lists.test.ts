import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  activityStatuses,
  audioCueFields,
  clientIdMaxLength,
  descriptionMaxLength,
  lifecycleEventKinds,
  sports,
  titleMaxLength,
  visibilities,
} from '@pacegraph/activity-rules';
import { ActivityStatus, LifecycleEventKind, Sport, Units, Visibility } from '@pacegraph/db';
import { declaredSchemaShape } from '@pacegraph/db/testing';
import { avatarUrlMaxLength, bioMaxLength, cityMaxLength, units } from '@pacegraph/social';
import { Kind, parse } from 'graphql';
import { apiReasonCatalogues } from '../src/reasons.js';

// @pacegraph/activity-rules is the one source of these lists in code (the
// athlete's units: social's preferences); the
// database's enums and the GraphQL schemas' declare them again in their own
// languages, so this checks every declaration holds exactly the same values.
const lists: Record<string, readonly string[]> = {
  Sport: sports,
  ActivityStatus: activityStatuses,
  Visibility: visibilities,
  Units: units,
  AudioCueField: audioCueFields,
};

const root = new URL('../../', import.meta.url);
const graphqlSchemas = [
  ...readdirSync(new URL('subgraphs/', root)).map((name) => `subgraphs/${name}/schema.graphql`),
  'gateway/supergraph.graphql',
];

/** Each enum a schema declares, by name, with its values in order. */
function enumsOf(path: string): Map<string, string[]> {
  const document = parse(readFileSync(fileURLToPath(new URL(path, root)), 'utf8'));
  const enums = new Map<string, string[]>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.ENUM_TYPE_DEFINITION) {
      enums.set(
        definition.name.value,
        (definition.values ?? []).map((value) => value.name.value),
      );
    }
  }
  return enums;
}

describe('the value lists of an activity', () => {
  it("hold the same values as the database's enums", () => {
    expect(Object.values(Sport)).toEqual(sports);
    expect(Object.values(ActivityStatus)).toEqual(activityStatuses);
    expect(Object.values(Visibility)).toEqual(visibilities);
    expect(Object.values(LifecycleEventKind)).toEqual(lifecycleEventKinds);
    expect(Object.values(Units)).toEqual(units);
  });

  it.each(graphqlSchemas)('hold the same values as the enums %s declares', (path) => {
    const declared = enumsOf(path);
    for (const [name, values] of Object.entries(lists)) {
      if (declared.has(name)) expect({ [name]: declared.get(name) }).toEqual({ [name]: values });
    }
  });

  it('are declared by the schemas that use them', () => {
    const declaring = (name: string) => graphqlSchemas.filter((path) => enumsOf(path).has(name));
    expect(declaring('Sport')).toEqual(expect.arrayContaining(['subgraphs/activity/schema.graphql', 'gateway/supergraph.graphql']));
    expect(declaring('ActivityStatus')).toEqual(
      expect.arrayContaining(['subgraphs/activity/schema.graphql', 'gateway/supergraph.graphql']),
    );
    expect(declaring('Visibility')).toEqual(expect.arrayContaining(['subgraphs/activity/schema.graphql', 'gateway/supergraph.graphql']));
    expect(declaring('AudioCueField')).toEqual(['subgraphs/social/schema.graphql', 'gateway/supergraph.graphql']);
  });

  it('limit titles, descriptions and client ids to what their columns hold', async () => {
    const { columns } = await declaredSchemaShape();
    expect(columns.get('activities.title')).toBe(`character varying(${titleMaxLength}) NOT NULL`);
    expect(columns.get('activities.description')).toBe(`character varying(${descriptionMaxLength})`);
    expect(columns.get('activities.client_id')).toBe(`character varying(${clientIdMaxLength})`);
  });
});

describe('the limits of a profile', () => {
  it('are what their columns hold', async () => {
    const { columns } = await declaredSchemaShape();
    expect(columns.get('users.bio')).toBe(`character varying(${bioMaxLength})`);
    expect(columns.get('users.city')).toBe(`character varying(${cityMaxLength})`);
    expect(columns.get('users.avatar_url')).toBe(`character varying(${avatarUrlMaxLength})`);
  });
});

describe('the catalogues of reasons', () => {
  it('hold each reason, and each area of reasons (ACCOUNT, AUTH…), in one catalogue only', () => {
    const catalogues = new Map<string, Set<string>>();
    for (const [name, catalogue] of Object.entries(apiReasonCatalogues)) {
      for (const reason of Object.values(catalogue)) {
        for (const key of [reason, reason.split('.')[0]!]) catalogues.set(key, new Set([...(catalogues.get(key) ?? []), name]));
      }
    }
    expect([...catalogues].filter(([, names]) => names.size > 1)).toEqual([]);
  });
});
