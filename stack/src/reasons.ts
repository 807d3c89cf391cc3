import { ActivityReason } from '@pacegraph/activity-rules';
import { ServiceReason } from '@pacegraph/service-kit';
import { SocialReason } from '@pacegraph/social';
import { TelemetryReason } from '@pacegraph/telemetry';

/**
 * Every catalogue of the reasons the API answers with (`extensions.reason`),
 * by name: whatever the gateway or a subgraph refuses, its reason is a value
 * of one of these.
 */
export const apiReasonCatalogues: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  ActivityReason,
  ServiceReason,
  SocialReason,
  TelemetryReason,
};
