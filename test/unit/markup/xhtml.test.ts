// Shared rendering helpers: the standfirst rule and language-stable bylines.
import { describe, expect, it } from 'vitest';
import { byline, formatLongDate } from '../../../src/markup/dates.js';
import { standfirst } from '../../../src/markup/standfirst.js';
import { articleXhtml } from '../../../src/markup/xhtml.js';
import { sampleArticle } from '../../support/article.js';

describe('standfirst', () => {
  const lead = 'Vladimir Putin, the Russian President, recently visited North Korea, his first trip there in 24 years.';
  const withLead = (summary: string) => sampleArticle({
    summary,
    sections: [{ id: 'lead', kicker: null, heading: null, blocks: [{ type: 'paragraph', text: lead }] }],
  });

  it('is left out when the summary is the first paragraph or its cut-down start', () => {
    expect(standfirst(withLead(lead))).toBeNull();
    expect(standfirst(withLead('Vladimir Putin, the Russian President, recently visited\u2026'))).toBeNull();
    expect(articleXhtml(withLead(lead), { titleBlock: true })).not.toContain('class="standfirst"');
  });

  it('is the summary when the summary says something else', () => {
    const article = withLead('Moscow and Pyongyang sign a defence pact.');
    expect(standfirst(article)).toBe('Moscow and Pyongyang sign a defence pact.');
    expect(articleXhtml(article, { titleBlock: true })).toContain('<p class="standfirst">Moscow and Pyongyang sign a defence pact.</p>');
  });
});

describe('bylines', () => {
  it('format the date in the article language, in UTC', () => {
    expect(formatLongDate('2024-06-19T23:30:00.000Z', 'en')).toBe('June 19, 2024');
    expect(formatLongDate('2024-06-19T23:30:00.000Z', 'de')).toBe('19. Juni 2024');
    expect(byline(['Jane Doe', 'John Roe'], '2024-06-19T00:00:00.000Z', 'en')).toBe('Jane Doe and John Roe · June 19, 2024');
  });

  it('fall back to English, not the machine locale, for a language ICU lacks', () => {
    expect(byline(['A', 'B'], '2024-06-19T00:00:00.000Z', 'tlh')).toBe('A and B · June 19, 2024');
  });
});
