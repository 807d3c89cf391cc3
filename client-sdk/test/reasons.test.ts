import { ActivityReason } from '@pacegraph/activity-rules';
import { apiReasonCatalogues } from '@pacegraph/stack';
import { RecordingReason, trackPointReason } from '../src/recorder/reasons.js';

const areaOf = (reason: string) => reason.split('.')[0];

describe('the reasons the SDK gives', () => {
  it("are the server's own where the recorder refuses ahead of it", () => {
    expect(apiReasonCatalogues).toHaveProperty('ActivityReason', ActivityReason);
  });

  it('are in areas no server catalogue uses where they are the recorder’s own', () => {
    const serverAreas = new Set(Object.values(apiReasonCatalogues).flatMap((catalogue) => Object.values(catalogue).map(areaOf)));
    const ownAreas = new Set([...Object.values(RecordingReason), trackPointReason('INVALID_VALUE')].map(areaOf));
    expect([...ownAreas].filter((area) => serverAreas.has(area))).toEqual([]);
  });
});
