/** Dev aid: `npx tsx test/e2e/support/serve-fake.ts <panelBuildDir>` serves the sandbox UI over the fake platform. */
import { startServer } from '../../../sandbox/web/server';
import { FakeSandbox } from './fake-sandbox';

const panel = process.argv[2] ?? '/tmp/tp';
startServer(new FakeSandbox({ resources: { panel } }), { port: Number(process.env.PORT ?? 3999) }).then(
  (s) => console.log(`fake sandbox at ${s.url}`),
  (e: unknown) => {
    console.error('fake sandbox did not start:', e);
    process.exitCode = 1;
  },
);
