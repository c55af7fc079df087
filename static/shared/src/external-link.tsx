import { router } from '@forge/bridge';
import { useState, type MouseEvent, type ReactNode } from 'react';
import './external-link.css';

/**
 * A link out of the app's frame. Forge's Custom UI iframe has no `allow-popups` ("Custom UI iframe" docs), so a
 * `target="_blank"` click does nothing there: the click is handed to the host with `router.open`, which opens a
 * new window (after asking the user, for another site). The `<a href>` stays for screen readers and "copy link".
 * When the host refuses or the user declines, `failedText` (in the viewer's language) shows beside the link.
 */
export function ExternalLink(props: {
  readonly href: string;
  readonly children: ReactNode;
  readonly failedText: string;
  readonly className?: string;
  readonly testId?: string;
}) {
  const { href, children, failedText, className, testId } = props;
  const [failed, setFailed] = useState(false);
  const open = (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    setFailed(false);
    void router.open(href).catch(() => setFailed(true));
  };
  return (
    <>
      <a
        className={className}
        href={href}
        target="_blank"
        rel="noopener noreferrer"
        onClick={open}
        // A middle click asks for a new tab too, which the frame may not open itself.
        onAuxClick={(event) => event.button === 1 && open(event)}
        data-testid={testId}
      >
        {children}
      </a>
      {failed && (
        <span className="external-link__failed" role="alert" data-testid={testId ? `${testId}-failed` : 'external-link-failed'}>
          {' '}
          {failedText}
        </span>
      )}
    </>
  );
}
