/**
 * The few strings the main process shows itself (tray, startup error).
 * Everything else is rendered by the web app with its own i18n.
 */
export interface MainMessages {
  readonly appName: string;
  readonly trayShow: string;
  readonly trayQuit: string;
  /** Tray tooltip with the number of waiting offers. */
  readonly trayTooltip: (waiting: number) => string;
  readonly configErrorTitle: string;
}

const EN: MainMessages = {
  appName: 'OmniCC Desktop',
  trayShow: 'Show OmniCC',
  trayQuit: 'Quit',
  trayTooltip: (waiting) => (waiting > 0 ? `OmniCC Desktop – ${waiting} waiting` : 'OmniCC Desktop'),
  configErrorTitle: 'OmniCC Desktop cannot start',
};

const ZH_CN: MainMessages = {
  appName: 'OmniCC 坐席',
  trayShow: '显示 OmniCC',
  trayQuit: '退出',
  trayTooltip: (waiting) => (waiting > 0 ? `OmniCC 坐席 – ${waiting} 个待接入` : 'OmniCC 坐席'),
  configErrorTitle: 'OmniCC 坐席无法启动',
};

/** Messages for a BCP 47 locale: any `zh*` gets zh-CN, the rest English. */
export function mainMessages(locale: string): MainMessages {
  return locale.toLowerCase().startsWith('zh') ? ZH_CN : EN;
}
