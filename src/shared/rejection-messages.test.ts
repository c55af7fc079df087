import { DEFAULT_PROCESS_TEMPLATE } from '../domain/process/default-template';
import { describeRejection, REJECTION_MESSAGES } from './rejection-messages';

describe('describeRejection', () => {
  it('names the reason, the party awaited and the open obligations with their text, in both languages', () => {
    const rejection = {
      code: 'open-obligations' as const,
      message: 'x',
      awaitedParty: 'contractor' as const,
      openObligations: [{ id: 'L1-C-02', party: 'contractor' as const }],
    };
    const en = describeRejection(rejection, 'en', DEFAULT_PROCESS_TEMPLATE);
    expect(en).toMatch(/^Mandatory obligations of this stage are still open\. Awaiting: Contractor\. Open: L1-C-02 The contractor/);
    const de = describeRejection(rejection, 'de', DEFAULT_PROCESS_TEMPLATE);
    expect(de).toMatch(
      /^Pflichtleistungen dieser Stufe sind noch offen\. Am Zug: Auftragnehmer\. Offen: L1-C-02 Der Auftragnehmer benachrichtigt/,
    );
  });

  it('has a German and an English text for every code, and they differ', () => {
    for (const [code, text] of Object.entries(REJECTION_MESSAGES)) {
      expect(text.de).not.toEqual(text.en);
      expect(text.de.length).toBeGreaterThan(5);
      expect(code).toBeTruthy();
    }
  });
});
