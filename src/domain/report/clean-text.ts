// The report's renderers and the report export use these; the one implementation is the markup escaper.
export { cleanText, escapeMarkup } from '../markup/escape-markup';
