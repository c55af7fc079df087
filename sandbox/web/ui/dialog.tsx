import type { ReactNode } from 'react';

/**
 * A modal dialog over the page, as Jira's (a transition screen, the question before a link leaves the site): the
 * title is its accessible name, the actions sit at its foot.
 */
export function Dialog(props: { title: string; testId: string; children: ReactNode; actions: ReactNode }) {
  const titleId = `${props.testId}-title`;
  return (
    <div className="transition-screen-backdrop">
      <section className="transition-screen" role="dialog" aria-modal="true" aria-labelledby={titleId} data-testid={props.testId}>
        <h2 id={titleId} className="transition-screen-title">
          {props.title}
        </h2>
        {props.children}
        <div className="transition-screen-actions">{props.actions}</div>
      </section>
    </div>
  );
}
