import { TEXT } from '../../console/src/text';

const slots = (template: string): string[] => [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();

describe('the console words of the rebalance, indicators and map pages', () => {
  const mine = Object.entries(TEXT).filter(([key]) => /^(rb|kpi|map)/.test(key));

  it('When a sentence has slots, then Chinese and English have the same ones', () => {
    expect(mine.length).toBeGreaterThan(50);
    for (const [key, text] of mine) expect([key, slots(text['zh-CN'])]).toEqual([key, slots(text.en)]);
  });

  it('When a word is shown, then it exists in both languages and is not left in English in the Chinese', () => {
    for (const [key, text] of mine) {
      expect([key, text['zh-CN'].length > 0 && text.en.length > 0]).toEqual([key, true]);
      expect([key, /[\u4e00-\u9fff]/.test(text['zh-CN']) || /^[{}\s\d→%.,/-]*$/.test(text['zh-CN'].replace(/\{\w+\}/g, ''))]).toEqual([
        key,
        true,
      ]);
    }
  });
});
