/**
 * Starts the real server (`luoshi serve`) on a free port and a given database, serving the
 * suite's own build of the web app (`--web-root`), and stops it. The port comes from the line it
 * prints once it listens.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, webRoot } from './playwright.config.js';

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
  output(): string;
}

/** `env` adds to the server's environment (e.g. LUOSHI_NOTIFY=off, LUOSHI_PUBLIC_URL). */
export async function startServer(
  dbPath: string,
  timeoutMs = 60_000,
  env: Record<string, string> = {},
): Promise<RunningServer> {
  const web = webRoot();
  const child: ChildProcess = spawn(
    join(ROOT, 'bin/luoshi'),
    ['serve', '--port', '0', '--db', dbPath, '--web-root', web],
    { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server did not start in ${timeoutMs} ms:\n${log}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      const match = /https?:\/\/[^\s]+:(\d+)/.exec(log);
      if (match) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${match[1]}`);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${log}`));
    });
  });
  return {
    url,
    output: () => log,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
      }),
  };
}
