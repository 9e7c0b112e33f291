/**
 * Hand-judged queries over KNOWLEDGE_ARTICLES (the ranking test set,
 * docs/knowledge.md): what an agent types, and the articles that answer it
 * (`relevant`, most useful first; any of them first counts as a hit for MRR).
 */
export interface JudgedQuery {
  q: string;
  kind: 'exact' | 'synonym' | 'partial' | 'typo' | 'mixed' | 'single' | 'question' | 'english';
  relevant: string[];
}

export const KNOWLEDGE_QUERIES: readonly JudgedQuery[] = [
  { q: '宽带 故障', kind: 'exact', relevant: ['bb-down', 'bb-drop', 'bb-slow', 'bb-en'] },
  { q: '宽带无法上网', kind: 'exact', relevant: ['bb-down', 'bb-en'] },
  { q: '网速慢', kind: 'exact', relevant: ['bb-slow'] },
  { q: '套餐变更', kind: 'exact', relevant: ['plan-change'] },
  { q: '话费查询', kind: 'exact', relevant: ['bill-query', 'bill-dispute'] },
  { q: '国际漫游', kind: 'exact', relevant: ['roam-open', 'roam-nosignal', 'roam-en'] },
  { q: '携号转网', kind: 'exact', relevant: ['num-port'] },
  { q: '发票', kind: 'exact', relevant: ['bill-invoice', 'bill-en'] },
  { q: '实名制', kind: 'exact', relevant: ['num-realname'] },
  { q: '宽带提速', kind: 'exact', relevant: ['bb-speedup'] },
  { q: '掉线', kind: 'synonym', relevant: ['bb-drop'] },
  { q: '换套餐', kind: 'synonym', relevant: ['plan-change'] },
  { q: '升级千兆', kind: 'synonym', relevant: ['bb-speedup'] },
  { q: '搬家 宽带', kind: 'synonym', relevant: ['bb-move'] },
  { q: '转网', kind: 'partial', relevant: ['num-port'] },
  { q: '漫游', kind: 'partial', relevant: ['roam-open', 'roam-nosignal', 'roam-en'] },
  { q: '欠费', kind: 'partial', relevant: ['bill-arrears'] },
  { q: '宽代故障', kind: 'typo', relevant: ['bb-down', 'bb-drop', 'bb-slow', 'bb-en'] },
  { q: '携号专网', kind: 'typo', relevant: ['num-port'] },
  { q: 'volte', kind: 'typo', relevant: ['dev-volte'] },
  { q: 'roamng', kind: 'typo', relevant: ['roam-en', 'roam-open'] },
  { q: '5G 套餐', kind: 'mixed', relevant: ['dev-5g', 'plan-data'] },
  { q: 'eSIM 手表', kind: 'mixed', relevant: ['dev-esim'] },
  { q: 'WiFi 密码', kind: 'mixed', relevant: ['bb-wifi-password'] },
  { q: '５Ｇ网络', kind: 'mixed', relevant: ['dev-5g'] },
  { q: '漫游 data pass', kind: 'mixed', relevant: ['roam-en', 'roam-open'] },
  { q: '卡', kind: 'single', relevant: ['num-lost', 'num-realname', 'dev-esim'] },
  { q: '猫', kind: 'single', relevant: ['bb-down', 'bb-drop', 'bb-en', 'dev-repair', 'bb-wifi-password', 'bb-speedup'] },
  { q: '我家的宽带为什么老是断断续续的，怎么办？', kind: 'question', relevant: ['bb-drop', 'bb-down'] },
  { q: '出国旅游手机没有信号怎么回事', kind: 'question', relevant: ['roam-nosignal', 'roam-open'] },
  { q: '我想把号码转到别的运营商需要什么条件', kind: 'question', relevant: ['num-port'] },
  { q: '请问电子发票怎么开，可以报销吗', kind: 'question', relevant: ['bill-invoice', 'bill-en'] },
  { q: 'invoice', kind: 'english', relevant: ['bill-en', 'bill-invoice'] },
  { q: 'broadband router', kind: 'english', relevant: ['bb-en'] },
];
