import { en, type DesignerMessages } from './en.js';
import { zhCN } from './zh-CN.js';

export type { DesignerMessages };
/** The languages the designer speaks. */
export type DesignerLocale = 'en' | 'zh-CN';

/** The designer's dictionary for a locale. */
export const designerMessages = (locale: DesignerLocale): DesignerMessages => (locale === 'zh-CN' ? zhCN : en);
