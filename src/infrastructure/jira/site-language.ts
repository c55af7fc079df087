/** A Jira locale (`de_DE`, `en_US`) as one of the app's two languages: anything not German reads as English. */
export const siteLanguage = (locale: string | undefined): 'de' | 'en' => (locale?.toLowerCase().startsWith('de') ? 'de' : 'en');
