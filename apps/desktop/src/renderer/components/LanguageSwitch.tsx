import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, currentLanguage, isLanguage, switchLanguage } from '../i18n/index.js';
import { TEST_IDS } from '../testIds.js';

/** Language picker (zh-CN / en); the choice is kept in localStorage. */
export function LanguageSwitch({ className }: { className?: string }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  return (
    <div className={`language-switch${className ? ` ${className}` : ''}`}>
      <label htmlFor={id} className="omni-visually-hidden">
        {t('language.label')}
      </label>
      <select
        id={id}
        className="language-switch__select"
        value={currentLanguage(i18n)}
        onChange={(e) => {
          if (isLanguage(e.target.value)) void switchLanguage(i18n, e.target.value);
        }}
        data-testid={TEST_IDS.languageSwitch}
      >
        {LANGUAGES.map((lng) => (
          <option key={lng} value={lng} lang={lng}>
            {t(`language.${lng}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
