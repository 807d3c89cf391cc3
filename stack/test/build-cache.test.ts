import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const root = fileURLToPath(new URL('../../', import.meta.url));

interface DryRunTask {
  taskId: string;
  task: string;
  package: string;
  inputs: Record<string, string>;
  dependencies: string[];
  resolvedTaskDefinition: { outputs: string[] };
}

/** The build graph as turbo plans it, each task with the files it hashes. */
async function plannedBuild(): Promise<DryRunTask[]> {
  const { stdout } = await promisify(execFile)(`${root}node_modules/.bin/turbo`, ['run', 'build', '--dry=json'], {
    cwd: root,
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, TURBO_NO_UPDATE_NOTIFIER: '1', TURBO_TELEMETRY_DISABLED: '1' },
  });
  return JSON.parse(stdout).tasks;
}

// Turbo hashes every task's inputs before any task runs: a file a `generate`
// task writes, if also an input of the task after it, is absent from the hash
// of a fresh clone's first build (npm install) and present in the next (npm
// start), so every build depending on it would run again.
describe('the build cache', () => {
  it('hashes no file a generate task writes into a task that depends on it, so npm start after npm install rebuilds nothing', async () => {
    expect(existsSync(`${root}prisma/src/generated/client`)).toBe(true);
    const tasks = await plannedBuild();
    const byId = new Map(tasks.map((task) => [task.taskId, task]));
    const generatedInputs = tasks.flatMap((task) =>
      task.dependencies
        .map((id) => byId.get(id))
        .filter((dependency) => dependency?.task === 'generate' && dependency.package === task.package)
        .flatMap((generate) => generate!.resolvedTaskDefinition.outputs.map((glob) => glob.replace(/\*\*$/, '')))
        .flatMap((directory) => Object.keys(task.inputs).filter((file) => file.startsWith(directory)))
        .map((file) => `${task.taskId}: ${file}`),
    );
    expect(generatedInputs).toEqual([]);
  }, 60_000);
});
