import { Component, type ContextType, type ErrorInfo, type ReactNode } from 'react';
import { I18nContext } from '../i18n/i18n';

/**
 * Keeps a rendering failure (e.g. a view from a newer server version this bundle does not understand)
 * from leaving a blank frame: shows the failure and a way to start again.
 */
export class ErrorBoundary extends Component<{ readonly children: ReactNode; readonly onRetry: () => void }, { readonly failed: boolean }> {
  static override contextType = I18nContext;
  declare context: ContextType<typeof I18nContext>;
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    // eslint-disable-next-line no-console -- the only trace of a render crash, for support reading the browser console
    console.error('escalation panel failed to render', error, info.componentStack);
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    const { t } = this.context;
    return (
      <div className="state state--error" role="alert" data-testid="render-failed">
        <p className="state__title">{t('app.loadFailed')}</p>
        <button
          type="button"
          className="button button--primary"
          onClick={() => {
            this.setState({ failed: false });
            this.props.onRetry();
          }}
        >
          {t('app.retry')}
        </button>
      </div>
    );
  }
}
