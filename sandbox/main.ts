/**
 * `npm start`: runs the app locally in the sandbox (emulated Forge, Jira and Confluence on SQLite) and
 * serves the sandbox UI on http://localhost:$PORT (3000 by default), the app's Custom UI frames from their own
 * origin on http://localhost:$FRAME_PORT (PORT + 1 by default), as Forge's CDN is another origin than the site.
 *
 * Flags: `--fresh` wipes the data file first. Env: PORT, FRAME_PORT, SANDBOX_DATA_FILE (default
 * `.sandbox-data/sandbox.sqlite` under the project, git-ignored).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { loadAppDemo } from './app-demo/demo-escalations';
import { createSandbox } from './platform/create-sandbox';
import { startServer } from './web/server';

async function main(): Promise<void> {
  const appDir = path.resolve(__dirname, '..');
  const fresh = process.argv.includes('--fresh');
  const port = parsePort(process.env.PORT ?? '3000');
  const dataFile = path.resolve(appDir, process.env.SANDBOX_DATA_FILE ?? path.join('.sandbox-data', 'sandbox.sqlite'));
  mkdirSync(path.dirname(dataFile), { recursive: true });

  const sandbox = await createSandbox({ appDir, dataFile, fresh, demoData: true, deliverEventsAtOnce: true });
  if (await loadAppDemo(sandbox)) console.log('Loaded the demo: project DEMO with its parties, workflow rules and escalations.');
  const framePort = process.env.FRAME_PORT === undefined ? undefined : parsePort(process.env.FRAME_PORT);
  const server = await startServer(sandbox, { port, framePort, host: process.env.HOST });
  console.log(`Forge sandbox running at ${server.url}  (data: ${path.relative(appDir, dataFile)}${fresh ? ', fresh' : ''})`);
  console.log(`Custom UI frames served from ${server.frameUrl} (their own origin, as Forge's CDN is for a Jira site)`);

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the sandbox…`);
    const forceExit = setTimeout(() => process.exit(1), 5000);
    forceExit.unref();
    server
      .close()
      .then(() => sandbox.close())
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        console.error(error);
        process.exit(1);
      });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${value}"`);
  return port;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
