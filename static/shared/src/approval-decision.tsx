import { useState, type ReactNode } from 'react';
import './approval-decision.css';

export type ApprovalChoice = 'approve' | 'send-back';

/**
 * The one way a party decides on what the other party submitted (an action plan, the final report, a new
 * version of the process template): two buttons, Approve and Send back, each opening its own short form (an
 * optional note to approve, a required reason to send back). Each app renders the forms in its own words.
 * Test ids: `${testId}-approve`, `${testId}-send-back`.
 */
export function ApprovalDecision(props: {
  readonly testId: string;
  readonly labels: { readonly approve: string; readonly sendBack: string };
  readonly disabled: boolean;
  /** What is decided on (e.g. "Version 2 awaits your decision."). */
  readonly heading?: ReactNode;
  readonly renderForm: (choice: ApprovalChoice, close: () => void) => ReactNode;
}) {
  const { testId, labels, disabled, heading, renderForm } = props;
  const [open, setOpen] = useState<ApprovalChoice | null>(null);
  const button = (choice: ApprovalChoice, label: string, tone: string) => (
    <button
      type="button"
      className={`button ${open === choice ? 'button--selected' : tone}`}
      disabled={disabled}
      aria-expanded={open === choice}
      onClick={() => setOpen(open === choice ? null : choice)}
      data-testid={`${testId}-${choice}`}
    >
      {label}
    </button>
  );
  return (
    <div className="approval-decision" data-testid={testId}>
      {heading}
      <div className="action-bar">
        {button('approve', labels.approve, 'button--primary')}
        {button('send-back', labels.sendBack, 'button--default')}
      </div>
      {open && renderForm(open, () => setOpen(null))}
    </div>
  );
}
