import { describe, expect, it } from 'vitest';
import { parseSurveyScore } from './surveyScore.js';

describe('parseSurveyScore', () => {
  it.each([
    ['5', 5],
    ['1', 1],
    [' 3 ', 3],
    ['５', 5],
    ['１', 1],
    ['五', 5],
    ['一', 1],
    ['四', 4],
    ['5。', 5],
    ['【4】', 4],
    ['"2"!', 2],
    ['5分', 5],
    ['五分', 5],
    ['\u200b5\n', 5],
  ])('%j is %d', (text, score) => {
    expect(parseSurveyScore(text)).toBe(score);
  });

  it.each(['0', '6', '45', '5星', '打5', '非常满意', 'five', '', '。', '5 5', '六', '10'])('%j is no score', (text) => {
    expect(parseSurveyScore(text)).toBeUndefined();
  });
});
