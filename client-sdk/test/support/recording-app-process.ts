import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const appScript = fileURLToPath(new URL('./recording-app.mjs', import.meta.url));

export interface RecordingAppConfig {
  url: string;
  token: string;
  store: string;
  seed: number;
  startMs: number;
}

/** The recording app as a process: send it a command, read its answer; kill it like the OS would. */
export interface RecordingApp {
  send<T = any>(command: Record<string, unknown>, timeoutMs?: number): Promise<T>;
  /** SIGKILL: no chance to flush or close anything. */
  kill(): Promise<void>;
  /** Ends its input and waits for it to exit. */
  close(): Promise<void>;
}

export function startRecordingApp(config: RecordingAppConfig): RecordingApp {
  const child: ChildProcess = spawn(process.execPath, [appScript, JSON.stringify(config)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const answers: string[] = [];
  let waiting: (() => void) | null = null;
  createInterface({ input: child.stdout! }).on('line', (line) => {
    answers.push(line);
    waiting?.();
  });
  const exited = once(child, 'exit');
  return {
    async send(command, timeoutMs = 60_000) {
      child.stdin!.write(`${JSON.stringify(command)}\n`);
      const deadline = Date.now() + timeoutMs;
      while (answers.length === 0) {
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the app exited (${child.exitCode ?? child.signalCode})`);
        if (Date.now() > deadline) throw new Error(`no answer to ${JSON.stringify(command)} within ${timeoutMs} ms`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 200);
          waiting = () => (clearTimeout(timer), resolve());
        });
      }
      const answer = JSON.parse(answers.shift()!);
      if (answer.error) throw new Error(`${command.cmd}: ${answer.error.code} ${answer.error.message}`);
      return answer;
    },
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
    async close() {
      child.stdin!.end();
      await exited;
    },
  };
}
