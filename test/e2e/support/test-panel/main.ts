// A tiny Custom UI app for testing the sandbox's bridge with the real @forge/bridge.
import { events, i18n, invoke, requestJira, showFlag, view } from '@forge/bridge';

const out = document.getElementById('out')!;
const line = (id: string, text: string) => {
  const el = document.createElement('div');
  el.id = id;
  el.textContent = text;
  out.appendChild(el);
};

async function main(): Promise<void> {
  out.textContent = '';
  const context = await view.getContext();
  line('ctx', `context: ${context.accountId} ${context.locale} ${(context.extension as { issue?: { key: string } }).issue?.key ?? '-'}`);
  const t = await i18n.createTranslationFunction();
  line('i18n', `i18n: ${t('panel.greeting')}`);
  // Without metadata the bridge answers with the resolver's return value itself.
  const result = (await invoke('getStatus', { accountId: 'u-forged' })) as { greetingFor: string; issueKey: string };
  line('invoke', `resolver: ${result.greetingFor} ${result.issueKey}`);
  const me = (await (await requestJira('/rest/api/3/myself')).json()) as { displayName: string };
  line('fetch', `myself: ${me.displayName}`);
  await events.on('ping', (payload: { n: number }) => {
    document.getElementById('events')!.textContent = `event: ping ${payload.n}`;
  });
  try {
    await view.submit({});
    line('submit', 'submit: ok');
  } catch (e) {
    line('submit', `submit: ${(e as Error).message}`);
  }
}

document.getElementById('flag')!.addEventListener('click', () => {
  showFlag({ id: 'f1', title: 'Saved', description: 'From the panel', type: 'success', isAutoDismiss: true });
});
document.getElementById('emit')!.addEventListener('click', () => void events.emit('ping', { n: 7 }));
document.getElementById('fail')!.addEventListener('click', () => {
  invoke('fail').catch((e: Error) => line('fail-result', `failed: ${e.message}`));
});
main().catch((e: Error) => line('error', `error: ${e.message}`));
