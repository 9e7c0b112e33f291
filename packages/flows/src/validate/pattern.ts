/** Longest answer pattern accepted: patterns are for formats (`1[3-9]\d{9}`), not parsers. */
export const MAX_PATTERN_LENGTH = 100;

const REPEAT = /^(?:[*+]|\{\d+,\d*\})/;
const COUNTED = /^\{(\d+),(\d+)\}/;

/** Whether the text right after a group repeats it more than once: `*`, `+`, `{n,}`, `{n,m}` with m > 1. */
function repeats(rest: string): boolean {
  if (!REPEAT.test(rest)) return false;
  const m = COUNTED.exec(rest);
  return !m || Number(m[2]) > 1;
}

/**
 * Why an ask field's pattern is refused, or undefined when it is safe. The
 * rule is deliberately simple, so a team lead can read it: at most 100
 * characters, a valid regular expression (Unicode mode), no back-references,
 * and no group that is repeated (`*`, `+`, `{n,}`) while it holds a
 * quantifier or an alternation (`(a+)+`, `(a|aa)*`): those are the shapes
 * that backtrack exponentially. Adjacent overlapping quantifiers (`\d*\d*`)
 * are only polynomial and, on answers of bounded length, allowed.
 */
export function patternProblem(pattern: string): { en: string; 'zh-CN': string } | undefined {
  if (pattern.length > MAX_PATTERN_LENGTH) return { en: `The pattern is longer than ${MAX_PATTERN_LENGTH} characters`, 'zh-CN': `校验规则超过 ${MAX_PATTERN_LENGTH} 个字符` };
  try {
    new RegExp(pattern, 'u');
  } catch {
    return { en: 'The pattern is not a valid regular expression', 'zh-CN': '校验规则不是有效的正则表达式' };
  }
  if (/\\[1-9]|\\k</.test(pattern)) return { en: 'The pattern uses a back-reference', 'zh-CN': '校验规则使用了反向引用' };
  // One flag per open group: does it hold a quantifier or an alternation?
  const groups: boolean[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '[') {
      // Skip a character class: nothing inside it is a quantifier.
      for (i++; i < pattern.length && pattern[i] !== ']'; i++) if (pattern[i] === '\\') i++;
      continue;
    }
    if (c === '(') {
      groups.push(false);
      // (?:…) (?=…) (?!…) (?<=…) (?<!…) (?<name>…): the ? opens a group kind, it repeats nothing.
      if (pattern[i + 1] === '?') {
        i += 2;
        if (pattern[i] === '<' && pattern[i + 1] !== '=' && pattern[i + 1] !== '!') i = pattern.indexOf('>', i);
        else if (pattern[i] === '<') i++;
      }
    }
    else if (c === ')') {
      const risky = groups.pop() ?? false;
      if (risky && repeats(pattern.slice(i + 1))) return { en: 'The pattern repeats a group that itself repeats or has alternatives (e.g. (a+)+): it could take very long to check', 'zh-CN': '校验规则对本身含重复或分支的分组再次重复（如 (a+)+），校验可能极慢' };
      if (groups.length > 0 && (risky || REPEAT.test(pattern.slice(i + 1)) || pattern[i + 1] === '?')) groups[groups.length - 1] = true;
    } else if ((c === '*' || c === '+' || c === '?' || c === '{' || c === '|') && groups.length > 0) groups[groups.length - 1] = true;
  }
  return undefined;
}

/** Whether a whole answer matches a (safe) pattern. */
export function matchesPattern(pattern: string, answer: string): boolean {
  try {
    return new RegExp(`^(?:${pattern})$`, 'u').test(answer);
  } catch {
    return false;
  }
}
