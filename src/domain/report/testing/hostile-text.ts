import fc from 'fast-check';
import type { FixtureTexts } from './report-fixture';

/**
 * Hostile user text for the markup property tests (render-report.property.test.ts and
 * test/contract/storage-format.property.test.ts): markup, scripts, broken XML, entities, CDATA ends,
 * Markdown and table syntax, control characters, bidirectional overrides, lone surrogates, astral
 * characters, and random mixtures of all of them.
 */
export const NASTY = [
  '<script>alert(1)</script>',
  '<SCRIPT src=//x>',
  '"><img src=x onerror=alert(1)>',
  '</p></td></tr></table><p>',
  '<ac:structured-macro ac:name="html"><ac:plain-text-body><![CDATA[<script>x</script>]]></ac:plain-text-body></ac:structured-macro>',
  ']]>',
  '&nbsp; &amp; &#0; &#x1; &unknown;',
  '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "boom">]>&e;',
  '<!-- comment -->',
  '| a | b |\n|---|---|',
  '# heading\n1. list\n- item\n> quote\n```code```',
  '[link](javascript:alert(1))',
  '\u0000\u0001\u0008\u000b\u000c\u001f\u007f\u0085\ufffe\uffff',
  '\ud800 lone high, lone low \udfff',
  '😀 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 \u202e RTL',
  'invoice\u202Efdp.exe \u2066isolated\u2069 \u202Aembedded\u202C',
  '\r\n\r\n',
  '   ',
  '',
];
const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n));
export const hostile = fc.oneof(
  fc.constantFrom(...NASTY),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: anyCodeUnit, maxLength: 40 }),
  fc
    .array(fc.oneof(fc.constantFrom(...NASTY, '<', '>', '&', '"', "'", ']]>', '\n'), fc.string({ unit: anyCodeUnit, maxLength: 5 })), {
      maxLength: 8,
    })
    .map((parts) => parts.join('')),
);
export const texts: fc.Arbitrary<FixtureTexts> = fc.record({
  summary: hostile,
  problem: hostile,
  impact: hostile,
  note: hostile,
  comment: hostile,
  plan: hostile,
  name: hostile,
  reason: hostile,
  lessons: hostile,
  principle: hostile,
});
export const locale = fc.constantFrom('de' as const, 'en' as const);
