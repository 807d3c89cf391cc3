// The quick start in docs/client-sdk.md, compiled with the examples so that it stays true.
import { createClient } from '@pacegraph/client-sdk';
import { sqliteRecordingStore } from '@pacegraph/client-sdk/storage/sqlite-node';

const client = createClient({ url: 'http://127.0.0.1:4000/graphql', storage: sqliteRecordingStore({ path: 'runs.db' }) });
const { data, error } = await client.logIn({ input: { email: 'ada@example.com', password: 'correct horse' } });
if (error) throw new Error(error.code); // typed: BAD_USER_INPUT, UNAUTHENTICATED, NETWORK_ERROR, …
// The client is signed in with the session logIn gave, and refreshes its 15-minute token by itself.
console.log('signed in as', data.logIn.user.name);
const run = (await client.recorder.start({ sport: 'RUN', title: 'Morning run' })).data!;
await run.addPoint({ time: new Date(), lat: 52.0907, lon: 5.1214, accuracy: 4 }); // stored on the device, then synced
const activityId = (await run.created()).data!; // once the server has it (at once when online)
for await (const update of client.subscribe.liveActivity(activityId)) console.log(update.data?.liveActivity.distanceMeters);
