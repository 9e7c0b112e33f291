import { describe, expect, it } from 'vitest';
import { hanTerms, queryTerms, segment } from './segment.js';
import { searchDocument, searchQuery } from './searchDocument.js';

const texts = (s: string) => segment(s).map((x) => `${x.kind}:${x.text}`);

describe('segment', () => {
  it('splits Han runs from words and drops punctuation', () => {
    expect(texts('宽带故障，请重启光猫。')).toEqual(['han:宽带故障', 'han:请重启光猫']);
    expect(texts('Roaming data-pass 7天')).toEqual(['word:roaming', 'word:data', 'word:pass', 'word:7', 'han:天']);
  });

  it('separates letters from Han characters they touch (mixed zh-en)', () => {
    expect(texts('5G套餐和VoLTE通话')).toEqual(['word:5g', 'han:套餐和', 'word:volte', 'han:通话']);
  });

  it('normalizes full-width letters, digits and punctuation (NFKC) and lower-cases', () => {
    expect(texts('５Ｇ网络（ＷｉＦｉ）')).toEqual(['word:5g', 'han:网络', 'word:wifi']);
  });

  it('treats emoji and symbols as separators, keeping offsets into the original text', () => {
    const s = segment('宽带😀故障 ok');
    expect(s.map((x) => [x.text, x.start, x.end])).toEqual([
      ['宽带', 0, 2],
      ['故障', 4, 6],
      ['ok', 7, 9],
    ]);
    // The emoji is two UTF-16 units: 故 sits at 4 in the original.
    expect(s[1]!.offsets).toEqual([4, 5]);
  });

  it('gives nothing for punctuation, emoji or white space only', () => {
    expect(segment('？！…  😀🎉 ——')).toEqual([]);
  });
});

describe('hanTerms', () => {
  it('indexes every character and every neighbouring pair, a pair at its first character\'s position', () => {
    expect(hanTerms(segment('宽带故障')).map((t) => `${t.lexeme}@${t.position}`)).toEqual(['宽@1', '宽带@1', '带@2', '带故@2', '故@3', '故障@3', '障@4']);
  });

  it('makes no pair across a word or punctuation', () => {
    const lexemes = hanTerms(segment('宽带5G套餐，故障')).map((t) => t.lexeme);
    expect(lexemes).not.toContain('带套');
    expect(lexemes).not.toContain('餐故');
  });
});

describe('queryTerms', () => {
  it('searches a Han run by its bigrams, a lone character by itself', () => {
    expect(queryTerms('宽带故障')).toEqual({ grams: ['宽带', '带故', '故障'], words: [] });
    expect(queryTerms('卡')).toEqual({ grams: ['卡'], words: [] });
  });

  it('drops question words from a long question but keeps them when nothing else is left', () => {
    expect(queryTerms('我的宽带为什么断线').grams).toEqual(['的宽', '宽带', '带为', '么断', '断线']);
    expect(queryTerms('怎么').grams).toEqual(['怎么']);
  });

  it('keeps each term once and takes words from mixed text', () => {
    expect(queryTerms('5G 5G 套餐 套餐')).toEqual({ grams: ['套餐'], words: ['5g'] });
  });
});

describe('searchDocument and searchQuery', () => {
  it('writes Han lexemes as a tsvector literal with field weights, title before tags before body', () => {
    const d = searchDocument({ title: '宽带', tags: ['故障'], body: 'Router 重启' });
    expect(d.han).toBe("'宽':1A '宽带':1A '带':2A '故':4B '故障':4B '障':5B '重':8C '重启':8C '启':9C");
    expect([d.titleWords, d.tagWords, d.bodyWords, d.searchTitle]).toEqual(['', '', 'router', '宽带']);
  });

  it('quotes what a literal must quote', () => {
    expect(searchQuery("o'brien")?.wordQuery).toBe("'o':* | 'brien':*");
  });

  it('builds the query from grams and prefixed words, and refuses a query without terms', () => {
    expect(searchQuery('宽带 router')).toEqual({ hanQuery: "'宽带'", grams: ['宽带'], wordQuery: "'router':*", wordText: 'router', trigramText: '宽带 router', termCount: 2 });
    expect(searchQuery('！？')).toBeUndefined();
  });
});
