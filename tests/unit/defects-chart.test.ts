import { describe, expect, test } from 'vitest';
import { lineChart } from '../../src/report/html-kit.js';

// Issue 22 item 12: the history chart's legend listed an area that has no line.
describe('the line chart legend (issue 22 item 12)', () => {
  test('a series with no value has no line and no legend entry', () => {
    const svg = lineChart(
      [{ id: 'low', label: 'Low', min: 0 }] as never,
      'Scores',
      ['2026-01-01', '2026-06-01'],
      [
        { name: 'Overall', values: [40, 50], main: true },
        { name: 'Sales', values: [null, null] },
        { name: 'Delivery', values: [null, 70] },
      ],
    );
    const legend = [...svg.matchAll(/<li>.*?<\/svg> ([^<]+)<\/li>/g)].map((m) => m[1]);
    expect(legend).toEqual(['Overall', 'Delivery']);
    expect(svg.match(/<g class="series/g)?.length).toBe(2 + 2); // two lines, two legend keys
  });
});
